"""Fixtures of the security tests: apps over real stores on real sockets, a raw HTTP client,
and a stand-in upstream service on 127.0.0.1 that fails the way the issue's probe saw.

Apps here run without TESTING: an unexpected exception must be answered by the app's own
error path (with its headers and words), not re-raised into waitress.
"""

from __future__ import annotations

import http.client
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from flask import Flask

from service import backend as app_store
from service import create_app
from service.query import runner as query_runner
from tests.conftest import BASE, start_server
from tests.sparql import data
from tests.sparql.client import Reply

TOKEN = "security-test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
#: in every page of the failing upstream: the service's answers must never quote it
UPSTREAM_MARKER = "UPSTREAM-INTERNAL-PAGE-7f3a"


def request(
    base: str,
    method: str,
    target: str,
    body: bytes | str | None = None,
    headers: dict[str, str] | None = None,
) -> Reply:
    """One request with ``target`` sent as it is (already percent-encoded)."""
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=120)
    try:
        data = body.encode("utf-8") if isinstance(body, str) else body
        conn.request(method, target, body=data, headers=headers or {})
        resp = conn.getresponse()
        return Reply(resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read())
    finally:
        conn.close()


def new_app(store_path: Path, **config: Any) -> Flask:
    return create_app(
        {
            "STORE": str(store_path),
            "BASE_URI": BASE,
            "QUERY_WORKERS": 2,
            "API_TOKEN": TOKEN,
            **config,
        }
    )


def close_app(app: Flask) -> None:
    query_runner.shutdown(app)
    app.extensions[app_store.KEY].close()


def load(app: Flask, graphs: dict[str, Any]) -> None:
    with app.app_context():
        app_store.get_store().replace_graphs(graphs)


@pytest.fixture
def make_app(tmp_path: Path) -> Iterator[Callable[..., Flask]]:
    """Apps of a test's own (settings as keyword arguments), closed afterwards."""
    apps: list[Flask] = []

    def make(**config: Any) -> Flask:
        app = new_app(tmp_path / f"store{len(apps)}", **config)
        apps.append(app)
        return app

    yield make
    for app in apps:
        close_app(app)


@pytest.fixture(scope="module")
def shared_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """One app per module over a few articles: tests using it must not write."""
    app = new_app(tmp_path_factory.mktemp("security") / "store", MAX_BODY_BYTES=1000)
    load(app, data.graphs(BASE, 3))
    yield app
    close_app(app)


@pytest.fixture(scope="module")
def base_url(shared_app: Flask) -> Iterator[str]:
    base, shut = start_server(shared_app)
    yield base
    shut()


class Upstream:
    """A plain HTTP service on 127.0.0.1: empty SPARQL answers until ``failing`` is set, then
    501 with an HTML page (an internal service's error page) to every request."""

    def __init__(self) -> None:
        self.failing = False
        upstream = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                if upstream.failing:
                    body = (
                        "<!DOCTYPE HTML><html><head><title>Error 501</title></head><body>"
                        f"<p>{UPSTREAM_MARKER}: internal service at {upstream.address}</p>"
                        "</body></html>"
                    ).encode()
                    self.send_response(501)
                    self.send_header("Content-Type", "text/html; charset=utf-8")
                elif self.command == "POST" and "update" in self.path:
                    body = b""
                    self.send_response(204)
                else:
                    body = b'{"head": {"vars": ["g"]}, "results": {"bindings": []}}'
                    self.send_response(200)
                    self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = _answer

            def log_message(self, format: str, *args: Any) -> None:
                pass  # quiet: the test output is for the service

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.address = f"127.0.0.1:{self.server.server_address[1]}"
        self.url = f"http://{self.address}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def texts(self) -> tuple[str, ...]:
        """What an answer quoting this service would contain."""
        return (UPSTREAM_MARKER, self.address, "Not Implemented", "DOCTYPE")


@pytest.fixture
def upstream() -> Iterator[Upstream]:
    up = Upstream()
    up.thread.start()
    try:
        yield up
    finally:
        up.server.shutdown()
        up.thread.join()
        up.server.server_close()


def assert_security_headers(reply: Reply) -> None:
    """The headers every answer carries (service/headers.py)."""
    assert reply.headers.get("x-content-type-options") == "nosniff", reply.headers
    csp = reply.headers.get("content-security-policy", "")
    assert "frame-ancestors 'none'" in csp, reply.headers
    if reply.media_type == "text/html":
        assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp
    else:
        assert "default-src 'none'" in csp
