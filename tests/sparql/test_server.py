"""`factkg serve`: the app under waitress in its own process; clean shutdown on SIGTERM/SIGINT."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask
from waitress import wasyncore

from kg.store import OxigraphStore
from service.server import make_server
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


def test_waitress_refuses_bodies_over_max_body_bytes(
    make_app: Callable[..., Flask],
) -> None:
    """Regression: waitress spooled bodies up to its default 1 GiB before the app could
    refuse them; a chunked body (no Content-Length) was only capped there."""
    app = make_app(MAX_BODY_BYTES=1000)
    server = make_server(app, "127.0.0.1", 0)
    assert server.adj.max_request_body_size == 1000
    stop = threading.Event()

    def loop() -> None:
        while not stop.is_set():
            wasyncore.loop(timeout=0.05, map=server._map, use_poll=True, count=1)

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    try:
        # a raw socket: waitress answers and closes as soon as the declared body is too
        # large, which an http.client still sending the body sees as a reset (flaky)
        with socket.create_connection(("127.0.0.1", server.effective_port), timeout=60) as sock:
            sock.sendall(
                b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                b"Content-Type: application/sparql-query\r\nContent-Length: 5000\r\n\r\n"
            )
            answer = b""
            while chunk := sock.recv(4096):
                answer += chunk
        assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
        assert b"exceeds max_body of 1000" in answer  # waitress refused it, not the app
    finally:
        stop.set()
        thread.join()
        server.task_dispatcher.shutdown()
        wasyncore.close_all(server._map)
