"""One person, one actor: within an article, a speaker described in one place and named in
another is one actor when the text says so ("the group's commander, known by his alias
'Antonio'", "The commander, Antonio Ruiz,"; a lede's description and the name given further
down), and never when it does not; an acronym and the name it shortens ("EU", "European
Union") are one organisation."""

from __future__ import annotations

from kg.model import ActorKind, Extraction
from tests.extract.helpers import DATED, Extract, check, claim_with

# the date line of the articles below, up to those on a lede (which use DATED)
DATED_2024 = "Headline\n12 February 2024\n"


def speakers(x: Extraction) -> list[str]:
    return [x.actor(c.speaker).label for c in x.claims]


def test_a_description_known_by_a_name_is_the_named_person(extract: Extract) -> None:
    x = extract(
        DATED_2024
        + 'The group\'s commander, known by his alias "Antonio", was quoted as saying by '
        'Venezuelan television that the ELN would "honour every word" of the agreement. He '
        "accused the army of continuing operations against rebel units.\n"
    )
    assert speakers(x) == ["Antonio", "Antonio"]
    people = [a for a in x.actors if a.kind is ActorKind.PERSON]
    assert [(a.label, a.roles) for a in people] == [("Antonio", ["The group's commander"])]


def test_a_description_identified_as_a_name_is_the_named_person(extract: Extract) -> None:
    x = extract(
        DATED_2024 + "A police spokesman, identified as Ali Musa, said the road would reopen on "
        "Friday.\n"
    )
    assert speakers(x) == ["Ali Musa"]
    assert x.actor(x.claims[0].speaker).roles == ["A police spokesman"]


def test_a_description_named_in_the_next_sentence_is_that_person(extract: Extract) -> None:
    x = extract(
        DATED_2024 + "The group's commander said the ceasefire would hold.\n\n"
        "The commander, Antonio Ruiz, added that his fighters would stay in their camps.\n"
    )
    assert speakers(x) == ["Antonio Ruiz", "Antonio Ruiz"]
    assert [a.label for a in x.actors if a.kind is ActorKind.PERSON] == ["Antonio Ruiz"]


def test_a_person_named_next_is_not_taken_for_another_described_one(extract: Extract) -> None:
    x = extract(
        DATED_2024
        + "The group's commander said the ceasefire would hold. Antonio Ruiz, a farmer in "
        "the province, said fighting had resumed.\n"
    )
    assert speakers(x) == ["group's commander", "Antonio Ruiz"]


def test_an_acronym_after_the_full_name_is_the_same_body(extract: Extract) -> None:
    x = extract(
        DATED_2024
        + "Brussels said it was ready to help Romania buy vaccine doses through the EU's "
        "joint procurement scheme.\n"
    )
    (eu,) = [a for a in x.actors if a.kind is ActorKind.ORGANIZATION]
    assert eu.label == "European Union"
    assert set(eu.aliases) == {"Brussels", "EU"}


def test_the_full_name_after_an_acronym_is_the_same_body(extract: Extract) -> None:
    """The name the article gives first is the label, as across articles."""
    x = extract(
        DATED_2024 + "The WHO said vaccination rates were falling. The World Health Organization "
        "said 62 percent of children had the second dose.\n"
    )
    assert speakers(x) == ["WHO", "WHO"]
    (who,) = [a for a in x.actors if a.kind is ActorKind.ORGANIZATION]
    assert who.aliases == ["World Health Organization"]


def test_an_acronym_two_bodies_share_is_neither(extract: Extract) -> None:
    x = extract(
        DATED_2024
        + "The European Union and the Energy Union both backed the plan. The EU said the "
        "plan was sound.\n"
    )
    labels = sorted(a.label for a in x.actors if a.kind is ActorKind.ORGANIZATION)
    assert labels == ["EU", "Energy Union", "European Union"]


def test_the_ledes_party_is_the_one_named_later(extract: Extract) -> None:
    x = extract(
        DATED + "Peru's largest opposition party on Monday accused the government of hiding "
        "the cost of the new airport.\n\n"
        '"The figures are invented," said Rosa Chávez, a lawmaker of the Popular Renewal '
        "Party.\n"
    )
    c = claim_with(x, "accused the government of hiding the cost of the new airport")
    assert x.actor(c.speaker).label == "Popular Renewal Party"
    assert "Peru's largest opposition party" in x.actor(c.speaker).roles


def test_the_ledes_title_is_not_given_to_a_later_expert(extract: Extract) -> None:
    x = extract(
        "Outages will end by June, insists utility chief\n17 May, 2019\n\n"
        "Eskom's chief executive has insisted that outages will end by June.\n\n"
        '"The fleet is too old," said Ayanda Zulu, a researcher at the University of Cape '
        "Town.\n\n"
        "Eskom says households owe it R7 billion.\n"
    )
    c = claim_with(x, "outages will end by June")
    assert x.actor(c.speaker).label != "Ayanda Zulu"
    check(x, "households owe it R7 billion", "Eskom", "say")


def test_the_ledes_unnamed_protagonist_is_the_person_named_later(extract: Extract) -> None:
    x = extract(
        DATED + "A retired Welsh schoolteacher has sued a search engine, claiming that its "
        "summaries described her as a convicted thief.\n\n"
        '"I have never stolen anything," Eluned Price, 71, said.\n'
    )
    check(x, "its summaries described her as a convicted thief", "Eluned Price", "claim")
