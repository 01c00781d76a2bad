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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", type=int, default=5000)
    parser.add_argument("--db", default=None, help="SQLAlchemy URL (default: in memory)")
    args = parser.parse_args()
    with open(ROOT / "tests" / "data" / "devset.jsonl", encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh if line.strip()]
    rng = random.Random(7)
    lines = "".join(
        json.dumps({"from": f"p{i % 200}", "text": rng.choice(texts)}) + "\n"
        for i in range(args.messages)
    )
    cmd = [sys.executable, "-m", "bot", "chat", "--jsonl"]
    if args.db:
        cmd += ["--db", args.db]
    # The whole input is written at once; the rate is timed from the first answer to the
    # last, so start-up (loading content, training the matcher) is not in it.
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                            cwd=ROOT)
    assert proc.stdin is not None and proc.stdout is not None
    feeder = threading.Thread(target=lambda: (proc.stdin.write(lines), proc.stdin.close()))
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
    startup = first - started
    stream = last - first
    reference = min(timeit.repeat("sum(range(1000))", number=1000, repeat=5)) * 1e3
    rate = (answered - 1) / max(stream, 1e-9)
    print(f"messages answered        {answered} of {args.messages}")
    print(f"start-up (to 1st answer) {startup:.2f} s")
    print(f"messages per second      {rate:.0f} (first to last answer {stream:.2f} s)")
    print(f"machine reference        sum(range(1000)) = {reference:.1f} µs (about 8 µs when idle)")


if __name__ == "__main__":
    main()
