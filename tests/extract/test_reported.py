"""Reported speech: any reporting verb, "according to", statements, passives, relative clauses."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kg.model import Extraction
from tests.extract.helpers import check

Extract = Callable[[str], Extraction]


@pytest.mark.parametrize(
    ("sentence", "speaker", "verb", "content"),
    [
        (
            "Helen Park warned that the dam could fail within days.",
            "Helen Park",
            "warn",
            "the dam could fail within days",
        ),
        (
            "Victor Adeyemi denied that he had received any payments.",
            "Victor Adeyemi",
            "deny",
            "he had received any payments",
        ),
        (
            "Lena Vogel insisted the figures were accurate.",
            "Lena Vogel",
            "insist",
            "the figures were accurate",
        ),
        (
            "Rafael Ortiz told reporters that the factory would reopen in June.",
            "Rafael Ortiz",
            "tell",
            "the factory would reopen in June",
        ),
        (
            "Sara Lind argued that the tax would hurt small firms.",
            "Sara Lind",
            "argue",
            "the tax would hurt small firms",
        ),
        (
            "Omar Khalil admitted the company had missed its targets.",
            "Omar Khalil",
            "admit",
            "the company had missed its targets",
        ),
        (
            "The mine would close by 2030, Peter Novak announced.",
            "Peter Novak",
            "announce",
            "The mine would close by 2030",
        ),
    ],
)
def test_reporting_verbs(
    extract: Extract, sentence: str, speaker: str, verb: str, content: str
) -> None:
    check(extract(f"News\n{sentence}\n"), content, speaker, verb)


def test_according_to(extract: Extract) -> None:
    x = extract(
        "Storm\nAccording to the Red Cross, more than 2,000 families have lost their homes.\n"
    )
    check(
        x,
        "more than 2,000 families have lost their homes",
        "Red Cross",
        "according to",
    )


def test_according_to_at_the_end(extract: Extract) -> None:
    x = extract("Storm\nThe bridge was closed for repairs, according to Greenpeace.\n")
    check(x, "The bridge was closed for repairs", "Greenpeace", "according to")


def test_said_in_a_statement(extract: Extract) -> None:
    x = extract(
        "Recall\nToyota said in a statement that it would recall 40,000 vehicles in Europe.\n"
    )
    check(x, "it would recall 40,000 vehicles in Europe", "Toyota", "say")


def test_passive_quoted_by_intermediary(extract: Extract) -> None:
    x = extract(
        "Border\n"
        '"The border will stay closed until further notice," an unnamed army officer was '
        "quoted as saying by the Daily Star.\n"
    )
    check(
        x,
        "The border will stay closed until further notice",
        "unnamed army officer",
        "say",
        quote=True,
        relayed_by="Daily Star",
    )


def test_relative_clause(extract: Extract) -> None:
    x = extract(
        "Vaccine\nThe plan was backed by Maria Jensen, who said the vaccine was safe for "
        "children.\n"
    )
    check(x, "the vaccine was safe for children", "Maria Jensen", "say")


def test_adding_takes_the_main_speaker(extract: Extract) -> None:
    x = extract("Trade\nDavid Chen said exports had grown, adding that the trend would continue.\n")
    check(x, "exports had grown", "David Chen", "say")
    check(x, "the trend would continue", "David Chen", "add")


def test_object_complement_verbs(extract: Extract) -> None:
    x = extract("Aid\nThe charity urged donors to send money rather than clothes.\n")
    check(x, "urged donors to send money rather than clothes", "charity", "urge")


def test_cast_doubt(extract: Extract) -> None:
    x = extract("Vote\nObservers have cast doubt on whether the count was fair.\n")
    check(x, "whether the count was fair", "observers", "cast doubt")


def test_told_an_outlet_relays(extract: Extract) -> None:
    x = extract(
        "Plot\nPolice arrested five men, the Jakarta Post reported.\n"
        "Inspector Dedi Prasetyo told the newspaper that the men had bought explosives.\n"
    )
    check(
        x,
        "the men had bought explosives",
        "Dedi Prasetyo",
        "tell",
        relayed_by="Jakarta Post",
    )


def test_told_reporters_is_no_intermediary(extract: Extract) -> None:
    x = extract("Court\nJudge Mary Lane told reporters the trial would start in May.\n")
    check(x, "the trial would start in May", "Mary Lane", "tell")


def test_according_to_a_report_by(extract: Extract) -> None:
    x = extract(
        "Forests\nAccording to a report by Greenpeace, logging doubled in the region last year.\n"
    )
    check(x, "logging doubled in the region last year", "Greenpeace", "according to")


def test_said_according_to_relays(extract: Extract) -> None:
    x = extract(
        "Attack\nThe group said in a message on Telegram that its fighters had carried out the "
        "attack, according to the SITE Intelligence Group.\n"
    )
    c = x.claims[0]
    assert len(x.claims) == 1
    assert c.text == "its fighters had carried out the attack"
    assert c.relayed_by is not None
    assert x.actor(c.relayed_by).label == "SITE Intelligence Group"


def test_reporting_noun_with_source(extract: Extract) -> None:
    x = extract(
        "Budget\nThe minister dismissed warnings from economists that the plan would fail.\n"
    )
    check(x, "the plan would fail", "economists", "warn")


def test_conjoined_reporting_verb_shares_the_subject(extract: Extract) -> None:
    x = extract(
        "War\nMoscow insisted that its forces do not target civilians and accused Kyiv of "
        "placing weapons in homes.\n"
    )
    check(x, "its forces do not target civilians", "Government of Russia", "insist")
    check(x, "accused Kyiv of placing weapons in homes", "Government of Russia", "accuse")


def test_denial_with_gerund(extract: Extract) -> None:
    x = extract("Doping\nThe cyclist Tomas Varga denied taking any banned substance.\n")
    check(x, "taking any banned substance", "Tomas Varga", "deny")


def test_exact_statement_span(extract: Extract) -> None:
    text = "Port\nThe port would reopen on Monday, harbour master Ida Berg said on Sunday.\n"
    x = extract(text)
    (c,) = x.claims
    assert (c.span.start, c.span.end) == (
        text.index("The port"),
        text.index(" on Sunday."),
    )
    assert c.text == "The port would reopen on Monday"
    assert x.actor(c.speaker).label == "Ida Berg"
    assert [text[m.start : m.end] for m in x.actor(c.speaker).mentions] == ["Ida Berg"]


def test_that_clause_after_a_channel(extract: Extract) -> None:
    x = extract(
        "Results\nChief executive Ulla Berg told analysts on a conference call that no plant "
        "would close.\n"
    )
    check(x, "no plant would close", "Ulla Berg", "tell")


def test_relative_clause_in_an_object_is_not_content(extract: Extract) -> None:
    x = extract(
        "Drought\nOpposition leader Edgar Lungu accused the government of failing to plan for "
        "a drought that scientists had predicted.\n"
    )
    check(
        x,
        "accused the government of failing to plan for a drought that scientists had predicted",
        "Edgar Lungu",
        "accuse",
    )


def test_temporal_clause_stays_in_the_content(extract: Extract) -> None:
    x = extract("Power\nThe utility said that power cuts would continue until the rains come.\n")
    check(x, "power cuts would continue until the rains come", "utility", "say")
