"""Who speaks: descriptions that refer back ("the ministry", "the army", "both clubs"), capitals
and countries as governments, vague groups and parts of groups, spokespeople for their bodies,
documents for whoever filed them, subjects the parser hung elsewhere, roles."""

from __future__ import annotations

import pytest

from kg.model import ActorKind, EventType
from tests.extract.helpers import DATED, Extract, check, claim_with


@pytest.mark.parametrize(
    ("paragraph", "content", "speaker", "verb", "quote", "relayed_by"),
    [
        pytest.param(
            "The Sahel Army said on Monday that its convoy had been ambushed. The army added "
            "that two soldiers were missing.\n",
            "two soldiers were missing",
            "Sahel Army",
            "add",
            False,
            None,
            id="the_army_named_before_is_still_found",
        ),
        pytest.param(
            "The Danish foreign ministry said the envoy would stay. Arrivals fell by a third, "
            "the Swedish interior ministry said on Monday.\n",
            "Arrivals fell by a third",
            "Swedish interior ministry",
            "say",
            False,
            None,
            id="another_countrys_ministry_is_not_the_one_named_before",
        ),
        pytest.param(
            "According to Ukraine's military, 14 assaults were repelled on Friday.\n\n\"They "
            'are paying a high price," said Maria Bilous, a military analyst in Kyiv.\n',
            "14 assaults were repelled on Friday",
            "Ukraine's military",
            "according to",
            False,
            None,
            id="a_body_is_not_bound_to_a_person_whose_role_shares_a_word",
        ),
        pytest.param(
            "The dispute has also drawn in the mayor of Antofagasta, Carolina Pizarro, who "
            "said the city had lost about 2,000 jobs since the strike began.\n",
            "the city had lost about 2,000 jobs since the strike began",
            "Carolina Pizarro",
            "say",
            False,
            None,
            id="who_said_after_a_name_the_parser_hung_elsewhere",
        ),
        pytest.param(
            "One of the rescued miners, Pedro Quispe, was quoted by La República as saying "
            "that the water had risen within minutes.\n",
            "the water had risen within minutes",
            "Pedro Quispe",
            "say",
            False,
            "La República",
            id="the_named_part_of_a_group_speaks",
        ),
        pytest.param(
            "A court upheld the fine. The ruling was welcomed by the Food Standards Agency "
            "(FSA), which brought the case and said the verdict sent a clear message.\n",
            "the verdict sent a clear message",
            "Food Standards Agency",
            "say",
            False,
            None,
            id="which_after_a_name_is_about_the_name",
        ),
        pytest.param(
            "Relatives such as Samir Haddad, a Lebanese man living in Sweden, who said his "
            "sister had not been found, have pressed for answers.\n",
            "his sister had not been found",
            "Samir Haddad",
            "say",
            False,
            None,
            id="a_clause_on_the_place_a_person_lives_is_about_the_person",
        ),
        pytest.param(
            '"Nobody is coming to help," said Ewa Nowak, a volunteer with the network, who '
            "added that two children had been found in the forest.\n",
            "two children had been found in the forest",
            "Ewa Nowak",
            "add",
            False,
            None,
            id="who_after_a_description_of_a_person_is_the_person",
        ),
        pytest.param(
            "The complaint was filed by the mayor of Cochabamba, Rosa Quispe, who told "
            "reporters on Monday that the water company had ignored three court orders.\n",
            "the water company had ignored three court orders",
            "Rosa Quispe",
            "tell",
            False,
            None,
            id="relative_clause_after_a_role_with_a_place",
        ),
    ],
)
def test_who_speaks(
    extract: Extract,
    paragraph: str,
    content: str,
    speaker: str,
    verb: str,
    quote: bool,
    relayed_by: str | None,
) -> None:
    """The claim ``content`` is said by ``speaker``."""
    check(extract(DATED + paragraph), content, speaker, verb, quote, relayed_by)


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


def test_the_army_is_not_the_agency_last_named(extract: Extract) -> None:
    x = extract(
        DATED + "UNHCR said the road to the camp had reopened. The army accused the rebels of "
        "laying mines on the bridge.\n"
    )
    check(x, "the road to the camp had reopened", "UNHCR", "say")
    check(x, "accused the rebels of laying mines on the bridge", "army", "accuse")


def test_a_ministry_keeps_its_country_and_is_referred_back_to(extract: Extract) -> None:
    x = extract(
        DATED + '"The visit was private," the Danish foreign ministry said in a statement. '
        "The ministry added that the envoy would return to Copenhagen on Friday.\n"
    )
    check(x, "The visit was private", "Danish foreign ministry", "say", quote=True)
    check(x, "the envoy would return to Copenhagen on Friday", "Danish foreign ministry", "add")


def test_an_office_speaks_as_a_body_not_as_its_holder(extract: Extract) -> None:
    """An office's statement is institutional: it is not put in the holder's mouth."""
    x = extract(
        DATED + "Karin Olsen, the county prosecutor, reviewed the file. Olsen's office said in "
        "a statement that no charges would be brought.\n"
    )
    c = check(x, "no charges would be brought", "Olsen's office", "say")
    assert x.actor(c.speaker).kind is ActorKind.ORGANIZATION


def test_a_title_noun_does_not_go_to_someone_with_another_role(extract: Extract) -> None:
    x = extract(
        DATED + "Karin Olsen, the county prosecutor, reviewed the file. The president's office "
        "said the pardon would be signed within days.\n"
    )
    c = claim_with(x, "the pardon would be signed within days")
    assert x.actor(c.speaker).label != "Karin Olsen"


def test_a_person_by_age_and_a_relay_by_quoted_by(extract: Extract) -> None:
    x = extract(
        DATED + "Maria Lind spoke first. The 61-year-old added that she had never been so "
        'sure. Pavel Novak, quoted by the Financial Times, said the deal was "dead".\n'
    )
    check(x, "she had never been so sure", "Maria Lind", "add")
    check(x, 'the deal was "dead"', "Pavel Novak", "say", relayed_by="Financial Times")


def test_a_bare_spokesperson_speaks_for_the_body_that_just_spoke(extract: Extract) -> None:
    x = extract(
        DATED + "The Welsh government said it would study the ruling. A spokesperson added that "
        "ministers had already ordered a review.\n"
    )
    c = check(x, "ministers had already ordered a review", "Welsh government", "add")
    assert x.actor(c.speaker).kind is ActorKind.GOVERNMENT


def test_a_document_speaks_for_whoever_filed_it(extract: Extract) -> None:
    x = extract(
        DATED + "The lawsuit filed by the Reyes family on Monday claims the department failed "
        "to train deputies. A report by Amnesty International says the camps hold 10,000 "
        "people.\n"
    )
    check(x, "the department failed to train deputies", "Reyes family", "claim")
    c = check(x, "the camps hold 10,000 people", "Amnesty International", "say")
    assert x.actor(c.speaker).kind is ActorKind.ORGANIZATION


def test_both_of_a_pair_just_named_speak_together(extract: Extract) -> None:
    x = extract(
        DATED + "Anna Lindqvist and Mark Okafor met in Oslo on Friday. The two leaders said the "
        "talks had gone well.\n"
    )
    c = check(x, "the talks had gone well", "Anna Lindqvist and Mark Okafor", "say")
    assert x.actor(c.speaker).kind is ActorKind.GROUP
    meeting = next(e for e in x.events if e.type is EventType.MEETING and e.place == "Oslo")
    assert {x.actor(p).label for p in meeting.participants} == {"Anna Lindqvist", "Mark Okafor"}


def test_both_is_not_a_pair_when_more_are_in_view(extract: Extract) -> None:
    x = extract(
        DATED + "Kwame Asante, Anna Lindqvist and Mark Okafor met on Friday. The two leaders "
        "said the talks had gone well.\n"
    )
    c = claim_with(x, "the talks had gone well")
    assert " and " not in x.actor(c.speaker).label


def test_a_subject_the_parser_gave_to_an_aside(extract: Extract) -> None:
    x = extract(
        DATED + "Former striker Chris Sutton, writing in his weekly column, said the side lacked "
        '"a proper number nine".\n'
    )
    check(x, 'the side lacked "a proper number nine"', "Chris Sutton", "say")
    assert len(x.claims) == 1


def test_a_person_by_nationality_and_a_club_spokesperson(extract: Extract) -> None:
    x = extract(
        DATED + 'Enzo Maresca insisted his side were still in the race. "Nothing is decided in '
        'March," the Italian told Sky Sports. A Chelsea spokesperson said the club would not '
        "comment on transfers.\n"
    )
    check(
        x,
        "Nothing is decided in March",
        "Enzo Maresca",
        "tell",
        quote=True,
        relayed_by="Sky Sports",
    )
    c = check(x, "the club would not comment on transfers", "Chelsea", "say")
    assert x.actor(c.speaker).kind is ActorKind.ORGANIZATION


def test_parts_of_a_group_speak(extract: Extract) -> None:
    x = extract(
        DATED + "Two security officials said the plotters had been angered by delayed pay. One "
        "of them told Reuters that the group had tried to win over the guard. One of them, a "
        "former colonel who asked not to be named, said the plot had failed.\n"
    )
    check(
        x,
        "the group had tried to win over the guard",
        "two security officials",
        "tell",
        relayed_by="Reuters",
    )
    check(x, "the plot had failed", "former colonel", "say")


def test_the_agent_of_a_passive_speaks_in_the_conjoined_verb(extract: Extract) -> None:
    x = extract(
        DATED + "The decision was welcomed by UK Anti-Doping (UKAD), which collected the sample "
        "and said the case showed the system was working.\n"
    )
    c = check(x, "the case showed the system was working", "UK Anti-Doping", "say")
    assert "UKAD" in x.actor(c.speaker).aliases


def test_a_country_government_and_a_name_hung_on_the_wrong_word(extract: Extract) -> None:
    x = extract(
        DATED + "The Sierra Leone government said the coup had failed. Her counterpart at the "
        "CFDT, Laurent Guichard, who has rarely joined strikes, said his union would not "
        "negotiate.\n"
    )
    c = check(x, "the coup had failed", "Government of Sierra Leone", "say")
    assert x.actor(c.speaker).kind is ActorKind.GOVERNMENT
    check(x, "his union would not negotiate", "Laurent Guichard", "say")


def test_a_capital_the_model_did_not_tag_is_its_government(extract: Extract) -> None:
    x = extract(DATED + "Lisbon insisted it would meet its housing target.\n")
    c = check(x, "it would meet its housing target", "Government of Portugal", "insist")
    assert x.actor(c.speaker).kind is ActorKind.GOVERNMENT


def test_a_description_is_what_its_head_noun_says(extract: Extract) -> None:
    x = extract(
        DATED + "Officials said border police vessels had followed the dinghy for hours.\n\n"
        "The dinghy left Libya on Monday, according to the border police.\n"
    )
    c = claim_with(x, "The dinghy left Libya on Monday")
    assert x.actor(c.speaker).label != "border police vessels"


def test_a_speaker_the_parser_hung_on_a_fronted_phrase(extract: Extract) -> None:
    x = extract(
        DATED + "Speaking before the Senate committee in Ottawa, Marie Tremblay, who took over "
        "the agency in March, told MPs that the backlog was shrinking and that new staff "
        "would start within weeks.\n"
    )
    c = check(
        x,
        "the backlog was shrinking and that new staff would start within weeks",
        "Marie Tremblay",
        "tell",
    )
    assert c.relayed_by is None  # MPs heard it; they pass nothing on
    assert len(x.claims) == 1


def test_a_count_is_nobody(extract: Extract) -> None:
    x = extract(
        DATED + "The ministry asked the platforms to remove a clip viewed more than 2 million "
        "times that falsely claims the vaccine is unsafe.\n"
    )
    assert all(x.actor(c.speaker).label != "more than 2 million times" for c in x.claims)


def test_the_company_is_not_the_union_of_the_headline(extract: Extract) -> None:
    x = extract(
        "Union says dockers will strike\n17 May, 2019\n"
        "The company, which runs four terminals on the estuary, said in a statement that "
        "its pay offer was fair.\n"
    )
    c = check(x, "its pay offer was fair", "company", "say")
    assert x.actor(c.speaker).label.lower() != "union"


def test_unnamed_professional_after_a_long_relative_clause(extract: Extract) -> None:
    x = extract(
        DATED + "A senior inspector at the Port Authority, who asked not to be named because "
        "she was not cleared to speak to the press, said the cranes had failed two safety "
        'checks this year. "Nobody wants to sign the report," she said.\n'
    )
    first = check(
        x,
        "the cranes had failed two safety checks this year",
        "senior inspector at the Port Authority",
        "say",
    )
    second = check(
        x,
        "Nobody wants to sign the report",
        "senior inspector at the Port Authority",
        "say",
        quote=True,
    )
    assert first.speaker == second.speaker


def test_who_was_doing_something_when_they_spoke(extract: Extract) -> None:
    x = extract(
        DATED + "In Guediawaye, residents queuing outside the town hall on Wednesday said they "
        "had come several times without finding their cards.\n"
    )
    c = claim_with(x, "they had come several times without finding their cards")
    assert x.actor(c.speaker).label.startswith("residents")
