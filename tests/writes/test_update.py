"""SPARQL Update: applied to named graphs, visible to the next query, refused where unsafe."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest
from flask import Flask
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore
from SPARQLWrapper import JSON, POST, SPARQLWrapper

from kg.store import Store
from tests.conftest import BASE
from tests.writes.conftest import TOKEN, Client, dump

EX = "http://example.org/"


def _ask(client: Client, query: str) -> bool:
    sparql = SPARQLWrapper(f"{client.base_url}/sparql")
    sparql.setQuery(query)
    sparql.setReturnFormat(JSON)
    result = sparql.queryAndConvert()
    assert isinstance(result, dict)
    return bool(result["boolean"])


def test_update_with_sparqlwrapper_is_visible_to_the_next_query(client: Client) -> None:
    sparql = SPARQLWrapper(f"{client.base_url}/sparql", updateEndpoint=f"{client.base_url}/sparql")
    sparql.addCustomHttpHeader("Authorization", f"Bearer {TOKEN}")
    sparql.setMethod(POST)
    sparql.setQuery(f"INSERT DATA {{ GRAPH <{EX}g1> {{ <{EX}s> <{EX}p> 'hello' }} }}")
    result = sparql.query()
    assert result.response.status in (200, 204)
    assert _ask(client, f"ASK {{ <{EX}s> <{EX}p> 'hello' }}")  # the union default graph
    assert _ask(client, f"ASK {{ GRAPH <{EX}g1> {{ <{EX}s> <{EX}p> 'hello' }} }}")


def test_where_clause_reads_the_union_default_graph(client: Client) -> None:
    assert (
        client.update(
            f"INSERT DATA {{ GRAPH <{EX}a> {{ <{EX}x> a <{EX}Doc> }} "
            f"GRAPH <{EX}b> {{ <{EX}y> a <{EX}Doc> }} }}"
        ).status
        == 204
    )
    reply = client.update(
        f"INSERT {{ GRAPH <{EX}index> {{ ?s a <{EX}Seen> }} }} WHERE {{ ?s a <{EX}Doc> }}"
    )
    assert reply.status == 204
    assert _ask(
        client, f"ASK {{ GRAPH <{EX}index> {{ <{EX}x> a <{EX}Seen> . <{EX}y> a <{EX}Seen> }} }}"
    )


def test_operations_see_each_others_effects(client: Client) -> None:
    reply = client.update(
        f"PREFIX ex: <{EX}>\n"
        "INSERT DATA { GRAPH ex:a { ex:s ex:p 1 } } ;\n"
        "INSERT { GRAPH ex:b { ?s ex:q ?o } } WHERE { GRAPH ex:a { ?s ex:p ?o } } ;\n"
        "DELETE WHERE { GRAPH ex:a { ?s ex:p ?o } }"
    )
    assert reply.status == 204, reply.text
    assert _ask(client, f"ASK {{ GRAPH <{EX}b> {{ <{EX}s> <{EX}q> 1 }} }}")
    assert not _ask(client, f"ASK {{ GRAPH <{EX}a> {{ ?s ?p ?o }} }}")


def test_listeners_hear_the_changed_graphs(client: Client, app_store: Store) -> None:
    heard: list[object] = []
    app_store.add_listener(lambda _store, graphs: heard.append(sorted(graphs or [])))
    client.update(f"INSERT DATA {{ GRAPH <{EX}a> {{ <{EX}s> <{EX}p> 1 }} }}")
    client.update(f"CLEAR GRAPH <{EX}a> ; INSERT DATA {{ GRAPH <{EX}c> {{ <{EX}s> <{EX}p> 2 }} }}")
    assert heard == [[f"{EX}a"], [f"{EX}a", f"{EX}c"]]


@pytest.mark.parametrize(
    "update",
    [
        f"INSERT DATA {{ <{EX}s> <{EX}p> 1 }}",
        "DELETE WHERE { ?s ?p ?o }",
        f"INSERT {{ ?s <{EX}p> 1 }} WHERE {{ ?s ?p ?o }}",
        "CLEAR DEFAULT",
        f"COPY <{EX}a> TO DEFAULT",
    ],
    ids=["insert-data", "delete-where", "modify", "clear-default", "copy-to-default"],
)
def test_writes_to_the_default_graph_are_refused(
    client: Client, app_store: Store, update: str
) -> None:
    client.update(f"INSERT DATA {{ GRAPH <{EX}a> {{ <{EX}s> <{EX}p> 0 }} }}")
    before = dump(app_store)
    reply = client.update(update)
    assert reply.status == 400
    assert "default graph" in reply.text
    assert dump(app_store) == before


def test_syntax_error_names_the_problem(client: Client) -> None:
    reply = client.update("INSERT DATA { GRAPH <http://example.org/g> { ")
    assert reply.status == 400
    assert "syntax" in reply.text.lower()


def test_unknown_prefix_is_400(client: Client) -> None:
    assert client.update("INSERT DATA { GRAPH ex:g { ex:s ex:p 1 } }").status == 400


@pytest.fixture
def listener() -> Iterator[tuple[str, list[bytes]]]:
    """A TCP listener on 127.0.0.1 that records any connection made to it."""
    seen: list[bytes] = []
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    sock.settimeout(0.2)
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = sock.accept()
            except TimeoutError:
                continue
            seen.append(conn.recv(1024))
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{sock.getsockname()[1]}/", seen
    stop.set()
    thread.join()
    sock.close()


def test_load_never_fetches(client: Client, listener: tuple[str, list[bytes]]) -> None:
    url, seen = listener
    reply = client.update(f"LOAD <{url}data.ttl> INTO GRAPH <{EX}g>")
    assert reply.status == 400
    assert "FEDERATION_ALLOWLIST" in reply.text
    reply = client.update("LOAD <file:///etc/passwd> INTO GRAPH <http://example.org/g>")
    assert reply.status == 400
    # the listener is checked after a request that needs a round trip, so a call-out would
    # have happened by now
    assert client.update(f"INSERT DATA {{ GRAPH <{EX}z> {{ <{EX}s> <{EX}p> 1 }} }}").status == 204
    assert seen == []


def test_service_in_update_never_calls_out(
    client: Client, listener: tuple[str, list[bytes]]
) -> None:
    url, seen = listener
    reply = client.update(
        f"INSERT {{ GRAPH <{EX}g> {{ ?s ?p ?o }} }} "
        f"WHERE {{ SERVICE <{url}sparql> {{ ?s ?p ?o }} }}"
    )
    assert reply.status == 400
    assert "SERVICE" in reply.text
    assert seen == []


def test_using_params_conflict_with_with_clause(client: Client) -> None:
    reply = client.request(
        "POST",
        f"/sparql?using-graph-uri={EX}a",
        f"WITH <{EX}a> INSERT {{ <{EX}s> <{EX}p> 1 }} WHERE {{ }}",
        {"Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"},
    )
    assert reply.status == 400


@pytest.fixture
def rdf_server(tmp_path: Path) -> Iterator[str]:
    """A local HTTP server with one Turtle file, for LOAD from an allow-listed prefix."""
    (tmp_path / "data.ttl").write_text(f"<{EX}loaded> <{EX}p> 1 .\n")
    handler = partial(_QuietHandler, directory=str(tmp_path))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()
    thread.join()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def test_load_from_allowlisted_prefix(
    make_app: Callable[..., Flask], serve: Callable[[Flask], str], rdf_server: str
) -> None:
    client = Client(serve(make_app(API_TOKEN=TOKEN, FEDERATION_ALLOWLIST=rdf_server)))
    reply = client.update(f"LOAD <{rdf_server}data.ttl> INTO GRAPH <{EX}g>")
    assert reply.status == 204, reply.text
    assert _ask(client, f"ASK {{ GRAPH <{EX}g> {{ <{EX}loaded> <{EX}p> 1 }} }}")
    # a prefix that merely starts the same is still outside the list
    assert client.update(f"LOAD <{rdf_server[:-1]}0/x.ttl> INTO GRAPH <{EX}g>").status == 400


def test_update_media_type_charset_and_size(
    client: Client, make_app: Callable[..., Flask], serve: Callable[[Flask], str], tmp_path: Path
) -> None:
    insert = f"INSERT DATA {{ GRAPH <{EX}g> {{ <{EX}s> <{EX}p> 1 }} }}"
    utf16 = client.update(insert, **{"Content-Type": "application/sparql-update; charset=UTF-16"})
    assert utf16.status == 415
    small_app = make_app(API_TOKEN=TOKEN, MAX_BODY_BYTES=40, STORE=str(tmp_path / "small"))
    small = Client(serve(small_app))
    assert small.update(insert).status == 413


def test_runaway_where_is_stopped_and_nothing_written(
    make_app: Callable[..., Flask], serve: Callable[[Flask], str]
) -> None:
    """A cartesian WHERE runs in a child process killed at QUERY_TIMEOUT; writes go on."""
    client = Client(serve(make_app(API_TOKEN=TOKEN, QUERY_TIMEOUT=1.0)))
    rows = " ".join(f"<{EX}s{i}> <{EX}p> {i} ." for i in range(300))
    assert client.update(f"INSERT DATA {{ GRAPH <{EX}big> {{ {rows} }} }}").status == 204
    runaway = (
        f"INSERT {{ GRAPH <{EX}out> {{ ?a <{EX}q> ?d }} }} WHERE {{ GRAPH <{EX}big> {{ "
        "?a ?p1 ?x . ?b ?p2 ?y . ?c ?p3 ?z . ?d ?p4 ?w } }"
    )
    reply = client.update(runaway)
    assert reply.status == 503, reply.text
    assert "QUERY_TIMEOUT" in reply.text
    assert not _ask(client, f"ASK {{ GRAPH <{EX}out> {{ ?s ?p ?o }} }}")
    assert (
        client.update(f"INSERT DATA {{ GRAPH <{EX}after> {{ <{EX}s> <{EX}p> 1 }} }}").status == 204
    )


def test_words_load_and_service_in_data_are_fine_a_smuggled_load_is_not(
    client: Client, listener: tuple[str, list[bytes]]
) -> None:
    url, seen = listener
    text = f"INSERT DATA {{ GRAPH <{EX}g> {{ <{EX}s> <{EX}p> 'the health service said' }} }}"
    assert client.update(text).status == 204
    smuggle = (
        f"INSERT DATA {{ GRAPH <{EX}g> {{ <{EX}s> <{EX}p> 1 }} }} LOAD <{url}x> INTO GRAPH <{EX}h>"
    )
    assert client.update(smuggle).status == 400
    assert seen == []


def test_graph_management_errors_are_400_and_silent_is_not(client: Client) -> None:
    assert client.update(f"CREATE GRAPH <{EX}g>").status == 204
    created = client.request("GET", f"/rdf-graph-store?graph={EX}g")
    assert created.status == 200  # an empty graph that exists
    again = client.update(f"CREATE GRAPH <{EX}g>")
    assert again.status == 400 and "already exists" in again.text
    assert client.update(f"CREATE SILENT GRAPH <{EX}g>").status == 204
    missing = client.update(f"DROP GRAPH <{EX}missing>")
    assert missing.status == 400 and "does not exist" in missing.text
    assert client.update(f"DROP SILENT GRAPH <{EX}missing>").status == 204
    assert client.update(f"DROP GRAPH <{EX}g>").status == 204
    assert client.request("GET", f"/rdf-graph-store?graph={EX}g").status == 404


def test_rdflib_sparql_update_store_writes_a_named_graph(client: Client) -> None:
    """rdflib's SPARQLUpdateStore as a real client: add to and remove from a named graph."""
    endpoint = f"{client.base_url}/sparql"
    store = SPARQLUpdateStore(
        endpoint, endpoint, headers={"Authorization": f"Bearer {TOKEN}"}, autocommit=True
    )
    graph = Graph(store, identifier=URIRef(f"{EX}rdflib"))
    graph.add((URIRef(f"{EX}s"), URIRef(f"{EX}p"), Literal("from rdflib")))
    assert _ask(client, f"ASK {{ GRAPH <{EX}rdflib> {{ <{EX}s> <{EX}p> 'from rdflib' }} }}")
    graph.remove((URIRef(f"{EX}s"), URIRef(f"{EX}p"), Literal("from rdflib")))
    assert not _ask(client, f"ASK {{ GRAPH <{EX}rdflib> {{ ?s ?p ?o }} }}")
    store.close()


def test_escaped_load_is_refused(client: Client, listener: tuple[str, list[bytes]]) -> None:
    """pyoxigraph 0.5 decodes \\u escapes only inside IRIs and strings: an escaped LOAD
    keyword is a syntax error to the engine, and so to us, and nothing is fetched."""
    url, seen = listener
    smuggle = (
        f"INSERT DATA {{ GRAPH <{EX}g> {{ <{EX}s> <{EX}p> 1 }} }} ; "
        f"\\u004cOAD <{url}x> INTO GRAPH <{EX}h>"
    )
    with pytest.raises(SyntaxError):
        ox.Store().update(smuggle)
    reply = client.update(smuggle)
    assert reply.status == 400
    assert "syntax error at line 1, column 100" in reply.text
    # escaped inside an IRI, the engine decodes it: the target is read decoded, and refused
    escaped_iri = f"LOAD <{url[:-1]}\\u002Fx> INTO GRAPH <{EX}h>"
    reply = client.update(escaped_iri)
    assert reply.status == 400
    assert f"LOAD <{url}x>" in reply.text
    assert seen == []


@pytest.mark.parametrize("host", ["evil.example", "a>b"])
def test_relative_iris_resolve_against_the_configured_base(
    client: Client, app_store: Store, host: str
) -> None:
    """Regression: the client's Host header was the base IRI of updates."""
    reply = client.update("INSERT DATA { GRAPH <rel/g> { <rel/s> <rel/p> 'x' } }", Host=host)
    assert reply.status == 204, reply.text
    assert app_store.graph_iris() == [f"{BASE}rel/g"]
    assert (URIRef(f"{BASE}rel/s"), URIRef(f"{BASE}rel/p"), Literal("x")) in app_store.graph(
        f"{BASE}rel/g"
    )
