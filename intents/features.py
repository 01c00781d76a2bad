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

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from scipy import sparse

__all__ = ["FeatureSpace", "char_ngrams", "word_ngrams"]

_CHAR_MIN, _CHAR_MAX = 2, 5


def word_ngrams(tokens: Sequence[str]) -> list[str]:
    """Word unigrams and bigrams of a token list."""
    grams = list(tokens)
    grams.extend(f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False))
    return grams


def char_ngrams(tokens: Sequence[str]) -> list[str]:
    """Character 2-5 grams inside each space-padded token (like sklearn's ``char_wb``)."""
    grams: list[str] = []
    for token in tokens:
        padded = f" {token} "
        length = len(padded)
        for n in range(_CHAR_MIN, min(_CHAR_MAX, length) + 1):
            grams.extend(padded[i : i + n] for i in range(length - n + 1))
    return grams


class FeatureSpace:
    """Fitted word + character TF-IDF vocabulary with a fast single-query transform."""

    def __init__(
        self,
        word_index: dict[str, int],
        char_index: dict[str, int],
        idf: npt.NDArray[np.float64],
    ) -> None:
        self.word_index = word_index
        self.char_index = char_index
        self.idf = idf
        self.n_features = len(word_index) + len(char_index)

    @classmethod
    def fit(cls, documents: Sequence[Sequence[str]]) -> FeatureSpace:
        """Learn both vocabularies and idf weights from tokenized documents."""
        word_df: Counter[str] = Counter()
        char_df: Counter[str] = Counter()
        for tokens in documents:
            word_df.update(set(word_ngrams(tokens)))
            char_df.update(set(char_ngrams(tokens)))
        # Sorted so the feature order (and so the trained model) is deterministic.
        word_index = {g: i for i, g in enumerate(sorted(word_df))}
        offset = len(word_index)
        char_index = {g: offset + i for i, g in enumerate(sorted(char_df))}
        n = len(documents)
        df = np.empty(offset + len(char_index), dtype=np.float64)
        for gram, i in word_index.items():
            df[i] = word_df[gram]
        for gram, i in char_index.items():
            df[i] = char_df[gram]
        idf = np.log((1.0 + n) / (1.0 + df)) + 1.0
        return cls(word_index, char_index, idf)

    def _block(self, grams: list[str], index: dict[str, int]) -> dict[int, float]:
        counts: dict[int, int] = {}
        for gram in grams:
            i = index.get(gram)
            if i is not None:
                counts[i] = counts.get(i, 0) + 1
        if not counts:
            return {}
        idf = self.idf
        weights = {i: (1.0 + math.log(c)) * idf[i] for i, c in counts.items()}
        norm = math.sqrt(sum(w * w for w in weights.values()))
        return {i: w / norm for i, w in weights.items()}

    def transform_one(
        self, tokens: Sequence[str]
    ) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.float64]]:
        """Sparse TF-IDF vector of one tokenized text as ``(indices, values)``."""
        words = self._block(word_ngrams(tokens), self.word_index)
        chars = self._block(char_ngrams(tokens), self.char_index)
        words.update(chars)
        indices = np.fromiter(words.keys(), dtype=np.intp, count=len(words))
        values = np.fromiter(words.values(), dtype=np.float64, count=len(words))
        return indices, values

    def transform(self, documents: Sequence[Sequence[str]]) -> sparse.csr_matrix:
        """TF-IDF matrix (documents x features) of many tokenized texts."""
        indptr = [0]
        indices: list[int] = []
        values: list[float] = []
        for tokens in documents:
            words = self._block(word_ngrams(tokens), self.word_index)
            words.update(self._block(char_ngrams(tokens), self.char_index))
            indices.extend(words.keys())
            values.extend(words.values())
            indptr.append(len(indices))
        return sparse.csr_matrix(
            (np.asarray(values), np.asarray(indices, dtype=np.int64), np.asarray(indptr)),
            shape=(len(documents), self.n_features),
        )
