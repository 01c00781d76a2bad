"""Personal data: the retention purge and the export for access requests.

Functions take a ``session`` and never commit; the CLI (bot.privacy_cli) owns the
transaction, so a purge happens all at once or not at all. Nothing here logs ids or texts.

What a purge removes (everything older than the cutoff):

- conversations closed before it, and bot conversations left idle since before it (the
  engine closes those only when the person writes again), with their messages;
- contacts left with no conversation whose last message came before it;
- sent and failed outbox rows (pending and held ones still have work to do);
- inbound event ids (Telegram update ids, Twilio SIDs: kept only to drop repeats).

Erasure on request ("borrar mis datos") is the engine's job: it deletes the contact and
everything that cascades from it, and keeps one anonymous ``Erasure`` row.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, Delete, and_, delete, exists, func, inspect, or_, select
from sqlalchemy.orm import Session

from bot import channels
from bot.models import AuditLog, Contact, Conversation, InboundEvent, Message, Outbox, utcnow

__all__ = ["PurgeCounts", "address_variants", "cutoff", "export_contact", "purge"]


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
    idle = and_(Conversation.status == "bot", Conversation.updated_at < before)
    return or_(closed, idle)


def purge(session: Session, before: dt.datetime) -> PurgeCounts:
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
    events = _deleted(session, delete(InboundEvent).where(InboundEvent.received_at < before))
    return PurgeCounts(conversations, messages, contacts, outbox, events)


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
