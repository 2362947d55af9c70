"""Real SPARQL clients against the served endpoint: SPARQLWrapper and rdflib's SPARQLStore."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, POST, TURTLE, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from tests.conftest import BASE
from tests.sparql import data
from tests.sparql.conftest import N_ARTICLES

PREFIXES = "PREFIX fk: <https://w3id.org/factkg/ns#> PREFIX schema: <https://schema.org/> "


def test_sparqlwrapper_select_get_and_post(url: str) -> None:
    for method in ("GET", POST):
        client = SPARQLWrapper(url)
        client.setMethod(method)
        client.setReturnFormat(JSON)
        client.setQuery(PREFIXES + "SELECT (COUNT(?c) AS ?n) WHERE { ?c a fk:Claim }")
        result = client.queryAndConvert()
        assert isinstance(result, dict)
        assert int(result["results"]["bindings"][0]["n"]["value"]) == 2 * N_ARTICLES


def test_sparqlwrapper_ask_and_construct(url: str) -> None:
    client = SPARQLWrapper(url)
    client.setReturnFormat(JSON)
    client.setQuery(f"ASK {{ <{data.claim_iri(BASE, 2)}> a ?t }}")
    assert client.queryAndConvert()["boolean"] is True  # type: ignore[index]

    client = SPARQLWrapper(url)
    client.setReturnFormat(TURTLE)
    claim = data.claim_iri(BASE, 2)
    client.setQuery(f"CONSTRUCT WHERE {{ <{claim}> ?p ?o }}")
    turtle = client.queryAndConvert()
    graph = Graph().parse(data=turtle, format="turtle")
    assert (
        claim,
        URIRef("https://schema.org/text"),
        Literal("police arrested three people"),
    ) in graph


def test_sparqlwrapper_sees_a_bad_query_as_bad(url: str) -> None:
    client = SPARQLWrapper(url)
    client.setReturnFormat(JSON)
    client.setQuery("SELECT * WHERE { ?s ?p")
    try:
        client.queryAndConvert()
    except QueryBadFormed as e:
        assert "SPARQL syntax error" in str(e)
    else:
        raise AssertionError("a malformed query was accepted")


def test_rdflib_sparqlstore(url: str) -> None:
    store = SPARQLStore(url, returnFormat="json")
    graph = Graph(store=store)
    rows = list(
        graph.query(
            PREFIXES
            + "SELECT DISTINCT ?claim ?text WHERE { ?claim a fk:Claim ; schema:text ?text } "
            "ORDER BY ?claim LIMIT 3"
        )
    )
    assert [str(r[0]) for r in rows] == [
        str(data.claim_iri(BASE, 0, 0)),
        str(data.claim_iri(BASE, 0, 1)),
        str(data.claim_iri(BASE, 1, 0)),
    ]  # type: ignore[index]
    assert (data.claim_iri(BASE, 0), None, None) in graph
    store.close()
