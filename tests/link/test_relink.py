"""`factkg link`: linking a store built while Wikidata was off, as a user runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kg.store import OxigraphStore, ResultFormat
from kg.validate import validate_store
from tests.conftest import BASE, EXAMPLES, REPO
from tests.servers import WikidataFixture

FACTKG = [sys.executable, "-m", "kg.cli"]
WD = "http://www.wikidata.org/entity/"


def run(*args: str, store: Path, wikidata: str = "off") -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "FACTKG_STORE": str(store),
        "FACTKG_BASE_URI": BASE,
        "FACTKG_WIKIDATA_ENDPOINT": wikidata,
    }
    proc = subprocess.run([*FACTKG, *args], capture_output=True, text=True, env=env, timeout=600)
    assert proc.returncode == 0, proc.stderr + proc.stdout
    return proc


@pytest.fixture(scope="module")
def examples_wikidata(tmp_path_factory: pytest.TempPathFactory) -> WikidataFixture:
    server = WikidataFixture(
        tmp_path_factory.mktemp("wikidata"), [REPO / "tests/data/wikidata/examples.ttl"]
    )
    server.start()
    yield server  # type: ignore[misc]
    server.stop()


def quads(store: Path) -> set[str]:
    s = OxigraphStore(store, read_only=True)
    try:
        return set(s.dump(ResultFormat.NQUADS).decode().splitlines())
    finally:
        s.close()


def wikidata_links(lines: set[str]) -> set[str]:
    return {q for q in lines if "owl#sameAs> <" + WD in q}


def test_link_adds_what_an_ingest_without_wikidata_left_out(
    tmp_path: Path, examples_wikidata: WikidataFixture
) -> None:
    store = tmp_path / "store"
    ingested = run("ingest", str(EXAMPLES), store=store)
    assert "links: 0 to Wikidata" in ingested.stdout  # off: GeoNames links only
    before = quads(store)
    assert not wikidata_links(before)
    assert any("sws.geonames.org" in q for q in before)

    first = run("link", store=store, wikidata=examples_wikidata.url)
    assert "sources linked" in first.stdout and "0 changed" not in first.stdout
    after = quads(store)
    linked = wikidata_links(after)
    # the countries and governments the fixture knows, in the graphs of their articles
    for entity in ("Q20", "Q739", "Q298", "Q990910001", "Q990910003"):
        assert any(f"<{WD}{entity}>" in q for q in linked), entity
    # nothing else changed: every quad from before is still there, but for none
    assert before <= after
    s = OxigraphStore(store, read_only=True)
    try:
        assert all(r.conforms for r in validate_store(s))
    finally:
        s.close()

    # running it twice changes nothing
    second = run("link", store=store, wikidata=examples_wikidata.url)
    assert "0 changed" in second.stdout
    assert quads(store) == after

    # and with Wikidata off, links made earlier stay as they are (GeoNames is redone alike)
    third = run("link", store=store, wikidata="off")
    assert quads(store) == after, third.stdout
