"""A remote store: any SPARQL 1.1 server, spoken to over the SPARQL 1.1 Protocol (scale-out).

Requests go through :mod:`http.client` on one keep-alive connection per thread and host
(measured against a local ``oxigraph serve``, a 10-row SELECT: 0.22 ms per query, against
0.41 ms with :mod:`urllib` and 0.57 ms with SPARQLWrapper); answers are parsed in Rust by
pyoxigraph and converted to rdflib terms at the boundary (:mod:`kg.store.terms`).

**Union default graph.** The server decides what its default graph is. Every query is sent
with the ``union-default-graph`` URL parameter, which the Oxigraph server honours per request,
so factkg needs no server configuration there; other servers ignore unknown parameters. For a
server whose default graph is already the union (``oxigraph serve --union-default-graph``, Jena
TDB2 ``tdb2:unionDefaultGraph true``, ...), pass ``union_param=None``. For any other server,
rewriting queries into ``GRAPH ?g`` patterns is out of scope: :meth:`RemoteStore.check_union`
detects such a server (a ``ConfigError``) so a misconfiguration is not silent.

**Transactions.** SPARQL 1.1 Update says a request *SHOULD* be applied atomically, not *MUST*,
so the protocol guarantees nothing and ``transactional`` is False. :meth:`replace_graphs` still
sends every ``DROP SILENT GRAPH`` + ``INSERT DATA`` in ONE update request, so a transactional
server (Oxigraph, Jena TDB2) applies it whole.
"""

from __future__ import annotations

import base64
import contextlib
import http.client
import threading
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit, urlunsplit

import pyoxigraph as ox
from rdflib import Graph
from rdflib.term import Identifier

from kg.errors import ConfigError, QueryError, StoreError
from kg.store.base import ResultFormat, ResultTooLargeError, Store
from kg.store.terms import (
    checked_iri,
    dataset_format,
    rdf_format,
    replacement_update,
    results_format,
    serialized,
    solution_rows,
    to_rdflib,
)

#: What select/ask/construct accept: results or a graph, so a query of the wrong form still
#: gets an answer we can name instead of a 406.
ACCEPT_ANY = (
    "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8, "
    "application/sparql-results+xml;q=0.7"
)
#: Fallbacks after the requested format: forms we can parse and re-serialise, for a server
#: that lacks the requested one or a format that does not fit the query form.
FALLBACKS = "application/sparql-results+json;q=0.5, application/n-triples;q=0.4"
EXCERPT = 500  # characters of an error body quoted in our messages

Answer = ox.QuerySolutions | ox.QueryBoolean | list[ox.Triple]


@dataclass(frozen=True)
class Endpoint:
    """One SPARQL endpoint URL, split for http.client.

    Credentials in the URL (``http://user:secret@host/sparql``) become an HTTP Basic
    ``Authorization`` header and are left out of ``url``, which error messages quote.
    """

    url: str
    https: bool
    host: str
    port: int | None
    target: str  # path and query string, sent in the request line
    authorization: str | None = None

    @classmethod
    def parse(cls, url: str, what: str, extra_param: str | None = None) -> Endpoint:
        parts = urlsplit(url)
        shown = url
        if parts.username is not None or parts.password is not None:
            shown = urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ConfigError(f"the SPARQL {what} endpoint {shown!r} is not an http(s) URL")
        try:
            port = parts.port
        except ValueError as e:
            raise ConfigError(f"the SPARQL {what} endpoint {shown!r} has a bad port: {e}") from e
        query = parts.query
        if extra_param:
            query = f"{query}&{extra_param}" if query else extra_param
        target = (parts.path or "/") + (f"?{query}" if query else "")
        authorization = None
        if parts.username is not None:
            user_pass = f"{unquote(parts.username)}:{unquote(parts.password or '')}"
            authorization = "Basic " + base64.b64encode(user_pass.encode("utf-8")).decode("ascii")
        return cls(shown, parts.scheme == "https", parts.hostname, port, target, authorization)

    def connect(self, timeout: float) -> http.client.HTTPConnection:
        if self.https:
            return http.client.HTTPSConnection(self.host, self.port, timeout=timeout)
        return http.client.HTTPConnection(self.host, self.port, timeout=timeout)


class RemoteStore(Store):
    """A dataset held by a SPARQL 1.1 server (query endpoint, optional update endpoint).

    Safe to share between threads: each thread keeps its own keep-alive connections.
    """

    transactional = False  # the protocol only says SHOULD (see the module docstring)
    embedded = False

    def __init__(
        self,
        query_url: str,
        update_url: str | None = None,
        *,
        read_only: bool = False,
        timeout: float = 30.0,
        union_param: str | None = "union-default-graph",
        store_url: str | None = None,
    ) -> None:
        """``store_url``: an endpoint whose GET answers the whole dataset as N-Quads/TriG
        (Oxigraph's ``/store``), used by :meth:`dump`; without it dumps go through SELECT."""
        self.query_endpoint = Endpoint.parse(query_url, "query", union_param)
        self.update_endpoint = Endpoint.parse(update_url, "update") if update_url else None
        self.store_endpoint = Endpoint.parse(store_url, "dataset") if store_url else None
        self.read_only = read_only or update_url is None
        self.timeout = timeout
        #: query_serialized refuses answers larger than this (ResultTooLargeError); the
        #: service sets it to MAX_RESULT_BYTES, so a huge answer is not read whole
        self.max_answer_bytes: int | None = None
        self._local = threading.local()
        self._lock = threading.Lock()
        self._open: list[http.client.HTTPConnection] = []

    # HTTP -------------------------------------------------------------------

    def _connection(self, ep: Endpoint) -> tuple[http.client.HTTPConnection, bool]:
        """This thread's connection to ``ep``'s host, and whether it was used before."""
        conns: dict[tuple[bool, str, int | None], http.client.HTTPConnection]
        conns = self._local.__dict__.setdefault("conns", {})
        key = (ep.https, ep.host, ep.port)
        conn = conns.get(key)
        if conn is not None:
            return conn, True
        conn = conns[key] = ep.connect(self.timeout)
        with self._lock:
            self._open.append(conn)
        return conn, False

    def _drop(self, ep: Endpoint) -> None:
        conn = self._local.__dict__.get("conns", {}).pop((ep.https, ep.host, ep.port), None)
        if conn is not None:
            conn.close()
            with self._lock:
                if conn in self._open:
                    self._open.remove(conn)

    def _post(
        self, ep: Endpoint, body: str, content_type: str, accept: str, cap: int | None = None
    ) -> tuple[str, bytes]:
        headers = {"Content-Type": content_type, "Accept": accept}
        return self._send("POST", ep, body.encode("utf-8"), headers, cap)

    def _send(
        self,
        method: str,
        ep: Endpoint,
        payload: bytes | None,
        headers: dict[str, str],
        cap: int | None = None,
    ) -> tuple[str, bytes]:
        """The answer's media type and bytes, or a QueryError (HTTP 400) or StoreError;
        ResultTooLargeError past ``cap`` bytes (read no further)."""
        if ep.authorization:
            headers = {**headers, "Authorization": ep.authorization}
        for attempt in (1, 2):
            conn, reused = self._connection(ep)
            try:
                conn.request(method, ep.target, body=payload, headers=headers)
                resp = conn.getresponse()
                data = resp.read() if cap is None else resp.read(cap + 1)
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError) as e:
                self._drop(ep)
                # The server may close an idle keep-alive connection between our requests:
                # then it never read this one, so send it once more on a fresh connection.
                if reused and attempt == 1:
                    continue
                raise StoreError(f"SPARQL endpoint {ep.url}: connection lost: {e}") from e
            except TimeoutError as e:
                self._drop(ep)
                raise StoreError(
                    f"SPARQL endpoint {ep.url} did not answer within {self.timeout:g} s"
                ) from e
            except (OSError, http.client.HTTPException) as e:
                self._drop(ep)
                raise StoreError(f"cannot reach the SPARQL endpoint {ep.url}: {e}") from e
            if resp.will_close or (cap is not None and len(data) > cap):
                self._drop(ep)  # an answer left unread cannot share the connection
            break
        media_type = (resp.getheader("Content-Type") or "").split(";")[0].strip().lower()
        if cap is not None and len(data) > cap and 200 <= resp.status < 300:
            raise ResultTooLargeError(_too_large(cap))
        if 200 <= resp.status < 300:
            return media_type, data
        message = data.decode("utf-8", "replace").strip()[:EXCERPT]
        if resp.status == 400:
            # a QueryError is the client's fault and the service answers it with this message
            # (400): the server's own words, when plain text (a parser's "error at 1:4 ..."),
            # but not where it is (an internal address) nor an HTML page; a StoreError is
            # logged by the service, never shown (service/errors.py)
            said = f": {message}" if media_type == "text/plain" and message else ""
            raise QueryError(f"the SPARQL store refused the request{said}")
        raise StoreError(
            f"SPARQL endpoint {ep.url} answered HTTP {resp.status} {resp.reason}: {message}"
        )

    def _ask_server(self, query: str, accept: str, cap: int | None = None) -> tuple[str, bytes]:
        return self._post(self.query_endpoint, query, "application/sparql-query", accept, cap)

    @contextlib.contextmanager
    def _reading(self, media_type: str) -> Iterator[None]:
        """Parsing is lazy and Oxigraph streams its answers: an evaluation error after the
        200 status (a failing SERVICE call) shows up as a syntax error mid-body."""
        try:
            yield
        except (SyntaxError, ValueError) as e:
            raise StoreError(
                f"SPARQL endpoint {self.query_endpoint.url} sent a broken {media_type} answer "
                f"(an error during evaluation?): {e}"
            ) from e

    def _parse(self, media_type: str, data: bytes) -> Answer:
        results_format = ox.QueryResultsFormat.from_media_type(media_type)
        rdf_format = ox.RdfFormat.from_media_type(media_type)
        with self._reading(media_type):
            if results_format is not None and results_format != ox.QueryResultsFormat.CSV:
                return ox.parse_query_results(data, format=results_format)
            if rdf_format is not None:
                return [q.triple for q in ox.parse(data, format=rdf_format)]
        raise StoreError(
            f"SPARQL endpoint {self.query_endpoint.url} answered in {media_type or 'no media type'}"
            ", which factkg cannot read"
        )

    def _query(self, query: str) -> Answer:
        return self._parse(*self._ask_server(query, ACCEPT_ANY))

    # writes -----------------------------------------------------------------

    def update(self, update: str, touched: Collection[str] | None = None) -> None:
        if self.read_only or self.update_endpoint is None:
            raise StoreError(
                f"the remote store at {self.query_endpoint.url} is read-only "
                "(no SPARQL update endpoint configured, or opened read-only)"
            )
        self._post(self.update_endpoint, update, "application/sparql-update", "*/*")
        self._written(touched)

    def replace_graphs(self, graphs: Mapping[str, Graph]) -> None:
        # One request: a transactional server applies the drops and inserts together.
        update = replacement_update(graphs)
        if update:
            self.update(update, touched=list(graphs))

    def remove_graph(self, graph_iri: str) -> None:
        self.update(f"DROP SILENT GRAPH <{checked_iri(graph_iri, 'graph')}>", touched=[graph_iri])

    # reads ------------------------------------------------------------------

    def has_graph(self, graph_iri: str) -> bool:
        return self.ask(f"ASK {{ GRAPH <{checked_iri(graph_iri, 'graph')}> {{ }} }}")

    def graph_iris(self) -> list[str]:
        rows = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")
        return sorted(str(row["g"]) for row in rows if "g" in row)

    def graph(self, graph_iri: str) -> Graph:
        iri = checked_iri(graph_iri, "graph")
        return self.construct(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}")

    def select(self, query: str) -> list[dict[str, Identifier]]:
        media_type, data = self._ask_server(query, ACCEPT_ANY)
        results = self._parse(media_type, data)
        if not isinstance(results, ox.QuerySolutions):
            raise QueryError(f"expected a SELECT query, got {_form(results)}")
        with self._reading(media_type):
            return solution_rows(results)

    def ask(self, query: str) -> bool:
        results = self._query(query)
        if not isinstance(results, ox.QueryBoolean):
            raise QueryError(f"expected an ASK query, got {_form(results)}")
        return bool(results)

    def construct(self, query: str) -> Graph:
        results = self._query(query)
        if not isinstance(results, list):
            raise QueryError(f"expected a CONSTRUCT or DESCRIBE query, got {_form(results)}")
        out = Graph()
        for t in results:
            out.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
        return out

    def query_serialized(self, query: str, fmt: ResultFormat) -> bytes:
        """Parsed and re-serialised by pyoxigraph, never relayed as the server sent it.

        Oxigraph streams a 200 answer and, when evaluation fails half-way, appends the error
        text to the body; parsing is how that becomes a StoreError. It costs ~2 µs per row in
        Rust, small next to the HTTP exchange. CSV cannot be parsed, so it is made from JSON.
        """
        accept = FALLBACKS if fmt is ResultFormat.CSV else f"{fmt.value}, {FALLBACKS}"
        cap = self.max_answer_bytes
        media_type, data = self._ask_server(query, accept, cap)
        results = self._parse(media_type, data)
        if isinstance(results, list):
            rdf = rdf_format(fmt)
            if rdf is None:
                raise QueryError(f"{fmt.value} cannot hold a graph")
            out = serialized(ox.serialize(results, format=rdf))
        else:
            rf = results_format(fmt)
            if rf is None:
                raise QueryError(f"{fmt.value} cannot hold query results")
            with self._reading(media_type):
                out = serialized(results.serialize(format=rf))
        if cap is not None and len(out) > cap:  # re-serialised larger than the server's form
            raise ResultTooLargeError(_too_large(cap))
        return out

    def dump(self, fmt: ResultFormat) -> bytes:
        """Every quad, from the dataset endpoint when there is one (~4x faster), else every
        quad of every named graph by a SELECT (once the default graph is the union, plain
        SPARQL cannot reach the server's own default graph; factkg writes only named graphs).
        """
        out_format = dataset_format(fmt)
        if self.store_endpoint is not None:
            media_type, data = self._send("GET", self.store_endpoint, None, {"Accept": fmt.value})
            if media_type == fmt.value:
                return data
            rdf = ox.RdfFormat.from_media_type(media_type)
            if rdf is None or not rdf.supports_datasets:
                raise StoreError(
                    f"{self.store_endpoint.url} answered {media_type or 'no media type'}, "
                    "not a dataset: is it a dataset (Graph Store) endpoint?"
                )
            with self._reading(media_type):
                quads = list(ox.parse(data, format=rdf))
            return serialized(ox.serialize(quads, format=out_format))
        media_type, data = self._ask_server(
            "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }",
            "text/tab-separated-values, application/sparql-results+json;q=0.9",
        )
        results = self._parse(media_type, data)
        if not isinstance(results, ox.QuerySolutions):
            raise StoreError(f"SPARQL endpoint {self.query_endpoint.url} did not answer a SELECT")
        with self._reading(media_type):
            quads = [ox.Quad(row["s"], row["p"], row["o"], row["g"]) for row in results]
        return serialized(ox.serialize(quads, format=out_format))

    def check_union(self) -> None:
        """Raise ConfigError when a triple of a named graph is missing from the default graph.

        Two cheap queries on one sample quad: they catch a server that ignores
        ``union_param`` and is not configured with a union default graph.
        """
        rows = self.select("SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1")
        if not rows:
            return  # nothing stored yet: nothing to tell
        s, p, o = (rows[0][v] for v in ("s", "p", "o"))
        if not self.ask(f"ASK {{ {s.n3()} {p.n3()} {o.n3()} }}"):
            raise ConfigError(
                f"the SPARQL endpoint {self.query_endpoint.url} does not query the union of its "
                "named graphs by default: start Oxigraph with --union-default-graph or configure "
                "the server's union default graph (see kg/store/remote.py)"
            )

    def close(self) -> None:
        with self._lock:
            conns, self._open = self._open, []
        for conn in conns:
            conn.close()
        self._local = threading.local()


def _too_large(cap: int) -> str:
    return (
        f"the answer is larger than {cap} bytes (MAX_RESULT_BYTES); "
        "add a LIMIT or select fewer variables"
    )


def _form(results: Answer) -> str:
    if isinstance(results, ox.QueryBoolean):
        return "an ASK answer"
    if isinstance(results, list):
        return "a graph"
    return "SELECT results"
