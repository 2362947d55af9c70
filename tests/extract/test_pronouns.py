"""Pronouns: "she" is the person of that gender in view (learnt from an unambiguous use or a
title), "she says" continues the sentence's topic, "it" the organisation, "they" the group that
just spoke, "he" after a spokesman the body spoken for; a name inside what someone said does not
take the next "he"."""

from __future__ import annotations

import pytest

from kg.model import ActorKind, EventType
from tests.extract.helpers import DATED, Extract, check, claim_with


@pytest.mark.parametrize(
    ("paragraph", "content", "speaker", "verb", "quote", "relayed_by"),
    [
        pytest.param(
            "Housing minister Rosa Whitbury opened the debate for the government. Several "
            "backbenchers complained about the timetable. Karin Holt, who represents a coastal "
            "seat, said that her constituents were being evicted every week while ministers "
            '"dawdle over reviews".\n\nWhitbury dismissed that. "We have consulted for two '
            'years," she replied. "We are acting."\n',
            "We have consulted for two years",
            "Rosa Whitbury",
            "reply",
            True,
            None,
            id="bare_surname_the_tagger_missed_still_makes_its_person_the_topic",
        ),
        pytest.param(
            "Analysts at Morgan Stanley wrote in a note to clients that the curbs could cut "
            'revenue by 8%. "This is a serious but manageable hit," they wrote.\n',
            "This is a serious but manageable hit",
            "analysts at Morgan Stanley",
            "write",
            True,
            None,
            id="they_is_the_group_that_just_spoke",
        ),
        pytest.param(
            "Farmers blocked the highway on Monday to protest against water cuts that they "
            "said had lasted for three weeks.\n",
            "had lasted for three weeks",
            "farmers",
            "say",
            False,
            None,
            id="who_they_said_in_a_relative_clause_is_the_sentence_subject",
        ),
    ],
)
def test_who_the_pronoun_is(
    extract: Extract,
    paragraph: str,
    content: str,
    speaker: str,
    verb: str,
    quote: bool,
    relayed_by: str | None,
) -> None:
    """The pronoun's claim ``content`` is said by ``speaker``."""
    check(extract(DATED + paragraph), content, speaker, verb, quote, relayed_by)


def test_pronoun_resolves_to_last_person(extract: Extract) -> None:
    x = extract(
        "Drought\nFarmer Lucia Mendes, who grows maize near the border, said the rains had "
        "failed for a second year.\n"
        '"We have sold half of our cattle to buy feed," she added.\n'
    )
    check(x, "We have sold half of our cattle to buy feed", "Lucia Mendes", "add", quote=True)


def test_it_resolves_to_organisation(extract: Extract) -> None:
    x = extract(
        "Recall\nThe carmaker Voltana said on Monday that sales fell by a third. It added that "
        "the new model would be delayed until spring.\n"
    )
    check(x, "the new model would be delayed until spring", "Voltana", "add")


def test_pronoun_gender_learnt_from_an_unambiguous_use(extract: Extract) -> None:
    x = extract(
        "Trial\nProsecutor Mary Lane said the evidence was clear. She added that the trial "
        "would last a month.\n"
        "Defence lawyer Tom Berg said the case against his client was weak.\n"
        '"We will prove every charge," she said.\n'
    )
    check(x, "We will prove every charge", "Mary Lane", "say", quote=True)
    check(x, "the case against his client was weak", "Tom Berg", "say")


def test_gender_from_a_title(extract: Extract) -> None:
    x = extract(
        "Vote\nA spokeswoman, Anna Holm, said the count was over.\n"
        "Party leader Jon Dahl said his party had lost fairly.\n"
        "She said turnout had been high.\n"
    )
    check(x, "turnout had been high", "Anna Holm", "say")


def test_pronoun_follows_the_sentence_topic_over_an_earlier_speaker(extract: Extract) -> None:
    # "Lauterbrunn" alone is typed GPE; the surname of a named person is that person
    x = extract(
        DATED + "Helen Lauterbrunn runs the last dairy in the valley. The mayor, Tomas Reich, "
        "said that farming had a bright future. Lauterbrunn shrugs at that. "
        '"Come back in a decade," she says.\n'
    )
    check(x, "farming had a bright future", "Tomas Reich", "say")
    check(x, "Come back in a decade", "Helen Lauterbrunn", "say", quote=True)


def test_a_name_inside_what_was_said_does_not_take_the_next_he(extract: Extract) -> None:
    x = extract(
        DATED + "Prime Minister Javier Olmedo survived the vote on Thursday. Olmedo wrote on X "
        "that Spain had a government.\n\nIgnacio Barrera told reporters that the vote had "
        '"exposed the price" of Olmedo\'s alliances. "Today they saved him. Tomorrow they will '
        'send him the bill," he said.\n'
    )
    check(
        x,
        "Today they saved him. Tomorrow they will send him the bill",
        "Ignacio Barrera",
        "say",
        quote=True,
    )
    debate = [e for e in x.events if e.type is EventType.MEETING]
    assert all("Thursday" not in x.actor(p).label for e in debate for p in e.participants)


def test_a_pronoun_after_a_person_known_only_by_description(extract: Extract) -> None:
    x = extract(
        DATED + 'A nurse, named only as "Nurse B" in court, gave evidence by video link. She '
        "said she had warned managers twice about the ward.\n"
    )
    c = check(x, "she had warned managers twice about the ward", "nurse", "say")
    assert x.actor(c.speaker).kind is ActorKind.PERSON


def test_he_after_a_spokesman_for_a_body_is_the_body(extract: Extract) -> None:
    x = extract(
        DATED + "A spokesman for Latvia's State Border Guard was quoted by LETA as saying that "
        "the guards had acted lawfully, and he accused Minsk of staging the crossing.\n"
    )
    c = check(x, "accused Minsk of staging the crossing", "State Border Guard", "accuse")
    assert x.actor(c.speaker).kind is ActorKind.ORGANIZATION


def test_they_is_the_group_the_sentence_before_was_about(extract: Extract) -> None:
    x = extract(
        DATED + "Hundreds of farmers protested outside the ministry on Monday. They said the "
        "government had still not told them where they would be moved.\n"
    )
    c = claim_with(x, "the government had still not told them where they would be moved")
    assert x.actor(c.speaker).label == "hundreds of farmers"
