"""TF-IDF features (word 1-2 grams + char_wb 2-5 grams, sublinear tf) without per-call sklearn.

The same pure-Python n-gram extraction is used to fit the vocabulary and to featurize a query,
so build and match can never disagree. A query's sparse vector is built with two dict lookups
per n-gram (about 30-60 us for a chat message) and is returned as ``(indices, values)`` numpy
arrays ready for ``coef[indices].T @ values``.

Each block (words, characters) is weighted ``(1 + ln tf) * idf`` with the smooth idf
``ln((1 + n) / (1 + df)) + 1`` and L2-normalized on its own, then the blocks are concatenated,
as a scikit-learn ``FeatureUnion`` of two ``TfidfVectorizer(sublinear_tf=True)`` would do.
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import sparse

__all__ = ["FeatureSpace", "char_ngrams", "word_ngrams"]

_CHAR_MIN, _CHAR_MAX = 2, 5
_TOKEN_CACHE = 65536


def word_ngrams(tokens: Sequence[str]) -> list[str]:
    """Word unigrams and bigrams of a token list."""
    grams = list(tokens)
    grams.extend(f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False))
    return grams


def char_ngrams(tokens: Sequence[str], low: int = _CHAR_MIN, high: int = _CHAR_MAX) -> list[str]:
    """Character ``low``-``high`` grams (default 2-5) inside each space-padded token (like
    sklearn's ``char_wb``)."""
    grams: list[str] = []
    for token in tokens:
        padded = f" {token} "
        length = len(padded)
        for n in range(low, min(high, length) + 1):
            grams.extend(padded[i : i + n] for i in range(length - n + 1))
    return grams


class FeatureSpace:
    """Fitted word + character TF-IDF vocabulary with a fast single-query transform."""

    def __init__(
        self,
        word_index: dict[str, int],
        char_index: dict[str, int],
        idf: npt.NDArray[np.float64],
        char_range: tuple[int, int] = (_CHAR_MIN, _CHAR_MAX),
    ) -> None:
        self.char_range = char_range
        self.word_index = word_index
        self.char_index = char_index
        self.idf = idf
        self.n_word_features = len(word_index)
        self.n_features = len(word_index) + len(char_index)
        self._token_char_ids = functools.lru_cache(maxsize=_TOKEN_CACHE)(self._char_ids)

    def _char_ids(self, token: str) -> npt.NDArray[np.intp]:
        """Feature ids of the character n-grams of one token (known n-grams only)."""
        index = self.char_index
        ids = [index[g] for g in char_ngrams((token,), *self.char_range) if g in index]
        return np.array(ids, dtype=np.intp)

    def _word_ids(self, tokens: Sequence[str]) -> npt.NDArray[np.intp]:
        index = self.word_index
        ids = [index[g] for g in word_ngrams(tokens) if g in index]
        return np.array(ids, dtype=np.intp)

    @classmethod
    def fit(
        cls, documents: Sequence[Sequence[str]], *, min_char_df: int = 1,
        char_range: tuple[int, int] = (_CHAR_MIN, _CHAR_MAX),
    ) -> FeatureSpace:
        """Learn both vocabularies and idf weights from tokenized documents.

        Character n-grams seen in fewer than ``min_char_df`` documents are dropped (words and
        word pairs are always kept: a rare keyword is often the best evidence).
        """
        word_df: Counter[str] = Counter()
        char_df: Counter[str] = Counter()
        token_grams: dict[str, list[str]] = {}
        for tokens in documents:
            word_df.update(set(word_ngrams(tokens)))
            grams: set[str] = set()
            for token in tokens:
                cached = token_grams.get(token)
                if cached is None:
                    cached = token_grams[token] = char_ngrams((token,), *char_range)
                grams.update(cached)
            char_df.update(grams)
        # Sorted so the feature order (and so the trained model) is deterministic.
        word_index = {g: i for i, g in enumerate(sorted(word_df))}
        offset = len(word_index)
        kept = sorted(g for g, df in char_df.items() if df >= min_char_df)
        char_index = {g: offset + i for i, g in enumerate(kept)}
        n = len(documents)
        df = np.empty(offset + len(char_index), dtype=np.float64)
        for gram, i in word_index.items():
            df[i] = word_df[gram]
        for gram, i in char_index.items():
            df[i] = char_df[gram]
        idf = np.log((1.0 + n) / (1.0 + df)) + 1.0
        return cls(word_index, char_index, idf, char_range)

    def transform_one(
        self, tokens: Sequence[str]
    ) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.float32]]:
        """Sparse TF-IDF vector of one tokenized text as ``(indices, values)``."""
        if not tokens:
            return np.empty(0, dtype=np.intp), np.empty(0, dtype=np.float32)
        ids = np.concatenate([self._word_ids(tokens), *map(self._token_char_ids, tokens)])
        if not len(ids):
            return ids, np.empty(0, dtype=np.float32)
        # Word ids are all below the char ids, so after sorting the two blocks are contiguous.
        ids.sort()
        starts, counts = _runs(ids)
        unique = ids[starts]
        weights = (np.log(counts) + 1.0) * self.idf[unique]
        split = int(np.searchsorted(unique, self.n_word_features))
        for block in (weights[:split], weights[split:]):
            if len(block):
                block /= math.sqrt(float(block @ block))
        return unique, weights.astype(np.float32)

    def transform_batch(
        self, documents: Sequence[Sequence[str]]
    ) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp], npt.NDArray[np.float32]]:
        """TF-IDF rows of many tokenized texts as ``(row_of_entry, indices, values)``.

        One sort over all documents' ids (keyed by document) instead of one per document, so
        scoring the windows of a long message costs a handful of numpy calls.
        """
        parts: list[npt.NDArray[np.intp]] = []
        lengths: list[int] = []
        for tokens in documents:
            if tokens:
                ids = np.concatenate([self._word_ids(tokens), *map(self._token_char_ids, tokens)])
            else:
                ids = np.empty(0, dtype=np.intp)
            parts.append(ids)
            lengths.append(len(ids))
        if not parts or not sum(lengths):
            empty = np.empty(0, dtype=np.intp)
            return empty, empty, np.empty(0, dtype=np.float32)
        d = self.n_features
        rows = np.repeat(np.arange(len(parts), dtype=np.int64), lengths)
        keys = rows * d + np.concatenate(parts)
        keys.sort()
        starts, counts = _runs(keys)
        unique = keys[starts]
        row_of, indices = np.divmod(unique, d)
        weights = (1.0 + np.log(counts)) * self.idf[indices]
        # L2 norm per (row, block) segment: segments are contiguous after the sort.
        segment = row_of * 2 + (indices >= self.n_word_features)
        seg_first = np.empty(len(segment), dtype=bool)
        seg_first[0] = True
        np.not_equal(segment[1:], segment[:-1], out=seg_first[1:])
        seg_starts = np.flatnonzero(seg_first)
        norms = np.sqrt(np.add.reduceat(weights * weights, seg_starts))
        weights /= np.repeat(norms, np.diff(seg_starts, append=len(segment)))
        return row_of.astype(np.intp), indices.astype(np.intp), weights.astype(np.float32)

    def transform(self, documents: Sequence[Sequence[str]]) -> sparse.csr_matrix:
        """TF-IDF matrix (documents x features) of many tokenized texts."""
        rows, indices, values = self.transform_batch(documents)
        return sparse.csr_matrix(
            (values, (rows, indices)), shape=(len(documents), self.n_features)
        )


def _runs(ordered: npt.NDArray[Any]) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]:
    """Where each run of equal values starts in a sorted, non-empty array, and its length:
    ``np.unique(return_index=True, return_counts=True)`` by hand, a third of its overhead."""
    first = np.empty(len(ordered), dtype=bool)
    first[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
    starts = np.flatnonzero(first)
    return starts, np.diff(starts, append=len(ordered))
