"""Reads for the console and the API (queue feed, transcripts) and the commit-then-wake step."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, joinedload

from bot import live, presence, waitlist
from bot.content import Catalog
from bot.handoff import Done
from bot.messages import mask
from bot.models import Contact, Conversation, Message, db_time
from bot.runtime import Helpline

__all__ = [
    "FEED_LIMIT",
    "MAX_ID",
    "MAX_MESSAGE_ID",
    "STATUSES",
    "Filters",
    "conversation_json",
    "feed",
    "finish",
    "int_arg",
    "iso",
    "list_conversations",
    "member_json",
    "messages_json",
    "topic_title",
]

STATUSES = ("waiting", "assigned", "closed")
MAX_ID = 2**31 - 1  # INTEGER ids
MAX_MESSAGE_ID = 2**63 - 1  # BIGINT ids
FEED_LIMIT = 50  # rows a page; counts and later pages show the rest


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


def _row(catalog: Catalog, conv: Conversation, extra: Sequence[Any], now: dt.datetime,
         position: int | None) -> dict[str, Any]:
    last_in, unread, last_text = extra
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
        "unread": int(unread or 0),
        "preview": live.preview(last_text),
    }


def feed(session: Session, catalog: Catalog, agent_name: str,
         filters: Filters | None = None) -> dict[str, Any]:
    """The live queue: waiting (queue order), the agent's own and others' open conversations.

    A page holds FEED_LIMIT rows of waiting and others' conversations, urgent first, with
    counts of everything open, so a flood can push cases to a later page but never out of
    sight; the agent's own conversations are always all listed."""
    filters = filters or Filters()
    now = db_time(session)  # waits on the clock that stamped them, not this process's
    # Correlated, so it reads only the open conversations' messages (messages are indexed
    # by conversation), however large the table grows.
    last_in = (
        select(func.max(Message.id))
        .where(Message.conversation_id == Conversation.id, Message.direction == "in")
        .correlate(Conversation)
        .scalar_subquery()
    )
    open_ = Conversation.status.in_(("waiting", "assigned"))
    query = (select(Conversation, last_in, live.unread_count(), live.last_text())
             .options(joinedload(Conversation.contact)).where(open_)
             .order_by(*waitlist.queue_order()))  # type: ignore[arg-type]
    mine_rows = session.execute(query.where(Conversation.assigned_to == agent_name)).all()
    query = query.where(or_(Conversation.assigned_to.is_(None),
                            Conversation.assigned_to != agent_name))
    if filters.status:
        query = query.where(Conversation.status == filters.status)
    if filters.urgent:
        query = query.where(Conversation.urgent.is_(True))
    if filters.channel:
        query = query.join(Contact).where(Contact.channel == filters.channel)
    rows = session.execute(
        query.offset((filters.page - 1) * FEED_LIMIT).limit(FEED_LIMIT + 1)).all()
    more = len(rows) > FEED_LIMIT
    waiting: list[dict[str, Any]] = []
    mine = [_row(catalog, conv, extra, now, None) for conv, *extra in mine_rows]
    others: list[dict[str, Any]] = []
    first = (filters.page - 1) * FEED_LIMIT if filters.status == "waiting" or not (
        filters.status or filters.urgent or filters.channel) else None
    for conv, *extra in rows[:FEED_LIMIT]:
        if conv.status == "waiting":
            position = first + len(waiting) + 1 if first is not None else None
            waiting.append(_row(catalog, conv, extra, now, position))
        else:
            others.append(_row(catalog, conv, extra, now, None))
    counts = {f"{status}_{'urgent' if urgent else 'normal'}": 0
              for status in ("waiting", "assigned") for urgent in (True, False)}
    for status, urgent, n in session.execute(
            select(Conversation.status, Conversation.urgent, func.count()).where(open_)
            .group_by(Conversation.status, Conversation.urgent)):
        counts[f"{status}_{'urgent' if urgent else 'normal'}"] = int(n)
    wait = waitlist.estimated_wait(session)
    return {
        "now": iso(now),
        "waiting": waiting,
        "mine": mine,
        "others": others,
        "estimated_wait_seconds": int(wait.total_seconds()) if wait else None,
        "counts": counts,
        "page": filters.page,
        "more": more,
        "filters": filters.as_dict(),
        "team": [member_json(m) for m in presence.team(session, now)],
    }


def member_json(member: presence.Member) -> dict[str, Any]:
    """An agent as the console lists them: presence and open conversations."""
    return {"name": member.name, "presence": member.presence, "label": member.label,
            "open": member.open, "available": member.available}


@dataclass(frozen=True)
class Filters:
    """What the queue shows: one status, one channel, only urgent cases; which page."""

    status: str | None = None  # waiting | assigned
    channel: str | None = None
    urgent: bool = False
    page: int = 1

    @classmethod
    def from_args(cls, args: Mapping[str, str], channels: Sequence[str]) -> Filters | None:
        """Filters from a query string; None when one is not valid."""
        status, channel = args.get("status") or None, args.get("channel") or None
        page = int_arg(args.get("page", "1"), 10_000)
        if (status not in (None, "waiting", "assigned") or page is None or page < 1
                or (channel is not None and channel not in channels)
                or args.get("urgent", "") not in ("", "0", "1")):
            return None
        return cls(status, channel, args.get("urgent") == "1", page)

    def as_dict(self) -> dict[str, Any]:
        """The filters as JSON."""
        return {"status": self.status, "channel": self.channel, "urgent": self.urgent}
