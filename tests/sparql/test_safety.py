"""SERVICE, FROM/FROM NAMED and LOAD never make the server open a URL: checked with a real
listener on 127.0.0.1 that records every connection made to it.

The apps here run with ISOLATE_WORKERS=off, so what is tested is the reading of each request
(kg.sparql), not the network namespace behind it (tests/security/test_isolation.py)."""

from __future__ import annotations

from collections.abc import Callable

import pyoxigraph as ox
import pytest
from flask import Flask

from kg.sparql import read_query, read_update
from tests.sparql.client import get, post_form, post_query, request
from tests.sparql.conftest import Listener

JSON = "application/sparql-results+json"


def attacks(target: str) -> list[str]:
    """Queries that call ``target`` when pyoxigraph runs them (each is checked to)."""
    host = target.rstrip("/")
    return [
        f"SELECT * WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}",
        f"select * where {{ service silent <{target}a> {{ ?s ?p ?o }} }}",
        f"PREFIX ex: <{host}/> SELECT * WHERE {{ SERVICE ex:b {{ }} }}",
        f"PREFIX : <{host}/> SELECT * WHERE {{ SERVICE:c {{ }} }}",
        f"PREFIX ex: <{host}/> SELECT * WHERE {{ SERVICEex:d {{ }} }}",
        f"SELECT * WHERE {{ SERVICESILENT<{target}e>{{}} }}",
        f"SELECT * WHERE {{ SERVICE#comment\n<{target}f>{{}} }}",
        f"SELECT * WHERE {{ SERVICE <{host}\\u002Fh> {{}} }}",
        # '<' read as less-than by oxigraph, as an IRI '<'>' by a naive scanner
        f"SELECT * WHERE {{ FILTER(?a<'>x') SERVICE <{target}i> {{ ?s ?p ?o }} #' \n}}",
        f"PREFIX ex: <{host}/> SELECT * WHERE {{ FILTER(?a<1)SERVICE ex:j#>\n{{ }} }}",
        f"PREFIX ex: <{host}/> SELECT * WHERE {{ 1a1SERVICEex:k {{}} }}",
        # prefix names with the characters SPARQL allows beyond \w (PN_CHARS_BASE, PN_CHARS)
        f"PREFIX x\u00b7y: <{host}/> SELECT * WHERE {{ SERVICE x\u00b7y:l {{ ?s ?p ?o }} }}",
        f"PREFIX x\u0300: <{host}/> SELECT * WHERE {{ SERVICE SILENT x\u0300:m {{ }} }}",
        f"PREFIX x\u203fy: <{host}/> SELECT * WHERE {{ SERVICE x\u203fy:n {{ }} }}",
        f"PREFIX \u2118: <{host}/> SELECT * WHERE {{ SERVICE \u2118:o {{ }} }}",
        f"PREFIX a.b-c: <{host}/> SELECT * WHERE {{ SERVICE a.b-c:p\\.q {{ }} }}",
    ]


def test_each_attack_really_calls_out_in_pyoxigraph(listener: Listener) -> None:
    """The attacks above are real: run by pyoxigraph directly, every one connects."""
    store = ox.Store()
    cases = attacks(listener.url)
    for query in cases:
        try:
            store.query(query)
        except OSError:
            pass  # the listener answers nothing, so the SERVICE call itself fails
    assert len(listener.calls()) == len(cases)


@pytest.fixture(scope="module")
def url(isolation_off_url: str) -> str:
    return isolation_off_url


@pytest.mark.parametrize("n", range(len(attacks("http://x/"))))
def test_service_is_refused_without_a_call(url: str, listener: Listener, n: int) -> None:
    query = attacks(listener.url)[n]
    assert read_query(query).services, query
    for reply in (
        get(url, JSON, query=query),
        post_form(url, {"query": query}, JSON),
        post_query(url, query, JSON),
        get(url, "text/html", query=query),
    ):
        assert reply.status == 400
    assert "SERVICE" in get(url, JSON, query=query).error["detail"]
    assert listener.calls() == []


def test_service_with_a_variable_is_refused(url: str) -> None:
    query = "SELECT * WHERE { BIND(<http://127.0.0.1:9/> AS ?svc) SERVICE ?svc { } }"
    reply = get(url, JSON, query=query)
    assert reply.status == 400
    assert "variable" in reply.error["detail"]


def test_allowlisted_service_is_called(
    make_app: Callable[..., Flask], serve: Callable[[Flask], str], listener: Listener
) -> None:
    """The control: with the listener allow-listed, the same query does reach it."""
    url = serve(make_app(FEDERATION_ALLOWLIST=listener.url, ISOLATE_WORKERS="off")) + "/sparql"
    reply = get(url, JSON, query=attacks(listener.url)[0])
    assert reply.status >= 400  # the listener sends no SPARQL answer back
    assert len(listener.calls()) == 1


@pytest.mark.parametrize("clause", ["FROM", "FROM NAMED"])
def test_from_outside_the_store_is_refused(url: str, listener: Listener, clause: str) -> None:
    query = f"SELECT * {clause} <{listener.url}data.ttl> WHERE {{ ?s ?p ?o }}"
    reply = get(url, JSON, query=query)
    assert reply.status == 400
    assert "names no graph of this store" in reply.error["detail"]
    file_query = f"SELECT * {clause} <file:///etc/passwd> WHERE {{ ?s ?p ?o }}"
    assert get(url, JSON, query=file_query).status == 400
    assert listener.calls() == []


def test_load_is_refused_without_a_call(
    make_app: Callable[..., Flask], serve: Callable[[Flask], str], listener: Listener
) -> None:
    url = serve(make_app(API_TOKEN="secret", ISOLATE_WORKERS="off")) + "/sparql"
    token = {"Authorization": "Bearer secret"}
    for update in (
        f"LOAD <{listener.url}data.ttl>",
        f"LOAD SILENT <{listener.url}data.ttl> INTO GRAPH <http://factkg.test/graph/x>",
        f"PREFIX ex: <{listener.url}> LOAD ex:data.ttl",
    ):
        assert read_update(update).loads, update
        direct = request(
            "POST", url, update, {"Content-Type": "application/sparql-update", **token}
        )
        assert 400 <= direct.status < 500, direct.body
    assert listener.calls() == []


@pytest.mark.parametrize(
    "query",
    [
        'SELECT * WHERE { ?s ?p "the secret service said" }',
        "SELECT * WHERE { ?s <http://example.org/service#type> ?o }",
        "PREFIX schema: <https://schema.org/> SELECT * WHERE { ?s schema:serviceType ?o }",
        "SELECT * WHERE { ?service ?p ?from } # SERVICE <http://example.org/> {}",
        "SELECT ?from WHERE { ?s ?p ?o FILTER(?o < 3 && ?o > 1) }",
    ],
)
def test_harmless_mentions_are_not_refused(url: str, query: str) -> None:
    assert read_query(query).targets == []
    assert get(url, JSON, query=query).status == 200


def test_forms_and_dataset_clauses_as_the_engine_reads_them() -> None:
    assert read_query("PREFIX a: <http://a/> BASE <http://b/> ASK {}").form == "ASK"
    reading = read_query(
        "PREFIX g: <http://g/> SELECT * FROM g:one FROM NAMED <http://g/two> WHERE {}"
    )
    assert (reading.from_graphs, reading.from_named) == (["http://g/one"], ["http://g/two"])
    # no word boundary is needed around a keyword; a relative IRI resolves against BASE
    reading = read_query("BASE <http://h/a/> SELECT*FROM<../g>WHERE{}")
    assert reading.from_graphs == ["http://h/g"]
