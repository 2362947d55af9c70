"""Direct quotations: before/after the attribution, split, several sentences, curly/straight."""

from __future__ import annotations

from kg.extract.quotes import asserts_nothing
from tests.extract.helpers import DATED, Extract, check


def test_a_quote_after_the_age_of_its_speaker(extract: Extract) -> None:
    x = extract(
        DATED + "Ravi Perera denied the charges.\n\n"
        '"I have never taken a bribe in my life," the 31-year-old told reporters outside the '
        "board's offices, where he had been questioned for hours.\n"
    )
    check(x, "I have never taken a bribe in my life", "Ravi Perera", "tell", quote=True)


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


def test_a_question_then_an_answer_is_a_claim(extract: Extract) -> None:
    x = extract(DATED + '"Why now? Because the reserve fund ran dry in March," Okafor said.\n')
    check(x, "Why now? Because the reserve fund ran dry in March", "Okafor", "say", quote=True)
    assert not asserts_nothing("Why now? Because the reserve fund ran dry in March")


def test_quote_after_colon_once_a_question_is_dropped(extract: Extract) -> None:
    x = extract(
        DATED + '"Where are the receipts? Show them," Lindqvist said, turning to the bench. '
        'She then told the court: "The payments were loans, and most were repaid."\n'
    )
    check(x, "The payments were loans, and most were repaid.", "Lindqvist", "tell", quote=True)
    assert len(x.claims) == 1
