"""An unreachable remote store during an ingest: a clear error naming it, nothing already
accepted lost, and a re-run finishes the job."""

from __future__ import annotations

import os
import subprocess
import sys

from kg.store.remote import RemoteStore
from tests.conftest import BASE, REPO
from tests.store.conftest import OxigraphServer

ARTICLES = sorted((REPO / "tests" / "data" / "eval").glob("*.txt"))[:6]


def run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kg.cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "FACTKG_BASE_URI": BASE, **env},
        timeout=600,
    )


def test_an_unreachable_remote_store_is_named_and_loses_nothing(
    oxigraph_server: OxigraphServer,
) -> None:
    env = {
        "FACTKG_SPARQL_QUERY": oxigraph_server.query_url,
        "FACTKG_SPARQL_UPDATE": oxigraph_server.update_url,
    }
    first = run("ingest", *map(str, ARTICLES[:3]), env=env)
    assert first.returncode == 0, first.stderr

    oxigraph_server.stop()  # the store goes away
    down = run("ingest", *map(str, ARTICLES[3:6]), env=env)
    assert down.returncode == 1
    assert f"127.0.0.1:{oxigraph_server.port}" in down.stderr + down.stdout
    assert "Traceback" not in down.stderr

    oxigraph_server.start()  # back: what it had is there, and a re-run finishes the job
    store = RemoteStore(oxigraph_server.query_url, oxigraph_server.update_url)
    try:
        assert len(store.graph_iris()) == 3
        again = run("ingest", *map(str, ARTICLES[:6]), env=env)
        assert again.returncode == 0, again.stderr
        assert "3 skipped" in again.stdout
        assert len(store.graph_iris()) == 6
    finally:
        store.close()
