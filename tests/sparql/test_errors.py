"""One error shape: kg.errors map to HTTP in one place; JSON for machines, a page for people."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask

from kg.errors import (
    ConfigError,
    FactkgError,
    InputError,
    QueryError,
    ReaderError,
    StoreError,
    StoreLockedError,
    ValidationError,
)
from kg.store.remote import RemoteStore
from service import backend as app_store
from service.errors import status_of
from service.query.runner import QueryTimeoutError, ResultTooLargeError
from tests.conftest import BASE
from tests.sparql import data
from tests.sparql.client import get
from tests.sparql.conftest import load

BROWSER = "text/html,application/xhtml+xml,*/*;q=0.8"


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (InputError("x"), 400),
        (ReaderError("f.txt", "empty"), 400),
        (ValidationError("x", "report"), 400),
        (QueryError("x"), 400),
        (ResultTooLargeError("x"), 422),
        (ConfigError("x"), 500),
        (StoreError("x"), 500),
        (StoreLockedError("x"), 503),
        (QueryTimeoutError("x"), 503),
        (FactkgError("x"), 500),
    ],
)
def test_status_by_class(error: FactkgError, status: int) -> None:
    assert status_of(error)[0] == status


def test_404_json_for_machines_html_for_people(url: str) -> None:
    root = url.rsplit("/", 1)[0]
    machine = get(root + "/no/such/thing", "application/json")
    assert machine.status == 404 and machine.error["title"] == "Not Found"
    assert get(root + "/no/such/thing").error["status"] == 404  # no Accept: JSON too
    person = get(root + "/no/such/thing", BROWSER)
    assert person.status == 404 and person.media_type == "text/html"
    assert b"404 Not Found" in person.body


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def oxigraph_process(tmp_path: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """A real `oxigraph serve` (in memory) on loopback: its base URL and process."""
    binary = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not Path(binary).exists():
        pytest.skip("the oxigraph server binary is not installed")
    port = free_port()
    proc = subprocess.Popen(
        [binary, "serve", "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(400):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.025)
        yield f"http://127.0.0.1:{port}", proc
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.fixture
def oxigraph_server(oxigraph_process: tuple[str, subprocess.Popen[bytes]]) -> str:
    return oxigraph_process[0]


def test_remote_store_queries_are_forwarded(
    make_app: Callable[..., Flask], serve: Callable[[Flask], str], oxigraph_server: str
) -> None:
    app = make_app(
        SPARQL_QUERY=f"{oxigraph_server}/query", SPARQL_UPDATE=f"{oxigraph_server}/update"
    )
    load(app, data.graphs(BASE, 2))
    url = serve(app) + "/sparql"
    query = "PREFIX fk: <https://w3id.org/factkg/ns#> ASK { ?c a fk:Claim }"
    reply = get(url, "application/sparql-results+json", query=query)
    assert reply.status == 200 and reply.json()["boolean"] is True
    turtle = get(url, "text/turtle", query="CONSTRUCT WHERE { ?s a ?t } LIMIT 2")
    assert turtle.status == 200 and turtle.media_type == "text/turtle"
    refused = get(url, None, query="SELECT * WHERE { SERVICE <http://127.0.0.1:9/> {} }")
    assert refused.status == 400


def test_backend_failure_is_a_5xx(
    make_app: Callable[..., Flask],
    serve: Callable[[Flask], str],
    oxigraph_process: tuple[str, subprocess.Popen[bytes]],
) -> None:
    """A remote store that stops answering: 5xx in the one JSON shape, never a 400."""
    base, proc = oxigraph_process
    app = make_app(SPARQL_QUERY=f"{base}/query")
    url = serve(app) + "/sparql"
    assert get(url, None, query="ASK {}").status == 200
    proc.terminate()
    proc.wait(10)
    reply = get(url, None, query="ASK {}")
    assert reply.status >= 500
    assert reply.error["detail"]


def test_remote_store_answers_obey_the_endpoint_limits(
    make_app: Callable[..., Flask], serve: Callable[[Flask], str], oxigraph_server: str
) -> None:
    """Regression: queries to a remote store ignored QUERY_TIMEOUT and MAX_RESULT_BYTES."""
    app = make_app(
        SPARQL_QUERY=f"{oxigraph_server}/query",
        SPARQL_UPDATE=f"{oxigraph_server}/update",
        QUERY_TIMEOUT=7.5,
        MAX_RESULT_BYTES=2000,
    )
    load(app, data.graphs(BASE, 2))
    store = app.extensions[app_store.KEY]
    assert isinstance(store, RemoteStore)
    assert store.timeout == 7.5
    url = serve(app) + "/sparql"
    small = get(url, "application/sparql-results+json", query="ASK { ?s ?p ?o }")
    assert small.status == 200
    big = get(url, "application/n-triples", query="CONSTRUCT WHERE { ?s ?p ?o }")
    assert big.status == 422, big.body[:300]
    assert "MAX_RESULT_BYTES" in big.error["detail"]
    bigger_page = get(url, "application/sparql-results+json", query="SELECT * { ?s ?p ?o }")
    assert bigger_page.status == 422
