"""Every write of a conversation's status (and the state that goes with it) made outside
the engine, in one place: the handoff queue's and the agents' transitions.

    bot      -> waiting    ``queue_for_people``   (the engine, through waitlist.open_handoff)
    waiting  -> assigned   ``assign``             (an agent claims it)
    assigned -> assigned   ``reassign``           (transfer to another agent)
    assigned -> waiting    ``requeue``            (the agent puts it back)
    waiting|assigned -> closed   ``close``        (state "rating": the engine asks 1-5)

The agent transitions are guarded UPDATEs (``... WHERE id=:id AND status='waiting'``): two
agents clicking at once cannot both win; each returns whether it matched. The engine's own
writes (``bot/engine.py``, ``bot/flow.py``) are to join these in ``flow.py``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from bot.models import Conversation, utcnow

__all__ = ["assign", "close", "guarded", "queue_for_people", "reassign", "requeue", "touch"]


def guarded(session: Session, conv_id: int, where: tuple[Any, ...], **values: Any) -> bool:
    """One atomic UPDATE of conversation ``conv_id``; True when it matched."""
    result = session.execute(
        update(Conversation)
        .where(Conversation.id == conv_id, *where)
        .values(updated_at=utcnow(), **values)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0) == 1  # type: ignore[attr-defined]


def touch(session: Session, conv_id: int) -> bool:
    """Write to the row without changing it (locks it first); False if there is no such row."""
    return guarded(session, conv_id, ())


def queue_for_people(conv: Conversation, *, urgent: bool, topic: str | None) -> None:
    """Put ``conv`` in the queue for a person, or raise its urgency if already there."""
    if not conv.with_people:
        conv.status = "waiting"
        conv.waiting_since = utcnow()
        conv.topic = topic
        conv.state = "queued"
    conv.urgent = conv.urgent or urgent


def assign(session: Session, conv_id: int, agent: str, now: dt.datetime) -> bool:
    """waiting -> assigned to ``agent``; False if it was not waiting (someone was first)."""
    return guarded(session, conv_id, (Conversation.status == "waiting",),
                   status="assigned", state="assigned", assigned_to=agent, assigned_at=now)


def reassign(session: Session, conv_id: int, holder: str | None, to: str) -> bool:
    """Give a conversation ``holder`` has to ``to``; False if it changed hands meanwhile."""
    return guarded(session, conv_id,
                   (Conversation.status == "assigned", Conversation.assigned_to == holder),
                   assigned_to=to)


def requeue(session: Session, conv_id: int, holder: str | None) -> bool:
    """assigned -> waiting (keeping its place); False if it changed hands meanwhile."""
    return guarded(session, conv_id,
                   (Conversation.status == "assigned", Conversation.assigned_to == holder),
                   status="waiting", state="waiting", assigned_to=None, assigned_at=None)


def close(session: Session, conv_id: int, holder: str | None, now: dt.datetime) -> bool:
    """waiting (``holder`` None) or assigned to ``holder`` -> closed, the rating asked next."""
    where: tuple[Any, ...] = (
        (Conversation.status == "waiting",) if holder is None else
        (Conversation.status == "assigned", Conversation.assigned_to == holder))
    return guarded(session, conv_id, where, status="closed", state="rating", closed_at=now)
