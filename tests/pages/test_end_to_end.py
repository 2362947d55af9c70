"""The real pipeline (spaCy extraction, linking, conversion, validation) on examples/, then
every page a person would open, over a real socket."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from flask import Flask

from kg.pipeline import Ingester
from service import create_app
from service.backend import get_store
from tests.conftest import BASE, EXAMPLES
from tests.pages.client import get

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    inputs = sorted(p for p in EXAMPLES.glob("*") if p.suffix in (".txt", ".html"))
    if not inputs:
        pytest.skip("no examples/ articles")
    app = create_app({"STORE": str(tmp_path_factory.mktemp("e2e") / "store"), "BASE_URI": BASE})
    with app.app_context():
        report = Ingester(get_store(), BASE).ingest_paths(inputs)
        assert report.sources, report.summary()
    yield app
    with app.app_context():
        get_store().close()


def test_every_claim_page_of_the_examples(ingested: Flask, serve: Callable[[Flask], str]) -> None:
    url = serve(ingested)
    with ingested.app_context():
        rows = get_store().select(
            """SELECT ?c ?text ?speaker WHERE { ?c a <https://w3id.org/factkg/ns#Claim> ;
            <https://schema.org/text> ?text ; <https://schema.org/author>/
            <http://www.w3.org/2000/01/rdf-schema#label> ?speaker }"""
        )
    assert rows
    for row in rows:
        path = "/" + str(row["c"])[len(BASE) :]
        page = get(url + path)
        assert page.status == 200, path
        assert 'class="badge ok"' in page.text, path  # the pipeline only writes valid graphs
        assert 'class="span current' in page.text, path  # its span, highlighted in context
        speaker = str(row["speaker"]).replace("&", "&amp;").replace("'", "&#39;")
        assert speaker in page.text, path


def test_sources_highlight_their_claims_and_search_finds_them(
    ingested: Flask, serve: Callable[[Flask], str]
) -> None:
    url = serve(ingested)
    sources = get(url + "/sources").links("/source/")
    assert sources
    for path in sources:
        page = get(url + path)
        found = re.search(r'<dd class="claim-count">(\d+)</dd>', page.text)
        assert found is not None, path
        linked = set(re.findall(r'<a class="span claim[^"]*" href="(/claim/[0-9a-f]+)"', page.text))
        assert len(linked) == int(found.group(1)), path  # every claim's span is a link to it
    with ingested.app_context():
        row = get_store().select(
            """SELECT ?c ?q ?name WHERE { ?c <https://w3id.org/factkg/ns#quote> ?q ;
            <https://schema.org/author>/<http://www.w3.org/2000/01/rdf-schema#label> ?name }
            LIMIT 1"""
        )[0]
    claim = "/" + str(row["c"])[len(BASE) :]
    word = max(re.findall(r"\w+", str(row["q"])), key=len)
    assert claim in get(f"{url}/search?q={word}&kind=claim").links("/claim/")
    name = str(row["name"]).split()[-1]
    assert claim in get(f"{url}/search?q={name}&kind=claim").links("/claim/")
