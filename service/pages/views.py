"""Linked Data pages: every instance IRI is a page for people and RDF for machines.

One URL per resource (``/claim/<id>`` ...) answers HTML or RDF by the Accept header; a
``.ttl``/``.jsonld``/``.nt``/``.rdf`` suffix names the RDF form outright. HTML answers carry
``Link: rel="alternate"`` to the RDF forms and every answer ``Vary: Accept``. Also the home
page, the browsing lists with facets, and full-text search. All article text reaches the
browser through Jinja autoescaping (and graph_svg's escaping); the CSP (service/headers.py)
allows no inline script.
"""

from __future__ import annotations

import re
from typing import Any

from flask import Blueprint, Response, current_app, render_template, request, url_for
from markupsafe import Markup, escape
from werkzeug.exceptions import NotAcceptable, NotFound

from kg import search as fts
from kg.store.base import ResultFormat, Store
from service import conneg, errors
from service.backend import get_store
from service.links import is_web
from service.pages import browse as bq
from service.pages import params, tallies
from service.pages import queries as pq
from service.pages.cache import WriteCache
from service.pages.graph_svg import Neighbour, neighbourhood_svg
from service.pages.highlight import Mark, paragraph_of, paragraphs

bp = Blueprint("pages", __name__)

#: suffix -> (media type, store format); the order is the order of the Link headers
RDF_FORMS: dict[str, tuple[str, ResultFormat]] = {
    "ttl": ("text/turtle", ResultFormat.TURTLE),
    "jsonld": ("application/ld+json", ResultFormat.JSONLD),
    "nt": ("application/n-triples", ResultFormat.NTRIPLES),
    "rdf": ("application/rdf+xml", ResultFormat.RDFXML),
}
HTML = "text/html"
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,200}$")


@bp.app_context_processor
def _template_globals() -> dict[str, Any]:
    sparql = "sparql.endpoint" in current_app.view_functions
    return {
        "sparql_url": url_for("sparql.endpoint") if sparql else "/sparql",
        "local": local_path,
        "web": lambda v: v if is_web(v) else None,
        "short_date": lambda v: (v or "")[:10],
    }


def local_path(value: str) -> str:
    """Our own IRIs link to this server's page (so a test or mirror stays on its host), under
    the app's mount point; other IRIs link out only if http(s), the rest to nowhere ("#").

    ``{base}/evil.example/`` is ours by prefix, but as a path it would be "//evil.example/",
    which a browser reads as another host: such an IRI links as itself."""
    base = _base()
    if value.startswith(base) and not value[len(base) :].startswith(("/", "\\")):
        return f"{request.script_root}/{value[len(base) :]}"
    return value if is_web(value) else "#"


def _base() -> str:
    base = str(current_app.config.get("BASE_URI") or "http://localhost:8080/")
    return base if base.endswith("/") else base + "/"


# offers on a resource URL, HTML first (what a browser with no clear preference gets)
OFFERS: tuple[conneg.Offer, ...] = (
    conneg.HTML,
    *(o for o in conneg.GRAPHS if o.fmt in {f for _, f in RDF_FORMS.values()}),
)


# --- resource pages -----------------------------------------------------------------


@bp.get("/<any(claim, actor, source, event, place, graph):kind>/<name>")
def resource(kind: str, name: str) -> Response:
    ident, dot, suffix = name.partition(".")
    if dot:
        media = RDF_FORMS[suffix][0] if suffix in RDF_FORMS else None
    else:
        chosen = conneg.negotiate(request.headers.get("Accept"), OFFERS)
        if chosen is None:
            raise NotAcceptable(
                f"{request.path}: none of the Accept header's types can be served; offered: "
                + ", ".join(o.media_type for o in OFFERS)
            )
        media = chosen.media_type
        if media == HTML:
            errors.answer_errors_as_html()
    if media is None or not _ID.match(ident):
        raise _missing(kind, name)
    subject = f"{_base()}{kind}/{ident}"
    store = get_store()
    if media != HTML:
        return _rdf(store, kind, subject, media, name)
    page = _RENDER[kind](store, subject)
    if page is None:
        raise _missing(kind, name)
    resp = Response(page, mimetype=HTML)
    path = url_for("pages.resource", kind=kind, name=ident)
    resp.headers["Link"] = ", ".join(
        f'<{path}.{sfx}>; rel="alternate"; type="{m}"' for sfx, (m, _) in RDF_FORMS.items()
    )
    resp.headers["Vary"] = "Accept"
    return resp


def _rdf(store: Store, kind: str, subject: str, media: str, name: str) -> Response:
    fmt = next(f for m, f in RDF_FORMS.values() if m == media)
    if kind == "graph":
        if not store.has_graph(subject):
            raise _missing(kind, name)
        body = pq.rdf(store, pq.graph_query(subject), fmt)
    else:
        if not pq.exists(store, subject):
            raise _missing(kind, name)
        body = pq.rdf(store, pq.describe_query(subject), fmt)
    resp = Response(body, mimetype=media)
    if media.startswith("text/"):
        resp.headers["Content-Type"] = f"{media}; charset=utf-8"
    resp.headers["Vary"] = "Accept"
    return resp


def _missing(kind: str, name: str) -> NotFound:
    """A 404 for errors.py to render (a page for browsers, the JSON shape for machines)."""
    return NotFound(f"{request.path}: no {kind} {name!r} in this knowledge graph")


def _rdf_links(kind: str, ident: str) -> list[tuple[str, str, str]]:
    path = url_for("pages.resource", kind=kind, name=ident)
    names = {"ttl": "Turtle", "jsonld": "JSON-LD", "nt": "N-Triples", "rdf": "RDF/XML"}
    return [(names[sfx], f"{path}.{sfx}", m) for sfx, (m, _) in RDF_FORMS.items()]


def _ident(subject: str) -> str:
    return subject.rsplit("/", 1)[-1]


def _render_claim(store: Store, subject: str) -> str | None:
    view = pq.claim(store, subject)
    if view is None:
        return None
    context: list[Any] = []
    if view.span and view.source_text:
        marks = [Mark(view.span[0], view.span[1], "current")]
        if view.quote_span:
            marks.append(Mark(view.quote_span[0], view.quote_span[1], "quote"))
        context = paragraph_of(view.source_text, view.span[0], view.span[1], marks)
    neighbours: list[Neighbour] = []
    if view.speaker:
        neighbours.append(
            Neighbour(local_path(view.speaker.iri), view.speaker.label, "schema:author", "actor")
        )
    if view.relayer:
        neighbours.append(
            Neighbour(local_path(view.relayer.iri), view.relayer.label, "fk:relayedBy", "actor")
        )
    if view.source:
        neighbours.append(
            Neighbour(local_path(view.source.iri), view.source.label, "schema:appearance", "source")
        )
    for e in view.events[:4]:
        neighbours.append(Neighbour(local_path(e.iri), e.label, "schema:about", "event"))
    for m in view.mentions[:4]:
        neighbours.append(Neighbour(local_path(m.iri), m.label, "schema:mentions", "actor"))
    return render_template(
        "claim.html",
        c=view,
        context=context,
        svg=neighbourhood_svg(view.text, neighbours),
        validation=validation_status(store, view.graph),
        rdf_links=_rdf_links("claim", _ident(subject)),
    )


def _render_actor(store: Store, subject: str) -> str | None:
    n = params.page()
    view = pq.actor(store, subject, n)
    if view is None:
        return None
    return render_template(
        "actor.html",
        a=view,
        n=n,
        url_with=_url_with,
        rdf_links=_rdf_links("actor", _ident(subject)),
    )


def _render_source(store: Store, subject: str) -> str | None:
    view = pq.source(store, subject)
    if view is None:
        return None
    marks = [
        Mark(int(c["start"]), int(c["end"]), "claim", local_path(c["c"]), c["text"])
        for c in view.claims
        if "start" in c
    ]
    return render_template(
        "source.html",
        s=view,
        text=paragraphs(view.text, marks),
        validation=validation_status(store, view.graph),
        rdf_links=_rdf_links("source", _ident(subject)),
    )


def _render_event(store: Store, subject: str) -> str | None:
    view = pq.event(store, subject)
    if view is None:
        return None
    return render_template("event.html", e=view, rdf_links=_rdf_links("event", _ident(subject)))


def _render_place(store: Store, subject: str) -> str | None:
    view = pq.place(store, subject)
    if view is None:
        return None
    return render_template("place.html", p=view, rdf_links=_rdf_links("place", _ident(subject)))


def _render_graph(store: Store, subject: str) -> str | None:
    view = pq.graph(store, subject)
    if view is None:
        return None
    return render_template(
        "graph.html",
        g=view,
        validation=validation_status(store, subject),
        rdf_links=_rdf_links("graph", _ident(subject)),
    )


_RENDER = {
    "claim": _render_claim,
    "actor": _render_actor,
    "source": _render_source,
    "event": _render_event,
    "place": _render_place,
    "graph": _render_graph,
}


# --- validation status, cached per graph until the graph is written --------------------

#: a few thousand graphs' reports; a write anywhere empties it (see service.write_cache)
_validation: WriteCache[tuple[bool, str]] = WriteCache(maxsize=4000)


def validation_status(store: Store, graph: str | None) -> tuple[bool, str] | None:
    """(conforms, report text) of a source's graph in its store context; None: no graph."""
    if graph is None:
        return None

    def validate() -> tuple[bool, str]:
        from kg.validate import validate_graphs  # pyshacl loads on the first claim page

        report = validate_graphs(store, {graph: store.graph(graph)})
        return report.conforms, report.text

    return _validation.get(store, graph, validate)


# --- home, lists, search --------------------------------------------------------------


@bp.get("/")
def home() -> str:
    store = get_store()
    return render_template("home.html", counts=bq.counts(store), recent=bq.recent_sources(store))


def _facets() -> bq.Facets:
    """The list filters from the query string, each checked (service/pages/params.py)."""
    kinds = bq.EVENT_TYPES if request.endpoint == "pages.events" else pq.ACTOR_KINDS
    return bq.Facets(
        speaker=params.iri("speaker"),
        publisher=params.iri("publisher"),
        since=params.iso_date("since"),
        until=params.iso_date("until"),
        kind=params.choice("kind", kinds),
        verdict=params.choice("verdict", tuple(bq.VERDICTS)),
    )


def _labels_for(store: Store, *values: str | None) -> dict[str, str]:
    """Labels of the IRIs a filter names, to show the active filters by name."""
    out: dict[str, str] = {}
    for v in values:
        if v:
            found = pq.one(store, f"SELECT ?l WHERE {{ {pq.iri(v)} rdfs:label ?l }} LIMIT 1")
            out[v] = found["l"] if found else v
    return out


def _url_with(**changes: Any) -> str:
    """This page's URL with some query parameters changed (None removes one).

    Only the parameters pages read are carried over, under the route's own: any other name
    would reach url_for, where ``_external``/``_scheme`` make the link absolute to the
    client's Host header and ``endpoint`` or a route variable breaks the build (a 500)."""
    view_args = request.view_args or {}
    args: dict[str, Any] = {
        k: v for k, v in request.args.items() if k in params.NAMES and k not in view_args
    }
    for k, v in changes.items():
        if v is None:
            args.pop(k, None)
        else:
            args[k] = str(v)
    return url_for(str(request.endpoint), **{**args, **view_args})


@bp.get("/claims")
def claims() -> str:
    store = get_store()
    f = _facets()
    n = params.page()
    page = bq.claims(store, f, n)
    return render_template(
        "claims.html",
        page=page,
        f=f,
        n=n,
        labels=_labels_for(store, f.speaker, f.publisher),
        url_with=_url_with,
    )


@bp.get("/actors")
def actors() -> str:
    f = _facets()
    n = params.page()
    page = bq.actors(get_store(), f, n)
    return render_template("actors.html", page=page, f=f, n=n, url_with=_url_with)


@bp.get("/sources")
def sources() -> str:
    store = get_store()
    f = _facets()
    n = params.page()
    page = bq.sources(store, f, n)
    return render_template(
        "sources.html",
        page=page,
        f=f,
        n=n,
        labels=_labels_for(store, f.publisher),
        url_with=_url_with,
    )


@bp.get("/events")
def events() -> str:
    f = _facets()
    n = params.page()
    page = bq.events(get_store(), f, n)
    return render_template("events.html", page=page, f=f, n=n, url_with=_url_with)


def search_index(store: Store) -> fts.SearchIndex:
    index = fts.index_for(store)
    assert index is not None, "kg.store.open attaches a search index to every store it opens"
    return index


def snippet_markup(snippet: str) -> Markup:
    """An FTS5 snippet with its match markers as <mark>, everything else escaped."""
    out: list[str] = []
    for i, piece in enumerate(re.split(f"[{fts.MARK_OPEN}{fts.MARK_CLOSE}]", snippet)):
        out.append(f"<mark>{escape(piece)}</mark>" if i % 2 else str(escape(piece)))
    return Markup("".join(out))


#: claims a verdict filter looks through: the best matches of the words, then those judged so
JUDGED_WINDOW = 1000


def _judged(index: fts.SearchIndex, q: str, verdict: str, n: int) -> tuple[list[fts.Hit], int]:
    """Claims matching ``q`` that a review judged ``verdict``, page ``n``: the index ranks,
    the tallies say which were judged so (among the best JUDGED_WINDOW matches). As a join
    of the hits (VALUES) with the reviews, the engine read every review (300 ms at 10M
    triples)."""
    t = tallies.of(get_store())
    with t.lock:
        judged = set(t.ahead["verdict"].get(str(bq.VERDICTS[verdict]), ()))
    return index.search(
        q, "claim", limit=20, offset=n * 20, keep=judged.__contains__, among=JUDGED_WINDOW
    )


@bp.get("/search")
def search() -> str:
    q = params.text("q")
    kind = params.choice("kind", fts.KINDS)
    verdict = params.choice("verdict", tuple(bq.VERDICTS))
    n = params.page()
    hits: list[fts.Hit] = []
    total = 0
    if q and verdict:
        hits, total = _judged(search_index(get_store()), q, verdict, n)
    elif q:
        hits, total = search_index(get_store()).search(q, kind, limit=20, offset=n * 20)
    return render_template(
        "search.html",
        q=q,
        kind=kind,
        verdict=verdict,
        verdicts=list(bq.VERDICTS),
        kinds=fts.KINDS,
        hits=hits,
        total=total,
        n=n,
        snippet=snippet_markup,
        url_with=_url_with,
    )
