"""RDF files -> rdflib Graphs by graph name, parsed by pyoxigraph; syntax errors name the line."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import XSD

from kg.errors import ReaderError
from kg.readers.rdf import read_rdf
from kg.store.terms import to_rdflib

FK = "https://w3id.org/factkg/ns#"
SCHEMA = "https://schema.org/"
GRAPH_A = "http://factkg.test/graph/a1b2"
GRAPH_B = "http://factkg.test/graph/c3d4"

TRIG = f"""\
@prefix fk: <{FK}> .
@prefix schema: <{SCHEMA}> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

<http://factkg.test/source/1> a fk:Source .

<{GRAPH_A}> {{
  <http://factkg.test/claim/1> a fk:Claim ;
      schema:text "The cable was not cut."@en ;
      schema:dateCreated "2024-03-05"^^xsd:date ;
      fk:speaker [ a fk:Actor ; schema:name "Jane Doe" ] .
}}

<{GRAPH_B}> {{
  <http://factkg.test/claim/2> a fk:Claim ;
      schema:text "Le câble n'a pas été coupé."@fr ;
      fk:confidence 0.75 .
}}
"""


def test_trig_export_round_trip() -> None:
    """What a store exports as TriG comes back graph by graph, blank nodes and all."""
    store = ox.Store()
    store.load(TRIG.encode(), ox.RdfFormat.TRIG)
    exported = store.dump(format=ox.RdfFormat.TRIG)
    assert exported is not None
    graphs = read_rdf(exported, "export.trig", "trig")
    assert set(graphs) == {None, GRAPH_A, GRAPH_B}
    assert graphs[GRAPH_A].identifier == URIRef(GRAPH_A)
    for name, graph in graphs.items():  # the store's own quads, converted as the store does
        expected = Graph()
        where = ox.NamedNode(name) if name else ox.DefaultGraph()
        for q in store.quads_for_pattern(None, None, None, where):
            expected.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
        assert isomorphic(graph, expected), name
    claim = URIRef("http://factkg.test/claim/1")
    assert graphs[GRAPH_A].value(claim, URIRef(SCHEMA + "text")) == Literal(
        "The cable was not cut.", lang="en"
    )
    assert graphs[GRAPH_A].value(claim, URIRef(SCHEMA + "dateCreated")) == Literal(
        "2024-03-05", datatype=XSD.date
    )
    assert len(graphs[None]) == 1


@pytest.mark.parametrize("fmt", ["n-quads", "nq", ".nq", "application/n-quads"])
def test_nquads_named_by_suffix_or_media_type(fmt: str) -> None:
    data = f'<http://a> <{SCHEMA}name> "x" <{GRAPH_A}> .\n<http://a> <{SCHEMA}name> "y" .\n'
    graphs = read_rdf(data.encode(), "x.nq", fmt)
    assert {k: len(g) for k, g in graphs.items()} == {GRAPH_A: 1, None: 1}


def test_turtle_and_ntriples_go_to_the_default_graph() -> None:
    assert list(read_rdf(b"<http://a> <http://b> <http://c> .", "x.nt", "nt")) == [None]
    ttl = b"@prefix s: <https://schema.org/> .\n<http://a> s:name 'x', 'y' ."
    assert len(read_rdf(ttl, "x.ttl", "text/turtle")[None]) == 2


def test_jsonld_with_schema_org_context_is_read_from_the_local_copy() -> None:
    doc = {
        "@context": "https://schema.org",
        "@id": "http://factkg.test/r/1",
        "@type": "ClaimReview",
        "url": "https://check.example.org/r1",
        "datePublished": "2024-01-02",
    }
    [graph] = read_rdf(json.dumps(doc).encode(), "r.jsonld", "application/ld+json").values()
    node = URIRef("http://factkg.test/r/1")
    assert graph.value(node, URIRef(SCHEMA + "url")) == URIRef("https://check.example.org/r1")
    assert (node, None, URIRef(SCHEMA + "ClaimReview")) in graph


def test_syntax_error_names_the_file_and_line() -> None:
    bad = TRIG.replace('"Jane Doe" ]', '"Jane Doe ]')
    with pytest.raises(ReaderError) as err:
        read_rdf(bad.encode(), "broken.trig", "trig")
    line = next(i for i, s in enumerate(bad.splitlines(), 1) if '"Jane Doe ]' in s)
    message = str(err.value)
    assert message.startswith("broken.trig: not valid trig:")
    assert f"line {line}" in message


def test_jsonld_syntax_error_names_line_and_column() -> None:
    with pytest.raises(ReaderError, match=r"broken.jsonld: not valid JSON at line 2, column"):
        read_rdf(b'{"@id": "http://a",\n "http://b": }', "broken.jsonld", "json-ld")


def test_unknown_format_and_rdf_star_are_refused() -> None:
    with pytest.raises(ReaderError, match="unknown RDF format 'rdf/xml'"):
        read_rdf(b"<x/>", "x.rdf", "rdf/xml")
    with pytest.raises(ReaderError, match="RDF-star"):
        read_rdf(b"<< <http://a> <http://b> <http://c> >> <http://d> <http://e> .", "s.ttl", "ttl")


def test_deep_turtle_nesting_is_read() -> None:
    """pyoxigraph's Turtle parser keeps its own stack: deep blank nodes do not crash it."""
    deep = "<http://a> <http://p> " + "[ <http://p> " * 20_000 + "1" + " ]" * 20_000 + " ."
    assert len(read_rdf(deep.encode(), "deep.ttl", "turtle")[None]) == 20_001
