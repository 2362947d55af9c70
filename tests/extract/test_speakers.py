"""Who speaks: pronouns, descriptions, capitals as governments, vague groups, roles."""

from __future__ import annotations

from collections.abc import Callable

from kg.model import ActorKind, Extraction
from tests.extract.helpers import check

Extract = Callable[[str], Extraction]


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


def test_definite_description_refers_back(extract: Extract) -> None:
    x = extract(
        "Budget\nFinance Minister Erik Dahl presented the budget on Tuesday.\n"
        "The minister said the deficit would fall below 3 percent next year.\n"
    )
    check(x, "the deficit would fall below 3 percent next year", "Erik Dahl", "say")


def test_country_description_refers_to_salient_country(extract: Extract) -> None:
    x = extract(
        "Migrants\nThree boats carrying migrants reached Malta on Sunday and another landed in "
        "Malta on Monday after stopping in Tunisia.\n"
        "The island nation said it could not take in more people without help.\n"
    )
    c = check(x, "it could not take in more people without help", "Government of Malta", "say")
    assert x.actor(c.speaker).country == "Malta"


def test_capital_is_the_government(extract: Extract) -> None:
    x = extract("Trade\nTokyo claims the tariffs violate international trade rules.\n")
    c = check(x, "the tariffs violate international trade rules", "Government of Japan", "claim")
    actor = x.actor(c.speaker)
    assert actor.kind is ActorKind.GOVERNMENT
    assert actor.country == "Japan"
    assert "Tokyo" in actor.aliases


def test_country_name_as_speaker_is_its_government(extract: Extract) -> None:
    x = extract("Trade\nCanada says the new rules will take effect in July.\n")
    check(x, "the new rules will take effect in July", "Government of Canada", "say")


def test_vague_group_is_a_group_actor(extract: Extract) -> None:
    x = extract("Camps\nHuman rights groups say thousands of people are held without trial.\n")
    c = check(x, "thousands of people are held without trial", "human rights groups", "say")
    assert x.actor(c.speaker).kind is ActorKind.GROUP


def test_role_from_apposition_and_title(extract: Extract) -> None:
    x = extract(
        "Rates\nJonas Weber, chief economist at Nordbank, said inflation had peaked.\n"
        "Central bank governor Ana Lopes said rates would stay on hold.\n"
    )
    c = check(x, "inflation had peaked", "Jonas Weber", "say")
    assert "chief economist at Nordbank" in x.actor(c.speaker).roles
    c = check(x, "rates would stay on hold", "Ana Lopes", "say")
    assert any("governor" in r for r in x.actor(c.speaker).roles)


def test_spokesperson_speaks_for_the_organisation(extract: Extract) -> None:
    x = extract("Hospital\nA spokeswoman for the Red Cross said the convoy had reached the city.\n")
    check(x, "the convoy had reached the city", "Red Cross", "say")


def test_headline_speaker_named_in_the_body(extract: Extract) -> None:
    x = extract(
        "Minister says schools will reopen next week\n"
        "Education Minister Karin Falk said on Friday that schools would reopen on Monday.\n"
    )
    c = check(x, "schools will reopen next week", "Karin Falk", "say")
    assert c.in_headline


def test_surname_joins_the_full_name(extract: Extract) -> None:
    x = extract(
        "Court\nDefence lawyer Miriam Okoye said the evidence was weak.\n"
        "Okoye said her client would appeal.\n"
    )
    a = check(x, "the evidence was weak", "Miriam Okoye", "say")
    b = check(x, "her client would appeal", "Miriam Okoye", "say")
    assert a.speaker == b.speaker
    assert len(x.actor(a.speaker).mentions) == 2


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


def test_one_name_one_actor_whatever_the_model_types(extract: Extract) -> None:
    x = extract(
        "Data\nThe social media company Flitter on Tuesday denied a report that it had sold "
        "user data.\n"
        '"This story is false," Flitter said in a blog post.\n'
    )
    speakers = {x.actor(c.speaker).key for c in x.claims}
    assert len(speakers) == 1
    (key,) = speakers
    assert x.actor(key).kind is ActorKind.ORGANIZATION
    assert x.actor(key).label == "Flitter"
