"""The store contract: what the pipeline, CLI and service need from a triple store.

Backends (embedded Oxigraph, a remote SPARQL 1.1 server) subclass :class:`Store` and declare
what they can do with capability flags, so callers branch on a flag, never on a class.
Every query sees the union of all named graphs as its default graph.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Collection, Mapping
from pathlib import Path
from typing import ClassVar, Self

import pyoxigraph as ox
from rdflib import Graph
from rdflib.term import Identifier

from kg.errors import QueryError
from kg.store.formats import ResultFormat as ResultFormat
from kg.store.terms import quads_for


class ResultTooLargeError(QueryError):
    """A query's serialised answer passed the size cap (the service's MAX_RESULT_BYTES)."""


#: Called after every successful write with the named graphs it changed (None: not known).
WriteListener = Callable[["Store", Collection[str] | None], None]


class Store(ABC):
    """A dataset of named graphs, one per source, queried as their union.

    Derived indexes (the full-text search index) subscribe with :meth:`add_listener` and are
    told after every write which graphs changed, whoever wrote (CLI, endpoint, API).
    """

    #: replace_graphs() is all-or-nothing
    transactional: ClassVar[bool] = False
    #: the data lives in this process's file system (embedded)
    embedded: ClassVar[bool] = False

    @abstractmethod
    def replace_graphs(self, graphs: Mapping[str, Graph]) -> None:
        """Replace each named graph (IRI -> triples) with the given triples, atomically."""

    @abstractmethod
    def remove_graph(self, graph_iri: str) -> None: ...

    @abstractmethod
    def graph_iris(self) -> list[str]: ...

    @abstractmethod
    def has_graph(self, graph_iri: str) -> bool:
        """True when the named graph ``graph_iri`` exists (QueryError: not an IRI)."""

    @abstractmethod
    def graph(self, graph_iri: str) -> Graph:
        """The triples of one named graph (empty when it does not exist)."""

    @abstractmethod
    def select(self, query: str) -> list[dict[str, Identifier]]:
        """Run a SELECT; one dict per solution, unbound variables left out."""

    @abstractmethod
    def ask(self, query: str) -> bool: ...

    @abstractmethod
    def construct(self, query: str) -> Graph:
        """Run a CONSTRUCT or DESCRIBE."""

    @abstractmethod
    def query_serialized(self, query: str, fmt: ResultFormat) -> bytes:
        """Run any query form and serialise its results natively."""

    @abstractmethod
    def update(self, update: str, touched: Collection[str] | None = None) -> None:
        """Run a SPARQL 1.1 Update (transactional where the backend is).

        ``touched`` names the graphs the update changes when the caller knows them; it is
        passed on to listeners.
        """

    @abstractmethod
    def dump(self, fmt: ResultFormat) -> bytes:
        """Every quad, as TriG or N-Quads."""

    def add_listener(
        self, listener: WriteListener, *, first: bool = False, before: bool = False
    ) -> None:
        """Call ``listener`` after every write; ``first`` puts it before those already added
        (for cheap signals, such as a snapshot counter, that others should not delay);
        ``before``: call it before every write instead (a derived index marking what a write
        will touch, so that a writer killed half way leaves a trace)."""
        listeners = self.__dict__.setdefault("_pre_listeners" if before else "_listeners", [])
        if first:
            listeners.insert(0, listener)
        else:
            listeners.append(listener)

    def fresh(self, graph_iri: str) -> ox.Store | None:
        """While the listeners of a write run: an in-memory copy of what the write stored in
        ``graph_iri``, for them to read instead of the store; None when there is none (the
        write did not give the graph's triples, or they had blank nodes, which a store labels
        afresh). Reading the graph back from RocksDB just after writing it filled its block
        caches, the one part of an ingest's memory that grew with the number of articles."""
        return None

    def _writing(self, graph_iris: Collection[str] | None) -> None:
        for listener in self.__dict__.get("_pre_listeners", []):
            listener(self, graph_iris)

    def _written(self, graph_iris: Collection[str] | None) -> None:
        for listener in self.__dict__.get("_listeners", []):
            listener(self, graph_iris)

    @property
    def shared_directory(self) -> Path | None:
        """The on-disk directory other processes may open read-only (the embedded store's), so
        the service can run client queries in killable worker processes; None otherwise."""
        return None

    def quads(self, graph_iri: str, predicates: Collection[str] | None = None) -> set[ox.Quad]:
        """The quads of named graph ``graph_iri`` as pyoxigraph terms (empty when missing),
        only those of ``predicates`` when given: what a write compares before and after, what
        a derived index reads of a written graph. Backends override it with a faster read."""
        quads = quads_for(self.graph(graph_iri), graph_iri)
        if predicates is not None:
            return {q for q in quads if q.predicate.value in predicates}
        return set(quads)

    @property
    def foreign_graphs(self) -> tuple[str, ...]:
        """Graphs the backend keeps for itself (Virtuoso's system graphs): never listed,
        counted or dumped, but a backend whose default graph is the union of every graph
        shows their triples to queries of the default graph."""
        return ()

    def count_triples(self) -> int:
        rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(rows[0]["n"].toPython()) if rows else 0  # type: ignore[attr-defined]

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release files or connections."""

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
