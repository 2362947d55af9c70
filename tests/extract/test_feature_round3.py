"""Phenomena from the third round on unseen news (issue 3), each with our own sentences:
descriptions tagged as names, bodies named beside their description, findings of courts,
asides before "that", headline attributions the parser cannot read, things that are not
claims (hopes, banners, mutual blame), and the occasions claims were made at."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kg.model import ActorKind, EventType, Extraction
from tests.extract.helpers import check, claim_with

Extract = Callable[[str], Extraction]

DATED = "Headline\n17 May, 2019\n"


def test_a_ministry_keeps_its_country_and_is_referred_back_to(extract: Extract) -> None:
    x = extract(
        DATED + '"The visit was private," the Danish foreign ministry said in a statement. '
        "The ministry added that the envoy would return to Copenhagen on Friday.\n"
    )
    check(x, "The visit was private", "Danish foreign ministry", "say", quote=True)
    check(x, "the envoy would return to Copenhagen on Friday", "Danish foreign ministry", "add")


def test_another_countrys_ministry_is_not_the_one_named_before(extract: Extract) -> None:
    x = extract(
        DATED + "The Danish foreign ministry said the envoy would stay. Arrivals fell by a "
        "third, the Swedish interior ministry said on Monday.\n"
    )
    check(x, "Arrivals fell by a third", "Swedish interior ministry", "say")


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


def test_a_court_finding_in_a_background_clause(extract: Extract) -> None:
    x = extract(
        DATED + "A former harbour master was jailed on Thursday after the Antwerp criminal "
        "court found that he had taken bribes from three shipping agents.\n"
    )
    check(x, "he had taken bribes from three shipping agents", "Antwerp criminal court", "find")


@pytest.mark.parametrize(
    "paragraph",
    [
        "Rescuers found him alive under the rubble.",
        "Divers found the wreck on Tuesday.",
        "The inspectors found what the workers had hidden.",
    ],
)
def test_finding_something_is_no_claim(extract: Extract, paragraph: str) -> None:
    assert extract(DATED + paragraph + "\n").claims == []


def test_an_aside_before_that_is_not_the_content(extract: Extract) -> None:
    x = extract(
        DATED + "Two officials said, speaking on condition of anonymity, that the navy had "
        "moved two frigates north.\n"
    )
    check(x, "the navy had moved two frigates north", "officials", "say")


def test_the_quotation_a_reported_clause_opens_is_closed(extract: Extract) -> None:
    x = extract(
        DATED + 'Minister Ana Ruiz said the law would give tenants "a real way to fight back '
        'when a landlord breaks the rules." Landlords would have to register, she said.\n'
    )
    c = check(
        x,
        'the law would give tenants "a real way to fight back when a landlord breaks the rules."',
        "Ana Ruiz",
        "say",
    )
    assert c.quote == "a real way to fight back when a landlord breaks the rules."
    assert len([k for k in x.claims if "real way" in k.text]) == 1  # no orphan copy


@pytest.mark.parametrize(
    "paragraph",
    [
        "Ines Aalto said she hoped the probe would reach the ice by 2031.",
        'Marchers carried banners that read "Keep our clinics open". Police said the march '
        "was calm.",
        "Both sides blamed each other for the collapse of the ceasefire.",
    ],
)
def test_hopes_banners_and_mutual_blame_are_not_claims(extract: Extract, paragraph: str) -> None:
    x = extract(DATED + paragraph + "\n")
    assert [c.text for c in x.claims if "march was calm" not in c.text] == []


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


@pytest.mark.parametrize(
    ("headline", "content", "speaker", "verb"),
    [
        ("Harbour master guilty of taking bribes, court rules", None, None, "rule"),
        (
            "Former mayor lied about contracts, prosecutor tells jury",
            "Former mayor lied about contracts",
            "prosecutor",
            "tell",
        ),
        (
            "Inflation to fall below 2% by spring - central bank",
            "Inflation to fall below 2% by spring",
            "central bank",
            "say",
        ),
        (
            "Opposition claims vote was rigged; commission rejects allegations",
            "vote was rigged",
            "opposition",
            "claim",
        ),
    ],
)
def test_headline_attributions_the_parser_misreads(
    extract: Extract, headline: str, content: str | None, speaker: str | None, verb: str
) -> None:
    x = extract(f"{headline}\n17 May, 2019\n\nThe hearing lasted two days.\n")
    found = [c for c in x.claims if c.in_headline]
    assert len(found) == 1
    assert found[0].verb == verb
    if content is not None:
        assert found[0].text == content
        assert x.actor(found[0].speaker).label == speaker


@pytest.mark.parametrize(
    "headline",
    [
        "Pope visits Lisbon - live updates",
        "Floods - in pictures",
        "Acme Reports Record Revenue, Raises Outlook",
    ],
)
def test_headlines_that_attribute_nothing(extract: Extract, headline: str) -> None:
    x = extract(f"{headline}\n17 May, 2019\n\nThe hearing lasted two days.\n")
    assert [c.text for c in x.claims if c.in_headline] == []


def test_a_surname_in_the_headline_is_the_person_the_body_names(extract: Extract) -> None:
    x = extract(
        "Rates will stay higher for longer, says Bailey\n17 May, 2019\n\nAndrew Bailey, the "
        "governor of the Bank of England, spoke in London on Tuesday.\n"
    )
    c = claim_with(x, "Rates will stay higher for longer")
    assert x.actor(c.speaker).label == "Andrew Bailey"


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


def test_a_phrasal_verb_is_no_report_and_the_reason_stays_in_the_claim(extract: Extract) -> None:
    x = extract(
        DATED + "Bus drivers in Leeds called off a three-day strike on Monday after the "
        "company agreed to raise their pay by 9 percent, union officials said.\n"
    )
    c = check(
        x,
        "Bus drivers in Leeds called off a three-day strike on Monday after the company agreed "
        "to raise their pay by 9 percent",
        "union officials",
        "say",
    )
    assert len(x.claims) == 1
    assert all(e.time_text != "three-day" for e in x.events)  # a duration is not a date
    assert c.verb == "say"


def test_a_that_clause_hung_on_the_addressee(extract: Extract) -> None:
    x = extract(
        DATED + "Judge Paula Brandt opened the hearing. The judge warned the jurors that "
        "anyone who spoke to the press would be dismissed.\n"
    )
    check(x, "anyone who spoke to the press would be dismissed", "Paula Brandt", "warn")


def test_a_countrys_ministry_and_a_claim_denied_in_apposition(extract: Extract) -> None:
    x = extract(
        DATED + "Russia's defence ministry said its troops had taken the village of Hlyboke, a "
        "claim Kyiv denied.\n"
    )
    check(x, "its troops had taken the village of Hlyboke", "Russia's defence ministry", "say")


def test_a_body_is_not_bound_to_a_person_whose_role_shares_a_word(extract: Extract) -> None:
    x = extract(
        DATED + "According to Ukraine's military, 14 assaults were repelled on Friday.\n\n"
        '"They are paying a high price," said Maria Bilous, a military analyst in Kyiv.\n'
    )
    check(x, "14 assaults were repelled on Friday", "Ukraine's military", "according to")


def test_as_soon_as_is_part_of_what_was_said(extract: Extract) -> None:
    x = extract(
        DATED + "Lawyers for the firm argued that it had reported the fault as soon as it was "
        "discovered.\n"
    )
    claim_with(x, "it had reported the fault as soon as it was discovered")


def test_a_bare_spokesperson_speaks_for_the_body_that_just_spoke(extract: Extract) -> None:
    x = extract(
        DATED + "The Welsh government said it would study the ruling. A spokesperson added that "
        "ministers had already ordered a review.\n"
    )
    c = check(x, "ministers had already ordered a review", "Welsh government", "add")
    assert x.actor(c.speaker).kind is ActorKind.GOVERNMENT


def test_a_that_clause_runs_on_to_the_stop(extract: Extract) -> None:
    x = extract(
        DATED + "Counsel for the regulator told the hearing that the company had recorded "
        "spills as shorter than they were.\n"
    )
    claim_with(x, "the company had recorded spills as shorter than they were")


def test_a_headline_title_speaker_is_the_named_holder(extract: Extract) -> None:
    x = extract(
        "Sheriff: Deputy who shot teen 'followed training'\n17 May, 2019\n\nSheriff Dana "
        "Ruiz told reporters the deputy, who has not been named, fired after the teen "
        "reached toward the console.\n"
    )
    head = next(c for c in x.claims if c.in_headline)
    assert x.actor(head.speaker).label == "Dana Ruiz"
    # who was told is not part of what was said
    check(
        x,
        "the deputy, who has not been named, fired after the teen reached toward the console",
        "Dana Ruiz",
        "tell",
    )


def test_a_document_speaks_for_whoever_filed_it(extract: Extract) -> None:
    x = extract(
        DATED + "The lawsuit filed by the Reyes family on Monday claims the department failed "
        "to train deputies. A report by Amnesty International says the camps hold 10,000 "
        "people.\n"
    )
    check(x, "the department failed to train deputies", "Reyes family", "claim")
    c = check(x, "the camps hold 10,000 people", "Amnesty International", "say")
    assert x.actor(c.speaker).kind is ActorKind.ORGANIZATION


def test_events_that_did_not_happen_are_not_events(extract: Extract) -> None:
    x = extract(
        DATED + "The march was peaceful and no arrests were made. Police did not detain anyone.\n"
    )
    assert [e.type for e in x.events if e.type in (EventType.ARREST, EventType.DETENTION)] == []


def test_a_headline_finding_goes_to_who_reports_it_in_the_body(extract: Extract) -> None:
    x = extract(
        "Daily walks cut heart attacks by a fifth, study finds\n17 May, 2019\n\nA daily walk of "
        "30 minutes cut heart attacks by about a fifth among adults over 60, researchers at "
        "Lund University said on Tuesday.\n"
    )
    head = claim_with(x, "Daily walks cut heart attacks by a fifth")
    assert head.in_headline
    assert x.actor(head.speaker).label == "researchers at Lund University"


def test_a_headline_finding_nobody_reports_is_dropped(extract: Extract) -> None:
    x = extract(
        "Daily walks cut heart attacks by a fifth, study finds\n17 May, 2019\n\nThe city "
        "opened two new parks on Tuesday.\n"
    )
    assert [c for c in x.claims if c.in_headline] == []


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


@pytest.mark.parametrize(
    ("headline", "content", "speaker"),
    [
        (
            "Maresca insists title race 'not over' after Villa defeat",
            "title race 'not over'",
            "Maresca",
        ),
        ("Minister says reforms 'essential' as strikes spread", "reforms 'essential'", "Minister"),
    ],
)
def test_headlines_that_drop_the_verb_of_what_was_said(
    extract: Extract, headline: str, content: str, speaker: str
) -> None:
    x = extract(f"{headline}\n17 May, 2019\n\nThe hearing lasted two days.\n")
    c = claim_with(x, content)
    assert c.in_headline
    assert x.actor(c.speaker).label == speaker


def test_according_to_after_a_while_clause_vouches_for_that_clause(extract: Extract) -> None:
    x = extract(
        DATED + "The United Nations said it stood ready to help, while India, which shares a "
        "long border with Nepal, sent a team of 30 rescuers, according to the Indian embassy "
        "in Kathmandu.\n"
    )
    check(x, "it stood ready to help", "United Nations", "say")
    check(
        x,
        "India, which shares a long border with Nepal, sent a team of 30 rescuers",
        "Indian embassy in Kathmandu",
        "according to",
    )


def test_a_reaction_with_a_noun_object_is_a_statement_event(extract: Extract) -> None:
    x = extract(DATED + "Budapest rejected the criticism on Tuesday.\n")
    assert x.claims == []
    (event,) = x.events
    assert event.type is EventType.STATEMENT
    assert [x.actor(p).label for p in event.participants] == ["Government of Hungary"]


def test_a_headline_ceo_is_the_chief_executive_the_body_names(extract: Extract) -> None:
    x = extract(
        "Chipmaker shares slide; CEO says demand 'remains strong'\n17 May, 2019\n\nChief "
        "executive Lena Park said on a call with analysts that demand was strong.\n"
    )
    head = claim_with(x, "demand 'remains strong'")
    assert head.in_headline
    park = x.actor(head.speaker)
    assert park.label == "Lena Park"
    assert "Chief executive" in park.roles


def test_reticence_is_not_part_of_the_claim(extract: Extract) -> None:
    x = extract(
        DATED + "In a regulatory filing, Kestrel said it expected significant costs from the "
        "restrictions but did not give a figure.\n"
    )
    claim_with(x, "it expected significant costs from the restrictions")


def test_a_notice_posted_online_is_a_channel(extract: Extract) -> None:
    x = extract(
        DATED + "China's Ministry of Commerce said in a notice posted on its website that the "
        "measures were needed to protect national security.\n"
    )
    check(
        x,
        "the measures were needed to protect national security",
        "China's Ministry of Commerce",
        "say",
    )


def test_they_is_the_group_that_just_spoke(extract: Extract) -> None:
    x = extract(
        DATED + "Analysts at Morgan Stanley wrote in a note to clients that the curbs could cut "
        'revenue by 8%. "This is a serious but manageable hit," they wrote.\n'
    )
    check(
        x, "This is a serious but manageable hit", "analysts at Morgan Stanley", "write", quote=True
    )


def test_a_surname_of_two_words_and_a_first_name_tagged_plural(extract: Extract) -> None:
    x = extract(
        DATED + "For 22 years, Seán Ó Súilleabháin lived on a rock off the coast of Cork.\n\n"
        '"You never really leave," says Ó Súilleabháin, now 71. He says the closure was '
        '"about money, not safety", a view the Commissioners reject.\n'
    )
    check(x, "You never really leave", "Seán Ó Súilleabháin", "say", quote=True)
    check(x, 'the closure was "about money, not safety"', "Seán Ó Súilleabháin", "say")


def test_a_wire_lede_whose_subject_the_parser_gave_to_said(extract: Extract) -> None:
    x = extract(
        "Mali junta says jihadists killed 30 soldiers in ambush\nReuters\n14 October 2026\n\n"
        "BAMAKO, Oct 14 (Reuters) - Islamist militants killed at least 30 soldiers in an ambush "
        "in central Mali on Sunday, the army said in a statement read on state television.\n"
    )
    assert x.article.publisher == "Reuters"  # a credit line, not a paragraph
    check(
        x,
        "Islamist militants killed at least 30 soldiers in an ambush in central Mali on Sunday",
        "army",
        "say",
    )
    head = claim_with(x, "jihadists killed 30 soldiers in ambush")
    assert x.actor(head.speaker).label == "Mali junta"


def test_citing_makes_the_cited_the_speaker(extract: Extract) -> None:
    x = extract(
        DATED + "The state broadcaster ORTM, citing the army, said 15 assailants had been "
        "killed in the fighting.\n"
    )
    check(x, "15 assailants had been killed in the fighting", "army", "say", relayed_by="ORTM")


def test_an_accusation_of_two_and_a_noun_the_tagger_read_as_a_verb(extract: Extract) -> None:
    x = extract(
        DATED + "Human Rights Watch has accused both the army and the militants of killing "
        "civilians in the region, charges both sides deny.\n"
    )
    c = check(
        x,
        "both the army and the militants of killing civilians in the region",
        "Human Rights Watch",
        "accuse",
    )
    assert x.actor(c.speaker).kind is ActorKind.ORGANIZATION
    assert len(x.claims) == 1


def test_parts_of_a_group_speak(extract: Extract) -> None:
    x = extract(
        DATED + "Two security officials said the plotters had been angered by delayed pay. One "
        "of them told Reuters that the group had tried to win over the guard. One of them, a "
        "former colonel who asked not to be named, said the plot had failed.\n"
    )
    check(
        x,
        "the group had tried to win over the guard",
        "security officials",
        "tell",
        relayed_by="Reuters",
    )
    check(x, "the plot had failed", "former colonel", "say")


def test_a_with_aside_is_cut_and_its_own_speaker_found(extract: Extract) -> None:
    x = extract(
        DATED + "Most economists said they expected prices to keep falling, with two of the big "
        "four banks now forecasting that prices will fall 8 per cent.\n"
    )
    check(x, "they expected prices to keep falling", "economists", "say")
    c = check(x, "prices will fall 8 per cent", "two of the big four banks", "forecast")
    assert x.actor(c.speaker).kind is ActorKind.GROUP


def test_because_without_a_comma_is_the_speakers_reason(extract: Extract) -> None:
    x = extract(
        DATED + "Junts said it had abstained because neither candidate had offered a credible "
        "plan.\n"
    )
    claim_with(x, "it had abstained because neither candidate had offered a credible plan")


def test_according_to_after_an_and_clause(extract: Extract) -> None:
    x = extract(
        DATED + "The mutineers occupied the broadcaster, residents said, and at least three "
        "people were killed in the fighting, according to a doctor at Connaught Hospital.\n"
    )
    check(x, "The mutineers occupied the broadcaster", "residents", "say")
    check(
        x,
        "at least three people were killed in the fighting",
        "doctor at Connaught Hospital",
        "according to",
    )


def test_the_agent_of_a_passive_speaks_in_the_conjoined_verb(extract: Extract) -> None:
    x = extract(
        DATED + "The decision was welcomed by UK Anti-Doping (UKAD), which collected the sample "
        "and said the case showed the system was working.\n"
    )
    c = check(x, "the case showed the system was working", "UK Anti-Doping", "say")
    assert "UKAD" in x.actor(c.speaker).aliases


def test_conjoined_verbs_that_report_nothing_stay_in_the_claim(extract: Extract) -> None:
    x = extract(
        DATED + 'UK Athletics said it was "deeply disappointed" and would offer Okafor no '
        "further funding. The HSE said it accepted the findings and had written to every "
        "patient affected.\n"
    )
    claim_with(x, 'it was "deeply disappointed" and would offer Okafor no further funding')
    claim_with(x, "it accepted the findings and had written to every patient affected")


def test_a_bare_capitalised_noun_opening_a_sentence_is_a_name(extract: Extract) -> None:
    x = extract(DATED + "Arianespace said a major anomaly had occurred after ignition.\n")
    c = check(x, "a major anomaly had occurred after ignition", "Arianespace", "say")
    assert x.actor(c.speaker).kind is ActorKind.ORGANIZATION


def test_a_country_government_and_a_name_hung_on_the_wrong_word(extract: Extract) -> None:
    x = extract(
        DATED + "The Sierra Leone government said the coup had failed. Her counterpart at the "
        "CFDT, Laurent Guichard, who has rarely joined strikes, said his union would not "
        "negotiate.\n"
    )
    c = check(x, "the coup had failed", "Government of Sierra Leone", "say")
    assert x.actor(c.speaker).kind is ActorKind.GOVERNMENT
    check(x, "his union would not negotiate", "Laurent Guichard", "say")


def test_declared_as_is_a_label_not_a_report(extract: Extract) -> None:
    x = extract(
        DATED + "The container, declared as holding sesame seeds, was opened on Wednesday, the "
        "KWS said in a statement.\n"
    )
    check(
        x,
        "The container, declared as holding sesame seeds, was opened on Wednesday",
        "KWS",
        "say",
    )
    assert len(x.claims) == 1


def test_an_outlet_is_no_he_and_a_shortened_company_name(extract: Extract) -> None:
    x = extract(
        DATED + "Prime Minister Étienne Marchal said the reform was final. In an interview with "
        "Le Parisien, he had argued that France could not borrow more and said there would be "
        "no referendum.\n\nAtlantic Delta Petroleum operates the line. Atlantic Delta said in a "
        "statement that the rupture had been caused by sabotage. A spokesperson for the company "
        "told Reuters that it had recovered 1,800 barrels.\n"
    )
    # both said in the interview: the paper relays the second too
    check(x, "there would be no referendum", "Étienne Marchal", "say", relayed_by="Le Parisien")
    paper = x.actor(claim_with(x, "France could not borrow more").relayed_by or "")
    assert paper.kind is ActorKind.ORGANIZATION
    check(x, "the rupture had been caused by sabotage", "Atlantic Delta Petroleum", "say")
    check(
        x,
        "it had recovered 1,800 barrels",
        "Atlantic Delta Petroleum",
        "tell",
        relayed_by="Reuters",
    )


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


def test_a_but_clause_and_a_name_split_at_and(extract: Extract) -> None:
    x = extract(
        DATED + "The leak was first reported by fishermen on Sunday, but it was not shut in until "
        "Tuesday, community leaders said. The National Oil Spill Detection and Response Agency "
        "(NOSDRA) said its officials would lead an investigation.\n"
    )
    check(
        x,
        "The leak was first reported by fishermen on Sunday, but it was not shut in until Tuesday",
        "community leaders",
        "say",
    )
    check(
        x,
        "its officials would lead an investigation",
        "National Oil Spill Detection and Response Agency",
        "say",
    )


def test_according_to_then_although_gives_two_claims(extract: Extract) -> None:
    x = extract(
        DATED + "The owner has brought in contractors to keep the mill running, according to two "
        "union members who asked not to be named, although the company denied that any "
        "replacement workers were on site.\n"
    )
    check(
        x,
        "The owner has brought in contractors to keep the mill running",
        "union members",
        "according to",
    )
    check(x, "any replacement workers were on site", "company", "deny")


def test_who_said_after_a_name_the_parser_hung_elsewhere(extract: Extract) -> None:
    x = extract(
        DATED + "The dispute has also drawn in the mayor of Antofagasta, Carolina Pizarro, who "
        "said the city had lost about 2,000 jobs since the strike began.\n"
    )
    check(x, "the city had lost about 2,000 jobs since the strike began", "Carolina Pizarro", "say")


def test_a_quotation_headline_is_the_storys_main_voice(extract: Extract) -> None:
    x = extract(
        "'The ice is leaving us': a mountain guide on fifty summers in the Alps\n17 May, 2019\n\n"
        'Margrit Imboden has climbed the Matterhorn 200 times. "It gets harder every year," '
        "she said. Imboden said the glacier had shrunk by half.\n"
    )
    head = claim_with(x, "The ice is leaving us")
    assert head.in_headline and head.quote == "The ice is leaving us"
    assert x.actor(head.speaker).label == "Margrit Imboden"
    check(x, "the glacier had shrunk by half", "Margrit Imboden", "say")


def test_a_lone_surname_is_the_person_named_in_full_before(extract: Extract) -> None:
    x = extract(
        DATED + "The report was written by Tove Ahlgren in 2021.\n\nAhlgren said the glacier had "
        "shrunk by half.\n"
    )
    c = claim_with(x, "the glacier had shrunk by half")
    assert x.actor(c.speaker).kind is ActorKind.PERSON


def test_calling_something_a_name_judges_it(extract: Extract) -> None:
    x = extract(
        DATED + 'Amnesty International called the detention "a blatant act of repression" and '
        "urged Nairobi to release him. Uganda has accused Kasule of plotting a coup, a charge "
        "he denies.\n"
    )
    check(x, 'called the detention "a blatant act of repression"', "Amnesty International", "call")
    check(x, "accused Kasule of plotting a coup", "Government of Uganda", "accuse")
    detention = next(e for e in x.events if e.type is EventType.DETENTION)
    assert detention.participants == []  # who condemned a detention did not detain anyone


def test_a_report_in_a_background_clause_and_a_statement_without_author(extract: Extract) -> None:
    x = extract(
        DATED + "Shares in Kestrel fell 4% after the carmaker said it would cut 500 jobs.\n\n"
        "Volvo will cut 300 jobs in Gothenburg, according to a statement.\n"
    )
    claim_with(x, "it would cut 500 jobs")
    check(x, "Volvo will cut 300 jobs in Gothenburg", "Volvo", "according to")


def test_more_event_triggers(extract: Extract) -> None:
    x = extract(
        DATED + "Ignacio Barrera told reporters that the vote was lost. The no-confidence motion "
        "failed by four votes. Three people were killed in exchanges of fire with troops.\n"
    )
    kinds = {e.type for e in x.events}
    assert {EventType.STATEMENT, EventType.VOTE, EventType.CONFLICT} <= kinds
