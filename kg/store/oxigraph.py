"""The embedded store: pyoxigraph on disk (RocksDB), one named graph per source.

Only one process may open a store read-write; others can open a read-only snapshot
(``OxigraphStore(path, read_only=True)``), which does not see writes made after it opened.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Collection, Iterator, Mapping
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph
from rdflib.term import Identifier

from kg.errors import QueryError, StoreError, StoreLockedError
from kg.sparql import explain
from kg.store.base import ResultFormat, Store
from kg.store.terms import (
    checked_iri,
    dataset_format,
    rdf_format,
    replacement,
    results_format,
    serialized,
    solution_rows,
    to_rdflib,
)

READ_ONLY_OPEN_ATTEMPTS = 20


log = logging.getLogger(__name__)

#: bytes of updates after which the store's in-memory write buffers are flushed to disk:
#: RocksDB (under pyoxigraph) otherwise keeps them growing with every write, 0.5 MB an
#: article, so 2,000 graph writes held 1.1 GiB; flushing every ~1 MiB of updates keeps it
#: flat and makes writes cheaper than at 4 MiB (9.9 against 11.6 ms an article; 16 MiB:
#: 14.6), small write buffers being quicker to insert into (docs/benchmarks.md, "Bulk
#: ingest memory", "Two extractor processes")
FLUSH_EVERY_BYTES = 1 * 1024 * 1024


class OxigraphStore(Store):
    transactional = True
    embedded = True

    def __init__(self, path: str | Path | None, *, read_only: bool = False) -> None:
        """Open (creating if needed) the store at ``path``; ``None`` keeps it in memory."""
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        self._unflushed = 0
        self._fresh = threading.local()  # what the write in progress in this thread stored
        try:
            if path is None:
                self._store = ox.Store()
            elif read_only:
                self._store = _open_read_only(str(path))
            else:
                Path(path).mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(path))
        except OSError as e:
            if "lock" in str(e).lower():
                raise StoreLockedError(
                    f"the store {path} is already open read-write, by another process "
                    f"(is `factkg serve` running on it?) or elsewhere in this one; "
                    f"open it read-only to read while that writer runs ({e})"
                ) from e
            raise StoreError(f"cannot open the store {path}: {e}") from e
        except RuntimeError as e:  # RocksDB "Corruption", e.g. a missing file
            raise StoreError(f"cannot open the store {path}: {e}") from e

    @property
    def raw(self) -> ox.Store:
        """The pyoxigraph store, for callers that serialise results in Rust."""
        return self._store

    # writes -----------------------------------------------------------------

    def replace_graphs(self, graphs: Mapping[str, Graph]) -> None:
        # One SPARQL Update is one transaction in Oxigraph: drop and insert land together.
        update, texts = replacement(graphs)
        if update:
            self.update(update, touched=list(graphs), stored=texts)

    def fresh(self, graph_iri: str) -> ox.Store | None:
        stores: dict[str, ox.Store] = getattr(self._fresh, "stores", {})
        if graph_iri not in stores:
            text = getattr(self._fresh, "texts", {}).get(graph_iri)
            if text is None:
                return None
            copy = ox.Store()
            copy.load(text, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(graph_iri))
            stores[graph_iri] = copy
        return stores[graph_iri]

    def remove_graph(self, graph_iri: str) -> None:
        self.update(f"DROP SILENT GRAPH <{checked_iri(graph_iri, 'graph')}>", touched=[graph_iri])

    def update(
        self,
        update: str,
        touched: Collection[str] | None = None,
        *,
        stored: Mapping[str, str] | None = None,
    ) -> None:
        """Run ``update``; ``stored``: the N-Triples it stores in some graphs, which its write
        listeners then read through :meth:`fresh`."""
        self._writing(touched)
        try:
            self._store.update(update)
        except SyntaxError as e:
            raise QueryError(explain(update, e, update=True)) from e
        except RuntimeError as e:  # pyoxigraph's answer to a write on a read-only store
            raise StoreError(
                f"the store {self.path or '(in memory)'} refused the update: {e}"
            ) from e
        except OSError as e:
            raise StoreError(f"the store refused the update: {e}") from e
        self._unflushed += len(update)
        if self._unflushed >= FLUSH_EVERY_BYTES and self.path is not None:
            self._unflushed = 0
            flusher = self.__dict__.get("_flusher")
            if flusher is None:
                flusher = self.__dict__["_flusher"] = _Flusher(self._store, self.path)
            flusher.request()
        self._fresh.texts, self._fresh.stores = stored or {}, {}
        try:
            self._written(touched)
        finally:
            self._fresh.texts, self._fresh.stores = {}, {}

    # reads ------------------------------------------------------------------

    @property
    def shared_directory(self) -> Path | None:
        return self.path

    def quads(self, graph_iri: str, predicates: Collection[str] | None = None) -> set[ox.Quad]:
        name = ox.NamedNode(checked_iri(graph_iri, "graph"))
        if predicates is None:
            return set(self._store.quads_for_pattern(None, None, None, name))
        return {
            q
            for p in sorted(predicates)
            for q in self._store.quads_for_pattern(None, ox.NamedNode(p), None, name)
        }

    def graph_iris(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def has_graph(self, graph_iri: str) -> bool:
        return bool(self._store.contains_named_graph(ox.NamedNode(checked_iri(graph_iri, "graph"))))

    def graph(self, graph_iri: str) -> Graph:
        name = ox.NamedNode(checked_iri(graph_iri, "graph"))
        out = Graph()
        for q in self._store.quads_for_pattern(None, None, None, name):
            out.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
        return out

    def _query(self, query: str) -> object:
        with self._failures(query):
            return self._store.query(query, use_default_graph_as_union=True)

    @contextlib.contextmanager
    def _failures(self, query: str) -> Iterator[None]:
        """Map pyoxigraph's errors; results are lazy, so evaluation can fail while iterating
        (a SERVICE call that cannot connect raises OSError there)."""
        try:
            yield
        except SyntaxError as e:
            raise QueryError(explain(query, e)) from e
        except OSError as e:
            raise StoreError(f"the store {self.path or '(in memory)'} failed the query: {e}") from e

    def select(self, query: str) -> list[dict[str, Identifier]]:
        with self._failures(query):
            return self._select(query)

    def _select(self, query: str) -> list[dict[str, Identifier]]:
        results = self._query(query)
        if not isinstance(results, ox.QuerySolutions):
            raise QueryError("expected a SELECT query")
        return solution_rows(results)

    def ask(self, query: str) -> bool:
        results = self._query(query)
        if not isinstance(results, ox.QueryBoolean):
            raise QueryError("expected an ASK query")
        return bool(results)

    def construct(self, query: str) -> Graph:
        with self._failures(query):
            return self._construct(query)

    def _construct(self, query: str) -> Graph:
        results = self._query(query)
        if not isinstance(results, ox.QueryTriples):
            raise QueryError("expected a CONSTRUCT or DESCRIBE query")
        out = Graph()
        for t in results:
            out.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
        return out

    def query_serialized(self, query: str, fmt: ResultFormat) -> bytes:
        with self._failures(query):
            return self._query_serialized(query, fmt)

    def _query_serialized(self, query: str, fmt: ResultFormat) -> bytes:
        results = self._query(query)
        if isinstance(results, ox.QueryTriples):
            rdf = rdf_format(fmt)
            if rdf is None:
                raise QueryError(f"{fmt.value} cannot hold a graph")
            return serialized(results.serialize(format=rdf))
        rf = results_format(fmt)
        if rf is None:
            raise QueryError(f"{fmt.value} cannot hold query results")
        return results.serialize(format=rf)  # type: ignore[attr-defined,no-any-return]

    def dump(self, fmt: ResultFormat) -> bytes:
        return serialized(self._store.dump(format=dataset_format(fmt)))

    def close(self) -> None:
        flusher = self.__dict__.pop("_flusher", None)
        if flusher is not None:
            flusher.stop()
        store = self.__dict__.pop("_store", None)
        if store is not None and not self.read_only:
            with contextlib.suppress(OSError):
                store.flush()


class _Flusher:
    """Flushes a store's write buffers in a thread of its own, when asked: a flush takes
    ~40 ms, during which pyoxigraph lets other threads run, and the writer waiting for it
    was 3.6 ms of every article's write. Flushing is for memory, not durability (the write
    is in RocksDB's log when the update returns), so the writer need not wait."""

    def __init__(self, store: ox.Store, path: Path) -> None:
        self._store = store
        self._path = path
        self._wanted = threading.Event()
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="factkg-flush", daemon=True)
        self._thread.start()

    def request(self) -> None:
        """Flush soon (once, however often asked while a flush runs)."""
        self._wanted.set()

    def stop(self) -> None:
        """Finish a flush under way and end the thread."""
        self._stopping = True
        self._wanted.set()
        self._thread.join()

    def _run(self) -> None:
        while True:
            self._wanted.wait()
            self._wanted.clear()
            if self._stopping:
                return
            try:
                self._store.flush()
            except OSError as e:  # the updates are committed (in RocksDB's log) all the same
                log.warning("the store %s could not flush its writes: %s", self._path, e)


def _open_read_only(path: str) -> ox.Store:
    """``Store.read_only``, retried while a live writer's background flush or compaction
    swaps the files it is opening: RocksDB then reports "Corruption ... No such file" for a
    file the manifest it read still lists, or an OSError "No such file" for a log file gone
    between listing and stat. Measured on a fresh store under load: about one
    open in ten failed once, none twice (1 ms apart)."""
    for attempt in range(READ_ONLY_OPEN_ATTEMPTS):
        try:
            return ox.Store.read_only(path)
        except (OSError, RuntimeError) as e:
            if "No such file" not in str(e) or attempt == READ_ONLY_OPEN_ATTEMPTS - 1:
                raise
            time.sleep(0.001 * (attempt + 1))
    raise AssertionError("unreachable")
