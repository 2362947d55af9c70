"""The per-store answer cache behind validation status, /actors and the home counts."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from kg.store.base import Store
from service.pages.cache import WriteCache

G = "http://example.org/graph/one"


def _graph(label: str) -> Graph:
    g = Graph()
    g.add((URIRef("http://example.org/x"), RDFS.label, Literal(label)))
    return g


def _label(store: Store) -> str:
    rows = store.select(f"SELECT ?l WHERE {{ GRAPH ?g {{ ?s <{RDFS.label}> ?l }} }}")
    return str(rows[0]["l"]) if rows else ""


def test_a_write_during_computation_is_not_cached_stale(store: Store) -> None:
    cache: WriteCache[str] = WriteCache(maxsize=10)
    store.replace_graphs({G: _graph("old")})

    def compute_while_a_write_lands() -> str:
        seen = _label(store)
        store.replace_graphs({G: _graph("new")})  # lands after this answer was read
        return seen

    assert cache.get(store, "k", compute_while_a_write_lands) == "old"
    assert cache.get(store, "k", lambda: _label(store)) == "new"


def test_writes_empty_the_cache(store: Store) -> None:
    cache: WriteCache[str] = WriteCache(maxsize=10)
    store.replace_graphs({G: _graph("a")})
    assert cache.get(store, "k", lambda: _label(store)) == "a"
    assert cache.get(store, "k", lambda: "not recomputed") == "a"
    store.replace_graphs({G: _graph("b")})
    assert cache.get(store, "k", lambda: _label(store)) == "b"


def test_the_cache_is_bounded_least_recently_used_first(store: Store) -> None:
    cache: WriteCache[int] = WriteCache(maxsize=3)
    for i in range(3):
        cache.get(store, i, lambda i=i: i)  # type: ignore[misc]
    cache.get(store, 0, lambda: -1)  # touch 0: 1 is now the oldest
    cache.get(store, 3, lambda: 3)
    assert cache.get(store, 1, lambda: -1) == -1  # evicted, recomputed
    assert cache.get(store, 0, lambda: -2) == 0
