"""Time to render a claim page (HTML) on a store of >= 100k triples, over a real socket.

Builds an on-disk store of synthetic articles (tests/pages/synth.py: 4 claims, shared
speakers and places, ~240 triples each), serves ``create_app()`` with waitress on 127.0.0.1,
and fetches claim pages with one keep-alive http.client connection. Two passes over the same
random claims: "first view" includes validating the claim's source graph with SHACL (cached
per graph afterwards), "cached" is every later view. Prints median and p90 of each.

    python benchmarks/claim_page.py                       # 500 articles, 600 claims
    python benchmarks/claim_page.py --articles 2000 --requests 1000
"""

from __future__ import annotations

import argparse
import http.client
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


from kg.store import OxigraphStore  # noqa: E402
from service import create_app  # noqa: E402
from tests.conftest import start_server  # noqa: E402
from tests.pages.synth import graphs  # noqa: E402

BASE = "http://factkg.bench/"
#: other pages, timed for comparison (the same URL 20 times)
OTHER_PAGES = {
    "home": "/",
    "claims list, page 40": "/claims?page=40",
    "claims by one speaker, 2 filters": "/claims?speaker=http%3A%2F%2Ffactkg.bench%2Factor%2F"
    "jonas-lindqvist&since=2021-03-01&until=2021-12-31",
    "actor page of the speaker in every article": "/actor/amara-okafor?page=10",
    "actors list": "/actors",
    "source page": "",  # filled in with a real source below
    "search": "/search?q=okafor+taxes",
}


def build(path: Path, articles: int) -> tuple[int, list[str], str]:
    store = OxigraphStore(path)
    batch: dict[str, object] = {}
    for iri, g in graphs(BASE, articles):
        batch[iri] = g
        if len(batch) == 200:
            store.replace_graphs(batch)  # type: ignore[arg-type]
            batch = {}
    if batch:
        store.replace_graphs(batch)  # type: ignore[arg-type]
    triples = store.count_triples()
    source = store.select("SELECT ?s WHERE { ?s a <https://w3id.org/factkg/ns#Source> } LIMIT 1")
    claims = [
        str(r["c"])
        for r in store.select("SELECT ?c WHERE { ?c a <https://w3id.org/factkg/ns#Claim> }")
    ]
    store.close()
    return triples, claims, str(source[0]["s"]).rsplit("/", 1)[-1]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def timed_pass(port: int, paths: list[str]) -> list[float]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    times: list[float] = []
    try:
        for path in paths:
            start = time.perf_counter()
            conn.request("GET", path, headers={"Accept": "text/html"})
            resp = conn.getresponse()
            body = resp.read()
            times.append((time.perf_counter() - start) * 1000)
            if resp.status != 200 or (path.startswith("/claim/") and b"claim-text" not in body):
                raise SystemExit(f"{path}: unexpected answer {resp.status}")
    finally:
        conn.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--requests", type=int, default=600)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "store"
        t0 = time.perf_counter()
        triples, claims, source_id = build(path, args.articles)
        print(f"store: {triples} triples, {len(claims)} claims ({time.perf_counter() - t0:.1f} s)")
        app = create_app({"STORE": str(path), "BASE_URI": BASE})
        url, stop = start_server(app)
        port = int(url.rsplit(":", 1)[1])
        try:
            rng = random.Random(7)
            picked = rng.sample(claims, min(args.requests, len(claims)))
            paths = ["/" + c[len(BASE) :] for c in picked]
            OTHER_PAGES["source page"] = "/source/" + source_id
            timed_pass(port, paths[:20])  # warm up imports and caches
            first = timed_pass(port, paths[20:])
            cached = timed_pass(port, paths[20:])
            others = {name: timed_pass(port, [path] * 20) for name, path in OTHER_PAGES.items()}
        finally:
            stop()
            with app.app_context():
                from service.backend import get_store

                get_store().close()
    for name, times in [("claim page, first view", first), ("claim page, cached", cached)]:
        print(
            f"{name}: median {statistics.median(times):.1f} ms, "
            f"p90 {percentile(times, 0.9):.1f} ms over {len(times)} requests"
        )
    for name, times in others.items():
        print(f"{name}: median {statistics.median(times):.1f} ms over {len(times)} requests")


if __name__ == "__main__":
    main()
