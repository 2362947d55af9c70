"""``GET /dumps/...``: the whole dataset for download, streamed graph by graph.

``factkg.trig`` and ``factkg.nq`` hold every named graph (what ``factkg export`` writes);
``claimreview.jsonld`` the fact-checks as a schema.org ClaimReview DataFeed. Each is written
while it is sent, one source's graph at a time, so a store of millions of triples is never
held in memory as one document; the VoID description names them as its ``void:dataDump``s.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox
from flask import Blueprint, Response, stream_with_context

from kg.claimreview_export import feed
from kg.store.base import Store
from service.backend import get_store

bp = Blueprint("dumps", __name__)

DUMPS = {
    "factkg.trig": "application/trig",
    "factkg.nq": "application/n-quads",
    "claimreview.jsonld": "application/ld+json",
}


@bp.get("/dumps/<name>")
def dump(name: str) -> Response:
    if name not in DUMPS:
        from werkzeug.exceptions import NotFound

        raise NotFound(f"no dump named {name!r}: there are {', '.join(DUMPS)}")
    store = get_store()
    chunks = {
        "factkg.trig": _trig,
        "factkg.nq": _nquads,
        "claimreview.jsonld": _claimreviews,
    }[name](store)
    response = Response(stream_with_context(chunks), mimetype=DUMPS[name])
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _nquads(store: Store) -> Iterator[bytes]:
    for graph in store.graph_iris():
        yield "".join(f"{q} .\n" for q in sorted(store.quads(graph), key=str)).encode()


def _trig(store: Store) -> Iterator[bytes]:
    for graph in store.graph_iris():
        lines = [f"{ox.Triple(q.subject, q.predicate, q.object)} .\n" for q in store.quads(graph)]
        yield (f"<{graph}> {{\n" + "".join(sorted(lines)) + "}\n").encode()


def _claimreviews(store: Store) -> Iterator[bytes]:
    for piece in feed(store):
        yield piece.encode()
