"""Who passed the words on (``relayed_by``): an outlet told ("told the Jakarta Post"), "quoted
by", "citing", a closing "the agency reported", an interview with a paper; an outlet is an
organisation, never the "he" of a later sentence."""

from __future__ import annotations

import pytest

from kg.model import ActorKind
from tests.extract.helpers import DATED, Extract, check, claim_with


@pytest.mark.parametrize(
    ("paragraph", "content", "speaker", "verb", "quote", "relayed_by"),
    [
        pytest.param(
            "The state broadcaster ORTM, citing the army, said 15 assailants had been killed "
            "in the fighting.\n",
            "15 assailants had been killed in the fighting",
            "army",
            "say",
            False,
            "ORTM",
            id="citing_makes_the_cited_the_speaker",
        ),
        pytest.param(
            "In an interview with Le Monde published on Sunday, the head of the rail union, "
            'Claire Dubois, said: "Nobody asked the drivers."\n',
            "Nobody asked the drivers.",
            "Claire Dubois",
            "say",
            True,
            "Le Monde",
            id="a_fronted_interview_names_the_relay",
        ),
        pytest.param(
            "Tehran said the drills were defensive and aimed at no country, the state-run "
            "Islamic Republic News Agency reported on Friday.\n",
            "the drills were defensive and aimed at no country",
            "Government of Iran",
            "say",
            False,
            "Islamic Republic News Agency",
            id="closing_outlet_relays_what_a_capital_said",
        ),
    ],
)
def test_who_passed_the_words_on(
    extract: Extract,
    paragraph: str,
    content: str,
    speaker: str,
    verb: str,
    quote: bool,
    relayed_by: str | None,
) -> None:
    """The claim ``content`` is ``speaker``'s, relayed by ``relayed_by``."""
    check(extract(DATED + paragraph), content, speaker, verb, quote, relayed_by)


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


def test_acronym_in_brackets_is_an_alias_of_the_full_name(extract: Extract) -> None:
    x = extract(
        DATED + "The Central Statistics Office (CSO) published the figures on Monday.\n"
        '"Inflation has peaked," a senior economist was quoted by CSO as saying.\n'
    )
    c = check(
        x,
        "Inflation has peaked",
        "senior economist",
        "say",
        quote=True,
        relayed_by="Central Statistics Office",
    )
    assert c.relayed_by is not None
    assert x.actor(c.relayed_by).aliases == ["CSO"]


def test_outlet_named_next_to_its_media_noun(extract: Extract) -> None:
    x = extract(
        DATED + "Haddad told the Lebanese broadcaster Al Jadeed that the port would reopen "
        "within weeks.\n"
        "A ministry spokesman was quoted by the Anadolu news agency as saying that the "
        "border was calm.\n"
    )
    check(x, "the port would reopen within weeks", "Haddad", "tell", relayed_by="Al Jadeed")
    c = next(c for c in x.claims if c.text.startswith("the border was calm"))
    assert c.relayed_by is not None and x.actor(c.relayed_by).label == "Anadolu"
