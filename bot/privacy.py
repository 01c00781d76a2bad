"""Personal data: the retention purge and the export for access requests.

Functions take a ``session`` and never commit; the CLI (bot.privacy_cli) owns the
transaction, so a purge happens all at once or not at all. Nothing here logs ids or texts.

What a purge removes (everything older than the cutoff):

- conversations closed before it, and conversations in any other state (with the bot,
  waiting for or with an agent) whose last activity came before it, with their messages;
- contacts left with no conversation whose last message came before it;
- sent and failed outbox rows (pending and held ones still have work to do);
- inbound event ids (Telegram update ids, Twilio SIDs: kept only to drop repeats);
- failed staff login counts older than a day;
- erasure confirmations that could not be delivered: they hold the person's chat id or
  number, so they go after ``CONFIRMATION_TTL`` instead of the retention period.

``Purger`` runs the purge by itself from the worker loop (``paisano serve`` and ``paisano
worker``): at start, then every ``PURGE_INTERVAL_HOURS``; undelivered confirmations are
expired every hour.

Erasure on request ("borrar mis datos") is the engine's job: it deletes the contact and
everything that cascades from it, and keeps one anonymous ``Erasure`` row. Deleted rows
must not stay readable on disk either: SQLite runs with ``secure_delete`` (bot.db), which
overwrites deleted content, and ``after_erasure`` makes the commit checkpoint the write-ahead
log and truncate it, since the log still holds copies of the pages as they were. On
PostgreSQL the rows are gone at commit; their space is reclaimed by (auto)VACUUM.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import time
from collections.abc import Iterable
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Delete,
    Engine,
    and_,
    delete,
    event,
    exists,
    func,
    inspect,
    or_,
    select,
)
from sqlalchemy.orm import Session, sessionmaker

from bot import agents, channels, db
from bot.models import AuditLog, Contact, Conversation, InboundEvent, Message, Outbox, utcnow

__all__ = ["CONFIRMATION_TTL", "PurgeCounts", "Purger", "address_variants", "after_erasure",
           "checkpoint", "cutoff", "expire_confirmations", "export_contact", "purge"]

log = logging.getLogger(__name__)

# An erasure confirmation is retried with backoff for a few hours at most; past this it
# will not be delivered, and it must not keep the person's address any longer.
CONFIRMATION_TTL = dt.timedelta(hours=12)
CONFIRMATION_CHECK = dt.timedelta(hours=1)
_ERASED = "paisano_erased"


@dataclasses.dataclass(frozen=True)
class PurgeCounts:
    """How many rows of each kind a purge deleted."""

    conversations: int = 0
    messages: int = 0
    contacts: int = 0
    outbox: int = 0
    inbound_events: int = 0

    def as_dict(self) -> dict[str, int]:
        """The counts by table, for printing."""
        return dataclasses.asdict(self)


def cutoff(days: int, now: dt.datetime | None = None) -> dt.datetime:
    """The moment ``days`` days before ``now``: anything older is purged."""
    if days < 1:
        raise ValueError("the retention period must be at least one day")
    return (now or utcnow()) - dt.timedelta(days=days)


def _deleted(session: Session, statement: Delete) -> int:
    result = session.execute(statement.execution_options(synchronize_session=False))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def _old_conversations(before: dt.datetime) -> ColumnElement[bool]:
    closed = and_(
        Conversation.status == "closed",
        func.coalesce(Conversation.closed_at, Conversation.updated_at) < before,
    )
    recent = exists().where(Message.conversation_id == Conversation.id, Message.at >= before)
    idle = and_(Conversation.status != "closed", Conversation.updated_at < before, ~recent)
    return or_(closed, idle)


def expire_confirmations(session: Session, now: dt.datetime | None = None) -> int:
    """Delete erasure confirmations that failed or are older than ``CONFIRMATION_TTL``."""
    old = (now or utcnow()) - CONFIRMATION_TTL
    return _deleted(session, delete(Outbox).where(
        Outbox.delete_after_send.is_(True),
        or_(Outbox.status == "failed", Outbox.created_at < old)))


def purge(session: Session, before: dt.datetime, now: dt.datetime | None = None) -> PurgeCounts:
    """Delete what the retention period no longer allows keeping; the caller commits."""
    old = select(Conversation.id).where(_old_conversations(before)).scalar_subquery()
    # Messages go first by hand (not only by ON DELETE CASCADE) to count them, and so the
    # purge does not depend on SQLite's foreign_keys pragma being on.
    messages = _deleted(session, delete(Message).where(Message.conversation_id.in_(old)))
    conversations = _deleted(session, delete(Conversation).where(_old_conversations(before)))

    has_conversation = exists().where(Conversation.contact_id == Contact.id)
    orphans = select(Contact.id).where(
        ~has_conversation,
        func.coalesce(Contact.last_inbound_at, Contact.created_at) < before,
    ).scalar_subquery()
    outbox = _deleted(session, delete(Outbox).where(Outbox.contact_id.in_(orphans)))
    contacts = _deleted(session, delete(Contact).where(
        ~has_conversation, func.coalesce(Contact.last_inbound_at, Contact.created_at) < before))

    done = or_(
        and_(Outbox.status == "sent", func.coalesce(Outbox.sent_at, Outbox.created_at) < before),
        and_(Outbox.status == "failed", Outbox.created_at < before),
    )
    outbox += _deleted(session, delete(Outbox).where(done))
    outbox += expire_confirmations(session, now)
    events = _deleted(session, delete(InboundEvent).where(InboundEvent.received_at < before))
    agents.forget_old_failures(session, now)  # staff login counts: not kept past a day
    return PurgeCounts(conversations, messages, contacts, outbox, events)


class Purger:
    """The purge, run by the worker loop itself: ``maybe_purge`` is cheap when nothing is due."""

    def __init__(self, sessions: sessionmaker[Session], retention_days: int,
                 interval_hours: int) -> None:
        self.sessions = sessions
        self.retention_days = retention_days
        self.interval = dt.timedelta(hours=interval_hours)
        self._next_purge: dt.datetime | None = None  # None: at the first call
        self._next_expiry: dt.datetime | None = None

    def maybe_purge(self, now: dt.datetime | None = None) -> PurgeCounts | None:
        """Purge if it is time (expire undelivered confirmations hourly); the counts, or None
        when the full purge did not run."""
        now = now or utcnow()
        counts: PurgeCounts | None = None
        if self._next_purge is None or now >= self._next_purge:
            self._next_purge = now + self.interval
            self._next_expiry = now + CONFIRMATION_CHECK
            with self.sessions() as session:
                counts = purge(session, cutoff(self.retention_days, now), now)
                session.commit()
                bind = session.get_bind()
            log.info("purge: %s", " ".join(f"{k}={v}" for k, v in counts.as_dict().items()))
            deleted = any(counts.as_dict().values())
        elif self._next_expiry is None or now >= self._next_expiry:
            self._next_expiry = now + CONFIRMATION_CHECK
            with self.sessions() as session:
                deleted = expire_confirmations(session, now) > 0
                session.commit()
                bind = session.get_bind()
        else:
            return None
        if deleted:
            checkpoint(bind)
        return counts


# --- erasure on disk ------------------------------------------------------------------------


def after_erasure(session: Session) -> None:
    """Mark ``session``: when it commits, the deleted data is wiped from SQLite's log too."""
    session.info[_ERASED] = True


@event.listens_for(Session, "before_flush")
def _confirmation_sent(session: Session, _context: Any, _instances: Any) -> None:
    # The worker deletes an erasure confirmation once delivered: it was the last row with
    # the person's address, so that commit wipes the log too.
    if any(isinstance(obj, Outbox) and obj.delete_after_send for obj in session.deleted):
        after_erasure(session)


@event.listens_for(Session, "after_commit")
def _checkpoint_after_erasure(session: Session) -> None:
    if session.info.pop(_ERASED, False):
        bind = session.get_bind()
        if isinstance(bind, Engine):
            checkpoint(bind)


def checkpoint(engine: Any, tries: int = 50) -> bool:
    """On SQLite, copy the write-ahead log into the database file and truncate it to zero
    bytes, so deleted rows are left in neither (``secure_delete`` zeroed them in the pages).
    A reader in the middle of a read can hold it back: it is tried again for a moment.
    True when done (always on other databases)."""
    if not isinstance(engine, Engine) or engine.dialect.name != "sqlite":
        return True
    with db.autocommit(engine).connect() as conn:
        for _ in range(tries):
            busy = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").scalar()
            if not busy:
                return True
            time.sleep(0.02)
    log.warning("could not truncate the SQLite write-ahead log after deleting data: "
                "a reader held it; it is truncated at the next erasure or purge")
    return False


# --- access requests ------------------------------------------------------------------------


def address_variants(channel: str, external_id: str) -> list[str]:
    """The forms one person's id may be stored in (WhatsApp: with or without ``whatsapp:``)."""
    return channels.get(channel).address_forms(external_id)


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    return value


def _row(obj: Any, skip: Iterable[str] = ()) -> dict[str, Any]:
    """Every column of an ORM object as JSON-ready values."""
    skipped = set(skip)
    return {
        attr.key: _plain(getattr(obj, attr.key))
        for attr in inspect(obj).mapper.column_attrs
        if attr.key not in skipped
    }


def export_contact(session: Session, channel: str, external_id: str) -> dict[str, Any] | None:
    """Everything stored about one person, JSON-ready; None when nothing is stored."""
    forms = address_variants(channel, external_id)
    contact = session.scalars(
        select(Contact).where(Contact.channel == channel, Contact.external_id.in_(forms))
        .order_by(Contact.id).limit(1)
    ).first()
    mine = and_(Outbox.channel == channel, Outbox.address.in_(forms))
    if contact is not None:
        mine = or_(mine, Outbox.contact_id == contact.id)
    outbox = session.scalars(select(Outbox).where(mine).order_by(Outbox.id)).all()
    # Messages stored by a webhook and not answered yet (or that could not be answered);
    # once answered, a row keeps no sender or text and the message is in a conversation.
    waiting = session.scalars(
        select(InboundEvent).where(InboundEvent.channel == channel,
                                   InboundEvent.address.in_(forms))
        .order_by(InboundEvent.id)
    ).all()
    if contact is None and not outbox and not waiting:
        return None
    conversations: list[dict[str, Any]] = []
    audit: list[dict[str, Any]] = []
    if contact is not None:
        convs = session.scalars(
            select(Conversation).where(Conversation.contact_id == contact.id)
            .order_by(Conversation.id)
        ).all()
        for conv in convs:
            item = _row(conv)
            item["messages"] = [_row(m, skip=("conversation_id",)) for m in conv.messages]
            conversations.append(item)
        if convs:
            audit = [
                _row(a) for a in session.scalars(
                    select(AuditLog).where(AuditLog.conversation_id.in_([c.id for c in convs]))
                    .order_by(AuditLog.id)
                )
            ]
    return {
        "exported_at": utcnow().isoformat(),
        "channel": channel,
        "id": contact.external_id if contact is not None else external_id,
        "contact": _row(contact) if contact is not None else None,
        "conversations": conversations,
        "outbox": [_row(o) for o in outbox],
        "inbox": [{**_row(e, skip=("payload",)), "message": json.loads(e.payload or "{}")}
                  for e in waiting],
        "audit_log": audit,
    }
