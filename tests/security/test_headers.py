"""Every answer carries the security headers, error answers included (issue: the 404 of an
unknown path and the Graph Store Protocol's HTML 400 had no Content-Security-Policy and no
X-Content-Type-Options: they were set by the pages' blueprint only)."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from tests.security.conftest import AUTH, assert_security_headers, request

HTML = {"Accept": "text/html"}
JSON = {"Accept": "application/json"}
RESULTS = {"Accept": "application/sparql-results+json"}
ASK = quote("ASK { ?s ?p ?o }")

# (method, target, headers, body, expected status)
CASES: list[tuple[str, str, dict[str, str], str | None, int]] = [
    ("GET", "/nope", HTML, None, 404),
    ("GET", "/nope", JSON, None, 404),
    ("GET", "/claim/a/b", HTML, None, 404),
    ("GET", "/claim/no-such-claim", HTML, None, 404),
    ("GET", "/claim/no-such-claim.ttl", {}, None, 404),
    ("DELETE", "/claims", HTML, None, 405),
    ("PATCH", "/sparql", JSON, None, 405),
    ("GET", "/claims?page=x", HTML, None, 400),
    ("GET", "/claims?speaker=foo", JSON, None, 400),
    ("GET", "/claim/c0000x0", {"Accept": "image/png"}, None, 406),
    ("GET", "/rdf-graph-store?graph=foo", HTML, None, 400),
    ("GET", "/rdf-graph-store?graph=foo", JSON, None, 400),
    ("GET", "/rdf-graph-store", HTML, None, 400),
    ("PUT", "/rdf-graph-store?graph=http://factkg.test/graph/x", HTML, "<a> <b> .", 401),
    ("GET", "/sparql?query=nonsense", JSON, None, 400),
    ("GET", "/sparql?query=nonsense", HTML, None, 400),
    ("POST", "/sparql", {**JSON, "Content-Type": "application/sparql-query"}, "x" * 2000, 413),
    ("POST", "/sparql", {**AUTH, "Content-Type": "application/sparql-update"}, "CLEAR", 400),
    ("GET", "/", HTML, None, 200),
    ("GET", "/claims", HTML, None, 200),
    ("GET", "/claim/c0000x0", HTML, None, 200),
    ("GET", "/claim/c0000x0.ttl", {}, None, 200),
    ("GET", "/claim/c0000x0", {"Accept": "application/ld+json"}, None, 200),
    ("GET", f"/sparql?query={ASK}", RESULTS, None, 200),  # the WSGI fast path
    ("GET", f"/sparql?query={ASK}&format=json", {}, None, 200),  # the Flask view
    ("GET", f"/sparql?query={ASK}", HTML, None, 200),  # the editor page
    ("GET", "/sparql", {"Accept": "text/turtle"}, None, 200),  # the service description
    ("OPTIONS", "/sparql", {}, None, 204),
    ("GET", "/rdf-graph-store?graph=http://factkg.test/graph/s0000", {}, None, 200),
    ("GET", "/static/site.css", {}, None, 200),
]


@pytest.mark.parametrize(
    ("method", "target", "headers", "body", "status"),
    CASES,
    ids=[f"{c[0]} {c[1]} {c[2].get('Accept', '')} {c[4]}" for c in CASES],
)
def test_every_answer_carries_the_security_headers(
    base_url: str, method: str, target: str, headers: dict[str, str], body: str | None, status: int
) -> None:
    reply = request(base_url, method, target, body, headers)
    assert reply.status == status, reply.body[:300]
    assert_security_headers(reply)
    assert reply.headers.get("referrer-policy") == "same-origin"


def test_the_editor_keeps_its_stricter_policy(base_url: str) -> None:
    reply = request(base_url, "GET", f"/sparql?query={ASK}", headers=HTML)
    assert reply.headers["content-security-policy"].startswith("default-src 'none'")
