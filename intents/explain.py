"""Explain one match: what the matcher saw, ranked and chose, and why (``paisano explain``).

The result is a plain JSON-serializable dict; it contains the normalized text (which the CLI
shows to the operator who typed it) and never logs anything.
"""

from __future__ import annotations

from typing import Any

from intents.langdetect import LanguageDetector
from intents.matcher import Matcher

__all__ = ["explain"]


def explain(
    matcher: Matcher, text: str, detector: LanguageDetector | None = None
) -> dict[str, Any]:
    """Return normalized text, language, top-5 intents with scores, the winner and why."""
    tokens, _ = matcher.prepare(text)
    result = matcher.match(text)
    language: dict[str, Any] | None = None
    if detector is not None:
        lang, confidence = detector.detect(text)
        language = {
            "lang": lang,
            "confidence": round(confidence, 4),
            "scores": {k: round(v, 4) for k, v in sorted(detector.scores(text).items())},
        }
    return {
        "normalized": " ".join(tokens),
        "repaired": result.normalized,
        "repairs": [{"typed": a, "catalog": b} for a, b in result.repairs],
        "language": language,
        "top": [{"intent": name, "score": round(score, 4)} for name, score in result.ranking],
        "intent": result.intent,
        "score": round(result.score, 4),
        "source": result.source,
        "trigger": result.trigger,
        "threshold": matcher.threshold,
        "reason": result.reason,
    }
