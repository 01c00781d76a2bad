"""The outbox: every message to send is a row written in the deciding transaction.

Rules that keep messages from being lost or doubled:

- ``enqueue`` only adds rows to the caller's session; they exist once the caller commits
  together with the inbound message that caused them.
- ``lease`` takes due rows atomically with a lease (``SELECT ... FOR UPDATE SKIP LOCKED`` on
  PostgreSQL; a guarded UPDATE on SQLite), so two workers never take the same row. A worker
  killed mid-send leaves a ``sending`` row whose lease expires and is taken again: only a
  send in flight at the kill may go out twice.
- Per person, a row is only due when no earlier row of theirs is still unsent, so replies
  keep their order.
- The channel shapes the rows (``Channel.prepare``): an SMS answer longer than 3 segments
  sends its first page and keeps the rest as ``later`` rows, sent a page at a time when the
  person asks for more (``release_later``) and dropped when they ask something else.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    and_,
    bindparam,
    delete,
    exists,
    select,
    update,
)
from sqlalchemy.orm import Session, aliased

from bot import channels, db
from bot.messages import Reply
from bot.models import Outbox, db_now

__all__ = ["LEASE", "backoff", "drop_later", "enqueue", "fail_queued", "lease", "release_held",
           "release_later", "waiting"]

LEASE = dt.timedelta(seconds=60)
OPEN = ("pending", "sending", "held")


def enqueue(
    session: Session,
    *,
    channel: str,
    address: str,
    replies: Iterable[Reply | str],
    contact_id: int | None,
    conversation_id: int | None,
    delete_after_send: bool = False,
    lang: str = "es",
) -> list[Outbox]:
    """Add the outbox rows of one turn's replies to ``session``, shaped by the channel
    (one row per reply on most; the caller commits)."""
    items = [r if isinstance(r, Reply) else Reply(r) for r in replies]
    rows = []
    for part in channels.get(channel).prepare([r.text for r in items], lang):
        menu = items[part.reply].menu if part.reply is not None else ()
        row = Outbox(
            channel=channel, address=address, text=part.text, contact_id=contact_id,
            conversation_id=conversation_id, delete_after_send=delete_after_send,
            buttons=json.dumps([[title, str(n)] for n, title in menu]) if menu else None,
            status="later" if part.later else "pending",
        )
        session.add(row)
        rows.append(row)
    return rows


def _ready() -> ColumnElement[bool]:
    """Not leased: new, or its lease ran out (the worker that took it was killed)."""
    lease_ran_out = (Outbox.status == "sending") & (Outbox.lease_until < db_now())
    return (Outbox.status == "pending") | lease_ran_out


# Built once (the worker leases many times a second): building these statements cost more
# than running them. Parameters: names, limit (and ids for the SQLite UPDATE). Every time
# is the database's (``db_now``): workers on several machines judge leases on one clock.
def _due() -> ColumnElement[bool]:
    earlier = aliased(Outbox)
    blocked = exists().where(
        earlier.channel == Outbox.channel,
        earlier.address == Outbox.address,
        earlier.id < Outbox.id,
        earlier.status.in_(OPEN),
    )
    return and_(_ready(), Outbox.next_attempt_at <= db_now(),
                Outbox.channel.in_(bindparam("names", expanding=True)), ~blocked)


_DUE_IDS = (select(Outbox.id).where(_due()).order_by(Outbox.id).limit(bindparam("limit"))
            .correlate(None))  # inside the UPDATE below it is a query of its own
_TAKE = {"status": "sending", "lease_until": db_now(LEASE.total_seconds()),
         "attempts": Outbox.attempts + 1}
# PostgreSQL: one statement finds, locks and leases (rows another worker is leasing are
# skipped), instead of a SELECT and an UPDATE a row.
_LEASE_DUE = (
    update(Outbox)
    .where(Outbox.id.in_(_DUE_IDS.with_for_update(skip_locked=True, of=Outbox)))
    .values(_TAKE)
    .returning(Outbox)
    .execution_options(synchronize_session=False,
                       populate_existing=True)  # rows this session loaded before: as now
)
_LEASE_IDS = (
    update(Outbox)
    .where(Outbox.id.in_(bindparam("ids", expanding=True)), _ready(),
           Outbox.next_attempt_at <= db_now())
    .values(_TAKE)
    .returning(Outbox.id)
)
_LEASED = (select(Outbox).where(Outbox.id.in_(bindparam("ids", expanding=True)))
           .order_by(Outbox.id).execution_options(populate_existing=True))


def lease(session: Session, names: Sequence[str], *, limit: int = 20) -> list[Outbox]:
    """Atomically lease up to ``limit`` due rows, count the attempt, and commit.

    An attempt is counted at the lease, as a queue counts deliveries: a row leased by a
    worker that stopped before sending it has used one attempt all the same.

    At most one row per person is ever due (an earlier open row blocks the later ones), so
    the rows returned are each the next message of a different person.
    """
    params = {"names": list(names), "limit": limit}
    bind = session.get_bind()
    if bind.dialect.name == "postgresql":
        rows = sorted(session.scalars(_LEASE_DUE, params), key=lambda row: row.id)
        session.commit()
        return rows
    if isinstance(bind, Engine):
        with db.autocommit(bind).connect() as conn:
            claimed = _lease(conn, params)
    else:  # a session joined to its caller's transaction: lease inside that transaction
        claimed = _lease(session.connection(), params)
    if not claimed:
        return []
    leased = session.scalars(_LEASED, {"ids": list(claimed)}).all()
    session.commit()  # no read snapshot is kept while the caller sends
    return list(leased)


def _lease(conn: Connection, params: dict[str, Any]) -> Sequence[int]:
    """SQLite: read the due ids, then lease them with one guarded UPDATE. On an autocommit
    connection each is a statement of its own, so the file's write lock (which the webhooks
    wait for) is held only while SQLite runs the UPDATE. A row another worker leased (or put
    off) meanwhile is skipped; a row read as due cannot have become blocked, as a person's
    closed row never reopens."""
    candidates = conn.scalars(_DUE_IDS, params).all()
    if not candidates:
        return []
    return db.retry_locked(lambda: conn.scalars(_LEASE_IDS, {"ids": list(candidates)}).all())


def backoff(attempts: int, retry_after: float | None = None) -> dt.timedelta:
    """Exponential backoff (2, 4, 8 ... s, at most 10 min), or the service's own retry_after."""
    if retry_after is not None:
        return dt.timedelta(seconds=max(retry_after, 0.5))
    return dt.timedelta(seconds=min(2 ** max(attempts, 1), 600))


# Built once and run on the connection (each turn runs both): building a statement, and the
# ORM's bulk machinery around it, cost more than running it. Nothing of the session's needs
# updating: no Outbox object of this person is loaded in a turn.
_ONE_PERSON = (Outbox.channel == bindparam("to_channel"), Outbox.address == bindparam("to"))
_RELEASE_HELD = (update(Outbox).where(*_ONE_PERSON, Outbox.status == "held")
                 .values(status="pending", next_attempt_at=db_now()))
_DROP_LATER = delete(Outbox).where(*_ONE_PERSON, Outbox.status == "later")


_WAITING = (select(Outbox.channel, Outbox.address).distinct()
            .where(Outbox.status.in_(("held", "later")),
                   Outbox.address.in_(bindparam("addresses", expanding=True))))


def waiting(session: Session, people: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
    """Which of ``people`` (channel, address) have held or ``later`` rows: one statement for
    a batch of turns, instead of a release and a drop for each."""
    wanted = set(people)
    if not wanted:
        return set()
    found = session.connection().execute(_WAITING, {"addresses": sorted({a for _, a in wanted})})
    return {(channel, address) for channel, address in found} & wanted


def release_held(session: Session, channel: str, address: str) -> int:
    """The person wrote again: their held messages may be sent now."""
    result = session.connection().execute(_RELEASE_HELD, {"to_channel": channel, "to": address})
    return int(result.rowcount or 0)


def release_later(session: Session, channel: str, address: str) -> bool:
    """The person asked for more: the next page kept for them is due now; False if none."""
    first = session.scalar(
        select(Outbox.id).where(Outbox.channel == channel, Outbox.address == address,
                                Outbox.status == "later").order_by(Outbox.id).limit(1))
    if first is None:
        return False
    session.execute(update(Outbox).where(Outbox.id == first)
                    .values(status="pending", next_attempt_at=db_now())
                    .execution_options(synchronize_session=False))
    return True


def drop_later(session: Session, channel: str, address: str) -> int:
    """The person moved on: the pages of an earlier answer they did not ask for go."""
    result = session.connection().execute(_DROP_LATER, {"to_channel": channel, "to": address})
    return int(result.rowcount or 0)


def fail_queued(session: Session, channel: str, address: str, reason: str) -> None:
    """Nothing queued for one person goes out any more (they opted out, or are abuse)."""
    session.execute(
        update(Outbox)
        .where(Outbox.channel == channel, Outbox.address == address,
               Outbox.status.in_(("pending", "held", "later")))
        .values(status="failed", last_error=reason, lease_until=None)
        .execution_options(synchronize_session=False))
