"""Writes need the bearer token; without a configured token the service is read-only."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask

from kg.store import Store
from tests.writes.conftest import TOKEN, Client, dump

EX = "http://example.org/"
INSERT = f"INSERT DATA {{ GRAPH <{EX}g> {{ <{EX}s> <{EX}p> 1 }} }}"
TURTLE = {"Content-Type": "text/turtle"}


def test_anonymous_update_is_401(client: Client, app_store: Store) -> None:
    before = dump(app_store)
    reply = client.update(INSERT, token=None)
    assert reply.status == 401
    assert reply.headers["www-authenticate"].startswith("Bearer")
    assert dump(app_store) == before


def test_wrong_token_is_401(client: Client, app_store: Store) -> None:
    reply = client.update(INSERT, token=TOKEN + "x")
    assert reply.status == 401
    assert "invalid_token" in reply.headers["www-authenticate"]
    assert dump(app_store) == []


def test_other_scheme_is_401(client: Client) -> None:
    headers = {"Content-Type": "application/sparql-update", "Authorization": f"Basic {TOKEN}"}
    assert client.request("POST", "/sparql", INSERT, headers).status == 401


def test_form_update_needs_token_too(client: Client) -> None:
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    reply = client.request("POST", "/sparql", "update=CLEAR%20ALL", headers)
    assert reply.status == 401


def test_no_token_configured_means_read_only(
    make_app: Callable[..., Flask], serve: Callable[[Flask], str]
) -> None:
    client = Client(serve(make_app(API_TOKEN=None)))
    reply = client.update(INSERT, token="anything")
    assert reply.status == 403
    assert "read-only" in reply.text
    put = client.request(
        "PUT",
        "/rdf-graph-store?graph=http://example.org/g",
        "<http://a> <http://b> 1 .",
        {**TURTLE, "Authorization": "Bearer anything"},
    )
    assert put.status == 403


def test_graph_store_writes_need_token(client: Client) -> None:
    path = "/rdf-graph-store?graph=http://example.org/g"
    body = "<http://example.org/s> <http://example.org/p> 1 ."
    assert client.request("PUT", path, body, TURTLE).status == 401
    assert client.request("POST", path, body, TURTLE).status == 401
    assert client.request("DELETE", path).status == 401
    assert client.request("POST", "/rdf-graph-store", body, TURTLE).status == 401
    # reads are public
    assert client.request("GET", path).status == 404
