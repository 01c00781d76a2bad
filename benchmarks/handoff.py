"""How long until a person's message shows in the console's live feed, with 50 waiting.

Serves the real app with waitress on 127.0.0.1 (a throwaway SQLite file unless
``--db URL``), puts 50 web chat conversations in the queue, logs an agent in, and polls
``GET /console/api/feed`` every 1.2 s exactly as the console's queue.js does. Each sample: a
waiting person writes (``POST /webchat/messages``); the latency is the time from sending to
the first feed response that shows their new message (``last_in_id`` grew). Also prints how
long one feed request takes with the queue full (the server's share of the delay).

    python benchmarks/handoff.py [--waiting 50] [--samples 60] [--poll-ms 1200]
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import random
import re
import secrets
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any, cast

from waitress import create_server, wasyncore

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot import agents  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.runtime import Helpline  # noqa: E402
from webhooks.app import create_app  # noqa: E402

PASSWORD = secrets.token_urlsafe(16)  # a fresh throwaway agent each run


class Browser:
    """One cookie jar: a person's web chat or an agent's console."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self.csrf = ""

    def get(self, path: str) -> tuple[int, bytes]:
        """GET ``path``."""
        with self.opener.open(self.base + path, timeout=30) as res:
            return res.status, res.read()

    def post(self, path: str, body: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
        """POST ``body`` to ``path``."""
        req = urllib.request.Request(  # noqa: S310 - always http://127.0.0.1
            self.base + path, data=body, headers=headers, method="POST")
        with self.opener.open(req, timeout=30) as res:
            return res.status, res.read()

    def token_from(self, path: str) -> str:
        """Read the CSRF token from a page's meta tag."""
        _, html = self.get(path)
        found = re.search(rb'name="csrf-token" content="([^"]+)"', html)
        assert found is not None, path
        self.csrf = found.group(1).decode()
        return self.csrf

    def say(self, text: str) -> dict[str, Any]:
        """A web chat message."""
        _, body = self.post("/webchat/messages", json.dumps({"text": text}).encode(),
                            {"Content-Type": "application/json", "X-CSRF-Token": self.csrf})
        return cast(dict[str, Any], json.loads(body))


def pct(values: list[float], q: float) -> float:
    """The ``q`` quantile (0..1) by nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


class Feed(threading.Thread):
    """Polls the feed like queue.js: one request, then wait ``poll_s``, again."""

    def __init__(self, agent: Browser, poll_s: float) -> None:
        super().__init__(daemon=True)
        self.agent, self.poll_s = agent, poll_s
        self.cond = threading.Condition()
        self.last: dict[int, int] = {}
        self.seen_at = 0.0
        self.request_times: list[float] = []
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            t0 = time.perf_counter()
            _, body = self.agent.get("/console/api/feed")
            t1 = time.perf_counter()
            data = json.loads(body)
            with self.cond:
                self.request_times.append(t1 - t0)
                self.last = {r["id"]: r["last_in_id"] or 0 for r in data["waiting"]}
                self.seen_at = t1
                self.cond.notify_all()
            self.stop.wait(self.poll_s)

    def wait_for(self, conv_id: int, above: int, timeout: float = 30) -> float:
        """The time of the first poll that shows a message newer than ``above``."""
        deadline = time.perf_counter() + timeout
        with self.cond:
            while self.last.get(conv_id, 0) <= above:
                if not self.cond.wait(deadline - time.perf_counter()):
                    raise TimeoutError(f"conversation {conv_id} never updated")
            return self.seen_at


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--waiting", type=int, default=50)
    parser.add_argument("--samples", type=int, default=60)
    parser.add_argument("--poll-ms", type=int, default=1200)
    parser.add_argument("--db", default="")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or f"sqlite:///{Path(tmp) / 'bench.db'}"
        # Every simulated person shares 127.0.0.1: lift the per-address web chat limits
        # (benchmarks/abuse.py measures those).
        settings = Settings(database_url=url, secret_key=secrets.token_hex(16),
                            webchat_new_per_hour=100_000, handoffs_per_hour=100_000)
        helpline = Helpline.build(settings, senders={})
        app = create_app({"SETTINGS": settings, "HELPLINE": helpline})
        with helpline.sessions() as s:
            agents.create_agent(s, "bench", PASSWORD, "agent")
            s.commit()
        server: Any = create_server(app, host="127.0.0.1", port=0, threads=8)
        loop = threading.Thread(target=server.run, daemon=True)
        loop.start()
        base = f"http://127.0.0.1:{server.effective_port}"
        try:
            run(base, args)
        finally:
            server.trigger.pull_trigger(lambda: wasyncore.close_all(server._map))
            loop.join(10)
            server.task_dispatcher.shutdown()
            helpline.close()


def run(base: str, args: argparse.Namespace) -> None:
    """The measurement itself, against a running server at ``base``."""
    people = []
    for _ in range(args.waiting):
        person = Browser(base)
        person.token_from("/")
        out = person.say("quiero hablar con una persona")
        assert out["handoff"], out
        people.append(person)
    agent = Browser(base)
    token = agent.token_from("/console/login")
    form = urllib.parse.urlencode({"name": "bench", "password": PASSWORD, "csrf_token": token})
    agent.post("/console/login", form.encode(),
               {"Content-Type": "application/x-www-form-urlencoded"})
    _, body = agent.get("/console/api/feed")
    rows = json.loads(body)["waiting"]
    assert len(rows) == args.waiting, len(rows)
    # Map each person to their conversation: rows are oldest first, people were added in order.
    conv_ids = [r["id"] for r in rows]

    feed = Feed(agent, args.poll_ms / 1000)
    feed.start()
    rng = random.Random(7)
    latencies, posts = [], []
    for n in range(args.samples):
        i = rng.randrange(len(people))
        with feed.cond:
            before = feed.last.get(conv_ids[i], 0)
        time.sleep(rng.uniform(0, args.poll_ms / 1000))  # random phase against the poll
        t0 = time.perf_counter()
        people[i].say(f"sigo esperando ({n})")
        posts.append(time.perf_counter() - t0)
        latencies.append(feed.wait_for(conv_ids[i], before) - t0)
    feed.stop.set()
    feed.join(10)

    ms = [x * 1000 for x in latencies]
    feed_ms = [x * 1000 for x in feed.request_times]
    post_ms = [x * 1000 for x in posts]
    print(f"handoff live feed: {args.waiting} conversations waiting, {args.samples} messages, "
          f"console polls every {args.poll_ms} ms")
    print(f"  message -> visible in console feed: p50 {pct(ms, .5):.0f} ms  "
          f"p99 {pct(ms, .99):.0f} ms  max {max(ms):.0f} ms  mean {statistics.mean(ms):.0f} ms")
    print(f"  one feed request (server + client): p50 {pct(feed_ms, .5):.1f} ms  "
          f"p99 {pct(feed_ms, .99):.1f} ms  ({len(feed_ms)} requests)")
    print(f"  person's POST /webchat/messages:    p50 {pct(post_ms, .5):.1f} ms  "
          f"p99 {pct(post_ms, .99):.1f} ms")


if __name__ == "__main__":
    main()
