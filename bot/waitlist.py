"""The handoff queue: who waits, in what order, and for how long people have waited.

The order is written once (``ORDER``): the console lists the queue with ``queue_order()``
and a person's place in line (``position``) counts the conversations that come before
theirs in that same order, so the two never disagree, ties included.
"""

from __future__ import annotations

import datetime as dt
import statistics
from typing import Any

from sqlalchemy import ColumnElement, and_, false, func, literal, or_, select
from sqlalchemy.orm import Session

from bot.models import Conversation

__all__ = ["ORDER", "estimated_wait", "position", "queue_order"]

RECENT_WAITS = 20
# The queue's order: urgent first, then who has waited longest, then who came first.
ORDER: tuple[tuple[Any, bool], ...] = (  # (column, descending)
    (Conversation.urgent, True),
    (Conversation.waiting_since, False),
    (Conversation.id, False),
)


def queue_order() -> tuple[object, ...]:
    """ORDER BY of the queue: urgent first, then oldest first."""
    return tuple(column.desc() if desc else column.asc() for column, desc in ORDER)


def _before(conv: Conversation) -> ColumnElement[bool]:
    """Rows that come before ``conv`` in ``ORDER`` (a lexicographic comparison)."""
    condition: ColumnElement[bool] = false()
    for column, desc in reversed(ORDER):
        mine = literal(getattr(conv, column.key), column.type)  # True/False need a bind
        ahead = column > mine if desc else column < mine
        condition = or_(ahead, and_(column == mine, condition))
    return condition


def position(session: Session, conv: Conversation) -> int:
    """1-based place of ``conv`` among the conversations waiting for a person."""
    assert conv.waiting_since is not None  # noqa: S101 - only called for waiting conversations
    ahead = select(func.count(Conversation.id)).where(
        Conversation.status == "waiting", Conversation.id != conv.id, _before(conv))
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
