"""An acronym and the name it shortens are one actor in the store ("First contact": "EU" in one
article and "European Union" in another were two): the later article adopts the actor the
store already holds, under its label, and keeps its own name as an alias."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kg.pipeline import Ingester
from kg.store import OxigraphStore
from kg.validate import validate_store
from tests.conftest import BASE

ORGANISATIONS = """
PREFIX fk: <https://w3id.org/factkg/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <https://schema.org/>
SELECT DISTINCT ?a ?label ?alt WHERE {
  ?claim schema:author ?a . ?a a fk:Organization ; rdfs:label ?label .
  OPTIONAL { ?a skos:altLabel ?alt }
}
"""

FULL = (
    "Fish quotas cut\nFebruary 12, 2024\n\nThe European Union said on Monday that fish "
    "quotas in the Baltic would be cut by a third.\n"
)
SHORT = (
    "Farm subsidies rise\nFebruary 13, 2024\n\nThe EU said farm subsidies would rise next year.\n"
)
OTHER = (
    "Grid deal agreed\nFebruary 14, 2024\n\nThe Energy Union said the grid deal would cut bills.\n"
)


def ingest(store: OxigraphStore, extractor: Any, tmp_path: Path, *texts: str) -> None:
    ingester = Ingester(store, BASE, extractor)
    for n, text in enumerate(texts):
        path = tmp_path / f"{n}.txt"
        path.write_text(text, encoding="utf-8")
        report = ingester.ingest_paths([path])  # one by one: each sees the ones before
        assert report.ok, report.summary()
    assert all(r.conforms for r in validate_store(store))


def organisations(store: OxigraphStore) -> dict[str, tuple[str, set[str]]]:
    found: dict[str, tuple[str, set[str]]] = {}
    for row in store.select(ORGANISATIONS):
        label, alts = found.setdefault(str(row["a"]), (str(row["label"]), set()))
        if "alt" in row:
            alts.add(str(row["alt"]))
    return found


def test_an_acronym_after_its_full_name_is_the_same_actor(
    store: OxigraphStore, extractor: Any, tmp_path: Path
) -> None:
    ingest(store, extractor, tmp_path, FULL, SHORT)
    assert organisations(store) == {f"{BASE}actor/european-union": ("European Union", {"EU"})}


def test_a_full_name_after_its_acronym_is_the_same_actor(
    store: OxigraphStore, extractor: Any, tmp_path: Path
) -> None:
    """The first source fixes the label, as for every shared actor."""
    ingest(store, extractor, tmp_path, SHORT, FULL)
    assert organisations(store) == {f"{BASE}actor/eu": ("EU", {"European Union"})}


@pytest.mark.parametrize("order", ["acronym last", "acronym first"])
def test_an_acronym_two_stored_bodies_share_stays_apart(
    store: OxigraphStore, extractor: Any, tmp_path: Path, order: str
) -> None:
    texts = (FULL, OTHER, SHORT) if order == "acronym last" else (SHORT, FULL, OTHER)
    ingest(store, extractor, tmp_path, *texts)
    found = organisations(store)
    if order == "acronym last":  # "EU": the European Union or the Energy Union? neither
        assert sorted(label for label, _ in found.values()) == [
            "EU",
            "Energy Union",
            "European Union",
        ]
    else:  # each full name meets one "EU" only when it comes: the first to come takes it
        assert found[f"{BASE}actor/eu"] == ("EU", {"European Union"})
        assert found[f"{BASE}actor/energy-union"] == ("Energy Union", set())
