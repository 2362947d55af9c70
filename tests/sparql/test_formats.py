"""One test per answer format: each answer is parsed back and compared with what is stored."""

from __future__ import annotations

import csv
import io

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.store.terms import to_rdflib
from tests.conftest import BASE
from tests.sparql import data
from tests.sparql.client import get, post_form

SPEAKERS = (
    "PREFIX fk: <https://w3id.org/factkg/ns#> PREFIX schema: <https://schema.org/> "
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
    "SELECT DISTINCT ?claim ?who WHERE { ?claim a fk:Claim ; schema:author/rdfs:label ?who } "
    "ORDER BY ?claim"
)


def expected_rows() -> list[tuple[str, str]]:
    rows = []
    for i in range(3):
        _, g = data.article(BASE, i)
        for n in range(2):
            claim = data.claim_iri(BASE, i, n)
            author = g.value(claim, URIRef("https://schema.org/author"))
            label = g.value(author, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))
            rows.append((str(claim), str(label)))
    return sorted(rows)


def first_three(rows: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [r for r in rows if r[0] < f"{BASE}claim/c0003"]


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
        ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
        ("text/tab-separated-values", ox.QueryResultsFormat.TSV),
    ],
)
def test_select_formats(url: str, accept: str, fmt: ox.QueryResultsFormat) -> None:
    reply = get(url, accept, query=SPEAKERS)
    assert reply.status == 200
    assert reply.media_type == accept
    results = ox.parse_query_results(reply.body, format=fmt)
    assert isinstance(results, ox.QuerySolutions)
    rows = [(s["claim"].value, s["who"].value) for s in results]
    assert first_three(rows) == expected_rows()


def test_select_csv(url: str) -> None:
    reply = get(url, "text/csv", query=SPEAKERS)
    assert reply.status == 200 and reply.media_type == "text/csv"
    table = list(csv.reader(io.StringIO(reply.body.decode())))
    assert table[0] == ["claim", "who"]
    assert first_three([(a, b) for a, b in table[1:]]) == expected_rows()


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
        ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
        ("text/tab-separated-values", ox.QueryResultsFormat.TSV),
        ("text/csv", ox.QueryResultsFormat.CSV),
    ],
)
def test_ask_formats(url: str, accept: str, fmt: ox.QueryResultsFormat) -> None:
    yes = get(url, accept, query=f"ASK {{ <{data.claim_iri(BASE, 0)}> ?p ?o }}")
    no = get(url, accept, query="ASK { <http://nowhere.example/x> ?p ?o }")
    assert yes.status == no.status == 200
    assert yes.media_type == accept
    if fmt == ox.QueryResultsFormat.CSV:  # lossy: pyoxigraph will not parse it back
        assert (yes.body.strip(), no.body.strip()) == (b"true", b"false")
        return
    assert bool(ox.parse_query_results(yes.body, format=fmt)) is True
    assert bool(ox.parse_query_results(no.body, format=fmt)) is False


GRAPH_FORMATS = [
    ("text/turtle", ox.RdfFormat.TURTLE),
    ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    ("application/ld+json", ox.RdfFormat.JSON_LD),
    ("application/rdf+xml", ox.RdfFormat.RDF_XML),
    ("application/trig", ox.RdfFormat.TRIG),
    ("application/n-quads", ox.RdfFormat.N_QUADS),
]


def claim_graph() -> Graph:
    _, g = data.article(BASE, 1)
    claim = data.claim_iri(BASE, 1)
    out = Graph()
    for p, o in g.predicate_objects(claim):
        out.add((claim, p, o))
    return out


def parse_graph(body: bytes, fmt: ox.RdfFormat) -> Graph:
    """Parsed by pyoxigraph (rdflib's JSON-LD and quad parsers emit deprecation warnings)."""
    out = Graph()
    for q in ox.parse(body, format=fmt):
        out.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    return out


@pytest.mark.parametrize(("accept", "fmt"), GRAPH_FORMATS)
def test_construct_formats(url: str, accept: str, fmt: ox.RdfFormat) -> None:
    claim = data.claim_iri(BASE, 1)
    reply = get(url, accept, query=f"CONSTRUCT WHERE {{ <{claim}> ?p ?o }}")
    assert reply.status == 200
    assert reply.media_type == accept
    assert isomorphic(parse_graph(reply.body, fmt), claim_graph())


@pytest.mark.parametrize(("accept", "fmt"), GRAPH_FORMATS[:4])
def test_describe_formats(url: str, accept: str, fmt: ox.RdfFormat) -> None:
    reply = get(url, accept, query=f"DESCRIBE <{data.claim_iri(BASE, 1)}>")
    assert reply.status == 200
    got = parse_graph(reply.body, fmt)
    assert set(claim_graph()) <= set(got)


@pytest.mark.parametrize(
    ("name", "media_type"),
    [
        ("json", "application/sparql-results+json"),
        ("xml", "application/sparql-results+xml"),
        ("csv", "text/csv"),
        ("tsv", "text/tab-separated-values"),
    ],
)
def test_format_parameter_overrides_accept_for_results(
    url: str, name: str, media_type: str
) -> None:
    reply = get(url, "application/sparql-results+json", query=SPEAKERS, format=name)
    assert reply.status == 200 and reply.media_type == media_type


@pytest.mark.parametrize(
    ("name", "media_type"),
    [
        ("turtle", "text/turtle"),
        ("jsonld", "application/ld+json"),
        ("nt", "application/n-triples"),
        ("rdfxml", "application/rdf+xml"),
        ("trig", "application/trig"),
        ("json", "application/ld+json"),
    ],
)
def test_format_parameter_for_graphs(url: str, name: str, media_type: str) -> None:
    reply = post_form(url, {"query": "CONSTRUCT WHERE { ?s a ?t } LIMIT 3", "format": name})
    assert reply.status == 200 and reply.media_type == media_type


def test_q_values_choose_the_format(url: str) -> None:
    accept = "application/sparql-results+json;q=0.5, text/csv;q=0.9, */*;q=0.1"
    assert get(url, accept, query=SPEAKERS).media_type == "text/csv"
    wildcard = "text/tab-separated-values;q=0.9, text/*;q=0.8, application/*;q=0.1"
    assert get(url, wildcard, query=SPEAKERS).media_type == "text/tab-separated-values"
    assert get(url, "application/*", query=SPEAKERS).media_type == "application/sparql-results+json"
    graph = "application/*;q=0.9, text/turtle;q=0.3"
    assert get(url, graph, query="CONSTRUCT WHERE { ?s a ?t } LIMIT 1").media_type.startswith(
        "application/"
    )


def test_literal_datatypes_survive(url: str) -> None:
    query = (
        "PREFIX schema: <https://schema.org/> "
        f"SELECT ?d WHERE {{ <{BASE}source/s0001> schema:datePublished ?d }}"
    )
    reply = get(url, "application/sparql-results+json", query=query)
    results = ox.parse_query_results(reply.body, format=ox.QueryResultsFormat.JSON)
    assert isinstance(results, ox.QuerySolutions)
    (row,) = list(results)
    date = row["d"]
    assert isinstance(date, ox.Literal)
    expected = Literal("2024-05-02", datatype=URIRef("http://www.w3.org/2001/XMLSchema#date"))
    assert (date.value, date.datatype.value) == (str(expected), str(expected.datatype))
