"""The floods of issue 14 replayed against a real ``paisano serve``, with an honest person
writing meanwhile.

    .venv/bin/python benchmarks/abuse.py [--seconds 6] [--messages 1000000] [--only sqlite]

Loopback only and bounded: each attack runs ``--seconds`` (or stops at its request count),
the Bot API and Twilio stubs run in a child process, PostgreSQL (127.0.0.1:5432) gets a
throwaway database that is dropped afterwards. For each database it prints:

- web chat flood (222 new cookies posting an emergency, one cookie posting as fast as it
  can): the honest web chat user's p50/p99, how many urgent cases the console queue shows
  (its pages must reach the real Telegram one), and rows stored for the attacker;
- Telegram flood (one chat, up to 1,500 updates): the honest Telegram user's ack p50/p99,
  and what the attacker's chat got stored and sent (every message kept, one notice);
- /metrics scraped 36 times on a database of ``--messages`` messages: scrape p50/p99 and
  the honest web chat user's p50/p99 meanwhile;
- 150 slow sockets trickling a request: the honest web chat user's p50/p99.

Targets: web chat p99 < 200 ms, Telegram ack p99 < 100 ms, /metrics < 50 ms. The machine is
shared: figures are as measured, not a pass/fail.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.load import Stubs, free_port, throwaway_database, wait_healthy  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PAISANO = str(Path(sys.executable).with_name("paisano"))
SECRET = "bench-webhook-secret-0123456789"  # noqa: S105 - a throwaway local secret
METRICS_TOKEN = "bench-metrics-token"  # noqa: S105
PUBLIC = "http://127.0.0.1"  # http: the session cookie is not Secure, so requests sends it
URGENT = "me detuvo la migra ayuda"


def pct(values: list[float], p: float) -> float:
    """Percentile ``p`` (0-100) in ms."""
    if len(values) < 2:
        return float("nan")
    return statistics.quantiles(values, n=100)[int(p) - 1] * 1000


@contextmanager
def serve(db_url: str, stubs: Stubs, log: Path) -> Iterator[int]:
    """``paisano serve`` on 127.0.0.1 with its worker; yields the port."""
    port = free_port()
    env = {**os.environ, **stubs.env, "DATABASE_URL": db_url, "PUBLIC_BASE_URL": PUBLIC,
           "SECRET_KEY": "bench", "TELEGRAM_WEBHOOK_SECRET": SECRET,
           "TWILIO_WHATSAPP_NUMBER": "whatsapp:+15550001111", "METRICS_TOKEN": METRICS_TOKEN}
    with open(log, "wb") as out:
        proc = subprocess.Popen([PAISANO, "serve", "--host", "127.0.0.1", "--port", str(port)],
                                env=env, stdout=out, stderr=subprocess.STDOUT, cwd=log.parent)
        try:
            wait_healthy(port, proc, 60)
            yield port
        finally:
            proc.terminate()
            proc.wait(30)


HONEST_ADDRESS = "127.0.0.2"


class FromAddress(requests.adapters.HTTPAdapter):
    """Connections from another loopback address: the honest person is not the attacker's
    client for the per-address HTTP limits (the app trusts no X-Forwarded-For)."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        kwargs["source_address"] = (HONEST_ADDRESS, 0)
        super().init_poolmanager(*args, **kwargs)


def honest_webchat(port: int, stop: threading.Event, out: list[float]) -> None:
    """A person on the web chat, from their own address, asking a question every 0.2 s (new
    cookie each 10). A request that fails or is refused is simply not counted."""
    while not stop.is_set():
        s = requests.Session()
        s.mount("http://", FromAddress())
        try:
            page = s.get(f"http://127.0.0.1:{port}/", timeout=10).text
            token = page.split('name="csrf-token" content="')[1].split('"')[0]
        except (requests.RequestException, IndexError):
            stop.wait(0.2)
            continue
        for _ in range(10):
            if stop.is_set():
                break
            started = time.perf_counter()
            try:
                r = s.post(f"http://127.0.0.1:{port}/webchat/messages", timeout=10,
                           json={"text": "como saco mi acta de nacimiento"},
                           headers={"X-CSRF-Token": token})
            except requests.RequestException:
                continue
            if r.status_code == 200:
                out.append(time.perf_counter() - started)
            stop.wait(0.2)


def tg_update(update_id: int, chat: int, text: str) -> dict[str, Any]:
    return {"update_id": update_id, "message": {
        "message_id": update_id, "date": int(time.time()), "text": text,
        "chat": {"id": chat, "type": "private"},
        "from": {"id": chat, "is_bot": False, "first_name": "P"}}}


def post_tg(s: requests.Session, port: int, update: dict[str, Any]) -> requests.Response:
    return s.post(f"http://127.0.0.1:{port}/webhooks/telegram", json=update, timeout=10,
                  headers={"X-Telegram-Bot-Api-Secret-Token": SECRET})


def during(seconds: float, attack: Callable[[threading.Event], None], attackers: int,
           honest: Callable[[threading.Event], None]) -> None:
    """Run ``attackers`` threads of ``attack`` and one ``honest`` for ``seconds`` at most."""
    stop = threading.Event()
    threads = [threading.Thread(target=attack, args=(stop,)) for _ in range(attackers)]
    threads.append(threading.Thread(target=honest, args=(stop,)))
    for t in threads:
        t.start()
    stop.wait(seconds)
    stop.set()
    for t in threads:
        t.join(30)


def db_query(db_url: str, sql: str, **params: Any) -> Any:
    from sqlalchemy import create_engine, text

    engine = create_engine(db_url)
    try:
        with engine.connect() as conn:
            return conn.execute(text(sql), params).scalar()
    finally:
        engine.dispose()


def console_urgent(db_url: str, real: list[str]) -> tuple[int, bool]:
    """Urgent cases the console queue counts, and whether its pages reach the real ones."""
    from bot import db
    from bot.console.services import Filters, feed
    from bot.content import load_catalog

    engine = db.make_engine(db_url)
    catalog = load_catalog()
    seen: set[str] = set()
    try:
        with db.make_sessionmaker(engine)() as s:
            page, data = 1, feed(s, catalog, "nobody", Filters(urgent=True))
            total = data["counts"]["waiting_urgent"] + data["counts"]["assigned_urgent"]
            while True:
                seen |= {r["contact"] for r in data["waiting"] + data["others"]}
                if not data["more"]:
                    break
                page += 1
                data = feed(s, catalog, "nobody", Filters(urgent=True, page=page))
    finally:
        engine.dispose()
    return total, all(any(c.endswith(r[-4:]) for c in seen) for r in real)


def webchat_flood(port: int, db_url: str, seconds: float) -> dict[str, Any]:
    honest: list[float] = []
    sent = {"new": 0, "refused": 0, "spam": 0}
    lock = threading.Lock()
    # The real person, before the flood: an urgent Telegram case.
    with requests.Session() as s:
        post_tg(s, port, tg_update(10**6, 4242004242, URGENT))
    time.sleep(3)  # the worker answers it (a case opens)

    def attack(stop: threading.Event) -> None:
        while not stop.is_set():
            with lock:
                if sent["new"] + sent["refused"] >= 222:
                    break
            s = requests.Session()
            page = s.get(f"http://127.0.0.1:{port}/", timeout=10).text
            if 'name="csrf-token" content="' not in page:  # this client is over its limit
                with lock:
                    sent["refused"] += 1
                continue
            token = page.split('name="csrf-token" content="')[1].split('"')[0]
            r = s.post(f"http://127.0.0.1:{port}/webchat/messages", json={"text": URGENT},
                       headers={"X-CSRF-Token": token}, timeout=10)
            with lock:
                sent["new" if r.status_code == 200 else "refused"] += 1
            for _ in range(20):  # and floods from the cookie it got
                if stop.is_set():
                    break
                s.post(f"http://127.0.0.1:{port}/webchat/messages", json={"text": "x" * 1900},
                       headers={"X-CSRF-Token": token}, timeout=10)
                with lock:
                    sent["spam"] += 1

    during(seconds, attack, 3, lambda stop: honest_webchat(port, stop, honest))
    urgent, reached = console_urgent(db_url, ["4242004242"])
    contacts = db_query(db_url, "SELECT count(*) FROM contacts WHERE channel = 'webchat'")
    msgs = db_query(db_url, "SELECT count(*) FROM messages m JOIN conversations c ON "
                    "m.conversation_id = c.id JOIN contacts p ON c.contact_id = p.id "
                    "WHERE p.channel = 'webchat' AND m.direction = 'in'")
    return {"honest_p50": pct(honest, 50), "honest_p99": pct(honest, 99), "n": len(honest),
            "attempts": sent, "urgent_shown": urgent, "real_case_reachable": reached,
            "attacker_contacts": contacts, "attacker_messages_in": msgs}


def telegram_flood(port: int, db_url: str, seconds: float) -> dict[str, Any]:
    acks: list[float] = []
    counter = iter(range(2 * 10**6, 3 * 10**6))
    lock = threading.Lock()
    done = {"n": 0}
    attacker = 5151005151

    def attack(stop: threading.Event) -> None:
        s = requests.Session()
        while not stop.is_set():
            with lock:
                if done["n"] >= 1500:
                    return
                done["n"] += 1
                uid = next(counter)
            post_tg(s, port, tg_update(uid, attacker, f"spam {uid}"))

    def honest(stop: threading.Event) -> None:
        s = requests.Session()
        while not stop.is_set():
            with lock:
                uid = next(counter)
            started = time.perf_counter()
            if post_tg(s, port, tg_update(uid, 6262006262, "hola")).status_code == 200:
                acks.append(time.perf_counter() - started)
            stop.wait(0.1)

    during(seconds, attack, 3, honest)
    time.sleep(min(seconds, 10))  # the worker answers what was stored
    stored = db_query(db_url, "SELECT count(*) FROM messages m JOIN conversations c ON "
                      "m.conversation_id = c.id JOIN contacts p ON c.contact_id = p.id "
                      "WHERE p.external_id = :a AND m.direction = 'in'", a=str(attacker))
    queued = db_query(db_url, "SELECT count(*) FROM outbox WHERE address = :a",
                      a=str(attacker))
    unanswered = db_query(db_url, "SELECT count(*) FROM inbound_events WHERE address = :a "
                          "AND status = 'pending'", a=str(attacker))
    return {"ack_p50": pct(acks, 50), "ack_p99": pct(acks, 99), "n": len(acks),
            "attacker_updates": done["n"], "attacker_messages_stored": stored,
            "attacker_inbox_not_yet_answered": unanswered, "attacker_outbox_rows": queued}


def fill_messages(db_url: str, count: int) -> None:
    """``count`` messages in 1,000 conversations, inserted in bulk."""
    from sqlalchemy import create_engine, text

    engine = create_engine(db_url)
    with engine.begin() as conn:
        for i in range(1000):
            conn.execute(text("INSERT INTO contacts (channel, external_id, lang, lang_chosen, "
                              "notice_shown, unreachable, created_at) VALUES ('telegram', :e, "
                              "'es', false, true, false, CURRENT_TIMESTAMP)"), {"e": f"fill{i}"})
        first = conn.execute(text("SELECT min(id) FROM contacts WHERE external_id LIKE 'fill%'")
                             ).scalar()
        conn.execute(text(
            "INSERT INTO conversations (contact_id, status, state, lang, urgent, misses, "
            "created_at, updated_at, silenced, followup_left) SELECT id, 'closed', 'idle', 'es', "
            "false, 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, false, 0 FROM contacts "
            "WHERE external_id LIKE 'fill%'"))
        conv0 = conn.execute(text("SELECT min(c.id) FROM conversations c JOIN contacts p ON "
                                  "c.contact_id = p.id WHERE p.id = :f"), {"f": first}).scalar()
        batch = 50_000
        for start in range(0, count, batch):
            rows = [{"c": conv0 + (n % 1000), "d": "in" if n % 2 else "out",
                     "a": "person" if n % 2 else "bot"} for n in range(start, start + batch)]
            conn.execute(text("INSERT INTO messages (conversation_id, direction, author, text, "
                              "at) VALUES (:c, :d, :a, 'x', CURRENT_TIMESTAMP)"), rows)
    engine.dispose()


def metrics_scrapes(port: int, seconds: float) -> dict[str, Any]:
    scrapes: list[float] = []
    honest: list[float] = []
    auth = {"Authorization": f"Bearer {METRICS_TOKEN}"}
    started = time.perf_counter()  # the first scrape of the process starts the first count
    requests.get(f"http://127.0.0.1:{port}/metrics", timeout=120, headers=auth).raise_for_status()
    first = time.perf_counter() - started
    # The scrapes measured below read figures: wait until the first count has given them.
    while "paisano_metrics_counting" in requests.get(
            f"http://127.0.0.1:{port}/metrics", timeout=120, headers=auth).text:
        time.sleep(0.5)
    figures_after = time.perf_counter() - started

    def attack(stop: threading.Event) -> None:
        s = requests.Session()
        while not stop.is_set() and len(scrapes) < 36:
            started = time.perf_counter()
            r = s.get(f"http://127.0.0.1:{port}/metrics", timeout=30,
                      headers={"Authorization": f"Bearer {METRICS_TOKEN}"})
            if r.status_code == 200:
                scrapes.append(time.perf_counter() - started)
            stop.wait(0.5)

    during(seconds, attack, 3, lambda stop: honest_webchat(port, stop, honest))
    return {"scrape_p50": pct(scrapes, 50), "scrape_p99": pct(scrapes, 99), "n": len(scrapes),
            "first_scrape_ms": first * 1000, "first_figures_after_s": figures_after,
            "honest_p50": pct(honest, 50),
            "honest_p99": pct(honest, 99)}


def slow_sockets(port: int, seconds: float) -> dict[str, Any]:
    honest: list[float] = []
    socks: list[socket.socket] = []

    def attack(stop: threading.Event) -> None:
        for _ in range(150):
            sock = socket.create_connection(("127.0.0.1", port), timeout=5)
            sock.sendall(b"G")
            socks.append(sock)
        line = b"ET /healthz HTTP/1.1\r\nHost: x\r\n"
        i = 0
        while not stop.is_set() and i < len(line):
            for sock in socks:
                try:
                    sock.sendall(line[i:i + 1])
                except OSError:
                    pass
            i += 1
            stop.wait(0.5)

    try:
        during(seconds, attack, 1, lambda stop: honest_webchat(port, stop, honest))
    finally:
        for sock in socks:
            sock.close()
    return {"honest_p50": pct(honest, 50), "honest_p99": pct(honest, 99), "n": len(honest)}


def run(kind: str, db_url: str, args: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    if kind == "sqlite":
        subprocess.run([PAISANO, "db", "upgrade"], check=True, capture_output=True,
                       env={**os.environ, "DATABASE_URL": db_url}, cwd=tmp)
    fill_messages(db_url, args.messages)
    stubs = Stubs()
    out: dict[str, Any] = {}
    try:
        with serve(db_url, stubs, tmp / f"serve-{kind}.log") as port:
            out["metrics"] = metrics_scrapes(port, args.seconds)
            out["webchat_flood"] = webchat_flood(port, db_url, args.seconds)
            out["telegram_flood"] = telegram_flood(port, db_url, args.seconds)
            out["slow_sockets"] = slow_sockets(port, args.seconds)
    finally:
        calls = stubs.stop()
    out["telegram_flood"]["attacker_sends"] = sum(
        1 for channel, to, _text, _status in calls if channel == "telegram" and to == "5151005151")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=6.0, help="each attack, at most")
    parser.add_argument("--messages", type=int, default=1_000_000,
                        help="messages in the database before /metrics is scraped")
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    parser.add_argument("--postgres", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="paisano-abuse-") as folder:
        tmp = Path(folder)
        results: dict[str, Any] = {}
        if args.only in (None, "sqlite"):
            results["sqlite"] = run("sqlite", f"sqlite:///{tmp}/abuse.db", args, tmp)
        if args.only in (None, "postgresql"):
            with throwaway_database(args.postgres, keep=False) as url:
                results["postgresql"] = run("postgresql", url, args, tmp)
    print(json.dumps(results, indent=2, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
