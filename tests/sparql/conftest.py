"""Fixtures of the endpoint tests: apps over real on-disk stores, served on real sockets.

``make_app`` builds apps and stops their query workers and closes their stores afterwards;
``serve`` stops waitress in order (loop, then task threads, then sockets), so closing never
races a thread still using a socket.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from service import backend as app_store
from service import create_app
from service.query import runner as query_runner
from tests.conftest import BASE, start_server
from tests.sparql import data

N_ARTICLES = 6


def _new_app(store_path: Path, **config: Any) -> Flask:
    settings = {
        "STORE": str(store_path),
        "BASE_URI": BASE,
        "QUERY_WORKERS": 2,
        "TESTING": True,
        **config,
    }
    return create_app(settings)


def _close_app(app: Flask) -> None:
    query_runner.shutdown(app)
    app.extensions[app_store.KEY].close()


def load(app: Flask, graphs: dict[str, Any]) -> None:
    with app.app_context():
        app_store.get_store().replace_graphs(graphs)


@pytest.fixture
def make_app(tmp_path: Path) -> Iterator[Callable[..., Flask]]:
    """Build apps with settings of a test's own; stopped and closed afterwards."""
    apps: list[Flask] = []

    def make(**config: Any) -> Flask:
        app = _new_app(tmp_path / f"store{len(apps)}", **config)
        apps.append(app)
        return app

    yield make
    for app in apps:
        _close_app(app)


@pytest.fixture
def app(make_app: Callable[..., Flask]) -> Flask:
    """An app of the test's own over N_ARTICLES articles (for tests that write)."""
    a = make_app()
    load(a, data.graphs(BASE, N_ARTICLES))
    return a


@pytest.fixture(scope="module")
def shared_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """One app per test module over N_ARTICLES articles: tests using it must not write."""
    app = _new_app(tmp_path_factory.mktemp("sparql") / "store")
    load(app, data.graphs(BASE, N_ARTICLES))
    yield app
    _close_app(app)


@pytest.fixture(scope="module")
def url(shared_app: Flask) -> Iterator[str]:
    """/sparql of ``shared_app`` on a real socket."""
    base, shut = start_server(shared_app)
    yield base + "/sparql"
    shut()


@pytest.fixture(scope="module")
def isolation_off_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """/sparql of an app whose query workers keep their network (ISOLATE_WORKERS=off): tests
    of the reading of requests use it, so a namespace cannot hide a wrong reading."""
    app = _new_app(tmp_path_factory.mktemp("sparql-open") / "store", ISOLATE_WORKERS="off")
    load(app, data.graphs(BASE, N_ARTICLES))
    base, shut = start_server(app)
    yield base + "/sparql"
    shut()
    _close_app(app)


SENTINEL = b"factkg-test-sentinel"


@dataclass
class Listener:
    """A TCP listener on 127.0.0.1 that records every connection made to it."""

    sock: socket.socket
    connections: list[bytes] = field(default_factory=list)
    changed: threading.Condition = field(default_factory=threading.Condition)
    stopped: threading.Event = field(default_factory=threading.Event)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}/"

    def accept_all(self) -> None:
        self.sock.settimeout(0.05)
        while not self.stopped.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            with conn:
                conn.settimeout(2)
                try:
                    first = conn.recv(4096) or b"(connected, sent nothing)"
                except OSError:
                    first = b"(connected, sent nothing)"
            with self.changed:
                self.connections.append(first)
                self.changed.notify_all()

    def calls(self) -> list[bytes]:
        """Every connection made so far, after a sentinel connection has been seen: the
        listener accepts in order, so nothing made before this call is still unrecorded."""
        with socket.create_connection(self.sock.getsockname()) as probe:
            probe.sendall(SENTINEL)
            with self.changed:
                seen = self.changed.wait_for(lambda: SENTINEL in self.connections, timeout=30)
        assert seen, "the listener never saw its own sentinel connection"
        with self.changed:
            self.connections.remove(SENTINEL)
            return list(self.connections)


def _listening() -> Iterator[Listener]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    rec = Listener(sock)
    thread = threading.Thread(target=rec.accept_all, daemon=True)
    thread.start()
    yield rec
    rec.stopped.set()
    thread.join()
    sock.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    yield from _listening()


@pytest.fixture
def bait() -> Iterator[Listener]:
    """A second listener: what pyoxigraph calls when a query runs with no guard."""
    yield from _listening()
