"""One person, one actor ("First contact"): within an article, a speaker described in one place
and named in another is one actor when the text says so ("the group's commander, known by his
alias 'Antonio'", "The commander, Antonio Ruiz,"), and never when it does not; an acronym and
the name it shortens ("EU", "European Union") are one organisation."""

from __future__ import annotations

from collections.abc import Callable

from kg.model import ActorKind, Extraction

Extract = Callable[[str], Extraction]

DATED = "Headline\n12 February 2024\n"


def speakers(x: Extraction) -> list[str]:
    return [x.actor(c.speaker).label for c in x.claims]


def test_a_description_known_by_a_name_is_the_named_person(extract: Extract) -> None:
    x = extract(
        DATED + 'The group\'s commander, known by his alias "Antonio", was quoted as saying by '
        'Venezuelan television that the ELN would "honour every word" of the agreement. He '
        "accused the army of continuing operations against rebel units.\n"
    )
    assert speakers(x) == ["Antonio", "Antonio"]
    people = [a for a in x.actors if a.kind is ActorKind.PERSON]
    assert [(a.label, a.roles) for a in people] == [("Antonio", ["The group's commander"])]


def test_a_description_identified_as_a_name_is_the_named_person(extract: Extract) -> None:
    x = extract(
        DATED + "A police spokesman, identified as Ali Musa, said the road would reopen on "
        "Friday.\n"
    )
    assert speakers(x) == ["Ali Musa"]
    assert x.actor(x.claims[0].speaker).roles == ["A police spokesman"]


def test_a_description_named_in_the_next_sentence_is_that_person(extract: Extract) -> None:
    x = extract(
        DATED + "The group's commander said the ceasefire would hold.\n\n"
        "The commander, Antonio Ruiz, added that his fighters would stay in their camps.\n"
    )
    assert speakers(x) == ["Antonio Ruiz", "Antonio Ruiz"]
    assert [a.label for a in x.actors if a.kind is ActorKind.PERSON] == ["Antonio Ruiz"]


def test_a_person_named_next_is_not_taken_for_another_described_one(extract: Extract) -> None:
    x = extract(
        DATED + "The group's commander said the ceasefire would hold. Antonio Ruiz, a farmer in "
        "the province, said fighting had resumed.\n"
    )
    assert speakers(x) == ["group's commander", "Antonio Ruiz"]


def test_an_acronym_after_the_full_name_is_the_same_body(extract: Extract) -> None:
    x = extract(
        DATED + "Brussels said it was ready to help Romania buy vaccine doses through the EU's "
        "joint procurement scheme.\n"
    )
    (eu,) = [a for a in x.actors if a.kind is ActorKind.ORGANIZATION]
    assert eu.label == "European Union"
    assert set(eu.aliases) == {"Brussels", "EU"}


def test_the_full_name_after_an_acronym_is_the_same_body(extract: Extract) -> None:
    """The name the article gives first is the label, as across articles."""
    x = extract(
        DATED + "The WHO said vaccination rates were falling. The World Health Organization "
        "said 62 percent of children had the second dose.\n"
    )
    assert speakers(x) == ["WHO", "WHO"]
    (who,) = [a for a in x.actors if a.kind is ActorKind.ORGANIZATION]
    assert who.aliases == ["World Health Organization"]


def test_an_acronym_two_bodies_share_is_neither(extract: Extract) -> None:
    x = extract(
        DATED + "The European Union and the Energy Union both backed the plan. The EU said the "
        "plan was sound.\n"
    )
    labels = sorted(a.label for a in x.actors if a.kind is ActorKind.ORGANIZATION)
    assert labels == ["EU", "Energy Union", "European Union"]
