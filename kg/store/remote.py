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

**Requests.** Queries and updates are POSTed form-encoded (``query=`` / ``update=``), the
one form of the SPARQL 1.1 Protocol that every server answers: Virtuoso 7 never answers a
query POSTed directly as ``application/sparql-query`` (the client times out), while the same
query form-encoded answers in milliseconds; Oxigraph, Jena Fuseki and Virtuoso all take forms.

**Virtuoso** (7.2, the store behind ClaimsKG and DBpedia) is known by its ``Server`` header
and spoken to as it needs. Its default graph is already the union of every graph, its own
system graphs (schema mappings, LDP, its endpoint and WebDAV descriptions: ~2,500 triples)
included; those are its :attr:`foreign_graphs`, left out of the graph list, counts and
dumps. (Its ``DEFINE input:default-graph-exclude`` pragma would hide them from queries too,
but in 7.2.5 it also empties every ``GRAPH <iri>`` pattern: not used.) ``GRAPH ?g { }``
matches nothing there and ``ASK { GRAPH <g> { } }`` is true for any ``g``, so graphs are
found by their triples; it refuses blank nodes in INSERT DATA (a graph with blank nodes is
written with an INSERT template); its blank nodes come back as ``nodeID://b1`` (made labels
again); its content negotiation answers a CONSTRUCT in SPARQL JSON when JSON is listed first
and its TSV is not the standard's (one media type that fits the query's form is asked for,
and re-serialised).

**Transactions.** SPARQL 1.1 Update says a request *SHOULD* be applied atomically, not *MUST*,
so the protocol guarantees nothing and ``transactional`` is False. :meth:`replace_graphs` still
sends every ``DROP SILENT GRAPH`` + ``INSERT DATA`` in ONE update request, so a transactional
server (Oxigraph, Jena TDB2) applies it whole.
"""

from __future__ import annotations

import base64
import contextlib
import http.client
import json
import re
import threading
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from urllib.parse import unquote, urlencode, urlsplit, urlunsplit

import pyoxigraph as ox
from rdflib import Graph
from rdflib.term import Identifier

from kg.errors import ConfigError, QueryError, StoreError
from kg.sparql import explain, read_query
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
FORM = "application/x-www-form-urlencoded"
#: graphs Virtuoso 7 keeps for itself (named after its DefaultHost, localhost:8890 as packaged)
VIRTUOSO_SYSTEM_GRAPHS = (
    "http://www.openlinksw.com/schemas/virtrdf#",
    "http://www.w3.org/ns/ldp#",
    "http://localhost:8890/sparql",
    "http://localhost:8890/DAV/",
    "http://www.w3.org/2002/07/owl#",
)
_VIRTUOSO_BNODE = re.compile(rb'("type"\s*:\s*"bnode"\s*,\s*"value"\s*:\s*")nodeID://')

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
        self._server: str | None = None  # the Server header the endpoint answers with

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
            if self._server is None:
                self._server = resp.getheader("Server") or ""
            break
        media_type = (resp.getheader("Content-Type") or "").split(";")[0].strip().lower()
        if cap is not None and len(data) > cap and 200 <= resp.status < 300:
            raise ResultTooLargeError(_too_large(cap))
        if 200 <= resp.status < 300:
            return media_type, data
        message = data.decode("utf-8", "replace").strip()[:EXCERPT]
        if resp.status == 400:
            # a QueryError is the client's fault and the service answers it with this message
            # (400): the server's own words, when plain text (a parser's "error at 1:4 ...")
            # or the detail of a JSON error (factkg's service, RFC 9457 problem details), but
            # not where it is (an internal address) nor an HTML page; a StoreError is
            # logged by the service, never shown (service/errors.py)
            if media_type in ("application/json", "application/problem+json"):
                message = _json_detail(data)[:EXCERPT]
            elif media_type != "text/plain":
                message = ""
            said = f": {message}" if message else ""
            raise QueryError(f"the SPARQL store refused the request{said}")
        raise StoreError(
            f"SPARQL endpoint {ep.url} answered HTTP {resp.status} {resp.reason}: {message}"
        )

    @property
    def virtuoso(self) -> bool:
        """True when the query endpoint is Virtuoso (asked once, by its Server header)."""
        if self._server is None:
            self._post(self.query_endpoint, urlencode({"query": "ASK {}"}), FORM, "*/*")
        return (self._server or "").startswith("Virtuoso")

    def _ask_server(self, query: str, accept: str, cap: int | None = None) -> tuple[str, bytes]:
        if self.virtuoso:
            # one media type, the one that fits the query's form: Virtuoso answers a
            # CONSTRUCT in SPARQL JSON if asked so first, and 406s on some q-value mixes
            accept = _virtuoso_accept(query)
        try:
            media_type, data = self._post(
                self.query_endpoint, urlencode({"query": query}), FORM, accept, cap
            )
        except ResultTooLargeError:
            raise
        except QueryError as e:  # the server's words often lack the column: ours have it
            raise QueryError(_explained(query, e)) from e
        if self.virtuoso and media_type == "application/sparql-results+json":
            data = _VIRTUOSO_BNODE.sub(rb"\1", data)
        return media_type, data

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
        self._writing(touched)
        try:
            self._post(self.update_endpoint, urlencode({"update": update}), FORM, "*/*")
        except QueryError as e:
            raise QueryError(_explained(update, e, update=True)) from e
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
        pattern = " ?s ?p ?o" if self.virtuoso else ""  # Virtuoso: any GRAPH <g> { } is true
        return self.ask(f"ASK {{ GRAPH <{checked_iri(graph_iri, 'graph')}> {{{pattern} }} }}")

    @property
    def foreign_graphs(self) -> tuple[str, ...]:
        return VIRTUOSO_SYSTEM_GRAPHS if self.virtuoso else ()

    def graph_iris(self) -> list[str]:
        pattern = " ?s ?p ?o" if self.virtuoso else ""  # Virtuoso: GRAPH ?g { } binds nothing
        rows = self.select(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{{pattern} }} }}")
        foreign = self.foreign_graphs
        return sorted(str(row["g"]) for row in rows if "g" in row and str(row["g"]) not in foreign)

    def count_triples(self) -> int:
        foreign = ", ".join(f"<{g}>" for g in self.foreign_graphs)
        keep = f"FILTER(?g NOT IN ({foreign}))" if foreign else ""
        rows = self.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {keep} }}")
        return int(rows[0]["n"].toPython()) if rows else 0  # type: ignore[attr-defined]

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
        plain = fmt is ResultFormat.CSV or (self.virtuoso and fmt is ResultFormat.TSV)
        accept = FALLBACKS if plain else f"{fmt.value}, {FALLBACKS}"  # Virtuoso's TSV is off
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
            "application/sparql-results+json"  # Virtuoso's TSV is not the standard's
            if self.virtuoso
            else "text/tab-separated-values, application/sparql-results+json;q=0.9",
        )
        results = self._parse(media_type, data)
        if not isinstance(results, ox.QuerySolutions):
            raise StoreError(f"SPARQL endpoint {self.query_endpoint.url} did not answer a SELECT")
        foreign = self.foreign_graphs
        with self._reading(media_type):
            quads = [
                ox.Quad(row["s"], row["p"], row["o"], row["g"])
                for row in results
                if row["g"].value not in foreign
            ]
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


def _virtuoso_accept(query: str) -> str:
    try:
        form = read_query(query).form
    except QueryError:
        form = "SELECT"  # the server will say what is wrong
    if form in ("CONSTRUCT", "DESCRIBE"):
        return "application/n-triples"
    return "application/sparql-results+json"


def _explained(text: str, error: QueryError, update: bool = False) -> str:
    """The server refused ``text`` (400): our reading's account when it sees the error too
    (line, column, what was expected), else the server's."""
    reading = explain(text, error, update=update)
    return reading if not reading.startswith("SPARQL syntax error: ") else str(error)


def _json_detail(data: bytes) -> str:
    """The message of a JSON error answer: ``{"error": {"detail": ...}}`` (factkg's service)
    or ``{"detail": ...}`` (RFC 9457 problem details); "" for any other body."""
    try:
        body = json.loads(data)
    except ValueError:
        return ""
    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        body = body["error"]
    detail = body.get("detail") if isinstance(body, dict) else None
    return detail.strip() if isinstance(detail, str) else ""


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
