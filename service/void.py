"""``GET /.well-known/void``: the dataset's VoID description (RFC 5785 well-known location,
as the VoID spec advises), Turtle by default, JSON-LD, N-Triples or RDF/XML by Accept.

Its counts scan the whole store, so the description is computed once and kept until the next
write (a WriteCache: the store's write listener empties it), which keeps it exact right after
a write without recounting on every request.
"""

from __future__ import annotations

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, request
from werkzeug.exceptions import NotAcceptable

from kg.store.base import ResultFormat, Store
from kg.store.terms import rdf_format, to_oxigraph
from kg.vocab import FK_IRI
from kg.void import dataset_iri, void_graph
from service import conneg
from service.backend import get_store
from service.pages.cache import WriteCache

bp = Blueprint("void", __name__)

#: what the description is offered as, Turtle first (the default for a client with no Accept)
OFFERS: tuple[conneg.Offer, ...] = tuple(
    o
    for o in conneg.GRAPHS
    if o.fmt
    in (ResultFormat.TURTLE, ResultFormat.JSONLD, ResultFormat.NTRIPLES, ResultFormat.RDFXML)
)
PREFIXES = {
    "void": "http://rdfs.org/ns/void#",
    "dcterms": "http://purl.org/dc/terms/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "fk": FK_IRI,
}
_cache: WriteCache[list[ox.Triple]] = WriteCache(maxsize=4)


def _base() -> str:
    base = str(current_app.config.get("BASE_URI") or "http://localhost:8080/")
    return base if base.endswith("/") else base + "/"


def _triples(store: Store, base: str) -> list[ox.Triple]:
    """The description as pyoxigraph triples, serialised in Rust per request (rdflib's
    JSON-LD plugin warns of its own deprecations)."""
    dataset = dataset_iri(base)
    ordered = sorted(
        void_graph(store, base), key=lambda t: (t[0] != dataset, str(t[0]), str(t[1]), str(t[2]))
    )  # the dataset first, then one block per subject: a Turtle a person can read
    return [
        ox.Triple(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o))  # type: ignore[arg-type]
        for s, p, o in ordered
    ]


@bp.get("/.well-known/void")
def void() -> Response:
    offer = conneg.negotiate(request.headers.get("Accept"), OFFERS)
    if offer is None or offer.fmt is None:
        raise NotAcceptable(
            f"{request.path}: none of the Accept header's types can be served; offered: "
            + ", ".join(o.media_type for o in OFFERS)
        )
    store = get_store()
    base = _base()
    triples = _cache.get(store, base, lambda: _triples(store, base))
    fmt = rdf_format(offer.fmt)
    assert fmt is not None
    prefixes = PREFIXES if fmt == ox.RdfFormat.TURTLE else None
    body = ox.serialize(triples, format=fmt, prefixes=prefixes) or b""
    resp = Response(body, content_type=offer.content_type)
    resp.headers["Vary"] = "Accept"
    return resp
