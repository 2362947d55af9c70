"""Train the speaker ranker on the project's gold, and estimate it honestly.

    python -m kg.extract.train              # write kg/extract/speaker_ranker.bin
    python -m kg.extract.train --loso       # leave-one-set-out: each set scored by a model
                                            # trained on all the others, beside the rules

The training sets are the annotated sets under tests/data: the eval set, heldout ... heldout13,
train-a ... train-d, and fresh-a ... fresh-n since their one scoring; a sealed set (fresh-o,
fresh-p) is never read here. The rules run alone over every article; each claim whose content
matches a gold claim gives one example per candidate speaker
(kg.extract.speaker_ranker.choices), labelled by whether its label is one the annotator
accepts (kg.extract.gold). Training is thinc's (spaCy's machine learning library): Adam, a
fixed seed, a fixed number of epochs, so the same data gives the same bytes.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from thinc.api import Adam, fix_random_seed

from kg.extract import Extractor
from kg.extract.gold import accepted_speakers, match_claims, norm_name
from kg.extract.speaker_ranker import (
    WEIGHTS,
    Choice,
    Docs,
    SpeakerRanker,
    build_model,
    choices,
)
from kg.model import Actor, Claim, Extraction
from kg.readers import read_path

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data"
SETS = (
    "eval",
    "heldout",
    *(f"heldout{n}" for n in range(2, 14)),
    *(f"train-{x}" for x in "abcd"),
    *(f"fresh-{x}" for x in "abcdefghijklmnopqr"),
)
SEED = 0
EPOCHS = 40
BATCH = 64
LEARN_RATE = 0.003
# margins (in probability) by which the best candidate may have to beat the rules' choice
MARGINS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6)
# groups of sets the margin is chosen over (each left out of training in turn)
FOLDS = 5


class _Recorder(SpeakerRanker):
    """Keeps each article's candidates instead of deciding (the rules' speakers stand).
    ``Extractor.extract_many`` runs an article's ``decide`` just before it yields the
    article, so ``last`` belongs to the extraction just yielded."""

    def __init__(self) -> None:
        self.last: list[Choice] = []

    def decide(
        self, claims: list[Claim], actors: list[Actor], gender: dict[str, str], docs: Docs
    ) -> None:
        self.last = choices(claims, actors, gender, docs)


@dataclass
class Article:
    """One article's rules-only extraction, its gold, and its claims' candidates."""

    name: str
    extraction: Extraction
    gold: dict[str, Any]
    choices: list[Choice]
    labels: list[np.ndarray]  # per choice: 1.0 where the candidate is an accepted speaker


def read_set(folder: Path, extractor: Extractor, recorder: _Recorder) -> list[Article]:
    golds = sorted(folder.glob("*.gold.json"))
    texts = [g.with_name(g.name.removesuffix(".gold.json") + ".txt") for g in golds]
    out: list[Article] = []
    for gold_path, x in zip(
        golds, extractor.extract_many(read_path(t) for t in texts), strict=True
    ):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        by_claim = {pi: gi for gi, pi in match_claims(x, gold).items()}
        found, labels = [], []
        for choice in recorder.last:
            gi = by_claim.get(choice.claim)
            if gi is None:
                continue  # no gold claim: nothing says who spoke
            ok = accepted_speakers(gold["claims"][gi])
            labels.append(
                np.asarray([norm_name(x.actor(k).label) in ok for k in choice.keys], "float32")
            )
            found.append(choice)
        out.append(Article(gold_path.name, x, gold, found, labels))
    return out


def read_sets(names: Sequence[str]) -> dict[str, list[Article]]:
    recorder = _Recorder()
    extractor = Extractor(ranker=recorder)
    return {name: read_set(DATA / name, extractor, recorder) for name in names}


def train(articles: list[Article], margin: float | None = None) -> SpeakerRanker:
    """A ranker trained on every candidate of the given articles' matched claims."""
    x = np.concatenate([c.x for a in articles for c in a.choices])
    y = np.concatenate([lab for a in articles for lab in a.labels])[:, None]
    fix_random_seed(SEED)
    model = build_model()
    model.initialize(X=x[:BATCH], Y=y[:BATCH])
    optimizer = Adam(LEARN_RATE)
    rng = np.random.RandomState(SEED)
    for _ in range(EPOCHS):
        order = rng.permutation(len(x))
        for at in range(0, len(x), BATCH):
            idx = order[at : at + BATCH]
            logits, backprop = model.begin_update(x[idx])
            p = 1 / (1 + np.exp(-logits))
            backprop((p - y[idx]) / len(idx))
            model.finish_update(optimizer)
    return SpeakerRanker(model, margin)


def gains(ranker: SpeakerRanker, articles: list[Article]) -> np.ndarray:
    """For each of ``MARGINS``: right speakers gained minus lost by overruling the rules."""
    out = np.zeros(len(MARGINS), dtype=int)
    for a in articles:
        for choice, labels in zip(a.choices, a.labels, strict=True):
            p = ranker.scores(choice.x)
            for n, margin in enumerate(MARGINS):
                best = ranker.pick(p, margin)
                if best is not None:
                    out[n] += int(labels[best]) - int(labels[0])
    return out


def fit(sets: dict[str, list[Article]]) -> SpeakerRanker:
    """The ranker trained on all ``sets``, with the margin that gained most when each of
    ``FOLDS`` groups of sets in turn was left out of training and scored (no margin if none
    gained)."""
    names = list(sets)
    total = np.zeros(len(MARGINS), dtype=int)
    for k in range(FOLDS):
        held = set(names[k::FOLDS])
        inner = train([a for name in names if name not in held for a in sets[name]])
        total += gains(inner, [a for name in held for a in sets[name]])
    best = int(np.argmax(total))
    margin = MARGINS[best] if total[best] > 0 else None
    return train([a for arts in sets.values() for a in arts], margin)


def score(articles: list[Article], ranker: SpeakerRanker | None) -> tuple[int, int, int]:
    """(right, predicted, gold): claims with the right content and speaker, when ``ranker``
    (or the rules alone, with None) may overrule the speakers of the recorded candidates."""
    right = predicted = gold_n = 0
    for a in articles:
        speakers = {n: c.speaker for n, c in enumerate(a.extraction.claims)}
        if ranker is not None:
            for choice in a.choices:
                best = ranker.pick(ranker.scores(choice.x))
                if best is not None:
                    speakers[choice.claim] = choice.keys[best]
        predicted += len(a.extraction.claims)
        gold_n += len(a.gold["claims"])
        for gi, pi in match_claims(a.extraction, a.gold).items():
            label = norm_name(a.extraction.actor(speakers[pi]).label)
            right += label in accepted_speakers(a.gold["claims"][gi])
    return right, predicted, gold_n


def loso(sets: dict[str, list[Article]]) -> None:
    """Each set scored by a ranker fitted (margin included) on all the others."""
    print(f"{'held-out set':14} {'gold':>5}  {'rules P / R':>13}  {'model P / R':>13}  margin")
    totals = np.zeros((2, 3), dtype=int)
    for held in sets:
        ranker = fit({name: arts for name, arts in sets.items() if name != held})
        rules = score(sets[held], None)
        model = score(sets[held], ranker)
        totals += np.asarray([rules, model])
        print(f"{held:14} {rules[2]:5}  {_pr(rules):>13}  {_pr(model):>13}  {ranker.margin}")
    print(f"{'pooled':14} {totals[0][2]:5}  {_pr(totals[0]):>13}  {_pr(totals[1]):>13}")


def _pr(s: Sequence[int] | np.ndarray) -> str:
    right, predicted, gold = (int(v) for v in s)
    return f"{right / predicted:.3f} / {right / gold:.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kg.extract.train", description=__doc__)
    parser.add_argument("--loso", action="store_true", help="leave-one-set-out estimate")
    parser.add_argument(
        "-o", "--output", type=Path, default=Path(__file__).with_name(WEIGHTS), help="weights"
    )
    args = parser.parse_args(argv)
    sets = read_sets(SETS)
    if args.loso:
        loso(sets)
        return 0
    ranker = fit(sets)
    args.output.write_bytes(ranker.to_bytes())
    n = sum(len(a.choices) for arts in sets.values() for a in arts)
    print(
        f"wrote {args.output} ({args.output.stat().st_size} bytes; {n} claims; "
        f"margin {ranker.margin})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
