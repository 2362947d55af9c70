"""Fine-tune the cross-encoder (kg.match.cross_encoder) on the annotated pairs.

    pip install torch==2.13.0             # training only: the service runs it in numpy
    python -m kg.match.train_cross_encoder            # all pairs -> cross_encoder.npz
    python -m kg.match.train_cross_encoder --held-out # one model per set left out -> the
                                                      # scores the pairwise model trains on

The base is all-MiniLM-L6-v2 as the sentence encoder ships it. Its weights stay frozen; what
is trained is a low-rank update (LoRA, rank ``RANK``) of every linear layer, the layer norms,
the segment embeddings (the sentence model never used the second segment) and a linear head
on the mean-pooled last layer: about 340,000 numbers, a 1.3 MB file instead of 90 MB. Each
pair is shown in both orders, for ``EPOCHS`` passes. Training is seeded and asks torch for
deterministic kernels.

``--held-out`` trains one model per annotated set with that set left out and scores the set:
every pair gets a score from a model that never saw its set. The pairwise model
(kg.match.train) is trained on those scores, not on the shipped model's, which has seen every
pair and would look better on them than it is on new ones.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from kg.match.cross_encoder import (
    ADAPTER_FILE,
    ALPHA,
    HELD_OUT_FILE,
    LINEARS,
    MAX_LENGTH,
    RANK,
    pair_texts,
)
from kg.match.data import SETS, Pair, training_pairs
from kg.match.encoder import model_dir

if TYPE_CHECKING:
    import torch

SEED = 7
EPOCHS = 8
LEARNING_RATE = 1e-3
HEAD_LEARNING_RATE = 1e-3
BATCH = 16
DROPOUT = 0.1
#: Pairs whose shipped-model logits the adapter file records, for the numpy forward's test.
REFERENCE = 8


def _torch() -> Any:
    try:
        import torch
    except ImportError as e:  # pragma: no cover - a developer's set-up
        raise SystemExit("training the cross-encoder needs torch: pip install torch==2.13.0") from e
    return torch


def build(torch: Any) -> Any:
    """The MiniLM cross-encoder as a torch module, base weights frozen, adapters at zero."""
    nn = torch.nn
    from safetensors.numpy import load_file

    folder = model_dir()
    cfg = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    base = {
        k: torch.tensor(v.astype(np.float32))
        for k, v in load_file(str(folder / "model.safetensors")).items()
    }
    hidden, heads, eps = cfg["hidden_size"], cfg["num_attention_heads"], cfg["layer_norm_eps"]

    class LoRALinear(nn.Module):  # type: ignore[misc,name-defined]
        def __init__(self, name: str) -> None:
            super().__init__()
            self.weight = nn.Parameter(base[name + ".weight"].clone(), requires_grad=False)
            self.bias = nn.Parameter(base[name + ".bias"].clone(), requires_grad=False)
            out_dim, in_dim = self.weight.shape
            self.a = nn.Parameter(torch.randn(RANK, in_dim) / math.sqrt(in_dim))
            self.b = nn.Parameter(torch.zeros(out_dim, RANK))

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            return nn.functional.linear(x, self.weight, self.bias) + (ALPHA / RANK) * (
                (x @ self.a.T) @ self.b.T
            )

    def norm(name: str) -> Any:
        ln = nn.LayerNorm(hidden, eps=eps)
        ln.weight.data = base[name + ".weight"].clone()
        ln.bias.data = base[name + ".bias"].clone()
        return ln

    class CrossEncoder(nn.Module):  # type: ignore[misc,name-defined]
        def __init__(self) -> None:
            super().__init__()
            self.word = nn.Parameter(base["embeddings.word_embeddings.weight"], requires_grad=False)
            self.pos = nn.Parameter(
                base["embeddings.position_embeddings.weight"], requires_grad=False
            )
            self.segment = nn.Parameter(base["embeddings.token_type_embeddings.weight"].clone())
            self.emb_norm = norm("embeddings.LayerNorm")
            self.layers = nn.ModuleList()
            for i in range(cfg["num_hidden_layers"]):
                p = f"encoder.layer.{i}."
                layer = nn.Module()
                for short, name in LINEARS.items():
                    setattr(layer, short, LoRALinear(p + name))
                layer.norm1 = norm(p + "attention.output.LayerNorm")
                layer.norm2 = norm(p + "output.LayerNorm")
                self.layers.append(layer)
            self.head = nn.Linear(hidden, 1)
            nn.init.zeros_(self.head.weight)
            nn.init.zeros_(self.head.bias)
            self.drop = nn.Dropout(DROPOUT)

        def forward(
            self, ids: torch.Tensor, segments: torch.Tensor, mask: torch.Tensor
        ) -> torch.Tensor:
            b, n = ids.shape
            hd = hidden // heads
            x = self.emb_norm(self.word[ids] + self.pos[:n][None] + self.segment[segments])
            x = self.drop(x)
            for layer in self.layers:

                def split(t: torch.Tensor) -> torch.Tensor:
                    return t.view(b, n, heads, hd).transpose(1, 2)

                q, k, v = split(layer.query(x)), split(layer.key(x)), split(layer.value(x))
                s = (q @ k.transpose(-1, -2)) / math.sqrt(hd)
                s = s.masked_fill(~mask[:, None, None, :], -1e30)
                ctx = (s.softmax(-1) @ v).transpose(1, 2).reshape(b, n, hidden)
                x = layer.norm1(self.drop(layer.out(ctx)) + x)
                up = nn.functional.gelu(layer.up(x))
                x = layer.norm2(self.drop(layer.down(up)) + x)
            m = mask[..., None].float()
            pooled = (x * m).sum(1) / m.sum(1)
            return self.head(self.drop(pooled)).squeeze(-1)

    return CrossEncoder()


def _batch(torch: Any, tokenizer: Any, texts: Sequence[tuple[str, str]]) -> tuple[Any, Any, Any]:
    encs = tokenizer.encode_batch(list(texts))
    n = max(len(e.ids) for e in encs)
    ids = torch.zeros(len(encs), n, dtype=torch.long)
    segments = torch.zeros(len(encs), n, dtype=torch.long)
    mask = torch.zeros(len(encs), n, dtype=torch.bool)
    for row, e in enumerate(encs):
        ids[row, : len(e.ids)] = torch.tensor(e.ids)
        segments[row, : len(e.ids)] = torch.tensor(e.type_ids)
        mask[row, : len(e.ids)] = True
    return ids, segments, mask


def _tokenizer() -> Any:
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(model_dir() / "tokenizer.json"))
    tok.no_padding()
    tok.enable_truncation(max_length=MAX_LENGTH)
    return tok


def train(pairs: Sequence[Pair], seed: int = SEED) -> Any:
    """A cross-encoder fitted on ``pairs`` (both orders of each), in eval mode."""
    torch = _torch()
    torch.manual_seed(seed)
    torch.use_deterministic_algorithms(True)
    rng = np.random.default_rng(seed)
    tokenizer = _tokenizer()
    model = build(torch)
    adapters = [
        p for n, p in model.named_parameters() if p.requires_grad and not n.startswith("head")
    ]
    optimiser = torch.optim.AdamW(
        [
            {"params": adapters, "lr": LEARNING_RATE},
            {"params": list(model.head.parameters()), "lr": HEAD_LEARNING_RATE},
        ],
        weight_decay=0.01,
    )
    rows: list[tuple[tuple[str, str], float]] = []
    for p in pairs:
        a, b = pair_texts(p.claim, p.reviewed)
        rows += [((a, b), float(p.same)), ((b, a), float(p.same))]
    steps = EPOCHS * math.ceil(len(rows) / BATCH)
    warm = max(1, steps // 10)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min(1.0, (s + 1) / warm) * max(0.0, (steps - s) / (steps - warm + 1))
    )
    model.train()
    for _ in range(EPOCHS):
        order = rng.permutation(len(rows))
        for start in range(0, len(rows), BATCH):
            chunk = [rows[i] for i in order[start : start + BATCH]]
            ids, segments, mask = _batch(torch, tokenizer, [c[0] for c in chunk])
            y = torch.tensor([c[1] for c in chunk])
            loss = torch.nn.functional.binary_cross_entropy_with_logits(
                model(ids, segments, mask), y
            )
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
    model.eval()
    return model


def score(model: Any, pairs: Sequence[Pair]) -> np.ndarray:
    """The model's logit for each pair, averaged over its two orders."""
    torch = _torch()
    tokenizer = _tokenizer()
    out: list[float] = []
    with torch.no_grad():
        for start in range(0, len(pairs), 32):
            chunk = [pair_texts(p.claim, p.reviewed) for p in pairs[start : start + 32]]
            ab = model(*_batch(torch, tokenizer, chunk))
            ba = model(*_batch(torch, tokenizer, [(b, a) for a, b in chunk]))
            out += ((ab + ba) / 2).tolist()
    return np.array(out)


def save(model: Any, path: Path, reference: Sequence[Pair]) -> None:
    """The trained numbers (not the frozen base) as float32 arrays, with the logits of a few
    pairs that the numpy forward must reproduce."""
    arrays = {
        name: p.detach().numpy().astype(np.float32)
        for name, p in model.named_parameters()
        if p.requires_grad
    }
    arrays["reference_logits"] = score(model, reference).astype(np.float32)
    meta = {
        "rank": RANK,
        "alpha": ALPHA,
        "epochs": EPOCHS,
        "seed": SEED,
        "reference": [[p.claim, p.reviewed] for p in reference],
    }
    arrays["meta"] = np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8)
    with path.open("wb") as f:
        np.savez_compressed(f, **arrays)


def held_out() -> None:
    """One model per set left out; every pair's score from the model that did not see it."""
    pairs = training_pairs()
    scores: dict[tuple[str, str], float] = {}
    for path in SETS:
        t0 = time.perf_counter()
        test = [p for p in pairs if p.source == path.name]
        model = train([p for p in pairs if p.source != path.name])
        for p, s in zip(test, score(model, test), strict=True):
            scores[(p.source, p.id)] = float(s)
        print(f"  {path.name}: {len(test)} pairs scored ({time.perf_counter() - t0:.0f} s)")
    with HELD_OUT_FILE.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(["source", "id", "logit"])
        for p in pairs:
            w.writerow([p.source, p.id, f"{scores[(p.source, p.id)]:.6f}"])
    print(f"wrote {HELD_OUT_FILE}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--held-out", action="store_true", help="score each set by a model without it"
    )
    args = parser.parse_args()
    _torch().set_num_threads(2)
    if args.held_out:
        held_out()
        return
    pairs = training_pairs()
    t0 = time.perf_counter()
    model = train(pairs)
    save(model, ADAPTER_FILE, pairs[:REFERENCE])
    size = ADAPTER_FILE.stat().st_size / 1e6
    print(f"wrote {ADAPTER_FILE} ({size:.1f} MB, {time.perf_counter() - t0:.0f} s)")


if __name__ == "__main__":
    main()
