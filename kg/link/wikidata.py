"""Candidates for a name from Wikidata's Query Service, through SPARQLWrapper.

Any SPARQL endpoint holding Wikidata's data model will do (the tests run an ``oxigraph serve``
holding a fixture). The client keeps the Query Service's usage policy: a User-Agent naming
factkg, names and items asked in batches (two queries per batch: the items whose English label
or alias is one of the names; then their classes and a few statements), and back-off on 429
and 5xx, honouring ``Retry-After``. Answers are kept in an SQLite cache on disk, per name and
per item, so a name is asked once per ``CACHE_DAYS``.

Linking must never make ingest fail or hang: every request has a timeout, back-off waits at most
``MAX_WAIT`` seconds in all, and an endpoint that cannot be reached (refused, timed out, still
overloaded after the retries) is left alone for ``PAUSE`` seconds, so a batch of articles
ingests at full speed without its Wikidata links, which ``factkg link`` adds later.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
import time
import urllib.error
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from SPARQLWrapper import JSON, POST, URLENCODED, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

import kg

log = logging.getLogger(__name__)

DEFAULT_ENDPOINT = "https://query.wikidata.org/sparql"
ENTITY = "http://www.wikidata.org/entity/"
WDT = "http://www.wikidata.org/prop/direct/"
USER_AGENT = (
    f"factkg/{kg.__version__} (fact-check knowledge graph; https://w3id.org/factkg) "
    "SPARQLWrapper/2.0"
)
BATCH = 100  # names or items per query: a form of a few KB, few round trips
MEMORY = 100_000  # answers per kind kept in memory by one client (a few hundred MB at most)
CACHE_DAYS = 30.0
MAX_WAIT = 30.0  # seconds of back-off per request, at most, before giving up
PAUSE = 300.0  # seconds an unreachable endpoint is left alone
RETRIES = 3
CANDIDATES_PER_NAME = 25  # the most prominent; a name shared by hundreds of items is common

#: the root classes an item's ``wdt:P31/wdt:P279*`` is checked against (kg.link.rank maps
#: each actor kind to the roots it accepts)
ROOTS = (
    "Q5",  # human
    "Q43229",  # organization
    "Q1002697",  # periodical (newspapers, magazines: publishers are named by their titles)
    "Q35127",  # website
    "Q7188",  # government
    "Q2659904",  # government organization
    "Q6256",  # country
    "Q3624078",  # sovereign state
    "Q7275",  # state
    "Q41710",  # ethnic group
    "Q16334295",  # group of humans
    "Q4167836",  # Wikimedia category
    "Q4167410",  # Wikimedia disambiguation page
)
#: statements kept on a linked item, for local queries ("claims by members of NATO")
FACT_PROPERTIES = ("P31", "P17", "P27", "P463", "P102", "P108", "P39")
DISSOLVED = "P576"  # dissolved, abolished or demolished: a former body
COUNTRY_PROPERTIES = ("P17", "P27")


@dataclass(frozen=True)
class Candidate:
    """An item whose English label or alias is the name asked."""

    item: str  # full IRI, http://www.wikidata.org/entity/Q148
    name: str  # the name asked
    by_label: bool  # the name is its label (not only an alias)
    label: str | None
    description: str | None
    sitelinks: int
    roots: frozenset[str]  # the ROOTS it is an instance of, as Q ids
    country_names: frozenset[str]  # English labels of its P17/P27 values
    facts: tuple[tuple[str, str], ...]  # (property IRI, value IRI) for FACT_PROPERTIES
    dissolved: bool = False  # has a P576 date: the body no longer exists

    @property
    def qid(self) -> str:
        return self.item.rsplit("/", 1)[-1]


class Unavailable(Exception):
    """The endpoint cannot be used now (off, unreachable, overloaded); no links from it."""


_CANDIDATES = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <http://schema.org/>
PREFIX wikibase: <http://wikiba.se/ontology#>
SELECT ?name ?item ?how ?label ?description ?sitelinks WHERE {
  VALUES ?name { %s }
  { ?item rdfs:label ?name . BIND("label" AS ?how) }
  UNION { ?item skos:altLabel ?name . BIND("alias" AS ?how) }
  OPTIONAL { ?item rdfs:label ?label . FILTER(LANG(?label) = "en") }
  OPTIONAL { ?item schema:description ?description . FILTER(LANG(?description) = "en") }
  OPTIONAL { ?item wikibase:sitelinks ?sitelinks }
}"""

_DETAILS = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX wd: <http://www.wikidata.org/entity/>
PREFIX wdt: <http://www.wikidata.org/prop/direct/>
SELECT ?item ?p ?v ?vLabel WHERE {
  VALUES ?item { %s }
  { VALUES ?v { %s } ?item wdt:P31/wdt:P279* ?v . BIND("root" AS ?p) }
  UNION {
    VALUES ?p { %s }
    ?item ?p ?v . FILTER(isIRI(?v))
    OPTIONAL { ?v rdfs:label ?vLabel . FILTER(LANG(?vLabel) = "en") } }
  UNION { ?item wdt:%s ?v . BIND("dissolved" AS ?p) }
}"""


def _literal(name: str) -> str:
    return json.dumps(name, ensure_ascii=False) + "@en"


class WikidataClient:
    """Asks one endpoint for candidates; safe to share between threads."""

    def __init__(
        self,
        endpoint: str,
        cache: Path | None = None,
        timeout: float = 10.0,
        retries: int = RETRIES,
        max_wait: float = MAX_WAIT,
        pause: float = PAUSE,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.endpoint = endpoint
        self.timeout = timeout
        self.retries = retries
        self.max_wait = max_wait
        self.pause = pause
        self._sleep = sleep
        self._down_until = 0.0
        self._lock = threading.Lock()
        self._cache = _Cache(cache, endpoint) if cache is not None else None
        # answers of this process, whether or not a disk cache is kept: a batch of articles
        # is asked for at once (Linker.prefetch), then each article reads from here
        self._memory: dict[tuple[str, str], list[dict[str, str]]] = {}
        self.requests = 0  # answered requests, for reports and tests

    # --- public ---------------------------------------------------------------------------

    def candidates(self, names: Collection[str]) -> dict[str, list[Candidate]]:
        """The candidates of each name (an empty list when Wikidata has none).

        Raises Unavailable when the endpoint cannot answer now; nothing partial is returned
        for the names it could not ask.
        """
        wanted = sorted({n for n in names if n.strip()})
        rows: dict[str, list[dict[str, str]]] = {}
        missing = []
        for name in wanted:
            hit = self._recall("name", name)
            if hit is None:
                missing.append(name)
            else:
                rows[name] = hit
        for batch in _batches(missing, BATCH):
            found: dict[str, list[dict[str, str]]] = {n: [] for n in batch}
            query = _CANDIDATES % " ".join(_literal(n) for n in batch)
            for row in self._select(query):
                if row.get("name") in found:
                    found[row["name"]].append(row)
            for name, got in found.items():
                got = _most_prominent(got)
                rows[name] = got
                self._keep("name", name, got)
        items = sorted({r["item"] for got in rows.values() for r in got})
        details = self._details(items)
        return {name: _candidates(name, rows.get(name, []), details) for name in wanted}

    # --- queries --------------------------------------------------------------------------

    def _details(self, items: list[str]) -> dict[str, list[dict[str, str]]]:
        out: dict[str, list[dict[str, str]]] = {}
        missing = []
        for item in items:
            hit = self._recall("item", item)
            if hit is None:
                missing.append(item)
            else:
                out[item] = hit
        roots = " ".join(f"wd:{q}" for q in ROOTS)
        props = " ".join(f"wdt:{p}" for p in FACT_PROPERTIES)
        for batch in _batches(missing, BATCH):
            found: dict[str, list[dict[str, str]]] = {i: [] for i in batch}
            query = _DETAILS % (" ".join(f"<{i}>" for i in batch), roots, props, DISSOLVED)
            for row in self._select(query):
                if row.get("item") in found:
                    found[row["item"]].append(row)
            for item, got in found.items():
                out[item] = got
                self._keep("item", item, got)
        return out

    def _recall(self, kind: str, key: str) -> list[dict[str, str]] | None:
        hit = self._memory.get((kind, key))
        if hit is None and self._cache is not None:
            hit = self._cache.get(kind, key)
            if hit is not None:
                self._remember(kind, key, hit)
        return hit

    def _keep(self, kind: str, key: str, rows: list[dict[str, str]]) -> None:
        self._remember(kind, key, rows)
        if self._cache is not None:
            self._cache.put(kind, key, rows)

    def _remember(self, kind: str, key: str, rows: list[dict[str, str]]) -> None:
        with self._lock:
            if len(self._memory) >= MEMORY:
                self._memory.clear()  # a long run starts afresh rather than grow
            self._memory[(kind, key)] = rows

    def _select(self, query: str) -> list[dict[str, str]]:
        """The query's solutions as plain strings; back-off on 429/5xx, Unavailable when the
        endpoint is paused, unreachable or still refusing after the retries."""
        if time.monotonic() < self._down_until:
            raise Unavailable(f"{self.endpoint} is paused after a failure")
        waited = 0.0
        for attempt in range(self.retries + 1):
            try:
                result = self._request(query)
            except _Retry as e:
                delay = e.retry_after if e.retry_after is not None else 2.0**attempt
                if attempt == self.retries or waited + delay > self.max_wait:
                    self._give_up(f"{self.endpoint} still answers {e.status}")
                waited += delay
                self._sleep(delay)
                continue
            except (TimeoutError, urllib.error.URLError, OSError) as e:
                self._give_up(f"{self.endpoint} cannot be reached: {e}")
            except SPARQLWrapperException as e:  # 400: our query; not worth retrying
                self._give_up(f"{self.endpoint} refused a query: {str(e)[:200]}")
            with self._lock:
                self.requests += 1
            return [
                {k: v["value"] for k, v in b.items()}
                for b in result.get("results", {}).get("bindings", [])
            ]
        raise AssertionError("unreachable")  # pragma: no cover

    def _request(self, query: str) -> dict[str, Any]:
        sw = SPARQLWrapper(self.endpoint, agent=USER_AGENT)
        sw.setMethod(POST)
        sw.setRequestMethod(URLENCODED)
        sw.setReturnFormat(JSON)
        sw.setTimeout(int(max(1, self.timeout)))
        sw.setQuery(query)
        try:
            answer = sw.query().convert()
        except urllib.error.HTTPError as e:
            if e.code == 429 or e.code >= 500:
                raise _Retry(e.code, _retry_after(e.headers.get("Retry-After"))) from e
            raise
        except SPARQLWrapperException as e:
            # SPARQLWrapper turns a 500 into EndPointInternalError, without its headers
            if "500" in str(e)[:200] or type(e).__name__ == "EndPointInternalError":
                raise _Retry(500, None) from e
            raise
        if not isinstance(answer, dict):
            raise Unavailable(f"{self.endpoint} did not answer with SPARQL JSON results")
        return answer

    def _give_up(self, why: str) -> None:
        self._down_until = time.monotonic() + self.pause
        log.warning("Wikidata linking paused for %.0f s: %s", self.pause, why)
        raise Unavailable(why)


class _Retry(Exception):
    def __init__(self, status: int, retry_after: float | None) -> None:
        super().__init__(status)
        self.status = status
        self.retry_after = retry_after


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        from email.utils import parsedate_to_datetime

        try:
            return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
        except (TypeError, ValueError):
            return None


def _batches(items: list[str], size: int) -> Iterable[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _most_prominent(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """The rows of the CANDIDATES_PER_NAME items with most sitelinks."""
    links: dict[str, int] = {}
    for r in rows:
        links[r["item"]] = max(links.get(r["item"], 0), _int(r.get("sitelinks")))
    keep = set(sorted(links, key=lambda i: (-links[i], i))[:CANDIDATES_PER_NAME])
    return [r for r in rows if r["item"] in keep]


def _int(value: str | None) -> int:
    try:
        return int(value) if value is not None else 0
    except ValueError:
        return 0


def _candidates(
    name: str, rows: list[dict[str, str]], details: dict[str, list[dict[str, str]]]
) -> list[Candidate]:
    by_item: dict[str, list[dict[str, str]]] = {}
    for r in rows:
        by_item.setdefault(r["item"], []).append(r)
    out = []
    for item, got in sorted(by_item.items()):
        if not item.startswith(ENTITY):
            continue
        label = next((r["label"] for r in got if "label" in r), None)
        description = next((r["description"] for r in got if "description" in r), None)
        roots: set[str] = set()
        countries: set[str] = set()
        facts: set[tuple[str, str]] = set()
        dissolved = False
        for d in details.get(item, []):
            value = d.get("v", "")
            if d.get("p") == "dissolved":
                dissolved = True
                continue
            if d.get("p") == "root":
                roots.add(value.rsplit("/", 1)[-1])
                continue
            prop = d.get("p", "")
            if prop.startswith(WDT) and value.startswith(ENTITY):
                facts.add((prop, value))
                if prop.removeprefix(WDT) in COUNTRY_PROPERTIES and "vLabel" in d:
                    countries.add(d["vLabel"])
        out.append(
            Candidate(
                item=item,
                name=name,
                by_label=any(r.get("how") == "label" for r in got),
                label=label,
                description=description,
                sitelinks=max(_int(r.get("sitelinks")) for r in got),
                roots=frozenset(roots),
                country_names=frozenset(countries),
                facts=tuple(sorted(facts)),
                dissolved=dissolved,
            )
        )
    return out


class _Cache:
    """Answers per name and per item in SQLite, shared by processes (WAL)."""

    def __init__(self, path: Path, endpoint: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.endpoint = endpoint
        self._local = threading.local()
        with self._db() as db:
            db.execute(
                "CREATE TABLE IF NOT EXISTS answers (endpoint TEXT, kind TEXT, key TEXT, "
                "rows TEXT, fetched REAL, PRIMARY KEY (endpoint, kind, key))"
            )

    def _db(self) -> sqlite3.Connection:
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self.path, timeout=30)
            db.execute("PRAGMA journal_mode=WAL")
            self._local.db = db
        return db

    def get(self, kind: str, key: str) -> list[dict[str, str]] | None:
        try:
            row = (
                self._db()
                .execute(
                    "SELECT rows, fetched FROM answers WHERE endpoint=? AND kind=? AND key=?",
                    (self.endpoint, kind, key),
                )
                .fetchone()
            )
        except sqlite3.Error:
            return None
        if row is None or time.time() - row[1] > CACHE_DAYS * 86400:
            return None
        rows: list[dict[str, str]] = json.loads(row[0])
        return rows

    def put(self, kind: str, key: str, rows: list[dict[str, str]]) -> None:
        try:
            with self._db() as db:
                db.execute(
                    "INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?)",
                    (self.endpoint, kind, key, json.dumps(rows), time.time()),
                )
        except sqlite3.Error as e:  # a cache that cannot be written only costs requests
            log.warning("Wikidata cache %s not written: %s", self.path, e)
