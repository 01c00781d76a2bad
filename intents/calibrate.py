"""Choose a matcher's out-of-scope threshold on a labelled development set.

``calibrate_threshold(matcher, labelled)`` takes ``(text, intent or None)`` pairs, matches each
text once with the threshold off, and replays the decision at every threshold of a grid:
trigger and priority decisions do not depend on the threshold, classifier decisions are kept
when their score is >= the threshold. By default the chosen threshold maximises the worse of
in-scope top-1 and out-of-scope rejection (neither side first), smoothed over neighbouring
thresholds. With
``min_oos_rejection`` it maximises in-scope accuracy among the thresholds that reject at least
that share of the out-of-scope texts (balanced accuracy when none does). The matcher is not
changed: the caller sets ``matcher.threshold = report.threshold``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from intents.matcher import Match

__all__ = [
    "CalibrationReport",
    "IntentAccuracy",
    "SupportsMatch",
    "ThresholdRow",
    "calibrate_threshold",
    "decide",
]


class SupportsMatch(Protocol):
    """Anything with ``match(text, threshold=...)`` returning a :class:`Match` (baselines too)."""

    def match(self, text: str, *, threshold: float | None = None) -> Match:
        """Match one text."""
        ...

_GRID = tuple(round(i / 100, 2) for i in range(0, 100))
SMOOTHING = 0.1


@dataclass(frozen=True)
class ThresholdRow:
    """Figures of one threshold."""

    threshold: float
    in_scope_accuracy: float
    oos_rejection: float
    balanced: float


@dataclass(frozen=True)
class IntentAccuracy:
    """Accuracy of one expected intent (None = out of scope) at the chosen threshold."""

    intent: str | None
    total: int
    correct: int
    mistaken_for: tuple[tuple[str | None, int], ...]

    @property
    def accuracy(self) -> float:
        """Share of this intent's texts matched correctly."""
        return self.correct / self.total if self.total else 0.0


@dataclass(frozen=True)
class CalibrationReport:
    """The chosen threshold, the whole sweep and per-intent figures at that threshold."""

    threshold: float
    chosen: ThresholdRow
    met_target: bool
    min_oos_rejection: float | None
    rows: tuple[ThresholdRow, ...]
    per_intent: tuple[IntentAccuracy, ...]
    n_in_scope: int
    n_out_of_scope: int

    def summary(self) -> str:
        """Human readable summary (figures only, no message texts)."""
        c = self.chosen
        lines = [
            f"threshold {self.threshold:.2f}: in-scope accuracy {c.in_scope_accuracy:.3f}, "
            f"out-of-scope rejection {c.oos_rejection:.3f} "
            f"({self.n_in_scope} in scope, {self.n_out_of_scope} out of scope; "
            + ("best balance: the worse of the two)" if self.min_oos_rejection is None else
               f"target rejection >= {self.min_oos_rejection:.2f} "
               f"{'met' if self.met_target else 'NOT met'})")
        ]
        for item in sorted(self.per_intent, key=lambda a: (a.accuracy, str(a.intent))):
            wrong = ", ".join(f"{k}:{n}" for k, n in item.mistaken_for)
            lines.append(
                f"  {item.intent!s:22} {item.correct:3d}/{item.total:<3d} {item.accuracy:.2f}"
                + (f"  mistaken for {wrong}" if wrong else "")
            )
        return "\n".join(lines)


def decide(result: Match, threshold: float) -> str | None:
    """Intent that ``result`` (matched with threshold 0) would give at ``threshold``."""
    if result.source in ("trigger", "priority"):
        return result.intent
    if result.source == "classifier" and result.score >= threshold:
        return result.intent
    return None


def calibrate_threshold(
    matcher: SupportsMatch,
    labelled: Iterable[tuple[str, str | None]],
    *,
    min_oos_rejection: float | None = None,
    thresholds: Sequence[float] = _GRID,
) -> CalibrationReport:
    """Sweep thresholds on ``(text, expected intent or None)`` pairs and pick the best one."""
    items = [(matcher.match(text, threshold=0.0), expected) for text, expected in labelled]
    if not items:
        raise ValueError("calibration needs at least one labelled text")
    n_in = sum(1 for _, expected in items if expected is not None)
    n_out = len(items) - n_in
    rows: list[ThresholdRow] = []
    for t in thresholds:
        hit_in = sum(1 for r, e in items if e is not None and decide(r, t) == e)
        hit_out = sum(1 for r, e in items if e is None and decide(r, t) is None)
        acc = hit_in / n_in if n_in else 1.0
        rej = hit_out / n_out if n_out else 1.0
        rows.append(ThresholdRow(float(t), acc, rej, (acc + rej) / 2))
    floor = 2.0 if min_oos_rejection is None else min_oos_rejection
    eligible = [row for row in rows if row.oos_rejection >= floor]
    if eligible:
        # Ties: the higher rejection, then the lower threshold.
        chosen = max(eligible, key=lambda r: (r.in_scope_accuracy, r.oos_rejection, -r.threshold))
    else:
        # The worse of the two figures (both sides matter alike), averaged over the
        # neighbouring thresholds (+-SMOOTHING): with a few dozen out-of-scope texts one
        # message flips a figure by 1-2 points, and the choice should not hang on one message.
        def smoothed(row: ThresholdRow) -> float:
            near = [min(r.in_scope_accuracy, r.oos_rejection) for r in rows
                    if abs(r.threshold - row.threshold) <= SMOOTHING]
            return sum(near) / len(near)

        scores = [round(smoothed(r), 6) for r in rows]
        plateau = [r for r, score in zip(rows, scores, strict=True) if score == max(scores)]
        chosen = plateau[len(plateau) // 2]  # the middle of the best plateau, not its edge
    per: dict[str | None, tuple[int, int, Counter[str | None]]] = {}
    for result, expected in items:
        got = decide(result, chosen.threshold)
        total, correct, wrong = per.get(expected, (0, 0, Counter()))
        if got == expected:
            correct += 1
        else:
            wrong[got] += 1
        per[expected] = (total + 1, correct, wrong)
    per_intent = tuple(
        IntentAccuracy(name, total, correct, tuple(wrong.most_common(3)))
        for name, (total, correct, wrong) in sorted(per.items(), key=lambda kv: str(kv[0]))
    )
    return CalibrationReport(
        threshold=chosen.threshold,
        chosen=chosen,
        met_target=bool(eligible) or min_oos_rejection is None,
        min_oos_rejection=min_oos_rejection,
        rows=tuple(rows),
        per_intent=per_intent,
        n_in_scope=n_in,
        n_out_of_scope=n_out,
    )
