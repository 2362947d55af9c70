"""Eight readers and a writer against `factkg serve`, as deployed: latency percentiles.

A store is filled with articles (`factkg ingest`), then `factkg serve` runs on it with a token
(its own process, waitress with FACTKG_THREADS threads, query workers); 8 client threads make
``--requests`` reads each (/sparql by GET and POST, the lists, search, claim pages, VoID) while
a ninth posts articles to the ingest API. Prints requests served, errors, articles accepted and
found afterwards, and p50/p95/p99 latencies per kind of request.

    python benchmarks/load.py [--requests 200] [--articles 20]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.load import driver  # noqa: E402
from tests.servers import free_port  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data"
TOKEN = "load-benchmark-token-0123456789abcdef"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=200, help="reads per client")
    parser.add_argument("--articles", type=int, default=20, help="articles posted")
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args()
    preload = sorted(p for s in ("eval", "heldout", "heldout2") for p in (DATA / s).glob("*.txt"))
    posted = sorted(p for s in ("heldout4", "heldout5") for p in (DATA / s).glob("*.txt"))
    posted = posted[: args.articles]
    with tempfile.TemporaryDirectory() as tmp:
        store, port = Path(tmp) / "store", free_port()
        base = f"http://127.0.0.1:{port}"
        env = {
            **os.environ,
            "FACTKG_STORE": str(store),
            "FACTKG_BASE_URI": base + "/",
            "FACTKG_API_TOKEN": TOKEN,
            "FACTKG_WIKIDATA_ENDPOINT": "off",
            "FACTKG_RATE_LIMIT": "0",
        }
        cli = [sys.executable, "-m", "kg.cli"]
        subprocess.run(
            [*cli, "ingest", *map(str, preload)], env=env, check=True, capture_output=True
        )
        server = subprocess.Popen(
            [*cli, "serve", "--port", str(port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            for _ in range(600):  # the app loads in a few seconds; the cap keeps a failure short
                try:
                    urllib.request.urlopen(base + "/", timeout=2).close()
                    break
                except OSError:
                    time.sleep(0.1)
            result = driver.run(base, TOKEN, posted, clients=args.clients, requests=args.requests)
            found = 0
            for source in result.accepted:
                query = f"ASK {{ <{source}> a <https://w3id.org/factkg/ns#Source> }}"
                url = base + "/sparql?" + urllib.parse.urlencode({"query": query})
                request = urllib.request.Request(url, headers={"Accept": "application/json"})
                with urllib.request.urlopen(request, timeout=30) as reply:
                    found += b"true" in reply.read()
        finally:
            server.terminate()
            server.wait()
    reads = sum(len(v) for k, v in result.latencies.items() if k != "post article")
    print(
        f"{args.clients} readers x {args.requests} requests + {len(posted)} articles posted, "
        f"in {result.seconds:.1f} s (store preloaded with {len(preload)} articles)"
    )
    print(
        f"requests: {reads} reads, statuses {dict(sorted(result.statuses.items()))}; "
        f"errors: {len(result.errors)}"
    )
    print(
        f"articles: {len(result.accepted)} accepted, {len(result.refused)} refused, "
        f"{found} found afterwards by SPARQL"
    )
    for kind in sorted(result.latencies):
        p50, p95, p99 = result.percentiles(kind)
        n = len(result.latencies[kind])
        print(
            f"  {kind:18} n={n:5}  p50 {p50 * 1000:7.1f} ms  p95 {p95 * 1000:7.1f} ms  "
            f"p99 {p99 * 1000:7.1f} ms"
        )


if __name__ == "__main__":
    main()
