"""Throughput of ``paisano chat --jsonl`` including storage (SQLite in memory or --db URL).

Feeds N messages from 200 people (texts drawn from the dev set) through the real command
and prints messages per second, with a bare-Python reference loop measured in the same run
so figures from a noisy machine can be compared. The command works on two cores: a child
process reads and understands the lines (JSON, matcher, language) while the main one runs
the turns and stores them. Start-up (both processes loading the content and training the
matcher) is left out: the rate is timed from the first answer to the last.

    python benchmarks/chat.py [--messages 5000] [--db sqlite:////tmp/bench.db]
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import threading
import time
import timeit
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Stream:
    """One run of ``paisano chat --jsonl``: answers, start-up and first-to-last seconds."""

    answered: int
    startup: float
    seconds: float

    @property
    def rate(self) -> float:
        """Messages per second, first answer to last."""
        return (self.answered - 1) / max(self.seconds, 1e-9)


def run_chat(texts: Sequence[str], messages: int, db: str | None = None) -> Stream:
    """Feed ``messages`` lines from 200 people (texts drawn from ``texts``) to the command."""
    rng = random.Random(7)
    lines = "".join(
        json.dumps({"from": f"p{i % 200}", "text": rng.choice(texts)}) + "\n"
        for i in range(messages)
    )
    cmd = [sys.executable, "-m", "bot", "chat", "--jsonl"]
    if db:
        cmd += ["--db", db]
    # The whole input is written at once; the rate is timed from the first answer to the
    # last, so start-up (loading content, training the matcher) is not in it.
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                            cwd=ROOT)
    assert proc.stdin is not None and proc.stdout is not None  # noqa: S101
    stdin = proc.stdin
    feeder = threading.Thread(target=lambda: (stdin.write(lines), stdin.close()))
    feeder.start()
    answered, first, last = 0, 0.0, 0.0
    for line in proc.stdout:
        last = time.perf_counter()
        first = first or last
        answered += '"replies"' in line
    feeder.join()
    proc.stdout.close()
    if proc.wait() != 0:
        raise SystemExit(f"paisano chat exited with {proc.returncode}")
    return Stream(answered, first - started, last - first)


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", type=int, default=5000)
    parser.add_argument("--db", default=None, help="SQLAlchemy URL (default: in memory)")
    args = parser.parse_args()
    with open(ROOT / "tests" / "data" / "devset.jsonl", encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh if line.strip()]
    stream = run_chat(texts, args.messages, args.db)
    reference = min(timeit.repeat("sum(range(1000))", number=1000, repeat=5)) * 1e3
    print(f"messages answered        {stream.answered} of {args.messages}")
    print(f"start-up (to 1st answer) {stream.startup:.2f} s")
    print(f"messages per second      {stream.rate:.0f} (first to last answer "
          f"{stream.seconds:.2f} s)")
    print(f"machine reference        sum(range(1000)) = {reference:.1f} µs (about 8 µs when idle)")


if __name__ == "__main__":
    main()
