"""A cross-encoder: the two claims read together, in one pass of the sentence model.

The pairwise model's features compare two claims word by word; what they miss is a claim
about the same subject that says something else of it ("causes infertility" / "caused
deaths", "paid out dividends" / "was fined") and a scope narrowed in passing ("young people
in South Africa" / "South Africans"). Reading the pair in one pass lets every word of one
attend to every word of the other. No permissively licensed NLI or paraphrase cross-encoder
ships on PyPI (checked in session 10), so this one is all-MiniLM-L6-v2, the sentence
encoder already shipped, fine-tuned on factkg's annotated pairs by
``python -m kg.match.train_cross_encoder`` (torch, at training time only). Only what
fine-tuning changed ships (low-rank updates, layer norms, segment embeddings, the head:
one ``.npz`` of 1.3 MB per model); it runs here in numpy on the encoder's own weights.

What ships is an ensemble: a few models, each trained without one group of the annotated
sets (``MODELS_DIR``), and a pair's logit is their mean. Its logit is one feature of the pairwise
model (kg.match.features), which is trained on the logit each annotated pair got from the
member that never saw the pair's set (``HELD_OUT_FILE``). A pair met in use is new to every
member, so the mean is a logit of the kind the pairwise model learnt from, and the members
are trained for the held-out logits anyway. (A single model trained on every set scored 260
new pairs no worse, 0.786 / 0.931 against the mean's 0.784 / 0.923, at a quarter of the cost
per candidate, but needs a training of its own; docs/benchmarks.md, /5.)
"""

from __future__ import annotations

import csv
import json
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from kg.match.data import DATA
from kg.match.encoder import Adapter, Encoder, LayerAdapter, get_encoder, mean_pool
from kg.match.rules import figures, prepare

MODELS_DIR = Path(__file__).with_name("cross_encoders")
HELD_OUT_FILE = DATA / "cross_encoder_held_out.tsv"
RANK = 8
ALPHA = 16.0
MAX_LENGTH = 256
#: The linear maps of a layer that carry a low-rank update, by their names in the base model.
LINEARS: dict[str, str] = {
    "query": "attention.self.query",
    "key": "attention.self.key",
    "value": "attention.self.value",
    "out": "attention.output.dense",
    "up": "intermediate.dense",
    "down": "output.dense",
}

F32 = NDArray[np.float32]


def pair_texts(claim: str, reviewed: str) -> tuple[str, str]:
    """The two texts as the cross-encoder reads them: "Says" dropped, as for the encoder, and
    shares in words as the figures they are ("one in four", "by half": 25%, 50%), as the
    rules read them; 653 pairs are too few to teach a model that "half" is "50%"."""
    return figures(prepare(claim)), figures(prepare(reviewed))


class CrossEncoder:
    """The fine-tuned pair scorer: logits, higher for two claims that say the same."""

    def __init__(self, encoder: Encoder, path: Path) -> None:
        self.encoder = encoder
        with np.load(path) as f:
            arrays = {k: f[k] for k in f.files}
        self.meta = json.loads(arrays.pop("meta").tobytes().decode("utf-8"))
        #: The annotated sets (file names) this model was trained without.
        self.left_out: tuple[str, ...] = tuple(self.meta["left_out"])
        self.reference_logits: F32 = arrays.pop("reference_logits")
        scale = np.float32(self.meta["alpha"] / self.meta["rank"])

        def low_rank(prefix: str) -> tuple[F32, F32]:
            return arrays[prefix + ".a"], arrays[prefix + ".b"] * scale

        def norm(prefix: str) -> tuple[F32, F32]:
            return arrays[prefix + ".weight"], arrays[prefix + ".bias"]

        layers = []
        i = 0
        while f"layers.{i}.query.a" in arrays:
            p = f"layers.{i}."
            layers.append(
                LayerAdapter(
                    **{short: low_rank(p + short) for short in LINEARS},
                    ln1=norm(p + "norm1"),
                    ln2=norm(p + "norm2"),
                )
            )
            i += 1
        self.adapter = Adapter(arrays["segment"], norm("emb_norm"), tuple(layers))
        self.head_w: F32 = arrays["head.weight"][0]
        self.head_b = float(arrays["head.bias"][0])

    def logits(self, pairs: Sequence[tuple[str, str]], *, batch_size: int = 32) -> F32:
        """One logit per (first, second) pair of texts, as given (not prepared)."""
        out = np.zeros(len(pairs), dtype=np.float32)
        order = sorted(range(len(pairs)), key=lambda i: len(pairs[i][0]) + len(pairs[i][1]))
        for start in range(0, len(order), batch_size):
            chunk = order[start : start + batch_size]
            ids, mask, segments = self.encoder.tokenize_pairs([pairs[i] for i in chunk])
            hidden = self.encoder.forward(ids, mask, segments=segments, adapter=self.adapter)
            out[chunk] = mean_pool(hidden, mask) @ self.head_w + np.float32(self.head_b)
        return out

    def score(self, claims: Sequence[str], reviewed: Sequence[str]) -> F32:
        """The logit of each (claim, reviewed claim) pair, the mean of its two orders (the
        model was trained on both)."""
        texts = [pair_texts(a, b) for a, b in zip(claims, reviewed, strict=True)]
        both = self.logits(texts + [(b, a) for a, b in texts])
        out: F32 = (both[: len(texts)] + both[len(texts) :]) / np.float32(2.0)
        return out


class Ensemble:
    """The shipped cross-encoders, each trained without some annotated sets; a pair scores
    their mean."""

    def __init__(self, encoder: Encoder, folder: Path = MODELS_DIR) -> None:
        self.encoder = encoder
        self.members = [CrossEncoder(encoder, p) for p in sorted(folder.glob("*.npz"))]
        if not self.members:
            raise FileNotFoundError(f"{folder}: no cross-encoder (*.npz)")

    def member(self, left_out: str) -> CrossEncoder:
        """The member trained without the annotated set ``left_out`` (a file name)."""
        return next(m for m in self.members if left_out in m.left_out)

    def score(self, claims: Sequence[str], reviewed: Sequence[str]) -> F32:
        """The mean over the members of each (claim, reviewed claim) pair's logit."""
        out: F32 = np.mean([m.score(claims, reviewed) for m in self.members], axis=0).astype(
            np.float32
        )
        return out


_lock = threading.Lock()
_loaded: dict[int, Ensemble] = {}


def get_cross_encoder(encoder: Encoder | None = None) -> Ensemble:
    """The cross-encoders on ``encoder``'s weights (the process-wide encoder's by default),
    loaded once per encoder: 1.3 MB of their own each."""
    encoder = encoder or get_encoder()
    with _lock:
        found = _loaded.get(id(encoder))
        if found is None or found.encoder is not encoder:
            found = _loaded[id(encoder)] = Ensemble(encoder)
        return found


def held_out_scores() -> dict[tuple[str, str], float]:
    """Each annotated pair's logit from the model trained without its set, by (file, id)."""
    with HELD_OUT_FILE.open(encoding="utf-8", newline="") as f:
        return {
            (r["source"], r["id"]): float(r["logit"])
            for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        }
