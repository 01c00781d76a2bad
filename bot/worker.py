"""The worker: answers the inbox, then sends the outbox, with retries; safe to run several.

Answering: each stored message (``bot.inbox``) is understood ahead (matcher, language; no
transaction open), then taken, run through the pipeline and marked answered in one
transaction. A message the engine fails on is retried ``MAX_ANSWER_ATTEMPTS`` times.

Sending: due outbox rows are leased and sent through their channel's sender, on a pool of
threads; the loop records each result when it comes back, answering the inbox meanwhile.
Telegram's 429 ``retry_after`` and Twilio's errors come back as a ``SendResult``; this
module decides what happens to the row (sent, retried with backoff up to
``MAX_SEND_ATTEMPTS``, failed, held). A channel with a reply window (WhatsApp's 24 hours)
gets no free-form send outside it: the message is held, its approved template (if
configured) asks the person to write back once, and the held messages go out when they do.
Nothing is sent to a person who opted out on a channel that requires opting in again (SMS).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from typing import Protocol

from sqlalchemy import Engine, bindparam, select
from sqlalchemy.orm import Session, sessionmaker

from bot import bell, channels, inbox, outbox
from bot.engine import Understanding
from bot.messages import Inbound
from bot.models import Contact, InboundEvent, Outbox, db_now, db_time
from bot.pipeline import Pipeline
from bot.privacy import Purger
from bot.senders import Sender, SendResult

__all__ = ["MAX_SEND_ATTEMPTS", "WakeEvent", "Worker"]

log = logging.getLogger(__name__)

MAX_SEND_ATTEMPTS = 8  # tries to send one outbox row (network, rate limits)
SQLITE_GAP = 0.001  # seconds
AHEAD = 8  # stored messages understood at a time, then answered in one transaction
# PostgreSQL locks rows, not the whole file as SQLite does: a larger batch keeps no webhook
# waiting, and saves commits (each a flush of the write-ahead log) and per-batch statements.
AHEAD_POSTGRES = 32


class WakeEvent(Protocol):
    """``threading.Event`` or ``multiprocessing.Event``."""

    def set(self) -> None: ...  # noqa: D102
    def clear(self) -> None: ...  # noqa: D102
    def wait(self, timeout: float | None = None) -> bool: ...  # noqa: D102


class Worker:
    """Answers stored messages (with a ``pipeline``), leases due outbox rows and sends them."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        senders: Mapping[str, Sender],
        *,
        pipeline: Pipeline | None = None,
        reads: sessionmaker[Session] | None = None,
        reopen_templates: Mapping[str, str] | None = None,
        poll_seconds: float = 0.2,
        batch: int = 20,
        wake_event: WakeEvent | None = None,
        purger: Purger | None = None,
    ) -> None:
        self.sessions = sessions
        self.purger = purger  # the retention purge runs from this loop, daily by default
        self.reads = reads or sessions  # sessions that only read (no SQLite write lock)
        self.pipeline = pipeline
        self.senders = dict(senders)
        self.reopen_templates = {k: v for k, v in (reopen_templates or {}).items() if v}
        self.poll_seconds = poll_seconds
        self.batch = batch
        # Another process (``paisano serve``'s web side) may share it to wake this worker.
        self._wake: WakeEvent = wake_event or threading.Event()
        self._stop = threading.Event()
        self._sends: ThreadPoolExecutor | None = None
        # Each send in flight: its outbox row's id and the attempt it leased (``_record``).
        self._flight: dict[Future[SendResult], tuple[int, int]] = {}
        self._committed_at = 0.0  # when the last batch of the inbox ended (time.monotonic)
        self._leased_at = 0.0  # when the loop last looked for due replies (time.monotonic)
        self._rings = 0  # how many times ``wake`` was called: new messages were stored
        bind = sessions.kw.get("bind")
        self._bind: Engine | None = bind if isinstance(bind, Engine) else None
        # On PostgreSQL the webhooks' commits ring this worker wherever it runs (bot.bell).
        self._postgres = self._bind is not None and self._bind.dialect.name == "postgresql"
        self._ahead = AHEAD_POSTGRES if self._postgres else AHEAD

    # --- running ----------------------------------------------------------------------------

    def wake(self) -> None:
        """New rows were committed: look now instead of at the next poll."""
        self._rings += 1  # only ever written here: the loop compares, never writes it
        self._wake.set()

    def run_once(self) -> int:
        """Answer a batch of the inbox, then send what is due; return the outbox rows handled."""
        self.answer_inbox()
        return self.send()

    def run_forever(self, *, alive: Callable[[], bool] = lambda: True) -> None:
        """Loop until ``stop()`` or until ``alive()`` says no; errors are logged, the loop
        goes on."""
        listener = None
        if self._bind is not None and self._postgres:
            listener = bell.Listener(self._bind, self.wake).start()
        try:
            self._loop(alive)
        finally:
            try:  # Ctrl-C or SIGTERM too: what went out is recorded before leaving
                self._record_sent(wait_all=True)
            except Exception:
                log.exception("worker: sends in flight could not be recorded")
            if listener is not None:
                listener.stop()

    def _loop(self, alive: Callable[[], bool]) -> None:
        inbox = replies = True  # whether this round looks at the inbox, for due replies
        while not self._stop.is_set() and alive():
            rings, answered, more, quiet = self._rings, 0, False, False
            try:
                if self.purger is not None:
                    self.purger.maybe_purge()
                # Sends run on the pool while this thread answers: their results are
                # recorded, and the next rows leased, between a few batches of the inbox.
                recorded = self._record_sent()
                limit = 2 * self._ahead  # between two looks at the sends: two batches
                answered = self.answer_inbox(limit) if inbox else 0
                recorded += self._record_sent()
                if replies or answered or recorded:
                    room = self.batch - len(self._flight)
                    more = room > 0 and self._start_sends() == room  # more may be due
                    self._leased_at = time.monotonic()
                more = more or answered == limit  # more may be waiting
            except Exception:
                log.exception("worker loop failed; retrying")
            if not more:  # a round that took less than it could found all there was
                quiet = not self._wake.wait(self.poll_seconds)
                self._wake.clear()
            # On PostgreSQL the bell rings for each message stored (bot.bell) and a send
            # coming back rings it too (``_came_back``): a round woken by a send need not
            # look at the inbox, nor one woken for a message another worker answered for
            # due replies, each a transaction fewer. Replies also become due as time passes
            # (a retry's backoff, a lease that ran out, a reply an agent wrote): looked for
            # at least every poll. SQLite's bell, shared with the web process, does not say
            # who rang: there every round looks at both (reads that take no lock).
            inbox = not self._postgres or quiet or answered == limit or self._rings != rings
            replies = (not self._postgres or quiet
                       or time.monotonic() - self._leased_at >= self.poll_seconds)

    def stop(self) -> None:
        """Stop the loop (after its current round) and close the senders."""
        self._stop.set()
        self._wake.set()
        if self._sends is not None:
            self._sends.shutdown(wait=True)
        for sender in self.senders.values():
            sender.close()

    # --- the inbox --------------------------------------------------------------------------

    def answer_inbox(self, limit: int = 50) -> int:
        """Answer up to ``limit`` stored messages, a few at a time in one transaction.

        SQLite: the texts are understood (matcher, language) before any transaction begins,
        so the one write lock the webhooks wait for is held only while the turns are stored.
        PostgreSQL: the messages are taken first and understood in the transaction; their
        row locks only make the other workers skip them, so no message is understood twice.
        The messages of a batch are each of a different person, so one commit for all of
        them keeps each person's order; a crash before it leaves them all pending, to be
        answered again.
        """
        if self.pipeline is None:
            return 0
        answered = 0
        while answered < limit:
            size = min(self._ahead, limit - answered)
            done = self._answer_next(size) if self._postgres else self._answer_ahead(size)
            answered += done
            if done == 0:  # nothing due, or other workers have it all in hand
                break
        return answered

    def _answer_ahead(self, size: int) -> int:
        """SQLite: look at the next ``size`` due messages, understand them, then take and
        answer them in one transaction; how many were answered."""
        ahead = self.due(size)
        if not ahead:
            return 0
        batch = [(row_id, self._understand(item)) for row_id, item in ahead]
        # SQLite has one write lock for the whole file, and a webhook waiting for it polls
        # (bot.db): leave it a gap between two batches, or it may wait out a whole backlog.
        # Looking ahead and understanding usually took longer than that already: then
        # there is nothing left to wait.
        gap = SQLITE_GAP - (time.monotonic() - self._committed_at)
        if gap > 0:
            time.sleep(gap)
        done = self._answer_batch(batch)
        self._committed_at = time.monotonic()
        return done

    def due(self, limit: int) -> list[tuple[int, Inbound]]:
        """A look at the next stored messages to answer, taking no lock: on SQLite the
        webhooks never wait for it (``db.autocommit``)."""
        with self.reads() as session:
            return inbox.due(session, limit)

    def _understand(self, item: Inbound) -> Understanding | None:
        assert self.pipeline is not None  # noqa: S101 - answer_inbox checked
        try:
            return self.pipeline.engine.understand(item.text, item.kind)
        except Exception:  # the turn will meet the same bug, and the row will be marked
            return None

    def _answer_next(self, size: int) -> int:
        """PostgreSQL: take the next ``size`` due messages that no other worker holds,
        understand and answer them in one transaction; how many were answered."""
        with self.sessions() as session:
            taken = inbox.take_next(session, size)
            understood = {row.id: self._understand(inbox.inbound(row)) for row in taken}
            if self._answer_taken(session, taken, understood):
                return len(taken)
        return sum(self._answer(row_id, u) for row_id, u in understood.items())

    def _answer_batch(self, batch: list[tuple[int, Understanding | None]]) -> int:
        """Answer stored messages of different people in one transaction; if one of them
        fails, the batch is rolled back and each is answered on its own, so the failure is
        recorded against that message alone. How many were answered."""
        if len(batch) == 1:
            return self._answer(*batch[0])
        understood = dict(batch)
        with self.sessions() as session:
            # One statement takes them all; those another worker took meanwhile are not
            # among the rows.
            taken = inbox.take_many(session, list(understood))
            if self._answer_taken(session, taken, understood):
                return len(taken)
        return sum(self._answer(row_id, u) for row_id, u in batch)

    def _answer_taken(self, session: Session, taken: list[InboundEvent],
                      understood: Mapping[int, Understanding | None]) -> bool:
        """Answer the rows taken in ``session``'s transaction and commit; False (rolled back)
        if one of them failed: one bad turn must not cost the others their answer."""
        assert self.pipeline is not None  # noqa: S101 - answer_inbox checked
        try:
            # Each is a different person, so no turn needs another's changes flushed: they
            # are written together at the commit, a few batched statements instead of a
            # flush per turn.
            with session.no_autoflush:
                items = [(row, inbox.inbound(row)) for row in taken]
                # Whose held or later replies a new message touches: one statement.
                waiting = outbox.waiting(session, ((i.channel, i.sender) for _, i in items))
                self.pipeline.prepare(session, [i for _, i in items])
                for row, item in items:
                    self.pipeline.receive(session, item, commit=False,
                                          understood=understood.get(row.id), waiting=waiting)
                    inbox.mark_answered(row)
            session.commit()
            return True
        except Exception:
            session.rollback()
            return False

    def _answer(self, row_id: int, understood: Understanding | None) -> int:
        """Answer one stored message if it is still due; how many were answered (0 or 1)."""
        assert self.pipeline is not None  # noqa: S101 - answer_inbox checked
        with self.sessions() as session:
            row = inbox.take(session, row_id)
            if row is None:  # another worker took it meanwhile
                session.commit()
                return 0
            try:
                self.pipeline.receive(session, inbox.inbound(row), commit=False,
                                      understood=understood)
                inbox.mark_answered(row)
                session.commit()
            except Exception as exc:  # a bug must not lose the message or stop the rest
                log.exception("inbox=%s could not be answered", row_id)
                session.rollback()
                row = session.get(InboundEvent, row_id, populate_existing=True)
                if row is not None:
                    inbox.mark_unanswered(row, f"{type(exc).__name__}: not answered")
                session.commit()
        return 1

    # --- the outbox -------------------------------------------------------------------------

    def send(self) -> int:
        """Send every outbox row that is due now and record each result; return how many
        rows were handled."""
        if not self.senders:
            return 0
        handled = 0
        while started := self._start_sends():
            handled += started
            self._record_sent(wait_all=True)
        return handled

    def _start_sends(self) -> int:
        """Lease due rows, as many as the pool has room for, and start sending them; return
        how many rows were leased. ``_record_sent`` records the results.

        The rows of one lease are each the next message of a different person (``lease``),
        so they are sent at once, each on a thread of the pool. A row stays ``sending`` until
        its result is recorded, and while it does, no later row of that person is due: each
        person's replies keep their order.
        """
        room = self.batch - len(self._flight)
        if not self.senders or room <= 0 or self._stop.is_set():
            return 0
        with self.sessions() as session:
            rows = outbox.lease(session, list(self.senders), limit=room)
            if not rows:
                return 0
            people = _contacts(session, rows)  # one SELECT for the whole lease
            # A reply window is judged on the database's clock, read once a lease (only when
            # a leased row's channel has a window): the person's last message was stamped
            # by it (``inbox.rows``), and this machine's clock may be minutes off.
            now = db_time(session) if any(_windowed(row) for row in rows) else None
            ready = [row for row in rows if self._may_send(session, row, people, now)]
            # Plain values: the pool's threads never touch the session or its rows.
            jobs = [(row.id, row.channel, row.address, row.text, row.buttons)
                    for row in ready]
            session.commit()  # no transaction is left open across a network call
        for row, job in zip(ready, jobs, strict=True):
            future = self._pool().submit(self._send_one, job)
            self._flight[future] = (row.id, row.attempts)
            future.add_done_callback(self._came_back)
        return len(rows)

    def _came_back(self, _future: Future[SendResult]) -> None:
        self._wake.set()  # the loop records it now instead of at the next poll

    def _record_sent(self, *, wait_all: bool = False) -> int:
        """Record the sends that came back (with ``wait_all``, every send in flight, as each
        comes back); return how many. Those back together share a commit; a kill -9 can
        only repeat a send whose result was not recorded yet. If the commit fails (the
        database restarted), they stay in flight, to be recorded at the next look."""
        recorded = 0
        while self._flight:
            done = [future for future in self._flight if future.done()]
            if not done:
                if not wait_all:
                    break
                done = list(wait(self._flight, return_when=FIRST_COMPLETED).done)
            leases = [self._flight[future] for future in done]
            with self.sessions() as session:
                ids = [row_id for row_id, _ in leases]
                rows = {row.id: row for row in session.scalars(_SENDING, {"ids": ids})}
                for (row_id, attempt), future in zip(leases, done, strict=True):
                    row = rows.get(row_id)
                    if row is not None:  # else erased meanwhile: nothing left to record
                        self._record(session, row, future.result(), attempt)
                session.commit()
            for future in done:
                del self._flight[future]
            recorded += len(done)
        return recorded

    def _pool(self) -> ThreadPoolExecutor:
        # Made on first use: a Worker that never sends starts no threads.
        if self._sends is None:
            self._sends = ThreadPoolExecutor(self.batch, thread_name_prefix="send")
        return self._sends

    def _may_send(self, session: Session, row: Outbox, people: Mapping[int, Contact],
                  now: dt.datetime | None) -> bool:
        """Whether a leased row goes out ``now`` (the database's time; None when no row of
        the lease has a reply window) (``people``: the lease's contacts by id); if not, it
        is failed or held here."""
        # lease counted the attempt.
        contact = people.get(row.contact_id) if row.contact_id else None
        channel = channels.get(row.channel)
        if contact is not None and contact.unreachable and channel.opt_in_required:
            self._fail(row, "the person opted out: not sent")
            return False
        if _windowed(row) and not self._window_open(row, contact, now):
            self._hold(session, row, f"outside the {_hours(channel)} {channel.label} window")
            return False
        return True

    def _send_one(self, job: tuple[int, str, str, str, str | None]) -> SendResult:
        """Send one row's text (on a pool thread)."""
        row_id, channel, address, text, raw_buttons = job
        buttons = [tuple(b) for b in json.loads(raw_buttons)] if raw_buttons else None
        try:
            return self.senders[channel].send(address, text, buttons=buttons)
        except Exception as exc:  # a sender bug must not lose the message
            log.exception("sender crashed for outbox=%s", row_id)
            return SendResult("retry", reason=f"sender error: {type(exc).__name__}")

    def _record(self, session: Session, row: Outbox, result: SendResult, attempt: int) -> None:
        """Record the result of the send that leased ``row`` as its ``attempt``."""
        log.info("outbox=%s channel=%s to=%s status=%s attempt=%s", row.id, row.channel,
                 channels.get(row.channel).mask(row.address), result.status, attempt)
        if (row.status, row.attempts) != ("sending", attempt) and (
                not result.ok or row.status == "sent"):
            # This send's lease ran out and the row was leased again since (or this result
            # was recorded already): the newer lease decides what becomes of the row. Only a
            # delivery is still news: recorded, so the row does not go out once more.
            log.warning("outbox=%s: attempt %s is no longer the row's lease: not recorded",
                        row.id, attempt)
            return
        if result.status == "sent":
            if row.delete_after_send:
                session.delete(row)
                return
            # Stamped by the database at the commit, as staff see it beside the person's.
            row.status, row.sent_at, row.external_id = "sent", db_now(), result.external_id
            row.lease_until, row.last_error = None, None
        elif result.status == "window_closed":
            self._hold(session, row, result.reason or "twilio 63016: outside the 24-hour window")
        elif result.status == "unreachable":
            # Not retried: the person blocked the bot or opted out (Twilio 21610).
            self._fail(row, result.reason or "person unreachable (blocked the bot)")
            contact = session.get(Contact, row.contact_id) if row.contact_id else None
            if contact is not None:
                contact.unreachable = True
        elif result.status == "retry" and row.attempts < MAX_SEND_ATTEMPTS:
            row.status, row.lease_until = "pending", None
            # On the database's clock, as the lease that takes it again judges it.
            row.next_attempt_at = db_now(
                outbox.backoff(row.attempts, result.retry_after).total_seconds())
            row.last_error = (result.reason or "temporary failure")[:200]
        else:
            self._fail(row, result.reason or f"gave up after {row.attempts} attempts")

    @staticmethod
    def _fail(row: Outbox, reason: str) -> None:
        row.status, row.lease_until, row.last_error = "failed", None, reason[:200]

    @staticmethod
    def _window_open(row: Outbox, contact: Contact | None, now: dt.datetime | None) -> bool:
        assert now is not None  # noqa: S101 - read for every lease with a windowed row
        last = contact.last_inbound_at if contact else None
        return channels.get(row.channel).window_open(last, now)

    def _hold(self, session: Session, row: Outbox, reason: str) -> None:
        """Keep the message until the person writes; ask them to, once, with the template."""
        template = self.reopen_templates.get(row.channel, "")
        if not template:
            self._fail(row, f"{reason}; no reopen template configured")
            return
        row.status, row.lease_until, row.last_error = "held", None, reason[:200]
        already_asked = session.scalars(
            select(Outbox.id).where(
                Outbox.channel == row.channel, Outbox.address == row.address,
                Outbox.status == "held", Outbox.id != row.id,
            ).limit(1)
        ).first()
        if already_asked is not None:
            return
        session.commit()  # held before asking: a retry of this row never asks twice
        sender = self.senders[row.channel]
        result = sender.send_template(  # type: ignore[attr-defined]
            row.address, template, None
        )
        if result.status != "sent":
            row.last_error = f"{reason}; template: {result.reason or result.status}"[:200]


# Built once: the worker runs these for every lease.
# Locked while recorded (PostgreSQL; SQLite's BEGIN IMMEDIATE holds the file): no other
# worker leases a row between the look at whose lease it is and the write.
_SENDING = (select(Outbox).where(Outbox.id.in_(bindparam("ids", expanding=True)))
            .with_for_update(of=Outbox).execution_options(populate_existing=True))
_CONTACTS = (select(Contact).where(Contact.id.in_(bindparam("ids", expanding=True)))
             .execution_options(populate_existing=True))


def _contacts(session: Session, rows: list[Outbox]) -> dict[int, Contact]:
    """The contacts of ``rows`` by id, read (or refreshed) as they are now in one statement:
    each row's opt-out and reply window without a SELECT per row."""
    ids = {row.contact_id for row in rows if row.contact_id is not None}
    if not ids:
        return {}
    return {c.id: c for c in session.scalars(_CONTACTS, {"ids": sorted(ids)})}


def _windowed(row: Outbox) -> bool:
    """Whether sending ``row`` depends on the channel's reply window (an erasure
    confirmation answers a message just received: it always goes)."""
    return channels.get(row.channel).reply_window is not None and not row.delete_after_send


def _hours(channel: channels.Channel) -> str:
    """"24-hour" for a 24-hour window."""
    window = channel.reply_window
    return f"{int(window.total_seconds() // 3600)}-hour" if window else "reply"
