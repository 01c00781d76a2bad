"""Storage models (SQLAlchemy 2.0, typed ``Mapped`` columns).

Who is who: a Contact is one person on one channel; a Conversation is one stretch of talk
with the bot and maybe an agent; a Message is one text in or out. Deleting a contact
deletes everything that belongs to them (``ondelete=CASCADE`` plus ORM cascades).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    ColumnElement,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
    literal,
    select,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import TypeDecorator

__all__ = [
    "Agent", "AuditLog", "Base", "CannedAnswer", "ConsoleSession", "Contact", "Conversation",
    "ConversationLabel", "Erasure", "InboundEvent", "LoginThrottle", "Message", "Outbox",
    "UTCDateTime", "db_now", "db_time", "dedupe_key", "utcnow",
]


def utcnow() -> dt.datetime:
    """The current time, timezone-aware UTC."""
    return dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A timestamp stored in UTC and always read back timezone-aware (SQLite forgets zones)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        """Store in UTC."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: use timezone-aware UTC times")
        return value.astimezone(dt.UTC)

    def process_result_value(
        self, value: dt.datetime | None, dialect: Dialect
    ) -> dt.datetime | None:
        """Read back as aware UTC."""
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


class db_now(FunctionElement[dt.datetime]):  # noqa: N801 - used as a SQL function
    """The database's clock, ``seconds`` ahead (a float or a bind parameter), in SQL.

    What is due and whose lease ran out is judged on one clock for every process: workers
    and web processes on several machines disagree by seconds or more, and a worker whose
    clock runs fast would take a reply another worker still holds (and send it twice).
    PostgreSQL: ``now()``; SQLite: its own clock, written as SQLAlchemy stores times there
    (text, UTC, microseconds), so stored times compare with it.
    """

    type = UTCDateTime()
    inherit_cache = True

    def __init__(self, seconds: float | Any = 0.0) -> None:
        super().__init__(seconds if isinstance(seconds, ColumnElement)
                         else literal(float(seconds), Float()))


def db_time(session: Session) -> dt.datetime:
    """The database's clock now, read once (a round trip): what a reply window is judged by
    and what staff are shown, the same in every process whatever its own clock says."""
    now = session.scalar(select(db_now()))
    assert now is not None  # noqa: S101 - a SELECT of a function returns one row
    return now


@compiles(db_now, "postgresql")
def _db_now_postgresql(element: db_now, compiler: SQLCompiler, **kw: Any) -> str:
    return f"(now() + make_interval(secs => {compiler.process(element.clauses, **kw)}))"


@compiles(db_now, "sqlite")
def _db_now_sqlite(element: db_now, compiler: SQLCompiler, **kw: Any) -> str:
    # %f is seconds with milliseconds (SQLite's clock has no finer grain): three zeros
    # make the microseconds SQLAlchemy writes.
    seconds = compiler.process(element.clauses, **kw)
    return f"strftime('%Y-%m-%d %H:%M:%f000', 'now', {seconds} || ' seconds')"


class Base(DeclarativeBase):
    """Declarative base of every table."""

    type_annotation_map = {dt.datetime: UTCDateTime}


class Contact(Base):
    """One person on one channel (a Telegram chat, a WhatsApp number, a web chat)."""

    __tablename__ = "contacts"
    __table_args__ = (
        UniqueConstraint("channel", "external_id", name="uq_contact_channel_id"),
        {"sqlite_autoincrement": True},  # ids are never reused after an erasure
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    external_id: Mapped[str] = mapped_column(String(128))
    lang: Mapped[str] = mapped_column(String(2), default="es")
    lang_chosen: Mapped[bool] = mapped_column(Boolean, default=False)
    notice_shown: Mapped[bool] = mapped_column(Boolean, default=False)
    unreachable: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_inbound_at: Mapped[dt.datetime | None] = mapped_column()
    # Staff marked this person as abuse: their messages are stored, never answered or queued.
    abuse_at: Mapped[dt.datetime | None] = mapped_column()
    # New cases opened in the hour that began at ``handoff_window_at`` (bot.handoff_limit).
    handoff_window_at: Mapped[dt.datetime | None] = mapped_column()
    handoffs_in_window: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    conversations: Mapped[list[Conversation]] = relationship(
        back_populates="contact", cascade="all, delete-orphan", passive_deletes=True
    )


class Conversation(Base):
    """A stretch of talk; ``status`` says who answers: the bot or (waiting for) a person."""

    __tablename__ = "conversations"
    __table_args__ = (
        Index("ix_conversation_queue", "status", "urgent", "waiting_since"),
        # The console's search lists conversations newest first within the retention period.
        Index("ix_conversations_updated", "updated_at", "id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    # bot | waiting | assigned | closed
    status: Mapped[str] = mapped_column(String(16), default="bot")
    # Step of the bot's flow, see bot.flow.State.
    state: Mapped[str] = mapped_column(String(24), default="idle")
    lang: Mapped[str] = mapped_column(String(2), default="es")
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    misses: Mapped[int] = mapped_column(Integer, default=0)
    last_intent: Mapped[str | None] = mapped_column(String(64))
    topic: Mapped[str | None] = mapped_column(String(64))
    waiting_since: Mapped[dt.datetime | None] = mapped_column()
    assigned_to: Mapped[str | None] = mapped_column(String(64))
    assigned_at: Mapped[dt.datetime | None] = mapped_column()
    rating: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    # Indexed: the console's feed asks "did anything change?" with max(updated_at).
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    closed_at: Mapped[dt.datetime | None] = mapped_column()
    # The person asked for no more messages while an urgent case stays open for an agent.
    silenced: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Last "we got your message" while waiting: acknowledged at most once every few minutes.
    acked_at: Mapped[dt.datetime | None] = mapped_column()
    # Short follow-ups ("¿y cuánto cuesta?") stay on this topic for ``followup_left`` turns.
    followup_intent: Mapped[str | None] = mapped_column(String(64))
    followup_left: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # The last message of the person seen by an agent handling the conversation (any agent
    # while it waits, its holder once assigned): the person's messages after it are unread.
    seen_in_id: Mapped[int | None] = mapped_column(BigInteger().with_variant(Integer, "sqlite"))
    # When the holder's reply box last reported typing (the web chat shows it briefly).
    agent_typing_at: Mapped[dt.datetime | None] = mapped_column()

    contact: Mapped[Contact] = relationship(back_populates="conversations")
    messages: Mapped[list[Message]] = relationship(
        back_populates="conversation",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Message.id",
    )

    @property
    def with_people(self) -> bool:
        """True while the conversation waits for or is with a person."""
        return self.status in ("waiting", "assigned")


class Message(Base):
    """One text: in from the person, out from the bot or an agent, or an internal note."""

    __tablename__ = "messages"
    __table_args__ = (
        # The console's text search reads a bounded window of messages by date.
        Index("ix_messages_at", "at"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), index=True
    )
    direction: Mapped[str] = mapped_column(String(4))  # in | out | note
    author: Mapped[str] = mapped_column(String(64))  # person | bot | agent name
    text: Mapped[str] = mapped_column(Text)
    intent: Mapped[str | None] = mapped_column(String(64))
    score: Mapped[float | None]
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    # The bot did not understand this inbound text (a fallback turn); NULL before 0007.
    # Last, as the migration that added it left it on SQLite.
    missed: Mapped[bool | None] = mapped_column(Boolean)

    conversation: Mapped[Conversation] = relationship(back_populates="messages")


class Erasure(Base):
    """An anonymous count of 'delete my data' requests: a date and nothing else."""

    __tablename__ = "erasures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)


def dedupe_key(external_id: str) -> str:
    """What InboundEvent stores of an update id or MessageSid: its SHA-256, so the table
    holds nothing that could be looked up at Telegram or Twilio after an erasure."""
    return hashlib.sha256(external_id.encode("utf-8")).hexdigest()


class InboundEvent(Base):
    """An inbound update, taken once (Telegram update_id, Twilio MessageSid): the inbox.

    A webhook stores the update here and answers at once; the worker answers it later.
    status: pending (``address`` and ``payload`` hold the sender and the message) -> done
    (both cleared: the text now lives in ``messages``) | failed (gave up; ``last_error``).
    Only a hash of the update id is kept (``dedupe_key``), so once processed the row
    identifies no one, even after the person's data is erased.
    """

    __tablename__ = "inbound_events"
    __table_args__ = (
        UniqueConstraint("channel", "external_id", name="uq_inbound_event"),
        # Only the rows waiting to be answered: the claim walks these, in id order, however
        # many answered rows the table holds.
        Index("ix_inbound_events_pending", "id", postgresql_where=text("status = 'pending'"),
              sqlite_where=text("status = 'pending'")),
        Index("ix_inbound_events_address", "channel", "address"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    external_id: Mapped[str] = mapped_column(String(64))
    # Stamped by the database (``db_now``): the turn's time, the person's reply window.
    received_at: Mapped[dt.datetime] = mapped_column(default=db_now(), index=True)
    status: Mapped[str] = mapped_column(String(12), default="done", server_default="done")
    address: Mapped[str | None] = mapped_column(String(64))
    payload: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Set by the database's clock (``db_now``), as every time a worker's "is it due" reads.
    next_attempt_at: Mapped[dt.datetime | None] = mapped_column(default=db_now())
    last_error: Mapped[str | None] = mapped_column(String(200))


class Outbox(Base):
    """A message waiting to be sent, written in the same transaction that decided it.

    status: pending -> sending (claimed by a worker until ``lease_until``) -> sent | failed;
    ``held`` waits for the person to write again (WhatsApp's 24-hour window).
    """

    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_due", "status", "next_attempt_at"),
        Index("ix_outbox_address", "channel", "address", "id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    conversation_id: Mapped[int | None] = mapped_column(
        ForeignKey("conversations.id", ondelete="SET NULL")
    )
    channel: Mapped[str] = mapped_column(String(16))
    address: Mapped[str] = mapped_column(String(128))
    text: Mapped[str] = mapped_column(Text)
    buttons: Mapped[str | None] = mapped_column(Text)  # JSON [[label, data], ...]
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # Both on the database's clock (``db_now``): see there.
    next_attempt_at: Mapped[dt.datetime] = mapped_column(default=db_now())
    lease_until: Mapped[dt.datetime | None] = mapped_column()
    last_error: Mapped[str | None] = mapped_column(String(200))
    external_id: Mapped[str | None] = mapped_column(String(64))
    # Erasure confirmations outlive the contact; the row is deleted once delivered.
    delete_after_send: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[dt.datetime | None] = mapped_column()


class Agent(Base):
    """A staff member who answers people in the console.

    ``name`` is the login name (staff and the audit log see it); people see only
    ``display_name``, or a neutral word when it is empty.
    """

    __tablename__ = "agents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(8), default="agent")  # agent | admin
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    token_hash: Mapped[str | None] = mapped_column(String(128), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    # Last, as the migration that added it left it on SQLite.
    display_name: Mapped[str | None] = mapped_column(String(64))


class ConsoleSession(Base):
    """One logged-in console browser. The cookie holds a random id whose SHA-256 is kept
    here, so logging out, a password reset or disabling the agent ends it on the server."""

    __tablename__ = "console_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"),
                                          index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # The database's clock (``db_now``), as ``agents.session_agent`` judges them: a session
    # is used through web processes on several machines.
    created_at: Mapped[dt.datetime] = mapped_column(default=db_now())
    seen_at: Mapped[dt.datetime] = mapped_column(default=db_now())


class LoginThrottle(Base):
    """Failed console logins of one account name or one client address (``key`` is a
    SHA-256, so neither typed names nor addresses are stored): the next try waits until
    ``blocked_until``, longer after each failure."""

    __tablename__ = "login_throttle"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failure_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    blocked_until: Mapped[dt.datetime | None] = mapped_column()


class AuditLog(Base):
    """Every agent action, for admins to read. Holds ids, never message texts."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agent: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))
    conversation_id: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[str | None] = mapped_column(String(200))
    at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)


class CannedAnswer(Base):
    """A team answer agents insert in the reply box (``/code``), written by admins."""

    __tablename__ = "canned_answers"
    __table_args__ = (UniqueConstraint("code", "lang", name="uq_canned_code_lang"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(32))  # short, lower case: "horario"
    lang: Mapped[str] = mapped_column(String(2))  # es | en | ht
    title: Mapped[str] = mapped_column(String(80))
    body: Mapped[str] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(String(64))
    updated_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class ConversationLabel(Base):
    """A short label staff put on a conversation ("visa", "seguimiento"); goes with it."""

    __tablename__ = "conversation_labels"
    __table_args__ = (
        UniqueConstraint("conversation_id", "label", name="uq_conversation_label"),
        Index("ix_conversation_labels_label", "label", "conversation_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"))
    label: Mapped[str] = mapped_column(String(32))
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
