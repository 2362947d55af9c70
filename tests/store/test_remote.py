"""What only the remote backend has: HTTP failures, endpoints, union semantics, connections."""

from __future__ import annotations

import re
import socket
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pyoxigraph as ox
import pytest
from rdflib import RDFS

from kg.errors import ConfigError, QueryError, StoreError
from kg.store import OxigraphStore, ResultFormat, Store
from kg.store.base import ResultTooLargeError
from kg.store.open import open_store
from kg.store.remote import RemoteStore

from .conftest import OxigraphServer, free_port
from .samples import ACTOR, CLAIM_A, CLAIM_B, GRAPH_A, GRAPH_B, SCHEMA, both, graph_a, graph_b

AUTHORS = f"SELECT ?c WHERE {{ ?c <{SCHEMA.author}> <{ACTOR}> }} ORDER BY ?c"


def claims(store: Store) -> list[str]:
    return [str(r["c"]) for r in store.select(AUTHORS)]


# store failures name the endpoint (for the log); a refused query does not (clients see it)


def test_unreachable_endpoint_is_a_store_error_naming_it() -> None:
    url = f"http://127.0.0.1:{free_port()}/query"  # nothing listens there
    with RemoteStore(url, None) as store, pytest.raises(StoreError) as caught:
        store.select("SELECT * WHERE { ?s ?p ?o }")
    assert url in str(caught.value)
    assert "cannot reach" in str(caught.value)


def test_http_error_is_a_store_error_with_status_and_body(oxigraph_server: OxigraphServer) -> None:
    url = f"{oxigraph_server.base}/no-such-endpoint"
    with RemoteStore(url, None) as store, pytest.raises(StoreError) as caught:
        store.ask("ASK { ?s ?p ?o }")
    assert url in str(caught.value)
    assert "HTTP 404 Not Found" in str(caught.value)
    assert "is not supported by this server" in str(caught.value)  # the server's own words


def test_a_malformed_query_is_explained_where_it_breaks(remote: RemoteStore) -> None:
    """The server refuses it (400); our reading says where and what was expected (a server's
    own words often lack the column: Virtuoso's do)."""
    with pytest.raises(QueryError) as caught:
        remote.select("SELECT ?s WHERE { ?s ?p ?o ")
    message = str(caught.value)
    # the service answers a QueryError as a 400 with this text: no internal address in it
    assert remote.query_endpoint.url not in message
    assert "line 1, column 28" in message and "ends too early" in message


@pytest.fixture
def silent_listener() -> Iterator[str]:
    """A socket that accepts connections (in the kernel backlog) and never answers."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(8)
        yield f"http://127.0.0.1:{s.getsockname()[1]}/query"


def test_a_server_that_never_answers_times_out(silent_listener: str) -> None:
    with RemoteStore(silent_listener, None, timeout=0.2) as store:
        with pytest.raises(StoreError) as caught:
            store.ask("ASK { ?s ?p ?o }")
    assert silent_listener in str(caught.value)
    assert "did not answer within 0.2 s" in str(caught.value)


@pytest.mark.parametrize(
    ("query_url", "update_url", "problem"),
    [
        ("localhost:7878/query", None, "not an http(s) URL"),
        ("ftp://host/query", None, "not an http(s) URL"),
        ("http:///query", None, "not an http(s) URL"),
        ("http://host:99999/query", None, "bad port"),
        ("http://host/query", "file:///tmp/update", "update endpoint"),
    ],
)
def test_bad_endpoint_urls_are_config_errors(
    query_url: str, update_url: str | None, problem: str
) -> None:
    with pytest.raises(ConfigError, match=re.escape(problem)):
        RemoteStore(query_url, update_url)


# read-only ------------------------------------------------------------------------------------


def test_without_update_endpoint_the_store_is_read_only(oxigraph_server: OxigraphServer) -> None:
    writer = RemoteStore(oxigraph_server.query_url, oxigraph_server.update_url)
    writer.replace_graphs(both())
    for reader in (
        RemoteStore(oxigraph_server.query_url),
        RemoteStore(oxigraph_server.query_url, oxigraph_server.update_url, read_only=True),
    ):
        with reader:
            assert reader.read_only
            assert claims(reader) == [str(CLAIM_A), str(CLAIM_B)]
            with pytest.raises(StoreError, match="read-only"):
                reader.remove_graph(GRAPH_A)
    assert writer.graph_iris() == [GRAPH_A, GRAPH_B]
    writer.close()


def test_capability_flags() -> None:
    assert RemoteStore.transactional is False  # SPARQL 1.1 Update only says SHOULD
    assert RemoteStore.embedded is False
    assert OxigraphStore.transactional is True and OxigraphStore.embedded is True


# the union default graph ----------------------------------------------------------------------


def test_union_comes_from_the_request_parameter(oxigraph_server: OxigraphServer) -> None:
    with RemoteStore(oxigraph_server.query_url, oxigraph_server.update_url) as store:
        store.replace_graphs(both())
        store.check_union()
        assert claims(store) == [str(CLAIM_A), str(CLAIM_B)]


def test_a_server_without_union_default_graph_is_detected(oxigraph_server: OxigraphServer) -> None:
    urls = (oxigraph_server.query_url, oxigraph_server.update_url)
    with RemoteStore(*urls, union_param=None) as store:
        store.check_union()  # empty: nothing to tell yet
        store.replace_graphs(both())
        assert claims(store) == []  # the server's own, empty, default graph
        with pytest.raises(ConfigError, match="--union-default-graph"):
            store.check_union()


def test_a_server_configured_with_union_default_graph(
    start_oxigraph: Callable[..., OxigraphServer],
) -> None:
    server = start_oxigraph(union_default_graph=True)
    with RemoteStore(server.query_url, server.update_url, union_param=None) as store:
        store.replace_graphs(both())
        store.check_union()
        assert claims(store) == [str(CLAIM_A), str(CLAIM_B)]


# connections ----------------------------------------------------------------------------------


def test_reconnects_after_the_server_restarts(oxigraph_server: OxigraphServer) -> None:
    with RemoteStore(oxigraph_server.query_url, oxigraph_server.update_url) as store:
        store.replace_graphs({GRAPH_A: graph_a()})  # opens a keep-alive connection
        oxigraph_server.stop()
        with pytest.raises(StoreError, match="cannot reach|connection lost"):
            store.graph_iris()
        oxigraph_server.start()  # same directory and port
        assert store.graph_iris() == [GRAPH_A]
        store.remove_graph(GRAPH_A)
        assert store.graph_iris() == []


def test_a_stale_keep_alive_connection_is_replaced(oxigraph_server: OxigraphServer) -> None:
    with RemoteStore(oxigraph_server.query_url, oxigraph_server.update_url) as store:
        store.replace_graphs({GRAPH_A: graph_a()})
        oxigraph_server.stop()
        oxigraph_server.start()  # the old connection is dead but the store does not know yet
        assert store.graph_iris() == [GRAPH_A]


def test_threads_share_one_store(oxigraph_server: OxigraphServer) -> None:
    with RemoteStore(oxigraph_server.query_url, oxigraph_server.update_url) as store:
        store.replace_graphs(both())
        expected = [str(CLAIM_A), str(CLAIM_B)]
        failures: list[BaseException] = []

        def work() -> None:
            try:
                for _ in range(25):
                    assert claims(store) == expected
                    assert store.ask(f"ASK {{ <{ACTOR}> <{RDFS.label}> 'China' }}")
            except BaseException as e:  # noqa: BLE001 - reported by the main thread
                failures.append(e)

        threads = [threading.Thread(target=work) for _ in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert failures == []


def test_close_then_use_again(remote: RemoteStore) -> None:
    remote.replace_graphs({GRAPH_A: graph_a()})
    remote.close()
    assert remote.graph_iris() == [GRAPH_A]


# the same answers as the embedded store ----------------------------------------------------------


def test_remote_and_embedded_dumps_hold_the_same_quads(
    remote: RemoteStore, store: OxigraphStore
) -> None:
    for s in (remote, store):
        s.replace_graphs(both())
    remote_lines = sorted(remote.dump(ResultFormat.NQUADS).decode().splitlines())
    embedded_lines = sorted(store.dump(ResultFormat.NQUADS).decode().splitlines())
    assert remote_lines == embedded_lines


def test_select_rows_equal_the_embedded_stores(remote: RemoteStore, store: OxigraphStore) -> None:
    query = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g ?s ?p ?o"
    for s in (remote, store):
        s.replace_graphs(both())
    rows = remote.select(query)
    assert rows == store.select(query)
    assert len(rows) == len(graph_a()) + len(graph_b())


# what goes over the wire ----------------------------------------------------------------------


class Recorder(BaseHTTPRequestHandler):
    """A stand-in SPARQL server that records each request and answers 204 / an empty result."""

    seen: list[tuple[str, str, dict[str, str], str]]

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        self.seen.append((self.command, self.path, dict(self.headers), body))
        if self.path.startswith("/update"):
            self.send_response(204)
            self.end_headers()
            return
        payload = b'{"head":{"vars":["g"]},"results":{"bindings":[]}}'
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture
def recorder() -> Iterator[tuple[str, list[tuple[str, str, dict[str, str], str]]]]:
    seen: list[tuple[str, str, dict[str, str], str]] = []
    handler = type("R", (Recorder,), {"seen": seen})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", seen
    server.shutdown()
    server.server_close()
    thread.join()


def test_replace_graphs_is_one_update_request(
    recorder: tuple[str, list[tuple[str, str, dict[str, str], str]]],
) -> None:
    base, seen = recorder
    with RemoteStore(f"{base}/query?x=1", f"{base}/update") as store:
        store.replace_graphs(both())
        assert store.graph_iris() == []
    (method, path, headers, form), query = seen
    assert (method, path) == ("POST", "/update")
    # form-encoded: the one form every server answers (Virtuoso ignores a direct POST)
    assert headers["Content-Type"] == "application/x-www-form-urlencoded"
    (body,) = parse_qs(form)["update"]
    assert body.count("DROP SILENT GRAPH") == 2 and body.count("INSERT DATA") == 2
    assert body.index(f"<{GRAPH_A}>") < body.index(f"<{GRAPH_B}>")
    # queries keep the endpoint's own parameters and ask for the union default graph
    assert query[1] == "/query?x=1&union-default-graph"
    assert query[2]["Content-Type"] == "application/x-www-form-urlencoded"
    assert parse_qs(query[3])["query"] == ["SELECT DISTINCT ?g WHERE { GRAPH ?g { } }"]


# dumps through the dataset endpoint -----------------------------------------------------------


@pytest.mark.parametrize("fmt", [ResultFormat.NQUADS, ResultFormat.TRIG], ids=lambda f: f.name)
def test_dump_through_the_dataset_endpoint(
    oxigraph_server: OxigraphServer, store: OxigraphStore, fmt: ResultFormat
) -> None:
    urls = (oxigraph_server.query_url, oxigraph_server.update_url)
    with RemoteStore(*urls, store_url=f"{oxigraph_server.base}/store") as remote:
        remote.replace_graphs(both())
        store.replace_graphs(both())
        data = remote.dump(fmt)
    # the same quads as the embedded store holds, in the format asked for
    copy = OxigraphStore(None)
    copy.raw.load(data, format=ox.RdfFormat.from_media_type(fmt))
    assert sorted(copy.dump(ResultFormat.NQUADS).splitlines()) == sorted(
        store.dump(ResultFormat.NQUADS).splitlines()
    )


def test_dump_from_a_url_that_is_not_a_dataset_endpoint(oxigraph_server: OxigraphServer) -> None:
    urls = (oxigraph_server.query_url, oxigraph_server.update_url)
    with RemoteStore(*urls, store_url=f"{oxigraph_server.base}/") as remote:
        with pytest.raises(StoreError, match="not a dataset"):
            remote.dump(ResultFormat.NQUADS)


def test_open_store_chooses_the_remote_backend(oxigraph_server: OxigraphServer) -> None:
    urls = (oxigraph_server.query_url, oxigraph_server.update_url)
    with open_store(None, *urls) as writable:
        assert isinstance(writable, RemoteStore) and not writable.read_only
        writable.replace_graphs(both())
    with open_store(None, oxigraph_server.query_url) as readable:
        assert isinstance(readable, RemoteStore) and readable.read_only
        assert claims(readable) == [str(CLAIM_A), str(CLAIM_B)]


def test_credentials_in_the_url_become_basic_auth(
    recorder: tuple[str, list[tuple[str, str, dict[str, str], str]]],
) -> None:
    base, seen = recorder
    host = base.removeprefix("http://")
    with RemoteStore(f"http://ann:s%40cret@{host}/query") as store:
        assert store.select("SELECT ?g WHERE { GRAPH ?g { } }") == []
        assert store.query_endpoint.url == f"http://{host}/query"
    assert seen[0][2]["Authorization"] == "Basic YW5uOnNAY3JldA=="  # ann:s@cret


def test_error_messages_leave_the_password_out(oxigraph_server: OxigraphServer) -> None:
    host = oxigraph_server.base.removeprefix("http://")
    with RemoteStore(f"http://ann:hunter2@{host}/nowhere") as store:
        with pytest.raises(StoreError, match="HTTP 404") as caught:
            store.ask("ASK {}")
    assert "hunter2" not in str(caught.value) and f"http://{host}/nowhere" in str(caught.value)
    with pytest.raises(ConfigError) as bad:
        RemoteStore("ftp://ann:hunter2@host/sparql")
    assert "hunter2" not in str(bad.value)


def test_answers_over_the_cap_are_refused_unread(remote: RemoteStore) -> None:
    remote.replace_graphs(both())
    remote.max_answer_bytes = 200
    with pytest.raises(ResultTooLargeError, match="larger than 200 bytes"):
        remote.query_serialized("CONSTRUCT WHERE { ?s ?p ?o }", ResultFormat.NTRIPLES)
    # the half-read connection was dropped: the next query gets a clean one
    assert remote.query_serialized("ASK { ?s ?p ?o }", ResultFormat.SPARQL_JSON)
    remote.max_answer_bytes = None
    whole = remote.query_serialized("CONSTRUCT WHERE { ?s ?p ?o }", ResultFormat.NTRIPLES)
    assert len(whole) > 200


class Refuser(BaseHTTPRequestHandler):
    """A stand-in server that refuses every request with 400 and one body."""

    media_type: str
    body: bytes

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        self.rfile.read(int(self.headers["Content-Length"]))
        self.send_response(400)
        self.send_header("Content-Type", self.media_type)
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.mark.parametrize(
    ("media_type", "body", "said"),
    [
        ("text/plain", b"error at 1:4: no such thing", ": error at 1:4: no such thing"),
        (  # factkg's own service
            "application/json",
            b'{"error": {"status": 400, "title": "Bad query", "detail": "SERVICE is refused"}}',
            ": SERVICE is refused",
        ),
        (  # RFC 9457 problem details
            "application/problem+json",
            b'{"type": "about:blank", "detail": "no such graph"}',
            ": no such graph",
        ),
        ("application/json", b'{"error": "not the shape we read"}', ""),
        ("text/html", b"<html><body>Bad request at 10.0.0.7</body></html>", ""),
    ],
    ids=["plain", "factkg-json", "problem-json", "other-json", "html"],
)
def test_a_refusal_passes_on_the_servers_words(media_type: str, body: bytes, said: str) -> None:
    handler = type("R", (Refuser,), {"media_type": media_type, "body": body})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        with RemoteStore(f"http://127.0.0.1:{server.server_address[1]}/q") as store:
            with pytest.raises(QueryError) as caught:
                store.select("SELECT * WHERE { ?s ?p ?o }")
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
    assert str(caught.value) == f"the SPARQL store refused the request{said}"
