"""The fixed SPARQL behind the home page and the browsing lists, with their facets.

The unfiltered claim list pages by OFFSET in the store's index order, with no ORDER BY:
sorting every match (by date, or even by IRI) costs a string lookup per claim on disk
(docs/architecture.md: ~1 s at 1M triples), while an unsorted LIMIT/OFFSET stops early. The
order is stable while the store does not change. Whole-store figures and the filtered claim
lists come from the tallies (service/pages/tallies.py), not from queries that visit every
claim. Sources and events are sorted (date, name): one row per graph, cheap.
Labels are looked up afterwards (page_queries.labels), never joined. Facet values are
IRIs or ISO dates checked by the caller.
"""

from __future__ import annotations

import bisect
import heapq
from collections import Counter
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from kg.model import Verdict
from kg.store.base import Store
from kg.verdicts import VERDICT_IRIS, VERDICT_OF_IRI
from kg.vocab import EVENT_TYPES as _EVENT_CLASSES
from service.pages import tallies
from service.pages.cache import WriteCache
from service.pages.queries import (
    ACTOR_KINDS,
    FK,
    Row,
    claim_rows,
    first_per,
    iri,
    one,
    rows,
    with_labels,
)

#: local names of the event type classes, the ``kind`` facet values of /events
EVENT_TYPES = tuple(str(c)[len(FK) :] for c in _EVENT_CLASSES.values())

#: whole-store scans (home counts, the sorted actor list, actor kinds), kept until a write
_scans: WriteCache[Any] = WriteCache(maxsize=64)


@dataclass
class Facets:
    """Filters a list is narrowed by; every value already checked."""

    speaker: str | None = None
    publisher: str | None = None
    since: date | None = None
    until: date | None = None
    kind: str | None = None  # actor kind or event type local name
    verdict: str | None = None  # a Verdict's name: claims a fact-checker judged so

    def active(self) -> bool:
        return any(
            v is not None
            for v in (self.speaker, self.publisher, self.since, self.until, self.verdict)
        )


@dataclass
class Page:
    items: list[Row]
    total: int
    has_next: bool = False
    facet_values: dict[str, list[Row]] = field(default_factory=dict)


def counts(store: Store) -> dict[str, int]:
    """Claims, actors (distinct: one is typed in every graph naming it), sources, events."""
    t = tallies.of(store)
    return {
        "claims": t.total("claim"),
        "actors": t.actors_of("Actor"),
        "sources": t.total("source"),
        "events": t.total("event"),
    }


def recent_sources(store: Store, limit: int = 10) -> list[Row]:
    """The newest sources (from the tallies: sorting every source's date grows with them)."""
    newest = tallies.of(store).newest_sources(limit)
    if not newest:
        return []
    values = " ".join(iri(s) for s, _ in newest)
    found = first_per(
        rows(
            store,
            f"""SELECT ?s ?title ?publisher WHERE {{ VALUES ?s {{ {values} }}
            OPTIONAL {{ ?s schema:headline ?title }} OPTIONAL {{ ?s schema:publisher ?publisher }}
            }}""",
        ),
        "s",
    )
    by_source = {r["s"]: r for r in found}
    out = []
    for s, d in newest:
        row = dict(by_source.get(s, {"s": s}))
        if d:
            row["date"] = d
        out.append(row)
    return with_labels(store, out, publisherLabel="publisher")


def _date_filter(var: str, f: Facets) -> str:
    parts = []
    if f.since:
        parts.append(f'{var} >= "{f.since.isoformat()}"^^xsd:date')
    if f.until:
        parts.append(f'{var} <= "{f.until.isoformat()}"^^xsd:date')
    return f"FILTER({' && '.join(parts)})" if parts else ""


#: the ``verdict`` filter's values (URL-safe names of kg.model.Verdict) -> the concept
VERDICTS = {v.name.lower().replace("_", "-"): VERDICT_IRIS[v] for v in Verdict}


#: every claim, the unfiltered list (filtered ones are answered from the tallies)
_UNFILTERED = "?c a fk:Claim ."


def claims(store: Store, f: Facets, page: int, page_size: int = 25) -> Page:
    """One page of claims, with facets. Unfiltered: the page by OFFSET in index order (no
    sort: see module doc), the figures from the tallies. Filtered: the matches, their count
    and facets from the tallies' links (service/pages/tallies.py), each filter an index
    look-up and the rest membership tests, so the cost follows the matches, not the store:
    as SPARQL, each facet joined every match (and a date range scanned every claim)."""
    t = tallies.of(store)
    out = Page([], 0)
    matched: dict[tuple[object, ...], set[str]] = {}

    def matching(f: Facets, reviewed: bool = False) -> set[str]:
        key = (f.speaker, f.publisher, f.since, f.until, f.verdict, reviewed)
        if key not in matched:
            with t.lock:
                matched[key] = _matching(t, f, reviewed)
        return matched[key]

    if f.active():
        found = sorted(matching(f))
        start = page * page_size
        out.items = claim_rows(store, found[start : start + page_size])
        out.total, out.has_next = len(found), len(found) > start + page_size
    else:
        ids = [
            r["c"]
            for r in rows(
                store,
                f"""SELECT DISTINCT ?c WHERE {{ {_UNFILTERED} }}
                LIMIT {page_size + 1} OFFSET {page * page_size}""",
            )
        ]
        out.items = claim_rows(store, ids[:page_size])
        out.total, out.has_next = len(t.sets["claim"]), len(ids) > page_size

    def facet(name: str, base: Facets, values: Callable[[str], Iterable[str]]) -> list[Row]:
        """Top values among the claims ``base`` admits, with how many of them have each."""
        if not base.active():
            top = t.judged() if name == "verdict" else t.top(name)
        else:
            found = matching(base, name == "verdict")
            with t.lock:
                per = Counter(v for c in found for v in values(c))
            top = heapq.nsmallest(15, per.items(), key=lambda kv: (-kv[1], kv[0]))
        return [{"v": v, "n": str(n)} for v, n in top]

    def publishers_of(c: str) -> set[str]:
        return {p for src in t.ahead["in"].get(c, ()) for p in t.ahead["pub"].get(src, ())}

    speakers = facet(
        "speaker",
        Facets(None, f.publisher, f.since, f.until, verdict=f.verdict),
        lambda c: t.ahead["said"].get(c, ()),
    )
    out.facet_values["speaker"] = with_labels(store, speakers, label="v")
    judged = facet(
        "verdict",
        Facets(f.speaker, f.publisher, f.since, f.until),
        lambda c: t.back["verdict"].get(c, ()),
    )
    names = {str(i): name for name, i in VERDICTS.items()}
    out.facet_values["verdict"] = [
        {"v": names[r["v"]], "vLabel": VERDICT_OF_IRI[r["v"]].value, "n": r["n"]}
        for r in judged
        if r.get("v") in names
    ]
    publishers = facet(
        "publisher", Facets(f.speaker, None, f.since, f.until, verdict=f.verdict), publishers_of
    )
    out.facet_values["publisher"] = with_labels(store, publishers, label="v")
    return out


def _matching(t: tallies.Tallies, f: Facets, reviewed: bool = False) -> set[str]:
    """The claims the filters admit, from the tallies (lock held): fk:Claims, or with a
    verdict filter (or ``reviewed``: judged by some review) fk:ReviewedClaims too. The
    smallest filter's claims, kept if every other filter admits them."""
    links = t.ahead
    chosen: list[Collection[str]] = []
    if f.speaker:
        chosen.append(t.back["said"].get(f.speaker, set()))
    if f.verdict:
        chosen.append(links["verdict"].get(str(VERDICTS[f.verdict]), set()))
    if f.publisher:
        sources = t.back["pub"].get(f.publisher, set())
        chosen.append({c for src in sources for c in t.back["in"].get(src, ())})
    if f.since or f.until:
        dated = t.memo(
            "dated",
            lambda: sorted(
                (d, src) for src, ds in t.ahead["source"].items() for d in ds if len(d) == 10
            ),
        )
        low = bisect.bisect_left(dated, (f.since.isoformat(),) if f.since else ("",))
        high = bisect.bisect_right(
            dated, (f.until.isoformat(), "\uffff") if f.until else ("\uffff",)
        )
        chosen.append({c for _, src in dated[low:high] for c in t.back["in"].get(src, ())})
    claims, recorded = t.sets["claim"], t.sets["reviewed"]
    if reviewed or f.verdict:
        # as the pattern: of either class, and (for the verdict facet) judged by a review
        if not f.verdict:
            chosen.append(t.back["verdict"].keys())
        keep_class: Callable[[str], bool] = lambda c: c in claims or c in recorded  # noqa: E731
    else:
        chosen.append(claims)
        keep_class = claims.__contains__
    chosen.sort(key=len)
    return {c for c in chosen[0] if keep_class(c) and all(c in other for other in chosen[1:])}


def actors(store: Store, f: Facets, page: int, page_size: int = 50) -> Page:
    """Actors by name. Labels repeat once per graph (shared nodes), so names are fetched
    once per actor and sorted here rather than joined and sorted in the query."""
    ordered, names = _sorted_actors(store, f.kind)
    chunk = ordered[page * page_size : (page + 1) * page_size]
    claims_by: dict[str, str] = {}
    if chunk:
        values = " ".join(iri(a) for a in chunk)
        claims_by = {
            r["a"]: r["n"]
            for r in rows(
                store,
                f"""SELECT ?a (COUNT(?c) AS ?n) WHERE {{ VALUES ?a {{ {values} }}
                ?c schema:author ?a }} GROUP BY ?a""",
            )
        }
    items = [{"a": a, "label": names.get(a, a), "claims": claims_by.get(a, "0")} for a in chunk]
    out = Page(items, len(ordered))
    out.facet_values["kind"] = _scans.get(store, "actor-kinds", lambda: _actor_kinds(store))
    return out


def _sorted_actors(store: Store, kind: str | None) -> tuple[list[str], dict[str, str]]:
    """Every actor (of one kind) sorted by name, with the names; cached until a write."""

    def scan() -> tuple[list[str], dict[str, str]]:
        t = tallies.of(store)
        ids, names = t.actors(kind or "Actor"), t.names()
        return sorted(ids, key=lambda a: (str(names.get(a) or a).lower(), a)), names

    result: tuple[list[str], dict[str, str]] = _scans.get(store, ("actors", kind), scan)
    return result


def _actor_kinds(store: Store) -> list[Row]:
    t = tallies.of(store)
    n = {k: t.actors_of(k) for k in ACTOR_KINDS}
    return [{"v": k, "label": k, "n": str(n[k])} for k in ACTOR_KINDS if n[k]]


def sources(store: Store, f: Facets, page: int, page_size: int = 50) -> Page:
    parts = ["?s a fk:Source ."]
    if f.publisher:
        parts.append(f"?s schema:publisher {iri(f.publisher)} .")
    if f.since or f.until:
        parts.append("?s schema:datePublished ?d . " + _date_filter("?d", f))
    pattern = "\n".join(parts)
    found = rows(
        store,
        f"""SELECT ?s ?title ?date ?publisher WHERE {{ {pattern}
        OPTIONAL {{ ?s schema:headline ?title }} OPTIONAL {{ ?s schema:datePublished ?date }}
        OPTIONAL {{ ?s schema:publisher ?publisher }} }}
        ORDER BY DESC(?date) ?s LIMIT {page_size} OFFSET {page * page_size}""",
    )
    total = one(store, f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ {pattern} }}")
    out = Page(
        with_labels(store, first_per(found, "s"), publisherLabel="publisher"),
        int(total["n"]) if total else 0,
    )
    out.facet_values["publisher"] = with_labels(
        store,
        rows(
            store,
            """SELECT ?v (COUNT(?s) AS ?n) WHERE { ?s a fk:Source ; schema:publisher ?v }
            GROUP BY ?v ORDER BY DESC(?n) ?v LIMIT 15""",
        ),
        label="v",
    )
    return out


def events(store: Store, f: Facets, page: int, page_size: int = 50) -> Page:
    kind = f"?e sem:eventType {iri(FK + f.kind)} ." if f.kind else ""
    found = rows(
        store,
        f"""SELECT ?e ?label ?type ?time ?place WHERE {{ ?e a fk:Event . {kind}
        OPTIONAL {{ ?e rdfs:label ?label }} OPTIONAL {{ ?e sem:eventType ?type }}
        OPTIONAL {{ ?e sem:hasTimeStamp ?time }} OPTIONAL {{ ?e sem:hasPlace ?place }} }}
        ORDER BY LCASE(?label) ?e LIMIT {page_size} OFFSET {page * page_size}""",
    )
    total = one(store, f"SELECT (COUNT(?e) AS ?n) WHERE {{ ?e a fk:Event . {kind} }}")
    out = Page(
        with_labels(store, first_per(found, "e"), placeLabel="place"),
        int(total["n"]) if total else 0,
    )
    out.facet_values["kind"] = [
        {"v": r["t"].rsplit("#", 1)[-1], "label": r["t"].rsplit("#", 1)[-1], "n": r["n"]}
        for r in rows(
            store,
            """SELECT ?t (COUNT(?e) AS ?n) WHERE { ?e a fk:Event ; sem:eventType ?t }
            GROUP BY ?t ORDER BY DESC(?n) ?t""",
        )
    ]
    return out
