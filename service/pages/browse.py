"""The fixed SPARQL behind the home page and the browsing lists, with their facets.

Claims page by OFFSET in the store's index order, with no ORDER BY: sorting every match (by
date, or even by IRI) costs a string lookup per claim on disk (docs/architecture.md: ~1 s at 1M
triples), while an unsorted LIMIT/OFFSET stops early. The order is stable while the store
does not change. Sources and events are sorted (date, name): one row per graph, cheap.
Labels are looked up afterwards (page_queries.labels), never joined. Facet values are
IRIs or ISO dates checked by the caller.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from kg.model import Verdict
from kg.store.base import Store
from kg.verdicts import VERDICT_IRIS, VERDICT_OF_IRI
from kg.vocab import EVENT_TYPES as _EVENT_CLASSES
from service.pages.cache import WriteCache
from service.pages.queries import (
    ACTOR_KINDS,
    FK,
    Row,
    claim_rows,
    first_per,
    iri,
    labels,
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
    result: dict[str, int] = _scans.get(store, "counts", lambda: _counts(store))
    return result


def _counts(store: Store) -> dict[str, int]:
    # DISTINCT: an actor is typed in every graph that names it
    found = one(
        store,
        """SELECT ?claims ?actors ?sources ?events WHERE {
        { SELECT (COUNT(?c) AS ?claims) WHERE { ?c a fk:Claim } }
        { SELECT (COUNT(DISTINCT ?a) AS ?actors) WHERE { ?a a fk:Actor } }
        { SELECT (COUNT(?s) AS ?sources) WHERE { ?s a fk:Source } }
        { SELECT (COUNT(?e) AS ?events) WHERE { ?e a fk:Event } } }""",
    )
    return {k: int(v) for k, v in (found or {}).items()}


def recent_sources(store: Store, limit: int = 10) -> list[Row]:
    found = rows(
        store,
        f"""SELECT ?s ?title ?date ?publisher WHERE {{ ?s a fk:Source .
        OPTIONAL {{ ?s schema:headline ?title }} OPTIONAL {{ ?s schema:datePublished ?date }}
        OPTIONAL {{ ?s schema:publisher ?publisher }} }}
        ORDER BY DESC(?date) ?s LIMIT {limit}""",
    )
    return with_labels(store, found, publisherLabel="publisher")


def _date_filter(var: str, f: Facets) -> str:
    parts = []
    if f.since:
        parts.append(f'{var} >= "{f.since.isoformat()}"^^xsd:date')
    if f.until:
        parts.append(f'{var} <= "{f.until.isoformat()}"^^xsd:date')
    return f"FILTER({' && '.join(parts)})" if parts else ""


#: the ``verdict`` filter's values (URL-safe names of kg.model.Verdict) -> the concept
VERDICTS = {v.name.lower().replace("_", "-"): VERDICT_IRIS[v] for v in Verdict}


def _claim_pattern(f: Facets) -> str:
    if f.verdict:
        # claims a review judged so: factkg's own and those fact-checkers recorded
        out = [
            f"?review fk:verdict {iri(VERDICTS[f.verdict])} ; schema:itemReviewed ?c .",
            "?c a ?claimClass . VALUES ?claimClass { fk:Claim fk:ReviewedClaim }",
        ]
    else:
        out = ["?c a fk:Claim ."]
    if f.speaker:
        out.append(f"?c schema:author {iri(f.speaker)} .")
    if f.publisher or f.since or f.until:
        out.append("?c schema:appearance ?src .")
    if f.publisher:
        out.append(f"?src schema:publisher {iri(f.publisher)} .")
    if f.since or f.until:
        out.append("?src schema:datePublished ?d . " + _date_filter("?d", f))
    return "\n".join(out)


def _facet(store: Store, pattern: str, path: str) -> list[Row]:
    """Top values of ``?c path ?v`` among the claims matching ``pattern``, with counts."""
    found = rows(
        store,
        f"""SELECT ?v (COUNT(DISTINCT ?c) AS ?n) WHERE {{ {pattern} ?c {path} ?v }}
        GROUP BY ?v ORDER BY DESC(?n) ?v LIMIT 15""",
    )
    return with_labels(store, found, label="v")


def claims(store: Store, f: Facets, page: int, page_size: int = 25) -> Page:
    """One page of claims in index order (OFFSET, no sort: see module doc), with facets."""
    pattern = _claim_pattern(f)
    ids = [
        r["c"]
        for r in rows(
            store,
            f"""SELECT DISTINCT ?c WHERE {{ {pattern} }}
            LIMIT {page_size + 1} OFFSET {page * page_size}""",
        )
    ]
    total = one(store, f"SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE {{ {pattern} }}")
    out = Page(
        items=claim_rows(store, ids[:page_size]),
        total=int(total["n"]) if total else 0,
        has_next=len(ids) > page_size,
    )
    out.facet_values["speaker"] = _facet(
        store,
        _claim_pattern(Facets(None, f.publisher, f.since, f.until, verdict=f.verdict)),
        "schema:author",
    )
    out.facet_values["verdict"] = _verdict_facet(
        store, _claim_pattern(Facets(f.speaker, f.publisher, f.since, f.until))
    )
    # per source first, then per publisher: a claim -> source -> publisher join is 5x slower
    pattern = _claim_pattern(Facets(f.speaker, None, f.since, f.until, verdict=f.verdict))
    if "?c schema:appearance ?src" not in pattern:
        pattern += "\n?c schema:appearance ?src ."
    out.facet_values["publisher"] = with_labels(
        store,
        rows(
            store,
            f"""SELECT ?v (SUM(?k) AS ?n) WHERE {{
            {{ SELECT ?src (COUNT(DISTINCT ?c) AS ?k) WHERE {{ {pattern} }} GROUP BY ?src }}
            ?src schema:publisher ?v }} GROUP BY ?v ORDER BY DESC(?n) ?v LIMIT 15""",
        ),
        label="v",
    )
    return out


def _verdict_facet(store: Store, pattern: str) -> list[Row]:
    """How many of the claims ``pattern`` matches a review judged each way."""
    pattern = pattern.replace("?c a fk:Claim .", "?c a ?claimClass .", 1)
    found = rows(
        store,
        f"""SELECT ?v (COUNT(DISTINCT ?c) AS ?n) WHERE {{ {pattern}
        VALUES ?claimClass {{ fk:Claim fk:ReviewedClaim }}
        ?review schema:itemReviewed ?c ; fk:verdict ?v }} GROUP BY ?v ORDER BY DESC(?n)""",
    )
    names = {str(i): name for name, i in VERDICTS.items()}
    return [
        {"v": names[r["v"]], "vLabel": VERDICT_OF_IRI[r["v"]].value, "n": r["n"]}
        for r in found
        if r.get("v") in names
    ]


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
        pattern = f"?a a {iri(FK + kind)} ." if kind else "?a a fk:Actor ."
        ids = [r["a"] for r in rows(store, f"SELECT DISTINCT ?a WHERE {{ {pattern} }}")]
        names = labels(store, ids)
        return sorted(ids, key=lambda a: (str(names.get(a) or a).lower(), a)), names

    result: tuple[list[str], dict[str, str]] = _scans.get(store, ("actors", kind), scan)
    return result


def _actor_kinds(store: Store) -> list[Row]:
    found = rows(
        store,
        f"""SELECT ?t (COUNT(DISTINCT ?a) AS ?n) WHERE {{ ?a a ?t
        VALUES ?t {{ {" ".join(iri(FK + k) for k in ACTOR_KINDS)} }} }} GROUP BY ?t""",
    )
    n = {r["t"][len(FK) :]: r["n"] for r in found}
    return [{"v": k, "label": k, "n": n[k]} for k in ACTOR_KINDS if n.get(k, "0") != "0"]


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
