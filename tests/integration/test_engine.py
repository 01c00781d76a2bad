"""The conversation engine against a real database: state, handoff, erasure, languages."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot import db, migrations
from bot.content import Catalog
from bot.engine import ConversationEngine
from bot.messages import Inbound, Outcome
from bot.models import Contact, Conversation, Erasure, Message


class Person:
    """One person writing to the engine on one channel."""

    def __init__(self, engine: ConversationEngine, session: Session,
                 sender: str = "5215550001234") -> None:
        self.engine, self.session, self.sender = engine, session, sender

    def says(self, text: str | None, kind: str = "text", **kw: object) -> Outcome:
        outcome = self.engine.handle(
            self.session, Inbound("whatsapp", self.sender, text, kind=kind, **kw)  # type: ignore[arg-type]
        )
        self.session.commit()
        return outcome

    def conversation(self) -> Conversation:
        return self.session.scalars(
            select(Conversation).join(Contact).where(Contact.external_id == self.sender)
            .order_by(Conversation.id.desc())
        ).first()  # type: ignore[return-value]


@pytest.fixture
def person(engine: ConversationEngine, session: Session) -> Person:
    return Person(engine, session)


def test_first_message_is_answered_then_privacy_notice(person: Person, catalog: Catalog) -> None:
    out = person.says("hola buenas tardes")
    assert out.intent == "greeting"
    assert out.replies[0].text == catalog.intents["greeting"].text("es")
    assert "borrar mis datos" in out.replies[-1].text.lower()
    again = person.says("hola")
    assert all("borrar mis datos" not in r.text.lower() for r in again.replies)


def test_emergency_first_contact_answers_emergency_before_anything(
    person: Person, catalog: Catalog
) -> None:
    out = person.says("ayuda se llevaron a mi esposo los de la migra y no se donde esta")
    assert out.intent == "emergency"
    assert "911" in out.replies[0].text
    assert out.handoff and out.urgent
    conv = person.conversation()
    assert conv.status == "waiting" and conv.urgent


@pytest.mark.parametrize("text", [
    "ya van 2 dias sin saber de mi hijo, se fue para el norte",  # a missing person
    "un hombre me sigue desde el mercado, que hago",  # danger
])
def test_a_missing_person_or_being_followed_opens_an_urgent_case(
    person: Person, text: str
) -> None:
    out = person.says(text)
    assert out.intent == "emergency" and out.handoff and out.urgent


def test_menu_then_number_picks_that_topic(person: Person, catalog: Catalog) -> None:
    menu = person.says("menu")
    assert menu.intent == "menu"
    third = catalog.intents[catalog.menu[2]]
    assert f"3. {third.menu_title('es')}" in menu.replies[0].text
    assert menu.replies[0].menu[2] == (3, third.menu_title("es"))
    pick = person.says("3")
    assert pick.intent == third.id
    assert pick.replies[0].text == third.text("es")


def test_number_outside_menu_shows_menu_again(person: Person, catalog: Catalog) -> None:
    person.says("menu")
    out = person.says("99")
    assert out.intent is None
    assert "1. " in out.replies[0].text


def test_language_choice_overrides_detection_and_is_remembered(
    person: Person, catalog: Catalog
) -> None:
    out = person.says("english please")
    assert out.intent == "language" and out.lang == "en"
    later = person.says("hola q tal como le hago pa mandar dinero con la tarjeta")
    assert later.lang == "en"
    assert later.replies[0].text == catalog.intents[later.intent or ""].text("en")


def test_language_menu_then_number(person: Person, catalog: Catalog) -> None:
    person.says("quiero cambiar el idioma")
    out = person.says("3")
    assert out.lang == "ht"
    assert out.replies[0].text == catalog.message("language_set", "ht")


def test_detects_english_and_creole(engine: ConversationEngine, session: Session) -> None:
    en = Person(engine, session, "tg-en").says("hi, how can I send money to my mom in Mexico?")
    assert en.lang == "en"
    ht = Person(engine, session, "tg-ht").says("bonjou, mwen bezwen kote pou m dòmi nan Leon")
    assert ht.lang == "ht"


def test_follow_up_number_after_program_gives_contacts(person: Person) -> None:
    person.says("como funciona la tarjeta isseg migrante")
    out = person.says("y el numero?")
    assert out.intent == "contacts"
    assert "+52 473 359 9794" in out.replies[0].text  # dialable from the USA and Mexico
    assert "011 52 473 359 9794" in out.replies[0].text
    assert "https://wa.me/524733599794" in out.replies[0].text


def test_two_misses_offer_a_person_and_yes_opens_handoff(
    person: Person, catalog: Catalog
) -> None:
    first = person.says("asdf qwer zxcv")
    assert first.intent is None and not first.handoff
    second = person.says("ghjk yuio bnm")
    assert second.intent is None
    assert second.replies[0].text == catalog.message("offer_handoff", "es")
    yes = person.says("si")
    assert yes.intent == "human" and yes.handoff and not yes.urgent
    assert person.conversation().status == "waiting"


def test_no_to_offer_stays_with_bot(person: Person, catalog: Catalog) -> None:
    person.says("asdf qwer zxcv")
    person.says("ghjk yuio bnm")
    out = person.says("no")
    assert not out.handoff
    assert out.replies[0].text == catalog.message("handoff_declined", "es")


def test_while_waiting_messages_go_to_people_and_menu_asks_before_leaving(
    person: Person, catalog: Catalog
) -> None:
    # Issue 10: "menu" while waiting asks "¿Ya no necesitas hablar con una persona?" first.
    person.says("quiero hablar con una persona")
    quiet = person.says("es sobre mi hijo que esta alla")  # the handoff notice just acked
    assert quiet.replies == () and quiet.handoff
    asked = person.says("menu")
    assert asked.handoff and asked.replies[0].text == catalog.message("leave_confirm", "es")
    left = person.says("si")
    assert not left.handoff
    assert person.conversation().status == "bot"


def test_emergency_while_waiting_raises_urgency(person: Person) -> None:
    person.says("quiero hablar con un asesor")
    assert not person.conversation().urgent
    out = person.says("me estan extorsionando por telefono ayuda")
    assert "911" in out.replies[0].text
    assert out.urgent and person.conversation().urgent


def test_media_gets_polite_text_in_persons_language(person: Person, catalog: Catalog) -> None:
    person.says("hello, I need help with my documents please")
    out = person.says(None, kind="media")
    assert out.replies[0].text == catalog.message("media_not_supported", "en")


def test_delete_my_data_erases_everything_and_confirms(
    person: Person, session: Session, catalog: Catalog
) -> None:
    person.says("hola")
    person.says("me llamo Juan y vivo en Dallas")
    before = session.scalar(select(func.count(Erasure.id)))
    asked = person.says("borrar mis datos")  # issue 10: erasure asks once for confirmation
    assert not asked.erased and asked.replies[0].text == catalog.message("erase_confirm", "es")
    out = person.says("sí")
    assert out.erased and out.replies[0].text == catalog.message("erased", "es")
    assert session.scalar(select(func.count(Contact.id)).where(
        Contact.external_id == person.sender)) == 0
    assert session.scalar(select(func.count(Message.id)).where(
        Message.text.contains("Dallas"))) == 0
    assert session.scalar(select(func.count(Erasure.id))) == (before or 0) + 1


def test_stop_closes_politely_and_next_message_starts_fresh(person: Person) -> None:
    person.says("hola")
    first = person.conversation().id
    out = person.says("stop")
    assert out.intent == "stop" and out.replies
    assert person.conversation().status == "closed"
    person.says("hola otra vez")
    assert person.conversation().id != first


def test_idle_conversation_is_closed_after_a_day(engine: ConversationEngine,
                                                 session: Session) -> None:
    p = Person(engine, session, "idle-1")
    t0 = dt.datetime(2026, 1, 5, 12, tzinfo=dt.UTC)
    engine.handle(session, Inbound("whatsapp", p.sender, "hola", at=t0))
    first = p.conversation().id
    engine.handle(session, Inbound("whatsapp", p.sender, "hola",
                                   at=t0 + dt.timedelta(days=2)))
    assert p.conversation().id != first


def test_each_sender_has_own_state(engine: ConversationEngine, session: Session) -> None:
    a, b = Person(engine, session, "a-1"), Person(engine, session, "b-2")
    a.says("menu")
    out = b.says("3")
    assert out.intent is not None  # a number is a menu pick for b too, but b saw no notice yet
    assert "borrar mis datos" in out.replies[-1].text.lower()


def test_erasure_as_very_first_message(engine: ConversationEngine, session: Session) -> None:
    p = Person(engine, session, "first-erase")
    assert not p.says("borrar mis datos").erased
    out = p.says("borrar")
    assert out.erased and out.intent == "delete_data"
    assert session.scalar(select(func.count(Contact.id)).where(
        Contact.external_id == "first-erase")) == 0


def test_understanding_done_ahead_gives_the_same_turns(engine: ConversationEngine) -> None:
    # paisano chat --jsonl understands texts in another process: it must change nothing.
    with open(Path(__file__).parents[1] / "data" / "devset.jsonl", encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh][:150]
    texts += ["menu", "3", "1", "english please", "menu", "2", "", "borrar mis datos", "si",
              "hola"]
    outcomes = []
    for ahead in (False, True):
        with migrations.open_session(db.MEMORY_URL) as s:
            seen = []
            for n, text in enumerate(texts):
                inbound = Inbound("cli", f"p{n % 7}", text)
                understood = engine.understand(text) if ahead else None
                outcome = engine.handle(s, inbound, understood)
                s.commit()
                seen.append((outcome.replies, outcome.intent, outcome.lang, outcome.handoff))
            outcomes.append(seen)
    assert outcomes[0] == outcomes[1]


def test_stop_while_waiting_closes_and_leaves_a_note_for_the_agent(
    person: Person, session: Session
) -> None:
    person.says("quiero hablar con un asesor")
    conv_id = person.conversation().id
    out = person.says("ya no quiero mensajes")
    assert out.intent == "stop" and out.status == "bot"
    notes = session.scalars(select(Message.text).where(
        Message.conversation_id == conv_id, Message.direction == "note")).all()
    assert len(notes) == 1 and "no recibir más mensajes" in notes[0]
    assert session.get(Conversation, conv_id).status == "closed"  # type: ignore[union-attr]


def test_stop_in_an_urgent_case_keeps_it_open_silenced_and_the_close_says_nothing(
    person: Person, session: Session, catalog: Catalog
) -> None:
    from bot import handoff
    from bot.agents import create_agent

    person.says("me tienen secuestrado ayuda")
    out = person.says("stop")
    conv = person.conversation()
    assert out.status == "waiting" and conv.urgent and conv.silenced
    assert person.says("hola?").replies == ()
    agent = create_agent(session, "ana-silence", "una-contraseña-larga-de-prueba")
    handoff.claim(session, catalog, conv.id, agent)
    before = session.scalar(select(func.count(Message.id)).where(
        Message.conversation_id == conv.id, Message.direction == "out"))
    handoff.close(session, catalog, conv.id, agent)
    after = session.scalar(select(func.count(Message.id)).where(
        Message.conversation_id == conv.id, Message.direction == "out"))
    assert after == before  # no goodbye and no rating to someone who asked for silence


def test_the_queue_shows_the_language_the_person_uses(person: Person) -> None:
    out = person.says("eske gen yon ajan ki pale kreyòl? m pa pale panyòl byen")
    assert out.lang == "ht" and out.status == "waiting"
    assert person.conversation().lang == "ht"


def test_acknowledgements_while_waiting_come_at_most_every_few_minutes(
    engine: ConversationEngine, session: Session, catalog: Catalog
) -> None:
    p = Person(engine, session, "ack-1")
    t0 = dt.datetime(2026, 12, 2, 18, tzinfo=dt.UTC)

    def at(minutes: float, text: str) -> Outcome:
        return engine.handle(session, Inbound("whatsapp", p.sender, text,
                                              at=t0 + dt.timedelta(minutes=minutes)))

    assert at(0, "quiero hablar con una persona").status == "waiting"
    assert at(1, "es sobre mi hijo que esta alla").replies == ()
    assert at(3, "tiene 17 años").replies == ()
    later = at(7, "sigo aqui")
    assert [r.text for r in later.replies] == [catalog.message("handoff_waiting", "es")]
    assert at(8, "hola").replies == ()


@pytest.mark.parametrize(("channel", "still_out"), [("sms", True), ("telegram", False)])
def test_writing_again_reaches_a_person_again_except_after_an_sms_opt_out(
    engine: ConversationEngine, session: Session, channel: str, still_out: bool
) -> None:
    # Issue 12: on SMS (opt_in_required) only START opts a person back in, as on Twilio; a
    # person who blocked a Telegram bot and writes again has unblocked it.
    sender = f"+5215550{channel}"
    engine.handle(session, Inbound(channel, sender, "hola"))
    contact = session.scalars(select(Contact).where(Contact.channel == channel,
                                                    Contact.external_id == sender)).one()
    contact.unreachable = True  # STOP on SMS; a blocked bot on Telegram
    session.flush()
    out = engine.handle(session, Inbound(channel, sender, "como mando dinero a mexico"))
    assert out.replies  # answered all the same: the SMS worker sends nothing to them
    assert contact.unreachable is still_out
