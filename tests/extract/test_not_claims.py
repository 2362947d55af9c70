"""What is not a claim: metadata lines, narration, non-reporting uses of reporting verbs."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kg.model import Extraction

Extract = Callable[[str], Extraction]


def test_metadata_lines_give_no_claims(extract: Extract) -> None:
    x = extract(
        "Rights groups say thousands detained\n"
        "Rights groups say thousands detained\n"
        "2 min read\n"
        "17 May, 2019\n"
        "By Jane Doe\n"
        "Officials say the camps are schools [Getty]\n"
        "© Copyright Example News 2024. All rights reserved.\n"
        "Follow us on Twitter: @ExampleNews\n"
    )
    assert [c.text for c in x.claims if not c.in_headline] == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The bridge was built in 1932 and carries 40,000 cars a day.",
        "She said goodbye to her colleagues and left the building.",
        "He told the story of his grandfather, a miner who worked there for 30 years.",
        "The spokesman did not say when the talks would resume.",
        "The two sides agreed to resume talks next month.",
        "Officials declined to say how many people had been arrested.",
        "The so-called 'peace plan' was never published.",
        "Many are urging the creation of an independent state.",
    ],
)
def test_narration_is_not_a_claim(extract: Extract, sentence: str) -> None:
    x = extract(f"News\n{sentence}\n")
    assert x.claims == [], [c.text for c in x.claims]


def test_attributed_headline_is_kept_and_marked(extract: Extract) -> None:
    x = extract(
        "Police say protest was peaceful\nThousands marched through the city on Saturday.\n"
    )
    assert [(c.text, c.in_headline) for c in x.claims] == [("protest was peaceful", True)]


def test_attribution_in_a_scene_setting_clause(extract: Extract) -> None:
    x = extract(
        "Coach leaves\nThe coach said goodbye to her players before the club announced her "
        "departure.\n"
    )
    assert x.claims == []


def test_headline_with_a_colon_attribution(extract: Extract) -> None:
    x = extract(
        "Police: suspect acted alone\nThe attack happened on Sunday night, officials said.\n"
    )
    headline = [c for c in x.claims if c.in_headline]
    assert [(c.text, x.actor(c.speaker).label) for c in headline] == [
        ("suspect acted alone", "police")
    ]


def test_headline_label_is_not_a_speaker(extract: Extract) -> None:
    x = extract("Analysis: why the talks failed again\nThe talks collapsed on Friday.\n")
    assert x.claims == []
