"""/sparql latency against the Oxigraph server holding the same data, measured alternately.

Builds a store of synthetic claims that follow docs/data-model.md (one named graph per
article, actors shared across articles; >= 100k triples by default), copies it, starts
``oxigraph serve --union-default-graph`` on the copy and ``factkg``'s app under waitress
(``service.server.serve``, as ``factkg serve`` runs it) on the original, both on loopback in
their own processes, then runs the same query mix against both ALTERNATELY (ours, theirs,
ours, ...) with http.client over keep-alive connections, and prints p50/p90 per query and the
ratio ours/oxigraph.

    python benchmarks/sparql_latency.py [--articles 1700] [--rounds 200]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pyoxigraph as ox

BASE = "http://factkg.bench/"
FK = "https://w3id.org/factkg/ns#"
SCHEMA = "https://schema.org/"
SEM = "http://semanticweb.cs.vu.nl/2009/11/sem/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
XSD = "http://www.w3.org/2001/XMLSchema#"
KINDS = ["Person", "Organization", "Government", "Country", "Group"]
EVENT_TYPES = ["Arrest", "Detention", "Attack", "Protest", "Meeting", "Statement"]
N_ACTORS = 500
PREFIXES = (
    f"PREFIX fk: <{FK}> PREFIX schema: <{SCHEMA}> PREFIX sem: <{SEM}> "
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
)


def _lit(value: str, datatype: str | None = None) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"' + (f"^^<{datatype}>" if datatype else "")


def article_quads(i: int) -> list[str]:
    """N-Quads lines of article ``i``: a source, 4 claims, 2 events, the actors it names."""
    g = f"<{BASE}graph/a{i:06d}>"
    src = f"<{BASE}source/a{i:06d}>"
    out: list[str] = []

    def t(s: str, p: str, o: str) -> None:
        out.append(f"{s} <{p}> {o} {g} .")

    day = f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}"
    t(src, RDF_TYPE, f"<{FK}Source>")
    t(src, RDF_TYPE, f"<{SCHEMA}NewsArticle>")
    t(src, SCHEMA + "headline", _lit(f"Headline of article {i}"))
    t(src, SCHEMA + "text", _lit(f"Text of article {i}. " * 20))
    t(src, SCHEMA + "datePublished", _lit(day, XSD + "date"))
    publisher = f"<{BASE}actor/actor-{i % 20:04d}>"
    t(src, SCHEMA + "publisher", publisher)
    named = {i % 20} | {(i * 7 + k * 13) % N_ACTORS for k in range(4)}
    for a in sorted(named):
        actor = f"<{BASE}actor/actor-{a:04d}>"
        t(actor, RDF_TYPE, f"<{FK}Actor>")
        t(actor, RDF_TYPE, f"<{FK}{KINDS[a % len(KINDS)]}>")
        t(actor, LABEL, _lit(f"Actor {a}"))
    speakers = sorted(named)
    events = []
    for e in range(2):
        ev = f"<{BASE}event/a{i:06d}e{e}>"
        events.append(ev)
        t(ev, RDF_TYPE, f"<{FK}Event>")
        t(ev, RDF_TYPE, f"<{SEM}Event>")
        t(ev, LABEL, _lit(f"event {e} of article {i}"))
        t(ev, SEM + "eventType", f"<{FK}{EVENT_TYPES[(i + e) % len(EVENT_TYPES)]}>")
        t(ev, SEM + "hasPlace", f"<{BASE}place/place-{i % 50}>")
        t(ev, SEM + "hasTimeStamp", _lit(day, XSD + "date"))
        t(ev, "http://purl.org/dc/terms/source", src)
    for c in range(4):
        claim = f"<{BASE}claim/a{i:06d}c{c}>"
        t(claim, RDF_TYPE, f"<{FK}Claim>")
        t(claim, RDF_TYPE, f"<{SCHEMA}Claim>")
        t(claim, SCHEMA + "text", _lit(f"claim {c} of article {i}: something happened"))
        t(claim, FK + "reportingVerb", _lit(["say", "deny", "accuse", "claim"][c]))
        t(claim, SCHEMA + "author", f"<{BASE}actor/actor-{speakers[c % len(speakers)]:04d}>")
        t(claim, SCHEMA + "appearance", src)
        t(claim, SCHEMA + "about", events[c % 2])
        if c == 3:
            t(claim, FK + "relayedBy", publisher)
    return out


def build(path: Path, articles: int) -> int:
    """Bulk-load the synthetic store at ``path``; the number of quads written."""
    lines: list[str] = []
    for i in range(articles):
        lines.extend(article_quads(i))
    store = ox.Store(str(path))
    store.bulk_load("\n".join(lines).encode(), format=ox.RdfFormat.N_QUADS)
    store.flush()
    n = len(store)
    del store
    return n


def query_mix() -> dict[str, str]:
    claim = f"{BASE}claim/a000042c1"
    actor = f"{BASE}actor/actor-0007"
    return {
        "claim page": PREFIXES + f"SELECT ?p ?o WHERE {{ <{claim}> ?p ?o }}",
        "claim graph (CONSTRUCT)": PREFIXES + f"CONSTRUCT {{ <{claim}> ?p ?o . ?o rdfs:label ?l }} "
        f"WHERE {{ <{claim}> ?p ?o OPTIONAL {{ ?o rdfs:label ?l }} }}",
        "claims by speaker": PREFIXES
        + f"SELECT ?claim ?text WHERE {{ ?claim schema:author <{actor}> ; schema:text ?text }} "
        "LIMIT 50",
        "arrests with place": PREFIXES
        + "SELECT ?event ?place ?when WHERE { ?event sem:eventType fk:Arrest ; "
        "sem:hasPlace ?place ; sem:hasTimeStamp ?when } LIMIT 100",
        "claims per publisher": PREFIXES
        + "SELECT ?pub (COUNT(?claim) AS ?n) WHERE { ?claim schema:appearance ?s . "
        "?s schema:publisher ?pub } GROUP BY ?pub ORDER BY DESC(?n)",
        "actor by label": PREFIXES + 'SELECT ?a WHERE { ?a rdfs:label "Actor 123" }',
        "ASK relayed": PREFIXES + f"ASK {{ ?c fk:relayedBy <{BASE}actor/actor-0003> }}",
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_up(port: int, what: str, proc: subprocess.Popen[bytes]) -> None:
    for _ in range(600):
        if proc.poll() is not None:
            raise SystemExit(f"{what} exited with status {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"{what} did not start listening on port {port}")


class Client:
    """One keep-alive connection; a GET per query, the body read whole."""

    def __init__(self, port: int, path: str) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port)
        self.path = path

    def run(self, query: str, accept: str) -> float:
        target = f"{self.path}?{urlencode({'query': query})}"
        start = time.perf_counter()
        self.conn.request("GET", target, headers={"Accept": accept})
        resp = self.conn.getresponse()
        body = resp.read()
        elapsed = time.perf_counter() - start
        if resp.status != 200:
            raise SystemExit(f"{self.path}: HTTP {resp.status}: {body[:300]!r}")
        return elapsed


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def accept_for(query: str) -> str:
    """The Accept header the mix sends with ``query``."""
    return "text/turtle" if "CONSTRUCT" in query else "application/sparql-results+json"


@dataclass(frozen=True)
class Servers:
    """Both servers, up: factkg's /sparql on ``ours``, the Oxigraph server's /query on
    ``theirs`` (ports on 127.0.0.1)."""

    ours: int
    theirs: int
    quads: int


@contextmanager
def servers(
    articles: int, keep: bool = False, config: dict[str, Any] | None = None
) -> Iterator[Servers]:
    """Build the store, copy it, serve the copy with ``oxigraph serve`` and the original with
    factkg under waitress (``service.server.serve``; ``config`` on top of THREADS 4), each
    in its own process; stop both (and remove the stores unless ``keep``) on the way out."""
    tmp = Path(tempfile.mkdtemp(prefix="factkg-bench-"))
    ours_path, theirs_path = tmp / "ours", tmp / "oxigraph"
    t0 = time.perf_counter()
    n = build(ours_path, articles)
    shutil.copytree(ours_path, theirs_path)
    print(
        f"store: {n} quads in {articles} named graphs, built in "
        f"{time.perf_counter() - t0:.1f} s ({tmp})"
    )
    our_config = {"STORE": str(ours_path), "BASE_URI": BASE, "THREADS": 4, **(config or {})}
    oxigraph = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    ox_port, our_port = free_port(), free_port()
    procs = [
        subprocess.Popen(
            [
                oxigraph,
                "serve",
                "--location",
                str(theirs_path),
                "--bind",
                f"127.0.0.1:{ox_port}",
                "--union-default-graph",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        ),
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                "import json, sys; from service.server import serve; "
                "serve('127.0.0.1', int(sys.argv[1]), json.loads(sys.argv[2]))",
                str(our_port),
                json.dumps(our_config),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        ),
    ]
    try:
        wait_until_up(ox_port, "oxigraph serve", procs[0])
        wait_until_up(our_port, "factkg serve", procs[1])
        yield Servers(ours=our_port, theirs=ox_port, quads=n)
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            p.wait(10)
        if not keep:
            shutil.rmtree(tmp, ignore_errors=True)


def load_average() -> str:
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return f"load average at the end: {load} ({os.cpu_count()} CPUs; noisy when loaded)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1700)
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--keep", action="store_true", help="keep the temporary stores")
    args = parser.parse_args()

    with servers(args.articles, args.keep) as up:
        ours, theirs = Client(up.ours, "/sparql"), Client(up.theirs, "/query")
        results = run_mix(ours, theirs, args.rounds)
    report(results, args.rounds)
    print(load_average())


def run_mix(ours: Client, theirs: Client, rounds: int) -> dict[str, tuple[list[float], ...]]:
    results: dict[str, tuple[list[float], ...]] = {}
    for name, query in query_mix().items():
        accept = accept_for(query)
        for _ in range(5):  # warm both: caches, our query workers
            ours.run(query, accept)
            theirs.run(query, accept)
        a: list[float] = []
        b: list[float] = []
        for i in range(rounds):
            # alternate which server goes first, so neither always follows the other
            if i % 2:
                a.append(ours.run(query, accept))
                b.append(theirs.run(query, accept))
            else:
                b.append(theirs.run(query, accept))
                a.append(ours.run(query, accept))
        results[name] = (a, b)
    return results


def report(results: dict[str, tuple[list[float], ...]], rounds: int) -> None:
    print(f"\n{rounds} rounds per query, alternating; milliseconds")
    print(
        f"{'query':28} {'ours p50':>9} {'ours p90':>9} {'oxi p50':>9} {'oxi p90':>9} "
        f"{'ratio p50':>9} {'ratio p90':>9}"
    )
    ratios50, ratios90 = [], []
    mix_ours = mix_theirs = 0.0
    for name, (a, b) in results.items():
        a50, a90, b50, b90 = (
            percentile(x, q) * 1000 for x, q in ((a, 0.5), (a, 0.9), (b, 0.5), (b, 0.9))
        )
        mix_ours += statistics.fmean(a)
        mix_theirs += statistics.fmean(b)
        ratios50.append(a50 / b50)
        ratios90.append(a90 / b90)
        print(
            f"{name:28} {a50:9.2f} {a90:9.2f} {b50:9.2f} {b90:9.2f} "
            f"{a50 / b50:9.2f} {a90 / b90:9.2f}"
        )
    print(
        f"{'geometric mean':28} {'':39} {statistics.geometric_mean(ratios50):9.2f} "
        f"{statistics.geometric_mean(ratios90):9.2f}"
    )
    # the mix as a client runs it: each query once, time summed (means, not medians)
    print(
        f"{'whole mix (sum of means)':28} {mix_ours * 1000:9.2f} {'':9} "
        f"{mix_theirs * 1000:9.2f} {'':9} {mix_ours / mix_theirs:9.2f}"
    )


if __name__ == "__main__":
    main()
