"""Claims in headlines: the forms the parser cannot read ("Police: suspect acted alone",
"..., court rules", "... - central bank", "Opposition claims ...; ...", "insists title race 'not
over'"), headline speakers the body names in full, findings and quotations a headline gives
whoever says them in the body, and headlines that attribute nothing."""

from __future__ import annotations

import pytest

from kg.model import ActorKind
from tests.extract.helpers import Extract, check, claim_with


def _company_article(headline: str, lede: str) -> str:
    return (
        f"{headline}\n2024-10-24\nBy Anna Rossi\n\n{lede}\n\n"
        'Chief executive Marco Lenzi told analysts that the company had "moved too fast" '
        "and would cut prices.\n"
    )


def test_headline_company_repeated_in_the_body_keeps_its_claim(extract: Extract) -> None:
    x = extract(
        _company_article(
            "Sorvita Foods says price cuts will bring shoppers back after quarterly loss",
            "Sorvita Foods, the Milan-based maker of frozen meals, reported a loss of 80 "
            "million euros on Thursday.",
        )
    )
    c = check(x, "price cuts will bring shoppers back after quarterly loss", "Sorvita Foods", "say")
    assert c.in_headline


def test_headline_role_still_binds_to_the_named_person(extract: Extract) -> None:
    x = extract(
        _company_article(
            "Chief executive says price cuts will bring shoppers back",
            "Sorvita Foods, the Milan-based maker of frozen meals, reported a loss of 80 "
            "million euros on Thursday.",
        )
    )
    check(x, "price cuts will bring shoppers back", "Marco Lenzi", "say")


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


def test_a_headline_quote_goes_to_who_says_it_in_the_body(extract: Extract) -> None:
    x = extract(
        "'The whole street shook': gas blast destroys bakery\n17 May, 2019\n\n"
        "Fire crews said the blast happened just after 6 a.m.\n\n"
        '"The whole street shook. I thought it was an earthquake," said Aled Hughes, who '
        "lives opposite.\n\n"
        '"We are investigating the cause," said Gwen Morgan, a fire service manager.\n'
    )
    c = next(c for c in x.claims if c.in_headline)
    assert c.text == "The whole street shook"
    assert x.actor(c.speaker).label == "Aled Hughes"


def test_a_headline_team_speaking_in_the_plural(extract: Extract) -> None:
    x = extract(
        "Munster deny approach made for Ulster lock Doyle\n17 May, 2019\n\n"
        "Munster on Sunday denied making an approach for Ulster lock Ciarán Doyle.\n"
    )
    c = next(c for c in x.claims if c.in_headline)
    assert c.text == "approach made for Ulster lock Doyle"
    assert c.verb == "deny"
    assert x.actor(c.speaker).kind is ActorKind.ORGANIZATION


def test_an_apostrophe_inside_a_single_quoted_headline(extract: Extract) -> None:
    x = extract(
        "‘We can’t pay rent’: prices soar in Lagos\n17 May, 2019\n\n"
        "“We can’t pay rent. Nobody can,” said Adaeze, a 29-year-old who sells phones.\n"
    )
    c = next(c for c in x.claims if c.in_headline)
    assert c.text == "We can’t pay rent"
    speaker = x.actor(c.speaker)
    assert speaker.label == "Adaeze"
    assert speaker.kind is ActorKind.PERSON


def test_a_quotation_headline_read_twice_is_one_claim(extract: Extract) -> None:
    x = extract(
        "'I never fixed a race': Kenya athlete denies doping charges\n17 May, 2019\n\n"
        "Kenyan athlete Mercy Wanjiru on Tuesday denied charges brought by the AIU.\n\n"
        '"I have trained clean all my life," Wanjiru told reporters.\n'
    )
    headline = [c for c in x.claims if c.in_headline]
    assert [c.text for c in headline] == ["I never fixed a race"]
    assert x.actor(headline[0].speaker).label == "Mercy Wanjiru"


def test_a_title_and_surname_in_the_headline_is_the_person_named_in_full(
    extract: Extract,
) -> None:
    x = extract(
        "Rapporteur Moreau: banks 'can no longer hide behind the model'\n17 May, 2019\n\n"
        "The text was steered through Parliament by French MEP Claire Moreau.\n\n"
        '"The model is no excuse," Moreau told reporters.\n\n'
        "German MEP Jonas Becker wrote on X that the text was dead on arrival.\n"
    )
    c = next(c for c in x.claims if c.in_headline)
    assert x.actor(c.speaker).label == "Claire Moreau"
    check(x, "the text was dead on arrival", "Jonas Becker", "write")


def test_headline_capital_is_not_a_person_with_the_country_in_a_role(extract: Extract) -> None:
    x = extract(
        "Hanoi says it seized fishing boat; Manila says boat was in its waters\n"
        "17 May, 2019\n"
        "Nguyen Van An, a fellow at the Vietnam Maritime Institute, said the dispute would "
        "not escalate.\n"
    )
    labels = {c.text: x.actor(c.speaker).label for c in x.claims if c.in_headline}
    assert labels == {
        "it seized fishing boat": "Government of Vietnam",
        "boat was in its waters": "Government of the Philippines",
    }


@pytest.mark.parametrize(
    ("headline", "content", "speaker"),
    [
        pytest.param(
            "Nepal quake toll far higher than official count, aid groups say",
            "Nepal quake toll far higher than official count",
            "aid groups",
            id="a_plural_speaker_last",
        ),
        pytest.param(
            "E-scooter trauma cases more than double, says trauma chief",
            "E-scooter trauma cases more than double",
            "trauma chief",
            id="the_verb_before_the_speaker",
        ),
        pytest.param(
            "HPV vaccination: more than 61,000 girls vaccinated in Gbeke, officials say",
            "more than 61,000 girls vaccinated in Gbeke",
            "officials",
            id="a_topic_label_is_no_part_of_the_claim",
        ),
        pytest.param(
            "Strike will go on until petrol price is reversed: NLC",
            "Strike will go on until petrol price is reversed",
            "NLC",
            id="an_acronym_after_a_colon",
        ),
        pytest.param(
            "Drone attack damages grain terminal in Odesa port, two workers injured - RMA",
            "Drone attack damages grain terminal in Odesa port, two workers injured",
            "RMA",
            id="an_acronym_after_a_dash",
        ),
        pytest.param(
            "DA: ASF vaccine rollout in Batangas to cover 40,000 hogs by April",
            "ASF vaccine rollout in Batangas to cover 40,000 hogs by April",
            "DA",
            id="an_acronym_before_a_colon",
        ),
        pytest.param(
            "Digital Agency says contractor error behind My Number card outage",
            "contractor error behind My Number card outage",
            "Digital Agency",
            id="a_noun_phrase_with_where_it_stands",
        ),
        pytest.param(
            "Health inspectorate says flu peak still to come",
            "flu peak still to come",
            "health inspectorate",
            id="a_body_by_its_kind",
        ),
    ],
)
def test_headline_sources_written_short(
    extract: Extract, headline: str, content: str, speaker: str
) -> None:
    x = extract(headline + "\n17 May, 2019\n\nThe figures were published on Monday.\n")
    claim = claim_with(x, content)
    assert claim.in_headline
    assert x.actor(claim.speaker).label == speaker


@pytest.mark.parametrize(
    "headline",
    [
        "Pope visits Lisbon - Live Updates",
        "Club says goodbye to coach",
        "Minister says thanks for support",
    ],
)
def test_headlines_that_say_nothing_of_anyone(extract: Extract, headline: str) -> None:
    x = extract(headline + "\n17 May, 2019\n\nThe figures were published on Monday.\n")
    assert [c.text for c in x.claims if c.in_headline] == []


def test_a_round_up_sub_heading_is_its_items_claim(extract: Extract) -> None:
    x = extract(
        "Bermuda news round-up\n17 May, 2019\n\n"
        "Causeway to close overnight\n\n"
        "The Causeway will close to traffic overnight from Monday, the Ministry of Public "
        "Works said.\n\n"
        "Register deadline unrealistic, lawyer says\n\n"
        "Bermuda will not be able to open its register of beneficial owners by the end of the "
        "year, according to a senior corporate lawyer.\n\n"
        "Rebecca Trott, a partner at the law firm Wakefield Trott, said firms would need at "
        "least a year to prepare.\n\n"
        "Cruise calls up\n\n"
        "Sandra DeSilva, who runs a gift shop, said spending per passenger had fallen.\n"
    )
    c = claim_with(x, "Register deadline unrealistic")
    assert not c.in_headline  # the item's, not the article's headline
    assert x.actor(c.speaker).label == "Rebecca Trott"
    # an unattributed sub-heading is no claim
    assert not [c for c in x.claims if "Causeway to close" in c.text]
