"""factkg over Virtuoso 7 (Debian's virtuoso-opensource-7), the store big deployments run:
articles ingested through the real pipeline into it, then the pages and /sparql served from
it on a real socket."""

from __future__ import annotations

import html
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import quote, urlsplit

import pytest
from flask import Flask

from kg.pipeline import Ingester
from kg.store.remote import RemoteStore
from service import backend as app_store
from service import create_app
from tests.conftest import BASE, EXAMPLES, VirtuosoServer, seed_files
from tests.sparql.client import get

JSON = "application/sparql-results+json"
CLAIMS = (
    "PREFIX fk: <https://w3id.org/factkg/ns#> PREFIX schema: <https://schema.org/> "
    "SELECT ?claim ?text WHERE { ?claim a fk:Claim ; schema:text ?text } ORDER BY ?claim"
)


@pytest.fixture(scope="module")
def ingested(virtuoso_server: VirtuosoServer, extractor: Any) -> Iterator[RemoteStore]:
    """The examples (and the two seed articles, where they are beside the checkout) in a
    Virtuoso emptied first."""
    store = RemoteStore(virtuoso_server.url, virtuoso_server.url)
    for iri in store.graph_iris():
        store.remove_graph(iri)
    paths = sorted(EXAMPLES.glob("*.txt")) + sorted(EXAMPLES.glob("*.html")) + seed_files()
    report = Ingester(store, BASE, extractor).ingest_paths(paths)
    assert report.ok and not report.refused, report.summary()
    yield store
    store.close()


@pytest.fixture(scope="module")
def site(ingested: RemoteStore, virtuoso_server: VirtuosoServer) -> Iterator[str]:
    from tests.conftest import start_server

    app: Flask = create_app(
        {
            "SPARQL_QUERY": virtuoso_server.url,
            "SPARQL_UPDATE": virtuoso_server.url,
            "BASE_URI": BASE,
        }
    )
    base, shut = start_server(app)
    yield base
    shut()
    app.extensions[app_store.KEY].close()


def _path(iri: str) -> str:
    return urlsplit(iri).path


def test_every_article_is_in_virtuoso(ingested: RemoteStore) -> None:
    graphs = ingested.graph_iris()
    expected = len(list(EXAMPLES.glob("*.txt"))) + len(list(EXAMPLES.glob("*.html")))
    assert len(graphs) == expected + len(seed_files())
    assert all(g.startswith(f"{BASE}graph/") for g in graphs)
    assert ingested.count_triples() > 100 * len(graphs) // 2


def test_claim_actor_and_source_pages_render_from_virtuoso(
    ingested: RemoteStore, site: str
) -> None:
    rows = ingested.select(CLAIMS)
    assert len(rows) >= 10
    for row in rows[:: max(1, len(rows) // 8)]:  # a spread of claims
        claim = str(row["claim"])
        page = get(site + _path(claim), "text/html")
        assert page.status == 200, (claim, page.body[:300])
        assert "<h1" in page.text
        assert str(row["text"])[:20] in html.unescape(page.text)
    for listing in ("/", "/claims", "/actors", "/sources", "/events"):
        assert get(site + listing, "text/html").status == 200, listing
    actor = ingested.select(
        "PREFIX schema: <https://schema.org/> SELECT ?a WHERE { ?c schema:author ?a } LIMIT 1"
    )[0]["a"]
    assert get(site + _path(str(actor)), "text/html").status == 200
    source = ingested.select(
        "PREFIX schema: <https://schema.org/> SELECT ?s WHERE { ?c schema:appearance ?s } LIMIT 1"
    )[0]["s"]
    assert get(site + _path(str(source)), "text/html").status == 200


def test_sparql_endpoint_answers_from_virtuoso(site: str) -> None:
    reply = get(site + "/sparql", JSON, query=CLAIMS)
    assert reply.status == 200, reply.body[:300]
    assert len(reply.json()["results"]["bindings"]) >= 10
    turtle = get(site + "/sparql", "text/turtle", query=f"DESCRIBE <{BASE}actor/china>")
    assert turtle.status == 200


@pytest.mark.parametrize(
    "path", ["/search?q=" + quote("said"), "/claims?page=2", "/actors?kind=Organization"]
)
def test_search_and_facets_from_virtuoso(site: str, path: str, serve: Callable[..., str]) -> None:
    assert get(site + path, "text/html").status == 200
