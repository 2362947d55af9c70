"""The shared-facts index gives validation and reconciliation the answers the quad store gives.

A store opened as the CLI and the service open it (``open_store``) answers "what do other
sources say about this actor" from kg.shared_facts; a bare ``OxigraphStore`` answers from its
quads. Both must store the same graphs from the same articles, give the same validation
context for every graph, and stay the same through replacements, removals and a writer killed
between its write and the index's update.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from rdflib import RDFS, Graph

from kg import search, shared_facts
from kg.pipeline import Ingester
from kg.store import OxigraphStore, ResultFormat
from kg.store.open import open_store
from kg.validate import context_for
from tests.conftest import BASE, REPO

ARTICLES = (
    sorted((REPO / "tests" / "data" / "eval").glob("*.txt"))[:20]
    + sorted((REPO / "examples").glob("*.txt"))
    + [REPO / "examples" / "factchecks.json"]
)
# the same bodies by acronym and in full, in separate articles, so reconciliation reads the
# store: the index must find "EU" for "European Union" and back
ACRONYMS = {
    "eu_full.txt": "The European Union said on Monday that the sanctions would stay.\n\n"
    '"We will not lift them," the European Union said in a statement.\n',
    "eu_short.txt": "The EU said on Tuesday that talks had failed.\n\n"
    "The EU said the sanctions would remain in force until the autumn.\n",
}


def quads(store: OxigraphStore) -> set[ox.Quad]:
    return set(ox.parse(store.dump(ResultFormat.NQUADS), format=ox.RdfFormat.N_QUADS))


@pytest.fixture(scope="module")
def both(extractor: Any, tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, OxigraphStore]:
    """The same articles ingested into a store with the index and into one without."""
    root = tmp_path_factory.mktemp("facts")
    for name, text in ACRONYMS.items():
        (root / name).write_text(text, encoding="utf-8")
    paths = [*ARTICLES, *(root / name for name in ACRONYMS)]
    indexed = open_store(root / "indexed")
    plain = OxigraphStore(root / "plain")
    assert shared_facts.index_for(indexed) is not None and shared_facts.index_for(plain) is None
    for store in (indexed, plain):
        report = Ingester(store, BASE, extractor=extractor).ingest_paths(paths)
        assert report.ok, report.summary()
    return indexed, plain


def test_the_same_articles_make_the_same_graphs(both: tuple[Any, OxigraphStore]) -> None:
    indexed, plain = both
    assert quads(indexed) == quads(plain)
    # "EU" adopted the stored "European Union": one actor, never an actor/eu
    assert indexed.ask(f"ASK {{ GRAPH ?g {{ <{BASE}actor/european-union> a ?k }} }}")
    assert not indexed.ask(f"ASK {{ GRAPH ?g {{ <{BASE}actor/eu> ?p ?o }} }}")


def test_every_graph_gets_the_same_validation_context(both: tuple[Any, OxigraphStore]) -> None:
    indexed, _ = both
    for iri in indexed.graph_iris():
        graph = indexed.graph(iri)
        assert set(context_for(indexed, {iri: graph})) == set(
            context_for(indexed, {iri: graph}, exact=True)
        ), iri


def table_rows(path: Path) -> dict[str, set[tuple[Any, ...]]]:
    with closing(sqlite3.connect(path)) as db:
        return {
            table: set(db.execute(f"SELECT * FROM {table}"))  # noqa: S608 (fixed names)
            for table in ("facts", "graph_facts", "graphs")
        }


def test_indexes_fed_by_writes_hold_what_the_store_holds(
    both: tuple[Any, OxigraphStore], tmp_path: Path
) -> None:
    """Each write's indexes read the copy of what it wrote (Store.fresh), not the store:
    rebuilt from the store, they are row for row the same."""
    indexed, _ = both
    index = shared_facts.index_for(indexed)
    assert index is not None and index.path is not None
    rebuilt = shared_facts.SharedFacts(tmp_path / "rebuilt.sqlite", indexed)
    rebuilt.rebuild(indexed)
    assert table_rows(Path(index.path)) == table_rows(tmp_path / "rebuilt.sqlite")
    words = search.index_for(indexed)
    assert words is not None and words.graph_count() == len(indexed.graph_iris())
    assert words.repair(indexed) == 0  # graphs whose rows differ from the store's


def index_rows(index: shared_facts.SharedFacts, store: Any) -> set[tuple[str, str, str]]:
    rows = store.select("SELECT DISTINCT ?s WHERE { GRAPH ?g { ?s ?p ?o } }")
    nodes = {str(r["s"]) for r in rows}
    return set(index.about(nodes, [str(p) for p in shared_facts.PREDICATES]))


def test_replacing_and_removing_graphs_keeps_the_index_exact(
    extractor: Any, tmp_path: Path
) -> None:
    store = open_store(tmp_path / "store")
    Ingester(store, BASE, extractor=extractor).ingest_paths(ARTICLES[:6])
    index = shared_facts.index_for(store)
    assert index is not None
    graphs = store.graph_iris()
    store.remove_graph(graphs[0])
    g = store.graph(graphs[1])
    store.replace_graphs({graphs[1]: g, graphs[2]: Graph()})
    rebuilt = shared_facts.SharedFacts(tmp_path / "rebuilt.sqlite", store)
    assert index_rows(index, store) == index_rows(rebuilt, store) != set()
    for iri in store.graph_iris():
        graph = store.graph(iri)
        assert set(context_for(store, {iri: graph})) == set(
            context_for(store, {iri: graph}, exact=True)
        )
    store.close()


def test_a_write_the_index_never_saw_is_read_again_on_open(extractor: Any, tmp_path: Path) -> None:
    """A writer killed after the store committed and before the index followed leaves a
    dirty mark; the next process re-reads that graph before answering."""
    path = tmp_path / "store"
    store = open_store(path)
    Ingester(store, BASE, extractor=extractor).ingest_paths(ARTICLES[:3])
    index = shared_facts.index_for(store)
    assert index is not None
    victim = store.graph_iris()[0]
    newcomer = f"{BASE}actor/newcomer"
    index.before_write(store, [victim])  # what the store does before every write ...
    store.raw.add(  # ... then the write, and no listener: the graph changed, its name did not
        ox.Quad(
            ox.NamedNode(newcomer),
            ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
            ox.Literal("Newcomer"),
            ox.NamedNode(victim),
        )
    )
    store.close()
    reopened = open_store(path)
    index = shared_facts.index_for(reopened)
    assert index is not None
    assert index.about([newcomer], [str(RDFS.label)]) == [(newcomer, str(RDFS.label), '"Newcomer"')]
    fresh = shared_facts.SharedFacts(None, reopened)
    assert index_rows(index, reopened) == index_rows(fresh, reopened)
    reopened.close()


def test_listeners_read_a_copy_of_what_the_write_stored(extractor: Any, tmp_path: Path) -> None:
    store = open_store(tmp_path / "store")
    seen: dict[str, set[ox.Quad]] = {}

    def listener(written: Any, graphs: Any) -> None:
        for g in graphs or ():
            copy = written.fresh(g)
            assert copy is not None, g
            seen[g] = set(copy)

    def before(written: Any, graphs: Any) -> None:
        for g in graphs or ():
            assert written.fresh(g) is None, g  # nothing is stored yet

    store.add_listener(listener)
    store.add_listener(before, before=True)
    Ingester(store, BASE, extractor=extractor).ingest_paths(ARTICLES[:2])
    assert len(seen) == 2
    for g, copy in seen.items():
        assert copy == store.quads(g)
        assert store.fresh(g) is None  # only while the write's listeners run
    store.close()
