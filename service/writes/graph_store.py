"""SPARQL 1.1 Graph Store HTTP Protocol at /rdf-graph-store.

Indirect identification (``?graph=<iri>``, ``?default``) and direct identification
(``/rdf-graph-store/<path>`` names the graph ``{BASE_URI}rdf-graph-store/<path>``). Reads are
public; PUT/POST/DELETE need the bearer token and go through the same validate-then-apply
engine as SPARQL Update (service/writes/commit.py). ``POST /rdf-graph-store`` with no graph
creates a new graph ``{BASE_URI}graph/{id}`` and answers 201 with its IRI in ``Location``.

The default graph is the union of the named graphs: ``GET ?default`` returns that union, and
writes to it are refused (400), as in SPARQL Update.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterable

import pyoxigraph as ox
from flask import Blueprint, Request, Response, request
from werkzeug.exceptions import BadRequest, NotAcceptable, NotFound, UnsupportedMediaType

from kg.errors import QueryError, ValidationError
from kg.nesting import MAX_JSON_DEPTH, json_depth
from kg.store.base import ResultFormat
from kg.store.terms import checked_iri
from service import conneg, request_limits
from service.audit import note_graphs
from service.backend import get_store
from service.config import get_config
from service.query.runner import Answer, get_pool
from service.query.worker import Job
from service.writes.auth import check_write
from service.writes.commit import WRITE_LOCK, Change, commit, read_graph
from service.writes.responses import validation_response

bp = Blueprint("graph_store", __name__)

#: media types accepted in PUT/POST bodies (pyoxigraph maps each to its parser); not
#: text/plain, which pyoxigraph would read as N-Triples: a guess, not a declaration
BODY_TYPES = (
    "text/turtle",
    "application/x-turtle",
    "application/n-triples",
    "application/rdf+xml",
    "application/ld+json",
    "application/trig",
    "application/n-quads",
)
#: an XML document type declaration: entities in it can expand a small body a million-fold
XML_DTD = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)
METHODS = ["GET", "HEAD", "PUT", "POST", "DELETE"]
DEFAULT_REFUSAL = (
    "the default graph is the union of the named graphs and cannot be written to; "
    "name a graph with ?graph=<iri>"
)


@bp.route("/rdf-graph-store", methods=METHODS)
def indirect() -> Response:
    graphs = request.args.getlist("graph")
    default = "default" in request.args
    if len(graphs) > 1 or (graphs and default):
        raise BadRequest("name one graph: either ?graph=<iri> or ?default")
    if graphs:
        return _dispatch(_absolute(graphs[0]))
    if default:
        return _dispatch(None)
    if request.method == "POST":
        return _guard(_create)
    raise BadRequest("name the graph: ?graph=<iri> or ?default")


@bp.route("/rdf-graph-store/<path:rest>", methods=METHODS)
def direct(rest: str) -> Response:
    return _dispatch(_absolute(f"{get_config().base_uri}rdf-graph-store/{rest}"))


def _absolute(iri: str) -> str:
    try:
        return checked_iri(iri, "the graph")
    except QueryError as e:
        raise BadRequest(str(e)) from e


def _dispatch(graph: str | None) -> Response:
    if request.method in ("GET", "HEAD"):
        return _get(graph)
    if graph is None:
        denied = check_write(request)
        if denied is not None:
            return denied
        raise BadRequest(DEFAULT_REFUSAL)
    note_graphs([graph])
    if request.method == "DELETE":
        return _guard(lambda: _delete(graph))
    return _guard(lambda: _write(graph, replace=request.method == "PUT"))


def _guard(action: Callable[[], Response]) -> Response:
    """Auth first, then the write; a SHACL refusal answers with its report."""
    denied = check_write(request)
    if denied is not None:
        return denied
    try:
        return action()
    except ValidationError as e:
        return validation_response(request, e)


# reads ------------------------------------------------------------------------------------


def _get(graph: str | None) -> Response:
    store = get_store()
    if graph is not None and not store.has_graph(graph):
        raise NotFound(f"no graph <{graph}> in the store")
    accept = request.headers.get("Accept")
    offer = conneg.negotiate(accept, conneg.GRAPHS)
    if offer is None:
        raise NotAcceptable(conneg.not_acceptable("a graph", accept))
    if graph is None:
        query = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    else:
        query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    body = _construct(query, offer.media_type)
    response = Response(body, 200, content_type=offer.content_type)
    response.headers["Access-Control-Allow-Origin"] = "*"  # reads are public, like /sparql
    response.headers["Vary"] = "Accept"
    return response


def _construct(query: str, media_type: str) -> bytes:
    """Serialised in a killable query worker, like /sparql (a whole store can be large and
    reads are public): stopped at QUERY_TIMEOUT (503), refused past MAX_RESULT_BYTES (422)."""
    cfg = get_config()
    pool = get_pool()
    if pool is None:  # a remote store: its own limits, and ours (service/backend.py)
        return get_store().query_serialized(query, ResultFormat(media_type))
    job = Job(
        generation=0,
        query=query,
        results_format=None,
        graph_format=media_type,
        default_graphs=None,
        named_graphs=None,
        max_bytes=cfg.max_result_bytes,
        base_iri=None,
        allowlist=[],
    )
    answer: Answer = pool.run(job, cfg.query_timeout)
    if answer.data is None:  # pragma: no cover - conneg.GRAPHS are all graph formats
        raise NotAcceptable(f"{media_type} cannot hold a graph")
    return answer.data


# writes -----------------------------------------------------------------------------------


def _write(graph: str, *, replace: bool) -> Response:
    store = get_store()
    incoming = _body_quads(request, graph)
    with WRITE_LOCK:
        existed = store.has_graph(graph)
        before = read_graph(store, graph)
        after = incoming if replace else before | incoming
        commit(store, [Change(graph, existed, before, after)])
    return Response(status=204 if existed else 201)


def _delete(graph: str) -> Response:
    store = get_store()
    with WRITE_LOCK:
        if not store.has_graph(graph):
            raise NotFound(f"no graph <{graph}> in the store")
        commit(store, [Change(graph, True, read_graph(store, graph), None)])
    return Response(status=204)


def _create() -> Response:
    store = get_store()
    graph = f"{get_config().base_uri}graph/{uuid.uuid4().hex[:16]}"
    incoming = _body_quads(request, graph)
    with WRITE_LOCK:
        commit(store, [Change(graph, False, set(), incoming)])
    response = Response(status=201)
    response.headers["Location"] = graph
    return response


def _body_quads(req: Request, graph: str) -> set[ox.Quad]:
    """The triples of the body (or of each file of a multipart body), placed in ``graph``."""
    request_limits.check_size(req)
    if req.mimetype == "multipart/form-data":
        parts = [
            (f.mimetype, f.mimetype_params, f.read(), f.filename or name)
            for name, f in req.files.items(multi=True)
        ]
        if not parts:
            raise BadRequest("the multipart body holds no RDF file")
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
    fmt = ox.RdfFormat.from_media_type(mimetype) if mimetype in BODY_TYPES else None
    if fmt is None:
        raise UnsupportedMediaType(
            f"{origin}: cannot read {mimetype or 'a body without Content-Type'}; "
            f"send one of {', '.join(BODY_TYPES)}"
        )
    charset = params.get("charset", "utf-8").lower()
    if charset not in request_limits.UTF8:
        # the words of Python's codecs stay out of the answer: they name codecs, not the body
        try:
            data = data.decode(charset).encode("utf-8")
        except LookupError:
            raise BadRequest(f"{origin}: unknown charset {charset!r}") from None
        except UnicodeDecodeError as e:
            raise BadRequest(
                f"{origin} is not valid {charset}: byte {e.start} cannot be decoded"
            ) from None
        except ValueError:  # e.g. unicode_escape decoding to lone surrogates
            raise BadRequest(f"{origin} does not decode as {charset} to Unicode text") from None
    if fmt == ox.RdfFormat.JSON_LD and json_depth(data) > MAX_JSON_DEPTH:
        raise BadRequest(
            f"{origin} is nested too deeply: more than {MAX_JSON_DEPTH} levels of JSON arrays "
            "and objects; it was not read"
        )
    if fmt == ox.RdfFormat.RDF_XML and XML_DTD.search(data):
        raise BadRequest(
            f"{origin}: RDF/XML with a document type declaration (<!DOCTYPE or <!ENTITY) is "
            "refused: its entities can expand a small body into gigabytes"
        )
    try:
        return list(
            ox.parse(
                data, format=fmt, base_iri=base, without_named_graphs=True, rename_blank_nodes=True
            )
        )
    except (SyntaxError, ValueError) as e:
        raise BadRequest(f"{origin} is not valid {mimetype}: {e}") from e
