"""The cross-writer check of topics (issue 11am, ``benchmarks/topics_cv.py``): each topic writer's
training lines are left out of the catalog, the ``--set`` grid and the figures counted."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import numpy as np
import pytest

from benchmarks.topics_cv import FIGURES, WRITERS, _sets, score, without
from bot.content import Catalog
from intents.matcher import Matcher

ROOT = Path(__file__).resolve().parents[2]


def _texts(name: str) -> set[str]:
    path = ROOT / "content" / "examples" / name
    return {" ".join(json.loads(line)["text"].lower().split())
            for line in path.read_text("utf-8").splitlines() if line.strip()}


def test_each_writer_is_left_out_alone(catalog: Catalog) -> None:
    """Leaving a writer out drops its training lines and only them, and lays the settings over."""
    for train, dev in WRITERS.values():
        assert (ROOT / "tests" / "data" / dev).exists()
        if train is None:
            continue
        gone = _texts(train)
        cut = without(catalog, train, {"c": 0.5})
        kept = {" ".join(text.lower().split()) for _i, _l, text in cut.extra}
        assert not gone & kept
        removed = set(catalog.extra) - set(cut.extra)
        assert len(removed) >= len(gone)
        assert {" ".join(text.lower().split()) for _i, _l, text in removed} == gone
        assert cut.settings["matcher"]["c"] == 0.5
        assert cut.settings["matcher"]["threshold"] == catalog.settings["matcher"]["threshold"]
    assert without(catalog, None, {}).extra == catalog.extra


def test_set_grid() -> None:
    """Each ``--set`` is an axis of the grid; numbers are floats, words stay words."""
    args = ["--set", "c=0.5,1", "--set", "learner=svm,sgd", "--seen"]
    grid = _sets(args)
    assert args == ["--seen"]
    assert grid == [{"c": 0.5, "learner": "svm"}, {"c": 0.5, "learner": "sgd"},
                    {"c": 1.0, "learner": "svm"}, {"c": 1.0, "learner": "sgd"}]
    assert _sets([]) == [{}]


@dataclass
class _Got:
    intent: str | None


class _Fixed:
    """A matcher stand-in that answers from a table."""

    def __init__(self, table: dict[str, str | None]) -> None:
        self.table = table

    def match(self, text: str, *, threshold: float | None = None) -> _Got:
        return _Got(self.table[text])


def test_score_counts_one_and_two_topics_and_safety_apart() -> None:
    rows: list[dict[str, Any]] = [
        {"text": "a", "intents": ["health"]},                     # one topic, right
        {"text": "b", "intents": ["education"]},                  # one topic, wrong
        {"text": "c", "intents": ["menu", "holidays"]},           # two, first right
        {"text": "d", "intents": ["contacts", "remittances"]},    # two, second only
        {"text": "e", "intents": ["emergency", "contacts"]},      # safety, right
        {"text": "f", "intents": []},                             # no topic: not counted
    ]
    table: dict[str, str | None] = {"a": "health", "b": None, "c": "menu",
                                    "d": "remittances", "e": "emergency", "f": None}
    got = score(cast(Matcher, _Fixed(table)), rows)
    assert dict(zip(FIGURES, got, strict=True)) == {
        "one topic": (1, 2), "two topics, first": (1, 2), "two topics, either": (2, 2),
        "safety": (1, 1),
    }


def test_build_matcher_reads_the_settings_the_check_tries(
        catalog: Catalog, monkeypatch: Any) -> None:
    """``--set learner=...`` and the others reach the matcher through ``matcher:`` settings."""
    import bot.engine

    seen: dict[str, Any] = {}

    def capture(pairs: Any, **kwargs: Any) -> None:
        seen.update(kwargs, pairs=list(pairs))

    monkeypatch.setattr(bot.engine.Matcher, "from_examples", capture)
    settings = {"learner": "sgd", "class_balance": 0.5, "char_low": 3.0, "char_high": 6.0,
                "min_char_df": 2.0, "repair": 0.0, "example_weight": 2.0}
    bot.engine.build_matcher(without(catalog, None, settings))
    assert seen["learner"] == "sgd"
    assert seen["class_balance"] == 0.5
    assert seen["char_range"] == (3, 6)
    assert seen["min_char_df"] == 2
    assert seen["repair_spelling"] is False
    weights = seen["example_weights"]
    assert len(weights) == len(seen["pairs"])
    assert weights.count(2.0) == len(catalog.extra)  # the examples, not the phrases
    assert weights[0] == 1.0


_PAIRS = [("greeting", "hola amigo como estas"), ("greeting", "buenos dias"),
          ("thanks", "muchas gracias amigo"), ("thanks", "gracias por todo"),
          ("health", "necesito un doctor"), ("health", "hay clinica para migrantes")]


def test_char_range_shapes_the_character_grams() -> None:
    default = Matcher.from_examples(_PAIRS)
    longer = Matcher.from_examples(_PAIRS, char_range=(3, 5))
    assert any(len(g) == 2 for g in default.features.char_index)
    assert {len(g) for g in longer.features.char_index} == {3, 4, 5}


def test_example_weights_decide_a_line_labelled_twice() -> None:
    pairs = [*_PAIRS, ("thanks", "hola doctor gracias"), ("health", "hola doctor gracias")]
    heavy_thanks = [1.0] * len(_PAIRS) + [20.0, 1.0]
    heavy_health = [1.0] * len(_PAIRS) + [1.0, 20.0]
    assert Matcher.from_examples(pairs, example_weights=heavy_thanks).classify(
        "hola doctor gracias")[0] == "thanks"
    assert Matcher.from_examples(pairs, example_weights=heavy_health).classify(
        "hola doctor gracias")[0] == "health"


def test_class_balance_weighs_small_classes_up() -> None:
    from intents.matcher import _balanced

    y = np.array([0] * 9 + [1] * 3, dtype=np.intp)
    assert _balanced(y, 2, 1.0) == {0: pytest.approx(6 / 9), 1: pytest.approx(2.0)}
    assert _balanced(y, 2, 0.5)[1] == pytest.approx(2.0 ** 0.5)
