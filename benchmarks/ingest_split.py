"""Where ingest time goes: spaCy parse, extraction, linking, conversion, validation, writing.

Ingests N copies of the input articles (each copy with a changed headline, so each is a new
source) into a fresh on-disk store and prints the time per phase, as seconds and as a share of
the total, plus the bare ``nlp.pipe`` parse of the same texts (the floor of extraction).

    python benchmarks/ingest_split.py                 # ../shared/seeds if present, else examples/
    python benchmarks/ingest_split.py --copies 50 --input ../shared/seeds
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from kg.extract import Extractor
from kg.pipeline import PHASES, Ingester
from kg.readers import read_path
from kg.store.open import open_store

REPO = Path(__file__).resolve().parent.parent


def main() -> None:
    seeds = REPO.parent / "shared" / "seeds"
    default = seeds if seeds.is_dir() else REPO / "examples"
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", type=Path, default=default)
    parser.add_argument("--copies", type=int, default=50)
    args = parser.parse_args()

    originals = sorted(p for p in args.input.iterdir() if p.suffix in (".txt", ".html"))
    with tempfile.TemporaryDirectory() as tmp:
        copies = []
        for n in range(args.copies):
            for path in originals:
                text = path.read_text(encoding="utf-8")
                first, _, rest = text.lstrip().partition("\n")
                copy = Path(tmp) / f"{n:03d}_{path.name}"
                copy.write_text(f"{first} (copy {n})\n{rest}", encoding="utf-8")
                copies.append(copy)

        extractor = Extractor()
        extractor.extract(read_path(originals[0]))  # load the model outside the measurement
        store = open_store(Path(tmp) / "store")  # as `factkg ingest` opens it
        ingester = Ingester(store, "http://localhost:8080/", extractor)
        start = time.perf_counter()
        report = ingester.ingest_paths(copies)
        total = time.perf_counter() - start

        articles = [read_path(p) for p in copies]
        texts = [a.text[b.span.start : b.span.end] for a in articles for b in a.body_blocks()]
        start = time.perf_counter()
        for _ in extractor.nlp.pipe(texts):
            pass
        parse = time.perf_counter() - start
        triples = store.count_triples()
        store.close()

    print(f"input: {len(originals)} articles x {args.copies} copies = {len(copies)} sources")
    print(f"stored: {len(report.sources)} sources, {report.claims} claims, {triples} triples")
    print(f"refused: {len(report.refused)}")
    print(f"total ingest: {total:.2f} s ({total / len(copies) * 1000:.1f} ms per article)")
    split = dict(report.seconds)
    split["extract"] = max(0.0, split["extract"] - parse)
    rows = [("spaCy parse (bare nlp.pipe)", parse)]
    rows += [("extraction rules" if p == "extract" else p, split[p]) for p in PHASES]
    for name, seconds in rows:
        print(f"  {name:<28} {seconds:7.2f} s  {seconds / total:6.1%}")


if __name__ == "__main__":
    main()
