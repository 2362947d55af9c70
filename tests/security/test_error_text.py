"""Error answers are written for the client: a 5xx never quotes an upstream service or an
internal exception (it is logged, with the request's path), and a 4xx puts Python's own
wording in plain words (issue: "OSError: Error 501 Not Implemented returned by
http://127.0.0.1:... with payload: <!DOCTYPE HTML>...", "'utf-8' codec can't decode byte 0xff
in position 24", "maximum recursion depth exceeded")."""

from __future__ import annotations

import logging
from collections.abc import Callable
from urllib.parse import quote

import pytest
from flask import Flask

from tests.conftest import BASE
from tests.security.conftest import (
    AUTH,
    Upstream,
    assert_security_headers,
    load,
    request,
)
from tests.sparql import data
from tests.sparql.client import Reply

RESULTS = {"Accept": "application/sparql-results+json"}
PYTHON_WORDS = ("codec", "can't decode", "position", "recursion", "Traceback", "Error:")


def assert_quotes_nothing(reply: Reply, upstream: Upstream) -> None:
    assert reply.status >= 500, reply.body[:300]
    for text in upstream.texts():
        assert text not in reply.text
    assert "OSError" not in reply.text
    assert_security_headers(reply)


@pytest.fixture
def remote_url(
    upstream: Upstream, make_app: Callable[..., Flask], serve: Callable[[Flask], str]
) -> str:
    """An app whose store is the upstream service (a remote SPARQL store), now failing."""
    app = make_app(SPARQL_QUERY=upstream.url + "query", SPARQL_UPDATE=upstream.url + "update")
    upstream.failing = True
    return serve(app)


REMOTE_REQUESTS = [
    ("GET", "/", {"Accept": "text/html"}, None),
    ("GET", "/claims", {"Accept": "text/html"}, None),
    ("GET", "/claims", {"Accept": "application/json"}, None),
    ("GET", "/claim/c0000x0", {"Accept": "text/html"}, None),
    ("GET", "/claim/c0000x0.ttl", {}, None),
    ("GET", "/sparql?query=" + quote("SELECT * WHERE { ?s ?p ?o }"), RESULTS, None),
    ("GET", f"/rdf-graph-store?graph={BASE}graph/s0000", {"Accept": "text/turtle"}, None),
    (
        "PUT",
        f"/rdf-graph-store?graph={BASE}graph/new",
        {**AUTH, "Content-Type": "text/turtle"},
        "<http://x/a> <http://x/b> <http://x/c> .",
    ),
    (
        "POST",
        "/sparql",
        {**AUTH, "Content-Type": "application/sparql-update"},
        "DROP SILENT GRAPH <http://x/g>",
    ),
]


@pytest.mark.parametrize(("method", "target", "headers", "body"), REMOTE_REQUESTS)
def test_a_failing_remote_store_is_not_quoted(
    remote_url: str,
    upstream: Upstream,
    caplog: pytest.LogCaptureFixture,
    method: str,
    target: str,
    headers: dict[str, str],
    body: str | None,
) -> None:
    with caplog.at_level(logging.ERROR):
        reply = request(remote_url, method, target, body, headers)
    assert_quotes_nothing(reply, upstream)
    assert "logged" in reply.text  # it says where the detail went
    # the server's log has what the client was not told, and which request it was
    path = target.split("?")[0]
    logged = [r.getMessage() for r in caplog.records if path in r.getMessage()]
    assert any(upstream.address in m and "501" in m for m in logged), caplog.text


def test_a_failing_service_call_is_not_quoted(
    upstream: Upstream,
    make_app: Callable[..., Flask],
    serve: Callable[[Flask], str],
) -> None:
    """The issue's first probe: SERVICE to an allowed endpoint that answers 501 with HTML."""
    app = make_app(FEDERATION_ALLOWLIST=upstream.url)
    load(app, data.graphs(BASE, 1))
    upstream.failing = True
    base = serve(app)
    query = f"SELECT * WHERE {{ SERVICE <{upstream.url}sparql> {{ ?s ?p ?o }} }}"
    for headers in (RESULTS, {"Accept": "application/json"}):
        reply = request(base, "GET", "/sparql?query=" + quote(query), headers=headers)
        assert_quotes_nothing(reply, upstream)


@pytest.fixture
def writable_url(make_app: Callable[..., Flask], serve: Callable[[Flask], str]) -> str:
    app = make_app()
    load(app, data.graphs(BASE, 1))
    return serve(app)


def _detail(reply: Reply) -> str:
    assert reply.status == 400, reply.body[:300]
    detail = str(reply.error["detail"])
    assert not any(word in detail for word in PYTHON_WORDS), detail
    return detail


def test_a_query_that_is_not_utf8_is_told_so_plainly(writable_url: str) -> None:
    reply = request(
        writable_url,
        "POST",
        "/sparql",
        b"SELECT * WHERE { ?s ?p ?o \xff }",
        {"Content-Type": "application/sparql-query", "Accept": "application/json"},
    )
    assert "not valid UTF-8" in _detail(reply)


def test_an_update_that_is_not_utf8_is_told_so_plainly(writable_url: str) -> None:
    reply = request(
        writable_url,
        "POST",
        "/sparql",
        b"INSERT DATA { GRAPH <http://x/g> { <http://x/a> <http://x/b> \xff } }",
        {**AUTH, "Content-Type": "application/sparql-update", "Accept": "application/json"},
    )
    assert "not valid UTF-8" in _detail(reply)


def test_a_body_in_a_charset_it_is_not_is_told_so_plainly(writable_url: str) -> None:
    reply = request(
        writable_url,
        "PUT",
        "/rdf-graph-store?graph=http://x/g",
        b'<http://x/a> <http://x/b> "\xff" .',
        {**AUTH, "Content-Type": "text/turtle; charset=utf-16", "Accept": "application/json"},
    )
    assert "not valid utf-16" in _detail(reply)


@pytest.mark.parametrize("charset", ["bogus", "unicode_escape"])
def test_an_unusable_charset_is_a_400(writable_url: str, charset: str) -> None:
    reply = request(
        writable_url,
        "PUT",
        "/rdf-graph-store?graph=http://x/g",
        b'<http://x/a> <http://x/b> "\\ud800" .',
        {**AUTH, "Content-Type": f"text/turtle; charset={charset}", "Accept": "application/json"},
    )
    assert charset in _detail(reply)


def test_an_update_nested_too_deeply_is_told_so_plainly(writable_url: str) -> None:
    update = (
        "INSERT { GRAPH <http://x/g> { <http://x/a> <http://x/b> <http://x/c> } } WHERE "
        + "{" * 3000
        + "}" * 3000
    )
    reply = request(
        writable_url,
        "POST",
        "/sparql",
        update,
        {**AUTH, "Content-Type": "application/sparql-update", "Accept": "application/json"},
    )
    assert "nested too deeply" in _detail(reply)


def test_a_bug_is_a_plain_500(
    make_app: Callable[..., Flask], serve: Callable[[Flask], str]
) -> None:
    """An exception nobody expected (a bug) answers werkzeug's words for a 500, in the one
    error shape and with the security headers, and the exception goes to the log."""
    app = make_app()

    def broken() -> str:
        raise RuntimeError("internal detail: /srv/factkg/secret.py line 42")

    app.add_url_rule("/broken-for-the-test", view_func=broken)
    base = serve(app)
    for accept in ("application/json", "text/html"):
        reply = request(base, "GET", "/broken-for-the-test", headers={"Accept": accept})
        assert reply.status == 500
        assert "internal detail" not in reply.text and "RuntimeError" not in reply.text
        assert_security_headers(reply)
