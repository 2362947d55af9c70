"""`factkg backup` while `factkg serve` answers readers and a writer: time, size, and whether
the restored copy serves the same answers.

A store is filled (`factkg ingest`), served with a token, and loaded by the driver of
tests/load (readers and a writer posting articles) while `factkg backup` runs; then the writer
stops, a second backup is taken, the copy is served on its own, and the same queries are asked
of both services.

    python benchmarks/backup.py [--articles 50]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.load import driver  # noqa: E402
from tests.servers import free_port  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data"
TOKEN = "backup-benchmark-token-0123456789abcdef"
QUERIES = (
    "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
    "PREFIX fk: <https://w3id.org/factkg/ns#> PREFIX schema: <https://schema.org/> "
    "SELECT ?c ?text WHERE { ?c a fk:Claim ; schema:text ?text } ORDER BY ?c",
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
    "SELECT ?a ?l WHERE { ?a a <https://w3id.org/factkg/ns#Actor> ; rdfs:label ?l } "
    "ORDER BY ?a ?l",
)


def serve(store: Path, env: dict[str, str]) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    cli = [sys.executable, "-m", "kg.cli", "serve", "--store", str(store), "--port", str(port)]
    proc = subprocess.Popen(
        cli,
        env={**env, "FACTKG_BASE_URI": "http://localhost:8080/"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(600):  # up in a few seconds; the cap keeps a failure short
        try:
            urllib.request.urlopen(base + "/", timeout=2).close()
            return proc, base
        except OSError:
            time.sleep(0.1)
    proc.terminate()
    raise SystemExit("factkg serve did not start")


def answers(base: str) -> list[object]:
    out = []
    for q in QUERIES:
        url = f"{base}/sparql?{urllib.parse.urlencode({'query': q})}"
        req = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(req, timeout=120) as reply:
            out.append(json.loads(reply.read())["results"]["bindings"])
    return out


def size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=50)
    args = parser.parse_args()
    dirs = ("eval", "heldout", "heldout2", "heldout3", "heldout4", "heldout5")
    texts = sorted(p for s in dirs for p in (DATA / s).glob("*.txt"))
    preload, posted = texts[: args.articles], texts[args.articles : args.articles + 10]
    env = {
        **os.environ,
        "FACTKG_API_TOKEN": TOKEN,
        "FACTKG_WIKIDATA_ENDPOINT": "off",
        "FACTKG_RATE_LIMIT": "0",
        "FACTKG_BASE_URI": "http://localhost:8080/",
    }
    cli = [sys.executable, "-m", "kg.cli"]
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        store = tmp / "store"
        subprocess.run(
            [*cli, "ingest", "--store", str(store), *map(str, preload)],
            env=env,
            check=True,
            capture_output=True,
        )
        server, base = serve(store, env)
        try:
            load: dict[str, driver.Result] = {}
            worker = threading.Thread(
                target=lambda: load.setdefault("r", driver.run(base, TOKEN, posted, 8, 60))
            )
            worker.start()
            time.sleep(2)
            start = time.perf_counter()
            busy = subprocess.run(
                [*cli, "backup", str(tmp / "busy"), "--store", str(store)],
                env=env,
                capture_output=True,
                text=True,
            )
            busy_seconds = time.perf_counter() - start
            worker.join()
            result = load["r"]
            start = time.perf_counter()
            quiet = subprocess.run(
                [*cli, "backup", str(tmp / "quiet"), "--store", str(store)],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
            quiet_seconds = time.perf_counter() - start
            live = answers(base)
        finally:
            server.terminate()
            server.wait()
        copy, copy_base = serve(tmp / "quiet" / "store", env)
        try:
            restored = answers(copy_base)
        finally:
            copy.terminate()
            copy.wait()
        print(
            f"store: {len(preload)} articles preloaded, {len(result.accepted)} posted while "
            f"readers and the first backup ran; {size(store) / 1e6:.1f} MB on disk"
        )
        print(
            f"backup under load: {busy_seconds:.2f} s, exit {busy.returncode}: "
            f"{busy.stdout.strip()}"
        )
        print(
            f"  meanwhile: {sum(result.statuses.values())} requests, statuses "
            f"{dict(sorted(result.statuses.items()))}, {len(result.errors)} errors"
        )
        print(f"backup at rest: {quiet_seconds:.2f} s: {quiet.stdout.strip()}")
        same = sum(a == b for a, b in zip(live, restored, strict=True))
        print(
            f"restored copy: {same} of {len(QUERIES)} queries answer exactly as the live "
            f"store ({sum(len(a) for a in live)} rows)"
        )


if __name__ == "__main__":
    main()
