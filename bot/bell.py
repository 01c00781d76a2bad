"""Wake-ups across processes and machines: PostgreSQL's LISTEN/NOTIFY.

The inbox writer (``bot.inbox``) notifies ``CHANNEL`` in the transaction that stores new
messages, so the notification is delivered only once they are committed. Each
``paisano worker`` listens on a connection of its own and rings its wake event, so a worker
on another machine than the webhooks starts answering at once instead of at its next
poll. A notification missed (the connection dropped) costs at most that poll interval: the
poll stays as the safety net. SQLite has no such thing; ``paisano serve`` wakes its worker
with a shared event instead (``bot.runtime``).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

import psycopg
from sqlalchemy import Engine, text

__all__ = ["CHANNEL", "NOTIFY", "Listener"]

log = logging.getLogger(__name__)

CHANNEL = "paisano_inbox"
NOTIFY = text(f"SELECT pg_notify('{CHANNEL}', '')")
RECONNECT_SECONDS = 1.0


class Listener:
    """A daemon thread that calls ``wake`` on every notification of ``CHANNEL``."""

    def __init__(self, engine: Engine, wake: Callable[[], None]) -> None:
        # psycopg's own connection string: the URL without SQLAlchemy's "+psycopg".
        self._conninfo = engine.url.set(drivername="postgresql").render_as_string(
            hide_password=False)
        self._wake = wake
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="inbox-listener", daemon=True)

    def start(self) -> Listener:
        """Start listening; returns self."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop listening (within a second)."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(5)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                with psycopg.connect(self._conninfo, autocommit=True) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    self._wake()  # anything stored while nobody was listening
                    while not self._stop.is_set():
                        for _ in conn.notifies(timeout=1.0):
                            self._wake()
            except psycopg.Error as exc:  # the database restarted: the poll covers the gap
                log.warning("inbox listener lost its connection: %s", type(exc).__name__)
                self._stop.wait(RECONNECT_SECONDS)
