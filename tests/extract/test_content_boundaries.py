"""Where what was said starts and ends: asides, background clauses set off by a comma, a second
speaker, someone else's view in apposition and the speaker's reticence are cut off; reasons,
time clauses and conjoined verbs that report nothing stay in; what "X called" or "described as"
is X's claim; a semicolon ends what a later verb can report."""

from __future__ import annotations

import pytest

from kg.model import ActorKind
from tests.extract.helpers import DATED, Extract, check, claim_with


@pytest.mark.parametrize(
    ("paragraph", "content", "speaker", "verb", "quote", "relayed_by"),
    [
        pytest.param(
            "Two officials said, speaking on condition of anonymity, that the navy had moved "
            "two frigates north.\n",
            "the navy had moved two frigates north",
            "two officials",
            "say",
            False,
            None,
            id="an_aside_before_that_is_not_the_content",
        ),
        pytest.param(
            "Judge Paula Brandt opened the hearing. The judge warned the jurors that anyone "
            "who spoke to the press would be dismissed.\n",
            "anyone who spoke to the press would be dismissed",
            "Paula Brandt",
            "warn",
            False,
            None,
            id="a_that_clause_hung_on_the_addressee",
        ),
        pytest.param(
            "Russia's defence ministry said its troops had taken the village of Hlyboke, a "
            "claim Kyiv denied.\n",
            "its troops had taken the village of Hlyboke",
            "Russia's defence ministry",
            "say",
            False,
            None,
            id="a_countrys_ministry_and_a_claim_denied_in_apposition",
        ),
        pytest.param(
            "China's Ministry of Commerce said in a notice posted on its website that the "
            "measures were needed to protect national security.\n",
            "the measures were needed to protect national security",
            "China's Ministry of Commerce",
            "say",
            False,
            None,
            id="a_notice_posted_online_is_a_channel",
        ),
        pytest.param(
            "Floods cut off dozens of villages in the north, in what engineers described as "
            "the worst damage to the network in decades.\n",
            "the worst damage to the network in decades",
            "engineers",
            "describe",
            False,
            None,
            id="what_they_described_as",
        ),
        pytest.param(
            'The union signed the deal on Friday, on what Mayor Ines Kaur called a "historic '
            'day for the port".\n',
            'a "historic day for the port"',
            "Ines Kaur",
            "call",
            False,
            None,
            id="what_she_called_keeps_the_quotation_whole",
        ),
        pytest.param(
            "Analysts at Northgate University said the turnout of 78 percent was the highest "
            "in decades, and the university published a full breakdown.\n\nOttawa "
            'congratulated Pike on what it called a "clear result".\n',
            'a "clear result"',
            "Government of Canada",
            "call",
            False,
            None,
            id="pronoun_in_what_it_called_is_the_main_subject",
        ),
        pytest.param(
            "Westfield Parish Council told the inspector in writing that it opposed the second "
            "runway.\n",
            "it opposed the second runway",
            "Westfield Parish Council",
            "tell",
            False,
            None,
            id="told_someone_in_writing_that",
        ),
        pytest.param(
            "Amina Yusuf, 41, sells vegetables at the station. Her son, she said, had moved to "
            "Kano to find work in a garage.\n",
            "had moved to Kano to find work in a garage",
            "Amina Yusuf",
            "say",
            False,
            None,
            id="attribution_inside_the_clause_it_reports",
        ),
    ],
)
def test_what_was_said_starts_and_ends_there(
    extract: Extract,
    paragraph: str,
    content: str,
    speaker: str,
    verb: str,
    quote: bool,
    relayed_by: str | None,
) -> None:
    """What ``speaker`` said, with ``verb``, is ``content`` exactly: no more, no less."""
    check(extract(DATED + paragraph), content, speaker, verb, quote, relayed_by)


@pytest.mark.parametrize(
    ("paragraph", "content"),
    [
        pytest.param(
            "Lawyers for the firm argued that it had reported the fault as soon as it was "
            "discovered.\n",
            "it had reported the fault as soon as it was discovered",
            id="as_soon_as_is_part_of_what_was_said",
        ),
        pytest.param(
            "Counsel for the regulator told the hearing that the company had recorded spills "
            "as shorter than they were.\n",
            "the company had recorded spills as shorter than they were",
            id="a_that_clause_runs_on_to_the_stop",
        ),
        pytest.param(
            "In a regulatory filing, Kestrel said it expected significant costs from the "
            "restrictions but did not give a figure.\n",
            "it expected significant costs from the restrictions",
            id="reticence_is_not_part_of_the_claim",
        ),
        pytest.param(
            "Junts said it had abstained because neither candidate had offered a credible plan.\n",
            "it had abstained because neither candidate had offered a credible plan",
            id="because_without_a_comma_is_the_speakers_reason",
        ),
    ],
)
def test_the_claim_is_exactly_what_was_said(extract: Extract, paragraph: str, content: str) -> None:
    """A claim's text is exactly ``content``: no more, no less."""
    claim_with(extract(DATED + paragraph), content)


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


def test_a_with_aside_is_cut_and_its_own_speaker_found(extract: Extract) -> None:
    x = extract(
        DATED + "Most economists said they expected prices to keep falling, with two of the big "
        "four banks now forecasting that prices will fall 8 per cent.\n"
    )
    check(x, "they expected prices to keep falling", "most economists", "say")
    c = check(x, "prices will fall 8 per cent", "two of the big four banks", "forecast")
    assert x.actor(c.speaker).kind is ActorKind.GROUP


def test_conjoined_verbs_that_report_nothing_stay_in_the_claim(extract: Extract) -> None:
    x = extract(
        DATED + 'UK Athletics said it was "deeply disappointed" and would offer Okafor no '
        "further funding. The HSE said it accepted the findings and had written to every "
        "patient affected.\n"
    )
    claim_with(x, 'it was "deeply disappointed" and would offer Okafor no further funding')
    claim_with(x, "it accepted the findings and had written to every patient affected")


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


def test_although_the_other_side_said_is_a_second_claim(extract: Extract) -> None:
    x = extract(
        DATED + "Tenants' groups warned that older residents could be priced out, though the "
        "council said rents would be capped.\n\n"
        "Lisbon insisted it would meet its housing target, although builders have doubted "
        "that.\n"
    )
    check(x, "older residents could be priced out", "tenants' groups", "warn")
    check(x, "rents would be capped", "council", "say")
    # doubting "that" says nothing of its own: the claim stays Lisbon's, whole
    check(x, "it would meet its housing target", "Government of Portugal", "insist")


def test_said_a_and_that_b_is_one_claim(extract: Extract) -> None:
    x = extract(
        DATED + "Among them was Rep. Dana Kohl, who said the board had overreached and that the "
        "assembly would respond.\n"
    )
    check(
        x,
        "the board had overreached and that the assembly would respond",
        "Dana Kohl",
        "say",
    )
    assert len(x.claims) == 1


def test_clause_before_a_semicolon_is_not_reported_content(extract: Extract) -> None:
    x = extract(
        "Norway scraps fuel tax rise; hauliers call it a reprieve\n2024-10-24\nBy Anna Rossi\n\n"
        "OSLO - The government dropped a planned rise in diesel duty on Monday; the truckers "
        "association said the move would save jobs.\n"
    )
    check(x, "the move would save jobs", "truckers association", "say")
    # "call it a reprieve" judges (a claim, as "called the plan a disaster"); what the
    # semicolon closes off is never content
    assert sorted(c.text for c in x.claims) == ["call it a reprieve", "the move would save jobs"]


def test_fronted_content_before_a_comma_still_counts(extract: Extract) -> None:
    x = extract(
        "Headline\n17 May, 2019\nThe levy will be dropped next year, the Dutch farmers union "
        "said on Monday.\n"
    )
    check(x, "The levy will be dropped next year", "Dutch farmers union", "say")


def test_two_speakers_contrasted_by_while(extract: Extract) -> None:
    x = extract(
        DATED + "The Bakers Guild said the levy would close small shops, while the Consumer "
        'Council said its members were "broadly in favour" of the change.\n'
    )
    check(x, "the levy would close small shops", "Bakers Guild", "say")
    check(
        x,
        'its members were "broadly in favour" of the change',
        "Consumer Council",
        "say",
    )


def test_report_inside_an_apposition_is_its_own_claim(extract: Extract) -> None:
    x = extract(
        DATED + "Mayor Ines Duarte said on Monday that the tram line would open by 2027, a "
        "date most engineers say the contractor cannot possibly meet.\n"
    )
    check(x, "the tram line would open by 2027", "Ines Duarte", "say")
    check(x, "the contractor cannot possibly meet", "most engineers", "say")


def test_percent_sign_stays_with_the_figure(extract: Extract) -> None:
    x = extract(
        DATED + "Sales rose, according to finance director Lena Park, who added that the "
        "operating margin widened to 12.5% as freight costs fell.\n"
    )
    assert "the operating margin widened to 12.5%" in [c.text for c in x.claims]


def test_closing_attribution_to_an_unnamed_source_with_a_trailing_participle(
    extract: Extract,
) -> None:
    x = extract(
        DATED + "Production at the smelter has halved since the stoppage began on March 3, an "
        "official close to the talks said, speaking on condition of anonymity because the "
        "figures are not public.\n"
    )
    (claim,) = x.claims
    assert claim.text.startswith("Production at the smelter has halved")
    assert "official" in x.actor(claim.speaker).label
