"""The SPARQL 1.1 Protocol on /sparql: operations, datasets, and one test per status code."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote

import pyoxigraph as ox
import pytest
from flask import Flask
from rdflib import Graph, URIRef

from tests.conftest import BASE
from tests.sparql import data
from tests.sparql.client import get, post_form, post_query, request
from tests.sparql.conftest import N_ARTICLES, load

PREFIX = "PREFIX fk: <https://w3id.org/factkg/ns#> PREFIX schema: <https://schema.org/> "
COUNT_CLAIMS = PREFIX + "SELECT (COUNT(?c) AS ?n) WHERE { ?c a fk:Claim }"
JSON = "application/sparql-results+json"


def count(reply_body: bytes) -> int:
    results = ox.parse_query_results(reply_body, format=ox.QueryResultsFormat.JSON)
    assert isinstance(results, ox.QuerySolutions)
    return int(next(iter(results))["n"].value)


# operations ---------------------------------------------------------------------------------


def test_get_query(url: str) -> None:
    reply = get(url, JSON, query=COUNT_CLAIMS)
    assert reply.status == 200
    assert reply.media_type == JSON
    assert count(reply.body) == 2 * N_ARTICLES


def test_post_form_query(url: str) -> None:
    reply = post_form(url, {"query": COUNT_CLAIMS}, JSON)
    assert reply.status == 200
    assert count(reply.body) == 2 * N_ARTICLES


def test_post_direct_query(url: str) -> None:
    reply = post_query(url, COUNT_CLAIMS, JSON)
    assert reply.status == 200
    assert count(reply.body) == 2 * N_ARTICLES


def test_trailing_slash_and_head(url: str) -> None:
    assert get(url + "/", JSON, query=COUNT_CLAIMS).status == 200
    head = request("HEAD", f"{url}?query={quote(COUNT_CLAIMS)}", headers={"Accept": JSON})
    assert head.status == 200 and head.body == b""


def test_no_accept_header_gets_json(url: str) -> None:
    reply = get(url, None, query=COUNT_CLAIMS)
    assert reply.media_type == JSON


# the dataset --------------------------------------------------------------------------------


def test_default_graph_is_the_union(app: Flask, serve: Callable[[Flask], str]) -> None:
    """A join across two named graphs matches only in the union."""
    url = serve(app) + "/sparql"
    a, b = Graph(), Graph()
    a.add((URIRef("http://x/a"), URIRef("http://x/p"), URIRef("http://x/b")))
    b.add((URIRef("http://x/b"), URIRef("http://x/q"), URIRef("http://x/c")))
    load(app, {f"{BASE}graph/join-a": a, f"{BASE}graph/join-b": b})
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?x <http://x/p> ?y . ?y <http://x/q> ?z }"
    assert count(get(url, JSON, query=query).body) == 1


def test_default_graph_uri_narrows_the_dataset(url: str) -> None:
    reply = get(url, JSON, query=COUNT_CLAIMS, **{"default-graph-uri": f"{BASE}graph/s0000"})
    assert count(reply.body) == 2
    two = [f"{BASE}graph/s0000", f"{BASE}graph/s0001"]
    assert count(get(url, JSON, query=COUNT_CLAIMS, **{"default-graph-uri": two}).body) == 4


def test_named_graph_uri_limits_graph_patterns(url: str) -> None:
    query = PREFIX + "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?c a fk:Claim } }"
    assert count(get(url, JSON, query=query).body) == N_ARTICLES
    params = {"named-graph-uri": [f"{BASE}graph/s0000", f"{BASE}graph/s0003"]}
    assert count(get(url, JSON, query=query, **params).body) == 2


def test_from_a_graph_of_the_store(url: str) -> None:
    query = PREFIX + f"SELECT (COUNT(?c) AS ?n) FROM <{BASE}graph/s0002> WHERE {{ ?c a fk:Claim }}"
    assert count(get(url, JSON, query=query).body) == 2
    named = (
        PREFIX + f"SELECT (COUNT(DISTINCT ?g) AS ?n) FROM NAMED <{BASE}graph/s0002> "
        "WHERE { GRAPH ?g { ?c a fk:Claim } }"
    )
    assert count(get(url, JSON, query=named).body) == 1


def test_protocol_dataset_overrides_from(url: str) -> None:
    query = PREFIX + f"SELECT (COUNT(?c) AS ?n) FROM <{BASE}graph/s0002> WHERE {{ ?c a fk:Claim }}"
    two = [f"{BASE}graph/s0000", f"{BASE}graph/s0001"]
    assert count(get(url, JSON, query=query, **{"default-graph-uri": two}).body) == 4


def test_relative_iris_resolve_against_the_endpoint(url: str) -> None:
    """Against the configured endpoint IRI (BASE_URI + "sparql"), not the URL requested:
    the Host header is the client's to choose (see test_base_iri.py)."""
    reply = post_query(url, "CONSTRUCT { <s> <p> 1 } WHERE {}", "application/n-triples")
    assert reply.status == 200
    assert reply.body.startswith(f"<{BASE}s> <{BASE}p> ".encode())


# status codes -------------------------------------------------------------------------------


def test_400_malformed_query_carries_the_parser_message(url: str) -> None:
    reply = get(url, JSON, query="SELECT * WHERE { ?s ?p ")
    assert reply.status == 400
    detail = reply.error["detail"]
    assert "SPARQL syntax error at line 1, column" in detail


@pytest.mark.parametrize(
    ("params", "problem"),
    [
        ({"query": ["ASK {}", "ASK {}"]}, "at most one 'query'"),
        ({"query": "   "}, "empty"),
        ({"update": "CLEAR ALL"}, "must be sent with POST"),
        ({"query": "ASK {}", "default-graph-uri": "not an iri"}, "not an absolute IRI"),
        ({"query": "ASK {}", "format": "png"}, "unknown format"),
    ],
)
def test_400_bad_parameters(url: str, params: dict[str, str], problem: str) -> None:
    reply = get(url, JSON, **params)
    assert reply.status == 400
    assert problem in reply.error["detail"]


def test_400_form_with_query_and_update(url: str) -> None:
    reply = post_form(url, {"query": "ASK {}", "update": "CLEAR ALL"})
    assert reply.status == 400
    assert "not both" in reply.error["detail"]


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_405_other_methods(url: str, method: str) -> None:
    reply = request(method, f"{url}?query=ASK%20%7B%7D", b"", {"Content-Type": "text/plain"})
    assert reply.status == 405
    assert set(reply.headers["allow"].replace(" ", "").split(",")) >= {"GET", "POST"}
    assert reply.error["title"] == "Method Not Allowed"


def test_406_when_no_format_fits(url: str) -> None:
    reply = get(url, "image/png", query="ASK {}")
    assert reply.status == 406
    assert "image/png" in reply.error["detail"]


def test_406_when_the_answer_kind_does_not_fit(url: str) -> None:
    """Turtle is acceptable for a graph, not for SELECT results."""
    reply = get(url, "text/turtle", query=COUNT_CLAIMS)
    assert reply.status == 406
    assert get(url, "text/turtle", query="CONSTRUCT WHERE { ?s a ?t } LIMIT 1").status == 200


def test_406_format_parameter_of_the_wrong_kind(url: str) -> None:
    reply = get(url, None, query="CONSTRUCT WHERE { ?s a ?t } LIMIT 1", format="csv")
    assert reply.status == 406


def test_413_body_over_max_body_bytes(make_app: Callable[..., Flask], serve: Callable) -> None:
    url = serve(make_app(MAX_BODY_BYTES=200)) + "/sparql"
    small = post_query(url, "ASK {}", JSON)
    assert small.status == 200
    big = post_query(url, "ASK {} #" + "x" * 300, JSON)
    assert big.status == 413
    assert "MAX_BODY_BYTES" in big.error["detail"]
    form = post_form(url, {"query": "ASK {} #" + "x" * 300}, JSON)
    assert form.status == 413


@pytest.mark.parametrize(
    "content_type",
    [None, "text/plain", "application/sparql-query; charset=UTF-16", "application/json"],
)
def test_415_unusable_body_type(url: str, content_type: str | None) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    reply = request("POST", url, b"ASK {}", headers)
    assert reply.status == 415
    assert reply.error["title"] == "Unsupported Media Type"


def test_400_body_not_utf8(url: str) -> None:
    reply = request("POST", url, b"ASK { \xff }", {"Content-Type": "application/sparql-query"})
    assert reply.status == 400
    assert "UTF-8" in reply.error["detail"]


def test_422_result_over_max_result_bytes(make_app: Callable[..., Flask], serve: Callable) -> None:
    app = make_app(MAX_RESULT_BYTES=2000)
    load(app, data.graphs(BASE, N_ARTICLES))
    url = serve(app) + "/sparql"
    assert get(url, JSON, query="SELECT * WHERE { ?s ?p ?o } LIMIT 2").status == 200
    reply = get(url, JSON, query="SELECT * WHERE { ?s ?p ?o }")
    assert reply.status == 422
    assert "MAX_RESULT_BYTES" in reply.error["detail"]


# CORS -----------------------------------------------------------------------------------------


def test_cors_on_reads(url: str) -> None:
    reply = get(url, JSON, query="ASK {}")
    assert reply.headers["access-control-allow-origin"] == "*"
    assert "accept" in reply.headers["vary"].lower()


def test_cors_on_errors(url: str) -> None:
    for reply in (get(url, JSON, query="ASK {"), post_form(url, {"query": "ASK {"}, JSON)):
        assert reply.status == 400
        assert reply.headers["access-control-allow-origin"] == "*"


def test_cors_preflight(url: str) -> None:
    reply = request(
        "OPTIONS",
        url,
        headers={
            "Origin": "http://elsewhere.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert reply.status == 204
    assert reply.headers["access-control-allow-origin"] == "*"
    assert "POST" in reply.headers["access-control-allow-methods"]
    assert "content-type" in reply.headers["access-control-allow-headers"].lower()


# the WSGI fast path (service/sparql/fast_path.py) answers exactly as the Flask view ---------


@pytest.mark.parametrize(
    ("query", "accept"),
    [
        (COUNT_CLAIMS, JSON),
        (COUNT_CLAIMS, "text/csv"),
        ("CONSTRUCT WHERE { ?s a ?t } LIMIT 5", "text/turtle"),
        ("ASK {}", "*/*"),
    ],
)
def test_fast_path_answers_like_the_view(url: str, query: str, accept: str) -> None:
    fast = get(url, accept, query=query)  # GET with only ?query=: the fast path
    slow = post_form(url, {"query": query}, accept)  # a form POST: the Flask view
    assert fast.status == slow.status == 200
    assert fast.body == slow.body
    for header in ("content-type", "access-control-allow-origin", "vary"):
        assert fast.headers[header] == slow.headers[header]


def test_fast_path_errors_have_the_one_shape(url: str) -> None:
    fast = get(url, JSON, query="ASK {")
    slow = post_form(url, {"query": "ASK {"}, JSON)
    assert fast.status == slow.status == 400
    assert fast.error == slow.error
    assert get(url, "text/turtle", query="ASK {}").error["status"] == 406
