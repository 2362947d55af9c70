"""Peak memory of a bulk ingest: 100 vs 1,000 short articles.

Each run is a fresh process (peak RSS only grows) that ingests N copies of the example
articles (each copy with a changed headline, so each is a new source) into a temporary
on-disk store and reports its peak RSS (``resource.getrusage``), before and after the
ingest; the parent prints both runs and the ratio of the growth during ingest.

    python benchmarks/ingest_memory.py                 # 100 vs 1000 articles
    python benchmarks/ingest_memory.py --small 50 --large 500
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def peak_mib() -> float:
    kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    return kib / (1024 * 1024) if sys.platform == "darwin" else kib / 1024


def run_one(n: int) -> dict[str, float]:
    from kg.extract import Extractor
    from kg.pipeline import Ingester
    from kg.readers import read_path
    from kg.store.open import open_store

    originals = sorted((REPO / "examples").glob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i in range(n):
            path = originals[i % len(originals)]
            first, _, rest = path.read_text(encoding="utf-8").lstrip().partition("\n")
            copy = Path(tmp) / f"{i:05d}_{path.name}"
            copy.write_text(f"{first} (copy {i})\n{rest}", encoding="utf-8")
            paths.append(copy)
        extractor = Extractor()
        extractor.extract(read_path(originals[0]))  # load the model outside the measurement
        store = open_store(Path(tmp) / "store")  # as `factkg ingest` opens it
        ingester = Ingester(store, "http://localhost:8080/", extractor)
        before = peak_mib()
        start = time.perf_counter()
        report = ingester.ingest_paths(paths)
        seconds = time.perf_counter() - start
        after = peak_mib()
        store.close()
    return {
        "articles": n,
        "stored": len(report.sources),
        "refused": len(report.refused),
        "before": before,
        "after": after,
        "seconds": seconds,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=100)
    parser.add_argument("--large", type=int, default=1000)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # the child's run
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(run_one(args.one)))
        return
    runs = []
    for n in (args.small, args.large):
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(n)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        runs.append(json.loads(out.strip().splitlines()[-1]))
    for r in runs:
        print(
            f"{r['articles']:>5} articles: {r['stored']} stored, {r['refused']} refused, "
            f"{r['seconds']:.1f} s ({r['articles'] / r['seconds']:.1f} articles/s); "
            f"peak RSS {r['before']:.0f} MiB after loading the model, {r['after']:.0f} MiB "
            f"after ingest (+{r['after'] - r['before']:.0f} MiB)"
        )
    small, large = runs
    print(
        f"peak RSS ratio {large['articles']} / {small['articles']} articles: "
        f"{large['after'] / small['after']:.2f} "
        f"(growth during ingest: {large['after'] - large['before']:.0f} vs "
        f"{small['after'] - small['before']:.0f} MiB)"
    )


if __name__ == "__main__":
    main()
