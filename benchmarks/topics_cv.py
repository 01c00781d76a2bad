"""Cross-writer check of topics: leave each topic writer out of training in turn.

Run from the project root::

    .venv/bin/python benchmarks/topics_cv.py [--set KEY=V1,V2 ...] [--threshold T,...] [--seen]

Four writers wrote first messages of one or two topics the catalog had never seen (issues 11s,
11v, 11aa, 11ai); each writer's lines were split 70/30 by a hash of the text: the one-topic lines
of the 70% train the matcher (``content/examples/topics{6,7,8,10}.jsonl``), the 30% is the
writer's dev set (``tests/data/devset{6,7,8,10}.jsonl``). Of two more writers no line trains
(devset5, issue 11p: paraphrases without the topic's key word; devset9, issue 11ad: its 70% was
only read for kinds of phrasing): they are read with the last cut, nothing to leave out. For
each writer in turn the matcher is trained without that writer's training lines and reads the
writer's dev set: the matcher alone (no danger review, no composition), its top-1 intent
against the line's first label ("topics first"; of a two-topic line also against either
label). Lines whose first label is a priority intent (an emergency, a crossing or fraud
warning) are counted apart ("safety").

``--set KEY=V1,V2`` retrains for each value of a ``matcher:`` setting (``c``, ``learner``,
``outside_weight``, ``augment``, ...; numbers are read as floats), the grid of every ``--set``
given; by default the settings' own. ``--threshold`` reads each model again at each threshold
(default: the settings' one). ``--seen`` also reads every dev set with the writers' lines left
in training, for comparison. Beside the matcher alone, each cut catalog's engine answers the
writer's dev set as ``benchmarks/answers.py`` counts it (``bot.evaluation.first_answers``: the
first part of the composed answer, every part, emergencies). Aggregate counts only: no message
is printed.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.config import Settings  # noqa: E402
from bot.content import Catalog, load_catalog  # noqa: E402
from bot.engine import PRIORITY, ConversationEngine, build_matcher  # noqa: E402
from bot.evaluation import first_answers  # noqa: E402
from intents.matcher import Matcher  # noqa: E402

# writer: (training file, dev set); None: no line of the writer trains (read with the cut of the
# writer before, which holds none of them either)
WRITERS: dict[str, tuple[str | None, str]] = {
    "writer 6 (issue 11s)": ("topics6.jsonl", "devset6.jsonl"),
    "writer 7 (issue 11v)": ("topics7.jsonl", "devset7.jsonl"),
    "writer 8 (issue 11aa)": ("topics8.jsonl", "devset8.jsonl"),
    "writer 10 (issue 11ai)": ("topics10.jsonl", "devset10.jsonl"),
    "writer 5 (issue 11p)": (None, "devset5.jsonl"),
    "writer 9 (issue 11ad)": (None, "devset9.jsonl"),
}


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def _rows(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def _value(raw: str) -> object:
    try:
        return float(raw)
    except ValueError:
        return raw


def _sets(args: list[str]) -> list[dict[str, object]]:
    """The grid of every ``--set KEY=V1,V2`` (removed from ``args``); ``[{}]`` without one."""
    axes: list[list[tuple[str, object]]] = []
    while "--set" in args:
        at = args.index("--set")
        key, _, values = args[at + 1].partition("=")
        axes.append([(key, _value(v)) for v in values.split(",")])
        del args[at : at + 2]
    return [dict(combo) for combo in itertools.product(*axes)]


def without(catalog: Catalog, train: str | None, settings: dict[str, object]) -> Catalog:
    """``catalog`` without the examples of ``content/examples/<train>`` (none left out: None),
    with ``settings`` laid over its ``matcher:`` settings."""
    keys = set()
    if train is not None:
        keys = {_key(str(r["text"])) for r in _rows(ROOT / "content" / "examples" / train)}
    extra = tuple(e for e in catalog.extra if _key(e[2]) not in keys)
    tuned = {**catalog.settings.get("matcher", {}), **settings}
    return dataclasses.replace(catalog, extra=extra,
                               settings={**catalog.settings, "matcher": tuned})


#: The figures of :func:`score`, in order.
FIGURES = ("one topic", "two topics, first", "two topics, either", "safety")


def score(matcher: Matcher, rows: Sequence[dict[str, object]],
          threshold: float | None = None) -> list[tuple[int, int]]:
    """``(right, lines)`` of each of :data:`FIGURES`: the top-1 intent against the first label
    of a one-topic line, of a two-topic line, against either label of a two-topic line, and
    against the first label of a line whose first label is a priority intent (emergency,
    crossing or fraud warning; counted there only)."""
    counts = [[0, 0] for _ in FIGURES]
    for r in rows:
        labels = r.get("intents")
        if not isinstance(labels, list) or not labels:
            continue
        got = matcher.match(str(r["text"]), threshold=threshold).intent
        if labels[0] in PRIORITY:
            counts[3][0] += got == labels[0]
            counts[3][1] += 1
        elif len(labels) == 1:
            counts[0][0] += got == labels[0]
            counts[0][1] += 1
        else:
            counts[1][0] += got == labels[0]
            counts[2][0] += got in labels
            counts[1][1] += 1
            counts[2][1] += 1
    return [(a, b) for a, b in counts]


def _add(total: list[tuple[int, int]], got: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return [(a + c, b + d) for (a, b), (c, d) in zip(total, got, strict=True)]


def _show(figures: list[tuple[int, int]]) -> str:
    first = (figures[0][0] + figures[1][0], figures[0][1] + figures[1][1])
    known = (figures[0][0] + figures[2][0], figures[0][1] + figures[2][1])
    parts = [f"topics first {first[0]}/{first[1]} ({first[0] / max(1, first[1]):.3f})",
             f"a topic of the line {known[0]}/{known[1]} ({known[0] / max(1, known[1]):.3f})"]
    parts += [f"{name} {a}/{b}" for name, (a, b) in zip(FIGURES, figures, strict=True)]
    return ", ".join(parts)


def engine_figures(catalog: Catalog, matcher: Matcher,
                   rows: Sequence[dict[str, object]]) -> list[tuple[int, int]]:
    """The engine's first answers (``bot.evaluation.first_answers``, as
    ``benchmarks/answers.py`` counts them, rows that are training phrases left out): in-scope
    first part right, every part right, emergencies with an urgent case, no urgent case
    without an emergency."""
    engine = ConversationEngine(catalog, Settings.from_env({}), matcher=matcher)
    kept = [r for r in rows if not catalog.knows_phrase(str(r["text"]))]
    f = first_answers(engine, kept)
    return [f.in_scope_top1, f.all_parts, f.emergency_urgent, f.false_emergencies]


def _show_engine(figures: list[tuple[int, int]]) -> str:
    names = ("in scope first part", "every part", "emergencies", "no false urgent")
    return "engine: " + ", ".join(f"{n} {a}/{b}"
                                  for n, (a, b) in zip(names, figures, strict=True))


def main(argv: list[str] | None = None) -> int:
    """Print each writer's figures, left out of training, for each setting and threshold."""
    args = list(sys.argv[1:] if argv is None else argv)
    grid = _sets(args)
    seen = "--seen" in args
    thresholds: list[float | None] = [None]
    if "--threshold" in args:
        at = args.index("--threshold")
        thresholds = [float(v) for v in args[at + 1].split(",")]
    catalog = load_catalog()
    devs = {w: _rows(ROOT / "tests" / "data" / dev) for w, (_, dev) in WRITERS.items()}
    for settings in grid:
        name = settings or "settings"
        totals = {t: [(0, 0)] * len(FIGURES) for t in thresholds}
        engine_total = [(0, 0)] * 4
        seconds = 0.0
        builds = 0
        for writer, (train, _dev) in WRITERS.items():
            if train is not None:
                start = time.perf_counter()
                cut = without(catalog, train, settings)
                matcher = build_matcher(cut)
                seconds += time.perf_counter() - start
                builds += 1
            got_engine = engine_figures(cut, matcher, devs[writer])
            engine_total = _add(engine_total, got_engine)
            print(f"{writer} {name}: {_show_engine(got_engine)}", flush=True)
            for t in thresholds:
                got = score(matcher, devs[writer], t)
                totals[t] = _add(totals[t], got)
                print(f"{writer} {name} threshold {t}: {_show(got)}", flush=True)
        print(f"LEFT OUT {name}: {_show_engine(engine_total)}", flush=True)
        for t, figures in totals.items():
            print(f"LEFT OUT {name} threshold {t}: {_show(figures)}; "
                  f"build {seconds / builds:.1f} s", flush=True)
        if seen:
            whole = without(catalog, None, settings)
            matcher = build_matcher(whole)
            engine_total = [(0, 0)] * 4
            for rows in devs.values():
                engine_total = _add(engine_total, engine_figures(whole, matcher, rows))
            print(f"SEEN {name}: {_show_engine(engine_total)}", flush=True)
            for t in thresholds:
                figures = [(0, 0)] * len(FIGURES)
                for rows in devs.values():
                    figures = _add(figures, score(matcher, rows, t))
                print(f"SEEN {name} threshold {t}: {_show(figures)}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
