"""Store fixtures: a real `oxigraph serve` on 127.0.0.1 and the contract's backends."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from kg.store import OxigraphStore, Store
from kg.store.remote import RemoteStore
from tests.conftest import VirtuosoServer
from tests.servers import free_port, listening, oxigraph_binary


@dataclass
class OxigraphServer:
    """One `oxigraph serve` process over a directory, on a fixed port (restartable)."""

    location: Path
    port: int
    union_default_graph: bool = False
    process: subprocess.Popen[bytes] | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def query_url(self) -> str:
        return f"{self.base}/query"

    @property
    def update_url(self) -> str:
        return f"{self.base}/update"

    def start(self) -> None:
        args = [oxigraph_binary(), "serve", "--location", str(self.location)]
        args += ["--bind", f"127.0.0.1:{self.port}"]
        if self.union_default_graph:
            args.append("--union-default-graph")
        self.process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if listening(self.port, self.process):
            return
        if self.process.poll() is not None:
            err = self.process.stderr.read().decode() if self.process.stderr else ""
            raise RuntimeError(f"oxigraph serve exited with {self.process.returncode}: {err}")
        self.stop()
        raise RuntimeError(f"oxigraph serve did not listen on {self.base}")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait()
            if self.process.stderr:
                self.process.stderr.close()
            self.process = None


@pytest.fixture
def start_oxigraph(tmp_path: Path) -> Iterator[Callable[..., OxigraphServer]]:
    """Start real Oxigraph servers (each on its own directory and free port); all stopped after."""
    servers: list[OxigraphServer] = []

    def start(*, union_default_graph: bool = False) -> OxigraphServer:
        location = tmp_path / f"oxigraph-{len(servers)}"
        server = OxigraphServer(location, free_port(), union_default_graph)
        servers.append(server)
        server.start()
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture
def oxigraph_server(start_oxigraph: Callable[..., OxigraphServer]) -> OxigraphServer:
    """A real `oxigraph serve` with the server's own (non-union) default graph."""
    return start_oxigraph()


@pytest.fixture
def remote(oxigraph_server: OxigraphServer) -> Iterator[RemoteStore]:
    s = RemoteStore(oxigraph_server.query_url, oxigraph_server.update_url)
    yield s
    s.close()


@pytest.fixture
def virtuoso(virtuoso_server: VirtuosoServer) -> Iterator[RemoteStore]:
    """A RemoteStore on Virtuoso, emptied of every graph but Virtuoso's own first."""
    s = RemoteStore(virtuoso_server.url, virtuoso_server.url)
    for iri in s.graph_iris():
        s.remove_graph(iri)
    yield s
    s.close()


@pytest.fixture(params=["embedded", "remote", "virtuoso"])
def any_store(request: pytest.FixtureRequest) -> Store:
    """Each backend in turn: the contract tests run once per backend (the embedded store,
    the Oxigraph server, Virtuoso 7)."""
    fixture = {"embedded": "store", "remote": "remote", "virtuoso": "virtuoso"}[request.param]
    s: Store = request.getfixturevalue(fixture)
    return s


@pytest.fixture
def reopen(store_path: Path) -> Iterator[Callable[..., OxigraphStore]]:
    """Open more OxigraphStores on ``store_path`` (read-only or not); closed after the test."""
    opened: list[OxigraphStore] = []

    def open_(*, read_only: bool = False) -> OxigraphStore:
        s = OxigraphStore(store_path, read_only=read_only)
        opened.append(s)
        return s

    yield open_
    for s in opened:
        s.close()
