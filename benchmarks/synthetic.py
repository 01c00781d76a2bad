"""Synthetic intent catalogs for build-time and latency benchmarks.

Each intent gets its own small set of key words; a phrase mixes 2-4 of them with shared
function words, the odd random word and the odd typo, so the catalog has the size and the
sparsity of a real one (it is not meant to measure accuracy on real language).
"""

from __future__ import annotations

import random
from collections.abc import Sequence

__all__ = ["pseudo_words", "synthetic_catalog", "synthetic_queries", "typo"]

_SYLLABLES = [
    c + v
    for c in ("b", "c", "d", "f", "g", "j", "l", "m", "n", "p", "r", "s", "t", "v", "ch", "k")
    for v in ("a", "e", "i", "o", "u")
]
_FUNCTION_WORDS = (
    "que de la el en y a los se del las por un para con no una su al lo como mas pero "
    "mi me si ya o the to my is i you how what can do for in of and need ki mwen ou pou"
).split()


def pseudo_words(n: int, rng: random.Random) -> list[str]:
    """Return ``n`` distinct pronounceable made-up words of 2-4 syllables."""
    words: set[str] = set()
    while len(words) < n:
        words.add("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def typo(word: str, rng: random.Random) -> str:
    """Apply one random edit (drop, swap, replace or double a letter) to ``word``."""
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(4)
    if kind == 0:
        return word[:i] + word[i + 1 :]
    if kind == 1:
        return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]
    if kind == 2:
        return word[:i] + rng.choice("aeioulnrst") + word[i + 1 :]
    return word[:i] + word[i] + word[i:]


def _phrase(keys: Sequence[str], noise: Sequence[str], rng: random.Random, p_typo: float) -> str:
    words = rng.sample(list(keys), rng.randint(2, min(4, len(keys))))
    words += rng.sample(_FUNCTION_WORDS, rng.randint(1, 5))
    if rng.random() < 0.3:
        words.append(rng.choice(noise))
    rng.shuffle(words)
    return " ".join(typo(w, rng) if rng.random() < p_typo else w for w in words)


def synthetic_catalog(
    n_intents: int,
    per_intent: int,
    *,
    vocabulary: Sequence[str] = (),
    keys_per_intent: int = 8,
    seed: int = 0,
) -> tuple[list[tuple[str, str]], dict[str, list[str]]]:
    """Return ``(pairs, keys)``: ``(intent, phrase)`` training pairs and each intent's key words.

    Key words come from ``vocabulary`` (shuffled, each used by at most two intents) topped up
    with made-up words when it runs short.
    """
    rng = random.Random(seed)
    pool = list(dict.fromkeys(w for w in vocabulary if len(w) >= 4))
    rng.shuffle(pool)
    needed = n_intents * keys_per_intent
    pool = (pool * 2)[:needed]
    if len(pool) < needed:
        pool += pseudo_words(needed - len(pool), rng)
    noise = pseudo_words(500, rng)
    keys: dict[str, list[str]] = {}
    pairs: list[tuple[str, str]] = []
    for k in range(n_intents):
        intent = f"intent_{k:04d}"
        keys[intent] = pool[k * keys_per_intent : (k + 1) * keys_per_intent]
        for _ in range(per_intent):
            pairs.append((intent, _phrase(keys[intent], noise, rng, p_typo=0.05)))
    return pairs, keys


def synthetic_queries(
    keys: dict[str, list[str]], n: int, *, seed: int = 1, p_typo: float = 0.15
) -> list[tuple[str, str]]:
    """Held-out ``(intent, text)`` queries drawn like the catalog but with more typos."""
    rng = random.Random(seed)
    noise = pseudo_words(500, rng)
    intents = sorted(keys)
    out = []
    for _ in range(n):
        intent = rng.choice(intents)
        out.append((intent, _phrase(keys[intent], noise, rng, p_typo=p_typo)))
    return out
