"""Profile-style copy (issue 3, second held-out set): people whose names the small model
types as places, and "she says" continuing the sentence topic rather than the last speaker."""

from __future__ import annotations

from collections.abc import Callable

from kg.model import Extraction
from tests.extract.helpers import check

Extract = Callable[[str], Extraction]

DATED = "Headline\n17 May, 2019\n"


def test_person_typed_as_a_place_is_still_a_person(extract: Extract) -> None:
    # the model types "Agnes Zermatt" GPE; the "she" in her own sentence shows a person
    x = extract(
        DATED + "Agnes Zermatt was 19 when she first drove a snowplough over the pass. "
        '"The road gets worse every winter," she says.\n'
    )
    check(x, "The road gets worse every winter", "Agnes Zermatt", "say", quote=True)


def test_a_place_subject_with_a_pronoun_is_not_made_a_person(extract: Extract) -> None:
    x = extract(
        DATED + "New Zealand was quick to respond when its fishing fleet was seized. "
        "Its foreign minister, Aroha Tane, said she had summoned the ambassador.\n"
    )
    check(x, "she had summoned the ambassador", "Aroha Tane", "say")
    assert not any(a.label == "New Zealand" and a.kind.value == "person" for a in x.actors)


def test_pronoun_follows_the_sentence_topic_over_an_earlier_speaker(extract: Extract) -> None:
    # "Lauterbrunn" alone is typed GPE; the surname of a named person is that person
    x = extract(
        DATED + "Helen Lauterbrunn runs the last dairy in the valley. The mayor, Tomas Reich, "
        "said that farming had a bright future. Lauterbrunn shrugs at that. "
        '"Come back in a decade," she says.\n'
    )
    check(x, "farming had a bright future", "Tomas Reich", "say")
    check(x, "Come back in a decade", "Helen Lauterbrunn", "say", quote=True)


def test_bare_surname_the_tagger_missed_still_makes_its_person_the_topic(
    extract: Extract,
) -> None:
    # "Whitbury" alone, opening a paragraph, is no entity to the model: the surname of a
    # named person is that person, and the sentence topic that "she replied" continues
    x = extract(
        DATED + "Housing minister Rosa Whitbury opened the debate for the government. Several "
        "backbenchers complained about the timetable. Karin Holt, who represents a coastal "
        "seat, said that her constituents were being evicted every week while ministers "
        '"dawdle over reviews".\n\n'
        'Whitbury dismissed that. "We have consulted for two years," she replied. "We are '
        'acting."\n'
    )
    check(x, "We have consulted for two years", "Rosa Whitbury", "reply", quote=True)


def test_surname_tagged_as_a_plural_noun_is_the_named_person(extract: Extract) -> None:
    # the model tags "Anders" NNS; a capitalised known surname is still that person
    x = extract(
        DATED + "The opposition spokesman, Piet Anders, said that the bill was rushed. Anders "
        "added that tenants had not been heard.\n"
    )
    check(x, "tenants had not been heard", "Piet Anders", "add")
    assert [a.label for a in x.actors if "Anders" in a.label] == ["Piet Anders"]
