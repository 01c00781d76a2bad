"""CPU time the worker spends answering one stored message (no sends), a figure that a busy
shared machine disturbs far less than a rate: the process's CPU seconds, not the wall clock.

Stores ``--messages`` Telegram updates from 300 people (dev-set texts) in the inbox of a
fresh database, then times ``Worker.answer_inbox`` until it is empty. ``--profile`` prints
the functions of ``bot`` and ``intents`` that took the most (cProfile, cumulative).

    .venv/bin/python benchmarks/worker_cpu.py [--messages 1500] [--db URL] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import json
import logging
import pstats
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from bot.config import Settings  # noqa: E402
from bot.messages import Inbound  # noqa: E402
from bot.runtime import Helpline  # noqa: E402


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=1500)
    parser.add_argument("--db", default=None,
                        help="an empty, upgraded database (default: a new SQLite file)")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    logging.disable(logging.INFO)
    with tempfile.TemporaryDirectory(prefix="paisano-worker-cpu-") as folder:
        url = args.db or f"sqlite:///{folder}/bench.db"
        settings = Settings(database_url=url, secret_key="bench")  # noqa: S106 - throwaway
        helpline = Helpline.build(settings, senders={})
        try:
            run(helpline, args.messages, args.profile)
        finally:
            helpline.close()


def run(helpline: Helpline, messages: int, profile: bool) -> None:
    """Fill the inbox, answer it, print CPU ms a message."""
    with open(ROOT / "tests" / "data" / "devset.jsonl", encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh if line.strip()]
    rng = random.Random(3)
    people = [str(10**9 + rng.randrange(10**9)) for _ in range(300)]
    for n in range(messages):
        helpline.pipeline.accept([Inbound("telegram", people[n % 300], rng.choice(texts),
                                          external_id=f"bench-{n}")])
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


if __name__ == "__main__":
    main()
