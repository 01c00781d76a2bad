"""The engine's index of the people a session already looked up (no SELECT per turn).

Each test runs twice: committing after every message with the index kept across commits (as
``paisano chat --jsonl`` does), and with no commit at all between messages (one transaction).
What is stored is read with plain SQL on the connection, past the session's identity map.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import Row, delete, event, select
from sqlalchemy.orm import Session

from bot import handoff, known, privacy
from bot.engine import ConversationEngine
from bot.messages import Inbound, Outcome
from bot.models import Agent, Contact, Conversation, Message

T0 = dt.datetime(2001, 3, 5, 12, tzinfo=dt.UTC)
NOTICE = "borrar mis datos"


class Chat:
    """People writing to the engine through one session."""

    def __init__(self, engine: ConversationEngine, session: Session, *, commit: bool) -> None:
        self.engine, self.session, self.commit = engine, session, commit

    def says(self, sender: str, text: str, **kw: Any) -> Outcome:
        outcome = self.engine.handle(self.session, Inbound("cli", sender, text, **kw))
        if self.commit:
            self.session.commit()
        return outcome

    def rows(self, model: Any, *where: Any) -> list[Row[Any]]:
        """Stored rows (flushing what the session still holds, as any query would)."""
        self.session.flush()
        table = model.__table__
        return list(self.session.connection().execute(
            select(table).where(*where).order_by(table.c.id)))

    def contacts(self, sender: str) -> list[Row[Any]]:
        return self.rows(Contact, Contact.channel == "cli", Contact.external_id == sender)

    def conversations(self, sender: str) -> list[Row[Any]]:
        ids = select(Contact.id).where(Contact.channel == "cli", Contact.external_id == sender)
        return self.rows(Conversation, Conversation.contact_id.in_(ids))


@pytest.fixture(params=["commit-each-turn", "one-transaction"])
def chat(request: pytest.FixtureRequest, engine: ConversationEngine, session: Session) -> Chat:
    if request.param == "commit-each-turn":
        known.keep_across_commits(session)
    return Chat(engine, session, commit=request.param == "commit-each-turn")


def noticed(outcome: Outcome) -> bool:
    return any(NOTICE in reply.text.lower() for reply in outcome.replies)


def test_erase_then_write_again_is_a_new_contact_with_a_fresh_notice(chat: Chat) -> None:
    first = chat.says("ana", "hola")
    chat.says("ana", "me llamo Ana y vivo en Dallas")
    assert not chat.says("ana", "borrar mis datos").erased  # issue 10: asks first
    assert chat.says("ana", "sí").erased
    assert chat.contacts("ana") == []
    again = chat.says("ana", "hola")
    assert noticed(again) and again.contact_id != first.contact_id
    assert [c.id for c in chat.contacts("ana")] == [again.contact_id]
    assert chat.rows(Message, Message.text.contains("Dallas")) == []
    assert not noticed(chat.says("ana", "hola otra vez"))


def test_a_closed_conversation_is_followed_by_a_new_one(chat: Chat) -> None:
    first = chat.says("beto", "hola").conversation_id
    chat.says("beto", "stop")
    second = chat.says("beto", "hola otra vez").conversation_id
    assert second != first
    assert chat.says("beto", "menu").conversation_id == second
    stored = {c.id: (c.status, c.state) for c in chat.conversations("beto")}
    assert stored == {first: ("closed", "idle"), second: ("bot", "menu")}


def test_an_agent_closing_in_the_same_session_is_seen(chat: Chat, session: Session) -> None:
    waiting = chat.says("caro", "quiero hablar con una persona")
    assert waiting.handoff and waiting.conversation_id is not None
    agent = Agent(name="known-test", password_hash="-")
    session.add(agent)
    session.flush()
    handoff.close(session, chat.engine.catalog, waiting.conversation_id, agent)
    rated = chat.says("caro", "5")
    assert rated.conversation_id == waiting.conversation_id and not rated.handoff
    after = chat.says("caro", "hola")
    assert after.conversation_id != waiting.conversation_id
    stored = {c.id: (c.status, c.rating) for c in chat.conversations("caro")}
    assert stored == {waiting.conversation_id: ("closed", 5), after.conversation_id: ("bot", None)}


def test_a_rollback_leaves_no_ghosts(chat: Chat, session: Session) -> None:
    kept = chat.says("dani", "hola")
    session.commit()
    # A transaction that closes the conversation, opens another and creates a new person...
    chat.engine.handle(session, Inbound("cli", "dani", "stop"))
    ghost = chat.engine.handle(session, Inbound("cli", "dani", "hola otra vez"))
    chat.engine.handle(session, Inbound("cli", "eli", "hola"))
    assert ghost.conversation_id != kept.conversation_id
    session.rollback()
    # ...is forgotten: the open conversation is the stored one, and the new person is new.
    back = chat.says("dani", "menu")
    assert back.conversation_id == kept.conversation_id and not noticed(back)
    eli = chat.says("eli", "hola")
    assert noticed(eli)
    assert [c.id for c in chat.contacts("eli")] == [eli.contact_id]
    assert [(c.id, c.status) for c in chat.conversations("dani")] == [
        (kept.conversation_id, "bot")]


def test_two_people_keep_their_own_state(chat: Chat) -> None:
    a = chat.says("fer", "hello, I need help with my documents please")
    b = chat.says("gabi", "hola buenas tardes")
    assert (a.lang, b.lang) == ("en", "es")
    assert a.contact_id != b.contact_id and a.conversation_id != b.conversation_id
    chat.says("fer", "menu")
    assert chat.says("gabi", "hola").lang == "es"
    assert chat.says("fer", "3").intent == "safety_crossing"
    assert [(c.status, c.state, c.lang) for c in chat.conversations("gabi")] == [
        ("bot", "idle", "es")]
    assert [c.lang for c in chat.contacts("fer")] == ["en"]


def test_a_purge_in_the_same_session_is_seen(chat: Chat, session: Session) -> None:
    old = chat.says("hugo", "hola", at=T0)
    chat.says("hugo", "stop", at=T0)
    assert privacy.purge(session, T0 + dt.timedelta(days=30)).contacts == 1
    again = chat.says("hugo", "hola", at=T0 + dt.timedelta(days=40))
    assert noticed(again) and again.contact_id != old.contact_id
    assert [c.id for c in chat.contacts("hugo")] == [again.contact_id]


def test_by_default_nothing_is_trusted_past_a_commit(engine: ConversationEngine,
                                                     session: Session) -> None:
    """Another process may change a person's rows between two transactions."""
    first = engine.handle(session, Inbound("cli", "ines", "hola"))
    session.commit()
    session.connection().execute(delete(Contact.__table__).where(
        Contact.__table__.c.id == first.contact_id))
    session.commit()
    again = engine.handle(session, Inbound("cli", "ines", "hola"))
    session.commit()
    assert noticed(again) and again.contact_id != first.contact_id


def test_a_known_person_costs_no_lookup(chat: Chat, session: Session) -> None:
    """The point of the index: after the first message, no SELECT of contact or conversation
    (counted, not timed), also right after a new conversation was opened."""
    selects: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            selects.append(statement)

    chat.says("juan", "hola")
    chat.says("juan", "stop")
    engine = session.get_bind()
    event.listen(engine, "before_cursor_execute", count)
    try:
        chat.says("juan", "hola otra vez")  # opens a new conversation
        chat.says("juan", "menu")
        chat.says("juan", "3")
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert [s for s in selects if "contacts" in s or "conversations" in s] == []
