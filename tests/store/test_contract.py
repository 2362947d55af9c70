"""The store contract (kg/store/base.py), run against every backend.

``any_store`` is the embedded OxigraphStore on disk, then a RemoteStore talking to a real
`oxigraph serve` started without --union-default-graph (so union semantics come from us).
"""

from __future__ import annotations

import csv
import io
import json
import re
import warnings
from collections.abc import Collection

import pyoxigraph as ox
import pytest
from rdflib import RDF, RDFS, XSD, BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.term import Node

from kg.errors import QueryError, StoreError
from kg.store import ResultFormat, Store

from .samples import (
    ACTOR,
    CLAIM_A,
    CLAIM_B,
    FK,
    GRAPH_A,
    GRAPH_B,
    OA,
    SCHEMA,
    SOURCE_A,
    SOURCE_B,
    both,
    graph_a,
    graph_b,
)

PREFIXES = (
    "PREFIX fk: <https://w3id.org/factkg/ns#> PREFIX schema: <https://schema.org/> "
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
)
CLAIMS_BY_ACTOR = (
    PREFIXES
    + "SELECT DISTINCT ?claim ?text WHERE { ?claim schema:author ?who ; schema:text ?text . "
    "?who rdfs:label 'China' } ORDER BY ?claim"
)
RESULT_FORMATS = [
    ResultFormat.SPARQL_JSON,
    ResultFormat.SPARQL_XML,
    ResultFormat.CSV,
    ResultFormat.TSV,
]
GRAPH_FORMATS = [
    ResultFormat.TURTLE,
    ResultFormat.NTRIPLES,
    ResultFormat.RDFXML,
    ResultFormat.JSONLD,
    ResultFormat.TRIG,
    ResultFormat.NQUADS,
]
RDFLIB_FORMAT = {
    ResultFormat.TURTLE: "turtle",
    ResultFormat.NTRIPLES: "nt",
    ResultFormat.RDFXML: "xml",
    ResultFormat.JSONLD: "json-ld",
    ResultFormat.TRIG: "trig",
    ResultFormat.NQUADS: "nquads",
}


def assert_isomorphic(got: Graph, expected: Graph) -> None:
    if not isomorphic(got, expected):
        _, only_got, only_expected = graph_diff(to_isomorphic(got), to_isomorphic(expected))
        pytest.fail(
            "graphs differ\nonly in result:\n"
            + only_got.serialize(format="nt")
            + "only expected:\n"
            + only_expected.serialize(format="nt")
        )


def parse_rdf(data: bytes, fmt: ResultFormat) -> dict[str, Graph]:
    """Parse with rdflib (not with the Oxigraph that wrote it): graph name -> triples."""
    with warnings.catch_warnings():
        # rdflib 7.6's TriG, N-Quads and JSON-LD parsers use its own deprecated classes
        warnings.filterwarnings("ignore", category=DeprecationWarning, module="rdflib")
        if fmt not in (ResultFormat.TRIG, ResultFormat.NQUADS):
            return {"": Graph().parse(data=data, format=RDFLIB_FORMAT[fmt])}
        dataset = Dataset()
        dataset.parse(data=data, format=RDFLIB_FORMAT[fmt])
    return {str(g.identifier): g for g in dataset.graphs() if len(g)}


def union(*graphs: Graph) -> Graph:
    out = Graph()
    for g in graphs:
        out += g
    return out


# writes -------------------------------------------------------------------------------------


def test_replace_graphs_stores_each_named_graph(any_store: Store) -> None:
    any_store.replace_graphs(both())
    assert any_store.graph_iris() == [GRAPH_A, GRAPH_B]
    assert_isomorphic(any_store.graph(GRAPH_A), graph_a())
    assert_isomorphic(any_store.graph(GRAPH_B), graph_b())


def test_replace_graphs_replaces_and_leaves_other_graphs(any_store: Store) -> None:
    any_store.replace_graphs(both())
    smaller = Graph()
    smaller.add((CLAIM_A, SCHEMA.text, Literal("rewritten")))
    any_store.replace_graphs({GRAPH_A: smaller})
    assert_isomorphic(any_store.graph(GRAPH_A), smaller)
    assert_isomorphic(any_store.graph(GRAPH_B), graph_b())


def test_replace_graphs_is_idempotent(any_store: Store) -> None:
    any_store.replace_graphs(both())
    before = any_store.dump(ResultFormat.NQUADS)
    count = any_store.count_triples()
    any_store.replace_graphs(both())
    assert any_store.count_triples() == count == len(graph_a()) + len(graph_b())
    assert sorted(any_store.dump(ResultFormat.NQUADS).splitlines()) == sorted(before.splitlines())


def test_replace_graphs_with_nothing_writes_nothing(any_store: Store) -> None:
    calls: list[object] = []
    any_store.add_listener(lambda store, graphs: calls.append(graphs))
    any_store.replace_graphs({})
    assert any_store.graph_iris() == []
    assert calls == []


def test_remove_graph(any_store: Store) -> None:
    any_store.replace_graphs(both())
    any_store.remove_graph(GRAPH_A)
    assert any_store.graph_iris() == [GRAPH_B]
    assert len(any_store.graph(GRAPH_A)) == 0
    # the shared actor's triples still come from the other graph
    assert any_store.ask(f"ASK {{ <{ACTOR}> <{RDFS.label}> 'China' }}")
    assert not any_store.ask(f"ASK {{ <{CLAIM_A}> ?p ?o }}")


def test_a_missing_graph_is_empty(any_store: Store) -> None:
    any_store.replace_graphs({GRAPH_B: graph_b()})
    assert len(any_store.graph(GRAPH_A)) == 0


def test_remove_missing_graph_is_silent(any_store: Store) -> None:
    any_store.replace_graphs({GRAPH_B: graph_b()})
    any_store.remove_graph(GRAPH_A)
    assert any_store.graph_iris() == [GRAPH_B]


def test_update_then_query(any_store: Store) -> None:
    any_store.update(
        f"INSERT DATA {{ GRAPH <{GRAPH_A}> {{ <{CLAIM_A}> <{SCHEMA.text}> 'inserted' }} }}"
    )
    assert any_store.graph_iris() == [GRAPH_A]
    assert any_store.select(f"SELECT ?t WHERE {{ <{CLAIM_A}> ?p ?t }}") == [
        {"t": Literal("inserted")}
    ]


# reads: the union default graph ---------------------------------------------------------------


def test_select_sees_the_union_of_named_graphs(any_store: Store) -> None:
    any_store.replace_graphs(both())
    rows = any_store.select(CLAIMS_BY_ACTOR)
    assert rows == [
        {"claim": CLAIM_A, "text": graph_a().value(CLAIM_A, SCHEMA.text)},
        {"claim": CLAIM_B, "text": Literal("Beijing denies the camps exist")},
    ]


def test_union_repeats_a_triple_that_two_graphs_state(any_store: Store) -> None:
    """Oxigraph's union default graph is a bag, not an RDF merge: a triple stated in two
    graphs (the shared actor's label) matches twice. Queries that join through shared
    nodes need DISTINCT. Pinned so a change in this behaviour is seen."""
    any_store.replace_graphs(both())
    rows = any_store.select(f"SELECT ?l WHERE {{ <{ACTOR}> <{RDFS.label}> ?l }}")
    assert rows == [{"l": Literal("China")}, {"l": Literal("China")}]
    distinct = any_store.select(f"SELECT DISTINCT ?l WHERE {{ <{ACTOR}> <{RDFS.label}> ?l }}")
    assert distinct == [{"l": Literal("China")}]
    by_graph = any_store.select(
        f"SELECT ?g WHERE {{ GRAPH ?g {{ <{ACTOR}> <{RDFS.label}> ?l }} }} ORDER BY ?g"
    )
    assert by_graph == [{"g": URIRef(GRAPH_A)}, {"g": URIRef(GRAPH_B)}]


def test_select_keeps_terms_exact_and_leaves_unbound_out(any_store: Store) -> None:
    any_store.replace_graphs(both())
    rows = any_store.select(
        PREFIXES + "SELECT ?s ?date ?verb WHERE { ?s a fk:Source . "
        "OPTIONAL { ?s schema:datePublished ?date } "
        "OPTIONAL { ?c schema:appearance ?s ; fk:reportingVerb ?verb FILTER(?verb = 'deny') } "
        "} ORDER BY ?s"
    )
    assert rows == [
        {"s": SOURCE_A, "date": Literal("2019-05-17", datatype=XSD.date)},
        {"s": SOURCE_B, "verb": Literal("deny")},
    ]
    roles = any_store.select(f"SELECT ?r WHERE {{ <{ACTOR}> <{FK.role}> ?r }} ORDER BY ?r")
    assert roles == [{"r": Literal("Beijing", lang="en")}, {"r": Literal("government", lang="en")}]
    start = any_store.select(f"SELECT ?n WHERE {{ ?span <{OA.start}> ?n }}")
    assert start == [{"n": Literal(0)}]


def test_stored_literals_come_back_canonical(any_store: Store) -> None:
    """Typed literals are kept by value, their lexical forms canonical. Oxigraph also folds
    derived integer types (xsd:nonNegativeInteger, the data model's offset type) into
    xsd:integer; Virtuoso keeps the type. Either way the value and the form are pinned."""
    g = Graph()
    span = URIRef(f"{SOURCE_A}#char=1,24")
    g.add((span, OA.start, Literal("01", datatype=XSD.nonNegativeInteger)))
    g.add((span, OA.end, Literal("1.50", datatype=XSD.decimal)))
    g.add((span, RDFS.label, Literal("2019-05-17", datatype=XSD.date)))
    any_store.replace_graphs({GRAPH_A: g})
    got = any_store.graph(GRAPH_A)
    start = got.value(span, OA.start)
    assert isinstance(start, Literal) and str(start) == "1" and start.toPython() == 1
    assert start.datatype in (XSD.integer, XSD.nonNegativeInteger)
    got.remove((span, OA.start, None))
    expected = Graph()
    expected.add((span, OA.end, Literal("1.5", datatype=XSD.decimal)))
    expected.add((span, RDFS.label, Literal("2019-05-17", datatype=XSD.date)))
    assert_isomorphic(got, expected)


def test_select_on_empty_store(any_store: Store) -> None:
    rows = any_store.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    # nothing but the backend's own graphs (Virtuoso's), which nothing lists or counts
    assert {str(row["g"]) for row in rows} <= set(any_store.foreign_graphs)
    assert any_store.graph_iris() == []
    assert any_store.count_triples() == 0


def test_ask(any_store: Store) -> None:
    any_store.replace_graphs(both())
    assert any_store.ask(f"ASK {{ <{CLAIM_B}> <{SCHEMA.author}> <{ACTOR}> }}")
    assert not any_store.ask(f"ASK {{ <{CLAIM_B}> <{SCHEMA.author}> <{CLAIM_A}> }}")


def test_construct_across_graphs(any_store: Store) -> None:
    any_store.replace_graphs(both())
    got = any_store.construct(
        PREFIXES + "CONSTRUCT { ?c schema:author ?a . ?a rdfs:label ?l } "
        "WHERE { ?c schema:author ?a . ?a rdfs:label ?l }"
    )
    expected = Graph()
    for claim in (CLAIM_A, CLAIM_B):
        expected.add((claim, SCHEMA.author, ACTOR))
    expected.add((ACTOR, RDFS.label, Literal("China")))
    assert_isomorphic(got, expected)


def test_has_graph(any_store: Store) -> None:
    assert not any_store.has_graph(str(GRAPH_A))
    any_store.replace_graphs(both())
    assert any_store.has_graph(str(GRAPH_A)) and any_store.has_graph(str(GRAPH_B))
    any_store.remove_graph(str(GRAPH_A))
    assert not any_store.has_graph(str(GRAPH_A)) and any_store.has_graph(str(GRAPH_B))


def test_has_graph_refuses_what_is_not_an_iri(any_store: Store) -> None:
    """Checked before it is pasted into a query: "x> {} } ; DROP ALL ; ASK { <y" is no IRI."""
    any_store.replace_graphs(both())
    for bad in ("not an iri", "http://x/> { } } ASK { GRAPH <http://y/"):
        with pytest.raises(QueryError, match="not an absolute IRI"):
            any_store.has_graph(bad)


def test_count_triples_counts_quads(any_store: Store) -> None:
    any_store.replace_graphs(both())
    assert any_store.count_triples() == len(graph_a()) + len(graph_b())


# serialised results ------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", RESULT_FORMATS, ids=lambda f: f.name)
def test_query_serialized_select(any_store: Store, fmt: ResultFormat) -> None:
    any_store.replace_graphs(both())
    data = any_store.query_serialized(CLAIMS_BY_ACTOR, fmt)
    if fmt is ResultFormat.CSV:  # pyoxigraph cannot read CSV back; it loses term kinds anyway
        rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))
        assert [r["claim"] for r in rows] == [str(CLAIM_A), str(CLAIM_B)]
        assert rows[0]["text"] == str(graph_a().value(CLAIM_A, SCHEMA.text))
        return
    results = ox.parse_query_results(data, format=ox.QueryResultsFormat.from_media_type(fmt))
    assert isinstance(results, ox.QuerySolutions)
    got = [(s["claim"], s["text"]) for s in results]
    assert [c.value for c, _ in got] == [str(CLAIM_A), str(CLAIM_B)]
    assert got[0][1] == ox.Literal(str(graph_a().value(CLAIM_A, SCHEMA.text)))


@pytest.mark.parametrize("fmt", RESULT_FORMATS, ids=lambda f: f.name)
def test_query_serialized_ask(any_store: Store, fmt: ResultFormat) -> None:
    any_store.replace_graphs(both())
    data = any_store.query_serialized(f"ASK {{ <{CLAIM_A}> ?p ?o }}", fmt)
    if fmt is ResultFormat.CSV:
        assert data.strip() == b"true"
        return
    result = ox.parse_query_results(data, format=ox.QueryResultsFormat.from_media_type(fmt))
    assert isinstance(result, ox.QueryBoolean) and bool(result)


@pytest.mark.parametrize("fmt", GRAPH_FORMATS, ids=lambda f: f.name)
def test_query_serialized_construct(any_store: Store, fmt: ResultFormat) -> None:
    any_store.replace_graphs(both())
    query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o FILTER(?s = <{CLAIM_A}>) }}"
    data = any_store.query_serialized(query, fmt)
    expected = Graph()
    for p, o in graph_a().predicate_objects(CLAIM_A):
        expected.add((CLAIM_A, p, o))
    assert_isomorphic(union(*parse_rdf(data, fmt).values()), expected)


@pytest.mark.parametrize("fmt", GRAPH_FORMATS, ids=lambda f: f.name)
def test_select_results_do_not_fit_a_graph_format(any_store: Store, fmt: ResultFormat) -> None:
    with pytest.raises(QueryError, match="cannot hold query results"):
        any_store.query_serialized("SELECT * WHERE { ?s ?p ?o }", fmt)


@pytest.mark.parametrize("fmt", RESULT_FORMATS, ids=lambda f: f.name)
def test_a_graph_does_not_fit_a_results_format(any_store: Store, fmt: ResultFormat) -> None:
    with pytest.raises(QueryError, match="cannot hold a graph"):
        any_store.query_serialized("CONSTRUCT WHERE { ?s ?p ?o }", fmt)


# dumps ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", [ResultFormat.TRIG, ResultFormat.NQUADS], ids=lambda f: f.name)
def test_dump_round_trips_every_named_graph(any_store: Store, fmt: ResultFormat) -> None:
    any_store.replace_graphs(both())
    data = any_store.dump(fmt)
    named = parse_rdf(data, fmt)
    assert sorted(named) == [GRAPH_A, GRAPH_B]
    assert_isomorphic(named[GRAPH_A], graph_a())
    assert_isomorphic(named[GRAPH_B], graph_b())
    # and it loads back into a fresh store unchanged
    reloaded = ox.Store()
    reloaded.load(data, format=ox.RdfFormat.from_media_type(fmt))
    assert len(reloaded) == len(graph_a()) + len(graph_b())


def test_dump_refuses_a_format_without_graphs(any_store: Store) -> None:
    with pytest.raises(StoreError, match="TriG or N-Quads"):
        any_store.dump(ResultFormat.TURTLE)


def test_dump_of_empty_store_is_empty(any_store: Store) -> None:
    assert any_store.dump(ResultFormat.NQUADS).strip() == b""


# listeners -------------------------------------------------------------------------------------


def test_listeners_hear_every_write_with_the_graphs_it_touched(any_store: Store) -> None:
    heard: list[tuple[Store, Collection[str] | None]] = []
    any_store.add_listener(lambda store, graphs: heard.append((store, graphs)))
    any_store.replace_graphs(both())
    any_store.remove_graph(GRAPH_A)
    any_store.update(f"DROP SILENT GRAPH <{GRAPH_B}>", touched=[GRAPH_B])
    any_store.update("DROP SILENT GRAPH <http://factkg.test/graph/none>")
    assert [(s is any_store, g) for s, g in heard] == [
        (True, [GRAPH_A, GRAPH_B]),
        (True, [GRAPH_A]),
        (True, [GRAPH_B]),
        (True, None),
    ]


def test_listeners_hear_nothing_when_a_write_fails(any_store: Store) -> None:
    heard: list[object] = []
    any_store.add_listener(lambda store, graphs: heard.append(graphs))
    with pytest.raises(QueryError):
        any_store.update("INSERT DAT { }", touched=[GRAPH_A])
    assert heard == []


# errors -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "call",
    [
        lambda s: s.select("SELEC ?s WHERE { ?s ?p ?o }"),
        lambda s: s.ask("ASK { ?s ?p }"),
        lambda s: s.construct("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o"),
        lambda s: s.query_serialized("SELECT * WHERE { ?s ?p ?o } LIMIT x", ResultFormat.CSV),
        lambda s: s.update("INSERT DAT { <http://a> <http://b> <http://c> }"),
    ],
    ids=["select", "ask", "construct", "query_serialized", "update"],
)
def test_malformed_sparql_is_a_query_error(any_store: Store, call: object) -> None:
    with pytest.raises(QueryError) as caught:
        call(any_store)  # type: ignore[operator]
    # a message with the position and what was expected there reaches the user (ours for the
    # embedded store, kg.sparql; the remote server's own otherwise)
    message = str(caught.value)
    assert re.search(r"line 1, column \d+|1:\d+", message) and "expected" in message, message


@pytest.mark.parametrize(
    ("method", "query", "wanted"),
    [
        ("select", "ASK { ?s ?p ?o }", "SELECT"),
        ("ask", "SELECT * WHERE { ?s ?p ?o }", "ASK"),
        ("construct", "SELECT * WHERE { ?s ?p ?o }", "CONSTRUCT"),
    ],
)
def test_query_of_the_wrong_form_is_a_query_error(
    any_store: Store, method: str, query: str, wanted: str
) -> None:
    with pytest.raises(QueryError, match=f"expected an? {wanted}"):
        getattr(any_store, method)(query)


def test_a_failed_update_changes_nothing(any_store: Store) -> None:
    any_store.replace_graphs({GRAPH_B: graph_b()})
    # the second operation fails after the first one ran: the request is applied whole or not
    # at all (both backends here are transactional per update request)
    with pytest.raises((QueryError, StoreError)):
        any_store.update(
            f"DROP GRAPH <{GRAPH_B}> ; "
            f"INSERT DATA {{ GRAPH <{GRAPH_A}> {{ <{CLAIM_A}> <{RDF.type}> <{FK.Claim}> }} }} ; "
            f"DROP GRAPH <{GRAPH_A}/never-created>"
        )
    assert any_store.graph_iris() == [GRAPH_B]
    assert_isomorphic(any_store.graph(GRAPH_B), graph_b())


def test_query_results_are_json_the_service_can_relay(any_store: Store) -> None:
    any_store.replace_graphs(both())
    data = json.loads(any_store.query_serialized(CLAIMS_BY_ACTOR, ResultFormat.SPARQL_JSON))
    assert sorted(data["head"]["vars"]) == ["claim", "text"]
    assert [b["claim"]["value"] for b in data["results"]["bindings"]] == [
        str(CLAIM_A),
        str(CLAIM_B),
    ]


INJECTION = f"{GRAPH_A}> ; DROP ALL ; DROP SILENT GRAPH <{GRAPH_B}"


@pytest.mark.parametrize(
    "call",
    [
        lambda s: s.remove_graph(INJECTION),
        lambda s: s.graph(INJECTION),
        lambda s: s.replace_graphs({INJECTION: graph_a()}),
        lambda s: s.replace_graphs({GRAPH_A: graph_a(), "not absolute": graph_b()}),
        lambda s: s.replace_graphs({GRAPH_A: graph_with_a_space()}),
        lambda s: s.replace_graphs({GRAPH_A: graph_with(BNode(f"b0 }} }} ; {INJECTED}"))}),
        lambda s: s.replace_graphs(
            {GRAPH_A: graph_with(Literal("x", datatype=URIRef(f"http://x/> }} }} ; {INJECTED}")))}
        ),
    ],
    ids=["remove_graph", "graph", "replace_graphs", "relative", "term", "blank", "datatype"],
)
def test_bad_iris_are_refused_before_anything_runs(any_store: Store, call: object) -> None:
    any_store.replace_graphs(both())
    heard: list[object] = []
    any_store.add_listener(lambda store, graphs: heard.append(graphs))
    with pytest.raises(QueryError, match="IRI|code point|blank node label"):
        call(any_store)  # type: ignore[operator]
    assert any_store.graph_iris() == [GRAPH_A, GRAPH_B]
    assert_isomorphic(any_store.graph(GRAPH_A), graph_a())
    assert heard == []


INJECTED = f"DROP ALL ; INSERT DATA {{ GRAPH <{GRAPH_B}> {{ <http://x/a> <http://x/b> <http://x/c"


def graph_with(value: Node) -> Graph:
    """graph_a with one more statement whose object is ``value``."""
    g = graph_a()
    g.add((URIRef("http://factkg.test/claim/a"), RDFS.label, value))  # type: ignore[arg-type]
    return g


def graph_with_a_space() -> Graph:
    g = graph_a()
    g.add((URIRef("http://factkg.test/claim/a 1"), RDFS.label, Literal("x")))
    return g


def test_an_evaluation_failure_is_a_store_error(any_store: Store) -> None:
    # Oxigraph refuses to call port 1: the query is well formed, its evaluation fails
    # (on the server, after a 200 status has gone out)
    query = "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }"
    with pytest.raises(StoreError):
        any_store.select(query)
    with pytest.raises(StoreError):
        any_store.query_serialized(query, ResultFormat.SPARQL_JSON)
