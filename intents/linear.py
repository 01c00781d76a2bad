"""Multinomial logistic regression (softmax) trained by mini-batch AdaGrad on sparse features.

Why not scikit-learn's estimators: on a 150 intents x 100 phrases catalog (15,000 x ~86,000
sparse TF-IDF, 1.5 M non-zeros) on this 2-core machine (other jobs running) ``LogisticRegression``
(lbfgs) took 22 s, ``saga`` 13 s, ``LinearSVC`` 13 s and ``SGDClassifier(loss="log_loss")``
4-12 s, mostly one-vs-rest and per-class overhead. This trainer makes passes of mini-batches
of 256 phrases; each batch only gathers and updates the weight rows of the features it
contains (per-feature AdaGrad step, L2), so an epoch costs about two sparse x dense products:
3 epochs, 3-5 s, at that size. Small catalogs get more epochs (a fixed budget of 150 updates).
The weights are averaged over the second half of the epochs, which removes most of the
seed-to-seed noise (dev-set accuracy +-0.1 point instead of +-0.7).

On the shipped catalog's dev set this model, alone, reached 0.79 in-scope accuracy at 90 %
out-of-scope rejection, against 0.69 for ``LogisticRegression(C=10)`` on the same features.

The model is plain arrays: ``coef`` (features x classes, float32) and ``intercept``; scoring is
``softmax(x @ coef + intercept)``. Training is deterministic for a given seed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import sparse

__all__ = ["SoftmaxModel", "softmax", "train_softmax"]

_BATCH = 256
_UPDATE_BUDGET = 150  # mini-batch updates; small catalogs get more epochs
_MIN_EPOCHS, _MAX_EPOCHS = 3, 60


@dataclass(frozen=True)
class SoftmaxModel:
    """Trained weights: ``scores = x @ coef + intercept``."""

    coef: npt.NDArray[np.float32]
    intercept: npt.NDArray[np.float32]


def softmax(scores: npt.NDArray[np.floating]) -> npt.NDArray[np.float64]:
    """Row-wise softmax of a 1-D or 2-D score array (float64 result)."""
    e = np.asarray(scores, dtype=np.float64) - scores.max(axis=-1, keepdims=True)
    np.exp(e, out=e)
    e /= e.sum(axis=-1, keepdims=True)
    return e


def train_softmax(
    x: sparse.csr_matrix,
    y: npt.NDArray[np.intp],
    n_classes: int,
    *,
    l2: float = 1e-4,
    learning_rate: float = 0.5,
    epochs: int | None = None,
    average: bool = True,
    seed: int = 0,
) -> SoftmaxModel:
    """Fit multinomial logistic regression on sparse ``x`` (rows) and class ids ``y``."""
    x = sparse.csr_matrix(x, dtype=np.float32)
    n, d = x.shape
    if epochs is None:
        batches_per_epoch = math.ceil(n / _BATCH)
        epochs = min(_MAX_EPOCHS, max(_MIN_EPOCHS, math.ceil(_UPDATE_BUDGET / batches_per_epoch)))
    coef = np.zeros((d, n_classes), dtype=np.float32)
    intercept = np.zeros(n_classes, dtype=np.float32)
    g2 = np.full(d, 1e-8, dtype=np.float32)
    gb2 = np.full(n_classes, 1e-8, dtype=np.float32)
    onehot = np.eye(n_classes, dtype=np.float32)
    rng = np.random.default_rng(seed)
    # Averaging the weights at the end of each epoch of the second half (Polyak averaging)
    # removes most of the seed-to-seed noise of the last mini-batches.
    avg_coef = np.zeros_like(coef)
    avg_intercept = np.zeros_like(intercept)
    n_avg = 0
    for epoch in range(epochs):
        order = rng.permutation(n)
        xs = x[order]
        ys = y[order]
        for start in range(0, n, _BATCH):
            stop = min(start + _BATCH, n)
            rows = slice(xs.indptr[start], xs.indptr[stop])
            # Remap the batch's feature ids to 0..k-1 so only k weight rows are touched.
            cols, inverse = np.unique(xs.indices[rows], return_inverse=True)
            batch = sparse.csr_matrix(
                (xs.data[rows], inverse.ravel(), xs.indptr[start : stop + 1] - xs.indptr[start]),
                shape=(stop - start, len(cols)),
            )
            w = coef[cols]
            grad_scores = batch @ w
            grad_scores += intercept
            grad_scores -= grad_scores.max(axis=1, keepdims=True)
            np.exp(grad_scores, out=grad_scores)
            grad_scores /= grad_scores.sum(axis=1, keepdims=True)
            grad_scores -= onehot[ys[start:stop]]
            grad_scores /= stop - start
            grad_w = batch.T @ grad_scores
            grad_w += l2 * w
            g2[cols] += np.einsum("ij,ij->i", grad_w, grad_w) / n_classes
            grad_w *= (learning_rate / np.sqrt(g2[cols]))[:, None]
            coef[cols] = w - grad_w
            grad_b = grad_scores.sum(axis=0)
            gb2 += grad_b * grad_b
            intercept -= learning_rate * grad_b / np.sqrt(gb2)
        if average and epoch >= epochs // 2:
            avg_coef += coef
            avg_intercept += intercept
            n_avg += 1
    if n_avg:
        coef = avg_coef / np.float32(n_avg)
        intercept = avg_intercept / np.float32(n_avg)
    return SoftmaxModel(coef=coef, intercept=intercept)
