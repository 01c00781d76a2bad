"""CPU time the worker spends on one stored message, a figure that a busy shared machine
disturbs far less than a rate: the process's CPU seconds, not the wall clock.

Stores ``--messages`` updates from 300 people (dev-set texts) in the inbox of a fresh
database, then times the worker until it is done:

- by default ``Worker.answer_inbox`` until the inbox is empty (no sends; Telegram people);
- with ``--send``, the worker's own loop (``run_forever``) until every reply has reached the
  Telegram and Twilio stubs (``tests/stubs``, in a process of their own, whose CPU is printed
  apart): answering, leasing, sending through the real senders and recording. Half the
  people write on Telegram, half on WhatsApp.

``--profile`` prints the functions of ``bot`` and ``intents`` that took the most (cProfile,
cumulative; the send threads are not profiled).

    .venv/bin/python benchmarks/worker_cpu.py [--messages 1500] [--send] [--db URL] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import json
import logging
import os
import pstats
import random
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from bot.config import Settings  # noqa: E402
from bot.messages import Inbound  # noqa: E402
from bot.runtime import Helpline  # noqa: E402

WHATSAPP_NUMBER = "whatsapp:+15550001111"


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=1500)
    parser.add_argument("--db", default=None,
                        help="an empty, upgraded database (default: a new SQLite file)")
    parser.add_argument("--send", action="store_true",
                        help="run the whole loop, sends to the stubs included")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    logging.disable(logging.INFO)
    stubs = None
    if args.send:
        from benchmarks.pipeline import Stubs

        stubs = Stubs()
    with tempfile.TemporaryDirectory(prefix="paisano-worker-cpu-") as folder:
        url = args.db or f"sqlite:///{folder}/bench.db"
        env = stubs.env if stubs else {}
        settings = Settings(
            database_url=url, secret_key="bench",  # noqa: S106 - throwaway
            telegram_bot_token=env.get("TELEGRAM_BOT_TOKEN", ""),
            telegram_webhook_secret="bench-secret-0123456789" if stubs else "",  # noqa: S106
            telegram_api_base_url=env.get("TELEGRAM_API_BASE_URL", ""),
            twilio_account_sid=env.get("TWILIO_ACCOUNT_SID", ""),
            twilio_auth_token=env.get("TWILIO_AUTH_TOKEN", ""),
            twilio_api_base_url=env.get("TWILIO_API_BASE_URL", ""),
            twilio_whatsapp_number=WHATSAPP_NUMBER if stubs else "")
        helpline = Helpline.build(settings, senders=None if stubs else {})
        try:
            if stubs is None:
                answer(helpline, args.messages, args.profile)
            else:
                loop(helpline, stubs, args.messages, args.profile)
        finally:
            helpline.close()
            if stubs is not None:
                stubs.stop()


def fill(helpline: Helpline, messages: int, whatsapp: bool) -> None:
    """Store ``messages`` updates of 300 people in the inbox."""
    with open(ROOT / "tests" / "data" / "devset.jsonl", encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh if line.strip()]
    rng = random.Random(3)
    people = [("telegram", str(10**9 + rng.randrange(10**9))) for _ in range(300)]
    if whatsapp:
        people[1::2] = [("whatsapp", f"whatsapp:+52{10**9 + n}") for n in range(150)]
    for n in range(messages):
        channel, person = people[n % 300]
        helpline.pipeline.accept([Inbound(channel, person, rng.choice(texts),
                                          external_id=f"bench-{n}")])


def answer(helpline: Helpline, messages: int, profile: bool) -> None:
    """Fill the inbox, answer it, print CPU ms a message."""
    fill(helpline, messages, whatsapp=False)
    worker = helpline.worker
    assert worker is not None  # noqa: S101 - Helpline.build makes one
    profiler = cProfile.Profile()
    cpu, wall = time.process_time(), time.perf_counter()
    if profile:
        profiler.enable()
    answered = 0
    while answered < messages and (done := worker.answer_inbox(limit=messages)):
        answered += done
    profiler.disable()
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    print(f"answered {answered} of {messages}: {1000 * cpu / max(answered, 1):.2f} ms CPU a "
          f"message ({cpu:.1f} s CPU, {wall:.1f} s wall)")
    if profile:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(r"(bot|intents)/", 30)


def loop(helpline: Helpline, stubs: object, messages: int, profile: bool) -> None:
    """Fill the inbox, run the worker's loop until every reply reached the stubs; print CPU
    ms a message for the worker and for the stubs."""
    from benchmarks.load import work_left
    from benchmarks.pipeline import Stubs, rss_mb

    assert isinstance(stubs, Stubs)  # noqa: S101
    fill(helpline, messages, whatsapp=True)
    worker = helpline.worker
    assert worker is not None  # noqa: S101 - Helpline.build makes one
    url = helpline.settings.database_url
    sent_before = stubs.count()
    stubs_cpu = _cpu_seconds(stubs.proc.pid or 0)
    finished = threading.Event()
    profiler = cProfile.Profile()
    cpu, wall = time.process_time(), time.perf_counter()
    runner = threading.Thread(target=lambda: (profiler.runcall(worker.run_forever) if profile
                                              else worker.run_forever()))
    runner.start()
    while not finished.is_set():
        time.sleep(0.5)
        if not work_left(url):
            finished.set()
    worker.stop()
    runner.join()
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    sent = stubs.count() - sent_before
    stubs_cpu = _cpu_seconds(stubs.proc.pid or 0) - stubs_cpu
    print(f"answered {messages} and sent {sent} replies: worker {1000 * cpu / messages:.2f} ms "
          f"CPU a message ({cpu:.1f} s CPU, {wall:.1f} s wall, {messages / wall:.0f} msg/s); "
          f"stubs {1000 * stubs_cpu / messages:.2f} ms a message; worker RSS "
          f"{rss_mb(os.getpid()):.0f} MB")
    if profile:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(r"(bot|intents)/", 30)


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of process ``pid`` so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


if __name__ == "__main__":
    main()
