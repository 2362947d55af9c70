"""Links on pages: only http(s) IRIs are clickable; our own links follow the mount point."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator
from urllib.parse import quote

import pytest
from flask import Flask
from rdflib import RDF
from werkzeug.exceptions import NotFound
from werkzeug.middleware.dispatcher import DispatcherMiddleware

from kg.convert import to_graph
from kg.namespace import FK
from kg.readers.html import read_html
from service import create_app
from service.backend import get_store
from tests.conftest import BASE
from tests.pages import synth
from tests.pages.client import get

EVIL_URL = "javascript:alert(document.cookie)"
PREFIX = "/factkg"


@pytest.fixture(scope="module")
def evil_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Flask, dict[str, str]]]:
    """A store holding one article whose URL is a javascript: IRI, the app mounted at PREFIX."""
    app = create_app({"STORE": str(tmp_path_factory.mktemp("evil") / "store"), "BASE_URI": BASE})
    ex = synth.hostile_extraction()
    ex = dataclasses.replace(ex, article=dataclasses.replace(ex.article, url=EVIL_URL))
    iri, g = to_graph(ex, BASE, synth.PROVENANCE)
    with app.app_context():
        get_store().replace_graphs({iri: g})
    paths = {
        kind: "/" + str(next(g.subjects(RDF.type, cls)))[len(BASE) :]
        for kind, cls in [("claim", FK.Claim), ("source", FK.Source)]
    }
    app.wsgi_app = DispatcherMiddleware(NotFound(), {PREFIX: app.wsgi_app})  # type: ignore[method-assign]
    yield app, paths
    with app.app_context():
        get_store().close()


def _hrefs(html: str) -> list[str]:
    return re.findall(r'href="([^"]*)"', html)


def test_non_http_urls_are_not_links(
    evil_app: tuple[Flask, dict[str, str]], serve: Callable[[Flask], str]
) -> None:
    app, paths = evil_app
    url = serve(app) + PREFIX
    for kind, path in paths.items():
        page = get(url + path, accept="text/html")
        assert page.status == 200, kind
        assert not [h for h in _hrefs(page.text) if h.lower().startswith("javascript:")], kind
    source = get(url + paths["source"], accept="text/html").text
    assert "javascript:alert(document.cookie)" in source  # still shown, as text


def test_sparql_table_links_only_http_iris(
    evil_app: tuple[Flask, dict[str, str]], serve: Callable[[Flask], str]
) -> None:
    app, _ = evil_app
    url = serve(app) + PREFIX
    query = (
        'SELECT ?x ?y WHERE { BIND(IRI("javascript:alert(1)") AS ?x) '
        "BIND(<https://example.org/a> AS ?y) }"
    )
    page = get(f"{url}/sparql?query={quote(query)}", accept="text/html")
    assert page.status == 200
    hrefs = _hrefs(page.text)
    assert "https://example.org/a" in hrefs
    assert not [h for h in hrefs if h.lower().startswith("javascript:")]
    assert "javascript:alert(1)" in page.text


def test_own_links_keep_the_mount_point(
    evil_app: tuple[Flask, dict[str, str]], serve: Callable[[Flask], str]
) -> None:
    app, paths = evil_app
    url = serve(app) + PREFIX
    page = get(url + paths["claim"], accept="text/html").text
    local = [h for h in _hrefs(page) if h.startswith("/") and not h.startswith("/static")]
    assert local and all(h.startswith(PREFIX + "/") for h in local), local
    source = paths["source"]
    assert f'href="{PREFIX}{source}"' in page
    assert get(url + source, accept="text/html").status == 200


def test_html_reader_drops_non_http_urls() -> None:
    page = (
        "<html><head><title>Minister speaks</title>"
        f'<link rel="canonical" href="{EVIL_URL}"><meta property="og:url" content="{EVIL_URL}">'
        "</head><body><article><h1>Minister speaks</h1>"
        + "<p>The minister said the budget would grow by ten percent next year.</p>" * 3
        + "</article></body></html>"
    )
    assert read_html(page, "evil.html").url is None
    assert read_html(page, "evil.html", url=EVIL_URL).url is None
    assert read_html(page, "ok.html", url="https://news.example/a").url == "https://news.example/a"
