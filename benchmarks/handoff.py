"""How long until a person's message shows in the console's live feed, with 50 waiting.

Serves the real app with waitress on 127.0.0.1 (a throwaway SQLite file unless
``--db URL``), puts 50 web chat conversations in the queue, logs 10 agents in, and each
polls ``GET /console/api/feed`` every 600 ms exactly as the console's queue.js and live.js
do (with ``If-None-Match``: an unchanged feed is an empty 304). Each sample: a waiting
person writes (``POST /webchat/messages``); the latency is the time from sending to the
first feed response of each agent that shows the conversation's unread count grown and
the new message as its preview (issue 15: target p99 < 1 s). Also prints how long one
feed request takes with the queue full, changed (200) and unchanged (304).

    python benchmarks/handoff.py [--waiting 50] [--agents 10] [--samples 60] [--poll-ms 600]
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
import urllib.error
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

    def get(self, path: str, headers: dict[str, str] | None = None) -> tuple[int, bytes, str]:
        """GET ``path``: status, body and ETag (a 304 is an answer, not an error)."""
        req = urllib.request.Request(self.base + path, headers=headers or {})  # noqa: S310
        try:
            with self.opener.open(req, timeout=30) as res:
                return res.status, res.read(), res.headers.get("ETag", "")
        except urllib.error.HTTPError as exc:
            if exc.code != 304:
                raise
            return 304, b"", exc.headers.get("ETag", "")

    def post(self, path: str, body: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
        """POST ``body`` to ``path``."""
        req = urllib.request.Request(  # noqa: S310 - always http://127.0.0.1
            self.base + path, data=body, headers=headers, method="POST")
        with self.opener.open(req, timeout=30) as res:
            return res.status, res.read()

    def token_from(self, path: str) -> str:
        """Read the CSRF token from a page's meta tag."""
        _, html, _ = self.get(path)
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


Row = tuple[int, str]  # unread count, preview


class Feed(threading.Thread):
    """Polls the feed like queue.js with live.js: one request (If-None-Match the last
    ETag), then wait ``poll_s``, again."""

    def __init__(self, agent: Browser, poll_s: float) -> None:
        super().__init__(daemon=True)
        self.agent, self.poll_s = agent, poll_s
        self.cond = threading.Condition()
        self.last: dict[int, Row] = {}
        self.seen_at = 0.0
        self.changed_times: list[float] = []
        self.unchanged_times: list[float] = []
        self.stop = threading.Event()

    def run(self) -> None:
        etag = ""
        time.sleep(random.uniform(0, self.poll_s))  # noqa: S311 - agents out of step
        while not self.stop.is_set():
            t0 = time.perf_counter()
            status, body, tag = self.agent.get(
                "/console/api/feed", {"If-None-Match": etag} if etag else {})
            t1 = time.perf_counter()
            with self.cond:
                if status == 304:
                    self.unchanged_times.append(t1 - t0)
                else:
                    self.changed_times.append(t1 - t0)
                    etag = tag
                    self.last = {r["id"]: (r["unread"], r["preview"])
                                 for r in json.loads(body)["waiting"]}
                self.seen_at = t1
                self.cond.notify_all()
            self.stop.wait(self.poll_s)

    def wait_for(self, conv_id: int, above: int, text: str, timeout: float = 30) -> float:
        """The time of the first poll that shows more than ``above`` unread and ``text``."""
        deadline = time.perf_counter() + timeout
        with self.cond:
            while not (self.last.get(conv_id, (0, ""))[0] > above
                       and self.last[conv_id][1] == text):
                if not self.cond.wait(deadline - time.perf_counter()):
                    raise TimeoutError(f"conversation {conv_id} never updated: "
                                       f"{self.last.get(conv_id)} {above} {text}")
            return self.seen_at


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--waiting", type=int, default=50)
    parser.add_argument("--agents", type=int, default=10)
    parser.add_argument("--samples", type=int, default=60)
    parser.add_argument("--poll-ms", type=int, default=600)  # bot.console.views.POLL_MS
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
            for n in range(args.agents):
                agents.create_agent(s, f"bench{n}", PASSWORD, "agent")
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
    feeds = []
    for n in range(args.agents):
        agent = Browser(base)
        token = agent.token_from("/console/login")
        form = urllib.parse.urlencode({"name": f"bench{n}", "password": PASSWORD,
                                       "csrf_token": token})
        agent.post("/console/login", form.encode(),
                   {"Content-Type": "application/x-www-form-urlencoded"})
        feeds.append(Feed(agent, args.poll_ms / 1000))
    _, body, _ = feeds[0].agent.get("/console/api/feed")
    rows = json.loads(body)["waiting"]
    assert len(rows) == args.waiting, len(rows)
    # Map each person to their conversation: rows are oldest first, people were added in order.
    conv_ids = [r["id"] for r in rows]

    for feed in feeds:
        feed.start()
    time.sleep(2 * args.poll_ms / 1000)  # every agent has a first copy
    rng = random.Random(7)
    latencies: list[float] = []
    posts = []
    for n in range(args.samples):
        i = rng.randrange(len(people))
        before = []
        for feed in feeds:
            with feed.cond:
                before.append(feed.last.get(conv_ids[i], (0, ""))[0])
        time.sleep(rng.uniform(0, args.poll_ms / 1000))  # random phase against the polls
        text = f"sigo esperando ({n})"
        t0 = time.perf_counter()
        people[i].say(text)
        posts.append(time.perf_counter() - t0)
        latencies += [feed.wait_for(conv_ids[i], was, text) - t0
                      for feed, was in zip(feeds, before, strict=True)]
    for feed in feeds:
        feed.stop.set()
    for feed in feeds:
        feed.join(10)

    ms = [x * 1000 for x in latencies]
    changed = [x * 1000 for f in feeds for x in f.changed_times]
    unchanged = [x * 1000 for f in feeds for x in f.unchanged_times]
    post_ms = [x * 1000 for x in posts]
    print(f"handoff live feed: {args.waiting} conversations waiting, {args.agents} agents "
          f"polling every {args.poll_ms} ms, {args.samples} messages")
    print(f"  message -> unread + preview in each agent's feed: p50 {pct(ms, .5):.0f} ms  "
          f"p99 {pct(ms, .99):.0f} ms  max {max(ms):.0f} ms  mean {statistics.mean(ms):.0f} ms  "
          f"({len(ms)} agent-messages; target p99 < 1000 ms)")
    print(f"  feed request, changed (200):   p50 {pct(changed, .5):.1f} ms  "
          f"p99 {pct(changed, .99):.1f} ms  ({len(changed)} requests)")
    if unchanged:
        print(f"  feed request, unchanged (304): p50 {pct(unchanged, .5):.1f} ms  "
              f"p99 {pct(unchanged, .99):.1f} ms  ({len(unchanged)} requests)")
    print(f"  person's POST /webchat/messages:    p50 {pct(post_ms, .5):.1f} ms  "
          f"p99 {pct(post_ms, .99):.1f} ms")


if __name__ == "__main__":
    main()
