"""SPARQL 1.1 Graph Store HTTP Protocol at /rdf-graph-store.

Indirect identification (``?graph=<iri>``, ``?default``) and direct identification
(``/rdf-graph-store/<path>`` names the graph ``{BASE_URI}rdf-graph-store/<path>``). Reads are
public; PUT/POST/DELETE need the bearer token and go through the same validate-then-apply
engine as SPARQL Update (service/writes.py). ``POST /rdf-graph-store`` with no graph creates a
new graph ``{BASE_URI}graph/{id}`` and answers 201 with its IRI in ``Location``.

The default graph is the union of the named graphs: ``GET ?default`` returns that union, and
writes to it are refused (400), as in SPARQL Update.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable

import pyoxigraph as ox
from flask import Blueprint, Request, Response, current_app, request

from kg.errors import QueryError, ValidationError
from kg.settings import base_uri
from kg.store.base import ResultFormat
from service.auth import check_write
from service.responses import error_response, validation_response
from service.store import get_store
from service.writes import WRITE_LOCK, Change, commit, graph_exists, read_graph

bp = Blueprint("graph_store", __name__)

#: media types accepted in PUT/POST bodies
BODY_FORMATS: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/trig": ox.RdfFormat.TRIG,
    "application/n-quads": ox.RdfFormat.N_QUADS,
}
#: media types GET can answer with (the first is the default)
GET_FORMATS: dict[str, ResultFormat] = {
    "text/turtle": ResultFormat.TURTLE,
    "application/n-triples": ResultFormat.NTRIPLES,
    "application/rdf+xml": ResultFormat.RDFXML,
    "application/ld+json": ResultFormat.JSONLD,
    "application/trig": ResultFormat.TRIG,
    "application/n-quads": ResultFormat.NQUADS,
}
METHODS = ["GET", "HEAD", "PUT", "POST", "DELETE"]
DEFAULT_REFUSAL = (
    "the default graph is the union of the named graphs and cannot be written to; "
    "name a graph with ?graph=<iri>"
)


class _Refusal(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@bp.route("/rdf-graph-store", methods=METHODS)
def indirect() -> Response:
    graphs = request.args.getlist("graph")
    default = "default" in request.args
    if len(graphs) > 1 or (graphs and default):
        return error_response(400, "name one graph: either ?graph=<iri> or ?default")
    if graphs:
        return _dispatch(_absolute(graphs[0]))
    if default:
        return _dispatch(None)
    if request.method == "POST":
        return _guard(_create)
    return error_response(400, "name the graph: ?graph=<iri> or ?default")


@bp.route("/rdf-graph-store/<path:rest>", methods=METHODS)
def direct(rest: str) -> Response:
    return _dispatch(_absolute(f"{base_uri(_environ())}rdf-graph-store/{rest}"))


def _environ() -> dict[str, str]:
    return {"FACTKG_BASE_URI": str(current_app.config.get("BASE_URI") or "")}


def _absolute(iri: str) -> str:
    try:
        ox.NamedNode(iri)
    except ValueError as e:
        raise _Refusal(400, f"the graph must be named by an absolute IRI: {iri!r} ({e})") from e
    return iri


@bp.errorhandler(_Refusal)
def _refused(e: _Refusal) -> Response:
    return error_response(e.status, str(e))


def _dispatch(graph: str | None) -> Response:
    if request.method in ("GET", "HEAD"):
        return _get(graph)
    if graph is None:
        denied = check_write(request)
        return denied or error_response(400, DEFAULT_REFUSAL)
    if request.method == "DELETE":
        return _guard(lambda: _delete(graph))
    return _guard(lambda: _write(graph, replace=request.method == "PUT"))


def _guard(action: Callable[[], Response]) -> Response:
    """Auth first, then the write; refusals and SHACL reports become 4xx answers."""
    denied = check_write(request)
    if denied is not None:
        return denied
    try:
        result = action()
    except ValidationError as e:
        return validation_response(request, e)
    except QueryError as e:
        return error_response(400, str(e))
    return result


# reads ------------------------------------------------------------------------------------


def _get(graph: str | None) -> Response:
    store = get_store()
    if graph is not None and not graph_exists(store, graph):
        return error_response(404, f"no graph <{graph}> in the store")
    mimetype = _negotiate(request)
    if graph is None:
        query = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    else:
        query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    body = store.query_serialized(query, GET_FORMATS[mimetype])
    cap = int(current_app.config.get("MAX_RESULT_BYTES") or 0)
    if cap and len(body) > cap:
        return error_response(
            422, f"the graph serialises to more than MAX_RESULT_BYTES ({cap} bytes)"
        )
    response = Response(body, 200, mimetype=mimetype)
    response.headers["Access-Control-Allow-Origin"] = "*"  # reads are public, like /sparql
    return response


def _negotiate(req: Request) -> str:
    """The best of GET_FORMATS for the Accept header; media type parameters (charset) are
    ignored, since every format is served as UTF-8."""
    if not req.accept_mimetypes:
        return "text/turtle"
    ranked = sorted(req.accept_mimetypes, key=lambda item: -item[1])
    for value, quality in ranked:
        media = value.split(";")[0].strip().lower()
        if quality <= 0:
            continue
        if media in GET_FORMATS:
            return media
        if media in ("*/*", "text/*", "application/*"):
            prefix = media.split("/")[0]
            return next(m for m in GET_FORMATS if prefix == "*" or m.startswith(prefix + "/"))
    raise _Refusal(
        406,
        f"cannot serialise a graph as {req.headers.get('Accept')}; "
        f"available: {', '.join(GET_FORMATS)}",
    )


# writes -----------------------------------------------------------------------------------


def _write(graph: str, *, replace: bool) -> Response:
    store = get_store()
    incoming = _body_quads(request, graph)
    with WRITE_LOCK:
        existed = graph_exists(store, graph)
        before = read_graph(store, graph)
        after = incoming if replace else before | incoming
        commit(store, [Change(graph, existed, before, after)])
    return Response(status=204 if existed else 201)


def _delete(graph: str) -> Response:
    store = get_store()
    with WRITE_LOCK:
        if not graph_exists(store, graph):
            return error_response(404, f"no graph <{graph}> in the store")
        commit(store, [Change(graph, True, read_graph(store, graph), None)])
    return Response(status=204)


def _create() -> Response:
    store = get_store()
    graph = f"{base_uri(_environ())}graph/{uuid.uuid4().hex[:16]}"
    incoming = _body_quads(request, graph)
    with WRITE_LOCK:
        commit(store, [Change(graph, False, set(), incoming)])
    response = Response(status=201)
    response.headers["Location"] = graph
    return response


def _body_quads(req: Request, graph: str) -> set[ox.Quad]:
    """The triples of the body (or of each file of a multipart body), placed in ``graph``."""
    limit = int(current_app.config.get("MAX_BODY_BYTES") or 0)
    if limit and (req.content_length or 0) > limit:
        raise _Refusal(413, f"the body is larger than MAX_BODY_BYTES ({limit} bytes)")
    if req.mimetype == "multipart/form-data":
        parts = [
            (f.mimetype, f.mimetype_params, f.read(), f.filename or name)
            for name, f in req.files.items(multi=True)
        ]
        if not parts:
            raise _Refusal(400, "the multipart body holds no RDF file")
    else:
        parts = [(req.mimetype, req.mimetype_params, req.get_data(), "the request body")]
    target = ox.NamedNode(graph)
    quads: set[ox.Quad] = set()
    for mimetype, params, data, origin in parts:
        for t in _parse(mimetype, params, data, origin, graph):
            quads.add(ox.Quad(t.subject, t.predicate, t.object, target))
    return quads


def _parse(
    mimetype: str, params: dict[str, str], data: bytes, origin: str, base: str
) -> Iterable[ox.Quad]:
    fmt = BODY_FORMATS.get(mimetype)
    if fmt is None:
        raise _Refusal(
            415,
            f"{origin}: cannot read {mimetype or 'a body without Content-Type'}; "
            f"send one of {', '.join(BODY_FORMATS)}",
        )
    charset = params.get("charset", "utf-8").lower()
    if charset not in ("utf-8", "utf8"):
        try:
            data = data.decode(charset).encode("utf-8")
        except (LookupError, UnicodeDecodeError) as e:
            raise _Refusal(400, f"{origin}: cannot decode as {charset}: {e}") from e
    try:
        return list(
            ox.parse(
                data, format=fmt, base_iri=base, without_named_graphs=True, rename_blank_nodes=True
            )
        )
    except (SyntaxError, ValueError) as e:
        raise _Refusal(400, f"{origin} is not valid {mimetype}: {e}") from e
