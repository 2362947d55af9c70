"""The fast engine (shacl) that accepts writes and the reference (pyshacl) agree on every verdict.

Writes are accepted by the compiled ``shacl`` engine alone (kg/validate.py), so a graph it
accepts and pyshacl would refuse would be stored invalid. These tests hold the two engines to
the same verdict on every fixture, on the graphs real ingest produces (the evaluation articles,
the examples, fact-checks, each with its store context), and on graphs mutated from those the
way bad input breaks them: a statement lost, one too many, a literal of the wrong kind, a node
of the wrong class, a blank node where an IRI belongs.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import RDF, XSD, BNode, Graph, Literal
from rdflib.term import Node

from kg.pipeline import Ingester
from kg.store import OxigraphStore
from kg.validate import context_for, fast_conforms, reference_report

HERE = Path(__file__).parent
REPO = HERE.parent.parent
FIXTURES = sorted((HERE / "valid").glob("*.ttl")) + sorted((HERE / "invalid").glob("*.ttl"))
ARTICLES = (
    sorted((REPO / "tests" / "data" / "eval").glob("*.txt"))
    + sorted((REPO / "examples").glob("*.txt"))
    + sorted((REPO / "examples").glob("*.html"))
    + [REPO / "examples" / "factchecks.json"]
    + sorted((REPO / "tests" / "data" / "claimreview").glob("*.json"))
)


def _verdicts(data: Graph) -> tuple[bool, bool]:
    return fast_conforms(data), reference_report(data).conforms


@pytest.mark.parametrize("path", FIXTURES, ids=[f"{p.parent.name}/{p.stem}" for p in FIXTURES])
def test_fixture_verdicts_agree(path: Path) -> None:
    fast, reference = _verdicts(Graph().parse(path))
    assert fast == reference
    assert reference == (path.parent.name == "valid")


@pytest.fixture(scope="module")
def ingested(extractor: Any, tmp_path_factory: pytest.TempPathFactory) -> list[Graph]:
    """Every graph ingest stored from the evaluation articles, examples and fact-checks, each
    with the store context it is validated in."""
    store = OxigraphStore(tmp_path_factory.mktemp("engines") / "store")
    report = Ingester(store, "http://factkg.test/", extractor=extractor).ingest_paths(ARTICLES)
    assert not report.refused, report.refused
    out = []
    for iri in store.graph_iris():
        graph = store.graph(iri)
        out.append(graph + context_for(store, {iri: graph}))
    store.close()
    return out


def test_ingested_graphs_are_accepted_by_both(ingested: list[Graph]) -> None:
    assert len(ingested) >= len(ARTICLES)  # fact-check files hold several reviews
    for data in ingested:
        assert _verdicts(data) == (True, True)


_LITERALS: list[Node] = [
    Literal(""),
    Literal("x"),
    Literal("x", lang="en"),
    Literal(-1),
    Literal(3),
    Literal(1.5),
    Literal(True),
    Literal("2021-01-01", datatype=XSD.date),
    Literal("2021-13-45", datatype=XSD.date),
    Literal("2021-01-01T10:00:00", datatype=XSD.dateTime),
    Literal("x", datatype=XSD.anyURI),
    Literal("5", datatype=XSD.nonNegativeInteger),
]


def _mutated(base: Graph, rnd: random.Random, count: int) -> Iterator[Graph]:
    g = Graph()
    g += base
    for _ in range(count):
        triples = sorted(g)
        if not triples:
            break
        s, p, o = rnd.choice(triples)
        kind = rnd.randrange(8)
        if kind == 0:  # a statement lost
            g.remove((s, p, o))
        elif kind == 1:  # one value too many
            others = sorted({t[2] for t in triples if t[1] == p and t[2] != o})
            if others:
                g.add((s, p, rnd.choice(others)))
        elif kind == 2:  # a literal of the wrong kind
            g.remove((s, p, o))
            g.add((s, p, rnd.choice(_LITERALS)))
        elif kind == 3:  # a node where another belongs
            g.remove((s, p, o))
            g.add((s, p, rnd.choice(sorted({t[0] for t in triples}))))
        elif kind == 4:  # an untyped node
            g.remove((s, RDF.type, None))
        elif kind == 5:  # a node of another class too
            g.add((s, RDF.type, rnd.choice(sorted(set(g.objects(None, RDF.type))))))
        elif kind == 6:  # a blank node where an IRI or literal belongs
            g.remove((s, p, o))
            g.add((s, p, BNode()))
        else:  # every value of a property gone
            g.remove((s, p, None))
    yield g


@settings(
    max_examples=250,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(which=st.integers(min_value=0), seed=st.integers(0, 2**32 - 1), count=st.integers(1, 3))
def test_mutated_graphs_get_the_same_verdict(
    ingested: list[Graph], which: int, seed: int, count: int
) -> None:
    bases = ingested + [Graph().parse(p) for p in FIXTURES[:3]]
    base = bases[which % len(bases)]
    for data in _mutated(base, random.Random(seed), count):
        fast, reference = _verdicts(data)
        assert fast == reference, data.serialize(format="turtle")
