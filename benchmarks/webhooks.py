"""Throughput and latency of the Telegram and WhatsApp webhooks beside a bare Flask route.

    .venv/bin/python benchmarks/webhooks.py [--seconds 10] [--connections 16] [--only alone]

The app is the real one (``create_app``) served by waitress on 127.0.0.1 with a SQLite file,
as ``paisano serve`` runs it; the Bot API and Twilio stubs run in another process; this
process is the load: ``--connections`` threads, each with one keep-alive connection. The
webhooks only verify, store and acknowledge. The bare route (``/bench/bare`` returning
"ok") runs in the same server, so the ratio compares the webhooks with what Flask and
waitress cost on this machine. The three targets take turns in slices of ``--slice``
seconds for ``--seconds`` each, so each meets the same conditions.

Two runs, each on a fresh database:

1. the webhooks alone, the inbox left unanswered: their own cost, which the target (0.4 of
   the bare route's requests per second, p99 under 50 ms) is about; it sets the exit status;
2. the same with the worker answering what they store in a child process, as ``paisano
   serve`` runs it. Three busy processes then share the machine (load, server, and a worker
   whose backlog never ends), so the webhooks get a smaller share of the CPUs: on two cores
   that costs them about a third.

``--only alone`` or ``--only worker`` runs one of them.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import logging
import multiprocessing as mp
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from twilio.request_validator import RequestValidator  # noqa: E402

PUBLIC_BASE_URL = "https://helpline.example.org"
SECRET = "bench-secret"  # noqa: S105 - a throwaway local benchmark secret
WHATSAPP_NUMBER = "whatsapp:+15550001111"
PHRASES = ["hola", "menu", "3", "necesito mandar dinero a mi familia",
           "como saco mi acta de nacimiento", "gracias", "que apoyos hay para negocios",
           "English", "how do I get my birth certificate"]
PEOPLE = 400
TARGET_RATIO = 0.4
TARGET_P99_MS = 50.0

Request = tuple[str, str, bytes, dict[str, str]]  # method, path, body, headers


# --- the two other processes ----------------------------------------------------------------


def run_stubs(ports: Any, stop: Any) -> None:
    """The Bot API and Twilio stubs, until ``stop`` is set."""
    from tests.stubs import StubTelegram, StubTwilio

    with StubTelegram() as telegram, StubTwilio() as twilio:
        ports.put((telegram.base_url, telegram.token, twilio.base_url, twilio.account_sid,
                   twilio.auth_token))
        stop.wait()


def run_server(ports: Any, db_url: str, stubs: tuple[str, ...], threads: int,
               worker: bool) -> None:
    """The real app under waitress as paisano serve runs it (worker in a child process),
    plus a bare route."""
    import waitress

    from bot.config import Settings
    from bot.runtime import start_worker_process, stop_on_sigterm, tune_for_serving
    from webhooks.app import create_app

    logging.basicConfig(level=logging.ERROR)
    tune_for_serving()  # as paisano serve does
    stop_on_sigterm()
    tg_url, tg_token, tw_url, tw_sid, tw_token = stubs
    settings = Settings(
        database_url=db_url, public_base_url=PUBLIC_BASE_URL, secret_key="bench",  # noqa: S106
        telegram_bot_token=tg_token, telegram_webhook_secret=SECRET,
        telegram_api_base_url=tg_url, twilio_account_sid=tw_sid, twilio_auth_token=tw_token,
        twilio_whatsapp_number=WHATSAPP_NUMBER, twilio_api_base_url=tw_url,
    )
    app = create_app({"SETTINGS": settings})
    # Exempt from the per-client HTTP limit (300 a minute), which the load would hit at once.
    bare = app.extensions["paisano_limiter"].exempt(lambda: "ok")
    app.add_url_rule("/bench/bare", "bench_bare", bare)
    if worker:
        start_worker_process(app.extensions["helpline"])  # as paisano serve runs it
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=threads)
    ports.put(server.effective_port)
    server.run()


def inbox_counts(db_url: str) -> tuple[int, int]:
    """Stored messages answered so far, and those still waiting for the worker."""
    from sqlalchemy import create_engine, text

    engine = create_engine(db_url)
    with engine.connect() as conn:
        counts = dict(conn.execute(text(
            "SELECT status, count(*) FROM inbound_events GROUP BY status")).tuples().all())
    engine.dispose()
    return int(counts.get("done", 0)), int(counts.get("pending", 0))


# --- the load -------------------------------------------------------------------------------


@dataclass
class Result:
    """What one target did in its time."""

    name: str
    seconds: float
    latencies: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)

    def merge(self, other: Result) -> None:
        """Add another slice of the same target."""
        self.seconds += other.seconds
        self.latencies += other.latencies
        for key, n in other.errors.items():
            self.errors[key] = self.errors.get(key, 0) + n

    @property
    def rps(self) -> float:
        """Successful requests per second."""
        return len(self.latencies) / self.seconds

    def percentile(self, p: float) -> float:
        """Latency percentile in milliseconds."""
        if len(self.latencies) < 2:
            return float("nan")
        return statistics.quantiles(self.latencies, n=1000)[int(p * 10) - 1] * 1000


def bare() -> Callable[[], Request]:
    """GET the bare route."""
    return lambda: ("GET", "/bench/bare", b"", {})


def telegram() -> Callable[[], Request]:
    """A private text update with a fresh update_id from one of PEOPLE chats."""
    counter = itertools.count(1)

    def make() -> Request:
        n = next(counter)
        update = {"update_id": 10**8 + n, "message": {
            "message_id": n, "date": 1_760_000_000, "text": PHRASES[n % len(PHRASES)],
            "chat": {"id": 5_000_000 + n % PEOPLE, "type": "private", "first_name": "B"},
            "from": {"id": 5_000_000 + n % PEOPLE, "is_bot": False, "first_name": "B"}}}
        return ("POST", "/webhooks/telegram", json.dumps(update).encode(), {
            "Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET})

    return make


def whatsapp(auth_token: str) -> Callable[[], Request]:
    """A signed Twilio form with a fresh MessageSid from one of PEOPLE numbers."""
    counter = itertools.count(1)
    validator = RequestValidator(auth_token)
    url = PUBLIC_BASE_URL + "/webhooks/whatsapp"

    def make() -> Request:
        n = next(counter)
        form = {"MessageSid": f"SM{n:032x}", "From": f"whatsapp:+521477{n % PEOPLE:07d}",
                "To": WHATSAPP_NUMBER, "Body": PHRASES[n % len(PHRASES)], "NumMedia": "0",
                "AccountSid": "AC" + "0" * 32, "ProfileName": "B"}
        return ("POST", "/webhooks/whatsapp", urlencode(form).encode(), {
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Twilio-Signature": validator.compute_signature(url, form)})

    return make


def load(name: str, port: int, make: Callable[[], Request], connections: int,
         seconds: float) -> Result:
    """``connections`` threads sending ``make()`` requests back to back for ``seconds``."""
    result = Result(name, seconds)
    lock = threading.Lock()
    start = threading.Barrier(connections + 1)
    stop = threading.Event()

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine: list[float] = []
        errors: dict[str, int] = {}
        start.wait()
        while not stop.is_set():
            method, path, body, headers = make()
            began = time.perf_counter()
            try:
                conn.request(method, path, body=body, headers=headers)
                res = conn.getresponse()
                res.read()
                if res.status == 200:
                    mine.append(time.perf_counter() - began)
                else:
                    errors[str(res.status)] = errors.get(str(res.status), 0) + 1
            except (OSError, http.client.HTTPException) as exc:
                errors[type(exc).__name__] = errors.get(type(exc).__name__, 0) + 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.close()
        with lock:
            result.latencies.extend(mine)
            for key, n in errors.items():
                result.errors[key] = result.errors.get(key, 0) + n

    threads = [threading.Thread(target=client, daemon=True) for _ in range(connections)]
    for t in threads:
        t.start()
    start.wait()
    began = time.perf_counter()
    time.sleep(seconds)
    stop.set()
    for t in threads:
        t.join(60)
    result.seconds = time.perf_counter() - began
    return result


@dataclass
class Run:
    """The three targets measured on one server."""

    worker: bool
    results: list[Result]
    answered: int  # stored messages the worker answered during the measurement
    backlog: int  # still waiting at the end
    elapsed: float


def measure(args: argparse.Namespace, worker: bool, db_url: str) -> Run:
    """Start the stubs and the server (with its worker or not), warm up, run the turns."""
    ctx = mp.get_context("spawn")
    queue: Any = ctx.Queue()
    stop_stubs = ctx.Event()
    stubs = ctx.Process(target=run_stubs, args=(queue, stop_stubs), daemon=True)
    stubs.start()
    stub_info = queue.get(timeout=30)
    # Not a daemon: it starts the worker process, as paisano serve does.
    server = ctx.Process(target=run_server,
                         args=(queue, db_url, stub_info, args.threads, worker))
    server.start()
    try:
        port = queue.get(timeout=300)
        targets = [("bare flask", bare()), ("telegram", telegram()),
                   ("whatsapp", whatsapp(stub_info[4]))]
        for name, make in targets:  # warm up: the first requests build caches
            load(name, port, make, 2, 1.0)
        results = [Result(name, 0.0) for name, _make in targets]
        answered_before, _waiting = inbox_counts(db_url)
        began = time.perf_counter()
        for _turn in range(max(1, round(args.seconds / args.slice))):
            for total, (name, make) in zip(results, targets, strict=True):
                total.merge(load(name, port, make, args.connections, args.slice))
        elapsed = time.perf_counter() - began
        answered, backlog = inbox_counts(db_url)
    finally:
        server.terminate()
        server.join(10)
        stop_stubs.set()
        stubs.join(10)
    return Run(worker, results, answered - answered_before, backlog, elapsed)


def report(run: Run, args: argparse.Namespace, database: str) -> bool:
    """Print one run's figures; True if the webhooks meet the target."""
    print(f"\nwebhooks under {args.connections} keep-alive connections, waitress "
          f"{args.threads} threads, {database}, "
          f"{'worker answering in its own process' if run.worker else 'no worker'}; "
          f"{args.seconds:g} s each in {args.slice:g} s turns")
    print(f"{'target':<12}{'requests':>10}{'req/s':>10}{'p50 ms':>9}{'p99 ms':>9}  errors")
    for r in run.results:
        print(f"{r.name:<12}{len(r.latencies):>10}{r.rps:>10.1f}{r.percentile(50):>9.1f}"
              f"{r.percentile(99):>9.1f}  {r.errors or '-'}")
    stored = sum(len(r.latencies) for r in run.results[1:])
    print(f"stored {stored} messages; the worker answered {run.answered} meanwhile "
          f"({run.answered / run.elapsed:.1f}/s); {run.backlog} waiting at the end")
    base = run.results[0].rps
    ok = True
    for r in run.results[1:]:
        ratio = r.rps / base if base else 0.0
        p99 = r.percentile(99)
        meets = ratio >= TARGET_RATIO and p99 < TARGET_P99_MS
        ok &= meets
        print(f"{r.name}: {ratio:.2f} of bare req/s (target >= {TARGET_RATIO}), "
              f"p99 {p99:.1f} ms (target < {TARGET_P99_MS:g} ms): "
              f"{'meets' if meets else 'MISSES'} target")
    return ok


def main(argv: list[str] | None = None) -> int:
    """Measure the webhooks alone, then beside the worker; exit 1 if the first misses."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="per target")
    parser.add_argument("--slice", type=float, default=5.0, help="seconds of a turn")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=8, help="waitress threads (serve: 8)")
    parser.add_argument("--only", choices=("alone", "worker"),
                        help="one of the two runs: the webhooks alone, or beside the worker")
    parser.add_argument("--database-url", default="",
                        help="an empty database to use instead of temporary SQLite files")
    args = parser.parse_args(argv)

    database = args.database_url.split(":", 1)[0] if args.database_url else "SQLite"
    runs = [mode for mode in ("alone", "worker") if args.only in (None, mode)]
    verdicts = []
    with tempfile.TemporaryDirectory() as tmp:
        for mode in runs:
            db_url = args.database_url or f"sqlite:///{Path(tmp) / (mode + '.db')}"
            run = measure(args, mode == "worker", db_url)
            verdicts.append(report(run, args, database))
    return 0 if verdicts[0] else 1


if __name__ == "__main__":
    sys.exit(main())
