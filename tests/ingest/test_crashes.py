"""Nothing is lost or half-written when a writer dies: `factkg ingest` and `factkg serve` are
killed with SIGKILL on a real on-disk store, mid-work; afterwards the store opens read-write,
`factkg validate` passes, every named graph present is a whole article (it validates and holds
its source node), and running the same work again finishes it."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.ids import graph_iri
from kg.namespace import FK
from kg.readers import read_path
from kg.store import OxigraphStore
from tests.conftest import BASE, EXAMPLES, REPO
from tests.servers import free_port

FACTKG = [sys.executable, "-m", "kg.cli"]
TOKEN = "crash-test-token"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def env(**extra: str) -> dict[str, str]:
    return {**os.environ, "FACTKG_BASE_URI": BASE, **extra}


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*FACTKG, *args], capture_output=True, text=True, env=env(), timeout=600)


def corpus(directory: Path, copies: int) -> list[Path]:
    """``copies`` distinct versions of each example text article (ids derive from content, so
    each copy is an article of its own)."""
    directory.mkdir()
    files = []
    for i in range(copies):
        for example in sorted(EXAMPLES.glob("*.txt")):
            path = directory / f"{i:03d}-{example.name}"
            path.write_text(example.read_text() + f"\nThe archive holds this as copy {i}.\n")
            files.append(path)
    return files


def expected_graphs(files: list[Path]) -> set[str]:
    return {graph_iri(read_path(f), BASE) for f in files}


def graphs_read_only(store: Path) -> set[str]:
    """The named graphs, read alongside a live writer (RocksDB's secondary open)."""
    try:
        s = ox.Store.read_only(str(store))
    except (OSError, RuntimeError):  # not created yet, or being created
        return set()
    try:
        return {g.value for g in s.named_graphs() if isinstance(g, ox.NamedNode)}
    finally:
        del s


def source_of(graph: str) -> str:
    assert graph.startswith(f"{BASE}graph/"), graph
    return f"{BASE}source/{graph.removeprefix(f'{BASE}graph/')}"


def check_whole(store_path: Path) -> dict[str, frozenset[ox.Quad]]:
    """The store opens read-write, `factkg validate` passes and every named graph holds its
    fk:Source; returns each graph's quads."""
    store = OxigraphStore(store_path)  # read-write: the dead writer's lock is gone
    try:
        contents = {}
        for g in store.graph_iris():
            quads = store.quads(g)
            source = ox.Quad(
                ox.NamedNode(source_of(g)),
                ox.NamedNode(RDF_TYPE),
                ox.NamedNode(str(FK.Source)),
                ox.NamedNode(g),
            )
            assert source in quads, f"{g} has no source node: half-written"
            contents[g] = frozenset(quads)
    finally:
        store.close()
    proc = run("validate", "--store", str(store_path))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return contents


def stop(proc: subprocess.Popen[bytes]) -> None:
    """Kill what a test started (the process and any children in its session)."""
    if proc.poll() is None:
        proc.kill()
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    proc.wait(timeout=60)


@pytest.mark.parametrize("stored_before_kill", [1, 9])
def test_sigkill_during_a_bulk_ingest_loses_nothing(
    tmp_path: Path, stored_before_kill: int
) -> None:
    files = corpus(tmp_path / "articles", copies=12)
    expected = expected_graphs(files)
    assert len(expected) == len(files) == 48
    store_path = tmp_path / "store"
    log = (tmp_path / "ingest.log").open("wb")
    proc = subprocess.Popen(
        [*FACTKG, "ingest", str(tmp_path / "articles"), "--store", str(store_path)],
        env=env(),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        seen: set[str] = set()
        for _ in range(3000):  # a count cap, not a clock: it only keeps a broken ingest finite
            if proc.poll() is not None:
                break
            seen = graphs_read_only(store_path)
            if len(seen) >= stored_before_kill:
                break
            time.sleep(0.05)
        assert proc.poll() is None, (
            f"the ingest ended before it was killed ({len(seen)} graphs seen): "
            f"{(tmp_path / 'ingest.log').read_text()[-2000:]}"
        )
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
    finally:
        stop(proc)
        log.close()
    assert proc.returncode == -signal.SIGKILL

    after_kill = check_whole(store_path)
    assert len(after_kill) >= stored_before_kill
    assert set(after_kill) < expected, "the kill came after the whole ingest"

    again = run("ingest", str(tmp_path / "articles"), "--store", str(store_path))
    assert again.returncode == 0, again.stdout + again.stderr
    finished = check_whole(store_path)
    assert set(finished) == expected
    for g, quads in after_kill.items():  # what survived the kill was already the whole article
        assert finished[g] == quads, f"{g} changed when ingested again"


# --- SIGKILL of the service during a SPARQL Update -------------------------------------------


def insert_data(graphs: dict[str, frozenset[ox.Quad]]) -> str:
    blocks = []
    for g, quads in sorted(graphs.items()):
        triples = " ".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
        blocks.append(f"GRAPH <{g}> {{ {triples} }}")
    return "INSERT DATA { " + " ".join(blocks) + " }"


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> dict[str, frozenset[ox.Quad]]:
    """The example articles' graphs, as `factkg ingest` writes them."""
    store_path = tmp_path_factory.mktemp("reference") / "store"
    files = corpus(store_path.parent / "articles", copies=3)
    proc = run("ingest", str(store_path.parent / "articles"), "--store", str(store_path))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    graphs = check_whole(store_path)
    assert set(graphs) == expected_graphs(files)
    return graphs


def seed(store_path: Path, graphs: dict[str, frozenset[ox.Quad]]) -> None:
    store = OxigraphStore(store_path)
    try:
        store.raw.extend([q for quads in graphs.values() for q in quads])
    finally:
        store.close()


def start_service(store_path: Path, log_path: Path) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    log = log_path.open("ab")
    proc = subprocess.Popen(
        [*FACTKG, "serve", "--store", str(store_path), "--port", str(port), "--host", "127.0.0.1"],
        env=env(FACTKG_API_TOKEN=TOKEN),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    log.close()
    try:
        for _ in range(3000):  # listening in about a second; the cap keeps a failure finite
            if proc.poll() is not None:
                raise AssertionError(f"factkg serve exited: {log_path.read_text()[-2000:]}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return proc, port
            except OSError:
                time.sleep(0.02)
        raise AssertionError(f"factkg serve did not listen: {log_path.read_text()[-2000:]}")
    except BaseException:
        stop(proc)
        raise


def post_update(port: int, text: str) -> socket.socket:
    """Send a whole SPARQL Update request and return without reading the answer."""
    body = text.encode()
    head = (
        f"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Authorization: Bearer {TOKEN}\r\nContent-Type: application/sparql-update\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    ).encode()
    sock = socket.create_connection(("127.0.0.1", port), timeout=60)
    sock.sendall(head + body)
    return sock


def update_status(port: int, text: str) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        conn.request(
            "POST",
            "/sparql",
            body=text.encode(),
            headers={
                "Authorization": f"Bearer {TOKEN}",
                "Content-Type": "application/sparql-update",
            },
        )
        resp = conn.getresponse()
        resp.read()
        return resp.status
    finally:
        conn.close()


@pytest.fixture
def services() -> Iterator[list[subprocess.Popen[bytes]]]:
    started: list[subprocess.Popen[bytes]] = []
    yield started
    for proc in started:
        stop(proc)


@pytest.mark.parametrize("pause", [0.0, 0.02, 0.2, 1.0])
def test_sigkill_of_the_service_during_an_update_is_all_or_nothing(
    tmp_path: Path,
    articles: dict[str, frozenset[ox.Quad]],
    services: list[subprocess.Popen[bytes]],
    pause: float,
) -> None:
    names = sorted(articles)
    old = {g: articles[g] for g in names[:4]}
    new = {g: articles[g] for g in names[4:]}
    store_path = tmp_path / "store"
    seed(store_path, old)
    # one update: drop two old articles, insert eight new ones
    dropped = names[:2]
    update = " ; ".join([*(f"DROP GRAPH <{g}>" for g in dropped), insert_data(new)])
    before = set(old)
    after = (set(old) - set(dropped)) | set(new)

    proc, port = start_service(store_path, tmp_path / "serve.log")
    services.append(proc)
    sock = post_update(port, update)
    try:
        time.sleep(pause)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
    finally:
        sock.close()
        stop(proc)

    contents = check_whole(store_path)
    assert set(contents) in (before, after), "the update was applied in part"
    for g, quads in contents.items():
        assert quads == articles[g], f"{g} is not the article it was"

    # running the same update again (a DROP of a graph already gone fails; SILENT is not
    # the same update, so the retry first checks which state the kill left)
    proc, port = start_service(store_path, tmp_path / "serve.log")
    services.append(proc)
    retry = update if set(contents) == before else insert_data(new)
    assert update_status(port, retry) == 204
    stop(proc)
    finished = check_whole(store_path)
    assert set(finished) == after
    for g, quads in finished.items():
        assert quads == articles[g]


def post_article(port: int, body: bytes) -> socket.socket:
    """Send a whole ingest API request and return without reading the answer."""
    head = (
        f"POST /api/sources HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Authorization: Bearer {TOKEN}\r\nContent-Type: text/plain; charset=utf-8\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    ).encode()
    sock = socket.create_connection(("127.0.0.1", port), timeout=60)
    sock.sendall(head + body)
    return sock


def answer_status(sock: socket.socket) -> int | None:
    """The status line of the answer on ``sock``, or None when the service died first."""
    try:
        line = sock.makefile("rb").readline()
    except OSError:
        return None
    return int(line.split()[1]) if line.startswith(b"HTTP/") else None


# after loading spaCy (the first article), in the middle of extraction, linking, validation
# or the write of the second
@pytest.mark.parametrize("pause", [0.05, 0.3, 0.6, 1.2])
def test_sigkill_of_the_service_during_an_api_write_is_all_or_nothing(
    tmp_path: Path, services: list[subprocess.Popen[bytes]], pause: float
) -> None:
    store_path = tmp_path / "store"
    first, second = sorted((REPO / "tests" / "data" / "eval").glob("*.txt"))[:2]
    proc, port = start_service(store_path, tmp_path / "serve.log")
    services.append(proc)
    warm = post_article(port, first.read_bytes())
    assert answer_status(warm) == 201  # spaCy loaded, one article stored
    warm.close()
    sock = post_article(port, second.read_bytes())
    try:
        time.sleep(pause)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
    finally:
        sock.close()
        stop(proc)

    contents = check_whole(store_path)  # opens, validates, no graph without its source
    assert len(contents) in (1, 2), "an article was half written"

    # posting it again finishes the job
    proc, port = start_service(store_path, tmp_path / "serve.log")
    services.append(proc)
    again = post_article(port, second.read_bytes())
    assert answer_status(again) == 201
    again.close()
    stop(proc)
    assert len(check_whole(store_path)) == 2
