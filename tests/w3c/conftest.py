"""The app under the W3C tests: a real on-disk store, the token configured, served on a socket."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask
from rdflib import Graph

from service import create_app
from service.backend import get_store
from service.query import runner as query_runner
from tests.conftest import BASE

TOKEN = "w3c-test-token"


@pytest.fixture
def w3c_app(store_path: Path) -> Iterator[Flask]:
    app = create_app({"STORE": str(store_path), "API_TOKEN": TOKEN, "BASE_URI": BASE})
    yield app
    query_runner.shutdown(app)


@pytest.fixture
def w3c_url(w3c_app: Flask, serve: Callable[[Flask], str]) -> str:
    return serve(w3c_app)


def preload(app: Flask, graph_data: list[tuple[Path, str]]) -> None:
    """Load the manifest's data files as named graphs named by the IRIs the tests use
    (http://kasei.us/...): FROM / FROM NAMED / default-graph-uri read graphs of the store."""
    if not graph_data:
        return
    with app.app_context():
        get_store().replace_graphs({iri: Graph().parse(file) for file, iri in graph_data})
