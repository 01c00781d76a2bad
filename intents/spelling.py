"""Misspelling repair against a closed vocabulary, with rapidfuzz.

A :class:`SpellingRepairer` is built from the catalog's own (normalized) words. At match time a
token the vocabulary does not know is replaced by its nearest vocabulary word when the two are
close by Levenshtein distance: ``rapidfuzz.process.extractOne`` with
``distance.Levenshtein.normalized_similarity`` and a cutoff of 0.8 (one edit in 5 letters, two
in 10). Only tokens of 4+ characters are repaired and candidates are restricted to words of
nearly the same length, so short words (``de``, ``la``, ``pa``) and numbers are never touched.
Levenshtein rather than ``fuzz.ratio`` (Indel) because a substitution is one typo, not two,
and insertions of whole syllables (``pollo`` -> ``pollero``) should not pass.

Before the edit-distance search, a Spanish sound-alike key is tried (:func:`sound_key`:
``ll``/``y``, ``b``/``v``, ``s``/``z``/soft ``c``, ``k``/``qu``/hard ``c``, ``j``/soft ``g``,
silent ``h``), because those confusions are the commonest misspellings of people who write
as they speak and cost two edits in a short word (``poyero`` -> ``pollero``,
``ayudenme`` stays, ``vajo`` -> ``bajo``, ``acer`` -> ``hacer``).

A token that is a common word of the language (``keep=``, e.g. :func:`common_words` of Spanish
and English from ``wordfreq``) is never repaired: "probar" is not a typo of "robar", nor
"cansado" of "casado". The catalog's vocabulary is a few thousand words; a real word outside
it is a word the catalog does not know, not a misspelling of one that it does.

Lookups go through a bounded per-instance LRU cache, so repeated misspellings cost a dict hit.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

__all__ = ["SpellingRepairer", "common_words", "sound_key", "zipf"]

_DEFAULT_CUTOFF = 0.8
_DEFAULT_MIN_LENGTH = 4
_CACHE_SIZE = 65536
_SOUND_RULES = (
    (re.compile(r"ch"), "%"),  # keep "ch" apart from "c" and silent "h"
    (re.compile(r"h"), ""),
    (re.compile(r"ll"), "y"),
    (re.compile(r"v"), "b"),
    (re.compile(r"z"), "s"),
    (re.compile(r"c(?=[ei])"), "s"),
    (re.compile(r"qu(?=[ei])"), "k"),
    (re.compile(r"c"), "k"),
    (re.compile(r"g(?=[ei])"), "j"),
    (re.compile(r"gu(?=[ei])"), "g"),
)
# A sound-alike must still look like the token (keeps English "tell" away from "they").
_SOUND_MIN_SIMILARITY = 0.6
_SOUND_MIN_KEY = 4


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def common_words(
    languages: Iterable[str], min_zipf: float, *, min_length: int = _DEFAULT_MIN_LENGTH
) -> frozenset[str]:
    """Accent-free words of ``languages`` at ``min_zipf`` or above in ``wordfreq``'s lists.

    Zipf is log10 of a word's frequency per billion words (``wordfreq.zipf_frequency``): 6 is
    "que", 4 one word in 100,000 ("probar", "cansado"), 3 rare words and common misspellings
    ("asta", "acer"). Accents are stripped because the matcher compares accent-free tokens.
    """
    import wordfreq  # imported here: only a matcher build reads the lists

    paths = wordfreq.available_languages("best")
    # A cBpack lists words by frequency bucket: bucket i holds the words of Zipf 9 - i / 100.
    last = int(round((9.0 - min_zipf) * 100))
    words: set[str] = set()
    for lang in languages:
        for bucket in wordfreq.read_cBpack(str(paths[lang]))[: last + 1]:
            words.update(
                folded
                for word in bucket
                if len(folded := _fold(word)) >= min_length and folded.isalpha()
            )
    return frozenset(words)


def zipf(word: str, lang: str) -> float:
    """``wordfreq.zipf_frequency`` of ``word`` in ``lang`` (0.0 for a word it never saw)."""
    import wordfreq  # imported here, as in common_words

    return float(wordfreq.zipf_frequency(word, lang))


def sound_key(word: str) -> str:
    """Spanish sound-alike key: words that sound the same get the same key."""
    for pattern, replacement in _SOUND_RULES:
        word = pattern.sub(replacement, word)
    return word


class SpellingRepairer:
    """Map unknown tokens to their nearest vocabulary word (Levenshtein similarity)."""

    def __init__(
        self,
        frequencies: Mapping[str, int],
        *,
        cutoff: float = _DEFAULT_CUTOFF,
        min_length: int = _DEFAULT_MIN_LENGTH,
        keep: Iterable[str] = (),
    ) -> None:
        self.cutoff = cutoff
        #: Real words that are never repaired (see :func:`common_words`).
        self.keep: frozenset[str] = frozenset(keep)
        self.min_length = min_length
        # Most frequent first (ties broken alphabetically) so extractOne's first-best pick is
        # the commoner word and the result does not depend on insertion order.
        ordered = sorted(frequencies, key=lambda w: (-frequencies[w], w))
        self.vocabulary: frozenset[str] = frozenset(ordered)
        # Candidates are bucketed by length and by first or last letter: a typo on both ends
        # of a word is rare, and the buckets cut the edit-distance search about tenfold.
        by_first: dict[tuple[int, str], list[str]] = {}
        by_last: dict[tuple[int, str], list[str]] = {}
        by_sound: dict[str, str] = {}
        for word in ordered:
            by_first.setdefault((len(word), word[0]), []).append(word)
            by_last.setdefault((len(word), word[-1]), []).append(word)
            by_sound.setdefault(sound_key(word), word)  # the most frequent word wins
        self._by_first = by_first
        self._by_last = by_last
        self._by_sound = by_sound
        self._repair_cached = functools.lru_cache(maxsize=_CACHE_SIZE)(self._repair_uncached)

    def _candidates(self, token: str) -> list[str]:
        """Vocabulary words sharing an end letter whose length allows similarity >= cutoff."""
        # normalized_similarity = 1 - dist / max(len); dist >= |len difference|.
        length = len(token)
        spread = int((1 - self.cutoff) * (length / self.cutoff)) + 1
        first, last = token[0], token[-1]
        words: list[str] = []
        for n in range(max(1, length - spread), length + spread + 1):
            words.extend(self._by_first.get((n, first), ()))
            words.extend(self._by_last.get((n, last), ()))
        return words

    def _repair_uncached(self, token: str) -> str:
        key = sound_key(token)
        same_sound = self._by_sound.get(key) if len(key) >= _SOUND_MIN_KEY else None
        if same_sound is not None and Levenshtein.normalized_similarity(
            token, same_sound, score_cutoff=_SOUND_MIN_SIMILARITY
        ):
            return same_sound
        candidates = self._candidates(token)
        if not candidates:
            return token
        best = process.extractOne(
            token,
            candidates,
            scorer=Levenshtein.normalized_similarity,
            score_cutoff=self.cutoff,
        )
        return token if best is None else best[0]

    def repair(self, token: str) -> str:
        """Return the vocabulary word for ``token`` (itself when known, kept, short or too far)."""
        if (
            token in self.vocabulary
            or len(token) < self.min_length
            or not token.isalpha()
            or token in self.keep
        ):
            return token
        return self._repair_cached(token)

    def repair_tokens(self, tokens: Iterable[str]) -> list[str]:
        """Repair every token of a normalized token list."""
        return [self.repair(t) for t in tokens]
