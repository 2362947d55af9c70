"""Deep nesting is refused before any parser of the engine sees it, and crashes nothing.

pyoxigraph's parser recurses once per level and crashed its process at a few thousand: an
INSERT DATA of 5,000 nested blank-node lists killed the whole server (it was parsed in the
serving process), 10,000 nested braces, brackets or OPTIONALs killed a query worker (500).
Now kg.sparql bounds the depth first (MAX_DEPTH, 400 with a plain message), and pyoxigraph
parses a client's text only in worker processes whose crash costs one request.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote

import pytest
from flask import Flask

from kg.sparql import MAX_DEPTH
from tests.security.conftest import AUTH, request

JSON = "application/sparql-results+json"
DEEP = 10_000


def deep_queries(n: int) -> dict[str, str]:
    return {
        "braces": "SELECT * WHERE " + "{" * n + "}" * n,
        "brackets": "SELECT * WHERE { FILTER(" + "(" * n + "1" + ")" * n + ") }",
        "optional": "SELECT * WHERE { " + "OPTIONAL { " * n + "}" * n + " }",
        "negations": "SELECT * WHERE { FILTER(" + "!" * n + "true) }",
        "sums": "SELECT * WHERE { FILTER(1" + " + 1" * n + " > 0) }",
        "lists": "SELECT * WHERE { ?s ?p " + "( " * n + "1" + " )" * n + " }",
        "property lists": "SELECT * WHERE { ?s ?p " + "[ ?q " * n + "1" + " ]" * n + " }",
        "quoted triples": "SELECT * WHERE { "
        + "<< " * n
        + "?s ?p ?o"
        + " >> ?p ?o" * (n - 1)
        + " >> }",
    }


def alive(base: str) -> None:
    """The server still answers a normal query."""
    reply = request(base, "GET", "/sparql?query=ASK%7B%7D", headers={"Accept": JSON})
    assert reply.status == 200 and reply.json()["boolean"] is True


@pytest.fixture
def writable(make_app: Callable[..., Flask], serve: Callable[[Flask], str]) -> str:
    return serve(make_app(MAX_BODY_BYTES=200_000))


@pytest.mark.parametrize("shape", list(deep_queries(1)))
def test_deeply_nested_queries_are_a_400_and_the_server_lives(writable: str, shape: str) -> None:
    query = deep_queries(DEEP)[shape]
    for method in ("GET", "POST"):
        if method == "GET":  # within waitress's 256 KiB for a request line
            target = f"/sparql?query={quote(deep_queries(DEEP // 5)[shape])}"
            reply = request(writable, "GET", target, headers={"Accept": JSON})
        else:
            reply = request(
                writable,
                "POST",
                "/sparql",
                query,
                {"Content-Type": "application/sparql-query", "Accept": JSON},
            )
        assert reply.status == 400, (shape, method, reply.body[:300])
        assert "nested too deeply" in reply.error["detail"]
    alive(writable)


@pytest.mark.parametrize("depth", [3_000, 5_000])
def test_nested_blank_nodes_in_insert_data_are_a_400_and_the_server_lives(
    writable: str, depth: int
) -> None:
    update = (
        "INSERT DATA { GRAPH <http://x/g> { <http://x/s> <http://x/p> "
        + "[ <http://x/p> " * depth
        + "1"
        + " ]" * depth
        + " } }"
    )
    reply = request(
        writable,
        "POST",
        "/sparql",
        update,
        {**AUTH, "Content-Type": "application/sparql-update", "Accept": "application/json"},
    )
    assert reply.status == 400, reply.body[:300]
    assert "nested too deeply" in reply.error["detail"]
    alive(writable)


def test_nesting_within_the_limit_is_answered(writable: str) -> None:
    """The limit refuses no query a person writes: 100 nested brackets still run."""
    assert MAX_DEPTH >= 100
    query = "SELECT * WHERE { FILTER(" + "(" * 60 + "1" + ")" * 60 + " = 1) }"
    reply = request(
        writable,
        "POST",
        "/sparql",
        query,
        {"Content-Type": "application/sparql-query", "Accept": JSON},
    )
    assert reply.status == 200, reply.body[:300]


@pytest.mark.parametrize(
    "body",
    [
        '{"http://x/p": ' * 6_000 + '"o"' + "}" * 6_000,
        '{"@id": "http://x/s", "http://x/p": ' + "[" * 20_000 + '"o"' + "]" * 20_000 + "}",
    ],
    ids=["objects", "arrays"],
)
def test_deeply_nested_json_ld_to_the_graph_store_is_a_400_and_the_server_lives(
    writable: str, body: str
) -> None:
    """pyoxigraph's JSON-LD parser crashed its process at 4,000 to 6,000 levels: refused first."""
    reply = request(
        writable,
        "PUT",
        "/rdf-graph-store?graph=" + quote("http://factkg.test/graph/deep"),
        body,
        {**AUTH, "Content-Type": "application/ld+json", "Accept": "application/json"},
    )
    assert reply.status == 400, reply.body[:300]
    assert "nested too deeply" in reply.error["detail"]
    alive(writable)


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { " + " UNION ".join(["{ ?s ?p ?o }"] * 10_000) + " }",
        "SELECT * WHERE { ?s ?p ?o FILTER(" + " || ".join(["?o = 1"] * 15_000) + ") }",
        "SELECT * WHERE { ?s ?p ?o " + " ".join(["OPTIONAL { ?s ?p ?o }"] * 7_000) + " }",
    ],
    ids=["unions", "ors", "optionals"],
)
def test_long_chains_are_a_400_and_the_server_lives(writable: str, query: str) -> None:
    """The engine folds a chain into a left-deep tree and recurses through it while
    evaluating: 20,000 UNIONs or || terms crashed its process (a 500). Refused first."""
    reply = request(
        writable,
        "POST",
        "/sparql",
        query,
        {"Content-Type": "application/sparql-query", "Accept": JSON},
    )
    assert reply.status == 400, reply.body[:300]
    assert "chained" in reply.error["detail"]
    alive(writable)


def test_a_chain_a_person_writes_is_answered(writable: str) -> None:
    query = "SELECT * WHERE { " + " UNION ".join(["{ ?s ?p ?o }"] * 500) + " }"
    reply = request(
        writable,
        "POST",
        "/sparql",
        query,
        {"Content-Type": "application/sparql-query", "Accept": JSON},
    )
    assert reply.status == 200, reply.body[:300]
