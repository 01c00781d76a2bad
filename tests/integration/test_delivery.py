"""The Worker against the Bot API stub through python-telegram-bot: retries, order, races.

Rows are queued with ``bot.outbox.enqueue`` as the webhooks queue them; "time passing" is
simulated by moving a rescheduled row's ``next_attempt_at`` into the past, never by sleeping.
"""

from __future__ import annotations

import collections
import datetime as dt
import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine as SAEngine
from sqlalchemy import create_engine, event, func, insert, select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from bot import db, outbox
from bot.channels.telegram import TelegramSender
from bot.models import Contact, Erasure, Outbox, utcnow
from bot.senders import SendResult
from bot.worker import MAX_SEND_ATTEMPTS, Worker
from tests.fakes import FakeSender, GatedSender
from tests.integration.webhook_support import (
    Rows,
    clock_off_by,
    contact,
    due_now,
    new_chat_id,
    outbox_rows,
)
from tests.stubs import StubTelegram

# SQLite's clock counts milliseconds: a time it reads may be up to one earlier than ours.
TICK = dt.timedelta(milliseconds=1)


@pytest.fixture
def sessions(db_url: str, sa_engine: SAEngine) -> Iterator[sessionmaker[Session]]:
    """Sessions on the test database; rows the test creates are deleted afterwards."""
    engine = db.make_engine(db_url)
    made = db.make_sessionmaker(engine)
    rows = Rows(made)
    yield made
    rows.cleanup()
    engine.dispose()


@pytest.fixture
def worker(
    sessions: sessionmaker[Session], telegram_stub: StubTelegram
) -> Iterator[Worker]:
    """A worker sending through the real TelegramSender to the stub."""
    sender = TelegramSender(telegram_stub.token, telegram_stub.base_url, timeout=5.0)
    worker = Worker(sessions, {"telegram": sender})
    yield worker
    worker.stop()


def queue(sessions: sessionmaker[Session], chat: int, *texts: str,
          buttons: tuple[tuple[int, str], ...] = ()) -> list[int]:
    """A contact for ``chat`` (made once) and one outbox row per text; the row ids."""
    with sessions() as s:
        person = s.scalars(select(Contact).where(Contact.channel == "telegram",
                                                 Contact.external_id == str(chat))).first()
        if person is None:
            person = Contact(channel="telegram", external_id=str(chat),
                             last_inbound_at=utcnow())
            s.add(person)
            s.flush()
        rows = outbox.enqueue(s, channel="telegram", address=str(chat), replies=list(texts),
                              contact_id=person.id, conversation_id=None)
        s.commit()
        return [r.id for r in rows]


def row(sessions: sessionmaker[Session], row_id: int) -> Outbox:
    """One outbox row as stored now."""
    with sessions() as s:
        found = s.get(Outbox, row_id)
        assert found is not None
        return found


def lease_runs_out(sessions: sessionmaker[Session], row_id: int) -> None:
    """Time passes: the lease on a ``sending`` row runs out."""
    with sessions() as s:
        s.execute(update(Outbox).where(Outbox.id == row_id)
                  .values(lease_until=utcnow() - dt.timedelta(seconds=1)))
        s.commit()


def test_a_due_row_is_sent_once(
    sessions: sessionmaker[Session], worker: Worker, telegram_stub: StubTelegram
) -> None:
    chat = new_chat_id()
    [row_id] = queue(sessions, chat, "Hola 👋")
    assert worker.run_once() == 1
    sent = row(sessions, row_id)
    assert (sent.status, sent.attempts, sent.last_error) == ("sent", 1, None)
    assert sent.external_id == "1" and sent.sent_at is not None
    assert telegram_stub.sent_texts(chat) == ["Hola 👋"]
    assert worker.run_once() == 0
    assert len(telegram_stub.calls("sendMessage")) == 1


def test_each_lease_counts_one_attempt_even_for_a_session_that_saw_the_row_before(
    sessions: sessionmaker[Session]
) -> None:
    [row_id] = queue(sessions, new_chat_id(), "hola")

    def lease(session: Session) -> Outbox:
        mine = [r for r in outbox.lease(session, ["telegram"]) if r.id == row_id]
        assert len(mine) == 1
        return mine[0]

    with sessions() as first, sessions() as second:
        held = lease(first)  # kept, as a worker keeps its batch while it sends
        assert held.attempts == 1
        # That worker died mid-send; once its lease runs out another takes the row, dies too.
        lease_runs_out(sessions, row_id)
        assert lease(second).attempts == 2
        # The first session still holds the row as it leased it: the count is the database's.
        lease_runs_out(sessions, row_id)
        assert lease(first).attempts == 3
    assert row(sessions, row_id).attempts == 3


@pytest.mark.parametrize(("first", "second"), [
    (dt.timedelta(0), 2 * outbox.LEASE), (-2 * outbox.LEASE, dt.timedelta(0))],
    ids=["the-other-worker-runs-fast", "the-leasing-worker-runs-slow"])
def test_a_lease_holds_on_the_database_clock_whatever_the_workers_clocks_say(
    sessions: sessionmaker[Session], first: dt.timedelta, second: dt.timedelta
) -> None:
    """Workers on several machines: a reply one of them is sending is not taken by another
    (and sent twice) because their clocks disagree."""
    [row_id] = queue(sessions, new_chat_id(), "hola")
    with clock_off_by(first), sessions() as s:
        assert row_id in [r.id for r in outbox.lease(s, ["telegram"])]
    with clock_off_by(second), sessions() as s:
        assert row_id not in [r.id for r in outbox.lease(s, ["telegram"])]
    assert row(sessions, row_id).attempts == 1


def test_a_retry_waits_its_backoff_though_the_worker_that_failed_runs_slow(
    sessions: sessionmaker[Session], worker: Worker, telegram_stub: StubTelegram
) -> None:
    chat = new_chat_id()
    [row_id] = queue(sessions, chat, "Hola")
    telegram_stub.fail_next("sendMessage", error_code=500)
    with clock_off_by(-dt.timedelta(minutes=10)):
        worker.run_once()
    assert row(sessions, row_id).status == "pending"
    assert worker.run_once() == 0  # a worker whose clock is right: not due for 2 s yet
    assert len(telegram_stub.calls("sendMessage")) == 1


def test_an_idle_poll_waits_for_no_write_lock(sessions: sessionmaker[Session]) -> None:
    """Workers poll the outbox all day; on SQLite a poll that finds nothing due must neither
    take nor wait for the write lock the webhooks need."""
    engine = sessions.kw["bind"]
    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite's one write lock")
    holder = sqlite3.connect(str(engine.url.database), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # someone else is writing
    try:
        found: list[list[Outbox]] = []
        with sessions() as s:
            # The web chat answers inline: it never has outbox rows, so nothing is due.
            poll = threading.Thread(target=lambda: found.append(outbox.lease(s, ["webchat"])),
                                    daemon=True)
            poll.start()
            poll.join(5)
            assert not poll.is_alive()
        assert found == [[]]
    finally:
        holder.rollback()
        holder.close()


def test_telegram_429_waits_at_least_retry_after_then_sends(
    sessions: sessionmaker[Session], worker: Worker, telegram_stub: StubTelegram
) -> None:
    chat = new_chat_id()
    [row_id] = queue(sessions, chat, "Hola")
    telegram_stub.fail_next("sendMessage", error_code=429, retry_after=7)
    before = utcnow()
    worker.run_once()
    waiting = row(sessions, row_id)
    assert (waiting.status, waiting.attempts, waiting.last_error) == ("pending", 1, "telegram 429")
    assert waiting.next_attempt_at + TICK >= before + dt.timedelta(seconds=7)
    assert worker.run_once() == 0  # not due yet: nothing is tried early
    assert len(telegram_stub.calls("sendMessage")) == 1

    due_now(sessions, row_id)
    assert worker.run_once() == 1
    assert row(sessions, row_id).status == "sent"
    assert [c.status for c in telegram_stub.calls("sendMessage")] == [429, 200]


def test_telegram_403_marks_the_contact_unreachable_and_fails_the_row(
    sessions: sessionmaker[Session], worker: Worker, telegram_stub: StubTelegram
) -> None:
    chat = new_chat_id()
    [row_id] = queue(sessions, chat, "Hola")
    telegram_stub.block_chat(chat)
    worker.run_once()
    failed = row(sessions, row_id)
    assert failed.status == "failed"
    assert failed.last_error == "telegram: Forbidden: bot was blocked by the user"
    person = contact(sessions, "telegram", str(chat))
    assert person is not None and person.unreachable
    assert worker.run_once() == 0


def test_transient_500_backs_off_exponentially_then_sends(
    sessions: sessionmaker[Session], worker: Worker, telegram_stub: StubTelegram
) -> None:
    chat = new_chat_id()
    [row_id] = queue(sessions, chat, "Hola")
    telegram_stub.fail_next("sendMessage", n=2, error_code=500)
    for expected in (2, 4):  # the database's clock read lies between before and after
        before = utcnow()
        worker.run_once()
        after = utcnow()
        waiting = row(sessions, row_id)
        assert waiting.status == "pending"
        wait = dt.timedelta(seconds=expected)
        assert waiting.next_attempt_at - after <= wait <= waiting.next_attempt_at + TICK - before
        due_now(sessions, row_id)
    worker.run_once()
    sent = row(sessions, row_id)
    assert (sent.status, sent.attempts) == ("sent", 3)
    assert telegram_stub.sent_texts(chat) == ["Hola"]


def test_a_row_fails_for_good_after_max_attempts(
    sessions: sessionmaker[Session], worker: Worker, telegram_stub: StubTelegram
) -> None:
    chat = new_chat_id()
    [row_id] = queue(sessions, chat, "Hola")
    telegram_stub.fail_next("sendMessage", n=MAX_SEND_ATTEMPTS + 1, error_code=502)
    for _ in range(MAX_SEND_ATTEMPTS):
        assert worker.run_once() == 1
        due_now(sessions, row_id)
    failed = row(sessions, row_id)
    assert (failed.status, failed.attempts) == ("failed", MAX_SEND_ATTEMPTS)
    assert failed.last_error is not None and "Bad Gateway" in failed.last_error
    assert worker.run_once() == 0
    assert len(telegram_stub.calls("sendMessage")) == MAX_SEND_ATTEMPTS


def test_replies_to_one_person_keep_their_order_across_a_failure(
    sessions: sessionmaker[Session], worker: Worker, telegram_stub: StubTelegram
) -> None:
    ana, beto = new_chat_id(), new_chat_id()
    first, *_ = queue(sessions, ana, "uno", "dos", "tres")
    queue(sessions, beto, "para Beto")
    worker.batch = 1  # one row a lease: Ana's first reply goes out alone
    telegram_stub.fail_next("sendMessage", error_code=500)  # and hits it
    worker.run_once()
    assert telegram_stub.sent_texts(ana) == []  # "dos" and "tres" wait for "uno"
    assert telegram_stub.sent_texts(beto) == ["para Beto"]  # others are not held up
    assert [r.status for r in outbox_rows(sessions, "telegram", str(ana))] == ["pending"] * 3

    due_now(sessions, first)
    worker.run_once()
    assert telegram_stub.sent_texts(ana) == ["uno", "dos", "tres"]


def _race_urls(tmp_path: Path) -> list[str]:
    urls = [f"sqlite:///{tmp_path / 'race.db'}"]
    if os.environ.get("TEST_DATABASE_URL"):
        urls.append(os.environ["TEST_DATABASE_URL"])
    return urls


@pytest.mark.parametrize("which", [0, 1], ids=["sqlite-file", "test-database"])
def test_four_workers_at_once_never_send_a_row_twice(
    tmp_path: Path, telegram_stub: StubTelegram, sa_engine: SAEngine, which: int
) -> None:
    urls = _race_urls(tmp_path)
    if which >= len(urls):
        pytest.skip("TEST_DATABASE_URL is not set")
    engine = db.make_engine(urls[which])
    db.create_schema(engine)
    sessions = db.make_sessionmaker(engine)
    rows = Rows(sessions)
    chats = [new_chat_id() for _ in range(25)]
    texts = {chat: [f"{chat} #{i}" for i in range(8)] for chat in chats}
    for chat in chats:
        queue(sessions, chat, *texts[chat])
    total = sum(len(t) for t in texts.values())

    workers = [Worker(sessions, {"telegram": TelegramSender(
        telegram_stub.token, telegram_stub.base_url, timeout=5.0)}) for _ in range(4)]
    start = threading.Barrier(len(workers))
    errors: list[BaseException] = []
    handled = [0] * len(workers)

    def unsent() -> int:
        with sessions() as s:
            return int(s.scalar(select(func.count()).where(
                Outbox.status != "sent", Outbox.id > rows.start[Outbox])) or 0)

    def run(index: int, w: Worker) -> None:
        try:
            start.wait()
            for _ in range(10_000):
                n = w.run_once()
                handled[index] += n
                if n == 0:
                    if unsent() == 0:
                        return
                    time.sleep(0.005)  # the rest is leased by the others
        except BaseException as exc:  # reported below, in the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i, w)) for i, w in enumerate(workers)]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        assert errors == []
        assert unsent() == 0
        print(f"rows handled per worker: {handled}")
        assert sum(handled) == total  # every row taken exactly once, by one worker
        calls = telegram_stub.calls("sendMessage")
        counts = collections.Counter(str(c.params["text"]) for c in calls)
        assert len(calls) == total
        assert max(counts.values()) == 1
        for chat in chats:
            assert telegram_stub.sent_texts(chat) == texts[chat]  # and each in order
    finally:
        for w in workers:
            w.stop()
        rows.cleanup()
        engine.dispose()


class ProbingSender(FakeSender):
    """A fake sender that writes to the database from another connection while it sends.

    If the worker held a transaction (on SQLite: the write lock) across the network call,
    the probe's write would fail after its short timeout.
    """

    def __init__(self, channel: str, url: str) -> None:
        super().__init__(channel)
        self.probe = create_engine(url, connect_args={"timeout": 0.5})
        self.probe_errors: list[str] = []

    def _write(self) -> None:
        try:
            with self.probe.begin() as conn:
                conn.execute(insert(Erasure).values(at=utcnow()))
        except OperationalError as exc:
            self.probe_errors.append(str(exc.orig))

    def send(self, to: str, text: str, *, buttons: list[tuple[str, str]] | None = None
             ) -> SendResult:
        self._write()
        return super().send(to, text, buttons=buttons)

    def send_template(self, to: str, content_sid: str, variables: dict[str, Any] | None = None
                      ) -> SendResult:
        self._write()
        return super().send_template(to, content_sid, variables)


def test_no_database_lock_is_held_while_sending(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'probe.db'}"
    engine = db.make_engine(url)
    db.create_schema(engine)
    sessions = db.make_sessionmaker(engine)
    telegram, whatsapp = ProbingSender("telegram", url), ProbingSender("whatsapp", url)
    worker = Worker(sessions, {"telegram": telegram, "whatsapp": whatsapp},
                            reopen_templates={"whatsapp": "HXtemplate"})
    with sessions() as s:
        person = Contact(channel="whatsapp", external_id="whatsapp:+15551112222",
                         last_inbound_at=utcnow() - dt.timedelta(hours=30))
        s.add(person)
        s.flush()
        outbox.enqueue(s, channel="telegram", address="42", replies=["hola"],
                       contact_id=None, conversation_id=None)
        outbox.enqueue(s, channel="whatsapp", address=person.external_id, replies=["hola"],
                       contact_id=person.id, conversation_id=None)
        s.commit()
    try:
        assert worker.run_once() == 2
        assert telegram.sent == [("42", "hola")]
        assert whatsapp.templates == [("whatsapp:+15551112222", "HXtemplate", None)]
        assert telegram.probe_errors == [] and whatsapp.probe_errors == []
        with sessions() as s:
            assert s.scalar(select(func.count()).select_from(Erasure)) == 2  # both probes wrote
    finally:
        worker.stop()
        telegram.probe.dispose()
        whatsapp.probe.dispose()
        engine.dispose()


class SlowSender(FakeSender):
    """A fake whose sends take a while and that counts how many were in flight at once."""

    def __init__(self) -> None:
        super().__init__("telegram")
        self.in_flight = 0
        self.most_in_flight = 0
        self._count_lock = threading.Lock()

    def send(self, to: str, text: str, *,
             buttons: list[tuple[str, str]] | None = None) -> SendResult:
        with self._count_lock:
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
        time.sleep(0.05)  # a provider's round trip: others may start meanwhile
        try:
            return super().send(to, text, buttons=buttons)
        finally:
            with self._count_lock:
                self.in_flight -= 1


def test_sends_to_different_people_overlap_while_each_persons_replies_keep_their_order(
    sessions: sessionmaker[Session]
) -> None:
    sender = SlowSender()
    worker = Worker(sessions, {"telegram": sender})
    people = [new_chat_id() for _ in range(6)]
    for chat in people:
        queue(sessions, chat, f"uno {chat}", f"dos {chat}", f"tres {chat}")
    try:
        while worker.run_once():
            pass
    finally:
        worker.stop()
    assert sender.most_in_flight > 1  # the people's sends did not wait for each other
    for chat in people:  # each reply once, in the order it was queued
        assert [t for to, t in sender.sent if to == str(chat)] == [
            f"uno {chat}", f"dos {chat}", f"tres {chat}"]
        assert [r.status for r in outbox_rows(sessions, "telegram", str(chat))] == ["sent"] * 3


def test_a_lease_reads_the_contacts_of_its_rows_in_one_statement(
    sessions: sessionmaker[Session]
) -> None:
    sender = FakeSender("telegram")
    worker = Worker(sessions, {"telegram": sender})
    people = [new_chat_id() for _ in range(5)]
    for chat in people:
        queue(sessions, chat, f"hola {chat}")
    seen: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        seen.append(" ".join(statement.split()))

    bind = sessions.kw["bind"]
    event.listen(bind, "before_cursor_execute", record)
    try:
        assert worker.send() == 5  # one lease: each row is a different person's
    finally:
        event.remove(bind, "before_cursor_execute", record)
        worker.stop()
    assert sum(s.startswith("SELECT contacts.") for s in seen) == 1
    assert sorted(to for to, _ in sender.sent) == sorted(str(chat) for chat in people)


def test_a_worker_stopped_by_ctrl_c_records_the_send_in_flight_before_leaving(
    sessions: sessionmaker[Session]
) -> None:
    sender = GatedSender()
    worker = Worker(sessions, {"telegram": sender}, poll_seconds=0.01)
    chat = new_chat_id()
    [row_id] = queue(sessions, chat, "hola")

    def alive() -> bool:
        if sender.started.is_set():  # the reply is out: Ctrl-C now, then it comes back
            sender.go.set()
            raise KeyboardInterrupt
        return True

    try:
        with pytest.raises(KeyboardInterrupt):
            worker.run_forever(alive=alive)
    finally:
        sender.go.set()
        worker.stop()
    assert sender.sent == [(str(chat), "hola")]
    assert row(sessions, row_id).status == "sent"  # not left "sending", to go out again


def test_a_send_back_after_its_lease_ran_out_does_not_undo_the_row_sent_meanwhile(
    sessions: sessionmaker[Session]
) -> None:
    """Worker A's send hangs past the lease; B takes the row again, sends it and the person's
    next reply; then A's send comes back failed (timed out). The row went out: A must not put
    it back to pending, or it goes out once more, after the next reply."""
    slow, fast = GatedSender(), FakeSender("telegram")
    a, b = Worker(sessions, {"telegram": slow}), Worker(sessions, {"telegram": fast})
    chat = new_chat_id()
    first, _ = queue(sessions, chat, "uno", "dos")
    sending = threading.Thread(target=a.send)
    try:
        sending.start()
        assert slow.started.wait(10)  # A leased "uno" and is sending it
        lease_runs_out(sessions, first)  # mid-send
        assert b.send() == 2  # "uno" again (A's lease ran out), then "dos"
        slow.fail_next(1, SendResult("retry", reason="telegram timed out"))
        slow.go.set()
        sending.join(10)
        assert not sending.is_alive()
        due_now(sessions, first)  # a retry's backoff, had A set one, is over
        assert b.send() == 0
    finally:
        slow.go.set()
        a.stop()
        b.stop()
    assert fast.sent == [(str(chat), "uno"), (str(chat), "dos")]
    assert [(r.status, r.attempts) for r in outbox_rows(sessions, "telegram", str(chat))] == [
        ("sent", 2), ("sent", 1)]


def test_a_result_the_database_failed_to_record_is_recorded_later_not_sent_again(
    sessions: sessionmaker[Session]
) -> None:
    """The reply went out, then writing 'sent' failed (the database restarted): the worker
    keeps the result and records it at its next look, instead of leaving the row 'sending'
    to go out again when the lease runs out."""
    sender = FakeSender("telegram")
    worker = Worker(sessions, {"telegram": sender}, poll_seconds=0.01)
    chat = new_chat_id()
    [row_id] = queue(sessions, chat, "hola")
    bind = sessions.kw["bind"]
    failed: list[int] = []

    def cut(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if not failed and statement.startswith("UPDATE outbox") and "sent_at" in statement:
            failed.append(0)
            raise OperationalError(statement, None, Exception("the connection was lost"))

    def alive() -> bool:  # a few rounds after the failure, or until the row is recorded
        if failed:
            failed.append(0)
        return len(failed) < 20 and row(sessions, row_id).status != "sent"

    event.listen(bind, "before_cursor_execute", cut)
    try:
        worker.run_forever(alive=alive)
    finally:
        event.remove(bind, "before_cursor_execute", cut)
    try:
        assert failed, "the record never failed: the test did not test anything"
        lease_runs_out(sessions, row_id)  # a lease left behind would run out
        assert worker.send() == 0
    finally:
        worker.stop()
    assert sender.sent == [(str(chat), "hola")]
    assert (row(sessions, row_id).status, row(sessions, row_id).attempts) == ("sent", 1)


def test_a_delivery_back_after_its_lease_ran_out_is_recorded_and_the_later_lease_undoes_nothing(
    sessions: sessionmaker[Session]
) -> None:
    """A's send hangs past the lease and B takes the row again; A's comes back delivered
    while B's is still out, then B's comes back failed: the row stays sent."""
    first_try, second_try = GatedSender(), GatedSender()
    a, b = Worker(sessions, {"telegram": first_try}), Worker(sessions, {"telegram": second_try})
    chat = new_chat_id()
    [row_id] = queue(sessions, chat, "uno")
    sends = [threading.Thread(target=a.send), threading.Thread(target=b.send)]
    try:
        sends[0].start()
        assert first_try.started.wait(10)
        lease_runs_out(sessions, row_id)
        sends[1].start()
        assert second_try.started.wait(10)
        first_try.go.set()
        sends[0].join(10)
        assert row(sessions, row_id).status == "sent"  # it went out: recorded all the same
        second_try.fail_next(1, SendResult("retry", reason="telegram timed out"))
        second_try.go.set()
        sends[1].join(10)
        assert not any(t.is_alive() for t in sends)
        due_now(sessions, row_id)
        assert a.send() == 0
    finally:
        first_try.go.set()
        second_try.go.set()
        a.stop()
        b.stop()
    assert first_try.sent == [(str(chat), "uno")] and second_try.sent == []
    assert (row(sessions, row_id).status, row(sessions, row_id).attempts) == ("sent", 2)
