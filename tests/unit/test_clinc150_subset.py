"""intents.Matcher on a small deterministic slice of CLINC150 (the full run is
``benchmarks/clinc150.py``): it must classify unseen English queries of a public benchmark
as well as scikit-learn's LogisticRegression on TF-IDF word + character n-grams."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, make_pipeline

from intents import Matcher

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "clinc150" / "data_full.json"
N_INTENTS, N_TRAIN = 25, 40


@pytest.fixture(scope="module")
def splits() -> tuple[list[tuple[str, str]], list[tuple[str, str]], list[str]]:
    if not DATA.exists():
        pytest.skip(f"CLINC150 not found at {DATA}")
    data = json.loads(DATA.read_text(encoding="utf-8"))
    intents = sorted({i for _, i in data["train"]})[:N_INTENTS]
    train: list[tuple[str, str]] = []
    for name in intents:
        train += [(name, t) for t, i in data["train"] if i == name][:N_TRAIN]
    val = [(i, t) for t, i in data["val"] if i in intents]
    return train, val, [t for t, _ in data["oos_val"]]


# SGD's 10 passes over this 1,000-query slice fit less than over CLINC150's 15,000 (where it
# beats LinearSVC): it may trail the baseline a little more here.
@pytest.mark.parametrize(
    ("learner", "slack"), [("svm", 0.01), ("sgd", 0.03), ("stacked", 0.01)]
)
def test_matcher_matches_a_linear_baseline(
    splits: tuple[list[tuple[str, str]], list[tuple[str, str]], list[str]], learner: str,
    slack: float,
) -> None:
    train, val, _ = splits
    matcher = Matcher.from_examples(train, learner=learner)
    ours = sum(matcher.match(t, threshold=0.0).intent == i for i, t in val) / len(val)
    baseline = make_pipeline(
        FeatureUnion([
            ("word", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)),
            ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)),
        ]),
        LogisticRegression(C=10, max_iter=1000),
    )
    baseline.fit([t for _, t in train], [i for i, _ in train])
    theirs = sum(p == i for p, (i, _) in zip(baseline.predict([t for _, t in val]), val,
                                             strict=True)) / len(val)
    assert ours >= 0.9
    assert ours >= theirs - slack


@pytest.mark.parametrize("learner", ["svm", "sgd", "stacked"])
def test_out_of_scope_queries_score_lower(
    splits: tuple[list[tuple[str, str]], list[tuple[str, str]], list[str]], learner: str,
) -> None:
    train, val, oos = splits
    matcher = Matcher.from_examples(train, learner=learner)
    inside = sorted(matcher.match(t, threshold=0.0).score for _, t in val)
    outside = sorted(matcher.match(t, threshold=0.0).score for t in oos)
    # Most out-of-scope queries sit below the median in-scope score.
    median = inside[len(inside) // 2]
    assert sum(s < median for s in outside) / len(outside) >= 0.9
