"""The handoff queue's rules: urgent first then oldest first, 1-based position, median wait."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import transitions, waitlist
from bot.models import Contact, Conversation, utcnow

T0 = dt.datetime(2025, 3, 3, 15, 0, tzinfo=dt.UTC)
_senders = itertools.count(1)


def conv(session: Session, *, status: str = "waiting", urgent: bool = False,
         waited: float | None = 0, assigned_after: float | None = None) -> Conversation:
    """A conversation that started waiting ``waited`` minutes after T0."""
    contact = Contact(channel="webchat", external_id=f"queue-rules-{next(_senders)}")
    since = T0 + dt.timedelta(minutes=waited) if waited is not None else None
    row = Conversation(contact=contact, status=status, urgent=urgent, waiting_since=since)
    if assigned_after is not None and since is not None:
        row.assigned_at = since + dt.timedelta(minutes=assigned_after)
    session.add(row)
    session.flush()
    return row


def waiting_ids(session: Session) -> list[int]:
    query = select(Conversation.id).where(Conversation.status == "waiting")
    return list(session.scalars(query.order_by(*waitlist.queue_order())))  # type: ignore[arg-type]


def test_urgent_first_then_oldest_first(session: Session) -> None:
    old = conv(session, waited=0)
    newer = conv(session, waited=5)
    urgent_new = conv(session, urgent=True, waited=9)
    urgent_old = conv(session, urgent=True, waited=7)
    conv(session, status="assigned", waited=-10)  # not waiting: not in the queue
    assert waiting_ids(session) == [urgent_old.id, urgent_new.id, old.id, newer.id]


def test_same_moment_keeps_arrival_order(session: Session) -> None:
    first, second = conv(session, waited=1), conv(session, waited=1)
    assert waiting_ids(session) == [first.id, second.id]


def test_position_counts_who_is_ahead(session: Session) -> None:
    a = conv(session, waited=0)
    b = conv(session, waited=2)
    assert (waitlist.position(session, a), waitlist.position(session, b)) == (1, 2)
    urgent = conv(session, urgent=True, waited=3)
    assert waitlist.position(session, urgent) == 1
    assert (waitlist.position(session, a), waitlist.position(session, b)) == (2, 3)


def test_position_agrees_with_the_console_on_ties(session: Session) -> None:
    """Two people who began waiting at the same moment: the console lists them first then
    second, and each is told that same place in line (it used to tell both "2")."""
    first, second = conv(session, waited=1), conv(session, waited=1)
    assert waiting_ids(session) == [first.id, second.id]
    assert [waitlist.position(session, c) for c in (first, second)] == [1, 2]
    hurry, rush = conv(session, urgent=True, waited=4), conv(session, urgent=True, waited=4)
    assert [waitlist.position(session, c) for c in (hurry, rush, first, second)] == [1, 2, 3, 4]


def test_position_ignores_conversations_not_waiting(session: Session) -> None:
    conv(session, status="assigned", waited=0)
    conv(session, status="closed", waited=0)
    conv(session, status="bot", waited=None)
    me = conv(session, waited=5)
    assert waitlist.position(session, me) == 1


def test_position_matches_queue_order(session: Session) -> None:
    rows = [conv(session, urgent=i % 3 == 0, waited=(i * 7) % 11) for i in range(12)]
    order = waiting_ids(session)
    for row in rows:
        assert waitlist.position(session, row) == order.index(row.id) + 1


def test_queueing_for_people_happens_once_and_raises_urgency(session: Session) -> None:
    row = conv(session, status="bot", waited=None)
    transitions.queue_for_people(row, urgent=False, topic="human")
    assert (row.status, row.state, row.topic, row.urgent) == ("waiting", "queued", "human", False)
    first_since = row.waiting_since
    assert first_since is not None and abs((utcnow() - first_since).total_seconds()) < 5
    transitions.queue_for_people(row, urgent=True, topic="emergency")
    assert row.urgent and row.waiting_since == first_since and row.topic == "human"


def test_estimated_wait_is_none_without_history(session: Session) -> None:
    conv(session, waited=0)
    assert waitlist.estimated_wait(session) is None


def test_estimated_wait_is_the_median_of_recent_claims(session: Session) -> None:
    for minutes in (2, 4, 30):
        conv(session, status="assigned", waited=0, assigned_after=minutes)
    assert waitlist.estimated_wait(session) == dt.timedelta(minutes=4)
    conv(session, status="closed", waited=0, assigned_after=6)
    assert waitlist.estimated_wait(session) == dt.timedelta(minutes=5)


def test_estimated_wait_uses_only_the_last_20_claims(session: Session) -> None:
    # 20 recent claims after 1 minute, older ones after an hour: the old ones do not count.
    for i in range(10):
        conv(session, status="closed", waited=-1000 - i, assigned_after=60)
    for i in range(waitlist.RECENT_WAITS):
        conv(session, status="closed", waited=i, assigned_after=1)
    assert waitlist.estimated_wait(session) == dt.timedelta(minutes=1)


@pytest.mark.parametrize("bad", [-5])
def test_estimated_wait_skips_impossible_rows(session: Session, bad: float) -> None:
    conv(session, status="assigned", waited=0, assigned_after=bad)
    assert waitlist.estimated_wait(session) is None
    conv(session, status="assigned", waited=0, assigned_after=3)
    assert waitlist.estimated_wait(session) == dt.timedelta(minutes=3)
