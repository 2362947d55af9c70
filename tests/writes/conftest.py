"""Fixtures for the write side: the app with a token on a real socket, and HTTP helpers."""

from __future__ import annotations

import http.client
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from flask import Flask

from kg.store import Store
from kg.store.base import ResultFormat
from service import create_app
from service.backend import get_store
from service.query import runner as query_runner
from tests.conftest import BASE, REPO
from tests.sparql.client import Reply

TOKEN = "s3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
VALID = REPO / "tests" / "shapes" / "valid"
INVALID = REPO / "tests" / "shapes" / "invalid"


class Client:
    """A real HTTP client (http.client) for one served app."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.netloc = urlsplit(base_url).netloc

    def request(
        self,
        method: str,
        path: str,
        body: bytes | str | None = None,
        headers: dict[str, str] | None = None,
    ) -> Reply:
        conn = http.client.HTTPConnection(self.netloc)
        try:
            data = body.encode("utf-8") if isinstance(body, str) else body
            conn.request(method, path, body=data, headers=headers or {})
            resp = conn.getresponse()
            return Reply(resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read())
        finally:
            conn.close()

    def update(self, text: str, token: str | None = TOKEN, **headers: str) -> Reply:
        h = {"Content-Type": "application/sparql-update", **headers}
        if token is not None:
            h["Authorization"] = f"Bearer {token}"
        return self.request("POST", "/sparql", text, h)


@pytest.fixture
def make_app(store_path: Path) -> Iterator[Callable[..., Flask]]:
    """Apps over the test's store; their query workers are stopped at the end."""
    apps: list[Flask] = []

    def make(**config: object) -> Flask:
        app = create_app({"STORE": str(store_path), "BASE_URI": BASE, **config})
        apps.append(app)
        return app

    yield make
    for app in apps:
        query_runner.shutdown(app)


@pytest.fixture
def app(make_app: Callable[..., Flask]) -> Flask:
    return make_app(API_TOKEN=TOKEN)


@pytest.fixture
def client(app: Flask, serve: Callable[[Flask], str]) -> Client:
    return Client(serve(app))


@pytest.fixture
def app_store(app: Flask) -> Store:
    with app.app_context():
        return get_store()


def dump(store: Store) -> list[str]:
    """Every quad of the store, sorted: compare before and after a refused write."""
    return sorted(store.dump(ResultFormat.NQUADS).decode("utf-8").splitlines())
