"""The SPARQL 1.1 Service Description: GET /sparql without a query."""

from __future__ import annotations

from collections.abc import Callable

import pyoxigraph as ox
import pytest
from flask import Flask
from rdflib import Graph, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF

from kg.store.terms import to_rdflib
from tests.sparql.client import get

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")


def parse(body: bytes, fmt: ox.RdfFormat) -> Graph:
    out = Graph()
    for t in ox.parse(body, format=fmt):
        out.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    return out


def test_turtle_by_default(url: str) -> None:
    reply = get(url)
    assert reply.status == 200 and reply.media_type == "text/turtle"
    g = parse(reply.body, ox.RdfFormat.TURTLE)
    (service,) = g.subjects(RDF.type, SD.Service)
    assert (service, SD.endpoint, URIRef(url)) in g
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in g
    assert (service, SD.supportedLanguage, SD.SPARQL11Update) not in g  # no API_TOKEN
    assert (service, SD.feature, SD.UnionDefaultGraph) in g
    assert (service, SD.feature, SD.BasicFederatedQuery) not in g
    formats = set(g.objects(service, SD.resultFormat))
    assert {FORMATS.SPARQL_Results_JSON, FORMATS.SPARQL_Results_CSV, FORMATS["JSON-LD"]} <= formats
    dataset = g.value(service, SD.defaultDataset)
    assert (dataset, RDF.type, SD.Dataset) in g
    assert g.value(dataset, SD.defaultGraph) is not None


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("application/ld+json", ox.RdfFormat.JSON_LD),
        ("application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("application/rdf+xml", ox.RdfFormat.RDF_XML),
        ("application/trig", ox.RdfFormat.TRIG),
    ],
)
def test_other_rdf_formats(url: str, accept: str, fmt: ox.RdfFormat) -> None:
    reply = get(url, accept)
    assert reply.status == 200 and reply.media_type == accept
    turtle = parse(get(url).body, ox.RdfFormat.TURTLE)
    assert isomorphic(parse(reply.body, fmt), turtle)


def test_a_browser_gets_the_editor(url: str) -> None:
    reply = get(url, "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
    assert reply.status == 200 and reply.media_type == "text/html"
    assert b"<textarea" in reply.body


def test_406_for_the_description(url: str) -> None:
    assert get(url, "image/png").status == 406


def test_updates_and_federation_when_configured(
    make_app: Callable[..., Flask], serve: Callable[[Flask], str]
) -> None:
    app = make_app(API_TOKEN="t", FEDERATION_ALLOWLIST="https://query.wikidata.org/")
    url = serve(app) + "/sparql"
    g = parse(get(url).body, ox.RdfFormat.TURTLE)
    (service,) = g.subjects(RDF.type, SD.Service)
    assert (service, SD.supportedLanguage, SD.SPARQL11Update) in g
    assert (service, SD.feature, SD.BasicFederatedQuery) in g
