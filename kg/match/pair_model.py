"""The pairwise model: L2-regularised logistic regression over kg.match.features, in numpy.

653 annotated pairs are too few for anything with many parameters; a linear model over twenty
standardised features, fitted by Newton's method (exact, deterministic, no learning rate),
is what they can support, and its weights can be read. The weights, the standardisation,
the decision threshold and the cosine floor travel in a small JSON file inside the package.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

F64 = NDArray[np.float64]

MODEL_FILE = Path(__file__).with_name("pair_model.json")


def sigmoid(z: F64) -> F64:
    """The logistic function, without overflow for large |z|."""
    out: F64 = np.exp(-np.logaddexp(0.0, -z))
    return out


def fit_logistic(x: F64, y: F64, l2: float, iterations: int = 50) -> tuple[F64, float]:
    """Weights and bias minimising the mean log loss plus ``l2``/2 * |w|^2 (the bias is not
    penalised), by Newton's method on standardised ``x``."""
    n, d = x.shape
    xb = np.hstack([x, np.ones((n, 1))])
    w = np.zeros(d + 1)
    penalty = np.full(d + 1, l2)
    penalty[-1] = 0.0
    for _ in range(iterations):
        p = sigmoid(xb @ w)
        grad = xb.T @ (p - y) / n + penalty * w
        hess = (xb.T * (p * (1 - p))) @ xb / n + np.diag(penalty) + 1e-9 * np.eye(d + 1)
        step = np.linalg.solve(hess, grad)
        w -= step
        if float(np.abs(step).max()) < 1e-12:
            break
    return w[:-1], float(w[-1])


@dataclass(frozen=True)
class PairModel:
    """A fitted model: probability = sigmoid(((x - mean) / scale) . weights + bias); a pair is
    the same claim when its cosine is at least ``floor`` and its probability at least
    ``threshold``."""

    names: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    l2: float
    threshold: float
    floor: float

    @classmethod
    def fit(cls, names: tuple[str, ...], x: F64, y: F64, l2: float) -> PairModel:
        """Fit the weights (threshold and floor are set apart, see kg.match.train)."""
        mean = x.mean(axis=0)
        scale = x.std(axis=0)
        scale[scale < 1e-9] = 1.0
        w, b = fit_logistic((x - mean) / scale, y, l2)
        return cls(
            names,
            tuple(float(v) for v in mean),
            tuple(float(v) for v in scale),
            tuple(float(v) for v in w),
            b,
            l2,
            0.5,
            0.0,
        )

    def probability(self, x: F64) -> F64:
        """Probabilities of rows of features (or of one feature vector)."""
        z = (x - np.asarray(self.mean)) / np.asarray(self.scale) @ np.asarray(self.weights)
        return sigmoid(z + self.bias)

    def with_decision(self, threshold: float, floor: float) -> PairModel:
        return PairModel(
            self.names,
            self.mean,
            self.scale,
            self.weights,
            self.bias,
            self.l2,
            threshold,
            floor,
        )

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=1) + "\n"

    @classmethod
    def from_json(cls, text: str) -> PairModel:
        d = json.loads(text)
        return cls(
            tuple(d["names"]),
            tuple(d["mean"]),
            tuple(d["scale"]),
            tuple(d["weights"]),
            float(d["bias"]),
            float(d["l2"]),
            float(d["threshold"]),
            float(d["floor"]),
        )


@cache
def shipped_model() -> PairModel:
    """The model that ships with the package (written by ``python -m kg.match.train``)."""
    from kg.match.features import NAMES

    model = PairModel.from_json(MODEL_FILE.read_text(encoding="utf-8"))
    if model.names != NAMES:
        raise RuntimeError(f"{MODEL_FILE} was trained on other features: retrain it")
    return model


def shipped_decision() -> tuple[float, float]:
    """The shipped threshold and floor, read without checking the feature names, so that the
    package imports (and ``python -m kg.match.train`` runs) while the model is out of date;
    (0.5, 0.0) before any model is written."""
    if not MODEL_FILE.is_file():
        return 0.5, 0.0
    d = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    return float(d["threshold"]), float(d["floor"])
