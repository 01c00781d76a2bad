"""Load benchmark: the whole deployment on one machine, Telegram and WhatsApp at once.

    .venv/bin/python benchmarks/load.py                # 60 seconds
    .venv/bin/python benchmarks/load.py --seconds 5    # smoke run

What runs (loopback only, nothing reaches the internet):

- a throwaway PostgreSQL database (``paisano_load_<random>``), upgraded with the migrations
  and dropped at the end (``--keep-db`` keeps it);
- StubTelegram and StubTwilio in a process of their own, recording every API call;
- ``gunicorn -w 2 'webhooks.app:create_app()'`` with TELEGRAM_*/TWILIO_* pointing at the
  stubs and PUBLIC_BASE_URL set, so WhatsApp signatures are checked for real;
- two ``paisano worker`` processes answering the messages the webhooks stored (the inbox)
  and delivering the replies from the outbox.

Client threads post a steady stream for ``--seconds``: Telegram updates (with the secret
header) and WhatsApp messages (form-encoded, signed with Twilio's RequestValidator), each
person's messages one after another, a few of them sent twice as the providers retry.

Afterwards the inbox and the outbox are drained and everything is reconciled with the
database and the stubs. Printed: messages accepted per second, webhook latency (p50/p99),
how long after the load the last message was answered and sent, replies delivered,
messages lost (an accepted message the engine never stored, replies that did not all reach
the stubs, a WhatsApp answer that was not TwiML) and duplicates (a retried message handled
twice, a reply delivered twice). Exit status 1 when anything was lost, duplicated or refused.
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import itertools
import json
import multiprocessing
import os
import random
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from http.client import HTTPConnection
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, func, select  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402
from twilio.request_validator import RequestValidator  # noqa: E402

from bot import db, migrations  # noqa: E402
from bot.content import load_catalog  # noqa: E402
from bot.models import Contact, Conversation, InboundEvent, Message, Outbox  # noqa: E402

PUBLIC_BASE_URL = "https://helpline.example.org"
TELEGRAM_SECRET = "load-benchmark-secret_0123"  # noqa: S105 - stub only
WHATSAPP_NUMBER = "whatsapp:+15550001111"
SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
FIRST_CHAT = 730_000_000
# Intents that change the flow for good (a person, erasure, a language menu) are left out
# of the phrases, so every message gets an answer from the bot.
SKIPPED_INTENTS = frozenset({"emergency", "delete_data", "stop", "human", "language"})


@dataclasses.dataclass(frozen=True)
class Sent:
    """One webhook request and what came back."""

    channel: str
    person: str
    retry: bool
    status: int
    seconds: float
    twiml_messages: int | None = None  # WhatsApp only; None when the answer was not TwiML


# --- the pieces -------------------------------------------------------------------------------


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def throwaway_database(server: str, keep: bool) -> Iterator[str]:
    """A new PostgreSQL database, upgraded to the newest schema; dropped afterwards."""
    base = make_url(server)
    name = f"paisano_load_{secrets.token_hex(4)}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    url = base.set(database=name).render_as_string(hide_password=False)
    engine = db.make_engine(url)
    migrations.upgrade(engine)
    engine.dispose()
    try:
        yield url
    finally:
        if keep:
            print(f"kept database {name}", file=sys.stderr)
        else:
            with admin.connect() as conn:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def _serve_stubs(pipe: Any) -> None:
    """Child process: run both stubs until told to stop, then send back their calls."""
    from tests.stubs import StubTelegram, StubTwilio

    with StubTelegram() as telegram, StubTwilio() as twilio:
        pipe.send({
            "TELEGRAM_BOT_TOKEN": telegram.token,
            "TELEGRAM_API_BASE_URL": telegram.base_url,
            "TWILIO_ACCOUNT_SID": twilio.account_sid,
            "TWILIO_AUTH_TOKEN": twilio.auth_token,
            "TWILIO_API_BASE_URL": twilio.base_url,
        })
        pipe.recv()  # "stop"
        calls = [("telegram", str(c.params.get("chat_id")), str(c.params.get("text")), c.status)
                 for c in telegram.calls("sendMessage")]
        calls += [("whatsapp", str(c.params.get("To")), str(c.params.get("Body")), c.status)
                  for c in twilio.calls()]
    pipe.send(calls)


class Stubs:
    """StubTelegram and StubTwilio in a separate process (they must not slow the client)."""

    def __init__(self) -> None:
        ctx = multiprocessing.get_context("spawn")
        self._pipe, child = ctx.Pipe()
        self._proc = ctx.Process(target=_serve_stubs, args=(child,), name="stubs", daemon=True)
        self._proc.start()
        self.env: dict[str, str] = self._pipe.recv()

    def stop(self) -> list[tuple[str, str, str, int]]:
        """Stop the servers; return every send they took: (channel, to, text, status)."""
        self._pipe.send("stop")
        calls: list[tuple[str, str, str, int]] = self._pipe.recv()
        self._proc.join(30)
        return calls


def wait_healthy(port: int, proc: subprocess.Popen[bytes], timeout: float) -> None:
    """Poll /healthz until the app answers 200."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"gunicorn exited with {proc.returncode}: see its log")
        try:
            conn = HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"the app did not become healthy within {timeout:.0f} s")


def stop_process(proc: subprocess.Popen[bytes], sig: int) -> None:
    """Ask a child to stop, then make sure it has."""
    if proc.poll() is None:
        proc.send_signal(sig)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


# --- the load -----------------------------------------------------------------------------


def phrases() -> list[str]:
    """Spanish training phrases of intents the bot simply answers."""
    catalog = load_catalog()
    picked = [
        phrase
        for intent in catalog.intents.values()
        if not intent.handoff and not intent.urgent and intent.id not in SKIPPED_INTENTS
        for phrase in intent.phrases.get("es", ())[:3]
    ]
    return picked or ["hola"]


class Client:
    """One client thread's people and connection."""

    def __init__(self, port: int, people: Sequence[tuple[str, str]], texts: Sequence[str],
                 auth_token: str, retry_share: float, seed: int) -> None:
        self.port = port
        self.people = list(people)
        self.texts = texts
        self.validator = RequestValidator(auth_token)
        self.retry_share = retry_share
        self.rng = random.Random(seed)
        self.conn = HTTPConnection("127.0.0.1", port, timeout=60)
        self.results: list[Sent] = []
        self.update_ids = itertools.count(seed * 10_000_000)

    def _post(self, path: str, body: bytes, headers: dict[str, str]) -> tuple[int, bytes, float]:
        started = time.perf_counter()
        for attempt in (1, 2):
            try:
                self.conn.request("POST", path, body=body, headers=headers)
                response = self.conn.getresponse()
                data = response.read()
                break
            except (ConnectionError, OSError):
                # gunicorn's sync workers close idle connections; reconnect once.
                self.conn.close()
                self.conn = HTTPConnection("127.0.0.1", self.port, timeout=60)
                if attempt == 2:
                    return 599, b"", time.perf_counter() - started
        return response.status, data, time.perf_counter() - started

    def telegram(self, chat: str, text: str) -> None:
        """Post one update (and maybe post it again, as Telegram retries)."""
        update_id = next(self.update_ids)
        body = json.dumps({
            "update_id": update_id,
            "message": {
                "message_id": update_id % 1_000_000, "date": int(time.time()), "text": text,
                "from": {"id": int(chat), "is_bot": False, "first_name": "Carga"},
                "chat": {"id": int(chat), "type": "private", "first_name": "Carga"},
            },
        }).encode()
        headers = {"Content-Type": "application/json",
                   "X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET}
        for retry in (False, True):
            if retry and self.rng.random() >= self.retry_share:
                return
            status, _, seconds = self._post("/webhooks/telegram", body, headers)
            self.results.append(Sent("telegram", chat, retry, status, seconds))

    def whatsapp(self, number: str, text: str) -> None:
        """Post one signed message (and maybe post it again, as Twilio retries)."""
        form = {"From": number, "To": WHATSAPP_NUMBER, "Body": text, "NumMedia": "0",
                "MessageSid": "SM" + secrets.token_hex(16), "AccountSid": "AC" + "0" * 32}
        signature = self.validator.compute_signature(f"{PUBLIC_BASE_URL}/webhooks/whatsapp",
                                                     form)
        body = urllib.parse.urlencode(form).encode()
        headers = {"Content-Type": "application/x-www-form-urlencoded",
                   "X-Twilio-Signature": signature}
        for retry in (False, True):
            if retry and self.rng.random() >= self.retry_share:
                return
            status, data, seconds = self._post("/webhooks/whatsapp", body, headers)
            self.results.append(Sent("whatsapp", number, retry, status, seconds,
                                     twiml_count(data) if status == 200 else None))

    def run(self, stop_at: float, interval: float | None) -> None:
        """Send until ``stop_at``: one message per person in turn, at most every ``interval``."""
        texts = itertools.cycle(self.texts)
        next_at = time.perf_counter()
        for channel, person in itertools.cycle(self.people):
            if time.perf_counter() >= stop_at:
                break
            if interval is not None:
                next_at += interval
                time.sleep(max(0.0, next_at - time.perf_counter()))
            if channel == "telegram":
                self.telegram(person, next(texts))
            else:
                self.whatsapp(person, next(texts))
        self.conn.close()


def twiml_count(data: bytes) -> int | None:
    """How many messages a TwiML answer holds; None when it is not TwiML."""
    try:
        root = ElementTree.fromstring(data)  # noqa: S314 - our own app on loopback
    except ElementTree.ParseError:
        return None
    return len(root.findall("Message")) if root.tag == "Response" else None


# --- checking -----------------------------------------------------------------------------


@dataclasses.dataclass
class Tally:
    """What went wrong, by kind."""

    lost: collections.Counter[str] = dataclasses.field(default_factory=collections.Counter)
    duplicates: collections.Counter[str] = dataclasses.field(
        default_factory=collections.Counter)

    def describe(self, counter: collections.Counter[str]) -> str:
        """'0' or '3 (kind 2, other 1)'."""
        total = sum(counter.values())
        if not total:
            return "0"
        return f"{total} (" + ", ".join(f"{k} {n}" for k, n in counter.most_common()) + ")"


def reconcile(url: str, results: list[Sent],
              calls: list[tuple[str, str, str, int]]) -> tuple[Tally, dict[str, int]]:
    """Compare what was accepted with what the database stored and the stubs received."""
    tally = Tally()
    engine = db.make_engine(url)
    with engine.connect() as conn:
        inbound: collections.Counter[tuple[str, str]] = collections.Counter({
            (channel, person): int(n) for channel, person, n in conn.execute(
                select(Contact.channel, Contact.external_id, func.count(Message.id))
                .join(Conversation, Conversation.contact_id == Contact.id)
                .join(Message, Message.conversation_id == Conversation.id)
                .where(Message.direction == "in")
                .group_by(Contact.channel, Contact.external_id))
        })
        queued: dict[tuple[str, str], list[str]] = collections.defaultdict(list)
        unsent = 0
        for channel, address, text, status in conn.execute(
            select(Outbox.channel, Outbox.address, Outbox.text, Outbox.status)
            .order_by(Outbox.id)
        ):
            queued[(channel, address)].append(text)
            unsent += status != "sent"
        rows = int(conn.scalar(select(func.count()).select_from(Outbox)) or 0)
    engine.dispose()

    accepted = collections.Counter(
        (r.channel, r.person) for r in results if r.status == 200 and not r.retry)
    for key in accepted.keys() | inbound.keys():
        missing = accepted[key] - inbound[key]
        if missing > 0:
            tally.lost[f"{key[0]} message not stored"] += missing
        elif missing < 0:
            tally.duplicates[f"{key[0]} message stored twice"] += -missing
    delivered: dict[tuple[str, str], list[str]] = collections.defaultdict(list)
    for channel, to, text, status in calls:
        if status in (200, 201):
            delivered[(channel, to)].append(text)
    for key in queued.keys() | delivered.keys():
        want, got = collections.Counter(queued[key]), collections.Counter(delivered[key])
        tally.lost[f"{key[0]} reply not delivered"] += sum((want - got).values())
        tally.duplicates[f"{key[0]} reply delivered twice"] += sum((got - want).values())
        if not (want - got) and not (got - want) and queued[key] != delivered[key]:
            tally.lost[f"{key[0]} replies out of order"] += 1
    for r in results:
        if r.channel == "whatsapp" and r.status == 200 and r.twiml_messages is None:
            tally.lost["whatsapp answer not TwiML"] += 1
    figures = {
        "outbox_rows": rows,
        "unsent": unsent,
        "replies_delivered": sum(len(v) for v in delivered.values()),
    }
    tally.lost = +tally.lost
    tally.duplicates = +tally.duplicates
    return tally, figures


def percentile(values: Sequence[float], share: float) -> float:
    """The ``share`` quantile (0..1) of ``values``, nearest rank."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def work_left(url: str) -> int:
    """Messages not yet answered plus outbox rows not yet sent (nor failed)."""
    engine = db.make_engine(url)
    with engine.connect() as conn:
        n = conn.scalar(select(func.count()).select_from(Outbox)
                        .where(Outbox.status.in_(("pending", "sending", "held"))))
        n = (n or 0) + (conn.scalar(select(func.count()).select_from(InboundEvent)
                                    .where(InboundEvent.status == "pending")) or 0)
    engine.dispose()
    return int(n)


# --- main ---------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="load duration (60)")
    parser.add_argument("--clients", type=int, default=8, help="client threads (8)")
    parser.add_argument("--rate", type=float, default=None,
                        help="messages per second in all (default: as fast as answered); "
                             "latency is timed from each send, pacing sleeps excluded")
    parser.add_argument("--people", type=int, default=400,
                        help="distinct people, half on each channel (400)")
    parser.add_argument("--retry-share", type=float, default=0.02,
                        help="share of messages sent twice, as providers retry (0.02)")
    parser.add_argument("--web-workers", type=int, default=2, help="gunicorn workers (2)")
    parser.add_argument("--delivery-workers", type=int, default=2,
                        help="`paisano worker` processes (2)")
    parser.add_argument("--server", default=os.environ.get("LOAD_POSTGRES_URL", SERVER),
                        help="PostgreSQL server to create the throwaway database on")
    parser.add_argument("--drain-timeout", type=float, default=120.0,
                        help="seconds to wait for the inbox and outbox to empty (120)")
    parser.add_argument("--keep-db", action="store_true", help="do not drop the database")
    args = parser.parse_args(argv)
    if args.seconds <= 0 or args.seconds > 3600:
        parser.error("--seconds must be between 0 and 3600")
    if args.clients < 1 or args.people < 2 * args.clients:
        parser.error("need at least one client and two people per client")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; return the exit status."""
    args = parse_args(argv)
    texts = phrases()
    people = [("telegram", str(FIRST_CHAT + n)) for n in range(args.people // 2)]
    people += [("whatsapp", f"whatsapp:+521477{n:07d}") for n in range(args.people // 2)]
    random.Random(7).shuffle(people)
    logs = Path(tempfile.mkdtemp(prefix="paisano-load-"))
    port = free_port()
    with ExitStack() as stack:
        url = stack.enter_context(throwaway_database(args.server, args.keep_db))
        stubs = Stubs()
        calls: list[tuple[str, str, str, int]] = []
        env = {
            **os.environ,
            **stubs.env,
            "DATABASE_URL": url,
            "PUBLIC_BASE_URL": PUBLIC_BASE_URL,
            "TELEGRAM_WEBHOOK_SECRET": TELEGRAM_SECRET,
            "TWILIO_WHATSAPP_NUMBER": WHATSAPP_NUMBER,
            "SECRET_KEY": secrets.token_hex(16),
            "PYTHONPATH": str(ROOT),
        }
        gunicorn = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-w", str(args.web_workers),
             "-b", f"127.0.0.1:{port}", "--timeout", "120", "--log-level", "warning",
             "webhooks.app:create_app()"],
            cwd=ROOT, env=env, stdout=(logs / "gunicorn.log").open("wb"),
            stderr=subprocess.STDOUT,
        )
        stack.callback(stop_process, gunicorn, signal.SIGTERM)
        workers = [
            subprocess.Popen([sys.executable, "-m", "bot", "worker"], cwd=ROOT, env=env,
                             stdout=(logs / f"worker-{n}.log").open("wb"),
                             stderr=subprocess.STDOUT)
            for n in range(args.delivery_workers)
        ]
        for proc in workers:
            stack.callback(stop_process, proc, signal.SIGINT)
        try:
            wait_healthy(port, gunicorn, timeout=180)
            clients = [
                Client(port, people[n::args.clients], texts, stubs.env["TWILIO_AUTH_TOKEN"],
                       args.retry_share, seed=n + 1)
                for n in range(args.clients)
            ]
            interval = args.clients / args.rate if args.rate else None
            started = time.perf_counter()
            stop_at = started + args.seconds
            threads = [threading.Thread(target=c.run, args=(stop_at, interval)) for c in clients]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.perf_counter() - started
            drain_started = time.perf_counter()
            while work_left(url) and time.perf_counter() - drain_started < args.drain_timeout:
                time.sleep(0.2)
            drained = time.perf_counter() - drain_started
        finally:
            for proc in workers:
                stop_process(proc, signal.SIGINT)
            stop_process(gunicorn, signal.SIGTERM)
            calls = stubs.stop()
        results = [r for c in clients for r in c.results]
        tally, figures = reconcile(url, results, calls)

    report(args, results, elapsed, drained, tally, figures, logs)
    refused = sum(1 for r in results if r.status != 200)
    return 1 if tally.lost or tally.duplicates or refused else 0


def report(args: argparse.Namespace, results: list[Sent], elapsed: float, drained: float,
           tally: Tally, figures: dict[str, int], logs: Path) -> None:
    """Print the figures."""
    fresh = [r for r in results if not r.retry]
    handled = sum(1 for r in fresh if r.status == 200)
    refused = collections.Counter(r.status for r in results if r.status != 200)
    by_channel = {ch: [r.seconds * 1000 for r in results if r.channel == ch and r.status == 200]
                  for ch in ("telegram", "whatsapp")}
    everything = [ms for values in by_channel.values() for ms in values]
    print(f"load: {elapsed:.1f} s, {args.clients} clients, {args.web_workers} gunicorn workers, "
          f"{args.delivery_workers} delivery workers, PostgreSQL, {os.cpu_count()} CPUs")
    print(f"requests: {len(results)} ({len(results) - len(fresh)} provider retries), "
          f"refused: {sum(refused.values())} {dict(refused) if refused else ''}".rstrip())
    print(f"messages handled: {handled / elapsed:.1f} per second ({handled} in {elapsed:.1f} s)")
    for channel, values in by_channel.items():
        if values:
            print(f"  {channel:<8} {len(values):>6} requests  latency ms p50 "
                  f"{statistics.median(values):7.1f}  p99 {percentile(values, 0.99):7.1f}  "
                  f"max {max(values):7.1f}")
    print(f"webhook latency p99: {percentile(everything, 0.99):.1f} ms "
          f"(p50 {statistics.median(everything) if everything else float('nan'):.1f} ms)")
    print(f"replies delivered by the workers: {figures['replies_delivered']} "
          f"(outbox rows {figures['outbox_rows']}, unsent {figures['unsent']}); "
          f"inbox answered and outbox drained {drained:.1f} s after the load stopped")
    print(f"messages lost: {tally.describe(tally.lost)}")
    print(f"duplicates: {tally.describe(tally.duplicates)}")
    print(f"logs: {logs}")


if __name__ == "__main__":
    sys.exit(main())
