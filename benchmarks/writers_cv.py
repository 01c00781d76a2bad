"""Cross-writer check of out-of-scope rejection: leave each contrast writer out of training.

Run from the project root (a git checkout: the first two writers' near misses are found by
the commits that added them)::

    .venv/bin/python benchmarks/writers_cv.py [--weight W,...] [--c C,...] [SHARE ...]

Six writers wrote near misses out of scope, requests the chat cannot do and in-scope lines
in the same words (issues 11n, 11r, 11w, 11z, 11ae, 11aj; of the sixth, only the 23 training
lines main answered wrong train). For each writer in turn the matcher is trained
without that writer's training lines (``content/examples/contrast*.jsonl`` and, for the first
two, the near misses their commit put in ``content/examples/<lang>.jsonl``) and reads them
and the writer's dev set (``tests/data/devset{5,6,7,8,9,10}_contrast.jsonl``). It prints, for each
out-of-scope share (``Matcher.outside_share``: none, then 0.1 0.2 0.25 0.3 or those given),
how many of the writer's out-of-scope lines are rejected (no topic, or ``cannot_do``) and how
many in-scope lines get their topic: the matcher alone (no composition), so a choice made here
holds for a writer the catalog has not seen. ``--weight`` (the out-of-scope classes' weight in
training, ``matcher.outside_weight``) and ``--c`` (the SVM's C, ``matcher.c``) each take a comma
list and retrain for each value; by default the settings' own. Aggregate counts only: no
message is printed.
"""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.content import load_catalog  # noqa: E402
from bot.engine import build_matcher  # noqa: E402

NOT_A_TOPIC = frozenset({"out_of_scope", "cannot_do"})
# writer: (training files, commit that added its near misses to <lang>.jsonl, dev set)
WRITERS = {
    "writer 1 (issue 11n)": ("contrast.jsonl", "7072926", "devset5_contrast.jsonl"),
    "writer 2 (issue 11r)": ("contrast2.jsonl", "e62ad39", "devset6_contrast.jsonl"),
    "writer 3 (issue 11w)": ("contrast3.jsonl", None, "devset7_contrast.jsonl"),
    "writer 4 (issue 11z)": ("contrast4.jsonl", None, "devset8_contrast.jsonl"),
    "writer 5 (issue 11ae)": ("contrast5.jsonl", None, "devset9_contrast.jsonl"),
    "writer 6 (issue 11aj)": ("contrast6.jsonl", None, "devset10_contrast.jsonl"),
}


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def _rows(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def _added(commit: str) -> list[dict[str, object]]:
    """Example lines a commit added to ``content/examples/<lang>.jsonl``."""
    out = subprocess.run(
        ["git", "show", commit, "--", "content/examples/en.jsonl", "content/examples/es.jsonl",
         "content/examples/ht.jsonl"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout
    return [json.loads(line[1:]) for line in out.splitlines() if line.startswith("+{")]


def _floats(args: list[str], flag: str) -> list[float | None]:
    """The comma list after ``flag`` (removed from ``args``), or ``[None]``."""
    if flag not in args:
        return [None]
    at = args.index(flag)
    values = [float(v) for v in args[at + 1].split(",")]
    del args[at : at + 2]
    return list(values)


def main(argv: list[str] | None = None) -> int:
    """Print each writer's figures, left out of training, at each out-of-scope share."""
    args = list(sys.argv[1:] if argv is None else argv)
    weights = _floats(args, "--weight")
    cs = _floats(args, "--c")
    catalog = load_catalog()
    shares: list[float | None] = [None, *(float(a) for a in args or ("0.1", "0.2", "0.25", "0.3"))]
    grid = [(w, c) for w in weights for c in cs]
    totals = {(w, c, s): [0, 0, 0, 0] for w, c in grid for s in shares}
    for writer, (train, commit, dev) in WRITERS.items():
        held = _rows(ROOT / "content" / "examples" / train) + (_added(commit) if commit else [])
        keys = {_key(str(r["text"])) for r in held}
        extra = tuple(e for e in catalog.extra if _key(e[2]) not in keys)
        items = [(str(r["text"]), str(r["intent"])) for r in held]
        for r in _rows(ROOT / "tests" / "data" / dev):
            want = r.get("intents")
            first = want[0] if isinstance(want, list) and want else "out_of_scope"
            items.append((str(r["text"]), str(first)))
        for weight, c in grid:
            tuned = dict(catalog.settings.get("matcher", {}))
            if weight is not None:
                tuned["outside_weight"] = weight
            if c is not None:
                tuned["c"] = c
            cut = dataclasses.replace(catalog, extra=extra,
                                      settings={**catalog.settings, "matcher": tuned})
            line = f"{writer} (weight {weight}, C {c}):"
            matcher = build_matcher(cut)
            for share in shares:
                matcher.outside_share = share
                ok_out = n_out = ok_in = n_in = 0
                for text, gold in items:
                    got = matcher.match(text).intent
                    if gold in NOT_A_TOPIC:
                        n_out += 1
                        ok_out += got is None or got in NOT_A_TOPIC
                    else:
                        n_in += 1
                        ok_in += got == gold
                for i, v in enumerate((ok_out, n_out, ok_in, n_in)):
                    totals[weight, c, share][i] += v
                line += f"  [{share}] out {ok_out}/{n_out} in {ok_in}/{n_in}"
            print(line, flush=True)
    for (weight, c, share), (ok_out, n_out, ok_in, n_in) in totals.items():
        print(f"weight {weight} C {c} share {share}: out of scope rejected {ok_out}/{n_out} "
              f"({ok_out / n_out:.3f}), in scope {ok_in}/{n_in} ({ok_in / n_in:.3f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
