"""Issue 11 (11bq) against a real database: "call me" queues once and never repeats or logs the
person's number; a greeting said again within the hour gets the short "aquí estoy"."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.content import Catalog
from bot.engine import GREETING_AGAIN_WITHIN, ConversationEngine
from bot.messages import Inbound, Outcome
from bot.models import Contact, Conversation

T0 = dt.datetime(2026, 12, 2, 18, tzinfo=dt.UTC)  # a Wednesday noon in Mexico City


def said(engine: ConversationEngine, session: Session, sender: str, text: str,
         minutes: float = 0) -> Outcome:
    outcome = engine.handle(session, Inbound("whatsapp", sender, text,
                                             at=T0 + dt.timedelta(minutes=minutes)))
    session.commit()
    return outcome


def conversations(session: Session, sender: str) -> int:
    return session.scalar(select(func.count()).select_from(Conversation).join(Contact)
                          .where(Contact.external_id == sender)) or 0


def test_call_me_with_a_number_queues_and_never_echoes_or_logs_it(
    engine: ConversationEngine, session: Session, catalog: Catalog,
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.DEBUG):
        out = said(engine, session, "call-1", "llámenme al 555 123 4567")
    assert out.status == "waiting" and out.intent == "human" and not out.urgent
    text = "\n".join(r.text for r in out.replies)
    assert catalog.message("call_me", "es").rstrip() in text and "Tu lugar en la fila" in text
    assert "555" not in text and "4567" not in text
    assert "555" not in caplog.text and "4567" not in caplog.text


def test_call_me_again_in_line_takes_no_second_place(
    engine: ConversationEngine, session: Session, catalog: Catalog
) -> None:
    assert said(engine, session, "call-2", "asesor").status == "waiting"
    again = said(engine, session, "call-2", "call me please", 1)
    assert again.status == "waiting" and not again.opened
    assert [r.text for r in again.replies] == [catalog.message("call_me_in_line", "en")]
    assert conversations(session, "call-2") == 1


def test_greeting_again_is_short_then_the_intro_after_the_hour(
    engine: ConversationEngine, session: Session, catalog: Catalog
) -> None:
    intro = catalog.intents["greeting"].text("es")
    assert said(engine, session, "greet-1", "hola").replies[0].text == intro
    short = said(engine, session, "greet-1", "hola?", 1)
    assert [r.text for r in short.replies] == [catalog.message("greeting_again", "es")]
    later = GREETING_AGAIN_WITHIN.total_seconds() / 60 + 60
    assert said(engine, session, "greet-1", "hola", later).replies[0].text == intro


def test_a_greeting_with_a_question_answers_the_question(
    engine: ConversationEngine, session: Session
) -> None:
    said(engine, session, "greet-2", "hola")
    assert said(engine, session, "greet-2", "hola, hay becas?", 1).intent == "education"


def test_the_contacts_asked_beside_a_call_come_first(
    engine: ConversationEngine, session: Session, catalog: Catalog
) -> None:
    out = said(engine, session, "call-3", "dame el numero y q me llame alguien, no quiero escribir")
    assert out.status == "waiting" and len(out.replies) == 3  # the privacy notice last
    assert out.replies[0].text == catalog.intents["contacts"].text("es")
    assert out.replies[1].text.startswith(catalog.message("call_me", "es").rstrip())
