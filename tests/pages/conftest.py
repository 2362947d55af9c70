"""Stores for the page tests, filled through the app's own store (so the search index follows).

``site``: a dozen of synthetic articles plus one whose text carries HTML and script markup.
``big_site``: 500 articles, 2,000 claims, built once per session, for paging and facets.
Both are real on-disk Oxigraph stores opened by ``create_app``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask

from kg.convert import to_graph
from service import create_app
from service.backend import get_store
from tests.conftest import BASE
from tests.pages import synth


@dataclass
class Site:
    app: Flask
    store_path: Path
    n_articles: int
    claims_per_article: int


def build_site(store_path: Path, n_articles: int, claims_per_article: int = 4) -> Site:
    app = create_app({"STORE": str(store_path), "BASE_URI": BASE, "TESTING": True})
    with app.app_context():
        store = get_store()
        graphs = dict(synth.graphs(BASE, n_articles, claims_per_article))
        iri, hostile = to_graph(synth.hostile_extraction(), BASE, synth.PROVENANCE)
        graphs[iri] = hostile
        store.replace_graphs(graphs)
    return Site(app, store_path, n_articles, claims_per_article)


def close_site(site: Site) -> None:
    with site.app.app_context():
        get_store().close()


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """Read-only for tests: tests that write build their own store."""
    s = build_site(tmp_path_factory.mktemp("site") / "store", 12)
    yield s
    close_site(s)


@pytest.fixture(scope="session")
def big_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    s = build_site(tmp_path_factory.mktemp("big") / "store", 500)
    yield s
    close_site(s)


@pytest.fixture
def site_url(site: Site, serve: Callable[[Flask], str]) -> str:
    return serve(site.app)
