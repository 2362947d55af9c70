"""Full-text search over claims, quotes and labels: an SQLite FTS5 index beside the store.

The index is derived data. It holds one row per (named graph, resource), so when a graph is
replaced its rows are replaced; it follows the store through :meth:`Store.add_listener`, which
tells it after every write which graphs changed (None: unknown, so it resyncs). On open it
reindexes the graphs it does not know and drops those the store no longer has.

Where it lives: the ``SEARCH_INDEX`` setting, else ``<store dir>.search.sqlite`` beside an
embedded store (never inside the RocksDB directory), else in memory (a remote store), rebuilt
at start. A connection is opened per operation: SQLite connections are cheap, and that keeps
the index safe to use from the WSGI server's threads.
"""

from __future__ import annotations

import re
import sqlite3
import threading
import weakref
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib.term import Identifier

from kg import wal
from kg.store.base import Store
from kg.store.terms import value_rows
from kg.vocab import sparql_prologue

#: FTS5 highlight markers; control characters that never occur in indexed text
MARK_OPEN, MARK_CLOSE = "\x02", "\x03"

KINDS = ("claim", "actor", "source", "event")

_PREFIXES = sparql_prologue()

# One query per kind and graph ({graph}: the one being (re)indexed); ?label is what a hit
# shows, ?body the rest that a word may match.
_DOC_QUERIES: dict[str, str] = {
    "claim": """SELECT ?s ?label ?body WHERE { GRAPH <{graph}> {
        ?s a ?class ; schema:text ?label . VALUES ?class { fk:Claim fk:ReviewedClaim }
        { ?s fk:quote ?body } UNION { ?s schema:author/rdfs:label ?body }
        UNION { ?s fk:relayedBy/rdfs:label ?body } UNION { BIND("" AS ?body) } } }""",
    "actor": """SELECT ?s ?label ?body WHERE { GRAPH <{graph}> {
        ?s a fk:Actor ; rdfs:label ?label .
        { ?s skos:altLabel ?body } UNION { ?s fk:role ?body } UNION { BIND("" AS ?body) } } }""",
    "source": """SELECT ?s ?label ?body WHERE { GRAPH <{graph}> {
        ?s a fk:Source ; schema:headline ?label . BIND("" AS ?body) } }""",
    "event": """SELECT ?s ?label ?body WHERE { GRAPH <{graph}> {
        ?s a fk:Event ; rdfs:label ?label . BIND("" AS ?body) } }""",
}

_SCHEMA = """
CREATE VIRTUAL TABLE IF NOT EXISTS docs USING fts5(
    graph UNINDEXED, iri UNINDEXED, kind UNINDEXED, label, body,
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TABLE IF NOT EXISTS graphs (iri TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS doc_rows (graph TEXT NOT NULL, docid INTEGER NOT NULL,
    PRIMARY KEY (graph, docid)) WITHOUT ROWID;
"""

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Hit:
    iri: str
    kind: str
    label: str
    #: the matching text with matches between MARK_OPEN and MARK_CLOSE (not yet escaped)
    snippet: str


def match_expression(text: str) -> str | None:
    """The user's words as a safe FTS5 query: every word must occur, the last as a prefix.

    >>> match_expression('Jane "Roe')
    '"jane" "roe"*'
    >>> match_expression("  ") is None
    True
    """
    words = [w.lower() for w in _WORD.findall(text)]
    if not words:
        return None
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


def _drop_graph(db: sqlite3.Connection, graph: str) -> None:
    """Remove a graph's documents by their row ids: FTS5 finds rows by an unindexed column
    (``WHERE graph = ?``) only by reading the whole table, a cost that grows with the store."""
    db.execute(
        "DELETE FROM docs WHERE rowid IN (SELECT docid FROM doc_rows WHERE graph = ?)", (graph,)
    )
    db.execute("DELETE FROM doc_rows WHERE graph = ?", (graph,))
    db.execute("DELETE FROM graphs WHERE iri = ?", (graph,))


def _add_documents(db: sqlite3.Connection, rows: Iterable[tuple[str, str, str, str, str]]) -> None:
    for row in rows:
        cursor = db.execute("INSERT INTO docs VALUES (?, ?, ?, ?, ?)", row)
        db.execute("INSERT INTO doc_rows VALUES (?, ?)", (row[0], cursor.lastrowid))


class SearchIndex:
    """The FTS5 index of one store's claims, actors, sources and events."""

    def __init__(self, path: str | Path | None) -> None:
        # ":memory:" would vanish with each per-operation connection; use a named shared one
        if path is None:
            self._uri = f"file:factkg-search-{id(self)}?mode=memory&cache=shared"
            self._keepalive: sqlite3.Connection | None = self._raw_connect()
        else:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            self._uri = Path(path).resolve().as_uri()
            self._keepalive = None
        self.path = path
        self._write_lock = threading.Lock()
        self._writer: sqlite3.Connection | None = None
        with self._writing() as db:
            db.executescript(_SCHEMA)
            # an index written before doc_rows existed: map its rows once
            if db.execute("SELECT 1 FROM doc_rows LIMIT 1").fetchone() is None:
                db.execute("INSERT INTO doc_rows SELECT graph, rowid FROM docs")

    def _raw_connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self._uri, uri=True, check_same_thread=False, timeout=30)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """A connection of its own, in a transaction: for reads, from any thread."""
        with closing(self._raw_connect()) as db, db:
            yield db

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """The one writing connection, in a transaction, for one thread at a time."""
        with self._write_lock:
            if self._writer is None:
                self._writer = self._raw_connect()
                if self.path is not None:
                    wal.for_writing(self._writer)
            with self._writer as db:
                yield db

    def close(self) -> None:
        with self._write_lock:
            if self._writer is not None:
                self._writer.close()
                self._writer = None
        if self._keepalive is not None:
            self._keepalive.close()
            self._keepalive = None

    # keeping in step -------------------------------------------------------

    def on_write(self, store: Store, graph_iris: Collection[str] | None) -> None:
        """Store listener: reindex the changed graphs (all of them when not known)."""
        if graph_iris is None:
            self.resync(store, full=True)
        else:
            self.reindex(store, graph_iris)

    def reindex(self, store: Store, graph_iris: Collection[str]) -> None:
        """Replace the rows of these graphs with what the store now holds in them."""
        if not graph_iris:
            return
        # one look-up per graph: listing every graph would cost more as the store grows
        present = {g for g in graph_iris if store.has_graph(g)}
        rows = list(_documents(store, sorted(present))) if present else []
        with self._writing() as db:
            for iri in graph_iris:
                _drop_graph(db, iri)
            db.executemany("INSERT INTO graphs VALUES (?)", [(g,) for g in sorted(present)])
            _add_documents(db, rows)

    def resync(self, store: Store, *, full: bool = False) -> None:
        """Index graphs the index lacks and drop graphs the store lacks (all, when ``full``)."""
        in_store = set(store.graph_iris())
        with self._connect() as db:
            indexed = {r[0] for r in db.execute("SELECT iri FROM graphs")}
        if full:
            with self._writing() as db:
                db.execute("DELETE FROM docs")
                db.execute("DELETE FROM doc_rows")
                db.execute("DELETE FROM graphs")
            indexed = set()
        stale = indexed - in_store
        missing = in_store - indexed
        if stale:
            self.reindex(store, sorted(stale))
        if missing:
            self.reindex(store, sorted(missing))

    def repair(self, store: Store) -> int:
        """Make the index hold exactly what ``store`` holds, rewriting only the graphs whose
        rows differ (or that one side lacks); the number of graphs rewritten. Used on a
        backup, whose index and store copies may be a write apart (kg.backup)."""
        in_store = sorted(store.graph_iris())
        rows: dict[str, list[tuple[str, str, str, str, str]]] = {g: [] for g in in_store}
        for row in _documents(store, in_store):
            rows[row[0]].append(row)
        wanted = {g: {_comparable(r) for r in rs} for g, rs in rows.items()}
        have: dict[str, set[tuple[str, ...]]] = {}
        with self._connect() as db:
            for (g,) in db.execute("SELECT iri FROM graphs"):
                have.setdefault(g, set())
            for row in db.execute("SELECT graph, iri, kind, label, body FROM docs"):
                have.setdefault(row[0], set()).add(_comparable(row))
        differ = sorted(g for g in set(wanted) | set(have) if wanted.get(g) != have.get(g))
        if differ:
            with self._writing() as db:
                for iri in differ:
                    _drop_graph(db, iri)
                present = [g for g in differ if g in wanted]
                db.executemany("INSERT INTO graphs VALUES (?)", [(g,) for g in present])
                _add_documents(db, (row for g in present for row in rows[g]))
        return len(differ)

    # reading ---------------------------------------------------------------

    def search(
        self,
        text: str,
        kind: str | None = None,
        limit: int = 20,
        offset: int = 0,
        *,
        keep: Callable[[str], bool] | None = None,
        among: int = 1000,
    ) -> tuple[list[Hit], int]:
        """The best ``limit`` hits after ``offset`` and the number of matching resources;
        with ``keep``, only the hits it keeps among the best ``among`` (and their number)."""
        expr = match_expression(text)
        if expr is None:
            return [], 0
        where = "docs MATCH ?" + (" AND kind = ?" if kind else "")
        args: list[object] = [expr, kind] if kind else [expr]
        # a resource indexed in several graphs (a shared actor) is one hit: keep its best row.
        # Snippets only for the rows shown: made for every match, they were most of the cost
        # of a word that thousands of documents hold (docs/benchmarks.md, "A 10-million-triple
        # store")
        sql = f"""
            WITH m AS (
                SELECT rowid AS r, iri, kind, label, bm25(docs, 10.0, 3.0) AS score
                FROM docs WHERE {where}
            ), best AS (
                SELECT r, iri, kind, label, MIN(score) AS score FROM m GROUP BY iri
            )
            SELECT iri, kind, label, r, (SELECT COUNT(*) FROM best) FROM best
            ORDER BY score, iri LIMIT ? OFFSET ?
        """
        window = (among, 0) if keep is not None else (limit, offset)
        try:
            with self._connect() as db:
                rows = db.execute(sql, [*args, *window]).fetchall()
                total = rows[0][4] if rows else 0
                if keep is not None:
                    kept = [r for r in rows if keep(r[0])]
                    rows, total = kept[offset : offset + limit], len(kept)
                marks = ",".join("?" * len(rows))
                snippet = f"snippet(docs, -1, '{MARK_OPEN}', '{MARK_CLOSE}', ' … ', 24)"
                snippets = dict(
                    db.execute(
                        f"""SELECT rowid, {snippet}
                        FROM docs WHERE docs MATCH ? AND rowid IN ({marks})""",
                        [expr, *(r[3] for r in rows)],
                    ).fetchall()
                )
        except sqlite3.OperationalError:
            return [], 0
        if not rows and keep is None:
            total = self.count(text, kind)
        return [Hit(r[0], r[1], r[2], snippets.get(r[3], "")) for r in rows], int(total)

    def count(self, text: str, kind: str | None = None) -> int:
        expr = match_expression(text)
        if expr is None:
            return 0
        where = "docs MATCH ?" + (" AND kind = ?" if kind else "")
        args: list[object] = [expr, kind] if kind else [expr]
        with self._connect() as db:
            row = db.execute(f"SELECT COUNT(DISTINCT iri) FROM docs WHERE {where}", args)
            return int(row.fetchone()[0])

    def graph_count(self) -> int:
        with self._connect() as db:
            return int(db.execute("SELECT COUNT(*) FROM graphs").fetchone()[0])


def _documents(store: Store, graph_iris: list[str]) -> Iterable[tuple[str, str, str, str, str]]:
    """(graph, iri, kind, label, body) for every indexed resource in the graphs."""
    # one graph at a time, named in the query: with ?g bound by VALUES instead, Oxigraph
    # starts from the type pattern across every graph, a cost that grows with the store
    for graph in graph_iris:
        fresh = store.fresh(graph)  # the copy of a graph just written, if there is one
        for kind, query in _DOC_QUERIES.items():
            text = _PREFIXES + query.replace("{graph}", graph)
            found: list[dict[str, Identifier]] | list[dict[str, str]] = (
                store.select(text) if fresh is None else _select(fresh, text)
            )
            docs: dict[str, tuple[str, list[str]]] = {}
            for row in found:
                label, body = docs.setdefault(_text(row["s"]), (_text(row["label"]), []))
                extra = _text(row.get("body"))
                if extra and extra not in body:
                    body.append(extra)
            for iri, (label, body) in docs.items():
                yield graph, iri, kind, label, " · ".join(body)


def _select(store: ox.Store, query: str) -> list[dict[str, str]]:
    """The rows of a document query on an in-memory copy, as the strings _documents reads
    (rdflib terms, as Store.select makes them, cost a millisecond an article)."""
    results = store.query(query)
    assert isinstance(results, ox.QuerySolutions)  # the document queries are SELECTs
    return value_rows(results)


def _comparable(row: tuple[str, ...]) -> tuple[str, ...]:
    """A document row with its body's parts sorted: the engine returns them in any order."""
    graph, iri, kind, label, body = row
    return graph, iri, kind, label, " · ".join(sorted(body.split(" · ")))


def _text(term: Identifier | str | None) -> str:
    return "" if term is None else str(term)


# which index belongs to which store: the Store contract has no slot for derived indexes
_INDEXES: weakref.WeakKeyDictionary[Store, SearchIndex] = weakref.WeakKeyDictionary()


def default_path(store_path: str | Path | None) -> Path | None:
    """``<store dir>.search.sqlite`` beside an on-disk store; None (in memory) otherwise."""
    if store_path is None:
        return None
    p = Path(store_path)
    return p.parent / f"{p.name}.search.sqlite"


def attach(store: Store, path: str | Path | None, *, sync: bool = True) -> SearchIndex:
    """Give ``store`` a search index that follows its writes; bring it up to date first."""
    index = SearchIndex(path)
    if sync:
        index.resync(store)
        store.add_listener(index.on_write)
    _INDEXES[store] = index
    return index


def index_for(store: Store) -> SearchIndex | None:
    return _INDEXES.get(store)
