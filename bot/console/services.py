"""Reads for the console and the API (queue feed, transcripts) and the commit-then-wake step."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload

from bot import waitlist
from bot.content import Catalog
from bot.handoff import Done
from bot.messages import mask
from bot.models import Conversation, Message, utcnow
from bot.runtime import Helpline

__all__ = [
    "MAX_ID",
    "MAX_MESSAGE_ID",
    "STATUSES",
    "conversation_json",
    "feed",
    "finish",
    "int_arg",
    "iso",
    "list_conversations",
    "messages_json",
    "topic_title",
]

STATUSES = ("waiting", "assigned", "closed")
MAX_ID = 2**31 - 1  # INTEGER ids
MAX_MESSAGE_ID = 2**63 - 1  # BIGINT ids
FEED_LIMIT = 200


def int_arg(value: str, maximum: int) -> int | None:
    """``value`` as a whole number from 0 to ``maximum``, or None. Only ASCII digits:
    ``"²".isdigit()`` is true but ``int("²")`` fails, and a larger number would overflow
    the database's integer."""
    if not (value.isascii() and value.isdigit()) or len(value) > len(str(maximum)):
        return None
    number = int(value)
    return number if number <= maximum else None


def iso(value: dt.datetime | None) -> str | None:
    """ISO 8601 in UTC with a ``Z``, or None."""
    if value is None:
        return None
    return value.astimezone(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def finish(session: Session, helpline: Helpline, done: Done) -> None:
    """Commit an agent action and wake the delivery worker if it queued messages."""
    session.commit()
    if done.queued and helpline.worker is not None:
        helpline.worker.wake()


def topic_title(catalog: Catalog, conv: Conversation, lang: str = "es") -> str:
    """The conversation's topic as the menu names it (in Spanish for agents)."""
    intent_id = conv.topic or conv.last_intent
    if not intent_id:
        return "—"
    intent = catalog.intents.get(intent_id)
    return intent.menu_title(lang) if intent is not None else intent_id


def conversation_json(conv: Conversation) -> dict[str, Any]:
    """A conversation as the agent API shows it (without messages)."""
    return {
        "id": conv.id,
        "status": conv.status,
        "urgent": conv.urgent,
        "channel": conv.contact.channel,
        "lang": conv.lang,
        "intent": conv.topic or conv.last_intent,
        "waiting_since": iso(conv.waiting_since),
        "assigned_to": conv.assigned_to,
    }


def list_conversations(session: Session, status: str, limit: int = 100) -> list[Conversation]:
    """Conversations in ``status``: the queue in queue order, others most recent first."""
    query = (select(Conversation).options(joinedload(Conversation.contact))
             .where(Conversation.status == status))
    if status == "waiting":
        query = query.order_by(*waitlist.queue_order())  # type: ignore[arg-type]
    else:
        query = query.order_by(Conversation.updated_at.desc(), Conversation.id.desc())
    return list(session.scalars(query.limit(limit)))


def messages_json(
    session: Session, conv_id: int, *, after: int = 0, notes: bool = True
) -> list[dict[str, Any]]:
    """The conversation's messages after id ``after``, oldest first."""
    query = select(Message).where(Message.conversation_id == conv_id, Message.id > after)
    if not notes:
        query = query.where(Message.direction != "note")
    rows = session.scalars(query.order_by(Message.id))
    return [
        {"id": m.id, "direction": m.direction, "author": m.author, "text": m.text,
         "intent": m.intent, "at": iso(m.at)}
        for m in rows
    ]


def _row(catalog: Catalog, conv: Conversation, last_in: int | None, now: dt.datetime,
         position: int | None) -> dict[str, Any]:
    since = conv.waiting_since
    return {
        "id": conv.id,
        "status": conv.status,
        "urgent": conv.urgent,
        "channel": conv.contact.channel,
        "lang": conv.lang,
        "topic": conv.topic or conv.last_intent,
        "topic_title": topic_title(catalog, conv),
        "contact": mask(conv.contact.external_id),
        "waiting_since": iso(since),
        "waiting_seconds": int((now - since).total_seconds()) if since else None,
        "assigned_to": conv.assigned_to,
        "position": position,
        "last_in_id": last_in,
    }


def feed(session: Session, catalog: Catalog, agent_name: str) -> dict[str, Any]:
    """The live queue: waiting (queue order), the agent's own and others' open conversations."""
    now = utcnow()
    # Correlated, so it reads only the open conversations' messages (messages are indexed
    # by conversation), however large the table grows.
    last_in = (
        select(func.max(Message.id))
        .where(Message.conversation_id == Conversation.id, Message.direction == "in")
        .correlate(Conversation)
        .scalar_subquery()
    )
    rows = session.execute(
        select(Conversation, last_in)
        .options(joinedload(Conversation.contact))
        .where(Conversation.status.in_(("waiting", "assigned")))
        .order_by(*waitlist.queue_order())  # type: ignore[arg-type]
        .limit(FEED_LIMIT)
    ).all()
    waiting: list[dict[str, Any]] = []
    mine: list[dict[str, Any]] = []
    others: list[dict[str, Any]] = []
    for conv, last in rows:
        if conv.status == "waiting":
            waiting.append(_row(catalog, conv, last, now, len(waiting) + 1))
        elif conv.assigned_to == agent_name:
            mine.append(_row(catalog, conv, last, now, None))
        else:
            others.append(_row(catalog, conv, last, now, None))
    wait = waitlist.estimated_wait(session)
    return {
        "now": iso(now),
        "waiting": waiting,
        "mine": mine,
        "others": others,
        "estimated_wait_seconds": int(wait.total_seconds()) if wait else None,
    }
