"""Split a writer's labelled first messages: a share trains the alarm model, the rest is a dev set.

Run from the project root::

    .venv/bin/python benchmarks/split_writer.py IN.jsonl ALARM.jsonl DEV.jsonl [--train 0.7]

``IN`` has one ``{"text", "lang", "intents"}`` per line. A line goes to the training side
when the first 8 hex digits of the SHA-256 of its text, as a number, fall in the first
``--train`` share of their range: the split depends on the text alone (not on the order of the
file, nor on a random seed), so it is the same on every machine and on every run. Training
lines are written as the alarm model's ``{"alarm", "lang", "text"}`` (``alarm``: "emergency"
is among the intents, see ``bot.content._load_alarm``); the others are copied as they are.
Counts only are printed, never a message.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

__all__ = ["in_training", "main"]

_SPAN = 16**8


def in_training(text: str, share: float) -> bool:
    """Whether ``text`` falls on the training side of a ``share`` split by its SHA-256."""
    return int(hashlib.sha256(text.encode("utf-8")).hexdigest()[:8], 16) < share * _SPAN


def main(argv: list[str] | None = None) -> int:
    """Split the file named first into the alarm file and the dev set named after it."""
    args = sys.argv[1:] if argv is None else argv
    share = 0.7
    if "--train" in args:
        at = args.index("--train")
        share = float(args[at + 1])
        args = args[:at] + args[at + 2:]
    if len(args) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    source, alarm_out, dev_out = (Path(a) for a in args)
    rows = [json.loads(line) for line in source.read_text("utf-8").splitlines() if line.strip()]
    seen: set[str] = set()
    train, dev = [], []
    for row in rows:
        text = str(row["text"]).strip()
        if not text or text in seen:  # a repeated line would sit on both sides' counts
            continue
        seen.add(text)
        intents = list(row.get("intents") or [])
        if in_training(text, share):
            train.append({"alarm": "emergency" in intents, "lang": row["lang"], "text": text})
        else:
            dev.append(row)
    alarm_out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in train), "utf-8")
    dev_out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in dev), "utf-8")
    alarms = sum(r["alarm"] for r in train)
    print(f"{len(rows)} lines: {len(train)} train the alarm model ({alarms} emergencies), "
          f"{len(dev)} kept as a dev set "
          f"({sum('emergency' in (r.get('intents') or []) for r in dev)} emergencies)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
