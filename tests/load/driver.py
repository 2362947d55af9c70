"""Readers and a writer at once against a served factkg: the load test's and benchmark's driver.

``clients`` threads each make ``requests`` reads, cycling through /sparql queries (GET and
POST), the lists, search, claim pages and the VoID description, over keep-alive connections,
while one more thread posts articles to the ingest API; every answer's status and latency is
kept. Bounded by counts, not by time: every reader makes its requests, the writer posts every
article, whatever the machine's speed.
"""

from __future__ import annotations

import http.client
import json
import threading
import time
import urllib.parse
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

QUERIES = (
    "SELECT (COUNT(?c) AS ?n) WHERE { ?c a <https://w3id.org/factkg/ns#Claim> }",
    "PREFIX schema: <https://schema.org/> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>"
    " SELECT ?text ?who WHERE { ?c schema:text ?text ; schema:author/rdfs:label ?who } LIMIT 20",
    "PREFIX fk: <https://w3id.org/factkg/ns#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>"
    " SELECT ?a ?l (COUNT(?c) AS ?n) WHERE { ?a a fk:Actor ; rdfs:label ?l ."
    " ?c <https://schema.org/author> ?a } GROUP BY ?a ?l ORDER BY DESC(?n) LIMIT 10",
)
PAGES = ("/claims", "/actors", "/sources", "/events", "/search?q=said", "/.well-known/void")


@dataclass
class Result:
    latencies: dict[str, list[float]] = field(default_factory=dict)  # kind -> seconds
    statuses: Counter[int] = field(default_factory=Counter)
    accepted: list[str] = field(default_factory=list)  # source IRIs the API stored
    refused: list[str] = field(default_factory=list)  # articles the API refused (4xx)
    errors: list[str] = field(default_factory=list)  # 5xx bodies, connection failures
    seconds: float = 0.0

    def note(self, kind: str, status: int, seconds: float) -> None:
        self.latencies.setdefault(kind, []).append(seconds)
        self.statuses[status] += 1

    def percentiles(self, kind: str) -> tuple[float, float, float]:
        got = sorted(self.latencies.get(kind, [])) or [0.0]
        pick = [got[min(len(got) - 1, int(q * len(got)))] for q in (0.5, 0.95, 0.99)]
        return pick[0], pick[1], pick[2]


class _Client:
    def __init__(self, base: str) -> None:
        parts = urllib.parse.urlsplit(base)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=120)

    def close(self) -> None:
        self.conn.close()

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, bytes]:
        for attempt in range(2):
            try:
                self.conn.request(method, path, body, headers or {})
                with self.conn.getresponse() as reply:
                    return reply.status, reply.read()
            except (http.client.HTTPException, ConnectionError):
                # a kept-alive connection the server closed while idle: open a new one, once
                self.conn.close()
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=120)
                if attempt:
                    raise
        raise AssertionError("unreachable")


def run(
    base: str, token: str, articles: Sequence[Path], clients: int = 8, requests: int = 40
) -> Result:
    """Run the load; ``base`` is the service's URL, without a trailing slash."""
    result = Result()
    lock = threading.Lock()
    claim_pages: list[str] = []

    def reader(n: int) -> None:
        client = _Client(base)
        try:
            read(client, n)
        finally:
            client.close()

    def read(client: _Client, n: int) -> None:
        args: tuple[str, str, bytes | None, dict[str, str]]
        for i in range(requests):
            step = (n + i) % 5
            if step in (0, 1):
                query = QUERIES[(n + i) % len(QUERIES)]
                if step == 0:
                    path = "/sparql?" + urllib.parse.urlencode({"query": query})
                    kind, args = "sparql", ("GET", path, None, {"Accept": "application/json"})
                else:
                    form = urllib.parse.urlencode({"query": query}).encode()
                    headers = {
                        "Content-Type": "application/x-www-form-urlencoded",
                        "Accept": "application/sparql-results+json",
                    }
                    kind, args = "sparql", ("POST", "/sparql", form, headers)
            elif step == 2 and claim_pages:
                kind = "claim page"
                args = ("GET", claim_pages[(n + i) % len(claim_pages)], None, {})
            else:
                kind, args = "lists and search", ("GET", PAGES[(n + i) % len(PAGES)], None, {})
            start = time.perf_counter()
            try:
                status, body = client.request(*args)
            except OSError as e:
                with lock:
                    result.errors.append(f"{kind}: {e}")
                continue
            with lock:
                result.note(kind, status, time.perf_counter() - start)
                if status >= 500:
                    result.errors.append(f"{kind} {args[1][:80]}: {status} {body[:200]!r}")
                if kind == "lists and search" and args[1] == "/claims" and status == 200:
                    for href in body.decode("utf-8", "replace").split('href="')[1:40]:
                        if href.startswith("/claim/") and len(claim_pages) < 50:
                            claim_pages.append(href.split('"', 1)[0])

    def writer() -> None:
        client = _Client(base)
        try:
            write(client)
        finally:
            client.close()

    def write(client: _Client) -> None:
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "text/plain; charset=utf-8"}
        for article in articles:
            start = time.perf_counter()
            try:
                status, body = client.request("POST", "/api/sources", article.read_bytes(), headers)
            except OSError as e:
                with lock:
                    result.errors.append(f"post {article.name}: {e}")
                continue
            with lock:
                result.note("post article", status, time.perf_counter() - start)
                if status == 201:
                    result.accepted.append(json.loads(body)["source"])
                elif status >= 500:
                    result.errors.append(f"post {article.name}: {status} {body[:200]!r}")
                else:
                    result.refused.append(f"{article.name}: {status} {body[:200]!r}")

    threads = [threading.Thread(target=reader, args=(n,)) for n in range(clients)]
    threads.append(threading.Thread(target=writer))
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    result.seconds = time.perf_counter() - start
    return result
