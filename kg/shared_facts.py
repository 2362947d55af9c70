"""What sources say about the nodes they share, indexed by node and name, in SQLite by the store.

Every source graph repeats what it needs of a shared actor or place (its kinds, its label, the
country a government governs, its aliases), so "United States" is typed and named once per
article that mentions it. Validation (kg.validate) and actor reconciliation (kg.link.reconcile)
ask what *other* sources say about a node; asked of the quad store, that costs a row per
mentioning source (measured: 0.43 ms per source graph, 2.2 s for a node 5,000 sources share).
This index keeps one row per distinct statement with the number of graphs that make it, and
the statements of each graph, so those questions cost the same however often a node is named.

It is derived data, like the search index (kg.search), and follows the store through write
listeners. It is crash-safe: before a write the graphs it will touch are marked dirty (all of
them when not known), after it they are re-read and the mark cleared; an index opened with
marks left by a killed writer re-reads those graphs first. Lives at ``<store dir>.facts.sqlite``
beside an embedded store, in memory for a remote one (rebuilt at start).
"""

from __future__ import annotations

import sqlite3
import threading
import weakref
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import OWL, RDF, RDFS, SKOS, Graph, URIRef
from rdflib.term import Identifier
from rdflib.util import from_n3

from kg import wal
from kg.acronyms import initials, is_acronym
from kg.namespace import FK
from kg.store.base import Store

#: the statements kept: what validation and reconciliation read about shared nodes
PREDICATES = (RDF.type, RDFS.label, SKOS.altLabel, FK.governmentOf, OWL.sameAs)

_PREDICATE_IRIS = frozenset(str(p) for p in PREDICATES)
_ALL = "*"  # the dirty mark of a write whose graphs are not known
_BATCH = 200  # graphs read from the store per query when (re)indexing

_SCHEMA = """
CREATE TABLE IF NOT EXISTS facts (
    s TEXT NOT NULL, p TEXT NOT NULL, o TEXT NOT NULL, n INTEGER NOT NULL,
    initials TEXT, PRIMARY KEY (s, p, o)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS facts_by_object ON facts (p, o);
CREATE INDEX IF NOT EXISTS facts_by_initials ON facts (initials) WHERE initials IS NOT NULL;
CREATE TABLE IF NOT EXISTS graph_facts (graph TEXT NOT NULL, s TEXT NOT NULL, p TEXT NOT NULL,
    o TEXT NOT NULL, PRIMARY KEY (graph, s, p, o)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS graphs (iri TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS dirty (iri TEXT PRIMARY KEY) WITHOUT ROWID;
"""

Row = tuple[str, str, str]  # s, p, o (o in N-Triples syntax, as pyoxigraph writes it)


@lru_cache(maxsize=65536)  # a shared actor's label recurs in every graph naming it
def _initials(p: str, o: str) -> str | None:
    """The acronym a label spells (its initials, or itself when it is one); aliases are
    matched as they are (:meth:`SharedFacts.named`), as reconciliation wants."""
    if p != str(RDFS.label) or not o.startswith('"'):
        return None
    name = str(from_n3(o))
    if is_acronym(name):
        return name.replace(".", "").strip()
    return initials(name) or None


class SharedFacts:
    """The index of one store's shared statements."""

    def __init__(self, path: str | Path | None, store: Store | None = None) -> None:
        """``store``: the store it follows, brought up to date on the first read (so a
        process that never validates, such as ``factkg serve`` answering reads, never pays
        for indexing a store that was bulk-loaded)."""
        self._store = weakref.ref(store) if store is not None else None
        self._synced = store is None
        self._sync_lock = threading.Lock()
        if path is None:
            self._uri = f"file:factkg-facts-{id(self)}?mode=memory"
        else:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            self._uri = Path(path).resolve().as_uri()
        self.path = path
        # one connection, behind a lock: writes are one writer's anyway, and opening a
        # connection per operation cost as much as the operation
        self._lock = threading.RLock()
        self._db = self._raw_connect()
        with self._connect() as db:
            db.executescript(_SCHEMA)

    def _raw_connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self._uri, uri=True, check_same_thread=False, timeout=30)
        wal.for_writing(db)
        return db

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """The connection, in a transaction (committed on success), for this thread alone."""
        with self._lock, self._db:
            yield self._db

    # keeping in step -------------------------------------------------------

    def before_write(self, store: Store, graph_iris: Collection[str] | None) -> None:
        """Store pre-write listener: mark what the write will touch, in case it is killed."""
        marks = [_ALL] if graph_iris is None else sorted(graph_iris)
        with self._connect() as db:
            db.executemany("INSERT OR IGNORE INTO dirty VALUES (?)", [(m,) for m in marks])

    def on_write(self, store: Store, graph_iris: Collection[str] | None) -> None:
        """Store listener: re-read the changed graphs (every graph when not known)."""
        if graph_iris is None:
            self.rebuild(store)
        else:
            self.reindex(store, graph_iris, clean=True)

    def sync(self, store: Store) -> None:
        """Re-read graphs a killed writer left dirty, index graphs the index lacks and drop
        graphs the store lacks."""
        with self._connect() as db:
            dirty = {r[0] for r in db.execute("SELECT iri FROM dirty")}
            indexed = {r[0] for r in db.execute("SELECT iri FROM graphs")}
        if _ALL in dirty:
            self.rebuild(store)
        else:
            changed = dirty | (indexed ^ set(store.graph_iris()))
            if changed:
                self.reindex(store, sorted(changed))
                with self._connect() as db:
                    db.executemany("DELETE FROM dirty WHERE iri = ?", [(g,) for g in dirty])
        self._synced = True

    def rebuild(self, store: Store) -> None:
        with self._connect() as db:
            for table in ("facts", "graph_facts", "graphs"):
                db.execute(f"DELETE FROM {table}")  # noqa: S608 (fixed names)
        self.reindex(store, sorted(store.graph_iris()))
        with self._connect() as db:
            db.execute("DELETE FROM dirty")

    def reindex(self, store: Store, graph_iris: Collection[str], *, clean: bool = False) -> None:
        """Make the rows of these graphs what the store now holds in them; ``clean``: and
        clear their dirty marks, in the same transaction."""
        graphs = sorted(graph_iris)
        for start in range(0, len(graphs), _BATCH):
            batch = graphs[start : start + _BATCH]
            rows = self._read(store, batch)
            found = {g for g, *_ in rows}
            present = found | {g for g in batch if g not in found and store.has_graph(g)}
            with self._connect() as db:
                for g in batch:
                    self._drop(db, g)
                db.executemany("INSERT INTO graphs VALUES (?)", [(g,) for g in sorted(present)])
                db.executemany("INSERT OR IGNORE INTO graph_facts VALUES (?, ?, ?, ?)", rows)
                db.executemany(
                    "INSERT INTO facts VALUES (?, ?, ?, 1, ?) "
                    "ON CONFLICT (s, p, o) DO UPDATE SET n = n + 1",
                    [(s, p, o, _initials(p, o)) for _, s, p, o in set(rows)],
                )
                if clean:
                    db.executemany("DELETE FROM dirty WHERE iri = ?", [(g,) for g in batch])

    @staticmethod
    def _read(store: Store, graphs: Sequence[str]) -> list[tuple[str, str, str, str]]:
        # each graph's quads straight from the store (cheaper than a SPARQL query here), or
        # from the copy of a graph just written (Store.fresh)
        return [
            (g, q.subject.value, q.predicate.value, str(q.object))
            for g in graphs
            for q in _quads(store, g)
            if isinstance(q.subject, ox.NamedNode)
        ]

    @staticmethod
    def _drop(db: sqlite3.Connection, graph: str) -> None:
        old = db.execute("SELECT s, p, o FROM graph_facts WHERE graph = ?", (graph,)).fetchall()
        if old:
            db.executemany("UPDATE facts SET n = n - 1 WHERE s = ? AND p = ? AND o = ?", old)
            db.executemany("DELETE FROM facts WHERE s = ? AND p = ? AND o = ? AND n <= 0", old)
            db.execute("DELETE FROM graph_facts WHERE graph = ?", (graph,))
        db.execute("DELETE FROM graphs WHERE iri = ?", (graph,))

    # reading -----------------------------------------------------------------

    def _ensure_synced(self) -> None:
        if self._synced:
            return
        with self._sync_lock:
            store = self._store() if self._store is not None else None
            if not self._synced and store is not None:
                self.sync(store)
            self._synced = True

    def about(
        self, nodes: Iterable[str], predicates: Iterable[str], excluded: Collection[str] = ()
    ) -> list[Row]:
        """Distinct (s, p, o) that graphs other than ``excluded`` state about ``nodes``."""
        nodes, predicates = sorted(set(nodes)), sorted(set(predicates))
        if not nodes or not predicates:
            return []
        self._ensure_synced()
        counts: dict[Row, int] = {}
        own: dict[Row, int] = {}
        with self._connect() as db:
            marks = ",".join("?" * len(predicates))
            for chunk in _chunks(nodes, 500):
                where = f"s IN ({','.join('?' * len(chunk))}) AND p IN ({marks})"
                for s, p, o, n in db.execute(
                    f"SELECT s, p, o, n FROM facts WHERE {where}",  # noqa: S608 (placeholders)
                    [*chunk, *predicates],
                ):
                    counts[(s, p, o)] = n
                for g in excluded:
                    for s, p, o in db.execute(
                        f"SELECT s, p, o FROM graph_facts WHERE graph = ? AND {where}",  # noqa: S608
                        [g, *chunk, *predicates],
                    ):
                        own[(s, p, o)] = own.get((s, p, o), 0) + 1
        return sorted(row for row, n in counts.items() if n > own.get(row, 0))

    def subjects(self, predicate: str, objects: Iterable[str]) -> set[str]:
        """Nodes some graph states ``predicate`` of, with one of these IRIs as object."""
        self._ensure_synced()
        with self._connect() as db:
            return {
                s
                for iri in sorted(set(objects))
                for (s,) in db.execute(
                    "SELECT s FROM facts WHERE p = ? AND o = ?", (predicate, f"<{iri}>")
                )
            }

    def named(self, names: Iterable[str], *, acronyms: Iterable[str] = ()) -> set[str]:
        """Nodes whose label or alias is one of ``names``, or spells one of ``acronyms``."""
        self._ensure_synced()
        out: set[str] = set()
        with self._connect() as db:
            for name in sorted(set(names)):
                for p in (RDFS.label, SKOS.altLabel):
                    rows = db.execute(
                        "SELECT s FROM facts WHERE p = ? AND o = ?", (str(p), str(ox.Literal(name)))
                    )
                    out.update(s for (s,) in rows)
            for short in sorted(set(acronyms)):
                out.update(
                    s for (s,) in db.execute("SELECT s FROM facts WHERE initials = ?", (short,))
                )
        return out


def term(o: str) -> Identifier:
    """An object as the index holds it (N-Triples syntax) as an rdflib term."""
    return from_n3(o)  # type: ignore[return-value]


def graph_of(rows: Iterable[Row]) -> Graph:
    """The rows as rdflib triples."""
    g = Graph()
    for s, p, o in rows:
        g.add((URIRef(s), URIRef(p), term(o)))
    return g


def _chunks(items: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


# which index belongs to which store: the Store contract has no slot for derived indexes
_INDEXES: weakref.WeakKeyDictionary[Store, SharedFacts] = weakref.WeakKeyDictionary()


def default_path(store_path: str | Path | None) -> Path | None:
    """``<store dir>.facts.sqlite`` beside an on-disk store; None (in memory) otherwise."""
    if store_path is None:
        return None
    p = Path(store_path)
    return p.parent / f"{p.name}.facts.sqlite"


def _quads(store: Store, graph: str) -> Iterable[ox.Quad]:
    fresh = store.fresh(graph)
    if fresh is None:
        return store.quads(graph, _PREDICATE_IRIS)
    return (q for p in _PREDICATE_NODES for q in fresh.quads_for_pattern(None, p, None))


_PREDICATE_NODES = tuple(ox.NamedNode(p) for p in sorted(_PREDICATE_IRIS))


def companions(path: Path | None) -> list[Path]:
    """The files SQLite keeps beside the index while it is open (write-ahead log)."""
    return [] if path is None else [path.with_name(path.name + s) for s in ("-wal", "-shm")]


def attach(store: Store, path: str | Path | None) -> SharedFacts:
    """Give a writable ``store`` the index, following its writes (synced on first read)."""
    index = SharedFacts(path, store)
    store.add_listener(index.before_write, before=True)
    store.add_listener(index.on_write)
    _INDEXES[store] = index
    return index


def index_for(store: Store) -> SharedFacts | None:
    return _INDEXES.get(store)
