"""The inbox: verified updates wait here between the webhook and the engine.

A webhook only verifies, stores and acknowledges, so Telegram and Twilio get their answer in
milliseconds whatever the engine costs; the worker answers the stored messages. Rules:

- ``Writer.store`` commits the update before the webhook acknowledges it (many requests'
  updates in one commit); a repeated update id stores nothing (Telegram and Twilio retry
  what was not acknowledged).
- ``due`` lists the oldest pending row of each person whose earlier rows are all answered,
  so each person's messages are answered in order; ``take`` takes one of them if it is
  still due (on PostgreSQL ``FOR UPDATE SKIP LOCKED`` lets several workers answer different
  people at once, and ``take_next`` takes the next ones no other worker holds). The caller
  answers the row and calls ``mark_answered`` in the same transaction: a crash before the
  commit leaves it pending.
- ``mark_answered`` clears the sender and the text: from then on the message lives in ``messages``
  (where erasure and retention apply) and the row keeps only the hashed update id.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, Select, bindparam, exists, insert, literal, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, aliased

from bot import bell, db
from bot.messages import Inbound
from bot.models import InboundEvent, db_now, dedupe_key
from bot.outbox import backoff

__all__ = ["MAX_ANSWER_ATTEMPTS", "Writer", "due", "inbound", "mark_answered", "mark_unanswered",
           "rows", "take", "take_many", "take_next"]

log = logging.getLogger(__name__)

MAX_ANSWER_ATTEMPTS = 5  # tries to answer one message (a bug), not to send one


def rows(items: Sequence[Inbound], now: dt.datetime | None = None) -> list[dict[str, Any]]:
    """The inbox rows of one update's messages, due at once: ``received_at`` (unless the
    message or ``now`` gives it) and ``next_attempt_at`` are left to the database's clock
    (``models.db_now``), so a turn's time and the person's reply window never read the clock
    of the machine that stored the message."""
    found = []
    for item in items:
        if item.external_id is None:
            raise ValueError("only updates with an id (update_id, MessageSid) go to the inbox")
        payload = {"text": item.text, "kind": item.kind, "lang_hint": item.lang_hint}
        found.append({"channel": item.channel, "external_id": dedupe_key(item.external_id),
                      "status": "pending", "attempts": 0,
                      "address": item.sender, "payload": json.dumps(payload)})
        if item.at or now:
            found[-1]["received_at"] = item.at or now
    return found


@dataclass(eq=False)  # each is one request's update: compared by identity
class _Update:
    rows: list[dict[str, Any]]
    written: bool = False  # committed or failed: ``stored`` and ``error`` say which
    stored: bool = False
    error: Exception | None = None


class Writer:
    """Stores updates for every request thread of a process, many in one commit.

    A webhook must not acknowledge an update before it is committed, and one commit per
    request costs more than the rest of the request. The request threads take turns at the
    database (group commit): a thread that finds nobody writing commits its own update and
    every one queued meanwhile, in a single transaction, and tells each thread whether its
    update was new; a thread that finds someone writing queues its update and waits for the
    next turn. The first to come writes: no thread is woken to write for another (on a
    busy machine every wake-up is a wait for a CPU, and a webhook waited for two of them).
    """

    def __init__(self, engine: Engine, *, max_batch: int = 64, timeout: float = 30) -> None:
        self.engine = engine
        self.max_batch = max_batch
        self.timeout = timeout
        self._turn = threading.Condition()
        self._queued: list[_Update] = []
        self._writing = False  # a request thread is at the database
        self._pid = os.getpid()
        self._conn: Connection | None = None  # held from one turn to the next

    def store(self, items: Sequence[Inbound]) -> bool:
        """Commit the messages of one update; False if it came before (all its messages share
        its id, ``/start`` is two, so either all are new or none is). Raises if the database
        failed."""
        update = _Update(rows(items))
        if not update.rows:
            return True
        if self._pid != os.getpid():  # a forked child (gunicorn): the parent's are not ours
            self._pid, self._conn = os.getpid(), None
        deadline = time.monotonic() + self.timeout
        with self._turn:
            self._queued.append(update)
            while not update.written:
                if self._writing:
                    if not self._turn.wait(deadline - time.monotonic()):
                        if update in self._queued:  # never stored after its request gave up
                            self._queued.remove(update)
                        raise TimeoutError("the inbox writer did not answer")
                    continue
                batch = self._queued[:self.max_batch]
                del self._queued[:self.max_batch]
                self._writing = True
                self._turn.release()  # others queue their updates meanwhile
                finished = False
                try:
                    self._write(batch)
                    finished = True
                finally:
                    self._turn.acquire()
                    self._writing = False
                    for done in batch:
                        if not finished:  # never acknowledged as a repeat: it may be unstored
                            done.error = done.error or RuntimeError("inbox write interrupted")
                        done.written = True
                    self._turn.notify_all()
        if update.error is not None:
            raise update.error
        return update.stored

    def stop(self) -> None:
        """Close the connection held between turns (the next store opens another)."""
        with self._turn:
            while self._writing:
                self._turn.wait()
            if self._conn is not None and self._pid == os.getpid():
                self._conn.close()
            self._conn = None

    def _write(self, batch: list[_Update]) -> None:
        try:
            self._insert(batch)
        except Exception as exc:  # the database is down: every waiting request hears it
            log.warning("inbox write failed: %s", type(exc).__name__)
            for update in batch:
                update.error = exc

    def _connection(self) -> Connection:
        """The writer's connection, held from one turn to the next: checking one out of the
        pool costs a round trip each time on PostgreSQL (``pool_pre_ping``), a third of a
        webhook's wait for its commit. One that broke is dropped (``_insert``)."""
        if self._conn is None or self._conn.invalidated:
            self._conn = db.autocommit(self.engine).connect()
        return self._conn

    def _insert(self, batch: list[_Update]) -> None:
        fresh: list[dict[str, Any]] = []
        firsts: list[_Update] = []
        keys: set[tuple[str, str]] = set()
        for update in batch:  # the same update twice in one batch: the first one counts
            mine = {(r["channel"], r["external_id"]) for r in update.rows}
            if not mine & keys:
                keys |= mine
                firsts.append(update)
                fresh += update.rows
        # One statement: the rows not stored before go in, and say so. Given many parameter
        # sets, SQLAlchemy sends one multi-row INSERT ("insertmanyvalues") compiled once;
        # ``.values(fresh)`` would be compiled anew for every batch, costing more than the
        # insert. On SQLite it runs on its own (autocommit), so the file's one write lock
        # is held only while SQLite itself runs it, never while this thread waits for the GIL.
        dialect = self.engine.dialect.name
        statement = _INSERT_NEW.get(dialect)
        if statement is None:
            raise RuntimeError(f"the inbox needs SQLite or PostgreSQL, not {dialect}")
        try:
            inserted = self._insert_on(self._connection(), statement, fresh)
        except DBAPIError as exc:
            if not exc.connection_invalidated:
                raise
            # The held connection was cut (the database restarted): once more on a new one.
            # A row the lost commit did store is not stored twice (the update id is unique).
            inserted = self._insert_on(self._connection(), statement, fresh)
        for update in batch:
            update.stored = update in firsts and all(
                (r["channel"], r["external_id"]) in inserted for r in update.rows)

    def _insert_on(self, conn: Connection, statement: Any, fresh: list[dict[str, Any]]
                   ) -> set[tuple[str, str]]:
        """Insert the rows not stored before and commit; the keys of those inserted."""
        # One statement for rows of the same columns (a message that brings its own time has
        # one more: only tests and imports do).
        shapes: dict[frozenset[str], list[dict[str, Any]]] = {}
        for row in fresh:
            shapes.setdefault(frozenset(row), []).append(row)
        inserted: set[tuple[str, str]] = set()
        try:
            for same in shapes.values():
                def run(params: list[dict[str, Any]] = same) -> list[tuple[str, str]]:
                    return list(conn.execute(statement, params).tuples())
                inserted |= set(db.retry_locked(run) if conn.dialect.name == "sqlite" else run())
            if conn.dialect.name != "sqlite" and inserted:
                conn.execute(bell.NOTIFY)  # delivered at the commit: workers elsewhere wake
            conn.commit()
        except Exception:  # the next try starts on a new connection
            self._conn = None
            conn.close()
            raise
        return inserted


# SQLAlchemy 2.0 cannot cache the compiled form of a dialect's INSERT ... ON CONFLICT, so
# SQLite gets the generic (cached) INSERT with OR IGNORE: the same here, where the unique
# update id is the only constraint a row built by ``rows`` can meet.
_RETURNING = (InboundEvent.channel, InboundEvent.external_id)
_INSERT_NEW = {
    "sqlite": insert(InboundEvent).prefix_with("OR IGNORE").returning(*_RETURNING),
    "postgresql": pg_insert(InboundEvent).on_conflict_do_nothing().returning(*_RETURNING),
}


def _claim_query() -> Select[tuple[InboundEvent]]:
    earlier = aliased(InboundEvent)
    blocked = exists().where(
        earlier.channel == InboundEvent.channel,
        earlier.address == InboundEvent.address,
        earlier.status == "pending",
        earlier.id < InboundEvent.id,
    )
    # Written out, not a parameter, so the planner may use the partial index of pending rows.
    pending = InboundEvent.status == literal("pending", literal_execute=True)
    return (
        select(InboundEvent)
        .where(pending, InboundEvent.next_attempt_at <= db_now(), ~blocked)
        .order_by(InboundEvent.id)
    )


# Built once: building the statement costs more than running it.
_DUE = _claim_query()
_CLAIM = _DUE.where(InboundEvent.id == bindparam("row_id"))
_CLAIM_SKIP_LOCKED = _CLAIM.with_for_update(skip_locked=True, of=InboundEvent)
_CLAIM_MANY = _DUE.where(InboundEvent.id.in_(bindparam("row_ids", expanding=True)))
_CLAIM_MANY_SKIP_LOCKED = _CLAIM_MANY.with_for_update(skip_locked=True, of=InboundEvent)
_CLAIM_NEXT = _DUE.limit(bindparam("limit")).with_for_update(skip_locked=True, of=InboundEvent)


def due(session: Session, limit: int) -> list[tuple[int, Inbound]]:
    """A look at the next rows to answer, at most one a person, without taking them."""
    rows = session.scalars(_DUE.limit(limit)).all()
    return [(row.id, inbound(row)) for row in rows]


def take(session: Session, row_id: int) -> InboundEvent | None:
    """Take row ``row_id`` if it is still due (locked until the caller's transaction ends)."""
    postgres = session.get_bind().dialect.name == "postgresql"
    # SQLite: the transaction began with BEGIN IMMEDIATE (bot.db), so it holds the one write
    # lock and no other worker can take the same row before this one commits.
    query = _CLAIM_SKIP_LOCKED if postgres else _CLAIM
    return session.scalars(query, {"row_id": row_id}).first()


def take_many(session: Session, row_ids: Sequence[int]) -> list[InboundEvent]:
    """``take`` for several rows in one statement (one round trip): those still due, oldest
    first, locked until the caller's transaction ends."""
    postgres = session.get_bind().dialect.name == "postgresql"
    query = _CLAIM_MANY_SKIP_LOCKED if postgres else _CLAIM_MANY
    return list(session.scalars(query, {"row_ids": list(row_ids)}))


def take_next(session: Session, limit: int) -> list[InboundEvent]:
    """PostgreSQL: take up to ``limit`` due rows, oldest first, skipping those another
    worker holds (locked until the caller's transaction ends). Each worker gets rows of its
    own, so no two understand the same message."""
    return list(session.scalars(_CLAIM_NEXT, {"limit": limit}))


def inbound(row: InboundEvent) -> Inbound:
    """The message a pending row holds, as the engine takes it."""
    data = json.loads(row.payload or "{}")
    return Inbound(row.channel, row.address or "", data.get("text"), kind=data.get("kind", "text"),
                   lang_hint=data.get("lang_hint"), at=row.received_at)


def mark_answered(row: InboundEvent) -> None:
    """Answered: forget who sent it and what it said (the messages table has it now)."""
    row.status, row.address, row.payload, row.last_error = "done", None, None, None


def mark_unanswered(row: InboundEvent, reason: str) -> None:
    """Answering failed: try again later (on the database's clock), or give up after
    ``MAX_ANSWER_ATTEMPTS``."""
    row.attempts += 1
    row.last_error = reason[:200]
    if row.attempts >= MAX_ANSWER_ATTEMPTS:
        row.status = "failed"
    else:
        row.next_attempt_at = db_now(backoff(row.attempts).total_seconds())
