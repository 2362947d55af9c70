"""Events: type, participants, place, time resolved against the article date; claims about them."""

from __future__ import annotations

from datetime import date

import pytest

from kg.model import Event, EventType, Extraction
from tests.extract.helpers import DATED, Extract, claim_with


def test_arrest_with_participants_and_place(extract: Extract) -> None:
    x = extract(DATED + "Police said three journalists were arrested in Istanbul on Monday.\n")
    (event,) = [e for e in x.events if e.type is EventType.ARREST]
    text = x.article.text
    assert event.span.text(text) == "arrested"
    assert event.place == "Istanbul"
    assert [x.actor(p).label for p in event.participants] == ["three journalists"]
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


def test_occasions_of_speech_are_statement_events(extract: Extract) -> None:
    x = extract(
        DATED + "The Danish foreign ministry said in a statement on Tuesday that the envoy "
        "would stay. Ana Ruiz told a news conference in Madrid that the law was ready.\n"
    )
    statements = [e for e in x.events if e.type is EventType.STATEMENT]
    assert len(statements) == 2
    by = {x.actor(p).label for e in statements for p in e.participants}
    assert by == {"Danish foreign ministry", "Ana Ruiz"}
    assert any(e.place == "Madrid" for e in statements)
    claim = claim_with(x, "the envoy would stay")
    assert claim.about  # the claim is linked to the statement it was made in


def test_events_that_did_not_happen_are_not_events(extract: Extract) -> None:
    x = extract(
        DATED + "The march was peaceful and no arrests were made. Police did not detain anyone.\n"
    )
    assert [e.type for e in x.events if e.type in (EventType.ARREST, EventType.DETENTION)] == []


def test_a_reaction_with_a_noun_object_is_a_statement_event(extract: Extract) -> None:
    x = extract(DATED + "Budapest rejected the criticism on Tuesday.\n")
    assert x.claims == []
    (event,) = x.events
    assert event.type is EventType.STATEMENT
    assert [x.actor(p).label for p in event.participants] == ["Government of Hungary"]


def test_statements_votes_and_exchanges_of_fire_are_events(extract: Extract) -> None:
    x = extract(
        DATED + "Ignacio Barrera told reporters that the vote was lost. The no-confidence motion "
        "failed by four votes. Three people were killed in exchanges of fire with troops.\n"
    )
    kinds = {e.type for e in x.events}
    assert {EventType.STATEMENT, EventType.VOTE, EventType.CONFLICT} <= kinds


def _events(x: Extraction) -> dict[EventType, list[str]]:
    found: dict[EventType, list[str]] = {}
    for e in x.events:
        found.setdefault(e.type, []).append(x.article.text[e.span.start : e.span.end])
    return found


def test_crowds_rallying_and_troops_fighting_are_events(extract: Extract) -> None:
    x = extract(
        "Headline\nSaturday 15 August 2026\n\n"
        "About 500 protesters rallied outside the parliament in Lima on Friday.\n\n"
        "Stocks rallied on Friday.\n\n"
        "Rival troops fought with batons for several hours near the border on Thursday.\n\n"
        "The club fought the ruling in court.\n\n"
        "Police fired tear gas to disperse the crowd.\n"
    )
    found = _events(x)
    assert found[EventType.PROTEST] == ["rallied"]  # the protesters, not the stocks
    assert found[EventType.CONFLICT] == ["fought"]  # the troops, not the club
    assert found[EventType.ATTACK] == ["fired"]
    clash = next(e for e in x.events if e.type is EventType.CONFLICT)
    assert clash.time_text == "Thursday"  # not "several hours", which is how long


def test_reactions_of_groups_and_passive_condemnation_are_statements(extract: Extract) -> None:
    x = extract(
        DATED + "The closure was condemned by Health Minister Ana Costa.\n\n"
        "Fishermen's groups welcomed the ban.\n\n"
        "The transport secretary told MPs that fares would rise.\n"
    )
    triggers = _events(x)[EventType.STATEMENT]
    assert {"condemned", "welcomed", "told"} <= set(triggers)


@pytest.mark.parametrize(
    ("sentence", "etype", "trigger"),
    [
        ("Dock workers began a walkout at the port on Monday.", EventType.PROTEST, "walkout"),
        ("Hundreds gathered outside the town hall on Sunday.", EventType.PROTEST, "gathered"),
        ("Oslo lodged a protest with Moscow over the arrests.", EventType.STATEMENT, "protest"),
    ],
)
def test_more_event_triggers(
    extract: Extract, sentence: str, etype: EventType, trigger: str
) -> None:
    x = extract(DATED + sentence + "\n")
    text = x.article.text
    assert trigger in [e.span.text(text) for e in x.events if e.type is etype]


def test_a_petition_gathering_signatures_is_no_protest(extract: Extract) -> None:
    x = extract(DATED + "A petition has gathered more than 900 signatures since March.\n")
    assert [e for e in x.events if e.type is EventType.PROTEST] == []
