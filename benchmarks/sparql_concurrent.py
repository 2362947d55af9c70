"""/sparql under concurrent clients against the Oxigraph server holding the same data.

The store, the query mix and the two servers are benchmarks/sparql_latency.py's (``oxigraph
serve --union-default-graph`` on a copy; factkg under waitress, here with ``factkg serve``'s
default THREADS and QUERY_WORKERS unless told otherwise). First both servers are asked every
query once and must give the same number of result rows (triples for CONSTRUCT, the boolean
for ASK). Then ``--clients`` threads, each with its own keep-alive http.client connection,
send the mix ``--rounds`` times (each client starting at a different query, so the mix is
interleaved), first to one server and then to the other; with ``--repeat N`` the order
alternates (Oxigraph first, factkg first, ...). Printed per server: requests served, errors
(any non-200 or failed connection), throughput, and p50/p95/p99 per query and over the whole
mix, with the ratios factkg / Oxigraph.

    python benchmarks/sparql_concurrent.py [--clients 8] [--rounds 50] [--repeat 2]
"""

from __future__ import annotations

import argparse
import http.client
import json
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode

import pyoxigraph as ox
from sparql_latency import accept_for, load_average, percentile, query_mix, servers

from kg import settings

OXIGRAPH, FACTKG = "oxigraph", "factkg"
PATHS = {OXIGRAPH: "/query", FACTKG: "/sparql"}


@dataclass
class Tally:
    """What one server's clients saw, over every repeat."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    served: int = 0
    errors: int = 0
    error_samples: list[str] = field(default_factory=list)
    seconds: float = 0.0  # wall time of the timed phases, summed over repeats
    throughputs: list[float] = field(default_factory=list)


def request(conn: http.client.HTTPConnection, path: str, query: str) -> tuple[int, bytes]:
    conn.request(
        "GET", f"{path}?{urlencode({'query': query})}", headers={"Accept": accept_for(query)}
    )
    resp = conn.getresponse()
    return resp.status, resp.read()


def rows(query: str, body: bytes) -> int:
    """Result rows of an answer: solutions, triples, or 1/0 for ASK."""
    if "CONSTRUCT" in query:
        return len(list(ox.parse(body, format=ox.RdfFormat.TURTLE)))
    data = json.loads(body)
    if "boolean" in data:
        return int(data["boolean"])
    return len(data["results"]["bindings"])


def same_answers(ports: dict[str, int]) -> None:
    """Every query of the mix, once per server: the row counts must agree."""
    print(f"\n{'query':28} {'factkg rows':>11} {'oxigraph rows':>13}")
    conns = {s: http.client.HTTPConnection("127.0.0.1", p) for s, p in ports.items()}
    mismatches = []
    for name, query in query_mix().items():
        counts = {}
        for server, conn in conns.items():
            status, body = request(conn, PATHS[server], query)
            if status != 200:
                raise SystemExit(f"{server}: {name}: HTTP {status}: {body[:300]!r}")
            counts[server] = rows(query, body)
        print(f"{name:28} {counts[FACTKG]:11} {counts[OXIGRAPH]:13}")
        if counts[FACTKG] != counts[OXIGRAPH]:
            mismatches.append(name)
    for conn in conns.values():
        conn.close()
    if mismatches:
        raise SystemExit(f"the servers disagree on: {', '.join(mismatches)}")


def client(
    port: int,
    path: str,
    start: int,
    rounds: int,
    barrier: threading.Barrier,
    out: list[tuple[str, float, int, str]],
) -> None:
    """One client: a warm-up pass over the mix, then ``rounds`` passes starting at query
    ``start``; (query, seconds, status, error) appended to ``out`` (status 0: no answer)."""
    mix = list(query_mix().items())
    order = mix[start % len(mix) :] + mix[: start % len(mix)]
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    for _, query in order:  # warm-up, not counted
        try:
            request(conn, path, query)
        except (OSError, http.client.HTTPException):
            conn.close()
    barrier.wait()
    for _ in range(rounds):
        for name, query in order:
            t0 = time.perf_counter()
            try:
                status, body = request(conn, path, query)
                error = "" if status == 200 else body[:200].decode("utf-8", "replace")
            except (OSError, http.client.HTTPException) as e:
                conn.close()  # http.client reconnects on the next request
                status, error = 0, repr(e)
            out.append((name, time.perf_counter() - t0, status, error))
    conn.close()


def run_phase(server: str, port: int, clients: int, rounds: int, tally: Tally) -> None:
    barrier = threading.Barrier(clients + 1)
    outs: list[list[tuple[str, float, int, str]]] = [[] for _ in range(clients)]
    threads = [
        threading.Thread(
            target=client, args=(port, PATHS[server], i, rounds, barrier, outs[i]), daemon=True
        )
        for i in range(clients)
    ]
    for t in threads:
        t.start()
    barrier.wait()  # every client warmed up and connected
    t0 = time.perf_counter()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - t0
    served = 0
    for out in outs:
        for name, elapsed, status, error in out:
            if status == 200:
                served += 1
                tally.latencies[name].append(elapsed)
            else:
                tally.errors += 1
                if len(tally.error_samples) < 5:
                    tally.error_samples.append(f"{name}: HTTP {status} {error}")
    tally.served += served
    tally.seconds += seconds
    tally.throughputs.append(served / seconds)
    print(f"  {server:8} {served:6} served in {seconds:6.2f} s: {served / seconds:7.1f} q/s")


def report(tallies: dict[str, Tally], clients: int, rounds: int, repeat: int) -> None:
    ours, theirs = tallies[FACTKG], tallies[OXIGRAPH]
    print(f"\n{clients} clients x {rounds} rounds of the mix x {repeat} repeats; milliseconds")
    for server, t in ((FACTKG, ours), (OXIGRAPH, theirs)):
        each = ", ".join(f"{x:.1f}" for x in t.throughputs)
        print(
            f"{server:8}: {t.served} served, {t.errors} errors, "
            f"{t.served / t.seconds:.1f} queries/s (per repeat: {each})"
        )
        for sample in t.error_samples:
            print(f"    {sample}")
    print(
        f"throughput ratio factkg / oxigraph: {ours.served / ours.seconds:.1f} / "
        f"{theirs.served / theirs.seconds:.1f} = "
        f"{(ours.served / ours.seconds) / (theirs.served / theirs.seconds):.2f}"
    )
    qs = (0.5, 0.95, 0.99)
    heads = [f"{who}{round(q * 100)}" for who in ("fk p", "ox p", "ratio") for q in qs]
    print(f"\n{'query':28} " + " ".join(f"{h:>8}" for h in heads))
    names = list(query_mix())
    rows_ = [(name, ours.latencies[name], theirs.latencies[name]) for name in names]
    every_ours = [x for name in names for x in ours.latencies[name]]
    every_theirs = [x for name in names for x in theirs.latencies[name]]
    rows_.append(("whole mix (every request)", every_ours, every_theirs))
    for name, a, b in rows_:
        if not a or not b:
            print(f"{name:28} (no answers)")
            continue
        pa = [percentile(a, q) * 1000 for q in qs]
        pb = [percentile(b, q) * 1000 for q in qs]
        ratios = [x / y for x, y in zip(pa, pb, strict=True)]
        print(f"{name:28} " + " ".join(f"{x:8.2f}" for x in (*pa, *pb, *ratios)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1700)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=50, help="passes over the mix per client")
    parser.add_argument("--repeat", type=int, default=2, help="phases per server, alternating")
    parser.add_argument(
        "--threads", type=int, default=settings.BY_NAME["THREADS"].default, help="factkg THREADS"
    )
    parser.add_argument(
        "--query-workers",
        type=int,
        default=settings.BY_NAME["QUERY_WORKERS"].default,
        help="factkg QUERY_WORKERS",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary stores")
    args = parser.parse_args()

    config = {"THREADS": args.threads, "QUERY_WORKERS": args.query_workers}
    print(f"factkg: THREADS {args.threads}, QUERY_WORKERS {args.query_workers}")
    with servers(args.articles, args.keep, config) as up:
        ports = {OXIGRAPH: up.theirs, FACTKG: up.ours}
        same_answers(ports)
        tallies = {OXIGRAPH: Tally(), FACTKG: Tally()}
        for r in range(args.repeat):
            order = (OXIGRAPH, FACTKG) if r % 2 == 0 else (FACTKG, OXIGRAPH)
            print(f"repeat {r + 1}/{args.repeat}:")
            for server in order:
                run_phase(server, ports[server], args.clients, args.rounds, tallies[server])
    report(tallies, args.clients, args.rounds, args.repeat)
    print(load_average())


if __name__ == "__main__":
    main()
