"""The example queries find something in the demo's data: every query of README.md ("Example
queries": its ```sparql blocks and its `factkg query '...'` commands) and every example of the
query editor (service/sparql/examples.py), run on the sample articles of examples/ ingested the
way scripts/demo ingests them (`factkg ingest examples/`: every .txt/.html file under it, with
the real extractor, into an on-disk store)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kg.cli import INPUT_SUFFIXES
from kg.link.linking import Linker
from kg.link.wikidata import WikidataClient
from kg.pipeline import Ingester
from kg.store import OxigraphStore
from service.sparql.examples import EXAMPLES as EDITOR_EXAMPLES
from tests.conftest import BASE, EXAMPLES, REPO
from tests.servers import WikidataFixture

_SPARQL_BLOCK = re.compile(r"```sparql\n(.*?)```", re.DOTALL)
_QUERY_COMMAND = re.compile(r"factkg query '(.*?)'", re.DOTALL)
_FORM = re.compile(r"^\s*(SELECT|CONSTRUCT|ASK|DESCRIBE)\b", re.IGNORECASE | re.MULTILINE)


def readme_queries() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Example queries") :]
    section = section[: section.find("\n## ", 1)]
    return _QUERY_COMMAND.findall(section) + _SPARQL_BLOCK.findall(section)


README_QUERIES = readme_queries()


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory, extractor: Any) -> Iterator[OxigraphStore]:
    files = sorted(
        p for p in EXAMPLES.rglob("*") if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES
    )
    assert files, "examples/ has no sample articles"
    tmp = Path(tmp_path_factory.mktemp("demo"))
    wikidata = WikidataFixture(tmp / "wikidata", [REPO / "tests/data/wikidata/examples.ttl"])
    wikidata.start()
    try:
        store = OxigraphStore(tmp / "store")
        linker = Linker(WikidataClient(wikidata.url))
        report = Ingester(store, BASE, extractor, linker).ingest_paths(files)
    finally:
        wikidata.stop()
    assert report.ok and report.events and report.links.wikidata, report.summary()
    yield store
    store.close()


def _rows(store: OxigraphStore, query: str) -> int:
    form = _FORM.search(query)
    assert form is not None, f"not a query: {query[:80]!r}"
    if form.group(1).upper() in ("CONSTRUCT", "DESCRIBE"):
        return len(store.construct(query))
    return len(store.select(query))


def test_the_readme_has_its_example_queries() -> None:
    assert len(README_QUERIES) >= 4
    assert any("sem:roleType" in q for q in README_QUERIES), "no example teaches event roles"


@pytest.mark.parametrize("query", README_QUERIES, ids=lambda q: q.split("WHERE")[0][-60:])
def test_every_readme_query_returns_rows_on_the_demo_data(
    demo_store: OxigraphStore, query: str
) -> None:
    assert _rows(demo_store, query) > 0, query


@pytest.mark.parametrize("example", EDITOR_EXAMPLES, ids=[e.slug for e in EDITOR_EXAMPLES])
def test_every_editor_example_returns_rows_on_the_demo_data(
    demo_store: OxigraphStore, example: Any
) -> None:
    assert _rows(demo_store, example.query) > 0, example.slug


def test_the_arrest_example_tells_who_arrested_whom(demo_store: OxigraphStore) -> None:
    """ "police arrested a senior ELN financier in the city of Cúcuta": the police arrested,
    the financier was arrested, not the other way round."""
    (query,) = [q for q in README_QUERIES if "fk:Arrest" in q]
    found = {(str(r["held"]), str(r.get("by", ""))) for r in demo_store.select(query)}
    assert ("senior ELN financier", "police") in found, found
