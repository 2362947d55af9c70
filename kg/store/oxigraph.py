"""The embedded store: pyoxigraph on disk (RocksDB), one named graph per source.

Only one process may open a store read-write; others can open a read-only snapshot
(:meth:`OxigraphStore.open_read_only`), which does not see writes made after it opened.
"""

from __future__ import annotations

import contextlib
from collections.abc import Collection, Mapping
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph
from rdflib.term import Identifier

from kg.errors import StoreError, StoreLockedError
from kg.store.base import ResultFormat, Store
from kg.store.terms import quads_for, to_rdflib

RESULT_FORMATS: dict[ResultFormat, ox.QueryResultsFormat] = {
    ResultFormat.SPARQL_JSON: ox.QueryResultsFormat.JSON,
    ResultFormat.SPARQL_XML: ox.QueryResultsFormat.XML,
    ResultFormat.CSV: ox.QueryResultsFormat.CSV,
    ResultFormat.TSV: ox.QueryResultsFormat.TSV,
}
RDF_FORMATS: dict[ResultFormat, ox.RdfFormat] = {
    ResultFormat.TURTLE: ox.RdfFormat.TURTLE,
    ResultFormat.NTRIPLES: ox.RdfFormat.N_TRIPLES,
    ResultFormat.RDFXML: ox.RdfFormat.RDF_XML,
    ResultFormat.JSONLD: ox.RdfFormat.JSON_LD,
    ResultFormat.TRIG: ox.RdfFormat.TRIG,
    ResultFormat.NQUADS: ox.RdfFormat.N_QUADS,
}


class OxigraphStore(Store):
    transactional = True
    embedded = True

    def __init__(self, path: str | Path | None, *, read_only: bool = False) -> None:
        """Open (creating if needed) the store at ``path``; ``None`` keeps it in memory."""
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        try:
            if path is None:
                self._store = ox.Store()
            elif read_only:
                self._store = ox.Store.read_only(str(path))
            else:
                Path(path).mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(path))
        except OSError as e:
            if "lock" in str(e).lower():
                raise StoreLockedError(
                    f"the store {path} is open read-write in another process "
                    f"(is `factkg serve` running on it?): {e}"
                ) from e
            raise StoreError(f"cannot open the store {path}: {e}") from e

    @classmethod
    def open_read_only(cls, path: str | Path) -> OxigraphStore:
        return cls(path, read_only=True)

    @property
    def raw(self) -> ox.Store:
        """The pyoxigraph store, for callers that serialise results in Rust."""
        return self._store

    # writes -----------------------------------------------------------------

    def replace_graphs(self, graphs: Mapping[str, Graph]) -> None:
        # One SPARQL Update is one transaction in Oxigraph: drop and insert land together.
        parts: list[str] = []
        for iri, graph in graphs.items():
            nt = "\n".join(str(q.triple) + " ." for q in quads_for(graph, iri))
            parts.append(
                f"DROP SILENT GRAPH <{iri}> ;\nINSERT DATA {{ GRAPH <{iri}> {{\n{nt}\n}} }}"
            )
        if parts:
            self.update(" ;\n".join(parts), touched=list(graphs))

    def remove_graph(self, graph_iri: str) -> None:
        self.update(f"DROP SILENT GRAPH <{graph_iri}>", touched=[graph_iri])

    def update(self, update: str, touched: Collection[str] | None = None) -> None:
        try:
            self._store.update(update)
        except OSError as e:
            raise StoreError(f"the store refused the update: {e}") from e
        self._written(touched)

    # reads ------------------------------------------------------------------

    def graph_iris(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def graph(self, graph_iri: str) -> Graph:
        out = Graph()
        for q in self._store.quads_for_pattern(None, None, None, ox.NamedNode(graph_iri)):
            out.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
        return out

    def _query(self, query: str) -> object:
        return self._store.query(query, use_default_graph_as_union=True)

    def select(self, query: str) -> list[dict[str, Identifier]]:
        results = self._query(query)
        if not isinstance(results, ox.QuerySolutions):
            raise StoreError("expected a SELECT query")
        names = [v.value for v in results.variables]
        rows: list[dict[str, Identifier]] = []
        for solution in results:
            row: dict[str, Identifier] = {}
            for name in names:
                term = solution[name]
                if term is not None:
                    row[name] = to_rdflib(term)
            rows.append(row)
        return rows

    def ask(self, query: str) -> bool:
        results = self._query(query)
        if not isinstance(results, ox.QueryBoolean):
            raise StoreError("expected an ASK query")
        return bool(results)

    def construct(self, query: str) -> Graph:
        results = self._query(query)
        if not isinstance(results, ox.QueryTriples):
            raise StoreError("expected a CONSTRUCT or DESCRIBE query")
        out = Graph()
        for t in results:
            out.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
        return out

    def query_serialized(self, query: str, fmt: ResultFormat) -> bytes:
        results = self._query(query)
        if isinstance(results, ox.QueryTriples):
            rdf = RDF_FORMATS.get(fmt)
            if rdf is None:
                raise StoreError(f"{fmt.value} cannot hold a graph")
            return _bytes(results.serialize(format=rdf))
        rf = RESULT_FORMATS.get(fmt)
        if rf is None:
            raise StoreError(f"{fmt.value} cannot hold query results")
        return results.serialize(format=rf)  # type: ignore[attr-defined,no-any-return]

    def dump(self, fmt: ResultFormat) -> bytes:
        if fmt not in (ResultFormat.TRIG, ResultFormat.NQUADS):
            raise StoreError("a dump of named graphs needs TriG or N-Quads")
        return _bytes(self._store.dump(format=RDF_FORMATS[fmt]))

    def close(self) -> None:
        with contextlib.suppress(OSError):
            if not self.read_only:
                self._store.flush()
        del self._store


def _bytes(data: bytes | None) -> bytes:
    """pyoxigraph returns the serialisation when given no output file."""
    if data is None:
        raise StoreError("pyoxigraph returned no serialisation")
    return data
