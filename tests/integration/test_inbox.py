"""The inbox between the webhooks and the engine: stored once, answered in order, never lost.

Runs on the test database (SQLite file, or PostgreSQL with TEST_DATABASE_URL); the worker
answers with the real engine.
"""

from __future__ import annotations

import collections
import contextlib
import dataclasses
import datetime as dt
import sqlite3
import threading
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine as SAEngine
from sqlalchemy import event, select, update
from sqlalchemy import text as sql
from sqlalchemy.orm import Session

from bot import db, inbox, outbox
from bot.content import Catalog
from bot.engine import ConversationEngine, Understanding
from bot.messages import Inbound, Outcome
from bot.models import Contact, Conversation, InboundEvent, Message, db_now, utcnow
from bot.worker import Worker
from tests.fakes import GatedSender, wait_for
from tests.integration.webhook_support import (
    Harness,
    clock_off_by,
    harness,
    make_helpline,
    make_settings,
    new_chat_id,
    outbox_rows,
    post_update,
    tg_text,
)
from tests.stubs import StubTelegram


@pytest.fixture
def tg(db_url: str, sa_engine: SAEngine, catalog: Catalog, engine: ConversationEngine,
       telegram_stub: StubTelegram) -> Iterator[Harness]:
    """The app with Telegram on; the worker is run by hand."""
    with harness(make_settings(db_url, telegram=telegram_stub), catalog, engine) as h:
        yield h


def says(chat: int | str, text: str, update_id: str) -> Inbound:
    """A Telegram message as the webhook hands it over."""
    return Inbound("telegram", str(chat), text, external_id=update_id)


def inbound_texts(h: Harness, chat: str) -> list[str]:
    """What the person said, as stored by the engine, oldest first."""
    with h.sessions() as s:
        return list(s.scalars(
            select(Message.text).join(Conversation).join(Contact)
            .where(Contact.external_id == chat, Message.direction == "in").order_by(Message.id)))


def test_many_request_threads_store_each_update_once(tg: Harness) -> None:
    writer = tg.helpline.pipeline.writer
    ids = [f"u-{new_chat_id()}" for _ in range(40)]
    results: collections.Counter[tuple[str, bool]] = collections.Counter()
    lock = threading.Lock()
    start = threading.Barrier(8)

    def post(n: int) -> None:  # every id is posted by two threads, as retries would
        start.wait()
        for i, update_id in enumerate(ids):
            if i % 4 in (n % 4, (n + 1) % 4):
                stored = writer.store([says(1000 + i, "hola", update_id)])
                with lock:
                    results[update_id, stored] += 1

    threads = [threading.Thread(target=post, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert {update_id for update_id, stored in results if stored} == set(ids)
    assert all(results[update_id, True] == 1 for update_id in ids)  # exactly one "new"
    assert sum(results.values()) == 4 * len(ids)  # each id posted four times in all
    assert tg.rows.new() == {"inbound_events": len(ids)}


def test_a_request_thread_that_finds_nobody_writing_commits_its_own_update(
    tg: Harness
) -> None:
    # No other thread is woken to write it: on a busy machine each wake-up is a wait for a CPU.
    writers: list[str] = []
    listen = ("before_cursor_execute",
              lambda *_args: writers.append(threading.current_thread().name))
    event.listen(tg.helpline.sa_engine, *listen)
    try:
        thread = threading.Thread(name="request-1", target=lambda: tg.helpline.pipeline.accept(
            [says(1000, "hola", f"own-{new_chat_id()}")]))
        thread.start()
        thread.join(30)
    finally:
        event.remove(tg.helpline.sa_engine, *listen)
    assert writers and set(writers) == {"request-1"}
    assert tg.rows.new() == {"inbound_events": 1}


def test_the_writer_holds_one_connection_and_takes_a_new_one_when_it_is_cut(
    tg: Harness, sa_engine: SAEngine
) -> None:
    # A checkout per batch cost a round trip on PostgreSQL (pool_pre_ping) before each insert.
    writer = inbox.Writer(sa_engine)
    checkouts: list[object] = []
    listen = ("checkout", lambda *_args: checkouts.append(None))
    event.listen(sa_engine.pool, *listen)
    try:
        for n in range(5):
            assert writer.store([says(1000 + n, "hola", f"held-{new_chat_id()}")])
        assert len(checkouts) == 1
        if sa_engine.dialect.name == "postgresql":  # the database cuts every other connection
            with sa_engine.connect() as conn:
                conn.execute(sql(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE "
                    "datname = current_database() AND pid <> pg_backend_pid()"))
            assert writer.store([says(1000, "hola", f"held-{new_chat_id()}")])
        assert tg.rows.new()["inbound_events"] >= 5
    finally:
        event.remove(sa_engine.pool, *listen)
        writer.stop()


@pytest.mark.parametrize(("web", "worker"), [
    (dt.timedelta(minutes=10), dt.timedelta(0)), (dt.timedelta(0), -dt.timedelta(minutes=10))],
    ids=["the-web-process-runs-fast", "the-worker-runs-slow"])
def test_a_new_message_is_answered_at_once_whatever_the_machines_clocks_say(
    tg: Harness, web: dt.timedelta, worker: dt.timedelta
) -> None:
    chat = str(new_chat_id())
    with clock_off_by(web):
        assert tg.helpline.pipeline.accept([says(chat, "hola", f"{chat}-1")])
    with clock_off_by(worker):
        assert tg.answer() == 1
    assert inbound_texts(tg, chat) == ["hola"]


def test_a_database_failure_is_503_and_telegram_retries(tg: Harness) -> None:
    broken = db.make_engine("sqlite://")  # no tables: every write fails
    tg.helpline.pipeline.writer = inbox.Writer(broken)
    try:
        res = post_update(tg.client, tg_text(new_chat_id(), "hola"))
        assert res.status_code == 503
        assert tg.rows.new() == {}
    finally:
        tg.helpline.pipeline.writer.stop()
        broken.dispose()


def test_each_persons_messages_are_answered_in_the_order_they_came(tg: Harness) -> None:
    ana, beto = str(new_chat_id()), str(new_chat_id())
    for n, (chat, text) in enumerate([(ana, "hola"), (beto, "hola"), (ana, "menu"),
                                      (ana, "3"), (beto, "english please")]):
        assert tg.helpline.pipeline.accept([says(chat, text, f"{chat}-{n}")])
    # Ana's first message is waiting for a retry: her later ones must wait for it too.
    with tg.sessions() as s:
        s.execute(update(InboundEvent).where(InboundEvent.address == ana,
                                             InboundEvent.external_id == inbox.rows(
                                                 [says(ana, "", f"{ana}-0")])[0]["external_id"])
                  .values(next_attempt_at=utcnow().replace(year=2100)))
        s.commit()
    assert tg.answer() == 2  # Beto's two; none of Ana's
    assert inbound_texts(tg, ana) == []
    assert inbound_texts(tg, beto) == ["hola", "english please"]
    with tg.sessions() as s:
        s.execute(update(InboundEvent).where(InboundEvent.address == ana)
                  .values(next_attempt_at=db_now()))  # due now, on the clock that judges it
        s.commit()
    assert tg.answer() == 3
    assert inbound_texts(tg, ana) == ["hola", "menu", "3"]
    assert tg.inbox_statuses() == {"done": 5}


@dataclasses.dataclass
class Flaky:
    """The real engine, failing on one text (a bug met in production)."""

    real: ConversationEngine
    poison: str

    def understand(self, text: str | None, kind: str = "text") -> Understanding:
        if text == self.poison:
            raise RuntimeError("engine bug")
        return self.real.understand(text, kind)

    def handle(self, session: Session, item: Inbound,
               understood: Understanding | None = None) -> Outcome:
        if item.text == self.poison:
            raise RuntimeError("engine bug")
        return self.real.handle(session, item, understood)


def test_a_message_the_engine_fails_on_is_retried_then_kept_as_failed(
    tg: Harness, engine: ConversationEngine
) -> None:
    tg.helpline.pipeline.engine = Flaky(engine, "boom")  # type: ignore[assignment]
    ana, beto = str(new_chat_id()), str(new_chat_id())
    tg.helpline.pipeline.accept([says(ana, "boom", f"{ana}-1")])
    tg.helpline.pipeline.accept([says(ana, "hola", f"{ana}-2")])
    tg.helpline.pipeline.accept([says(beto, "hola", f"{beto}-1")])
    for attempt in range(1, inbox.MAX_ANSWER_ATTEMPTS + 1):
        tg.answer()
        with tg.sessions() as s:
            row = s.scalars(select(InboundEvent).where(InboundEvent.address == ana)
                            .order_by(InboundEvent.id)).first()
            assert row is not None and row.attempts == attempt
            s.execute(update(InboundEvent).where(InboundEvent.id == row.id)
                      .values(next_attempt_at=db_now()))  # time passes
            s.commit()
    # Nothing else waited for the retries except Ana's own later message, answered once
    # hers was given up on; the failed one keeps what she wrote for staff to look at.
    assert inbound_texts(tg, beto) == ["hola"]
    assert inbound_texts(tg, ana) == ["hola"]
    with tg.sessions() as s:
        failed = s.scalars(select(InboundEvent).where(InboundEvent.status == "failed")).one()
        assert failed.address == ana and "boom" in (failed.payload or "")
        assert failed.last_error == "RuntimeError: not answered"

    # Her erasure request (confirmed, issue 10) also removes the failed message with her words.
    tg.helpline.pipeline.accept([says(ana, "borrar mis datos", f"{ana}-3")])
    tg.answer()
    tg.helpline.pipeline.accept([says(ana, "sí", f"{ana}-4")])
    tg.answer()
    with tg.sessions() as s:
        assert s.scalars(select(InboundEvent).where(InboundEvent.address == ana)).all() == []
        assert s.scalars(select(Contact).where(Contact.external_id == ana)).all() == []


@dataclasses.dataclass
class Slow:
    """The real engine, counting the texts it understands; the first one waits for ``go``."""

    real: ConversationEngine
    go: threading.Event = dataclasses.field(default_factory=threading.Event)
    inside: threading.Event = dataclasses.field(default_factory=threading.Event)
    understood: collections.Counter[str | None] = dataclasses.field(
        default_factory=collections.Counter)

    def understand(self, text: str | None, kind: str = "text") -> Understanding:
        self.understood[text] += 1
        if not self.inside.is_set():
            self.inside.set()
            assert self.go.wait(30)
        return self.real.understand(text, kind)

    def handle(self, session: Session, item: Inbound,
               understood: Understanding | None = None) -> Outcome:
        return self.real.handle(session, item, understood)


def test_a_worker_never_understands_a_message_another_worker_is_answering(
    tg: Harness, engine: ConversationEngine
) -> None:
    """PostgreSQL: a worker takes its messages before understanding them; while it does, the
    others skip them instead of understanding them too (for nothing: only one may answer)."""
    if tg.helpline.sa_engine.dialect.name != "postgresql":
        pytest.skip("SQLite: one worker understands ahead, holding no lock")
    slow = Slow(engine)
    tg.helpline.pipeline.engine = slow  # type: ignore[assignment]
    texts = ["hola", "menu", "gracias"]
    for text in texts:
        chat = str(new_chat_id())
        assert tg.helpline.pipeline.accept([says(chat, text, f"{chat}-1")])
    first, second = (Worker(tg.sessions, {}, pipeline=tg.helpline.pipeline) for _ in "12")
    answered: list[int] = []
    runner = threading.Thread(target=lambda: answered.append(first.answer_inbox()))
    runner.start()
    try:
        assert slow.inside.wait(30)  # the first worker is understanding its batch
        answered.append(second.answer_inbox())
    finally:
        slow.go.set()
        runner.join(30)
    assert sorted(answered) == [0, 3]
    assert slow.understood == dict.fromkeys(texts, 1)
    assert tg.inbox_statuses() == {"done": 3}


def test_two_workers_answer_each_message_once_and_each_person_in_order(
    tg: Harness, db_url: str, catalog: Catalog, engine: ConversationEngine,
    telegram_stub: StubTelegram
) -> None:
    people = [str(new_chat_id()) for _ in range(12)]
    texts = ["hola", "menu", "3", "gracias", "como mando dinero"]
    for n, text in enumerate(texts):
        for chat in people:
            assert tg.helpline.pipeline.accept([says(chat, f"{text} {n}", f"{chat}-{n}")])
    other = make_helpline(make_settings(db_url, telegram=telegram_stub), catalog, engine)
    try:
        workers = [threading.Thread(target=lambda h=h: [0 for _ in iter(h.worker.answer_inbox, 0)])
                   for h in (tg.helpline, other)]
        for w in workers:
            w.start()
        for w in workers:
            w.join(120)
    finally:
        other.close()
    assert tg.inbox_statuses() == {"done": len(people) * len(texts)}
    for chat in people:  # each message stored once, in the order it was sent
        assert inbound_texts(tg, chat) == [f"{text} {n}" for n, text in enumerate(texts)]


def test_looking_for_messages_to_answer_waits_for_no_write_lock(tg: Harness) -> None:
    """SQLite has one write lock, which the webhooks need to store; the worker's look at the
    inbox must neither take it nor wait for it."""
    helpline = tg.helpline
    if helpline.sa_engine.dialect.name != "sqlite":
        pytest.skip("SQLite's one write lock")
    chat = str(new_chat_id())
    assert helpline.pipeline.accept([says(chat, "hola", "u-look")])
    holder = sqlite3.connect(str(helpline.sa_engine.url.database), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # someone else is writing
    try:
        found: list[tuple[int, Inbound]] = []
        look = threading.Thread(target=lambda: found.extend(helpline.worker.due(10)), daemon=True)
        look.start()
        look.join(5)
        assert not look.is_alive()
        assert [(item.sender, item.text) for _row, item in found] == [(chat, "hola")]
    finally:
        holder.rollback()
        holder.close()


@dataclasses.dataclass
class DiesOn:
    """The real engine; the process "dies" (KeyboardInterrupt, which no handler catches)
    in the middle of the turn for one text."""

    real: ConversationEngine
    fatal: str

    def understand(self, text: str | None, kind: str = "text") -> Understanding:
        return self.real.understand(text, kind)

    def handle(self, session: Session, item: Inbound,
               understood: Understanding | None = None) -> Outcome:
        outcome = self.real.handle(session, item, understood)  # its writes are in the batch
        if item.text == self.fatal:
            raise KeyboardInterrupt
        return outcome


def test_a_crash_in_the_middle_of_a_batch_loses_nothing_and_doubles_nothing(
    tg: Harness, engine: ConversationEngine
) -> None:
    people = [str(new_chat_id()) for _ in range(5)]
    for n, chat in enumerate(people):
        assert tg.helpline.pipeline.accept([says(chat, f"hola {n}", f"{chat}-1")])
        assert tg.helpline.pipeline.accept([says(chat, f"menu {n}", f"{chat}-2")])
    tg.helpline.pipeline.engine = DiesOn(engine, "hola 3")  # type: ignore[assignment]
    with pytest.raises(KeyboardInterrupt):
        tg.answer()
    # The turns stored before the crash in the same batch were never committed.
    assert tg.inbox_statuses() == {"pending": 10}
    assert all(inbound_texts(tg, chat) == [] for chat in people)

    tg.helpline.pipeline.engine = engine  # the worker comes back
    assert tg.answer() == 10
    assert tg.inbox_statuses() == {"done": 10}
    for n, chat in enumerate(people):  # each message answered once, in order
        assert inbound_texts(tg, chat) == [f"hola {n}", f"menu {n}"]


@contextlib.contextmanager
def statements(h: Harness) -> Iterator[list[str]]:
    """The SQL statements the helpline's engine runs inside the block."""
    seen: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        seen.append(" ".join(statement.split()))

    event.listen(h.helpline.sa_engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(h.helpline.sa_engine, "before_cursor_execute", record)


def test_a_batch_looks_each_person_up_once_and_touches_only_the_queued_replies_there_are(
    tg: Harness,
) -> None:
    waiting, others = str(new_chat_id()), [str(new_chat_id()) for _ in range(3)]
    with tg.sessions() as s:  # one person has a reply held (window) and a page kept for later
        person = Contact(channel="telegram", external_id=waiting, last_inbound_at=utcnow())
        s.add(person)
        s.flush()
        held, later = outbox.enqueue(s, channel="telegram", address=waiting,
                                     replies=["held one", "later one"], contact_id=person.id,
                                     conversation_id=None)
        held.status, later.status = "held", "later"
        s.commit()
    for chat in (waiting, *others):
        assert tg.helpline.pipeline.accept([says(chat, "hola", f"{chat}-1")])
    with statements(tg) as seen:
        assert tg.answer() == 4
    # One statement looks the whole batch up; the flood checks and the turns reuse it, whether
    # the person was found or not. The three newcomers' contacts and conversations are stored
    # in one flush before the turns: on PostgreSQL one statement a table (SQLite, in-process,
    # inserts row by row to learn each id). The person known without a conversation opens
    # one in their turn.
    assert sum("FROM contacts LEFT OUTER JOIN conversations" in s for s in seen) == 1
    per_table = 1 if tg.helpline.sa_engine.dialect.name == "postgresql" else 3
    assert sum(s.startswith("INSERT INTO contacts") for s in seen) == per_table
    assert sum(s.startswith("INSERT INTO conversations") for s in seen) == per_table + 1
    # Held replies released and later pages dropped for the one person who has them only.
    assert sum(s.startswith("UPDATE outbox") for s in seen) == 1
    assert sum(s.startswith("DELETE FROM outbox") for s in seen) == 1
    rows = outbox_rows(tg.sessions, "telegram", waiting)
    assert (rows[0].text, rows[0].status) == ("held one", "pending")
    assert "later one" not in [r.text for r in rows]
    assert all(r.status == "pending" for r in rows)
    for chat in others:
        statuses = {r.status for r in outbox_rows(tg.sessions, "telegram", chat)}
        assert statuses == {"pending"}


def test_the_worker_loop_answers_while_replies_are_on_their_way_and_sends_each_once(
    db_url: str, sa_engine: SAEngine, catalog: Catalog, engine: ConversationEngine,
) -> None:
    sender = GatedSender()
    with harness(make_settings(db_url), catalog, engine, {"telegram": sender}) as h:
        worker = h.helpline.worker
        assert worker is not None
        first, second = str(new_chat_id()), str(new_chat_id())
        assert h.helpline.pipeline.accept([says(first, "hola", f"{first}-1")])
        assert h.helpline.pipeline.accept([says(first, "gracias", f"{first}-2")])
        loop = threading.Thread(target=worker.run_forever)
        loop.start()
        try:
            assert sender.started.wait(30)  # the first reply is out and does not come back
            assert h.helpline.pipeline.accept([says(second, "hola", f"{second}-1")])
            assert wait_for(lambda: h.inbox_statuses() == {"done": 3})
            assert inbound_texts(h, second) == ["hola"]
            assert sender.sent == []  # still on its way
            sender.go.set()
            assert wait_for(lambda: all(
                r.status == "sent" for chat in (first, second)
                for r in outbox_rows(h.sessions, "telegram", chat)))
        finally:
            sender.go.set()
            worker.stop()
            loop.join(30)
        for chat in (first, second):  # each reply sent once, in the order it was queued
            queued = [r.text for r in outbox_rows(h.sessions, "telegram", chat)]
            assert [t for to, t in sender.sent if to == chat] == queued
