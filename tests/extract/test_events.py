"""Events: type, participants, place, time resolved against the article date; claims about them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from kg.model import Event, EventType, Extraction

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


def _roles(x: Extraction, event: Event) -> dict[str, str]:
    return {x.actor(k).label: event.roles[k].value for k in event.participants}


def test_who_arrested_whom_where_and_when(extract: Extract) -> None:
    """The label must not say the opposite of the article ("arrest of police")."""
    x = extract(
        DATED + "Earlier this year, police arrested a senior ELN financier in the city of Cúcuta, "
        "an arrest the rebels called a violation of the ceasefire.\n"
    )
    (event,) = [e for e in x.events if e.type is EventType.ARREST]
    assert _roles(x, event) == {"police": "agent", "senior ELN financier": "patient"}
    assert event.place == "Cúcuta"
    assert event.label == "arrest of a senior ELN financier by police in Cúcuta earlier this year"


def test_told_reporters_is_said_to_them_not_about_them(extract: Extract) -> None:
    x = extract(
        DATED + '"The ceasefire has saved lives," the government\'s chief negotiator, Clara '
        "Restrepo, told reporters at the close of the meeting.\n"
    )
    (event,) = [e for e in x.events if e.type is EventType.STATEMENT]
    assert _roles(x, event) == {"Clara Restrepo": "agent", "reporters": "addressee"}
    assert event.label == "statement by Clara Restrepo to reporters"


def test_a_duration_is_no_time(extract: Extract) -> None:
    x = extract(
        DATED + "Colombia and the ELN agreed to extend their ceasefire by six months, negotiators "
        "said on Monday after a week of talks in Havana.\n"
        "Pilots will strike for 48 hours from Friday.\n"
    )
    talks = next(e for e in x.events if e.type is EventType.MEETING)
    assert talks.time_text is None and talks.label == "talks in Havana"
    strike = next(e for e in x.events if e.type is EventType.PROTEST)
    assert strike.time_text == "Friday" and strike.label.endswith("from Friday")


def test_both_sides_of_a_meeting_or_a_clash_act(extract: Extract) -> None:
    x = extract(
        DATED + "Saxony's economy minister, Petra Kühn, said she would meet Ulrike Brandt next "
        "week.\nDesai was arrested days after police clashed with villagers in Chhattisgarh.\n"
    )
    meeting = next(e for e in x.events if e.type is EventType.MEETING)
    assert set(_roles(x, meeting).values()) == {"agent"}
    assert meeting.label == "meeting between Petra Kühn and Ulrike Brandt next week"
    clash = next(e for e in x.events if e.type is EventType.CONFLICT)
    assert clash.label == "clashes between police and villagers in Chhattisgarh"


def test_who_was_detained_by_a_participle(extract: Extract) -> None:
    """ "14 workers detained during a clash": the workers were detained, they did not detain."""
    x = extract(
        DATED + "Police said 14 workers detained during a clash on Friday had been released.\n"
    )
    event = next(e for e in x.events if e.type is EventType.DETENTION)
    assert set(_roles(x, event).values()) == {"patient"}
    assert event.label.startswith("detention of 14 workers")
