"""Every write of a conversation's status and state, in one place (issue 12).

    (new)    -> bot      ``open_conversation``      (the engine, a person's first message)
    bot      -> closed   ``close_idle``             (a day without messages)
    bot      -> bot      ``step_to``                (the flow's next step, ``bot.flow``)
    bot      -> waiting  ``queue_for_people``       (the engine: a handoff, or more urgency)
    waiting|assigned -> bot   ``back_to_bot``       (the person said they no longer need one)
    any      -> closed   ``close_by_person``        (the person asked to stop)
    waiting  -> assigned ``assign``                 (an agent claims it)
    assigned -> assigned ``reassign``               (transfer to another agent)
    assigned -> waiting  ``requeue``                (the agent puts it back)
    waiting|assigned -> closed   ``close``          (state "rating": the engine asks 1-5)
    closed   -> closed   ``skip_rating``            (they moved on without rating)
    any open -> closed   ``close_all_of``           (staff marked the contact as abuse)

And two marks that change no status (``bot.live``): ``seen_up_to`` (what agents have read)
and ``typing_now`` (the holder is typing; ``updated_at`` is left alone).

Also here: the case's marks that go with the status (``urgent``, ``silenced``,
``waiting_since``, ``assigned_to``, ``closed_at``). The engine's writes are on the ORM object
it holds (they reach the database at the turn's flush); the agent transitions are guarded
UPDATEs (``... WHERE id=:id AND status='waiting'``): two agents clicking at once cannot both
win; each returns whether it matched. ``tests/unit/test_layers.py`` fails on such a write
anywhere else.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from sqlalchemy import CursorResult, func, update
from sqlalchemy.orm import Session

from bot.models import Contact, Conversation, db_now, utcnow

__all__ = ["assign", "back_to_bot", "close", "close_all_of", "close_by_person", "close_idle",
           "guarded", "open_conversation", "queue_for_people", "reassign", "requeue", "seen_up_to",
           "silence", "skip_rating", "step_to", "touch", "typing_now"]


def guarded(session: Session, conv_id: int, where: tuple[Any, ...], **values: Any) -> bool:
    """One atomic UPDATE of conversation ``conv_id``; True when it matched."""
    result = session.execute(
        update(Conversation)
        .where(Conversation.id == conv_id, *where)
        .values(updated_at=db_now(), **values)  # staff actions on the database's clock
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0) == 1  # type: ignore[attr-defined]


def touch(session: Session, conv_id: int) -> bool:
    """Write to the row without changing it (locks it first); False if there is no such row."""
    return guarded(session, conv_id, ())


def queue_for_people(conv: Conversation, *, urgent: bool, topic: str | None,
                     now: dt.datetime | None = None) -> None:
    """Put ``conv`` in the queue for a person (since ``now``: the turn's time), or raise its
    urgency if already there."""
    if not conv.with_people:
        conv.status = "waiting"
        conv.waiting_since = now or utcnow()
        conv.topic = topic
        conv.state = "queued"
    conv.urgent = conv.urgent or urgent


def open_conversation(contact: Contact, now: dt.datetime) -> Conversation:
    """A new conversation of ``contact`` with the bot (the caller adds it to the session)."""
    return Conversation(contact=contact, lang=contact.lang, status="bot", state="idle",
                        misses=0, urgent=False, silenced=False, followup_left=0,
                        created_at=now, updated_at=now)


def close_idle(conv: Conversation, now: dt.datetime) -> None:
    """bot -> closed: the person has not written for a long time; the next message starts anew."""
    conv.status, conv.closed_at = "closed", now


def skip_rating(conv: Conversation) -> None:
    """A closed conversation's 1-5 question is dropped: the person wrote something else."""
    conv.state = "idle"


def step_to(conv: Conversation, state: str) -> None:
    """The flow's next step (``bot.flow.STATES``)."""
    conv.state = state


def back_to_bot(conv: Conversation) -> None:
    """waiting|assigned -> bot: the person no longer needs a person (never an urgent case)."""
    conv.status, conv.urgent, conv.waiting_since = "bot", False, None
    conv.assigned_to = None


def silence(conv: Conversation) -> None:
    """The person asked for no more messages while their urgent case stays open."""
    conv.silenced = True


def close_by_person(conv: Conversation, now: dt.datetime) -> None:
    """-> closed at the person's request (stop); nothing is asked after it."""
    conv.status, conv.closed_at, conv.state = "closed", now, "idle"


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


def close_all_of(session: Session, contact_id: int, now: dt.datetime) -> int:
    """Every open conversation of a contact -> closed and silenced (staff marked it as abuse:
    no goodbye, no rating); how many were closed."""
    result = cast(CursorResult[Any], session.execute(
        update(Conversation)
        .where(Conversation.contact_id == contact_id,
               Conversation.status.in_(("bot", "waiting", "assigned")))
        .values(status="closed", state="idle", closed_at=now, updated_at=now, silenced=True,
                waiting_since=None)
        .execution_options(synchronize_session=False)))
    return int(result.rowcount or 0)


def seen_up_to(session: Session, conv_id: int, message_id: int) -> bool:
    """Agents have seen the person's messages up to ``message_id`` (never backwards)."""
    return guarded(session, conv_id,
                   (func.coalesce(Conversation.seen_in_id, 0) < message_id,),
                   seen_in_id=message_id)


def typing_now(session: Session, conv_id: int, now: dt.datetime | None = None) -> None:
    """The holder is typing: only ``agent_typing_at`` (not a change the queue shows), by
    default on the database's clock (the person's web chat may poll another web process)."""
    at = db_now() if now is None else now
    session.execute(update(Conversation).where(Conversation.id == conv_id)
                    .values(agent_typing_at=at).execution_options(synchronize_session=False))
