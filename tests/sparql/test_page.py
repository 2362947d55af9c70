"""The query editor a browser gets at /sparql: examples, results as a linked table, downloads."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest

from service.sparql.examples import EXAMPLES
from tests.sparql.client import get

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
CLAIM = (
    "PREFIX fk: <https://w3id.org/factkg/ns#> "
    "SELECT DISTINCT ?claim ?type WHERE { ?claim a fk:Claim, ?type } ORDER BY ?claim LIMIT 4"
)


def links(body: bytes) -> list[str]:
    return [html.unescape(h) for h in re.findall(r'href="([^"]+)"', body.decode())]


def test_editor_without_a_query(url: str) -> None:
    reply = get(url, BROWSER)
    assert reply.status == 200 and reply.media_type == "text/html"
    page = reply.body.decode()
    assert '<form class="sparql-form" action="/sparql" method="get">' in page
    assert html.escape(EXAMPLES[0].query, quote=False) in page
    for example in EXAMPLES:
        assert example.title in page
    assert "sparql.js" in page and "sparql.css" in page
    assert "script-src 'self'" in reply.headers["content-security-policy"]


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.slug for e in EXAMPLES])
def test_every_example_finds_something(url: str, example: Any) -> None:
    """The examples teach the data model: each must match data built from it."""
    reply = get(url, "application/sparql-results+json, application/n-triples", query=example.query)
    assert reply.status == 200, reply.body[:300]
    if reply.media_type == "application/n-triples":
        assert reply.body.count(b"\n") >= 1
    else:
        assert reply.json()["results"]["bindings"], example.slug


def test_results_table_links_our_iris_to_local_pages(url: str) -> None:
    reply = get(url, BROWSER, query=CLAIM)
    assert reply.status == 200
    page = reply.body.decode()
    assert "<table" in page and "4 rows" in page
    hrefs = links(reply.body)
    assert "/claim/c0000x0" in hrefs  # http://factkg.test/claim/... served here
    assert "https://w3id.org/factkg/ns#Claim" in hrefs  # other IRIs link out
    assert ">fk:Claim<" in page


def test_download_links_give_each_format(url: str) -> None:
    page = get(url, BROWSER, query=CLAIM)
    downloads = re.findall(r'<a href="([^"]+)" type="([^"]+)" download>', page.body.decode())
    assert {t for _, t in downloads} == {
        "application/sparql-results+json",
        "application/sparql-results+xml",
        "text/csv",
        "text/tab-separated-values",
    }
    for href, media_type in downloads:
        reply = get(urljoin(url, html.unescape(href)), BROWSER)
        assert reply.status == 200 and reply.media_type == media_type


def test_graph_answers_render_and_download(url: str) -> None:
    construct = EXAMPLES[-1].query
    reply = get(url, BROWSER, query=construct)
    assert reply.status == 200
    assert '<th scope="col">subject</th>' in reply.body.decode()
    types = set(re.findall(r'type="([^"]+)" download', reply.body.decode()))
    assert {"text/turtle", "application/ld+json", "application/n-triples"} <= types


def test_ask_renders_a_boolean(url: str) -> None:
    reply = get(url, BROWSER, query="ASK { ?s ?p ?o }")
    assert '<p class="boolean">true</p>' in reply.body.decode()


def test_errors_show_in_the_page_with_the_query_kept(url: str) -> None:
    bad = "SELECT * WHERE { ?s ?p"
    reply = get(url, BROWSER, query=bad)
    assert reply.status == 400 and reply.media_type == "text/html"
    page = reply.body.decode()
    assert 'role="alert"' in page and "SPARQL syntax error at line 1, column 23" in page
    assert f">{html.escape(bad, quote=False)}</textarea>" in page


def test_format_html_forces_the_page(url: str) -> None:
    reply = get(url, "application/sparql-results+json", query=CLAIM, format="html")
    assert reply.media_type == "text/html"


def test_script_escapes_nothing_into_the_page(url: str) -> None:
    reply = get(url, BROWSER, query='SELECT ("<script>alert(1)</script>" AS ?x) {}')
    assert b"<script>alert(1)</script>" not in reply.body
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in reply.body


# in a real browser ------------------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.mark.browser
def test_in_chromium_an_example_runs_with_ctrl_enter(url: str, browser: Any) -> None:
    context = browser.new_context()
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.goto(url)
    page.click("a.example[data-slug=claims-by-speaker]")  # JS loads it into the editor
    assert "schema:author" in page.input_value("#sparql-query")
    assert "query=" not in page.url  # loaded, not run
    page.focus("#sparql-query")
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("table.results")
    assert page.locator("table.results tbody tr").count() > 0
    assert page.locator("table.results a.local").count() > 0
    assert problems == []  # no script error, no CSP violation
    context.close()


@pytest.mark.browser
def test_in_chromium_without_javascript_the_form_still_works(url: str, browser: Any) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(url)
    page.fill("#sparql-query", "ASK { ?s ?p ?o }")
    page.click("form.sparql-form button[type=submit]")
    page.wait_for_selector("p.boolean")
    assert page.inner_text("p.boolean") == "true"
    page.click("a.example[data-slug=actors-by-kind]")  # without JS the link runs it
    page.wait_for_selector("table.results")
    assert "fk:Person" in page.inner_text("table.results")
    context.close()
