"""Pages show an actor's or place's links to Wikidata and GeoNames as the store keeps them
(docs/data-model.md, "Links to Wikidata and GeoNames"): the entity's label and description,
its id as a link out, the best score and its linker; a non-http(s) sameAs stays text."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask
from rdflib import Graph

from kg.ids import actor_iri, slug
from service.backend import get_store
from tests.conftest import BASE
from tests.pages.client import get
from tests.pages.conftest import Site, build_site, close_site
from tests.pages.synth import PLACES, PROLIFIC

ACTOR = actor_iri(PROLIFIC, BASE)
PLACE = f"{BASE}place/{slug(PLACES[0])}"
LINKS_GRAPH = f"{BASE}graph/links-test"

#: two articles' judgements of the same link (0.81 and 0.93: the page shows the best), a
#: GeoNames link of a place, and a hostile sameAs
PREFIXES = """
@prefix fk: <https://w3id.org/factkg/ns#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <https://schema.org/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix wd: <http://www.wikidata.org/entity/> .
@prefix wdt: <http://www.wikidata.org/prop/direct/> .
"""
LINKS = {
    LINKS_GRAPH: f"""
  <{ACTOR}> owl:sameAs wd:Q90001234, <javascript:alert(1)> .
  <{LINKS_GRAPH}#link-a> a fk:Link ; rdf:subject <{ACTOR}> ; rdf:predicate owl:sameAs ;
      rdf:object wd:Q90001234 ; fk:linkScore 0.81 ; fk:linker "wikidata/1" ;
      prov:wasGeneratedBy <{LINKS_GRAPH}#linking> .
  wd:Q90001234 rdfs:label "Amara Okafor"@en, "Amara Okafor (fr)"@fr ;
      schema:description "Kenyan interior minister"@en ; wdt:P463 wd:Q7184 .
  <{PLACE}> owl:sameAs <http://sws.geonames.org/2332459/> .
  <{LINKS_GRAPH}#link-b> a fk:Link ; rdf:subject <{PLACE}> ; rdf:predicate owl:sameAs ;
      rdf:object <http://sws.geonames.org/2332459/> ; fk:linkScore 0.88 ;
      fk:linker "geonames/1" .
  <http://sws.geonames.org/2332459/> rdfs:label "Lagos"@en ;
      schema:description "city in Nigeria"@en .
""",
    f"{LINKS_GRAPH}-2": f"""
  <{ACTOR}> owl:sameAs wd:Q90001234 .
  <{LINKS_GRAPH}-2#link-a> a fk:Link ; rdf:subject <{ACTOR}> ; rdf:predicate owl:sameAs ;
      rdf:object wd:Q90001234 ; fk:linkScore 0.93 ; fk:linker "wikidata/1" .
  wd:Q90001234 rdfs:label "Amara Okafor"@en ; schema:description "Kenyan interior minister"@en .
""",
}


def link_graphs() -> dict[str, Graph]:
    return {iri: Graph().parse(data=PREFIXES + ttl, format="turtle") for iri, ttl in LINKS.items()}


@pytest.fixture(scope="module")
def linked_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    site = build_site(Path(tmp_path_factory.mktemp("linked")) / "store", 4)
    with site.app.app_context():
        get_store().replace_graphs(link_graphs())
    yield site
    close_site(site)


@pytest.fixture
def url(linked_site: Site, serve: Callable[[Flask], str]) -> str:
    return serve(linked_site.app)


def section(html: str) -> str:
    found = re.search(r'<section class="external">.*?</section>', html, re.DOTALL)
    assert found, "no Elsewhere section"
    return found.group(0)


def test_the_actor_page_shows_the_wikidata_entity(url: str) -> None:
    reply = get(url + "/actor/" + ACTOR.rsplit("/", 1)[-1])
    assert reply.status == 200
    links = section(reply.text)
    assert "Wikidata" in links
    assert re.search(
        r'<a href="https?://www\.wikidata\.org/entity/Q90001234"[^>]*>Wikidata Q90001234</a>', links
    )
    assert "Amara Okafor" in links and "Kenyan interior minister" in links
    assert "(fr)" not in links  # the English label only
    assert "score 0.93" in links and "wikidata/1" in links  # the best of the two articles'
    assert "0.81" not in links


def test_a_javascript_same_as_stays_text(url: str) -> None:
    links = section(get(url + "/actor/" + ACTOR.rsplit("/", 1)[-1]).text)
    assert "<code>javascript:alert(1)</code>" in links
    assert 'href="javascript:' not in links


def test_the_place_page_shows_the_geonames_feature(url: str) -> None:
    reply = get(url + "/place/" + PLACE.rsplit("/", 1)[-1])
    assert reply.status == 200
    links = section(reply.text)
    assert re.search(
        r'<a href="http://sws\.geonames\.org/2332459/"[^>]*>GeoNames 2332459</a>', links
    )
    assert "city in Nigeria" in links and "score 0.88" in links and "geonames/1" in links


def test_the_claim_page_shows_its_speakers_links(url: str, linked_site: Site) -> None:
    with linked_site.app.app_context():
        found = get_store().select(
            f"SELECT ?c WHERE {{ ?c <https://schema.org/author> <{ACTOR}> }} LIMIT 1"
        )
    claim = str(found[0]["c"])
    links = section(get(url + "/claim/" + claim.rsplit("/", 1)[-1]).text)
    assert f'<span class="of">{PROLIFIC}:</span>' in links
    assert "Wikidata Q90001234" in links and "Kenyan interior minister" in links


def test_a_page_without_links_has_no_elsewhere_section(url: str, linked_site: Site) -> None:
    with linked_site.app.app_context():
        found = get_store().select(
            "SELECT ?a WHERE { ?a a <https://w3id.org/factkg/ns#Actor> "
            f"FILTER(?a != <{ACTOR}>) }} LIMIT 1"
        )
    reply = get(url + "/actor/" + str(found[0]["a"]).rsplit("/", 1)[-1])
    assert reply.status == 200 and 'class="external"' not in reply.text
