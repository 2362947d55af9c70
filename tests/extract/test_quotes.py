"""Direct quotations: before/after the attribution, split, several sentences, curly/straight."""

from __future__ import annotations

from collections.abc import Callable

from kg.model import Extraction
from tests.extract.helpers import check

Extract = Callable[[str], Extraction]


def test_quote_before_attribution(extract: Extract) -> None:
    x = extract(
        "Port strike enters second week\n"
        '"We will stay out until the contract is signed," union leader Maria Lopez said.\n'
    )
    c = check(x, "We will stay out until the contract is signed", "Maria Lopez", "say", quote=True)
    assert x.article.text[c.span.start : c.span.end].startswith('"We will stay')
    assert x.article.text[c.span.start : c.span.end].endswith("said")


def test_quote_after_attribution_with_colon(extract: Extract) -> None:
    x = extract(
        "Mayor defends budget\n"
        "Mayor Tom Becker told the council: “The city cannot afford another year of cuts.”\n"
    )
    check(x, "The city cannot afford another year of cuts.", "Tom Becker", "tell", quote=True)


def test_curly_quote_inverted_attribution(extract: Extract) -> None:
    x = extract(
        "Flood warning\n“The river will peak on Thursday,” said Ana Silva, a hydrologist at the "
        "national weather service.\n"
    )
    check(x, "The river will peak on Thursday", "Ana Silva", "say", quote=True)
    assert (
        "a hydrologist at the national weather service"
        in x.actor(next(c.speaker for c in x.claims)).roles
    )


def test_split_quote_is_one_statement(extract: Extract) -> None:
    """'"A," she said, "B."': one claim A whose span runs to the end of B (gold convention)."""
    text = (
        "Talks collapse\n"
        '"We came here in good faith," Elena Petrova said, "but the other side walked away '
        'from every offer."\n'
    )
    x = extract(text)
    c = check(x, "We came here in good faith", "Elena Petrova", "say", quote=True)
    assert len(x.claims) == 1
    assert text[c.span.start : c.span.end].endswith('every offer."')


def test_quote_continued_after_attribution_sentence(extract: Extract) -> None:
    text = (
        "Plant closure\n"
        '"Demand has collapsed," the company said. "We must adjust our capacity to reality."\n'
    )
    x = extract(text)
    c = check(x, "Demand has collapsed", "company", "say", quote=True)
    assert len(x.claims) == 1
    assert text[c.span.start : c.span.end].endswith('reality."')


def test_quote_over_several_sentences(extract: Extract) -> None:
    x = extract(
        "Hospital overwhelmed\n"
        '"The wards are full. We have no beds left for new patients," said Dr Amir Haddad.\n'
    )
    check(
        x,
        "The wards are full. We have no beds left for new patients",
        "Amir Haddad",
        "say",
        quote=True,
    )


def test_quote_continued_in_next_paragraph(extract: Extract) -> None:
    x = extract(
        "Farmers protest\n"
        '"Prices have fallen for three years in a row," said farmer Jonas Berg.\n'
        '"If nothing changes, half of the farms in this valley will close."\n'
    )
    check(
        x,
        "If nothing changes, half of the farms in this valley will close.",
        "Jonas Berg",
        "say",
        quote=True,
    )


def test_quote_inside_reported_speech(extract: Extract) -> None:
    x = extract(
        "Minister on reform\n"
        'The minister, Karen Holt, said the reform was "the most important change in a '
        'generation" and would pass next month.\n'
    )
    c = check(
        x,
        'the reform was "the most important change in a generation" and would pass next month',
        "Karen Holt",
        "say",
    )
    assert c.quote == "the most important change in a generation"


def test_scare_quotes_are_not_claims(extract: Extract) -> None:
    x = extract(
        'Camps\nThe so-called "re-education" camps were built in 2017 on the edge of the town.\n'
    )
    assert x.claims == []
