"""`factkg serve`: the app under waitress in its own process; clean shutdown on SIGTERM/SIGINT."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.store import OxigraphStore
from tests.conftest import BASE
from tests.sparql import data
from tests.sparql.client import get


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def factkg() -> list[str]:
    script = shutil.which("factkg") or str(Path(sys.executable).parent / "factkg")
    return [script] if Path(script).exists() else [sys.executable, "-m", "kg.cli"]


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_serve_answers_then_shuts_down_cleanly(tmp_path: Path, stop: signal.Signals) -> None:
    store_path = tmp_path / "store"
    with OxigraphStore(store_path) as store:
        store.replace_graphs(data.graphs(BASE, 2))
    port = free_port()
    env = {**os.environ, "FACTKG_QUERY_WORKERS": "2"}
    proc = subprocess.Popen(
        [
            *factkg(),
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--store",
            str(store_path),
            "--base-uri",
            BASE,
        ],
        env=env,
        stderr=subprocess.PIPE,
    )
    try:
        for _ in range(1200):
            assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.025)
        url = f"http://127.0.0.1:{port}/sparql"
        reply = get(url, "application/sparql-results+json", query="ASK { ?s ?p ?o }")
        assert reply.status == 200 and reply.json()["boolean"] is True
        workers = children(proc.pid)
        assert len(workers) == 2  # warmed at start
        assert get(url, "text/turtle").media_type == "text/turtle"
        proc.send_signal(stop)
        assert proc.wait(30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
            assert proc.stderr is not None
            proc.stderr.close()
    assert proc.stderr is not None
    with proc.stderr:
        err = proc.stderr.read().decode()
    assert "shutting down" in err
    assert not any(Path(f"/proc/{w}").exists() for w in workers)
    with OxigraphStore(store_path) as store:  # the lock is released
        assert store.count_triples() > 0
