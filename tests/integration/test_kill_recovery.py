"""``paisano serve`` killed with SIGKILL mid-traffic loses no reply and doubles few.

A thread posts 200 Telegram updates (one new person each, "hola": a greeting and the privacy
notice each) and, like Telegram, posts an update again until it is acknowledged with 200.
The server is killed while its worker (a child process, which dies with it) is answering
and sending, then restarted on the same SQLite file. Every acknowledged update must be
answered and every person must get both replies; a reply may only be doubled if its send
was in flight at the kill (its row was leased, status ``sending``, when the process died).
SIGTERM, by contrast, stops it cleanly.
"""

from __future__ import annotations

import collections
import http.client
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from bot.content import Catalog
from tests.integration.webhook_support import PUBLIC_BASE_URL, TELEGRAM_SECRET, tg_text
from tests.stubs import StubTelegram
from tests.stubs._server import StubRequest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
UPDATES = 200
DEADLINE = 240.0  # seconds; leased rows come back after bot.outbox.LEASE (60 s)


class SlowTelegram(StubTelegram):
    """The Bot API stub, answering sendMessage after a short pause so kills land mid-send."""

    def handle(self, request: StubRequest) -> tuple[int, Any]:
        """Pause, then answer like the stub."""
        if request.path.endswith("/sendMessage"):
            time.sleep(0.02)
        return super().handle(request)


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """``python -m bot serve`` (the ``paisano serve`` entry point) as a child process."""

    def __init__(self, port: int, env: dict[str, str], log: Path) -> None:
        self.port, self.env, self.log = port, env, log
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        """Start and wait until /healthz answers."""
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "bot", "serve", "--port", str(self.port)],
                cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"server exited: {self.log.read_text()[-3000:]}")
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
            try:
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    return
            except OSError:
                time.sleep(0.2)
            finally:
                conn.close()
        raise AssertionError(f"server did not start: {self.log.read_text()[-3000:]}")

    def kill(self) -> None:
        """SIGKILL: no cleanup, no flush, nothing."""
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(30)

    def stop(self) -> None:
        """Terminate politely if still running."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)


class Poster(threading.Thread):
    """Posts each update until it gets a 200, as Telegram redelivers unacknowledged updates."""

    def __init__(self, port: int, updates: list[dict[str, Any]]) -> None:
        super().__init__(name="poster", daemon=True)
        self.port, self.updates = port, updates
        self.acked = 0
        self.attempts = 0
        self.done = threading.Event()

    def run(self) -> None:
        conn: http.client.HTTPConnection | None = None
        for update in self.updates:
            body = json.dumps(update).encode()
            while True:
                self.attempts += 1
                try:
                    if conn is None:
                        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
                    conn.request("POST", "/webhooks/telegram", body=body, headers={
                        "Content-Type": "application/json",
                        "X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET})
                    res = conn.getresponse()
                    res.read()
                    if res.status == 200:
                        self.acked += 1
                        break
                except (OSError, http.client.HTTPException):
                    if conn is not None:
                        conn.close()
                    conn = None
                time.sleep(0.1)  # Telegram, too, waits before redelivering
            time.sleep(0.05)  # a steady trickle, so the kill lands mid-traffic
        if conn is not None:
            conn.close()
        self.done.set()


def leased_rows(db_file: Path) -> int:
    """Outbox rows leased (``sending``) in the database file as the dead process left it."""
    return count(db_file, "SELECT count(*) FROM outbox WHERE status = 'sending'")


def count(db_file: Path, query: str) -> int:
    """A count from the database file."""
    with closing(sqlite3.connect(db_file)) as conn:
        return int(conn.execute(query).fetchone()[0])


def unsent(db_file: Path) -> int:
    """Outbox rows not yet marked sent (-1 while the server holds the file busy)."""
    try:
        return count(db_file, "SELECT count(*) FROM outbox WHERE status != 'sent'")
    except sqlite3.OperationalError:
        return -1


def wait_for(condition: Any, timeout: float, what: str) -> None:
    """Poll ``condition`` until true or fail naming ``what``."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


def test_sigkill_mid_traffic_loses_no_reply(tmp_path: Path, catalog: Catalog) -> None:
    db_file = tmp_path / "kill.db"
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("TELEGRAM_", "TWILIO_", "DATABASE_URL", "PUBLIC_BASE_URL"))}
    with SlowTelegram() as stub:
        env.update(DATABASE_URL=f"sqlite:///{db_file}", PUBLIC_BASE_URL=PUBLIC_BASE_URL,
                   TELEGRAM_BOT_TOKEN=stub.token, TELEGRAM_WEBHOOK_SECRET=TELEGRAM_SECRET,
                   TELEGRAM_API_BASE_URL=stub.base_url, SECRET_KEY="kill-test")
        server = Server(free_port(), env, tmp_path / "server.log")
        chats = [7_000_000_000 + i for i in range(UPDATES)]
        poster = Poster(server.port, [tg_text(chat, "hola") for chat in chats])
        try:
            server.start()
            poster.start()
            # Kill while the worker is busy sending and updates are still coming in.
            wait_for(lambda: len(stub.sent_texts()) >= 20 and poster.acked >= 60, 120,
                     "traffic before the kill")
            server.kill()
            sent_at_kill, acked_at_kill = len(stub.sent_texts()), poster.acked
            in_flight = leased_rows(db_file)
            unanswered = count(db_file, "SELECT count(*) FROM inbound_events "
                                        "WHERE status = 'pending'")
            server.start()
            expected = 2 * UPDATES
            # A row sent just before the kill but not yet marked stays "sending" until its
            # lease runs out; then it goes again (a duplicate, counted below) and is marked.
            wait_for(lambda: poster.done.is_set() and len(stub.sent_texts()) >= expected
                     and unsent(db_file) == 0, DEADLINE, "every reply after the restart")
            time.sleep(1.0)  # let a straggling duplicate arrive before counting
        finally:
            server.stop()

        per_chat = collections.Counter(str(c.params["chat_id"]) for c in stub.calls("sendMessage")
                                       if c.status == 200)
        greeting = catalog.intents["greeting"].text("es")
        # Each person gets two different texts: the greeting and the privacy notice.
        lost = [chat for chat in chats if greeting not in (got := set(stub.sent_texts(chat)))
                or len(got) != 2]
        duplicates = sum(n - 2 for n in per_chat.values() if n > 2)
        print(f"\nkill test: {UPDATES} updates, {poster.attempts} posts, killed after "
              f"{acked_at_kill} acknowledged ({unanswered} of them not yet answered) and "
              f"{sent_at_kill} replies sent; {in_flight} sends leased at the kill; "
              f"{sum(per_chat.values())} replies sent for {expected} expected; "
              f"lost={len(lost)} duplicates={duplicates}")
        assert lost == []
        assert duplicates <= in_flight
        with closing(sqlite3.connect(db_file)) as conn:
            statuses = dict(conn.execute("SELECT status, count(*) FROM outbox GROUP BY status")
                            .fetchall())
            events = dict(conn.execute("SELECT status, count(*) FROM inbound_events "
                                       "GROUP BY status").fetchall())
        assert statuses == {"sent": expected}
        assert events == {"done": UPDATES}  # every update stored once, and answered


def test_sigterm_stops_serve_and_its_worker_cleanly(tmp_path: Path) -> None:
    """``docker stop`` and systemd send SIGTERM: serve finishes like Ctrl-C, status 0, its
    worker process gone with it, nothing left behind (the resource tracker would warn)."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("TELEGRAM_", "TWILIO_", "DATABASE_URL", "PUBLIC_BASE_URL"))}
    env.update(DATABASE_URL=f"sqlite:///{tmp_path / 'term.db'}", SECRET_KEY="term-test")
    server = Server(free_port(), env, tmp_path / "server.log")
    try:
        server.start()
        assert server.proc is not None
        pid = server.proc.pid
        children = [int(c) for task in Path(f"/proc/{pid}/task").iterdir()
                    for c in (task / "children").read_text().split()]
        assert children  # the worker (and multiprocessing's resource tracker)
        server.proc.send_signal(signal.SIGTERM)
        assert server.proc.wait(30) == 0
        wait_for(lambda: not any(Path(f"/proc/{c}").exists() for c in children), 10,
                 "the worker to end with the server")
        log = server.log.read_text()
        assert "Traceback" not in log and "leaked" not in log, log
    finally:
        server.stop()
