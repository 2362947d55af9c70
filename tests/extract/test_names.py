"""Names as the article gives them: names the small model cuts short or types wrongly
(organisations, hyphenated given names, surnames of two words or with particles, people typed
as places), honours and descriptions beside a name kept as its roles, acronyms as aliases."""

from __future__ import annotations

import pytest

from kg.model import ActorKind
from tests.extract.helpers import DATED, Extract, check, claim_with


@pytest.mark.parametrize(
    ("paragraph", "content", "speaker", "verb", "quote", "relayed_by"),
    [
        pytest.param(
            'Agnes Zermatt was 19 when she first drove a snowplough over the pass. "The road '
            'gets worse every winter," she says.\n',
            "The road gets worse every winter",
            "Agnes Zermatt",
            "say",
            True,
            None,
            id="person_typed_as_a_place_is_still_a_person",
        ),
        pytest.param(
            "Police said four people were held, while Transparency International Kenya said at "
            "least 20 had been detained.\n",
            "at least 20 had been detained",
            "Transparency International Kenya",
            "say",
            False,
            None,
            id="a_national_branch_keeps_its_country_in_its_name",
        ),
        pytest.param(
            "The U.N. children's agency, UNICEF, said in a statement that 200 schools had "
            "closed.\n",
            "200 schools had closed",
            "UNICEF",
            "say",
            False,
            None,
            id="an_agency_and_its_acronym_after_a_comma",
        ),
        pytest.param(
            "The Australian Institute of Marine Science (Aims) said 71% of reefs had bleached.\n",
            "71% of reefs had bleached",
            "Australian Institute of Marine Science",
            "say",
            False,
            None,
            id="an_organisations_bracketed_acronym_is_not_part_of_its_name",
        ),
        pytest.param(
            "The Hong Kong and Macau Affairs Office said the case had been handled lawfully.\n",
            "the case had been handled lawfully",
            "Hong Kong and Macau Affairs Office",
            "say",
            False,
            None,
            id="an_office_for_two_places",
        ),
    ],
)
def test_the_speaker_has_the_name_the_article_gives(
    extract: Extract,
    paragraph: str,
    content: str,
    speaker: str,
    verb: str,
    quote: bool,
    relayed_by: str | None,
) -> None:
    """The claim ``content`` is said by ``speaker``, named in full."""
    check(extract(DATED + paragraph), content, speaker, verb, quote, relayed_by)


def test_a_place_subject_with_a_pronoun_is_not_made_a_person(extract: Extract) -> None:
    x = extract(
        DATED + "New Zealand was quick to respond when its fishing fleet was seized. "
        "Its foreign minister, Aroha Tane, said she had summoned the ambassador.\n"
    )
    check(x, "she had summoned the ambassador", "Aroha Tane", "say")
    assert not any(a.label == "New Zealand" and a.kind.value == "person" for a in x.actors)


def test_surname_tagged_as_a_plural_noun_is_the_named_person(extract: Extract) -> None:
    # the model tags "Anders" NNS; a capitalised known surname is still that person
    x = extract(
        DATED + "The opposition spokesman, Piet Anders, said that the bill was rushed. Anders "
        "added that tenants had not been heard.\n"
    )
    check(x, "tenants had not been heard", "Piet Anders", "add")
    assert [a.label for a in x.actors if "Anders" in a.label] == ["Piet Anders"]


@pytest.mark.parametrize(
    ("paragraph", "content", "speaker"),
    [
        (
            "The state broadcaster NRK said the ferry had been towed to Bergen.",
            "the ferry had been towed to Bergen",
            "NRK",
        ),
        (
            "According to Friends of the Baltic, seal numbers have doubled since 2010.",
            "seal numbers have doubled since 2010",
            "Friends of the Baltic",
        ),
        (
            "According to the Ghana Cocoa Farmers and Exporters Association, prices will "
            "rise again in June.",
            "prices will rise again in June",
            "Ghana Cocoa Farmers and Exporters Association",
        ),
    ],
)
def test_organisation_names_the_model_cuts_short(
    extract: Extract, paragraph: str, content: str, speaker: str
) -> None:
    x = extract(DATED + paragraph + "\n")
    c = check(x, content, speaker, claim_with(x, content).verb)
    assert x.actor(c.speaker).kind is ActorKind.ORGANIZATION


def test_a_body_named_beside_its_description_with_a_number(extract: Extract) -> None:
    x = extract(
        DATED + "Work at the Rio Verde smelter will stop until July, the plant's biggest "
        "union, Sindicato No. 4, said on Monday, after talks with the owners collapsed.\n"
        "\n"
        "The company said in a statement that its offer remained on the table.\n"
    )
    c = check(x, "Work at the Rio Verde smelter will stop until July", "Sindicato No. 4", "say")
    assert x.actor(c.speaker).kind is ActorKind.ORGANIZATION
    assert "the plant's biggest union" in x.actor(c.speaker).roles
    # "the company" is not the body the text called a union
    assert x.actor(claim_with(x, "its offer remained on the table").speaker).label != (
        "Sindicato No. 4"
    )


def test_a_surname_typed_as_a_place_beside_a_person_noun(extract: Extract) -> None:
    x = extract(
        DATED + "The envoy, Tamas Kerekes, was quoted by the broadcaster as saying that the "
        "courts were no longer free.\n"
    )
    c = claim_with(x, "the courts were no longer free")
    assert x.actor(c.speaker).label == "Tamas Kerekes"
    assert x.actor(c.speaker).kind is ActorKind.PERSON


def test_a_surname_of_two_words_and_a_first_name_tagged_plural(extract: Extract) -> None:
    x = extract(
        DATED + "For 22 years, Seán Ó Súilleabháin lived on a rock off the coast of Cork.\n\n"
        '"You never really leave," says Ó Súilleabháin, now 71. He says the closure was '
        '"about money, not safety", a view the Commissioners reject.\n'
    )
    check(x, "You never really leave", "Seán Ó Súilleabháin", "say", quote=True)
    check(x, 'the closure was "about money, not safety"', "Seán Ó Súilleabháin", "say")


def test_a_bare_capitalised_noun_opening_a_sentence_is_a_name(extract: Extract) -> None:
    x = extract(DATED + "Arianespace said a major anomaly had occurred after ignition.\n")
    c = check(x, "a major anomaly had occurred after ignition", "Arianespace", "say")
    assert x.actor(c.speaker).kind is ActorKind.ORGANIZATION


def test_a_lone_surname_is_the_person_named_in_full_before(extract: Extract) -> None:
    x = extract(
        DATED + "The report was written by Tove Ahlgren in 2021.\n\nAhlgren said the glacier had "
        "shrunk by half.\n"
    )
    c = claim_with(x, "the glacier had shrunk by half")
    assert x.actor(c.speaker).kind is ActorKind.PERSON


def test_a_hyphenated_given_name_is_part_of_the_name(extract: Extract) -> None:
    x = extract(
        DATED + '"The ruling ignores the evidence," Kim Soo-jin, the leader of the Justice '
        "Party, told reporters in Seoul.\n"
    )
    c = check(x, "The ruling ignores the evidence", "Kim Soo-jin", "tell", quote=True)
    assert x.actor(c.speaker).kind is ActorKind.PERSON


def test_honours_after_a_name_are_a_role(extract: Extract) -> None:
    x = extract(
        DATED + "At the hearing, counsel for the family, Siobhan Geraghty SC, told the court "
        "the inquest had been delayed for six years.\n"
    )
    c = check(x, "the inquest had been delayed for six years", "Siobhan Geraghty", "tell")
    assert "SC" in x.actor(c.speaker).roles


def test_the_party_of_a_description_is_named(extract: Extract) -> None:
    x = extract(
        DATED + "The opposition Likud party said in a post on X that the vote was rushed.\n"
    )
    c = check(x, "the vote was rushed", "Likud party", "say")
    assert "opposition" in x.actor(c.speaker).roles


def test_org_names_the_model_cuts(extract: Extract) -> None:
    x = extract(
        DATED + "The Nevada Attorney General's Office said in a statement that the ruling would "
        "be appealed.\n\n"
        "The Industrial and Labour Relations Court ruled that the lockout was unlawful.\n\n"
        "The Ghana Registered Nurses, Midwives and Health Assistants Union said the strike "
        "would go on.\n\n"
        "The nurses won backing from the Law Society of Ghana, which said the government was "
        "in breach of the agreement.\n"
    )
    check(x, "the ruling would be appealed", "Nevada Attorney General's Office", "say")
    check(x, "the lockout was unlawful", "Industrial and Labour Relations Court", "rule")
    check(
        x,
        "the strike would go on",
        "Ghana Registered Nurses, Midwives and Health Assistants Union",
        "say",
    )
    check(x, "the government was in breach of the agreement", "Law Society of Ghana", "say")


def test_a_group_calling_itself_a_name_and_a_person_familiar(extract: Extract) -> None:
    x = extract(
        DATED + "A hacking group calling itself Blackmoth claimed the attack, saying it had "
        "copied 40,000 records. A person familiar with the inquiry told Reuters that the "
        "attackers used a stolen password.\n"
    )
    check(x, "it had copied 40,000 records", "Blackmoth", "say")
    check(
        x,
        "the attackers used a stolen password",
        "person familiar with the inquiry",
        "tell",
        relayed_by="Reuters",
    )


def test_a_surname_with_particles(extract: Extract) -> None:
    x = extract(
        DATED + "Finance Minister Pieter van der Berg said the budget was balanced. Van der "
        "Berg added that taxes would not rise.\n"
    )
    c = check(x, "the budget was balanced", "Pieter van der Berg", "say")
    assert x.actor(c.speaker).roles == ["Finance Minister"]
    check(x, "taxes would not rise", "Pieter van der Berg", "add")


def test_a_body_the_model_missed_named_beside_its_description(extract: Extract) -> None:
    x = extract(
        DATED + "Ofcom, the media regulator, is running a separate inquiry into the station, "
        "which the regulator said in March had broken its licence twice.\n"
    )
    c = check(x, "had broken its licence twice", "Ofcom", "say")
    assert "the media regulator" in x.actor(c.speaker).roles


def test_the_participle_before_a_name_gives_no_role_of_its_object(extract: Extract) -> None:
    x = extract(
        DATED + "The prosecutor leading the case, Rhian Morgan, told reporters that the alarms "
        "had been switched off.\n"
    )
    c = check(x, "the alarms had been switched off", "Rhian Morgan", "tell")
    assert "the case" not in x.actor(c.speaker).roles


def test_a_ministry_keeps_the_country_it_belongs_to(extract: Extract) -> None:
    x = extract(
        "Moldova and Romania to open new border crossing, foreign ministry says\n"
        "17 May, 2019\n"
        "The Ministry of Foreign Affairs of the Republic of Moldova said on Friday that the "
        "crossing at Ungheni would open in September.\n"
    )
    label = "Ministry of Foreign Affairs of the Republic of Moldova"
    check(x, "the crossing at Ungheni would open in September", label, "say")
    (headline,) = [c for c in x.claims if c.in_headline]
    assert x.actor(headline.speaker).label == label
