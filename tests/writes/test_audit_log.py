"""Every write and every refused request leaves one structured line in the app's log."""

from __future__ import annotations

import logging

import pytest

from service.audit import format_fields
from tests.writes.conftest import AUTH, TOKEN, Client

G = "http://example.org/audited"
PATH = f"/rdf-graph-store?graph={G}"
TTL = '<http://example.org/a> <http://example.org/p> "x" .'


def _lines(caplog: pytest.LogCaptureFixture, event: str) -> list[logging.LogRecord]:
    return [
        r
        for r in caplog.records
        if r.name == "service" and getattr(r, "factkg", {}).get("event") == event
    ]


def test_a_write_is_logged_once_with_who_what_and_result(
    client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="service")
    reply = client.request("PUT", PATH, TTL, {**AUTH, "Content-Type": "text/turtle"})
    assert reply.status == 201, reply.text
    [record] = _lines(caplog, "write")
    fields = record.factkg  # type: ignore[attr-defined]
    assert fields["result"] == "written" and fields["status"] == 201
    assert fields["token"] == "valid" and fields["client"] == "127.0.0.1"
    assert fields["graphs"] == f"<{G}>" and fields["method"] == "PUT"
    line = record.getMessage()
    assert line.startswith("event=write result=written status=201 method=PUT")
    assert f"graphs=<{G}>" in line and TOKEN not in line


def test_refused_writes_say_why(client: Client, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="service")
    bad = {"Authorization": "Bearer wrong", "Content-Type": "text/turtle"}
    assert client.request("PUT", PATH, TTL, bad).status == 401
    assert (
        client.update(f"INSERT DATA {{ GRAPH <{G}> {{ {TTL[:-2]} }} }}", token=None).status == 401
    )
    # valid token, data the shapes refuse (a claim with no text)
    claim = "<http://example.org/c> a <https://w3id.org/factkg/ns#Claim> ."
    assert client.request("PUT", PATH, claim, {**AUTH, "Content-Type": "text/turtle"}).status == 400
    first, second, third = (r.factkg for r in _lines(caplog, "write"))  # type: ignore[attr-defined]
    assert first["result"] == "refused" and first["status"] == 401
    assert first["token"] == "invalid" and first["graphs"] == f"<{G}>"
    assert "not valid" in first["reason"]
    assert second["token"] == "missing" and second["path"] == "/sparql"
    assert third["token"] == "valid" and third["status"] == 400
    assert "invalid against the shapes" in third["reason"]
    assert third["graphs"] == f"<{G}>"
    assert all(r.levelno == logging.WARNING for r in _lines(caplog, "write"))


def test_a_refused_read_is_logged(client: Client, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="service")
    assert client.request("GET", "/claims?page=x").status == 400
    assert client.request("GET", "/no/such/page").status == 404
    assert client.request("GET", "/sparql?query=SELEC").status == 400
    assert client.request("GET", "/claims").status == 200
    refused = [r.factkg for r in _lines(caplog, "refused")]  # type: ignore[attr-defined]
    assert [(f["status"], f["path"]) for f in refused] == [
        (400, "/claims"),
        (404, "/no/such/page"),
        (400, "/sparql"),
    ]
    assert all(f["client"] == "127.0.0.1" and f["reason"] for f in refused)
    assert "page" in refused[0]["reason"]
    assert not _lines(caplog, "write")


def test_fields_are_quoted_when_needed() -> None:
    line = format_fields({"event": "refused", "reason": 'a "b" c', "path": "/x"})
    assert line == 'event=refused reason="a \\"b\\" c" path=/x'
