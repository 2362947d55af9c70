"""Train the pairwise model on all annotated pairs and write kg/match/pair_model.json.

    python -m kg.match.train

Deterministic: the L2 strength, the decision threshold and the cosine floor are chosen on
out-of-fold probabilities of a stratified 5-fold split of the training pairs drawn with a fixed
seed (in-sample probabilities would be over-confident and pick a threshold too low), then
the weights are refit on all of them. benchmarks/match_eval.py calls ``fit_decider`` inside
each cross-validation fold, so that everything fitted is fitted on the training folds only.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from kg.match.align import WordVectors, content_words
from kg.match.cross_encoder import get_cross_encoder, held_out_scores
from kg.match.data import Pair, training_pairs
from kg.match.encoder import Encoder, get_encoder
from kg.match.features import NAMES, pair_features
from kg.match.pair_model import F64, MODEL_FILE, PairModel
from kg.match.rules import prepare

SEED = 13
FOLDS = 5
L2_GRID: tuple[float, ...] = (0.01, 0.03, 0.1, 0.3, 1.0)
FLOOR_GRID: tuple[float, ...] = (0.30, 0.35, 0.40, 0.45, 0.50, 0.55)
THRESHOLD_GRID: tuple[float, ...] = tuple(round(0.05 + 0.01 * i, 2) for i in range(91))
#: A false "already fact-checked" misleads a reader; a miss only costs a look-up: the decision
#: maximises F-beta with beta 0.5, precision weighing twice what recall does. (Asking for the
#: highest recall at precision >= 0.9 left out-of-fold recall at 0.3-0.45 on 393 pairs: the
#: model's precision plateaus near 0.9 only where it accepts almost nothing.)
BETA = 0.5


def cosines(pairs: Sequence[Pair], encoder: Encoder) -> F64:
    """Sentence cosines of the pairs, texts prepared as the matcher prepares them."""
    a = encoder.encode([prepare(p.claim) for p in pairs])
    b = encoder.encode([prepare(p.reviewed) for p in pairs])
    out: F64 = (a * b).sum(axis=1).astype(np.float64)
    return out


def training_logits(pairs: Sequence[Pair], encoder: Encoder) -> F64:
    """Each pair's cross-encoder logit: for an annotated training pair the one from the model
    trained without its set (kg.match.cross_encoder.HELD_OUT_FILE), so that the pairwise
    model learns how far to trust the logit on pairs the cross-encoder has not seen; for any
    other pair (a sealed set) the shipped model's."""
    held_out = held_out_scores()
    out = np.zeros(len(pairs))
    fresh = [i for i, p in enumerate(pairs) if (p.source, p.id) not in held_out]
    for i, p in enumerate(pairs):
        out[i] = held_out.get((p.source, p.id), 0.0)
    if fresh:
        ce = get_cross_encoder(encoder)
        out[fresh] = ce.score([pairs[i].claim for i in fresh], [pairs[i].reviewed for i in fresh])
    return out


def feature_matrix(pairs: Sequence[Pair], encoder: Encoder) -> tuple[F64, F64, F64]:
    """Features, labels (1.0 same) and cosines of the pairs."""
    cos = cosines(pairs, encoder)
    cross = training_logits(pairs, encoder)
    vectors = WordVectors(encoder)
    # one batched encoding of every word beats hundreds of small ones
    vectors.get(
        sorted(
            {w.text.lower() for p in pairs for t in (p.claim, p.reviewed) for w in content_words(t)}
        )
    )
    x = np.stack(
        [
            pair_features(p.claim, p.reviewed, float(c), vectors, float(z))
            for p, c, z in zip(pairs, cos, cross, strict=True)
        ]
    )
    y = np.array([1.0 if p.same else 0.0 for p in pairs])
    return x, y, cos


def stratified_folds(y: F64, seed: int, k: int = FOLDS) -> NDArray[np.int64]:
    """A fold number per row, the positive and negative rows each dealt round the k folds."""
    rng = np.random.default_rng(seed)
    fold = np.zeros(len(y), dtype=np.int64)
    for label in (1.0, 0.0):
        rows = np.flatnonzero(y == label)
        rng.shuffle(rows)
        fold[rows] = np.arange(len(rows)) % k
    return fold


def precision_recall(said: NDArray[np.bool_], y: F64) -> tuple[float, float]:
    tp = float((said & (y == 1)).sum())
    fp = float((said & (y == 0)).sum())
    fn = float((~said & (y == 1)).sum())
    return (tp / (tp + fp) if tp + fp else 1.0), (tp / (tp + fn) if tp + fn else 1.0)


def f_beta(precision: float, recall: float, beta: float = BETA) -> float:
    b2 = beta * beta
    denominator = b2 * precision + recall
    return (1 + b2) * precision * recall / denominator if denominator else 0.0


def choose_decision(p: F64, cos: F64, y: F64) -> tuple[float, float]:
    """Threshold and cosine floor with the best F-beta (:data:`BETA`); among equals the higher
    precision, then the highest floor (fewer candidates to score) and the middle of the
    plateau of thresholds."""
    best: tuple[tuple[float, ...], float, float] | None = None
    for floor in FLOOR_GRID:
        scored = []
        for t in THRESHOLD_GRID:
            prec, rec = precision_recall((p >= t) & (cos >= floor), y)
            key = (round(f_beta(prec, rec), 9), prec)
            scored.append((key, t))
        top = max(k for k, _ in scored)
        t = float(statistics.median(t for k, t in scored if k == top))
        if best is None or top >= best[0]:
            best = (top, t, floor)
    assert best is not None
    return round(best[1], 3), best[2]


def out_of_fold(x: F64, y: F64, l2: float, seed: int) -> F64:
    """Probabilities of each row from a model fitted on the other folds."""
    fold = stratified_folds(y, seed)
    p = np.zeros(len(y))
    for f in range(FOLDS):
        train, test = fold != f, fold == f
        p[test] = PairModel.fit(NAMES, x[train], y[train], l2).probability(x[test])
    return p


def log_loss(p: F64, y: F64) -> float:
    q = np.clip(p, 1e-12, 1 - 1e-12)
    return float(-(y * np.log(q) + (1 - y) * np.log(1 - q)).mean())


def fit_decider(x: F64, y: F64, cos: F64, seed: int = SEED) -> PairModel:
    """The whole fit on some pairs: L2 strength by out-of-fold log loss, threshold and floor
    on those out-of-fold probabilities, then the weights on all the given pairs."""
    oof = {l2: out_of_fold(x, y, l2, seed) for l2 in L2_GRID}
    l2 = min(L2_GRID, key=lambda v: (log_loss(oof[v], y), -v))
    threshold, floor = choose_decision(oof[l2], cos, y)
    return PairModel.fit(NAMES, x, y, l2).with_decision(threshold, floor)


def train(encoder: Encoder | None = None) -> PairModel:
    """The model fitted on all annotated pairs with the fixed seed."""
    x, y, cos = feature_matrix(training_pairs(), encoder or get_encoder())
    return fit_decider(x, y, cos, SEED)


def main() -> None:
    model = train()
    MODEL_FILE.write_text(model.to_json(), encoding="utf-8")
    print(f"wrote {MODEL_FILE} (L2 {model.l2}, threshold {model.threshold}, floor {model.floor})")
    for name, w in sorted(zip(model.names, model.weights, strict=True), key=lambda nw: -abs(nw[1])):
        print(f"  {name:24} {w:+.3f}")
    print(f"  {'bias':24} {model.bias:+.3f}")


if __name__ == "__main__":
    main()
