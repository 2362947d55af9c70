"""Fine-tune the cross-encoders (kg.match.cross_encoder) on the annotated pairs.

    pip install -e '.[train]'                # torch, at training time only
    python -m kg.match.train_cross_encoder   # one model per group of annotated sets left
                                             # out -> kg/match/cross_encoders/*.npz and the
                                             # held-out scores the pairwise model trains on

The base is all-MiniLM-L6-v2 as the sentence encoder ships it. Its weights stay frozen; what
is trained is a low-rank update (LoRA, rank ``RANK``) of every linear layer, the layer norms,
the segment embeddings (the sentence model never used the second segment) and a linear head
on the mean-pooled last layer: about 340,000 numbers, a 1.3 MB file instead of 90 MB. Each
pair is shown in both orders, for ``EPOCHS`` passes, beside claims paired with themselves
(:func:`restated`). Training is seeded and asks torch for deterministic kernels.

The annotated sets are dealt into ``MEMBERS`` groups (set i to group i mod ``MEMBERS``); one
model is trained per group with that group's sets left out, and scores them: every pair gets
a score from a model that never saw its set (``HELD_OUT_FILE``). The pairwise model
(kg.match.train) is trained on those scores; the matcher uses the mean of all the models,
none of which has seen the pair in front of it either.
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
    ALPHA,
    HELD_OUT_FILE,
    LINEARS,
    MAX_LENGTH,
    MODELS_DIR,
    RANK,
    pair_texts,
)
from kg.match.data import SETS, Pair, training_pairs
from kg.match.encoder import model_dir
from kg.match.rules import strip_says

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
#: Models in the shipped ensemble, each trained without one group of annotated sets.
MEMBERS = 4
#: One claim restated as its own review per this many annotated pairs (:func:`restated`).
RESTATED_EVERY = 3


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


def save(model: Any, path: Path, reference: Sequence[Pair], left_out: Sequence[str]) -> None:
    """The trained numbers (not the frozen base) as float32 arrays, with the logits of a few
    pairs that the numpy forward must reproduce and the names of the sets left out."""
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
        "left_out": list(left_out),
        "reference": [[p.claim, p.reviewed] for p in reference],
    }
    arrays["meta"] = np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8)
    with path.open("wb") as f:
        np.savez_compressed(f, **arrays)


def restated(pairs: Sequence[Pair], every: int = RESTATED_EVERY) -> list[Pair]:
    """Matches of a claim with itself, as a fact-checker words it ("Says ..."): one per
    ``every`` annotated pairs, its claim and its reviewed text in turn. The annotated sets
    pair a match in other words and a near-copy with one slot changed that does not match, so
    a model trained on them alone learns that two texts nearly alike differ: the /5 models
    trained without these gave 72% of texts set against themselves a negative logit, and the
    matcher called them the same only 38% of the time."""
    out = []
    for i, p in enumerate(pairs[::every]):
        text = strip_says(p.claim if i % 2 == 0 else p.reviewed).strip().removesuffix(".")
        out.append(
            Pair(f"{p.id}~restated", text, f"Says {text}.", True, "restated", None, None, p.source)
        )
    return out


def groups() -> list[list[str]]:
    """The annotated sets (file names) each member leaves out: set i goes to group i mod
    ``MEMBERS``, so every group holds sets written at different times."""
    return [[p.name for p in SETS[k::MEMBERS]] for k in range(MEMBERS)]


def train_members() -> None:
    """One model per group of sets left out, saved to ``MODELS_DIR``; every pair's score from
    the model that did not see its set, to ``HELD_OUT_FILE``."""
    pairs = training_pairs()
    scores: dict[tuple[str, str], float] = {}
    MODELS_DIR.mkdir(exist_ok=True)
    for old in MODELS_DIR.glob("*.npz"):
        old.unlink()
    for k, left_out in enumerate(groups()):
        t0 = time.perf_counter()
        test = [p for p in pairs if p.source in left_out]
        train_on = [p for p in pairs if p.source not in left_out]
        train_on += restated(train_on)
        model = train(train_on)
        for p, s in zip(test, score(model, test), strict=True):
            scores[(p.source, p.id)] = float(s)
        save(model, MODELS_DIR / f"member-{k}.npz", test[:REFERENCE], left_out)
        took = time.perf_counter() - t0
        print(f"  without {', '.join(left_out)}: trained on {len(train_on)} ({took:.0f} s)")
    with HELD_OUT_FILE.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(["source", "id", "logit"])
        for p in pairs:
            w.writerow([p.source, p.id, f"{scores[(p.source, p.id)]:.6f}"])
    print(f"wrote {MODELS_DIR}/*.npz and {HELD_OUT_FILE}")


def main() -> None:
    argparse.ArgumentParser(description=__doc__.split("\n")[0]).parse_args()
    _torch().set_num_threads(2)
    train_members()


if __name__ == "__main__":
    main()
