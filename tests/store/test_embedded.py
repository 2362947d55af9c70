"""What only the embedded store has: the on-disk lock, read-only snapshots, persistence."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rdflib import RDFS, XSD, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.errors import StoreError, StoreLockedError
from kg.store import OxigraphStore, ResultFormat
from kg.store.terms import ntriples

from .samples import CLAIM_A, GRAPH_A, GRAPH_B, SCHEMA, both, graph_a, graph_b

Reopen = Callable[..., OxigraphStore]


def test_a_second_read_write_open_fails_clearly(
    store: OxigraphStore, store_path: Path, reopen: Reopen
) -> None:
    with pytest.raises(StoreLockedError) as caught:
        reopen()
    message = str(caught.value)
    assert str(store_path) in message
    assert "already open read-write" in message and "read-only" in message


def test_read_only_sees_a_snapshot_until_reopened(store: OxigraphStore, reopen: Reopen) -> None:
    store.replace_graphs({GRAPH_A: graph_a()})
    snapshot = reopen(read_only=True)  # allowed while the writer holds the lock
    store.replace_graphs({GRAPH_B: graph_b()})
    assert snapshot.graph_iris() == [GRAPH_A]
    assert reopen(read_only=True).graph_iris() == [GRAPH_A, GRAPH_B]


def test_read_only_refuses_writes(store: OxigraphStore, reopen: Reopen) -> None:
    store.replace_graphs({GRAPH_A: graph_a()})
    reader = reopen(read_only=True)
    heard: list[object] = []
    reader.add_listener(lambda s, graphs: heard.append(graphs))
    with pytest.raises(StoreError, match="refused the update"):
        reader.remove_graph(GRAPH_A)
    assert heard == []
    assert reader.graph_iris() == [GRAPH_A]


def test_data_survives_close_and_reopen(store: OxigraphStore, reopen: Reopen) -> None:
    store.replace_graphs(both())
    before = sorted(store.dump(ResultFormat.NQUADS).splitlines())
    store.close()
    again = reopen()
    assert again.graph_iris() == [GRAPH_A, GRAPH_B]
    assert sorted(again.dump(ResultFormat.NQUADS).splitlines()) == before


def test_close_is_idempotent_and_frees_the_lock(store: OxigraphStore, reopen: Reopen) -> None:
    store.close()
    store.close()
    assert reopen().graph_iris() == []


def test_a_read_only_open_of_a_missing_store_fails(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=str(tmp_path / "nowhere")):
        OxigraphStore(tmp_path / "nowhere", read_only=True)


def test_in_memory_store_keeps_the_contract() -> None:
    with OxigraphStore(None) as mem:
        mem.replace_graphs(both())
        rows = mem.select(f"SELECT ?t WHERE {{ <{CLAIM_A}> <{SCHEMA.text}> ?t }}")
        assert [r["t"] for r in rows] == [graph_a().value(CLAIM_A, SCHEMA.text)]


def test_read_only_opens_beside_a_fresh_writer(tmp_path: Path) -> None:
    """Regression: under load about one read-only open in ten of a just-written store failed
    with RocksDB "Corruption ... No such file" (the writer's background flush swapping files);
    the store now retries that open."""
    for i in range(12):
        with OxigraphStore(tmp_path / f"s{i}") as writer:
            writer.replace_graphs({GRAPH_A: graph_a()})
            with OxigraphStore(tmp_path / f"s{i}", read_only=True) as reader:
                assert reader.graph_iris() == [GRAPH_A]


HOSTILE_TEXTS = [
    'a "quoted" word',
    "back\\slash and \\n written out",
    "line\nbreak, carriage\rreturn, tab\tand form\ffeed",
    '"} } ; DROP ALL ; INSERT DATA { GRAPH <http://x/g> { <http://x/a> <http://x/b> "c" } } #',
    "\u2028line separator, \u00e9, \u4e2d\u6587, \U0001f600, \u200b zero width",
    "",
]


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_written_literals_come_back_exactly(store: OxigraphStore, text: str) -> None:
    """The N-Triples a write pastes into its update (kg.store.terms.ntriples) is the graph:
    every literal, typed, tagged or plain, comes back as it went in, and the copy listeners
    read (Store.fresh) holds the same quads as the store."""
    g = graph_a()
    s = URIRef("http://factkg.test/claim/a")
    g.add((s, RDFS.label, Literal(text)))
    g.add((s, RDFS.comment, Literal(text, lang="en")))
    g.add((s, SCHEMA.text, Literal(text, datatype=XSD.token)))
    g.add((s, SCHEMA.description, Literal(text, datatype=URIRef("http://x/odd#type"))))
    copies: list[set[object]] = []

    def listener(written: Any, graphs: Any) -> None:
        copy = written.fresh(GRAPH_A)
        copies.append(set(copy) if copy is not None else set())

    store.add_listener(listener)
    store.replace_graphs({GRAPH_A: g})
    assert_isomorphic(store.graph(GRAPH_A), g)
    assert copies == [store.quads(GRAPH_A)]
    nt, blank = ntriples(g)
    assert not blank
    assert_isomorphic(Graph().parse(data=nt, format="nt"), g)


def assert_isomorphic(a: Graph, b: Graph) -> None:
    assert isomorphic(a, b), (sorted(a), sorted(b))
