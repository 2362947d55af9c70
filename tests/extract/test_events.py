"""Events: type, participants, place, time resolved against the article date; claims about them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from kg.model import EventType, Extraction

Extract = Callable[[str], Extraction]

DATED = "Headline\n17 May, 2019\n"


def test_arrest_with_participants_and_place(extract: Extract) -> None:
    x = extract(DATED + "Police said three journalists were arrested in Istanbul on Monday.\n")
    (event,) = [e for e in x.events if e.type is EventType.ARREST]
    text = x.article.text
    assert event.span.text(text) == "arrested"
    assert event.place == "Istanbul"
    assert [x.actor(p).label for p in event.participants] == ["journalists"]
    assert event.time_text == "Monday"
    assert event.time == date(2019, 5, 13)
    assert event.time_precision == "day"
    (claim,) = x.claims
    assert claim.about == [event.key]


def test_month_resolved_against_the_article_date(extract: Extract) -> None:
    x = extract(
        DATED
        + "Turkey raised concern about the camps in February at the UN Human Rights Council.\n"
    )
    (event,) = [e for e in x.events if e.type is EventType.STATEMENT]
    assert event.time == date(2019, 2, 1)
    assert event.time_precision == "month"
    labels = [x.actor(p).label for p in event.participants]
    assert "UN Human Rights Council" in labels


def test_detention_protest_and_vote(extract: Extract) -> None:
    x = extract(
        DATED
        + "Hundreds of protesters were detained after a rally in Minsk.\n"
        + "Parliament will hold a vote on the bill earlier next week.\n"
    )
    types = {e.type for e in x.events}
    assert {EventType.DETENTION, EventType.PROTEST, EventType.VOTE} <= types


def test_earlier_this_year(extract: Extract) -> None:
    x = extract(DATED + "Earlier this year soldiers attacked a village in the north.\n")
    (event,) = [e for e in x.events if e.type is EventType.ATTACK]
    assert event.time == date(2019, 1, 1)
    assert event.time_precision == "year"
