"""Whole-store counts, and the links the claim lists filter by, kept in step with writes.

Counted by query, these grow with the store: at 10M triples the top speakers of all claims
took 3.6 s, the top publishers 4.9 s, the newest sources 1.9 s (docs/benchmarks.md, "A
10-million-triple store"), and a cache emptied by every write makes the first reader after
each write pay that. Here they are counted once per process (an embedded store's from app
start, in the background: 25 s at 10M triples; a page asking earlier waits), then adjusted
per write: before a write, what the graphs it touches contribute is read (one query per
graph, inside the graph) and held; after it, that is taken away and the graphs' new
contribution added, so a write costs the same however big the store is. A write whose
graphs are not known (an arbitrary SPARQL Update) recounts everything.

The links (claim -> speaker, claim -> source, source -> publisher and date, verdict ->
claim) answer the filtered claim lists: a filter is a look-up, its count and facets follow
its matches (as SPARQL, a date range scanned every claim and each facet joined every match:
5 to 10 s a page at 10M triples). They cost memory: the benchmark process serving 10M
triples (166k claims) peaked at 1.1 GB, against 0.1 GB at 100k.

Counts are additive over named graphs, as the union default graph is: a claim is counted with
its speaker and its source's publisher when its graph says both (an article's graph does),
and once per graph that types it (one, as ids derive from the source).
"""

from __future__ import annotations

import heapq
import threading
import weakref
from collections import Counter
from collections.abc import Callable, Collection
from typing import TypeVar

from kg.store.base import Store
from service.pages.queries import ACTOR_KINDS, FK, iri, rows

T = TypeVar("T")

#: the parts one graph contributes; ?kind names the tally, ?v and ?w its key
_PARTS = """
  { ?v a fk:Claim BIND("claim" AS ?kind) }
  UNION { ?v a fk:ReviewedClaim BIND("reviewed" AS ?kind) }
  UNION { ?v a ?c ; schema:author ?w BIND("said" AS ?kind) VALUES ?c { {claims} } }
  UNION { ?v a ?c ; schema:appearance ?w BIND("in" AS ?kind) VALUES ?c { {claims} } }
  UNION { ?v a fk:Source ; schema:publisher ?w BIND("pub" AS ?kind) }
  UNION { ?w a fk:Source ; schema:author ?v BIND("byline" AS ?kind) }
  UNION { ?x a fk:Event BIND("event" AS ?kind) }
  UNION { ?v a fk:Source BIND("source" AS ?kind) OPTIONAL { ?v schema:datePublished ?w } }
  UNION { ?v a ?w BIND("actor" AS ?kind) VALUES ?w { {classes} } }
  UNION { ?v a fk:Actor ; rdfs:label ?w BIND("name" AS ?kind) }
  UNION { ?x a fk:Claim ; schema:author ?v BIND("speaker" AS ?kind) }
  UNION { ?x a fk:Claim ; schema:appearance/schema:publisher ?v BIND("publisher" AS ?kind) }
  UNION { ?x schema:itemReviewed ?w ; fk:verdict ?v BIND("verdict" AS ?kind) }
"""
_CLASSES = " ".join(iri(FK + k) for k in ("Actor", *ACTOR_KINDS))
#: kinds whose figure is the number of distinct keys (per ?w for actors, per ?v for verdicts)
_DISTINCT = {"actor": 2, "verdict": 1}
#: kinds whose figure is a sum per ?v
_SUMMED = ("speaker", "publisher")
#: kinds kept as a relation from ?v to ?w and back (claim -> speaker, claim -> source, source
#: -> publisher, source -> date, verdict -> claim, author -> source), or as a set of ?v
#: (claims, reviewed claims)
_LINKS = ("said", "in", "pub", "source", "verdict", "byline")
_SETS = ("claim", "reviewed")

Key = tuple[str, str, str]  # kind, v, w ("" when unbound)


def _query(graph: str | None) -> str:
    parts = _PARTS.replace("{classes}", _CLASSES).replace("{claims}", "fk:Claim fk:ReviewedClaim")
    # the whole store as the sum of its graphs: over the union default graph, an actor's
    # type and label would pair across graphs (n graphs: n*n rows)
    where = f"GRAPH {iri(graph) if graph else '?g'} {{ {parts} }}"
    return f"SELECT ?kind ?v ?w (COUNT(*) AS ?n) WHERE {{ {where} }} GROUP BY ?kind ?v ?w"


def _read(store: Store, graph: str | None) -> Counter[Key]:
    """What ``graph`` (None: the whole store) contributes, as counts per key; a graph a write
    has just stored is read from the write's copy of it (Store.fresh)."""
    found = rows(store, _query(graph), copy=store.fresh(graph) if graph else None)
    return Counter({(r["kind"], r.get("v", ""), r.get("w", "")): int(r["n"]) for r in found})


class Tallies:
    """Counts per key: ("claim", c, "") and ("reviewed", c, "") claims typed so, ("said",
    c, speaker), ("in", c, source), ("pub", source, publisher), ("byline", author, source),
    ("event", "", "") events,
    ("source", s, date), ("actor", a, class) graphs typing an actor so, ("name", a, label),
    ("speaker", a, "") and ("publisher", p, "") claims, ("verdict", verdict, claim) reviews;
    and the figures pages read, updated with them (a write changes a few keys)."""

    def __init__(self) -> None:
        self.lock = threading.RLock()  # memo() computes under it, from readers holding it
        self.counts: Counter[Key] = Counter()
        self.totals: Counter[str] = Counter()
        self.distinct: Counter[tuple[str, str]] = Counter()  # (kind, class or verdict)
        self.sums: dict[str, Counter[str]] = {k: Counter() for k in _SUMMED}
        self.sets: dict[str, set[str]] = {k: set() for k in _SETS}
        self.ahead: dict[str, dict[str, set[str]]] = {k: {} for k in _LINKS}
        self.back: dict[str, dict[str, set[str]]] = {k: {} for k in _LINKS}
        self.version = 0
        self._memo: dict[object, object] = {}
        self.counted = False  # the first count is done
        self.dirty = False  # a write landed during the first count

    def apply(self, delta: Counter[Key], sign: int) -> None:
        """Add (sign 1) or take away (sign -1) a contribution; call with ``lock`` held."""
        for key, n in delta.items():
            kind, v, w = key
            before = self.counts[key]
            after = before + sign * n
            if after > 0:
                self.counts[key] = after
            else:
                del self.counts[key]
            self.totals[kind] += after - before
            if kind in _DISTINCT and (before > 0) != (after > 0):
                self.distinct[(kind, key[_DISTINCT[kind]])] += 1 if after > 0 else -1
            if kind in self.sums:
                self.sums[kind][v] += after - before
                if self.sums[kind][v] <= 0:
                    del self.sums[kind][v]
            if (before > 0) != (after > 0):
                if kind in self.sets:
                    (self.sets[kind].add if after > 0 else self.sets[kind].discard)(v)
                elif kind in self.ahead:
                    _link(self.ahead[kind], v, w, after > 0)
                    _link(self.back[kind], w, v, after > 0)
        self.version += 1
        self._memo.clear()

    def memo(self, key: object, compute: Callable[[], T]) -> T:
        """``compute()`` once per version of the tallies."""
        with self.lock:
            if key not in self._memo:
                self._memo[key] = compute()
            return self._memo[key]  # type: ignore[return-value]

    def total(self, kind: str) -> int:
        return self.totals[kind]

    def actors_of(self, cls: str) -> int:
        return self.distinct[("actor", FK + cls)]

    def top(self, kind: str, limit: int = 15) -> list[tuple[str, int]]:
        """The ``limit`` values of ``kind`` with most claims, most first, then by value."""

        def compute() -> list[tuple[str, int]]:
            items = self.sums[kind].items()
            return heapq.nsmallest(limit, items, key=lambda kv: (-kv[1], kv[0]))

        return self.memo(("top", kind, limit), compute)

    def judged(self) -> list[tuple[str, int]]:
        """Verdicts with the number of distinct claims a review judged so, most first."""
        found = [(v, n) for (k, v), n in self.distinct.items() if k == "verdict" and n > 0]
        return sorted(found, key=lambda kv: (-kv[1], kv[0]))

    def newest_sources(self, limit: int) -> list[tuple[str, str]]:
        """(source, date) of the ``limit`` newest sources (undated last, then by IRI)."""

        def compute() -> list[tuple[str, str]]:
            found = [(v, w) for (k, v, w) in self.counts if k == "source"]
            dated = heapq.nsmallest(
                limit, (x for x in found if x[1]), key=lambda x: (_descending(x[1]), x[0])
            )
            undated = sorted(x for x in found if not x[1])
            return dated + undated[: limit - len(dated)]

        return self.memo(("newest", limit), compute)

    def actors(self, cls: str) -> list[str]:
        """The actors of class ``cls`` (a local name), unordered."""
        return self.memo(
            ("actors", cls),
            lambda: [v for (k, v, w) in self.counts if k == "actor" and w == FK + cls],
        )

    def names(self) -> dict[str, str]:
        """Each actor's name: the label most graphs give it (then the smallest)."""

        def compute() -> dict[str, str]:
            best: dict[str, tuple[int, str]] = {}
            for (k, v, w), n in self.counts.items():
                if k == "name" and (v not in best or (-n, w) < (-best[v][0], best[v][1])):
                    best[v] = (n, w)
            return {v: w for v, (_, w) in best.items()}

        return self.memo("names", compute)


def _link(index: dict[str, set[str]], a: str, b: str, present: bool) -> None:
    if present:
        index.setdefault(a, set()).add(b)
    else:
        found = index.get(a)
        if found is not None:
            found.discard(b)
            if not found:
                del index[a]


def _descending(text: str) -> tuple[int, ...]:
    """A sort key that orders strings from the greatest down."""
    return tuple(-ord(ch) for ch in text) + (0,)


class _Keeper:
    """The tallies of each store, and the pending changes of writes under way."""

    def __init__(self) -> None:
        self._tallies: weakref.WeakKeyDictionary[Store, Tallies] = weakref.WeakKeyDictionary()
        self._lock = threading.Lock()
        # per store and writing thread: the old contribution of the graphs being written
        self._pending: dict[tuple[int, int], Counter[Key] | None] = {}

    def of(self, store: Store) -> Tallies:
        with self._lock:
            found = self._tallies.get(store)
            if found is not None:
                return found
            store.add_listener(self._before, before=True)
            store.add_listener(self._after)
            found = self._tallies[store] = Tallies()
            # counted under the tallies' lock: readers wait for the first count
            found.lock.acquire()
        try:
            while True:  # a write while counting may or may not be in the count: again
                found.dirty = False
                fresh = _read(store, None)
                if not found.dirty:
                    break
            found.apply(fresh, 1)
            found.counted = True
        except Exception:
            with self._lock:
                del self._tallies[store]
            raise
        finally:
            found.lock.release()
        return found

    def warm(self, store: Store) -> None:
        """Count in the background (at 10M triples: ~8 s), so a first reader need not."""

        def run() -> None:
            try:
                self.of(store)
            except Exception:  # noqa: BLE001 (a closed store: the first reader counts)
                pass

        threading.Thread(target=run, name="factkg-tallies", daemon=True).start()

    def _before(self, store: Store, graphs: Collection[str] | None) -> None:
        key = (id(store), threading.get_ident())
        old: Counter[Key] | None = None
        if graphs is not None and len(graphs) <= 200:
            old = Counter()
            for g in graphs:
                old.update(_read(store, g))
        self._pending[key] = old

    def _after(self, store: Store, graphs: Collection[str] | None) -> None:
        tallies = self._tallies.get(store)
        old = self._pending.pop((id(store), threading.get_ident()), None)
        if tallies is None:
            return
        if not tallies.counted:  # being counted (its lock is held): count again
            tallies.dirty = True
            return
        if graphs is None or old is None or len(graphs) > 200:
            fresh = _read(store, None)
            with tallies.lock:
                tallies.apply(Counter(tallies.counts), -1)
                tallies.apply(fresh, 1)
            return
        new: Counter[Key] = Counter()
        for g in graphs:
            new.update(_read(store, g))
        with tallies.lock:
            tallies.apply(old, -1)
            tallies.apply(new, 1)


_KEEPER = _Keeper()


def of(store: Store) -> Tallies:
    """The store's tallies, counted at first use and kept in step with its writes."""
    return _KEEPER.of(store)


def warm(store: Store) -> None:
    """Start counting the store's tallies in the background (the app does, at start)."""
    _KEEPER.warm(store)
