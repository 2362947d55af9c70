"""Relative IRIs in queries resolve against the configured endpoint IRI (BASE_URI + "sparql"),
never against the client's Host header: a Host of "a>b" used to make every query a 500, and
any Host chose where relative IRIs landed."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest

from tests.conftest import BASE
from tests.sparql.client import request

JSON = "application/sparql-results+json"
RELATIVE = "SELECT ?x WHERE { BIND(<claim/1> AS ?x) }"
HOSTS = ["ex ample", "a>b", "evil.example"]


def _bound(reply_body: bytes) -> str:
    doc = json.loads(reply_body)
    return str(doc["results"]["bindings"][0]["x"]["value"])


@pytest.mark.parametrize("host", HOSTS)
def test_get_query_ignores_the_host_header(url: str, host: str) -> None:
    # a plain GET with only ?query= takes the WSGI fast path
    reply = request(
        "GET", f"{url}?query={quote(RELATIVE, safe='')}", headers={"Accept": JSON, "Host": host}
    )
    assert reply.status == 200, reply.body[:300]
    assert _bound(reply.body) == BASE + "claim/1"


@pytest.mark.parametrize("host", HOSTS)
def test_post_query_ignores_the_host_header(url: str, host: str) -> None:
    headers = {"Accept": JSON, "Content-Type": "application/sparql-query", "Host": host}
    reply = request("POST", url, RELATIVE, headers)
    assert reply.status == 200, reply.body[:300]
    assert _bound(reply.body) == BASE + "claim/1"


def test_service_description_survives_a_bad_host(url: str) -> None:
    reply = request("GET", url, headers={"Accept": "text/turtle", "Host": "a>b"})
    assert reply.status == 200, reply.body[:300]
    assert f"<{BASE}sparql>".encode() in reply.body
