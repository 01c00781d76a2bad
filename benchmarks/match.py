"""Benchmark the intent matcher: speed on shipped and synthetic catalogs, accuracy on the dev set.

Run from the project root::

    /work/venv/bin/python benchmarks/match.py            # everything (about 1-2 minutes)
    /work/venv/bin/python benchmarks/match.py --quick    # skip the 20x synthetic catalog

Prints, with labels:

* build time, messages per second and p50/p99 latency of ``Matcher.match`` on the shipped
  catalog (``content/``: phrases and examples), the same for plain ``rapidfuzz.process.extractOne``
  (WRatio over every training phrase) and the ratio;
* the same on a synthetic catalog 20x larger (20x the intents, phrases built from the real
  vocabulary plus made-up words) and on a 150 intents x 100 phrases one;
* accuracy on ``tests/data/devset.jsonl`` (in-scope top-1, out-of-scope rejection, emergency
  recall) for the rapidfuzz 1-NN baseline and the matcher with and without spelling repair,
  at the default threshold and at the threshold calibrated on the dev set, plus the same
  calibrated threshold applied to ``tests/data/heldout.jsonl`` when present;
* language detection accuracy on the dev set.

The catalog is read with ``bot.content`` (phrases, the examples of ``content/examples``,
triggers); the ``intents`` library itself never reads files. Message texts are never printed.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from synthetic import synthetic_catalog, synthetic_queries  # noqa: E402

from bot.config import Settings  # noqa: E402
from bot.content import load_catalog as load_content  # noqa: E402
from bot.engine import PRIORITY, PRIORITY_RULE, ConversationEngine, real_words  # noqa: E402
from intents import LanguageDetector, Match, Matcher, calibrate_threshold  # noqa: E402
from intents.calibrate import SupportsMatch, decide  # noqa: E402
from intents.normalize import normalize  # noqa: E402

__all__ = ["Catalog", "RapidfuzzNN", "load_catalog", "main"]

OUTSIDE = ("out_of_scope",)
# Everyday words that are also crossing slang: see the "what if" row of the accuracy table.


@dataclass(frozen=True)
class Catalog:
    """Training material of the shipped content."""

    pairs: list[tuple[str, str]]
    triggers: dict[str, list[str]]
    languages: list[tuple[str, str]]
    #: Common words spelling repair leaves alone, as the engine builds them (issue 11l).
    real_words: frozenset[str] = frozenset()


def load_catalog(root: Path) -> Catalog:
    """The training material of ``root``'s content, as the engine reads it (``bot.content``:
    every phrase and example, and the trigger phrases)."""
    content = load_content(root / "content")
    examples = list(content.examples())
    return Catalog([(intent, text) for intent, _lang, text in examples], content.triggers(),
                   [(lang, text) for _intent, lang, text in examples], real_words(content))


def load_jsonl(path: Path) -> list[dict[str, str | None]]:
    """Rows of a labelled set ({"text", "intent", "lang"}), [] when the file is missing."""
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


class RapidfuzzNN:
    """Baseline: the intent of the most similar training phrase (WRatio), score = ratio / 100."""

    def __init__(self, pairs: Iterable[tuple[str, str]], threshold: float = 0.0) -> None:
        items = [(intent, normalize(text)) for intent, text in pairs]
        self.labels = [intent for intent, _ in items]
        self.choices = [text for _, text in items]
        self.threshold = threshold

    def match(self, text: str, *, threshold: float | None = None) -> Match:
        """Nearest phrase by ``fuzz.WRatio``."""
        limit = self.threshold if threshold is None else threshold
        best = process.extractOne(normalize(text), self.choices, scorer=fuzz.WRatio)
        if best is None:
            return Match(None, 0.0, reason="empty message")
        intent, score = self.labels[best[2]], best[1] / 100.0
        if score < limit:
            return Match(None, score, source="none", reason="below threshold")
        return Match(intent, score, source="classifier", reason="nearest phrase")


@dataclass(frozen=True)
class Speed:
    """Latency figures of one matcher on one query set."""

    build_s: float
    p50_ms: float
    p99_ms: float
    per_second: float
    cold_ms: float


def measure(
    build: Callable[[], SupportsMatch], texts: Sequence[str], *, repeat: int = 3
) -> tuple[SupportsMatch, Speed]:
    """Build once, then time ``match`` on every text: one cold pass, ``repeat`` warm ones."""
    start = time.perf_counter()
    matcher = build()
    build_s = time.perf_counter() - start
    start = time.perf_counter()
    for text in texts:
        matcher.match(text)
    cold_ms = (time.perf_counter() - start) / len(texts) * 1000
    latencies: list[float] = []
    for _ in range(repeat):
        for text in texts:
            t0 = time.perf_counter()
            matcher.match(text)
            latencies.append(time.perf_counter() - t0)
    latencies.sort()
    p50 = latencies[len(latencies) // 2] * 1000
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000
    per_second = len(latencies) / sum(latencies)
    return matcher, Speed(build_s, p50, p99, per_second, cold_ms)


def print_speed(label: str, speed: Speed) -> None:
    """One labelled line of speed figures."""
    print(
        f"  {label:34} build {speed.build_s:6.2f} s | {speed.per_second:8.0f} msg/s | "
        f"p50 {speed.p50_ms:7.3f} ms | p99 {speed.p99_ms:7.3f} ms | "
        f"cold pass {speed.cold_ms:.3f} ms/msg"
    )


def speed_section(
    title: str,
    pairs: list[tuple[str, str]],
    texts: Sequence[str],
    baseline_texts: Sequence[str],
    **kwargs: object,
) -> None:
    """Matcher vs extractOne on one catalog."""
    n_intents = len({intent for intent, _ in pairs})
    print(f"\n## {title}: {n_intents} intents, {len(pairs)} phrases, {len(texts)} queries")
    _, ours = measure(lambda: Matcher.from_examples(pairs, **kwargs), texts)  # type: ignore[arg-type]
    print_speed("Matcher.match", ours)
    _, base = measure(lambda: RapidfuzzNN(pairs), baseline_texts, repeat=1)
    print_speed(f"rapidfuzz extractOne ({len(baseline_texts)} q)", base)
    print(
        f"  ratio extractOne/Matcher: p50 x{base.p50_ms / ours.p50_ms:.1f}, "
        f"throughput x{ours.per_second / base.per_second:.1f}"
    )


class _Understands:
    """What the engine does with a text before any database work (``understand``: analyze,
    the danger-now check, composed parts, language), shaped for :func:`measure`."""

    def __init__(self) -> None:
        self.engine = ConversationEngine(load_content(), Settings.from_env({}))

    def match(self, text: str) -> object:
        return self.engine.understand(text)


class _Analyzes(_Understands):
    """The engine's matcher alone, with every finding (``Matcher.analyze``)."""

    def match(self, text: str) -> object:
        return self.engine.matcher.analyze(text)


def engine_speed(texts: Sequence[str]) -> None:
    """What the engine calls on one message, on the shipped content (examples included)."""
    for label, build in (("Matcher.analyze (engine's)", _Analyzes),
                         ("ConversationEngine.understand", _Understands)):
        _, speed = measure(build, texts)  # type: ignore[arg-type]
        print_speed(label, speed)


@dataclass(frozen=True)
class Figures:
    """Accuracy figures of one approach on one labelled set at one threshold."""

    in_scope: float
    oos_rejection: float
    emergency: float


def figures(results: list[tuple[Match, str | None]], threshold: float) -> Figures:
    """Replay threshold-free results at ``threshold``."""
    ins = [(r, e) for r, e in results if e is not None]
    oos = [r for r, e in results if e is None]
    emerg = [r for r, e in results if e == "emergency"]
    return Figures(
        sum(decide(r, threshold) == e for r, e in ins) / max(1, len(ins)),
        sum(decide(r, threshold) is None for r in oos) / max(1, len(oos)),
        sum(decide(r, threshold) == "emergency" for r in emerg) / max(1, len(emerg)),
    )


def accuracy_section(
    catalog: Catalog, dev: list[dict[str, str | None]], held: list[dict[str, str | None]]
) -> None:
    """The accuracy table (dev set, and held-out set at the dev-calibrated threshold)."""
    # The shipped configuration: the out-of-scope class (topic R) and the emergency rule.
    shipped: dict[str, Any] = {"outside": OUTSIDE, "priority_rule": PRIORITY_RULE,
                               "real_words": catalog.real_words}
    approaches: list[tuple[str, Callable[[], SupportsMatch], float]] = [
        ("(a) rapidfuzz WRatio 1-NN", lambda: RapidfuzzNN(catalog.pairs), 0.0),
        (
            "(b) Matcher, no spelling repair",
            lambda: Matcher.from_examples(
                catalog.pairs, triggers=catalog.triggers, priority=PRIORITY,
                repair_spelling=False, **shipped,
            ),
            -1.0,
        ),
        (
            "(c) Matcher as shipped",
            lambda: Matcher.from_examples(
                catalog.pairs, triggers=catalog.triggers, priority=PRIORITY, **shipped
            ),
            -1.0,
        ),
        (
            "(d) (c) without the R class",
            lambda: Matcher.from_examples(
                [(i, t) for i, t in catalog.pairs if i not in OUTSIDE],
                triggers=catalog.triggers, priority=PRIORITY, priority_rule=PRIORITY_RULE,
            ),
            -1.0,
        ),
        (
            "(e) (c) without any trigger",
            lambda: Matcher.from_examples(catalog.pairs, priority=PRIORITY, **shipped),
            -1.0,
        ),
    ]
    labelled = [(str(r["text"]), r["intent"]) for r in dev]
    n_in = sum(1 for _, e in labelled if e is not None)
    print(
        f"\n## Accuracy on tests/data/devset.jsonl: {n_in} in scope, {len(labelled) - n_in} out "
        f"of scope, {sum(e == 'emergency' for _, e in labelled)} emergencies"
    )
    if held:
        print(
            f"   held-out set tests/data/heldout.jsonl: {len(held)} texts, dev-calibrated threshold"
        )
    print(
        "   columns: top-1 (no threshold) | default threshold: in-scope / OOS-rejection / "
        "emergency | calibrated (best balance): thr in / rej / emerg | held-out: in / rej / emerg"
    )
    for label, build, default in approaches:
        matcher = build()
        default_threshold = getattr(matcher, "threshold", 0.0) if default < 0 else default
        results = [(matcher.match(text, threshold=0.0), e) for text, e in labelled]
        top1 = sum(r.intent == e for r, e in results if e is not None) / max(1, n_in)
        d = figures(results, default_threshold)
        report = calibrate_threshold(matcher, labelled)
        c = figures(results, report.threshold)
        line = (
            f"  {label:34} top-1 {top1:.3f} | @{default_threshold:.2f}: {d.in_scope:.3f} / "
            f"{d.oos_rejection:.3f} / {d.emergency:.3f} | @{report.threshold:.2f}: "
            f"{c.in_scope:.3f} / {c.oos_rejection:.3f} / {c.emergency:.3f}"
        )
        if held:
            h_results = [(matcher.match(str(r["text"]), threshold=0.0), r["intent"]) for r in held]
            h = figures(h_results, report.threshold)
            line += f" | {h.in_scope:.3f} / {h.oos_rejection:.3f} / {h.emergency:.3f}"
        print(line)


def language_section(catalog: Catalog, dev: list[dict[str, str | None]]) -> None:
    """Language detection accuracy and confidence on the dev set."""
    start = time.perf_counter()
    detector = LanguageDetector.from_examples(catalog.languages)
    build_s = time.perf_counter() - start
    rows = [(str(r["text"]), r.get("lang")) for r in dev if r.get("lang")]
    if not rows:
        return
    start = time.perf_counter()
    found = [(detector.detect(text), lang) for text, lang in rows]
    per_ms = (time.perf_counter() - start) / len(rows) * 1000
    acc = sum(got == lang for (got, _), lang in found) / len(found)
    sure = [(got == lang) for (got, conf), lang in found if conf >= 0.8]
    print(
        f"\n## Language detection on the dev set ({len(rows)} texts, build {build_s:.2f} s, "
        f"{per_ms:.3f} ms/text): accuracy {acc:.3f}; confidence >= 0.8 on "
        f"{len(sure) / len(found):.2f} of texts, accuracy there {sum(sure) / max(1, len(sure)):.3f}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--quick", action="store_true", help="skip the 20x synthetic catalog")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    catalog = load_catalog(args.root)
    dev = load_jsonl(args.root / "tests" / "data" / "devset.jsonl")
    held = load_jsonl(args.root / "tests" / "data" / "heldout.jsonl")
    if not catalog.pairs:
        print("no content/topics/*.yaml found")
        return 1
    # Real messages for timing: the dev set when present, else the catalog's own phrases.
    texts = [str(r["text"]) for r in dev] or [text for _, text in catalog.pairs]
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"# Intent matcher benchmark: {os.cpu_count()} cores, load average {load} at start "
        "(figures are wall-clock and load-sensitive)"
    )
    speed_section(
        "Shipped catalog (content/topics + examples)",
        catalog.pairs,
        texts,
        texts,
        triggers=catalog.triggers,
        priority=PRIORITY,
        real_words=catalog.real_words,
    )
    engine_speed(texts)
    vocabulary = sorted({t for _, text in catalog.pairs for t in normalize(text).split()})
    n_intents = len({intent for intent, _ in catalog.pairs})
    if not args.quick:
        per_intent = max(10, len(catalog.pairs) // n_intents)
        pairs, keys = synthetic_catalog(n_intents * 20, per_intent, vocabulary=vocabulary)
        queries = [text for _, text in synthetic_queries(keys, 300)]
        speed_section("Synthetic catalog 20x (intents)", pairs, queries, queries[:40])
    pairs, keys = synthetic_catalog(150, 100, vocabulary=vocabulary, seed=7)
    queries = [text for _, text in synthetic_queries(keys, 300, seed=8)]
    speed_section("Synthetic 150 intents x 100 phrases", pairs, queries, queries[:100])
    if dev:
        accuracy_section(catalog, dev, held)
        language_section(catalog, dev)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\n(total {time.perf_counter() - started:.0f} s, load average {load} at the end)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
