"""Four delivery workers on one database: every reply goes out once, in order per person.

PostgreSQL: four separate processes (each its own engine, session factory, Worker
and TelegramSender) against a throwaway database. SQLite: four threads, each with its own
engine, on one file. Both send to one StubTelegram, which records every sendMessage.
"""

from __future__ import annotations

import collections
import multiprocessing
import queue
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from bot import db, migrations, outbox
from bot.channels.telegram import TelegramSender
from bot.models import Contact, Outbox
from bot.worker import Worker
from tests.pg import empty_database
from tests.stubs import StubTelegram

pytestmark = pytest.mark.slow

WORKERS = 4
PEOPLE = 50
PER_PERSON = 20  # 1,000 replies in all
DEADLINE = 180.0
FIRST_CHAT = 710_000_000


def chat_ids() -> list[str]:
    """The people's Telegram chat ids."""
    return [str(FIRST_CHAT + n) for n in range(PEOPLE)]


def seed(url: str) -> None:
    """Migrate, queue PER_PERSON numbered replies for each person (interleaved), ANALYZE."""
    engine = db.make_engine(url)
    migrations.upgrade(engine)
    with db.make_sessionmaker(engine)() as session:
        contacts = {chat: Contact(channel="telegram", external_id=chat) for chat in chat_ids()}
        session.add_all(contacts.values())
        session.flush()
        for n in range(PER_PERSON):
            for chat, contact in contacts.items():
                outbox.enqueue(session, channel="telegram", address=chat,
                               replies=[f"reply {n:02d} to {chat}"], contact_id=contact.id,
                               conversation_id=None)
        session.commit()
    # Table statistics, as autovacuum (or SQLite's optimize) would have them shortly after
    # a burst: without them the planner scans the whole outbox for each claim.
    with engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
        conn.commit()
    engine.dispose()


def open_rows(url: str) -> int:
    """Outbox rows not yet sent (or failed)."""
    engine = db.make_engine(url)
    with engine.connect() as conn:
        count = conn.scalar(
            select(func.count()).select_from(Outbox).where(Outbox.status.in_(outbox.OPEN)))
    engine.dispose()
    return int(count or 0)


def deliver_all(url: str, token: str, base_url: str, start: Any, results: Any) -> None:
    """One worker: its own engine and sender; send until nothing is left to send."""
    engine = db.make_engine(url)
    sender = TelegramSender(token, base_url)
    worker = Worker(db.make_sessionmaker(engine), {"telegram": sender}, batch=20)
    handled = errors = 0
    try:
        start.wait(60)
        deadline = time.monotonic() + DEADLINE
        while time.monotonic() < deadline:
            try:
                n = worker.run_once()
            except OperationalError:
                # As run_forever does: log, go on; the rows stay pending or leased.
                errors += 1
                n = 0
            handled += n
            if n == 0:
                with engine.connect() as conn:
                    left = conn.scalar(select(func.count()).select_from(Outbox)
                                       .where(Outbox.status.in_(outbox.OPEN)))
                if not left:
                    break
                time.sleep(0.01)  # the rows left are leased by the other workers
    finally:
        results.put((handled, errors))
        sender.close()
        engine.dispose()


def in_processes(url: str, stub: StubTelegram) -> list[tuple[int, int]]:
    """Run the workers as separate processes; return (rows handled, errors) of each."""
    ctx = multiprocessing.get_context("spawn")
    start, results = ctx.Event(), ctx.Queue()
    procs = [ctx.Process(target=deliver_all, args=(url, stub.token, stub.base_url, start,
                                                  results), name=f"worker-{n}")
             for n in range(WORKERS)]
    for proc in procs:
        proc.start()
    start.set()
    handled = [results.get(timeout=DEADLINE + 60) for _ in procs]
    for proc in procs:
        proc.join(30)
        assert proc.exitcode == 0, f"{proc.name} exited with {proc.exitcode}"
    return handled


def in_threads(url: str, stub: StubTelegram) -> list[tuple[int, int]]:
    """Run the workers as threads of this process; return (rows handled, errors) of each."""
    start, results = threading.Event(), queue.Queue[tuple[int, int]]()
    threads = [threading.Thread(target=deliver_all,
                                args=(url, stub.token, stub.base_url, start, results))
               for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    start.set()
    for thread in threads:
        thread.join(DEADLINE + 60)
    return [results.get_nowait() for _ in threads]


Runner = Callable[[str, StubTelegram], list[tuple[int, int]]]


@pytest.fixture(params=["postgresql-processes", "sqlite-threads"])
def setup(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, Runner]]:
    """A database URL and how to run the workers against it."""
    kind, runner = request.param.split("-")
    with empty_database(kind, tmp_path, "paisano_workers") as url:
        yield url, in_threads if runner == "threads" else in_processes


def test_four_workers_send_every_reply_once_in_order(
    setup: tuple[str, Runner], telegram_stub: StubTelegram
) -> None:
    url, run = setup
    seed(url)
    outcomes = run(url, telegram_stub)
    handled = [n for n, _ in outcomes]
    errors = sum(e for _, e in outcomes)

    calls = [c for c in telegram_stub.calls("sendMessage")]
    assert all(c.status == 200 for c in calls), "a send was refused by the stub"
    texts = [str(c.params["text"]) for c in calls]
    repeats = [t for t, n in collections.Counter(texts).items() if n > 1]
    assert repeats == [], f"{len(repeats)} replies sent more than once"
    assert len(texts) == PEOPLE * PER_PERSON
    for chat in chat_ids():
        got = telegram_stub.sent_texts(chat)
        assert got == [f"reply {n:02d} to {chat}" for n in range(PER_PERSON)], chat

    assert sum(handled) == PEOPLE * PER_PERSON
    assert sum(1 for n in handled if n) >= 2, f"the work was not shared: {handled}"
    assert open_rows(url) == 0
    engine = db.make_engine(url)
    with engine.connect() as conn:
        attempts = conn.execute(
            select(Outbox.status, Outbox.attempts, func.count())
            .group_by(Outbox.status, Outbox.attempts)).all()
    engine.dispose()
    assert attempts == [("sent", 1, PEOPLE * PER_PERSON)]
    # Not even a retried round: on SQLite a claim that read before writing used to fail
    # with "database is locked" when another worker committed in between.
    assert errors == 0, f"{errors} delivery rounds failed"
