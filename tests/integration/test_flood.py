"""A person flooding any channel (issue 14 item 6): every message stored, one short "vas muy
rápido" in their language, nothing more sent, answered again once they slow down."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from flask import Flask
from sqlalchemy import Engine as SAEngine
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from bot import inbox
from bot.content import Catalog
from bot.engine import ConversationEngine
from bot.flood import FLOOD_INTENT, Flood
from bot.messages import Inbound
from bot.models import Contact, Conversation, Message
from bot.pipeline import Pipeline
from tests.integration.test_webchat import csrf, say
from tests.integration.webhook_support import (
    Harness,
    harness,
    make_settings,
    new_chat_id,
    post_update,
    tg_text,
)
from tests.stubs import StubTelegram

LIMIT = 15  # PERSON_MESSAGES_PER_MINUTE's default


@pytest.fixture
def tg(db_url: str, sa_engine: SAEngine, catalog: Catalog, engine: ConversationEngine,
       telegram_stub: StubTelegram) -> Iterator[Harness]:
    """The app with Telegram on, sending to the stub."""
    with harness(make_settings(db_url, telegram=telegram_stub), catalog, engine) as h:
        yield h


def messages_in(h: Harness, channel: str, address: str) -> list[Message]:
    with h.sessions() as s:
        return list(s.scalars(
            select(Message).join(Conversation).join(Contact)
            .where(Contact.channel == channel, Contact.external_id == address,
                   Message.direction == "in").order_by(Message.id)))


def slow_down(h: Harness, channel: str, address: str) -> None:
    """Two minutes pass: every stored message of the person moves back in time."""
    with h.sessions() as s:
        for m in s.scalars(select(Message).join(Conversation).join(Contact).where(
                Contact.channel == channel, Contact.external_id == address)):
            m.at -= dt.timedelta(minutes=2)
        s.commit()


def test_a_telegram_flood_is_stored_answered_once_then_answered_again_when_slower(
    tg: Harness, telegram_stub: StubTelegram, catalog: Catalog
) -> None:
    chat = new_chat_id()
    texts = [f"hola {n}" for n in range(LIMIT + 40)]
    for text in texts:
        assert post_update(tg.client, tg_text(chat, text)).status_code == 200
    tg.answer()
    tg.deliver()
    stored = messages_in(tg, "telegram", str(chat))
    assert [m.text for m in stored] == texts  # nothing lost
    assert sum(m.intent == FLOOD_INTENT for m in stored) == 40
    sent = telegram_stub.sent_texts(chat)
    notice = catalog.message("too_fast", "es")
    assert sent.count(notice) == 1 and sent[-1] == notice  # one notice, then silence
    before = len(sent)

    slow_down(tg, "telegram", str(chat))
    post_update(tg.client, tg_text(chat, "hola"))
    tg.answer()
    tg.deliver()
    after = telegram_stub.sent_texts(chat)[before:]
    assert after and notice not in after  # answered normally again


def test_the_notice_is_in_the_persons_language(tg: Harness, telegram_stub: StubTelegram,
                                                catalog: Catalog) -> None:
    chat = new_chat_id()
    for n in range(LIMIT + 3):
        post_update(tg.client, tg_text(chat, f"hello, where can I find work in Leon? {n}"))
    tg.answer()
    tg.deliver()
    assert catalog.message("too_fast", "en") in telegram_stub.sent_texts(chat)


def test_a_web_chat_flood_gets_one_notice_and_empty_answers(app: Flask,
                                                           catalog: Catalog) -> None:
    client = app.test_client()
    token = csrf(client)
    replies = [say(client, token, f"hola {n}").get_json()["replies"]
               for n in range(LIMIT + 10)]
    assert all(r for r in replies[:LIMIT])
    assert [r["text"] for r in replies[LIMIT]] == [catalog.message("too_fast", "es")]
    assert all(r == [] for r in replies[LIMIT + 1:])
    history = client.get("/webchat/messages?after=0").get_json()["messages"]
    assert sum(m["author"] == "person" for m in history) == LIMIT + 10


def after_a_flood(tg: Harness, text: str) -> int:
    """A new chat floods past the limit, then writes ``text``; all answered and sent."""
    chat = new_chat_id()
    for n in range(LIMIT + 5):
        post_update(tg.client, tg_text(chat, f"hola {n}"))
    post_update(tg.client, tg_text(chat, text))
    tg.answer()
    tg.deliver()
    return chat


def test_asking_to_erase_ones_data_goes_through_a_flood(tg: Harness, telegram_stub: StubTelegram,
                                                        catalog: Catalog) -> None:
    chat = after_a_flood(tg, "borrar mis datos")
    assert telegram_stub.sent_texts(chat)[-1] == catalog.message("erase_confirm", "es")


def test_an_emergency_goes_through_a_flood(tg: Harness, telegram_stub: StubTelegram) -> None:
    chat = after_a_flood(tg, "me tienen secuestrado ayuda")
    assert "911" in telegram_stub.sent_texts(chat)[-1]
    with tg.sessions() as s:
        conv = s.scalars(select(Conversation).join(Contact)
                         .where(Contact.external_id == str(chat))).one()
        assert conv.status == "waiting" and conv.urgent


def test_a_turn_looks_the_person_up_once_for_the_flood_check_and_the_engine(
    session: Session, sa_engine: SAEngine, engine: ConversationEngine, catalog: Catalog
) -> None:
    pipeline = Pipeline(engine, inbox.Writer(sa_engine), flood=Flood(catalog))
    first = pipeline.receive(session, Inbound("telegram", "lookup-once", "hola"), commit=False)
    session.commit()  # the next turn starts from nothing known
    lookups: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if statement.lstrip().upper().startswith("SELECT") and "FROM contacts" in statement:
            lookups.append(statement)

    event.listen(sa_engine, "before_cursor_execute", count)
    try:
        again = pipeline.receive(session, Inbound("telegram", "lookup-once", "menu"),
                                 commit=False)
    finally:
        event.remove(sa_engine, "before_cursor_execute", count)
    assert again.conversation_id == first.conversation_id and again.replies
    assert len(lookups) == 1
