"""What is not a claim: metadata lines, narration, non-reporting uses of reporting verbs,
hopes, requests, questions, banners, naming, finding things, mutual blame."""

from __future__ import annotations

import pytest

from tests.extract.helpers import DATED, Extract, check, claim_with


@pytest.mark.parametrize(
    "paragraph",
    [
        pytest.param(
            "The inspectors found what the workers had built in secret.\n",
            id="a_plain_what_clause_is_no_claim",
        ),
        pytest.param(
            "While the mayor was speaking, the lights went out.\n",
            id="while_as_time_is_still_background",
        ),
        pytest.param(
            "It is a programme that officials hope will reach every village.\n",
            id="relative_clause_with_hope_is_still_no_claim",
        ),
        pytest.param(
            'Nobody in the valley uses the word "drought" for the dry months; farmers call it '
            "kiremt, the waiting, and keep the word for years like this one.\n",
            id="call_as_naming_is_not_a_claim",
        ),
    ],
)
def test_no_claim_in_the_paragraph(extract: Extract, paragraph: str) -> None:
    """The paragraph holds no claim."""
    assert extract(DATED + paragraph).claims == []


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


@pytest.mark.parametrize(
    "paragraph",
    [
        "Rescuers found him alive under the rubble.",
        "Divers found the wreck on Tuesday.",
        "The inspectors found what the workers had hidden.",
    ],
)
def test_finding_something_is_no_claim(extract: Extract, paragraph: str) -> None:
    assert extract(DATED + paragraph + "\n").claims == []


@pytest.mark.parametrize(
    "paragraph",
    [
        "Ines Aalto said she hoped the probe would reach the ice by 2031.",
        'Marchers carried banners that read "Keep our clinics open". Police said the march '
        "was calm.",
        "Both sides blamed each other for the collapse of the ceasefire.",
    ],
)
def test_hopes_banners_and_mutual_blame_are_not_claims(extract: Extract, paragraph: str) -> None:
    x = extract(DATED + paragraph + "\n")
    assert [c.text for c in x.claims if "march was calm" not in c.text] == []


def test_declared_as_is_a_label_not_a_report(extract: Extract) -> None:
    x = extract(
        DATED + "The container, declared as holding sesame seeds, was opened on Wednesday, the "
        "KWS said in a statement.\n"
    )
    check(
        x,
        "The container, declared as holding sesame seeds, was opened on Wednesday",
        "KWS",
        "say",
    )
    assert len(x.claims) == 1


def test_asking_that_something_be_done_is_no_claim(extract: Extract) -> None:
    x = extract(
        DATED + "Leila, a 35-year-old teacher, asked that her surname not be published. The "
        "envoy was quoted as saying that the courts no longer decide anything alone.\n"
    )
    assert not any("surname" in c.text for c in x.claims)
    # a plural subject's present tense is no subjunctive
    claim_with(x, "the courts no longer decide anything alone")


@pytest.mark.parametrize(
    "paragraph",
    [
        '"Who signed off on these invoices? Tell us," Dunmore said to the auditors.',
        '"Should farmers sell the herd now?" asked Okafor.',
        "“Are you going to stand by and watch?” a speaker yelled from the steps.",
    ],
)
def test_quoted_questions_are_not_claims(extract: Extract, paragraph: str) -> None:
    x = extract(DATED + paragraph + "\n")
    assert [c.text for c in x.claims] == []
