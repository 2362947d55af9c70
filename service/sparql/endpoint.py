"""/sparql: the SPARQL 1.1 Protocol endpoint (reads), its service description and editor page.

GET ``?query=``, POST form ``query=``, POST ``application/sparql-query``; dataset from
``default-graph-uri`` / ``named-graph-uri`` (else the query's FROM, else the union of all named
graphs). Updates (POST form ``update=``, POST ``application/sparql-update``) go to
service.update. SELECT/ASK answer in SPARQL JSON, XML, CSV or TSV; CONSTRUCT/DESCRIBE in
Turtle, N-Triples, JSON-LD, RDF/XML, TriG or N-Quads, chosen by Accept or ``format=``.
A browser gets the query editor page instead.

The path a machine request takes is kept short on purpose (the endpoint is measured against
the Oxigraph server): parse the parameters, one regex search for SERVICE/FROM, a cached
negotiation, one round trip to a query worker, the worker's bytes as the body.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from flask import Blueprint, Request, Response, render_template, request, url_for
from werkzeug.exceptions import (
    BadRequest,
    NotAcceptable,
    UnsupportedMediaType,
)

from kg.errors import FactkgError, QueryError
from kg.sparql import reach
from kg.sparql.grammar import read_query
from kg.store import ResultFormat
from kg.store.terms import checked_iri
from service import conneg, request_limits
from service.backend import get_store
from service.config import EndpointConfig, get_config
from service.errors import log_failure, plain_words, public_detail, status_of
from service.query.runner import Answer, ResultTooLargeError, get_pool
from service.query.worker import Job
from service.sparql import description as service_description
from service.sparql import results_html as sparql_html
from service.sparql.examples import EXAMPLES
from service.sparql.protocol import (
    CORS,
    FORM,
    GRAPH_OFFERS,
    PREFLIGHT,
    QUERY_DIRECT,
    RESULT_OFFERS,
    STASH,
    UPDATE_DIRECT,
)
from service.writes.update import handle_update

bp = Blueprint("sparql", __name__)

#: what the editor page asks the worker for, to render it as a table
PAGE_RESULTS = ResultFormat.SPARQL_JSON.value
PAGE_GRAPH = ResultFormat.NTRIPLES.value
PAGE_MAX_BYTES = 5_000_000
PAGE_MAX_ROWS = 1000
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)


@dataclass(frozen=True)
class Params:
    query: str | None
    default_graphs: tuple[str, ...]
    named_graphs: tuple[str, ...]
    format: str | None


@bp.route("/sparql", methods=["GET", "POST", "OPTIONS"])
def endpoint() -> Response:
    if request.method == "OPTIONS":
        return Response(status=204, headers=PREFLIGHT)
    stashed = request.environ.pop(STASH, None)
    if stashed is not None:  # met by service/sparql/fast_path.py, answered here in one shape
        raise stashed
    cfg = get_config()
    if request.method == "POST" and _is_update(request, cfg):
        return handle_update(request)
    params = _params(request)
    if params.query is None:
        return _describe(params, cfg)
    return _query(params, cfg)


@bp.after_request
def _cors(response: Response) -> Response:
    """CORS on every answer of /sparql, errors included, so a page elsewhere can read why."""
    for name, value in CORS.items():
        response.headers.setdefault(name, value)
    return response


# the W3C tests (and some clients) say /sparql/; url_for("sparql.endpoint") stays /sparql
bp.add_url_rule(
    "/sparql/", endpoint="endpoint_slash", view_func=endpoint, methods=["GET", "POST", "OPTIONS"]
)


# request ----------------------------------------------------------------------------------


def _is_update(req: Request, cfg: EndpointConfig) -> bool:
    if req.mimetype == UPDATE_DIRECT:
        return True
    if req.mimetype == FORM:
        request_limits.check_size(req)
        if "update" in req.form and "query" in req.form:
            raise BadRequest("a request has a 'query' or an 'update', not both")
        return "update" in req.form
    return False


def _one(values: list[str], name: str) -> str | None:
    if len(values) > 1:
        raise BadRequest(f"expected at most one {name!r} parameter, got {len(values)}")
    return values[0] if values else None


def _iris(values: list[str], name: str) -> tuple[str, ...]:
    try:
        return tuple(checked_iri(iri, name) for iri in values)
    except QueryError as e:
        raise BadRequest(str(e)) from e


def _params(req: Request) -> Params:
    """The protocol parameters of a query request (GET, POST form or POST direct)."""
    args = req.args
    if req.method in ("GET", "HEAD"):
        if "update" in args:
            raise BadRequest("a SPARQL update must be sent with POST, not GET")
        query = _one(args.getlist("query"), "query")
        values = args
        fields = {k: args.getlist(k) for k in ("default-graph-uri", "named-graph-uri")}
    else:
        request_limits.check_size(req)
        if not req.mimetype:
            raise UnsupportedMediaType(
                f"a POSTed query needs a Content-Type: {FORM} or {QUERY_DIRECT}"
            )
        request_limits.check_utf8(req)
        if req.mimetype == FORM:
            form = req.form
            query = _one(form.getlist("query"), "query")
            if query is None:
                raise BadRequest("the form has no 'query' (or 'update') field")
            fields = {
                k: form.getlist(k) + args.getlist(k)
                for k in ("default-graph-uri", "named-graph-uri")
            }
            values = form
        elif req.mimetype == QUERY_DIRECT:
            try:
                query = req.get_data().decode("utf-8")
            except UnicodeDecodeError as e:
                raise BadRequest(f"the query is not valid UTF-8: {e}") from e
            if "query" in args:
                raise BadRequest("a query POSTed directly cannot also have a 'query' parameter")
            fields = {k: args.getlist(k) for k in ("default-graph-uri", "named-graph-uri")}
            values = args
        else:
            raise UnsupportedMediaType(
                f"a query is POSTed as {FORM} or {QUERY_DIRECT}, not {req.mimetype}"
            )
    if query is not None and not query.strip():
        raise BadRequest("the query is empty")
    fmt = values.get("format") or args.get("format") or values.get("output")
    return Params(
        query,
        _iris(fields["default-graph-uri"], "default-graph-uri"),
        _iris(fields["named-graph-uri"], "named-graph-uri"),
        fmt,
    )


def _offers(params: Params) -> tuple[conneg.Offer | None, conneg.Offer | None]:
    """(format for SELECT/ASK, format for CONSTRUCT/DESCRIBE); None where nothing fits."""
    if params.format:
        if params.format.strip().lower() in conneg.HTML.names:
            return conneg.HTML, conneg.HTML
        found = (
            conneg.by_name(params.format, conneg.RESULTS),
            conneg.by_name(params.format, conneg.GRAPHS),
        )
        if found == (None, None):
            names = ", ".join(conneg.known_names(RESULT_OFFERS + GRAPH_OFFERS))
            raise BadRequest(f"unknown format={params.format!r}; known: {names}")
        return found
    accept = request.headers.get("Accept")
    return conneg.negotiate(accept, RESULT_OFFERS), conneg.negotiate(accept, GRAPH_OFFERS)


# answers ----------------------------------------------------------------------------------


def _run(
    params: Params, results_format: str | None, graph_format: str | None, max_bytes: int
) -> Answer:
    """Run the query: in a query worker, which reads it with the engine's grammar and refuses
    what reaches outside the store before running it (kg.sparql.reach), or on the remote
    store, after the same reading here."""
    assert params.query is not None
    pool = get_pool()
    if pool is None:
        return _run_remote(params.query, params, results_format, graph_format)
    cfg = get_config()
    dataset = bool(params.default_graphs or params.named_graphs)
    job = Job(
        generation=0,
        query=params.query,
        results_format=results_format,
        graph_format=graph_format,
        default_graphs=list(params.default_graphs) if dataset else None,
        named_graphs=list(params.named_graphs) if dataset else None,
        max_bytes=max_bytes,
        base_iri=cfg.endpoint_iri,
        allowlist=list(cfg.federation_allowlist),
    )
    return pool.run(job, cfg.query_timeout)


def _run_remote(
    query: str, params: Params, results_format: str | None, graph_format: str | None
) -> Answer:
    """A remote store is asked directly: service/backend.py gave it QUERY_TIMEOUT and
    MAX_RESULT_BYTES."""
    if params.default_graphs or params.named_graphs:
        raise QueryError(
            "default-graph-uri / named-graph-uri are not supported over a remote store; "
            "use FROM / FROM NAMED in the query"
        )
    cfg = get_config()
    reading = read_query(query, cfg.endpoint_iri)
    reach.check_query(
        query,
        base_iri=cfg.endpoint_iri,
        allowlist=cfg.federation_allowlist,
        has_graph=get_store().has_graph,
        reading=reading,
    )
    kind = {"SELECT": "solutions", "ASK": "boolean"}.get(reading.form, "graph")
    media = graph_format if kind == "graph" else results_format
    if media is None:
        return Answer(kind, None)
    return Answer(kind, get_store().query_serialized(query, ResultFormat(media)))


def _query(params: Params, cfg: EndpointConfig) -> Response:
    assert params.query is not None
    results_offer, graph_offer = _offers(params)
    if results_offer is None and graph_offer is None:
        raise NotAcceptable(_not_acceptable("an answer"))
    if results_offer is conneg.HTML and graph_offer is conneg.HTML:
        return _page(params, cfg)
    answer = _run(
        params,
        PAGE_RESULTS if results_offer is conneg.HTML else _media(results_offer),
        PAGE_GRAPH if graph_offer is conneg.HTML else _media(graph_offer),
        cfg.max_result_bytes,
    )
    offer = graph_offer if answer.kind == "graph" else results_offer
    if offer is conneg.HTML:  # a client that prefers a page for this kind of answer only
        return _page(params, cfg, answer)
    if answer.data is None or offer is None:
        raise NotAcceptable(_not_acceptable("a graph" if answer.kind == "graph" else "results"))
    return Response(answer.data, content_type=offer.content_type, headers=_headers())


def _media(offer: conneg.Offer | None) -> str | None:
    return offer.media_type if offer else None


def _headers() -> dict[str, str]:
    return {**CORS, "Vary": "Accept"}


def _not_acceptable(what: str) -> str:
    return conneg.not_acceptable(what, request.headers.get("Accept"))


def _describe(params: Params, cfg: EndpointConfig) -> Response:
    """A GET without a query: the service description, or the editor page for a browser."""
    if params.format:
        offer = conneg.by_name(params.format, GRAPH_OFFERS)
        if offer is None:
            raise BadRequest(f"unknown format={params.format!r} for the service description")
    else:
        offer = conneg.negotiate(request.headers.get("Accept"), GRAPH_OFFERS)
    if offer is None:
        raise NotAcceptable(_not_acceptable("the service description"))
    if offer is conneg.HTML:
        return _page(params, cfg)
    body = service_description.serialize(
        _requested_endpoint(cfg), offer.media_type, cfg.writable, bool(cfg.federation_allowlist)
    )
    return Response(body, content_type=offer.content_type, headers=_headers())


def _requested_endpoint(cfg: EndpointConfig) -> str:
    """The URL the client asked for (what sd:endpoint must name, per the SD spec); the
    configured endpoint when the Host header makes it no IRI (it would be a 500)."""
    if not request.host:  # werkzeug empties a Host with characters no host can have
        return cfg.endpoint_iri
    try:
        return checked_iri(request.base_url)
    except QueryError:
        return cfg.endpoint_iri


# the editor page ----------------------------------------------------------------------------


def _page(params: Params, cfg: EndpointConfig, answer: Answer | None = None) -> Response:
    """The query editor, with the answer as a table (or the error) when there is a query."""
    table: sparql_html.Table | None = None
    error: str | None = None
    status = 200
    if params.query is not None:
        try:
            if answer is None:
                cap = min(PAGE_MAX_BYTES, cfg.max_result_bytes)
                answer = _run(params, PAGE_RESULTS, PAGE_GRAPH, cap)
            table = _table(answer, cfg)
        except FactkgError as e:  # the page says what the JSON answer would (service/errors)
            status, title = status_of(e)
            error = f"{title}: {public_detail(e)}"
            if status >= 500:
                log_failure(status, str(e))
        except BadRequest as e:
            status, error = e.code or 400, f"{e.name}: {plain_words(e.description or '', e)}"
    html = render_template(
        "sparql.html",
        query=params.query if params.query is not None else EXAMPLES[0].query,
        ran=params.query is not None,
        examples=EXAMPLES,
        table=table,
        error=error,
        downloads=_downloads(params, answer.kind if answer else None),
        max_rows=PAGE_MAX_ROWS,
        endpoint=url_for("sparql.endpoint"),
    )
    response = Response(html, status=status, mimetype="text/html")
    response.headers["Content-Security-Policy"] = CSP
    response.headers["Vary"] = "Accept"
    return response


def _table(answer: Answer, cfg: EndpointConfig) -> sparql_html.Table:
    if answer.data is None:  # pragma: no cover - the page always asks for both kinds
        raise QueryError("the answer could not be rendered")
    if len(answer.data) > PAGE_MAX_BYTES:
        raise ResultTooLargeError(
            f"the answer ({len(answer.data)} bytes) is too large to show as a page; "
            "add a LIMIT or use a download link"
        )
    cells = sparql_html.CellMaker(cfg.base_uri, request.script_root + "/")
    if answer.kind == "graph":
        return sparql_html.graph_table(answer.data, cells, PAGE_MAX_ROWS)
    return sparql_html.solutions_table(answer.data, cells, PAGE_MAX_ROWS)


def _downloads(params: Params, kind: str | None) -> list[tuple[str, str, str]]:
    """(label, href, media type) for each format the answer can be downloaded in."""
    if params.query is None or kind is None:
        return []
    offers = conneg.GRAPHS if kind == "graph" else conneg.RESULTS
    base = [("query", params.query)]
    base += [("default-graph-uri", g) for g in params.default_graphs]
    base += [("named-graph-uri", g) for g in params.named_graphs]
    endpoint = url_for("sparql.endpoint")
    return [
        (
            o.names[0].upper(),
            f"{endpoint}?{urlencode([*base, ('format', o.names[0])])}",
            o.media_type,
        )
        for o in offers
    ]
