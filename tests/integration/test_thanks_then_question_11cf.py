"""Issue 11 (11cf) against a real database: a question asked after a thanks that the whole
message reads as thanks ("gracias, oiga y hay becas?", "mesi, e pou frè m ki te depòte?") gets
"de nada" and then its own answer; a thanks that asks nothing gets the thanks alone."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from bot.content import Catalog
from bot.engine import ConversationEngine
from bot.flow import thanks_first
from bot.messages import Inbound, Outcome


def said(engine: ConversationEngine, session: Session, sender: str, text: str) -> Outcome:
    outcome = engine.handle(session, Inbound("whatsapp", sender, text))
    session.commit()
    return outcome


@pytest.mark.parametrize(("greeting", "text", "lang", "topic"), [
    ("hola", "gracias, oiga y hay becas?", "es", "education"),
    ("hola", "gracias oiga, una pregunta, hay becas?", "es", "education"),
    ("bonjou", "mesi, e pou frè m ki te depòte?", "ht", "returned"),
    ("bonjou", "mesi anpil. e si m vle rete Meksik?", "ht", "transit"),
])
def test_the_question_after_thanks_is_answered_after_de_nada(
    engine: ConversationEngine, session: Session, catalog: Catalog,
    greeting: str, text: str, lang: str, topic: str,
) -> None:
    sender = f"11cf-{text}"
    said(engine, session, sender, greeting)
    out = said(engine, session, sender, text)
    assert (out.intent, out.lang) == (topic, lang)
    assert out.replies[0].text == thanks_first(catalog.intents["thanks"].text(lang))
    answer = "\n".join(r.text for r in out.replies[1:])
    assert catalog.intents[topic].text(lang).split("\n", 1)[0] in answer


@pytest.mark.parametrize("text", ["gracias mija dice mi papa", "gracias y buenas noches",
                                  "mesi e bondye beni nou"])
def test_a_thanks_that_asks_nothing_is_answered_as_thanks(
    engine: ConversationEngine, session: Session, text: str
) -> None:
    sender = f"11cf-only-{text}"
    said(engine, session, sender, "hola")
    assert said(engine, session, sender, text).intent == "thanks"
