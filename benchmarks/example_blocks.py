"""Leave one block of blind-written training examples out, train on the rest, match that block.

Run from the project root (about 10 s a setting on 2 cores)::

    .venv/bin/python benchmarks/example_blocks.py [--learner svm|sgd|stacked] [--c 1.0]
        [--temperature 5.0] [--thresholds 0.2,0.35,0.5] [--without COMMIT] [--block COMMIT ...]

Each block is the examples one commit added to ``content/examples/`` (read with ``git show``):
by default examples 1 (``b58f42d``), 2 (``edb39ba``), 3 (issue 11i) and 4 (issue 11k), each
written from the brief alone by writers who never saw the catalog. Held out one at a time, a
block is a blind set of about a thousand lines in the writers' own words, ten times the size
of a dev set's out-of-scope part, for choices of the matcher (learner, regularisation, temperature,
threshold) that the dev sets are too small or too tuned to tell apart. ``--without`` leaves a
block out of every training run too, to measure what that block adds to the others.

Matcher figures only (``Matcher.match`` with the engine's triggers, priority rule and
out-of-scope class; not the composed answer): in-scope top-1 (the block's label, never
``None``), out-of-scope rejected (``intent`` is None) and emergencies found, per block and in
total, at each threshold. Aggregate counts only; no text is printed.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.content import fold, load_catalog  # noqa: E402
from bot.engine import PRIORITY, PRIORITY_RULE, REAL_WORD_LANGUAGES, real_words  # noqa: E402
from intents import Matcher  # noqa: E402
from intents.linear import DEFAULT_C, DEFAULT_TEMPERATURE, LEARNERS  # noqa: E402
from intents.spelling import common_words  # noqa: E402

#: The commits that added blind-written examples: examples 1, 2, 3 (issue 11i) and 4 (11k).
BLOCKS = ("b58f42d", "edb39ba", "7fb2ab6", "71dfe52")
OUT = "out_of_scope"


def block_rows(commit: str) -> list[dict[str, str]]:
    """The example lines ``commit`` added to ``content/examples/``."""
    diff = subprocess.run(
        ["git", "show", "--format=", commit, "--", "content/examples"],
        cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout
    return [json.loads(line[1:]) for line in diff.splitlines() if line.startswith("+{")]


def main(argv: list[str] | None = None) -> int:
    """Print each block's figures when it is left out of training."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--learner", choices=LEARNERS, default="svm")
    parser.add_argument("--c", type=float, default=DEFAULT_C)
    parser.add_argument("--temperature", type=float, default=None)
    parser.add_argument("--thresholds", default="0.2,0.35,0.5")
    parser.add_argument("--block", action="append", help="a commit (default: examples 1-3)")
    parser.add_argument("--real-word-zipf", type=float, default=None,
                        help="spelling repair leaves words this common alone (default: settings; "
                        "0: repair them too)")
    parser.add_argument("--without", action="append", default=[],
                        help="a commit whose examples no run trains on")
    args = parser.parse_args(argv)
    catalog = load_catalog()
    settings = catalog.settings.get("matcher", {})
    temperature = args.temperature or settings.get("temperature", DEFAULT_TEMPERATURE)
    thresholds = [float(t) for t in args.thresholds.split(",")]
    pairs = [(intent, text) for intent, _lang, text in catalog.examples()]
    if args.real_word_zipf is None:
        keep = real_words(catalog)
    elif args.real_word_zipf > 0:
        keep = common_words(REAL_WORD_LANGUAGES, args.real_word_zipf)
    else:
        keep = frozenset()
    never = {fold(r["text"]) for commit in args.without for r in block_rows(commit)}
    # Per block: (label, intent at threshold 0, score, source) of every line.
    results: dict[str, list[tuple[str, str | None, float, str]]] = {}
    cpu = 0.0
    for commit in args.block or BLOCKS:
        rows = block_rows(commit)
        held = {fold(r["text"]) for r in rows} | never
        start = time.process_time()
        matcher = Matcher.from_examples(
            [(i, t) for i, t in pairs if fold(t) not in held], threshold=0.0,
            temperature=temperature, c=args.c, learner=args.learner,
            triggers=catalog.triggers(), priority=PRIORITY, priority_rule=PRIORITY_RULE,
            outside=catalog.outside(), real_words=keep,
        )
        cpu += time.process_time() - start
        results[commit] = [
            (r["intent"], m.intent, m.score, m.source)
            for r in rows for m in (matcher.match(r["text"], threshold=0.0),)
        ]
    print(f"# learner {args.learner}, C {args.c}, temperature {temperature}, real words "
          f"{len(keep)}; build "
          f"{cpu / len(results):.1f} s CPU a block; without {args.without or 'nothing'}")
    for threshold in thresholds:
        total = [0] * 6
        cells = []
        for commit, found in results.items():
            counts = [0] * 6  # in-scope right, in scope, out rejected, out, emergencies found, all
            for want, got, score, source in found:
                if source == "classifier" and score < threshold:
                    got = None
                if want == OUT:
                    counts[2] += got is None
                    counts[3] += 1
                else:
                    counts[0] += got == want
                    counts[1] += 1
                if want == "emergency":
                    counts[4] += got == "emergency"
                    counts[5] += 1
            total = [a + b for a, b in zip(total, counts, strict=True)]
            cells.append(f"{commit[:7]} in {counts[0]}/{counts[1]} out {counts[2]}/{counts[3]} "
                         f"em {counts[4]}/{counts[5]}")
        print(f"threshold {threshold:.2f}: in-scope top-1 {total[0] / total[1]:.4f}, out of scope "
              f"rejected {total[2] / max(total[3], 1):.4f}, emergencies {total[4]}/{total[5]} | "
              + " | ".join(cells))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
