"""PostgreSQL: a worker in another process wakes when the webhooks commit a message."""

from __future__ import annotations

import threading

from bot import bell, db, inbox, migrations
from bot.messages import Inbound
from tests.pg import throwaway_postgres


def test_a_listener_is_rung_when_the_inbox_commits_new_messages_and_not_for_repeats() -> None:
    with throwaway_postgres("paisano_bell") as url:
        engine = db.make_engine(url)
        migrations.upgrade(engine)
        rung = threading.Event()
        listening = threading.Event()
        calls = 0

        def wake() -> None:
            nonlocal calls
            calls += 1
            (rung if listening.is_set() else listening).set()

        listener = bell.Listener(engine, wake).start()
        writer = inbox.Writer(engine)
        try:
            assert listening.wait(30)  # it rings once on connecting
            assert not rung.is_set()
            message = Inbound("telegram", "4242", "hola", external_id="bell-1")
            assert writer.store([message])
            assert rung.wait(30)  # the commit woke it; a poll never calls wake
            rung.clear()
            assert not writer.store([message])  # a repeat stores nothing, rings nothing
            assert not rung.wait(1.5)
        finally:
            writer.stop()
            listener.stop()
            engine.dispose()
        assert calls == 2
