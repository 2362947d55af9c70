"""Fact-checks and RDF files ingested as users ingest them: by content, validated, whole or not
at all; exports that re-import to the same graphs."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from kg.claimreview_export import write_feed
from kg.pipeline import Ingester
from kg.store import OxigraphStore, ResultFormat
from kg.validate import validate_store
from tests.conftest import BASE, REPO

FIXTURES = REPO / "tests" / "data" / "claimreview"
VERDICTS = """
PREFIX fk: <https://w3id.org/factkg/ns#> PREFIX schema: <https://schema.org/>
SELECT ?url ?verdict ?label WHERE { ?r a fk:Review ; schema:url ?url ; fk:verdict ?verdict ;
  schema:reviewRating ?rating . OPTIONAL { ?rating schema:alternateName ?label } }
"""


def verdicts(store: OxigraphStore) -> dict[str, str]:
    return {str(r["url"]): str(r["verdict"]).rsplit("#", 1)[-1] for r in store.select(VERDICTS)}


def quads(store: OxigraphStore) -> set[ox.Quad]:
    return set(ox.parse(store.dump(ResultFormat.NQUADS), format=ox.RdfFormat.N_QUADS))


def test_every_form_of_claimreview_ingests_with_its_verdict(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "store")
    report = Ingester(store, BASE).ingest_paths(sorted(FIXTURES.iterdir()))
    assert report.ok, report.summary()
    assert report.reviews == 12 and not report.sources  # fact-check pages are no articles
    found = verdicts(store)
    by_site = {url.split("/")[2]: v for url, v in found.items()}
    assert by_site["www.politifact.com"] == "VerdictFalse"  # "Pants on Fire"
    assert by_site["www.washingtonpost.com"] == "VerdictFalse"  # "Four Pinocchios"
    assert by_site["factuel.afp.com"] == "VerdictFalse"  # "Faux"
    # microdata, "Misleading"
    assert found["https://check.example.org/2024/03/mayor-car-ban"] == "VerdictMixture"
    assert all(r.conforms for r in validate_store(store))
    # ingesting again changes nothing
    before = quads(store)
    Ingester(store, BASE).ingest_paths(sorted(FIXTURES.iterdir()))
    assert quads(store) == before
    store.close()


def test_a_review_of_a_government_whose_country_is_named_only_elsewhere(tmp_path: Path) -> None:
    """The review's claimant is a government another graph describes, and the country it
    governs is typed in that other graph alone: validation needs both hops of context."""
    store = OxigraphStore(tmp_path / "store")
    elsewhere = Graph().parse(
        format="turtle",
        data=f"""@prefix fk: <https://w3id.org/factkg/ns#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        <{BASE}actor/government-of-china> a fk:Actor, fk:Government ;
            rdfs:label "Government of China" ; fk:governmentOf <{BASE}actor/china> .
        <{BASE}actor/china> a fk:Actor, fk:Country ; rdfs:label "China" .""",
    )
    store.replace_graphs({f"{BASE}graph/elsewhere": elsewhere})
    report = Ingester(store, BASE).ingest_paths([REPO / "examples" / "factchecks.json"])
    assert report.ok, report.summary()
    assert report.reviews == 2
    claimants = store.select(
        "SELECT DISTINCT ?who WHERE { GRAPH ?g { ?c a <https://w3id.org/factkg/ns#ReviewedClaim> ; "
        "<https://schema.org/author> ?who } }"
    )
    assert {"government-of-china"} <= {str(r["who"]).rsplit("/", 1)[-1] for r in claimants}
    store.close()


def test_broken_input_is_refused_by_name_and_nothing_is_written(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"@context": "https://schema.org", "@type": "ClaimReview", "url": ')
    remote = tmp_path / "remote.jsonld"
    remote.write_text('{"@context": "http://127.0.0.1:9/ctx", "@type": "ClaimReview"}')
    bad_ttl = tmp_path / "bad.ttl"
    bad_ttl.write_text("<http://a> <http://b> .\n")
    store = OxigraphStore(tmp_path / "store")
    report = Ingester(store, BASE).ingest_paths([broken, remote, bad_ttl])
    reasons = {Path(r.origin).name: r.reason for r in report.refused}
    assert set(reasons) == {"broken.json", "remote.jsonld", "bad.ttl"}, report.summary()
    assert "line 1" in reasons["broken.json"]
    assert "context" in reasons["remote.jsonld"].lower()
    assert not store.graph_iris()
    store.close()


def run(*args: str, store: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "FACTKG_STORE": str(store), "FACTKG_BASE_URI": BASE}
    proc = subprocess.run(
        [sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True, env=env
    )
    assert proc.returncode == 0, proc.stderr + proc.stdout
    return proc


def test_exports_reimport_to_the_same_graphs(tmp_path: Path) -> None:
    first = tmp_path / "first"
    run("ingest", str(FIXTURES), str(REPO / "examples" / "arctic_cable.txt"), store=first)
    trig = tmp_path / "dump.trig"
    run("export", "--format", "trig", "-o", str(trig), store=first)
    feed = tmp_path / "feed.jsonld"
    run("export", "--format", "claimreview", "-o", str(feed), store=first)

    # the TriG export (with its VoID graph) into an empty store: the same named graphs
    second = tmp_path / "second"
    run("ingest", str(trig), store=second)
    a, b = OxigraphStore(first, read_only=True), OxigraphStore(second, read_only=True)
    try:
        assert quads(a) == quads(b)
    finally:
        a.close()
        b.close()

    # the ClaimReview export into an empty store: the same fact-check graphs
    third = tmp_path / "third"
    run("ingest", str(feed), store=third)
    a, c = OxigraphStore(first, read_only=True), OxigraphStore(third, read_only=True)
    try:
        reviews = {q for q in quads(a) if "/graph/" in q.graph_name.value and _is_review(a, q)}
        assert reviews and reviews == {q for q in quads(c)}
        out = io.StringIO()
        assert write_feed(c, out) == 12
    finally:
        a.close()
        c.close()


def _is_review(store: OxigraphStore, q: ox.Quad) -> bool:
    return store.ask(
        f"ASK {{ GRAPH <{q.graph_name.value}> {{ ?r a <https://w3id.org/factkg/ns#Review> }} }}"
    )
