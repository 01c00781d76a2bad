"""What people feel: from a webhook's arrival to the reply's arrival at the provider.

    .venv/bin/python benchmarks/pipeline.py                  # fixed load for 60 s
    .venv/bin/python benchmarks/pipeline.py --seconds 15     # shorter

Everything runs on 127.0.0.1 and stops by itself; nothing reaches the internet. In one run:

1. ``paisano chat --jsonl`` on the same texts (dev set, intents the bot simply answers):
   the engine's own rate, the yardstick of every ratio below.
2. ``paisano serve`` (waitress + its worker process, SQLite file), with the Telegram and
   WhatsApp stubs (``tests/stubs``) in a process of their own, timestamping every reply:
   - a burst: client threads post as fast as they can while the worker answers; slices of
     the webhooks alternate with slices of a bare Flask route in the same server (the ack
     ratio beside a busy worker). The answered rate is the replies the stubs received per
     second, first to last;
   - a fixed offered load of half that rate for ``--seconds``: many people, one heavy
     sender at 20 messages/s in the second half. Printed: latency webhook-arrival ->
     reply-at-stub (p50, p99, max; others' p99 in the first and second half), the backlog
     over time, lost / duplicated / out of order per person, RSS of serve and its worker.
3. The deployment on PostgreSQL (throwaway database): ``gunicorn -w 2 --threads 4`` and 1,
   2 and 4 ``paisano worker`` processes: the answered rate of each burst; then the fixed
   load with 2 workers.

Each burst starts once the workers are ready (they train the matcher first, seconds of CPU:
SQLite, one message answered; PostgreSQL, each worker listening for the inbox's bell), and
prints the CPU time each process spent a message (the web process, the workers, the stubs,
this load generator; on PostgreSQL the database server too, with whatever else it served).

A message's latency is timed to the last reply of its turn: per person, the stub's replies
are matched to the turns in order, using how many replies each turn stored. The machine's
cores are shared by the load, the stubs and the server: the figures are ratios of one run.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import dataclasses
import itertools
import json
import math
import multiprocessing
import os
import random
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Sequence
from http.client import HTTPConnection
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select, text  # noqa: E402
from twilio.request_validator import RequestValidator  # noqa: E402

from benchmarks.chat import run_chat  # noqa: E402
from benchmarks.load import (  # noqa: E402
    SERVER,
    SKIPPED_INTENTS,
    free_port,
    percentile,
    reconcile,
    stop_process,
    throwaway_database,
    wait_healthy,
    work_left,
)
from bot import db  # noqa: E402
from bot.content import load_catalog  # noqa: E402
from bot.models import Contact, Conversation, InboundEvent, Message, Outbox  # noqa: E402

PUBLIC_BASE_URL = "https://helpline.example.org"
SECRET = "bench-secret"  # noqa: S105 - as benchmarks.webhooks.run_server sets it
PG_SECRET = "pipeline-bench-secret-0123"  # noqa: S105 - settings from env want 16+ characters
WHATSAPP_NUMBER = "whatsapp:+15550001111"
HEAVY_RATE = 20.0  # messages a second from the one heavy sender
PERSON_RATE = 0.2  # at most, each other person's (12 a minute: the flood limit is 15)
# As the README runs it: threads keep connections alive and share a commit (inbox.Writer).
GUNICORN = ("-w", "2", "--threads", "4")
Call = tuple[str, str, str, int, float]  # channel, to, text, status, arrived at


# --- texts and people -----------------------------------------------------------------------


def texts() -> list[str]:
    """Dev-set texts of intents the bot simply answers (no handoff, no menu, no erasure)."""
    catalog = load_catalog()
    quiet = {i.id for i in catalog.intents.values() if i.handoff or i.urgent} | SKIPPED_INTENTS
    with open(ROOT / "tests" / "data" / "devset.jsonl", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    picked = [r["text"] for r in rows if r.get("intent") and r["intent"] not in quiet]
    return picked or ["hola"]


def people(n: int, prefix: int) -> list[tuple[str, str]]:
    """``n`` people, half on Telegram and half on WhatsApp, ids unique to ``prefix``."""
    found = [("telegram", str(prefix * 1_000_000 + k)) for k in range(n // 2)]
    found += [("whatsapp", f"whatsapp:+52{prefix:03d}{k:07d}") for k in range(n - n // 2)]
    random.Random(prefix).shuffle(found)
    return found


# --- the stubs ------------------------------------------------------------------------------


def _serve_stubs(pipe: Any) -> None:
    """Child process: both stubs until told to stop; then every send with its arrival."""
    from tests.stubs import StubTelegram, StubTwilio

    with StubTelegram() as telegram, StubTwilio() as twilio:
        pipe.send({
            "TELEGRAM_BOT_TOKEN": telegram.token, "TELEGRAM_API_BASE_URL": telegram.base_url,
            "TWILIO_ACCOUNT_SID": twilio.account_sid, "TWILIO_AUTH_TOKEN": twilio.auth_token,
            "TWILIO_API_BASE_URL": twilio.base_url,
        })
        while (order := pipe.recv()) != "stop":
            calls: list[Call] = [
                ("telegram", str(c.params.get("chat_id")), str(c.params.get("text")), c.status,
                 c.at) for c in telegram.calls("sendMessage")]
            calls += [("whatsapp", str(c.params.get("To")), str(c.params.get("Body")), c.status,
                       c.at) for c in twilio.calls()]
            pipe.send(calls if order == "calls" else len(calls))


class Stubs:
    """StubTelegram and StubTwilio in a process of their own (their CPU is counted there)."""

    def __init__(self) -> None:
        ctx = multiprocessing.get_context("spawn")
        self._pipe, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve_stubs, args=(child,), name="stubs", daemon=True)
        self.proc.start()
        self.env: dict[str, str] = self._pipe.recv()

    def calls(self) -> list[Call]:
        """Every send so far."""
        self._pipe.send("calls")
        return list(self._pipe.recv())

    def count(self) -> int:
        """How many sends so far."""
        self._pipe.send("count")
        return int(self._pipe.recv())

    def stop(self) -> None:
        """Stop the servers."""
        self._pipe.send("stop")
        self.proc.join(30)


# --- posting --------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Posted:
    """One webhook request: who, when it left (``time.time()``), status and its latency."""

    channel: str
    person: str
    at: float
    status: int
    seconds: float
    retry: bool = False  # benchmarks.load.reconcile reads it
    twiml_messages: int | None = 0  # the acknowledgement's body is not checked here


class Poster:
    """One keep-alive connection posting signed Telegram and WhatsApp webhooks."""

    ids = itertools.count(int(time.time() * 1000) % 10**9 * 100)  # shared: update ids unique

    def __init__(self, port: int, auth_token: str, secret: str) -> None:
        self.port = port
        self.secret = secret
        self.validator = RequestValidator(auth_token)
        self.conn = HTTPConnection("127.0.0.1", port, timeout=60)

    def request(self, method: str, path: str, body: bytes = b"",
                headers: dict[str, str] | None = None) -> int:
        """One request; a connection the server closed is opened again once."""
        for attempt in (1, 2):
            try:
                self.conn.request(method, path, body=body, headers=headers or {})
                response = self.conn.getresponse()
                response.read()
                return response.status
            except (ConnectionError, OSError):
                self.conn.close()  # gunicorn's sync workers close idle connections
                self.conn = HTTPConnection("127.0.0.1", self.port, timeout=60)
                if attempt == 2:
                    return 599
        return 599

    def post(self, channel: str, person: str, text: str) -> Posted:
        """Post one message from ``person``; return what happened."""
        n = next(self.ids)
        if channel == "telegram":
            body = json.dumps({"update_id": n, "message": {
                "message_id": n % 10**6, "date": int(time.time()), "text": text,
                "from": {"id": int(person), "is_bot": False, "first_name": "B"},
                "chat": {"id": int(person), "type": "private", "first_name": "B"}}}).encode()
            path, headers = "/webhooks/telegram", {
                "Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": self.secret}
        else:
            form = {"From": person, "To": WHATSAPP_NUMBER, "Body": text, "NumMedia": "0",
                    "MessageSid": f"SM{n:032x}", "AccountSid": "AC" + "0" * 32}
            signature = self.validator.compute_signature(PUBLIC_BASE_URL + "/webhooks/whatsapp",
                                                         form)
            path, body = "/webhooks/whatsapp", urllib.parse.urlencode(form).encode()
            headers = {"Content-Type": "application/x-www-form-urlencoded",
                       "X-Twilio-Signature": signature}
        at, began = time.time(), time.perf_counter()
        status = self.request("POST", path, body, headers)
        return Posted(channel, person, at, status, time.perf_counter() - began)

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()


def burst(port: int, token: str, crowd: Sequence[tuple[str, str]], words: Sequence[str],
          seconds: float, connections: int, bare: bool,
          secret: str = SECRET) -> tuple[list[Posted], dict[str, Any]]:
    """Post as fast as ``connections`` threads can for ``seconds``; with ``bare``, half-second
    slices of the webhooks alternate with slices of ``/bench/bare``. Each person belongs to
    one thread, so their messages leave in order."""
    posted: list[Posted] = []
    acks: dict[str, list[float]] = {"webhook": [], "bare": []}
    spent = {"webhook": 0.0, "bare": 0.0}
    lock = threading.Lock()
    started = time.perf_counter()

    def slice_of(now: float) -> str:
        return "bare" if bare and int((now - started) / 0.5) % 2 else "webhook"

    def client(n: int) -> None:
        poster = Poster(port, token, secret)
        mine = crowd[n::connections]
        rng = random.Random(n)
        who = itertools.cycle(mine)
        while (now := time.perf_counter()) - started < seconds:
            if slice_of(now) == "bare":
                began = time.perf_counter()
                ok = poster.request("GET", "/bench/bare") == 200
                if ok and slice_of(time.perf_counter()) == "bare":
                    with lock:
                        acks["bare"].append(time.perf_counter() - began)
                continue
            channel, person = next(who)
            result = poster.post(channel, person, rng.choice(words))
            with lock:
                posted.append(result)
                if result.status == 200:
                    acks["webhook"].append(result.seconds)
        poster.close()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    for name in spent:
        spent[name] = elapsed / 2 if bare else (elapsed if name == "webhook" else 0.0)
    return posted, {"acks": acks, "spent": spent}


def steady(port: int, token: str, crowd: Sequence[tuple[str, str]], heavy: tuple[str, str],
           words: Sequence[str], rate: float, seconds: float, threads: int,
           secret: str = SECRET) -> list[Posted]:
    """Offer ``rate`` messages a second from ``crowd`` for ``seconds``, and from the second
    half on ``heavy`` at HEAVY_RATE besides. Each thread paces its own people; one thread
    is the heavy sender's."""
    posted: list[Posted] = []
    lock = threading.Lock()
    started = time.time() + 0.2

    def paced(mine: Sequence[tuple[str, str]], every: float, begin: float, seed: int) -> None:
        poster = Poster(port, token, secret)
        rng = random.Random(seed)
        due = begin
        for channel, person in itertools.cycle(mine):
            due += every
            if due >= started + seconds:
                break
            time.sleep(max(0.0, due - time.time()))
            result = poster.post(channel, person, rng.choice(words))
            with lock:
                posted.append(result)
        poster.close()

    workers = [threading.Thread(target=paced, args=(crowd[n::threads], threads / rate,
                                                    started + n / rate, n))
               for n in range(threads)]
    workers.append(threading.Thread(target=paced, args=([heavy], 1 / HEAVY_RATE,
                                                        started + seconds / 2, 99)))
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return posted


# --- measuring ------------------------------------------------------------------------------


def turns(url: str) -> dict[tuple[str, str], list[int]]:
    """Per person, how many replies each of their messages got, in order."""
    engine = db.make_engine(url)
    found: dict[tuple[str, str], list[int]] = collections.defaultdict(list)
    with engine.connect() as conn:
        for channel, person, direction in conn.execute(
            select(Contact.channel, Contact.external_id, Message.direction)
            .join(Conversation, Conversation.contact_id == Contact.id)
            .join(Message, Message.conversation_id == Conversation.id)
            .where(Message.direction.in_(("in", "out"))).order_by(Message.id)
        ):
            counts = found[(channel, person)]
            if direction == "in":
                counts.append(0)
            elif counts:
                counts[-1] += 1
    engine.dispose()
    return found


def latencies(url: str, posted: Sequence[Posted], calls: Sequence[Call],
              since: float) -> tuple[dict[tuple[str, str], list[tuple[float, float]]], int]:
    """Per person, (sent at, seconds to the last reply of that turn) of each message posted
    after ``since``; and how many people could not be matched (a turn count differs)."""
    replies: dict[tuple[str, str], list[float]] = collections.defaultdict(list)
    for channel, to, _text, status, at in sorted(calls, key=lambda c: c[4]):
        if status in (200, 201):
            replies[(channel, to)].append(at)
    sent: dict[tuple[str, str], list[float]] = collections.defaultdict(list)
    for p in sorted(posted, key=lambda p: p.at):
        if p.status == 200:
            sent[(p.channel, p.person)].append(p.at)
    counted = turns(url)
    found: dict[tuple[str, str], list[tuple[float, float]]] = {}
    unmatched = 0
    for key, times in sent.items():
        counts, got = counted.get(key, []), replies.get(key, [])
        if len(counts) != len(times) or sum(counts) != len(got):
            unmatched += 1
            continue
        mine, index = [], 0
        for at, n in zip(times, counts, strict=True):
            index += n
            if n and at >= since:
                mine.append((at, got[index - 1] - at))
        found[key] = mine
    return found, unmatched


def rss_mb(pid: int) -> float:
    """Resident memory of a process now, in MB (Linux /proc)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def children(pid: int) -> list[int]:
    """The child processes of ``pid`` (Linux /proc)."""
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of process ``pid`` so far, with its children it reaped
    (Linux /proc); 0 when it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def postgres_seconds() -> float:
    """CPU seconds of every PostgreSQL process on this machine so far (a backend that ended
    is counted in the server process that reaped it); other users' queries included."""
    total = 0.0
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                if (entry / "comm").read_text().strip() == "postgres":
                    total += cpu_seconds(int(entry.name))
    return total


class CPUMeter:
    """CPU seconds spent by each part of a deployment between ``start`` and ``line``: every
    process costs the machine's two cores, the stubs and this load generator too."""

    def __init__(self, parts: dict[str, Sequence[int]], postgres: bool = False) -> None:
        self.parts = {name: list(pids) for name, pids in parts.items()}
        self.postgres = postgres
        self.before: dict[str, float] = {}

    def _now(self) -> dict[str, float]:
        found = {name: sum(cpu_seconds(p) for p in pids) for name, pids in self.parts.items()}
        if self.postgres:
            found["postgres (all of the machine's)"] = postgres_seconds()
        return found

    def start(self) -> CPUMeter:
        """Read every part's CPU time now."""
        self.before = self._now()
        return self

    def line(self, messages: int) -> str:
        """CPU ms each part spent a message since ``start``."""
        after = self._now()
        spent = {name: (after[name] - self.before[name]) * 1000 / max(messages, 1)
                 for name in after}
        return ("  CPU ms a message: " + ", ".join(f"{k} {v:.2f}" for k, v in spent.items())
                + f"; all {sum(spent.values()):.2f}")


class Backlog:
    """Samples the work waiting (inbox pending + outbox open) once a second."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.samples: list[tuple[float, int]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Backlog:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        began = time.time()
        while not self._stop.wait(1.0):
            with contextlib.suppress(Exception):  # SQLite busy for a moment: skip a sample
                self.samples.append((time.time() - began, work_left(self.url)))


def warm_up(port: int, token: str, url: str, timeout: float, secret: str = SECRET) -> Posted:
    """Post one message and wait until it is answered and sent: the worker has loaded the
    content (training the matcher takes seconds of CPU, which must not fall into a burst)."""
    poster = Poster(port, token, secret)
    posted = poster.post("telegram", str(random.randrange(10**8, 10**9)), "hola")
    poster.close()
    time.sleep(0.5)
    drain(url, timeout)
    return posted


def wait_listening(url: str, workers: int, timeout: float) -> None:
    """Wait until ``workers`` workers listen for the inbox's bell: each does once it has
    loaded the content and begun its loop."""
    engine = db.make_engine(url)
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            with engine.connect() as conn:
                n = conn.scalar(text("SELECT count(*) FROM pg_stat_activity WHERE datname = "
                                     "current_database() AND query LIKE 'LISTEN %'"))
            if (n or 0) >= workers:
                return
            time.sleep(0.5)
    finally:
        engine.dispose()
    raise SystemExit(f"{workers} workers did not start listening in {timeout:.0f} s")


def answered_rate(calls: Sequence[Call], since: float) -> tuple[float, int]:
    """Replies per second the stubs received after ``since``, first to last; and how many."""
    times = sorted(c[4] for c in calls if c[4] >= since and c[3] in (200, 201))
    if len(times) < 2:
        return 0.0, len(times)
    return (len(times) - 1) / (times[-1] - times[0]), len(times)


def drain(url: str, timeout: float) -> float:
    """Wait until no work is left (at most ``timeout`` s); how long it took."""
    began = time.perf_counter()
    while time.perf_counter() - began < timeout:
        with contextlib.suppress(Exception):
            if not work_left(url):
                break
        time.sleep(0.3)
    return time.perf_counter() - began


def replies_per_message(url: str) -> float:
    """Replies stored per answered message so far (to turn replies/s into messages/s)."""
    engine = db.make_engine(url)
    with engine.connect() as conn:
        out = conn.scalar(select(func.count()).select_from(Outbox)) or 0
        done = conn.scalar(select(func.count()).select_from(InboundEvent)
                           .where(InboundEvent.status == "done")) or 0
    engine.dispose()
    return out / done if done else 1.0


# --- the parts ------------------------------------------------------------------------------


def chat_rate(words: Sequence[str], messages: int) -> float:
    """Messages per second of ``paisano chat --jsonl`` (SQLite in memory), first to last."""
    return run_chat(words, messages).rate


@dataclasses.dataclass
class Figures:
    """What one deployment did."""

    label: str
    rate: float = 0.0  # replies a second at the stubs, burst
    msg_rate: float = 0.0  # messages a second answered, burst
    lines: list[str] = dataclasses.field(default_factory=list)


def run_steady(label: str, url: str, port: int, stubs: Stubs, words: Sequence[str],
               msg_rate: float, seconds: float, prefix: int, args: argparse.Namespace,
               lines: list[str], earlier: Sequence[Posted], meter: CPUMeter,
               secret: str = SECRET) -> None:
    """The fixed offered load and everything printed about it."""
    offered = max(1.0, msg_rate / 2)
    # Enough people that none of them writes faster than a person: at 300 people and 230
    # msg/s each sent 46 a minute, past the flood limit, and their second half went unanswered.
    crowd = people(max(args.people, math.ceil(offered / PERSON_RATE)), prefix)
    heavy = ("telegram", str(prefix * 1_000_000 + 999_999))
    before = time.time()
    meter.start()
    with Backlog(url) as backlog:
        posted = steady(port, stubs.env["TWILIO_AUTH_TOKEN"], crowd, heavy, words, offered,
                        seconds, args.threads, secret)
        drained = drain(url, args.drain_timeout)
    cpu = meter.line(len(posted))
    calls = stubs.calls()
    mine = [c for c in calls if c[4] >= before]
    found, unmatched = latencies(url, posted, mine, before)
    half = before + 0.2 + seconds / 2
    others = [s for k, v in found.items() if k != heavy for _, s in v]
    first = [s for k, v in found.items() if k != heavy for at, s in v if at < half]
    second = [s for k, v in found.items() if k != heavy for at, s in v if at >= half]
    heavy_s = [s for _, s in found.get(heavy, [])]
    # The stubs serve every part of the run: only this deployment's sends are its own.
    start = min((p.at for p in earlier), default=before)
    tally, figures = reconcile(url, [*earlier, *posted], [c[:4] for c in calls if c[4] >= start])
    refused = collections.Counter(p.status for p in posted if p.status != 200)
    per_s = msg_rate / 2
    peak = max((n for _, n in backlog.samples), default=0)

    def ms(values: Sequence[float], q: float) -> str:
        return f"{percentile(values, q) * 1000:.0f}" if values else "n/a"

    lines.append(f"{label} fixed load: {offered:.1f} msg/s offered for {seconds:.0f} s "
                 f"({len(posted)} posted, refused {sum(refused.values())} {dict(refused) or ''}), "
                 "heavy sender "
                 f"{HEAVY_RATE:.0f} msg/s in the second half")
    lines.append(f"  arrival->reply ms: p50 {ms(others, 0.5)}  p99 {ms(others, 0.99)}  "
                 f"max {max(others) * 1000 if others else float('nan'):.0f}  "
                 f"(target p99 < 500)")
    lines.append(f"  others' p99 ms: first half {ms(first, 0.99)}, second half (heavy on) "
                 f"{ms(second, 0.99)}; heavy sender p99 {ms(heavy_s, 0.99)}")
    lines.append(f"  backlog (msgs+replies waiting) per second: "
                 f"{' '.join(str(n) for _, n in backlog.samples)}")
    lines.append(f"  backlog peak {peak} = {peak / max(per_s, 1e-9):.1f} s of work "
                 f"(target <= 2 s); drained {drained:.1f} s after the load")
    lines.append(cpu)
    lines.append(f"  lost {tally.describe(tally.lost)}; duplicated "
                 f"{tally.describe(tally.duplicates)}; people not matched {unmatched}; "
                 f"replies {figures['replies_delivered']}")


def sqlite_part(args: argparse.Namespace, words: Sequence[str], stubs: Stubs,
                chat: float) -> Figures:
    """``paisano serve`` on a SQLite file: burst, ack ratio, fixed load, RSS."""
    from benchmarks.webhooks import run_server

    fig = Figures("SQLite paisano serve")
    folder = Path(tempfile.mkdtemp(prefix="paisano-pipeline-"))
    url = f"sqlite:///{folder / 'bench.db'}"
    ctx = multiprocessing.get_context("spawn")
    ports, env = ctx.Queue(), stubs.env
    server = ctx.Process(target=run_server, args=(ports, url, (
        env["TELEGRAM_API_BASE_URL"], env["TELEGRAM_BOT_TOKEN"], env["TWILIO_API_BASE_URL"],
        env["TWILIO_ACCOUNT_SID"], env["TWILIO_AUTH_TOKEN"]), 8, True), daemon=False)
    server.start()
    try:
        port = int(ports.get(timeout=180))
        warm = warm_up(port, env["TWILIO_AUTH_TOKEN"], url, args.drain_timeout)
        meter = CPUMeter({"serve (web, bare route too)": [server.pid or 0],
                          "worker": children(server.pid or 0),
                          "stubs": [stubs.proc.pid or 0], "load": [os.getpid()]}).start()
        before = time.time()
        posted, acks = burst(port, env["TWILIO_AUTH_TOKEN"], people(args.people, 11), words,
                             args.burst, args.connections, bare=True)
        drained = drain(url, args.drain_timeout)
        cpu = meter.line(len(posted))
        fig.rate, n = answered_rate(stubs.calls(), before)
        fig.msg_rate = fig.rate / replies_per_message(url)
        hook, bare = acks["acks"]["webhook"], acks["acks"]["bare"]
        hook_rps = len(hook) / acks["spent"]["webhook"]
        bare_rps = len(bare) / max(acks["spent"]["bare"], 1e-9)
        fig.lines.append(
            f"{fig.label} burst: {len(posted)} posted (refused "
            f"{sum(p.status != 200 for p in posted)}) in {args.burst:.0f} s, {n} replies; "
            f"answered {fig.rate:.1f} replies/s = {fig.msg_rate:.1f} msg/s = "
            f"{fig.msg_rate / chat:.3f} x chat (target >= 0.15); drained {drained:.1f} s after")
        fig.lines.append(
            f"  webhooks beside the busy worker: {hook_rps:.0f} req/s vs bare Flask "
            f"{bare_rps:.0f} req/s = {hook_rps / max(bare_rps, 1e-9):.2f} (target >= 0.4); "
            f"webhook p50 {percentile(hook, 0.5) * 1000:.1f} ms p99 "
            f"{percentile(hook, 0.99) * 1000:.1f} ms (target < 50)")
        fig.lines.append(cpu)
        run_steady(fig.label, url, port, stubs, words, fig.msg_rate, args.seconds, 12, args,
                   fig.lines, [warm, *posted], meter)
        pid = server.pid or 0
        workers = children(pid)
        fig.lines.append(f"  RSS: paisano serve {rss_mb(pid):.0f} MB, its worker "
                         f"{', '.join(f'{rss_mb(w):.0f}' for w in workers) or 'n/a'} MB "
                         "(target < 300)")
    finally:
        if server.pid:
            os.kill(server.pid, signal.SIGTERM)
        server.join(20)
        if server.is_alive():
            server.kill()
    return fig


def postgres_part(args: argparse.Namespace, words: Sequence[str], stubs: Stubs,
                  chat: float) -> Figures:
    """gunicorn -w 2 + 1, 2, 4 ``paisano worker`` on PostgreSQL, then the fixed load."""
    fig = Figures("PostgreSQL 2 web")
    logs = Path(tempfile.mkdtemp(prefix="paisano-pipeline-pg-"))
    port = free_port()
    with contextlib.ExitStack() as stack:
        url = stack.enter_context(throwaway_database(args.server, keep=False))
        env = {**os.environ, **stubs.env, "DATABASE_URL": url,
               "PUBLIC_BASE_URL": PUBLIC_BASE_URL, "TELEGRAM_WEBHOOK_SECRET": PG_SECRET,
               "TWILIO_WHATSAPP_NUMBER": WHATSAPP_NUMBER, "SECRET_KEY": secrets.token_hex(16),
               "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT),
                                                           os.environ.get("PYTHONPATH")]))}
        web = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", *GUNICORN, "-b", f"127.0.0.1:{port}",
             "--timeout", "120", "--log-level", "warning", "webhooks.app:create_app()"],
            cwd=ROOT, env=env, stdout=(logs / "gunicorn.log").open("wb"),
            stderr=subprocess.STDOUT)
        stack.callback(stop_process, web, signal.SIGTERM)
        wait_healthy(port, web, timeout=180)
        rates: dict[int, float] = {}
        cpus: dict[int, str] = {}
        history: list[Posted] = []
        running: list[subprocess.Popen[bytes]] = []
        for count, prefix in ((1, 21), (2, 22), (4, 24)):
            while len(running) < count:
                proc = subprocess.Popen([sys.executable, "-m", "bot", "worker"], cwd=ROOT,
                                        env=env, stdout=(logs / f"worker-{len(running)}.log")
                                        .open("wb"), stderr=subprocess.STDOUT)
                stack.callback(stop_process, proc, signal.SIGINT)
                running.append(proc)
            wait_listening(url, count, args.drain_timeout)
            meter = CPUMeter({"web": [web.pid, *children(web.pid)],
                              "workers": [p.pid for p in running],
                              "stubs": [stubs.proc.pid or 0], "load": [os.getpid()]},
                             postgres=True).start()
            before = time.time()
            posted, _ = burst(port, stubs.env["TWILIO_AUTH_TOKEN"], people(args.people, prefix),
                              words, args.burst, args.connections, bare=False,
                              secret=PG_SECRET)
            history += posted
            drain(url, args.drain_timeout)
            cpus[count] = meter.line(len(posted))
            rate, _ = answered_rate(stubs.calls(), before)
            rates[count] = rate / replies_per_message(url)
            if count == 2:  # the fixed load runs with 2 web + 2 workers
                fig.rate, fig.msg_rate = rate, rates[2]
                run_steady("PostgreSQL 2 web + 2 workers", url, port, stubs, words, rates[2],
                           args.seconds, 23, args, fig.lines, history, meter, PG_SECRET)
                fig.lines.append(f"  RSS: one paisano worker {rss_mb(running[0].pid):.0f} MB, "
                                 "gunicorn workers "
                                 f"{', '.join(f'{rss_mb(w):.0f}' for w in children(web.pid))}"
                                 " MB (target < 300)")
        fig.lines.insert(0, "PostgreSQL 2 web, answered msg/s by workers: " + ", ".join(
            f"{n} -> {r:.1f} ({r / chat:.3f} x chat)" for n, r in rates.items())
            + " (target with 2: >= 0.15)")
        for n, (count, line) in enumerate(cpus.items(), start=1):
            fig.lines.insert(n, f"{line} ({count} workers' burst)")
        for proc in running:
            stop_process(proc, signal.SIGINT)
    return fig


# --- main -----------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0,
                        help="fixed offered load duration (60)")
    parser.add_argument("--burst", type=float, default=8.0,
                        help="seconds of posting as fast as possible, per burst (8)")
    parser.add_argument("--people", type=int, default=300,
                        help="people per part (300; more in the fixed load if its rate needs)")
    parser.add_argument("--connections", type=int, default=8, help="burst connections (8)")
    parser.add_argument("--threads", type=int, default=8, help="fixed-load threads (8)")
    parser.add_argument("--chat-messages", type=int, default=3000)
    parser.add_argument("--server", default=os.environ.get("LOAD_POSTGRES_URL", SERVER),
                        help="PostgreSQL server for the throwaway database")
    parser.add_argument("--drain-timeout", type=float, default=120.0)
    parser.add_argument("--only", choices=("sqlite", "postgres"), default=None)
    args = parser.parse_args(argv)
    if not 0 < args.seconds <= 600 or not 0 < args.burst <= 120:
        parser.error("--seconds must be in (0, 600] and --burst in (0, 120]")
    if args.people < 2 * max(args.connections, args.threads):
        parser.error("need at least two people per thread")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Run every part and print the figures."""
    args = parse_args(argv)
    words = texts()
    chat = chat_rate(words, args.chat_messages)
    out = [f"paisano chat --jsonl: {chat:.0f} msg/s on the same {len(words)} dev-set texts "
           f"({os.cpu_count()} CPUs, shared)"]
    stubs = Stubs()
    try:
        parts = []
        if args.only in (None, "sqlite"):
            parts.append(sqlite_part(args, words, stubs, chat))
        if args.only in (None, "postgres"):
            parts.append(postgres_part(args, words, stubs, chat))
    finally:
        stubs.stop()
    for part in parts:
        out += part.lines
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
