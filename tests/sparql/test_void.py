"""GET /.well-known/void: the VoID description counts what the store holds, right after every
write (its cached answer is dropped by the store's write listener), and says how many links
go to Wikidata and GeoNames; the query editor's link examples find the documented links."""

from __future__ import annotations

import json
from collections.abc import Callable

import pyoxigraph as ox
import pytest
from flask import Flask
from rdflib import OWL, Graph, Literal, URIRef
from rdflib.namespace import VOID
from rdflib.term import Node

from service import void as void_service
from service.backend import get_store
from service.sparql.examples import BY_SLUG
from tests.conftest import BASE
from tests.sparql import data
from tests.sparql.client import get
from tests.sparql.conftest import N_ARTICLES

FK = "https://w3id.org/factkg/ns#"
DATASET = URIRef(f"{BASE}.well-known/void#factkg")
WIKIDATA = URIRef("http://www.wikidata.org/entity/")
GEONAMES = URIRef("http://sws.geonames.org/")
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
PREFIXES = """
@prefix fk: <https://w3id.org/factkg/ns#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <https://schema.org/> .
@prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> .
@prefix wd: <http://www.wikidata.org/entity/> .
@prefix wdt: <http://www.wikidata.org/prop/direct/> .
"""
L1, L2 = f"{BASE}graph/links-1", f"{BASE}graph/links-2"
#: links in the documented shape, in two graphs: Li Wei -> Q1001 (a NATO member, linked by
#: both articles: one distinct sameAs triple), China -> Q148 and GeoNames 1814991, and a new
#: place in Colombia with an event and a claim about it
LINKS = {
    L1: f"""
<{BASE}actor/li-wei> owl:sameAs wd:Q1001 .
<{L1}#link-1> a fk:Link ; rdf:subject <{BASE}actor/li-wei> ; rdf:predicate owl:sameAs ;
    rdf:object wd:Q1001 ; fk:linkScore 0.91 ; fk:linker "wikidata/1" .
wd:Q1001 rdfs:label "Li Wei"@en ; schema:description "diplomat"@en ; wdt:P463 wd:Q7184 .
<{BASE}actor/china> owl:sameAs wd:Q148, <http://sws.geonames.org/1814991/> .
<{L1}#link-2> a fk:Link ; rdf:subject <{BASE}actor/china> ; rdf:predicate owl:sameAs ;
    rdf:object wd:Q148 ; fk:linkScore 0.97 ; fk:linker "wikidata/1" .
<{L1}#link-3> a fk:Link ; rdf:subject <{BASE}actor/china> ; rdf:predicate owl:sameAs ;
    rdf:object <http://sws.geonames.org/1814991/> ; fk:linkScore 0.99 ; fk:linker "geonames/1" .
""",
    L2: f"""
<{BASE}actor/li-wei> owl:sameAs wd:Q1001 .
<{L2}#link-1> a fk:Link ; rdf:subject <{BASE}actor/li-wei> ; rdf:predicate owl:sameAs ;
    rdf:object wd:Q1001 ; fk:linkScore 0.85 ; fk:linker "wikidata/1" .
<{BASE}event/cucuta> a fk:Event ; rdfs:label "arrest in Cúcuta" ;
    sem:hasPlace <{BASE}place/cucuta> .
<{BASE}place/cucuta> a fk:Place ; rdfs:label "Cúcuta" ;
    owl:sameAs <http://sws.geonames.org/3685533/> .
<{L2}#link-2> a fk:Link ; rdf:subject <{BASE}place/cucuta> ; rdf:predicate owl:sameAs ;
    rdf:object <http://sws.geonames.org/3685533/> ; fk:linkScore 0.8 ; fk:linker "geonames/1" .
<http://sws.geonames.org/3685533/> rdfs:label "Cúcuta"@en ;
    schema:description "city in Colombia"@en ;
    <http://www.geonames.org/ontology#parentCountry> <http://sws.geonames.org/3686110/> .
<{BASE}claim/cucuta> a fk:Claim ; schema:text "the arrest was lawful" ;
    schema:author <{BASE}actor/li-wei> ; schema:about <{BASE}event/cucuta> .
""",
}


def link_graphs() -> dict[str, Graph]:
    return {iri: Graph().parse(data=PREFIXES + ttl, format="turtle") for iri, ttl in LINKS.items()}


def void(base: str, accept: str | None = None) -> Graph:
    reply = get(base + "/.well-known/void", accept)
    assert reply.status == 200, reply.body[:300]
    if accept is None:
        assert reply.media_type == "text/turtle"
    return Graph().parse(data=reply.body, format="turtle")


def number(g: Graph, subject: Node, predicate: URIRef) -> int:
    value = g.value(subject, predicate)
    assert isinstance(value, Literal), (subject, predicate)
    return int(value.toPython())


def partitions(g: Graph) -> dict[str, int]:
    return {
        str(g.value(p, VOID["class"]))[len(FK) :]: number(g, p, VOID.entities)
        for p in g.objects(DATASET, VOID.classPartition)
    }


def linksets(g: Graph) -> dict[URIRef, int]:
    out = {}
    for s in g.objects(DATASET, VOID.subset):
        assert g.value(s, VOID.linkPredicate) == OWL.sameAs
        targets = set(g.objects(s, VOID.target))
        assert DATASET in targets and len(targets) == 2
        (other,) = targets - {DATASET}
        assert isinstance(other, URIRef)
        out[other] = number(g, s, VOID.triples)
    return out


@pytest.fixture
def base(app: Flask, serve: Callable[[Flask], str]) -> str:
    return serve(app)


def test_void_counts_the_store_and_follows_a_write(app: Flask, base: str) -> None:
    articles = data.graphs(BASE, N_ARTICLES)
    g = void(base)
    assert (DATASET, None, VOID.Dataset) in g
    assert number(g, DATASET, VOID.triples) == sum(len(a) for a in articles.values())
    assert partitions(g) == {
        "Claim": 2 * N_ARTICLES,
        "Actor": len(data.KINDS),
        "Event": N_ARTICLES,
        "Place": 1,
        "Source": N_ARTICLES,
    }
    assert number(g, DATASET, VOID.entities) == sum(partitions(g).values())
    before = linksets(g)  # whatever links the sample data holds
    assert set(before) == {WIKIDATA, GEONAMES}
    assert g.value(DATASET, VOID.sparqlEndpoint) == URIRef(f"{BASE}sparql")
    assert str(g.value(DATASET, VOID.uriSpace)) == BASE
    assert URIRef(FK) in set(g.objects(DATASET, VOID.vocabulary))
    assert str(g.value(WIKIDATA, VOID.uriSpace)) == str(WIKIDATA)

    links = link_graphs()
    with app.app_context():
        get_store().replace_graphs(links)  # a write through the store, not the endpoint

    after = void(base)  # no wait, no restart: the cached description was dropped
    expected = sum(len(a) for a in articles.values()) + sum(len(x) for x in links.values())
    assert number(after, DATASET, VOID.triples) == expected
    assert partitions(after)["Claim"] == 2 * N_ARTICLES + 1
    assert partitions(after)["Event"] == N_ARTICLES + 1
    assert partitions(after)["Place"] == 2
    # Li Wei's link is in both graphs: one distinct triple
    assert linksets(after) == {WIKIDATA: before[WIKIDATA] + 2, GEONAMES: before[GEONAMES] + 2}

    with app.app_context():
        get_store().remove_graph(L2)
    assert linksets(void(base)) == {WIKIDATA: before[WIKIDATA] + 2, GEONAMES: before[GEONAMES] + 1}


def test_void_is_computed_once_between_writes(app: Flask, base: str) -> None:
    """The counts are kept (a scan of the whole store on a big one) until a write."""
    first = get(base + "/.well-known/void")
    assert get(base + "/.well-known/void").body == first.body
    with app.app_context():
        store = get_store()
        assert void_service._cache.get(store, BASE, lambda: []) != []
        store.replace_graphs(link_graphs())
        assert void_service._cache.get(store, BASE, lambda: []) == []


def test_void_negotiates_json_ld_and_other_forms(base: str) -> None:
    reply = get(base + "/.well-known/void", "application/ld+json")
    assert reply.status == 200 and reply.media_type == "application/ld+json"
    assert isinstance(json.loads(reply.body), list | dict)
    parsed = ox.parse(reply.body, format=ox.RdfFormat.JSON_LD)
    dataset_type = ox.Triple(ox.NamedNode(DATASET), RDF_TYPE, ox.NamedNode(VOID.Dataset))
    assert dataset_type in {q.triple for q in parsed}
    for media, fmt in (("application/n-triples", "nt"), ("application/rdf+xml", "xml")):
        reply = get(base + "/.well-known/void", media)
        assert reply.status == 200 and reply.media_type == media
        assert (DATASET, None, VOID.Dataset) in Graph().parse(data=reply.body, format=fmt)
    assert get(base + "/.well-known/void", "text/csv").status == 406


@pytest.mark.parametrize(
    ("slug", "expected"),
    [
        ("actors-in-wikidata", {"Li Wei", "China"}),
        ("claims-by-members", {"the arrest was lawful", "police arrested three people"}),
        ("events-in-a-country", {"the arrest was lawful"}),
    ],
)
def test_the_link_examples_find_the_links(
    app: Flask, base: str, slug: str, expected: set[str]
) -> None:
    with app.app_context():
        get_store().replace_graphs(link_graphs())
    reply = get(base + "/sparql", "application/sparql-results+json", query=BY_SLUG[slug].query)
    assert reply.status == 200, reply.body[:300]
    values = {b["value"] for r in reply.json()["results"]["bindings"] for b in r.values()}
    assert expected <= values, values
