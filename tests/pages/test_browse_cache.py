"""/actors and the home counts are cached per store until the next write."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from flask import Flask

from kg.convert import to_graph
from service import create_app
from service.backend import get_store
from service.pages import browse as bq
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
            assert bq.counts(store) is bq.counts(store)
            claims_before = bq.counts(store)["claims"]

            iri, g = to_graph(synth.hostile_extraction(), BASE, synth.PROVENANCE)
            store.replace_graphs({iri: g})

            assert HOSTILE_ESCAPED in get(url + "/actors", accept="text/html").text
            assert bq.counts(store)["claims"] == claims_before + 1
            after = get(url + "/", accept="text/html").text
            assert str(claims_before + 1) in after and after != before
        finally:
            store.close()
