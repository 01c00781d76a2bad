"""Erased and expired data leaves the disk, and the purge covers every state and runs by
itself (issue 14, items 13 and 14)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from bot import privacy
from bot.config import Settings
from bot.engine import ConversationEngine
from bot.messages import Inbound
from bot.models import Conversation, Message, Outbox, utcnow
from bot.runtime import Helpline
from bot.worker import Worker
from tests.fakes import FakeSender
from tests.integration.test_privacy import CUTOFF, after, before, exists, person, talk

CHAT = "5214771234987"
SECRETS = ("Eustolia Barragán", "callejón del Zapote", "4771239876")


def test_erasure_leaves_nothing_readable_in_the_sqlite_files(
        tmp_path: Path, engine: ConversationEngine) -> None:
    path = tmp_path / "helpline.db"
    sender = FakeSender("telegram")
    helpline = Helpline.build(Settings(database_url=f"sqlite:///{path}"), engine=engine,
                              senders={"telegram": sender})
    assert helpline.worker is not None
    try:
        texts = ["hola, soy Eustolia Barragán, vivo en el callejón del Zapote",
                 "mi teléfono es 4771239876, necesito el pasaporte", "borrar mis datos", "sí"]
        for n, text in enumerate(texts):
            helpline.pipeline.accept([Inbound("telegram", CHAT, text, external_id=f"upd{n}")])
            helpline.worker.run_once()
        assert sender.sent and sender.sent[-1][0] == CHAT  # the confirmation went out
        on_disk = path.read_bytes()
        wal = Path(f"{path}-wal")
        if wal.exists():
            on_disk += wal.read_bytes()
        for secret in (*SECRETS, CHAT):
            assert secret.encode() not in on_disk, secret
    finally:
        helpline.close()


def test_undeliverable_erasure_confirmations_do_not_keep_the_chat_id(session: Session) -> None:
    now = utcnow()

    def confirmation(status: str, age: dt.timedelta) -> Outbox:
        row = Outbox(channel="telegram", address=CHAT, text="borrado", status=status,
                     delete_after_send=True, created_at=now - age, next_attempt_at=now)
        session.add(row)
        session.flush()
        return row

    failed = confirmation("failed", dt.timedelta(minutes=5))
    stuck = confirmation("pending", privacy.CONFIRMATION_TTL + dt.timedelta(minutes=1))
    fresh = confirmation("pending", dt.timedelta(minutes=5))
    assert privacy.expire_confirmations(session, now) >= 2
    assert not exists(session, Outbox, failed.id) and not exists(session, Outbox, stuck.id)
    assert exists(session, Outbox, fresh.id)


def test_purge_covers_conversations_left_waiting_or_assigned(session: Session) -> None:
    left = person(session, "telegram", "900000101", before(30))
    waiting = talk(session, left, status="waiting", at=before(30))
    assigned = talk(session, left, status="assigned", at=before(20))
    busy = person(session, "telegram", "900000102", after(1))
    still = talk(session, busy, status="assigned", at=before(40))
    session.add(Message(conversation_id=still.id, direction="in", author="person",
                        text="sigo aquí", at=after(1)))  # recent activity keeps it
    session.flush()
    counts = privacy.purge(session, CUTOFF)
    assert counts.conversations >= 2
    assert not exists(session, Conversation, waiting.id)
    assert not exists(session, Conversation, assigned.id)
    assert exists(session, Conversation, still.id)


def test_the_purger_runs_at_start_then_once_an_interval(tmp_path: Path,
                                                        engine: ConversationEngine) -> None:
    helpline = Helpline.build(Settings(database_url=f"sqlite:///{tmp_path / 'p.db'}",
                                       retention_days=30, purge_interval_hours=6),
                              engine=engine, senders={})
    try:
        worker = helpline.make_worker()
        purger = worker.purger
        assert isinstance(purger, privacy.Purger) and purger.interval == dt.timedelta(hours=6)
        now = utcnow()
        with helpline.sessions() as s:
            contact = person(s, "telegram", "900000201", now - dt.timedelta(days=40))
            old = talk(s, contact, status="waiting", at=now - dt.timedelta(days=40)).id
            s.commit()
        assert purger.maybe_purge(now) is not None
        with helpline.sessions() as s:
            assert s.get(Conversation, old) is None
        with helpline.sessions() as s:
            failed = Outbox(channel="telegram", address=CHAT, text="borrado", status="failed",
                            delete_after_send=True, created_at=now, next_attempt_at=now)
            s.add(failed)
            s.commit()
        # Between two purges, undelivered confirmations still go within the hour.
        assert purger.maybe_purge(now + dt.timedelta(minutes=30)) is None
        assert purger.maybe_purge(now + privacy.CONFIRMATION_CHECK) is None
        with helpline.sessions() as s:
            assert s.get(Outbox, failed.id) is None
        assert purger.maybe_purge(now + dt.timedelta(hours=5)) is None
        assert purger.maybe_purge(now + dt.timedelta(hours=6)) is not None
    finally:
        helpline.close()


def test_the_worker_loop_runs_the_purge_by_itself() -> None:
    calls: list[dt.datetime] = []

    class Recorder(privacy.Purger):
        def __init__(self) -> None:
            pass

        def maybe_purge(self, now: dt.datetime | None = None) -> None:
            calls.append(utcnow())

    worker = Worker(sessionmaker(), senders={}, purger=Recorder(), poll_seconds=0.01)
    worker.run_forever(alive=lambda: len(calls) < 3)
    assert len(calls) == 3


def test_purge_interval_is_a_setting() -> None:
    assert Settings.from_env({}).purge_interval_hours == 24
    assert Settings.from_env({"PURGE_INTERVAL_HOURS": "1"}).purge_interval_hours == 1
