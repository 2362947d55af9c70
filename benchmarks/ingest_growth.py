"""One article into an empty store against one into a store of 10,000 articles.

The big store is made of real extractions: the project's annotated news articles
(``tests/data/*/*.txt``) are ingested once, and their graphs copied, with every source,
graph, claim, event and review IRI renamed per copy, until it holds ``--articles`` sources.
The actors, places and publishers stay shared, as in a real archive where the same
governments and people are named in thousands of articles, so what validation and actor
reconciliation read about them is as large as it gets. The copies are bulk-loaded, then the
store is opened as ``factkg ingest`` opens it and its derived indexes brought up to date
(timed apart: a one-off). Then ``--probes`` articles (the same annotated articles with a
new headline, so new sources naming the same actors) are ingested one call at a time into
the big store and into an empty one, in alternation; the ratio of median times is printed.

    python benchmarks/ingest_growth.py                      # 10,000 articles, 30 probes
    python benchmarks/ingest_growth.py --articles 2000
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import pyoxigraph as ox  # noqa: E402

from kg import shared_facts  # noqa: E402
from kg.extract import Extractor  # noqa: E402
from kg.link.linking import Linker  # noqa: E402
from kg.pipeline import Ingester  # noqa: E402
from kg.store import ResultFormat  # noqa: E402
from kg.store.open import open_store  # noqa: E402

BASE = "http://localhost:8080/"
_OWN = re.compile(r"(/(?:source|graph|claim|event|review)/[0-9a-f]{16})")


def copied(nquads: str, n: int) -> str:
    """The dataset with every per-source IRI renamed for copy ``n``."""
    return _OWN.sub(lambda m: f"{m.group(1)}c{n}", nquads)


def ingester(store_dir: Path, extractor: Extractor) -> Ingester:
    linker = Linker.from_settings({**os.environ, "FACTKG_WIKIDATA_ENDPOINT": "off"})
    return Ingester(open_store(store_dir), BASE, extractor, linker=linker)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--probes", type=int, default=30)
    args = parser.parse_args()
    # the 162 articles the figures in docs/benchmarks.md were measured on: not the fresh sets
    # (tests/data/fresh-*, sealed until scored once) nor the speaker ranker's training sets
    originals = [
        p
        for p in sorted((REPO / "tests" / "data").glob("*/*.txt"))
        if not p.parent.name.startswith(("fresh-", "train-"))
    ]
    extractor = Extractor()
    extractor.nlp  # noqa: B018 (load the model outside the measurement)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        seed = ingester(root / "seed", extractor)
        report = seed.ingest_paths(originals)
        nquads = seed.store.dump(ResultFormat.NQUADS).decode("utf-8")
        per_copy = len(report.sources)
        seed.store.close()

        start = time.perf_counter()
        big_raw = ox.Store(str(root / "big"))
        copies = -(-args.articles // per_copy)
        for n in range(copies):
            big_raw.bulk_load(copied(nquads, n).encode("utf-8"), format=ox.RdfFormat.N_QUADS)
        big_raw.flush()
        del big_raw
        load = time.perf_counter() - start
        start = time.perf_counter()
        big = ingester(root / "big", extractor)
        index = shared_facts.index_for(big.store)
        assert index is not None
        index.sync(big.store)
        indexes = time.perf_counter() - start
        graphs = len(big.store.graph_iris())
        triples = big.store.count_triples()
        print(
            f"big store: {graphs} sources, {triples} triples; bulk load {load:.1f} s, "
            f"search and shared-facts indexes {indexes:.1f} s (once)"
        )
        empty = ingester(root / "empty", extractor)

        probes = []
        (root / "probes").mkdir()
        for i, path in enumerate(originals[: args.probes]):
            first, _, rest = path.read_text(encoding="utf-8").lstrip().partition("\n")
            probe = root / "probes" / f"{i:03d}_{path.name}"
            probe.write_text(f"{first} (probe {i})\n{rest}", encoding="utf-8")
            probes.append(probe)
        times: dict[str, list[float]] = {"empty": [], "big": []}
        for probe in probes:
            for name, target in (("empty", empty), ("big", big)):
                start = time.perf_counter()
                done = target.ingest_paths([probe])
                times[name].append(time.perf_counter() - start)
                assert len(done.sources) == 1, done.summary()
        big.store.close()
        empty.store.close()
    e, b = statistics.median(times["empty"]), statistics.median(times["big"])
    print(f"{len(probes)} articles, one call each, alternating stores:")
    print(f"  into an empty store:      median {e * 1000:6.1f} ms")
    print(f"  into the {graphs}-source store: median {b * 1000:6.1f} ms")
    print(f"ratio big / empty: {b / e:.2f}")
    print(f"(load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs)")


if __name__ == "__main__":
    main()
