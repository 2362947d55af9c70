"""/actors is cached per store until the next write; the home counts and the unfiltered
facets come from tallies kept in step with writes (service/pages/tallies.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from flask import Flask

from kg.convert import to_graph
from service import create_app
from service.backend import get_store
from service.pages import browse as bq
from service.pages import queries as pq
from service.pages import tallies
from tests.conftest import BASE
from tests.pages import synth
from tests.pages.client import get

HOSTILE_ESCAPED = "Eve &lt;b&gt;Bold&lt;/b&gt; &amp; Co"


def test_scans_are_cached_and_a_write_refreshes_them(
    tmp_path: Path, serve: Callable[[Flask], str]
) -> None:
    app = create_app({"STORE": f"{tmp_path}/store", "BASE_URI": BASE})
    url = serve(app)
    with app.app_context():
        store = get_store()
        store.replace_graphs(dict(synth.graphs(BASE, 2)))
        try:
            before = get(url + "/", accept="text/html").text
            actors = get(url + "/actors", accept="text/html").text
            assert HOSTILE_ESCAPED not in actors
            # a second look is served from the cache: the very same objects
            assert bq._sorted_actors(store, None) is bq._sorted_actors(store, None)
            assert tallies.of(store) is tallies.of(store)
            claims_before = bq.counts(store)["claims"]

            iri, g = to_graph(synth.hostile_extraction(), BASE, synth.PROVENANCE)
            store.replace_graphs({iri: g})

            assert HOSTILE_ESCAPED in get(url + "/actors", accept="text/html").text
            assert bq.counts(store)["claims"] == claims_before + 1
            after = get(url + "/", accept="text/html").text
            assert str(claims_before + 1) in after and after != before
        finally:
            store.close()


def test_tallies_follow_writes_as_a_recount_would(
    tmp_path: Path, serve: Callable[[Flask], str]
) -> None:
    """Counted once, then adjusted per write (added, replaced, removed graphs, an update
    whose graphs are not known): always what counting the whole store again gives."""
    app = create_app({"STORE": f"{tmp_path}/store", "BASE_URI": BASE})
    serve(app)
    with app.app_context():
        store = get_store()
        try:
            graphs = dict(synth.graphs(BASE, 6))
            store.replace_graphs(dict(list(graphs.items())[:3]))
            t = tallies.of(store)
            assert t.total("claim") == 12
            store.replace_graphs(dict(list(graphs.items())[3:]))
            iri, g = to_graph(synth.hostile_extraction(), BASE, synth.PROVENANCE)
            store.replace_graphs({iri: g})
            store.remove_graph(next(iter(graphs)))
            assert t.counts == tallies._read(store, None)
            assert t.total("claim") == 21 and t.total("source") == 6
            okafor = BASE + "actor/amara-okafor"
            said = pq.one(
                store, f"SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE {{ ?c schema:author <{okafor}> }}"
            )
            assert said is not None and t.top("speaker")[0] == (okafor, int(said["n"]))
            store.update(f"DROP GRAPH <{iri}>")  # graphs not named to the listeners
            assert t.counts == tallies._read(store, None)
            assert bq.counts(store)["claims"] == 20
        finally:
            store.close()
