"""The offline GeoNames linker: countries, demonyms, places and the words it must not link."""

from __future__ import annotations

import pytest

from kg.link.geonames import LINKER, Gazetteer, geonames_iri

CHINA = "http://sws.geonames.org/1814991/"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer()


def test_iri_form() -> None:
    assert geonames_iri(1814991) == CHINA


@pytest.mark.parametrize(
    ("name", "geonameid", "label"),
    [
        ("China", 1814991, "China"),
        ("the United States", 6252001, "United States"),
        ("U.S.", 6252001, "United States"),
        ("US", 6252001, "United States"),
        ("USA", 6252001, "United States"),
        ("Britain", 2635167, "United Kingdom"),
        ("UK", 2635167, "United Kingdom"),
        ("the Netherlands", 2750405, "The Netherlands"),
        ("South Korea", 1835841, "South Korea"),
        ("Ivory Coast", 2287781, "Ivory Coast"),
        ("Côte d'Ivoire", 2287781, "Ivory Coast"),
        ("Czech Republic", 3077311, "Czechia"),
        ("Burma", 1327865, "Myanmar"),
        ("Türkiye", 298795, "Turkey"),
        ("Turkey", 298795, "Turkey"),
        ("DR Congo", 203312, "Democratic Republic of the Congo"),
        ("Democratic Republic of the Congo", 203312, "Democratic Republic of the Congo"),
        ("Republic of the Congo", 2260494, "Republic of the Congo"),
    ],
)
def test_country_names_and_variants(gaz: Gazetteer, name: str, geonameid: int, label: str) -> None:
    link = gaz.country(name)
    assert link is not None
    assert link.target == f"http://sws.geonames.org/{geonameid}/"
    assert link.label == label
    assert link.score == 1.0
    assert link.linker == LINKER == "geonames/1"


def test_country_description_names_the_continent(gaz: Gazetteer) -> None:
    link = gaz.country("China")
    assert link is not None and link.description == "country in Asia"


def test_loose_names_link_with_a_lower_score(gaz: Gazetteer) -> None:
    america = gaz.country("America")
    assert america is not None and america.target == "http://sws.geonames.org/6252001/"
    assert america.score < 1.0


@pytest.mark.parametrize("word", ["us", "turkey", "china", "chad", "jordan", "Atlantis", ""])
def test_not_countries(gaz: Gazetteer, word: str) -> None:
    assert gaz.country(word) is None


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Chinese", "CN"),
        ("Turkish", "TR"),
        ("British", "GB"),
        ("American", "US"),
        ("Dutch", "NL"),
        ("Ivorian", "CI"),
        ("China", "CN"),
        ("Türkiye", "TR"),
        ("U.S.", "US"),
        ("Burma", "MM"),
    ],
)
def test_country_code_of_names_and_demonyms(gaz: Gazetteer, name: str, code: str) -> None:
    assert gaz.country_code(name) == code


@pytest.mark.parametrize("word", ["chinese", "turkish", "Martian", "Beijing", "XX"])
def test_country_code_none(gaz: Gazetteer, word: str) -> None:
    assert gaz.country_code(word) is None


def test_countries_in_news_paragraph(gaz: Gazetteer) -> None:
    text = (
        "Chinese and Turkish officials met in Ankara on Monday. Beijing said the U.S. and "
        "Britain should stay out of US-China trade talks, and China's foreign ministry "
        "repeated it."
    )
    assert gaz.countries_in(text) == ["CN", "TR", "US", "GB"]


def test_countries_in_ignores_lower_case_words_and_people(gaz: Gazetteer) -> None:
    text = (
        "The fine china cracked; we ate turkey, and the chad hung from the ballot. "
        "The river of jordan almonds. Michael Jordan and Chad Smith met George Washington "
        "fans. Native Americans and Latin American leaders spoke in New Mexico."
    )
    assert gaz.countries_in(text) == []


def test_countries_in_counts_person_like_names_as_places(gaz: Gazetteer) -> None:
    assert gaz.countries_in(
        "Refugees crossed into Jordan from Syria. In Jordan, aid is short."
    ) == [
        "JO",
        "SY",
    ]


@pytest.mark.parametrize(
    ("name", "context", "geonameid"),
    [
        ("Jeddah", (), 105343),
        ("Cúcuta", (), 3685533),
        ("Cucuta", (), 3685533),
        ("Indonesia", (), 1643084),
        ("Indonesia", ("US",), 1643084),
        ("Paris", (), 2988507),
        ("Paris", ("FR",), 2988507),
        ("Georgia", ("US",), 4197000),
        ("Georgia", (), 614540),
        ("Georgia", ("GE",), 614540),
        ("Hyderabad", ("PK",), 1176734),
        ("Hyderabad", ("IN",), 1269843),
        ("Hyderabad", (), 1269843),
        ("Valencia", ("VE",), 3625549),
        ("Valencia", ("ES",), 2509954),
        ("Kiev", (), 703448),
        ("New York", ("US",), 5128581),
        ("Texas", (), 4736286),
    ],
)
def test_place(gaz: Gazetteer, name: str, context: tuple[str, ...], geonameid: int) -> None:
    link = gaz.place(name, context)
    assert link is not None
    assert link.target == f"http://sws.geonames.org/{geonameid}/"


def test_place_scores_say_how_sure(gaz: Gazetteer) -> None:
    unique = gaz.place("Jeddah")
    in_context = gaz.place("Hyderabad", ["PK"])
    dominant = gaz.place("Hyderabad")
    assert unique is not None and in_context is not None and dominant is not None
    assert unique.score >= 0.9 and in_context.score >= 0.9
    assert dominant.score < in_context.score


def test_place_labels_and_descriptions(gaz: Gazetteer) -> None:
    link = gaz.place("Hyderabad", ["PK"])
    assert link is not None and link.label == "Hyderabad"
    assert link.description == "city in Pakistan"
    texas = gaz.place("Paris", ["US"])
    assert texas is not None and texas.description == "city in Texas, United States"


def test_paris_with_only_us_context_is_texas_but_unsure(gaz: Gazetteer) -> None:
    link = gaz.place("Paris", ["US"])
    assert link is not None and link.target == "http://sws.geonames.org/4717560/"
    assert link.score <= 0.6
    both = gaz.place("Paris", ["US", "FR"])
    assert both is not None and both.target == "http://sws.geonames.org/2988507/"


def test_ambiguous_without_dominance_is_not_linked(gaz: Gazetteer) -> None:
    assert gaz.place("Valencia") is None  # Venezuela 1.6 M, Spain 0.8 M
    assert gaz.place("Springfield") is None
    assert gaz.place("Springfield", ["US"]) is None


def test_place_is_a_country_first(gaz: Gazetteer) -> None:
    link = gaz.place("the United States", ["CN"])
    assert link is not None and link.target == "http://sws.geonames.org/6252001/"


@pytest.mark.parametrize(
    "word",
    [
        "march", "nice", "police", "reading", "mobile", "split", "bath", "of", "date",
        "mission", "university", "paris", "jeddah",
        "March", "Nice", "Police", "Reading", "Mobile", "Split", "Bath", "Of", "Date",
        "Mission", "University",
        "XRE", "JED", "NYC", "GA", "Pa", "X", "", "   ", "Paris 2", "A1", "3rd",
    ],
)  # fmt: skip
def test_never_linked(gaz: Gazetteer, word: str) -> None:
    assert gaz.place(word) is None


def test_stop_words_link_only_inside_a_context_country(gaz: Gazetteer) -> None:
    nice = gaz.place("Nice", ["FR"])
    assert nice is not None and nice.target == "http://sws.geonames.org/2990440/"
    assert gaz.place("Nice", ["US"]) is None
    reading = gaz.place("Reading", ["GB"])
    assert reading is not None and reading.target == "http://sws.geonames.org/2639577/"


def test_small_city_alternate_names_do_not_count(gaz: Gazetteer) -> None:
    # "Reading" is an alternate name of Elizabeth City (18,000 people): never that city
    for context in ((), ("US",)):
        link = gaz.place("Reading", context)
        assert link is None or link.label != "Elizabeth City"
    link = gaz.place("Elizabeth City")
    assert link is not None and link.label == "Elizabeth City"


def test_big_city_alternate_names_count(gaz: Gazetteer) -> None:
    bombay = gaz.place("Bombay")
    assert bombay is not None and bombay.label == "Mumbai"
    assert bombay.score < 0.9


def test_deterministic_and_shared_index() -> None:
    first, second = Gazetteer(), Gazetteer()
    assert first.place("Hyderabad") == second.place("Hyderabad")
    assert first.countries_in("China and Japan") == second.countries_in("China and Japan")
