"""Fixtures every feature uses: a real on-disk store and the app served on a real socket.

Feature-specific fixtures live in each feature folder's own conftest.py.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from waitress import wasyncore
from waitress.server import create_server

from kg.store import OxigraphStore
from kg.store.open import open_store
from tests.servers import VirtuosoServer, free_port, have_virtuoso

# No test touches the internet: linking asks Wikidata only where a test starts a local
# fixture server and says so (tests/link); every other ingest, in this process or in a
# `factkg` child, links to GeoNames alone (offline) and caches nothing in the home directory.
os.environ["FACTKG_WIKIDATA_ENDPOINT"] = "off"
os.environ["FACTKG_WIKIDATA_CACHE"] = ""

BASE = "http://factkg.test/"
REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
EXAMPLES = REPO / "examples"
#: the W3C SPARQL 1.1 test suites (protocol, graph store, service description, syntax), copied
#: into the repository with their licence: tests/data/w3c-sparql11/SOURCE says from where
W3C = REPO / "tests" / "data" / "w3c-sparql11"


@pytest.fixture
def base_uri() -> str:
    return BASE


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "store"


@pytest.fixture
def store(store_path: Path) -> Iterator[OxigraphStore]:
    """A fresh on-disk Oxigraph store opened as the CLI and the service open it (with its
    search and shared-facts indexes), closed after the test."""
    s = open_store(store_path)
    assert isinstance(s, OxigraphStore)
    yield s
    s.close()


def start_server(app: Flask) -> tuple[str, Callable[[], None]]:
    """Serve ``app`` with waitress on 127.0.0.1 (a free port): (base URL, stop)."""
    return run_server(create_server(app, host="127.0.0.1", port=0, threads=4))


def run_server(server: Any) -> tuple[str, Callable[[], None]]:
    """Run a waitress server made on 127.0.0.1 in a thread: (base URL, stop)."""
    stop = threading.Event()

    def loop() -> None:
        while not stop.is_set():
            wasyncore.loop(timeout=0.05, map=server._map, use_poll=True, count=1)

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()

    def shut() -> None:
        # stop in order (loop, task threads, sockets): closing sockets from this thread while
        # the loop still polls them raised EBADF now and then
        stop.set()
        thread.join()
        server.task_dispatcher.shutdown()
        wasyncore.close_all(server._map)

    return f"http://127.0.0.1:{server.effective_port}", shut


@pytest.fixture
def serve() -> Iterator[Callable[[Flask], str]]:
    """Serve apps on real sockets for one test; returns each one's base URL."""
    stops: list[Callable[[], None]] = []

    def start(app: Flask) -> str:
        base, shut = start_server(app)
        stops.append(shut)
        return base

    yield start
    for shut in stops:
        shut()


@pytest.fixture(scope="session")
def extractor() -> Any:
    """One spaCy-backed extractor for the whole session (the model loads once)."""
    from kg.extract import Extractor

    return Extractor()


def seed_files() -> list[Path]:
    """The real seed articles; only beside the repository in the team's checkout and CI."""
    return sorted((SHARED / "seeds").glob("*.txt"))


requires_seeds = pytest.mark.skipif(
    not seed_files(), reason="../shared/seeds is not beside this checkout (a user's clone)"
)


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VirtuosoServer]:
    """One Virtuoso for the session (it takes seconds to start); tests clear what they wrote."""
    if not have_virtuoso():
        pytest.skip("Debian's virtuoso-opensource-7 is not installed (scripts/setup.sh does it)")
    server = VirtuosoServer(tmp_path_factory.mktemp("virtuoso"), free_port(), free_port())
    server.start()
    yield server
    server.stop()
