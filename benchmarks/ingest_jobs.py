"""Ingest throughput with one and with two extractor processes, as ratios to the bare parse.

The articles are the project's annotated real news (``tests/data/*/*.txt``, a few hundred
articles from many outlets), each copied ``--copies`` times with a changed headline so every
copy is a new source. In one process, after loading the model:

- the bare spaCy parse of the same texts (``nlp.pipe``), the floor of any extraction;
- ``--jobs 1``: ``Ingester.ingest_paths`` into a fresh on-disk store opened as `factkg
  ingest` opens it, GeoNames linking on, Wikidata off (no network);
- ``--jobs 2``: the same into another fresh store, two spawned extractor processes (their
  start and model load included) and this process writing.

    python benchmarks/ingest_jobs.py                 # every annotated article once
    python benchmarks/ingest_jobs.py --copies 2
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kg.extract import Extractor  # noqa: E402
from kg.link.linking import Linker  # noqa: E402
from kg.pipeline import Ingester  # noqa: E402
from kg.readers import read_path  # noqa: E402
from kg.store.open import open_store  # noqa: E402

BASE = "http://localhost:8080/"


def articles(directory: Path, copies: int) -> list[Path]:
    # the 162 articles the figures in docs/benchmarks.md were measured on: not the fresh sets
    # (tests/data/fresh-*, sealed until scored once) nor the speaker ranker's training sets
    originals = [
        p
        for p in sorted((REPO / "tests" / "data").glob("*/*.txt"))
        if not p.parent.name.startswith(("fresh-", "train-"))
    ]
    out = []
    for n in range(copies):
        for i, path in enumerate(originals):
            first, _, rest = path.read_text(encoding="utf-8").lstrip().partition("\n")
            copy = directory / f"{n:02d}_{i:04d}_{path.name}"
            copy.write_text(f"{first} (copy {n})\n{rest}", encoding="utf-8")
            out.append(copy)
    return out


def ingest(paths: list[Path], store_dir: Path, extractor: Extractor, jobs: int) -> float:
    store = open_store(store_dir)
    linker = Linker.from_settings({**os.environ, "FACTKG_WIKIDATA_ENDPOINT": "off"})
    ingester = Ingester(store, BASE, extractor, linker=linker)
    start = time.perf_counter()
    report = ingester.ingest_paths(paths, jobs=jobs)
    seconds = time.perf_counter() - start
    assert len(report.sources) + len(report.refused) == len(paths), report.summary()
    print(
        f"  --jobs {jobs}: {seconds:6.2f} s, {len(paths) / seconds:5.1f} articles/s "
        f"({len(report.sources)} stored, {len(report.refused)} refused, "
        f"{store.count_triples()} triples)"
    )
    print("    " + ", ".join(f"{k} {v:.2f} s" for k, v in report.seconds.items()))
    store.close()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "in").mkdir()
        paths = articles(root / "in", args.copies)
        extractor = Extractor()
        extractor.extract(read_path(paths[0]))  # load the model outside the measurement
        texts = [
            a.text[b.span.start : b.span.end]
            for a in map(read_path, paths)
            for b in a.body_blocks()
        ]
        start = time.perf_counter()
        for _ in extractor.nlp.pipe(texts):
            pass
        parse = time.perf_counter() - start
        print(f"{len(paths)} articles; bare spaCy parse {parse:.2f} s")
        one = ingest(paths, root / "one", extractor, 1)
        two = ingest(paths, root / "two", extractor, 2)
    print(f"--jobs 1 / bare parse: {one / parse:.2f}")
    print(f"--jobs 2 / bare parse: {two / parse:.2f}")
    print(f"throughput --jobs 2 / --jobs 1: {one / two:.2f}")
    print(f"(load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs)")


if __name__ == "__main__":
    main()
