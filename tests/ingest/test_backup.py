"""``factkg backup`` while the service runs on the store: a real server, a real process."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask

from kg import search
from kg.store.base import ResultFormat
from kg.store.oxigraph import OxigraphStore
from service import create_app
from tests.conftest import BASE, EXAMPLES
from tests.ingest.test_cli import run

TOKEN = "backup-test-token"
QUERIES = (
    "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
    "PREFIX fk: <https://w3id.org/factkg/ns#> PREFIX schema: <https://schema.org/> "
    "SELECT ?c ?text WHERE { ?c a fk:Claim ; schema:text ?text } ORDER BY ?c",
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX fk: <https://w3id.org/factkg/ns#> "
    "SELECT ?a ?label WHERE { ?a a fk:Actor ; rdfs:label ?label } ORDER BY ?a ?label",
)
WORDS = ("said", "minister", "water", "police")


def _answer(base_url: str, query: str) -> list[dict[str, object]]:
    url = f"{base_url}/sparql?{urllib.parse.urlencode({'query': query})}"
    req = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req, timeout=60) as reply:
        rows: list[dict[str, object]] = json.loads(reply.read())["results"]["bindings"]
    return rows


def test_backup_while_serving(tmp_path: Path, serve: Callable[[Flask], str]) -> None:
    store_path = tmp_path / "data" / "store"
    run("ingest", str(EXAMPLES), store=store_path)
    app = create_app({"STORE": str(store_path), "BASE_URI": BASE, "API_TOKEN": TOKEN})
    base_url = serve(app)
    # a write by the service itself, so the copy must see what the running writer holds
    graphs = [r["g"]["value"] for r in _answer(base_url, QUERIES[0])]  # type: ignore[index]
    dropped = graphs[0]
    delete = urllib.request.Request(
        f"{base_url}/rdf-graph-store?{urllib.parse.urlencode({'graph': dropped})}",
        method="DELETE",
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    with urllib.request.urlopen(delete, timeout=60) as reply:
        assert reply.status in (200, 204)

    target = tmp_path / "backups" / "today"
    out = run("backup", str(target), store=store_path).stdout
    assert f"backed up {len(graphs) - 1} graphs" in out

    copy_path = target / "store"
    assert (target / "store.search.sqlite").is_file()
    with OxigraphStore(copy_path, read_only=True) as copy:
        assert dropped not in copy.graph_iris()
        for query in QUERIES:
            mine = json.loads(copy.query_serialized(query, ResultFormat.SPARQL_JSON))
            assert mine["results"]["bindings"] == _answer(base_url, query), query
    live, restored = search.SearchIndex(store_path.parent / "store.search.sqlite"), None
    restored = search.SearchIndex(target / "store.search.sqlite")
    for word in WORDS:
        assert restored.search(word, limit=100) == live.search(word, limit=100), word
    assert restored.graph_count() == live.graph_count() == len(graphs) - 1

    # restored: `factkg query --store` on the copy, and the copy served
    counted = run("query", "--format", "json", QUERIES[0], store=copy_path).stdout
    assert json.loads(counted)["results"]["bindings"] == _answer(base_url, QUERIES[0])
    restored_url = serve(create_app({"STORE": str(copy_path), "BASE_URI": BASE}))
    for query in QUERIES:
        assert _answer(restored_url, query) == _answer(base_url, query)


def test_backup_refuses_a_used_target_and_a_missing_store(tmp_path: Path) -> None:
    target = tmp_path / "used"
    target.mkdir()
    (target / "keep").write_text("x", encoding="utf-8")
    proc = run("backup", str(target), store=tmp_path / "nostore", check=False)
    assert proc.returncode == 1 and "no store" in proc.stderr
    store_path = tmp_path / "store"
    run("ingest", str(sorted(EXAMPLES.glob("*.txt"))[0]), store=store_path)
    proc = run("backup", str(target), store=store_path, check=False)
    assert proc.returncode == 1 and "not an empty directory" in proc.stderr
    assert (target / "keep").read_text(encoding="utf-8") == "x"


@pytest.mark.parametrize("word", WORDS[:1])
def test_repair_rewrites_only_graphs_that_differ(tmp_path: Path, word: str) -> None:
    store_path = tmp_path / "store"
    run("ingest", str(EXAMPLES), store=store_path)
    with OxigraphStore(store_path) as store:
        index = search.SearchIndex(tmp_path / "store.search.sqlite")
        assert index.repair(store) == 0
        some = store.graph_iris()[0]
        with index._connect() as db:
            db.execute("DELETE FROM docs WHERE graph = ?", (some,))
        assert index.repair(store) == 1
        assert index.repair(store) == 0
        assert index.search(word)[1] >= 0
