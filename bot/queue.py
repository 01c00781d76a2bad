"""The handoff queue: who waits, in what order, and for how long people have waited."""

from __future__ import annotations

import datetime as dt
import statistics

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from bot.models import Conversation, utcnow

__all__ = ["estimated_wait", "open_handoff", "position", "queue_order"]

RECENT_WAITS = 20


def queue_order() -> tuple[object, ...]:
    """ORDER BY of the queue: urgent first, then oldest first."""
    return (Conversation.urgent.desc(), Conversation.waiting_since.asc(), Conversation.id.asc())


def open_handoff(conv: Conversation, *, urgent: bool, topic: str | None) -> None:
    """Put ``conv`` in the queue for a person, or raise its urgency if already there."""
    if not conv.with_people:
        conv.status = "waiting"
        conv.waiting_since = utcnow()
        conv.topic = topic
        conv.state = "queued"
    conv.urgent = conv.urgent or urgent


def position(session: Session, conv: Conversation) -> int:
    """1-based place of ``conv`` among the conversations waiting for a person."""
    assert conv.waiting_since is not None  # noqa: S101 - only called for waiting conversations
    earlier = Conversation.waiting_since <= conv.waiting_since
    urgent = Conversation.urgent.is_(True)
    ahead = select(func.count(Conversation.id)).where(
        Conversation.status == "waiting",
        Conversation.id != conv.id,
        (urgent & earlier) if conv.urgent else or_(urgent, earlier),
    )
    return int(session.scalar(ahead) or 0) + 1


def estimated_wait(session: Session) -> dt.timedelta | None:
    """Median time the last claimed conversations waited, or None without history."""
    rows = session.execute(
        select(Conversation.waiting_since, Conversation.assigned_at)
        .where(Conversation.assigned_at.is_not(None), Conversation.waiting_since.is_not(None))
        .order_by(Conversation.assigned_at.desc())
        .limit(RECENT_WAITS)
    ).all()
    waits = [(a - w).total_seconds() for w, a in rows if a and w and a >= w]
    if not waits:
        return None
    return dt.timedelta(seconds=statistics.median(waits))
