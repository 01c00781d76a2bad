"""Pure intent matching for the helpline: text and training phrases in, a typed match out.

No database, no web framework, no network and no file I/O: callers load the catalog and pass
``(intent, text)`` pairs. Main entry points::

    Matcher.from_examples(pairs, threshold=..., triggers=..., priority=...)  # intents.matcher
    matcher.match(text) / matcher.analyze(text)  # one intent / every intent it supports
    LanguageDetector.from_examples(pairs)                                     # intents.langdetect
    normalize(text)                                                           # intents.normalize
    explain(matcher, text, detector)                                          # intents.explain
    calibrate_threshold(matcher, labelled)                                    # intents.calibrate
    QUESTION_WORDS  # words that open a question in es, en and ht             # intents.matcher
"""

from __future__ import annotations

from intents.calibrate import CalibrationReport, calibrate_threshold
from intents.explain import explain
from intents.langdetect import LanguageDetector
from intents.matcher import (
    DEFAULT_THRESHOLD,
    QUESTION_WORDS,
    Analysis,
    Clause,
    Finding,
    Match,
    Matcher,
    PriorityRule,
)
from intents.normalize import normalize

__all__ = [
    "DEFAULT_THRESHOLD",
    "QUESTION_WORDS",
    "Analysis",
    "CalibrationReport",
    "Clause",
    "Finding",
    "LanguageDetector",
    "Match",
    "Matcher",
    "PriorityRule",
    "calibrate_threshold",
    "explain",
    "normalize",
]
