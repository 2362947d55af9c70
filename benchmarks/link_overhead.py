"""What linking adds to ingest time, with a local Wikidata endpoint.

Ingests the same articles into fresh on-disk stores, in one process with one extractor, with
linking off and on (GeoNames offline, Wikidata against a local `oxigraph serve-read-only`
holding every Wikidata fixture of tests/data/wikidata, no answer cache, so every article
asks), alternating the two, and prints the ratio of the best times. The extractor is warmed up
first, so neither run pays for loading spaCy.

    python benchmarks/link_overhead.py [--repeat 2] [DIR ...]   # default: the evaluation sets
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.extract import Extractor  # noqa: E402
from kg.link.linking import Linker  # noqa: E402
from kg.link.wikidata import WikidataClient  # noqa: E402
from kg.pipeline import Ingester  # noqa: E402
from kg.store import OxigraphStore  # noqa: E402
from tests.servers import WikidataFixture  # noqa: E402

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
SETS = ["eval", "heldout", "heldout2", "heldout3", "heldout4", "heldout5"]


def run(paths: list[Path], extractor: Extractor, linker: Linker | None, tmp: Path) -> float:
    store = OxigraphStore(tmp / f"store-{time.monotonic_ns()}")
    start = time.perf_counter()
    report = Ingester(store, "http://localhost:8080/", extractor, linker).ingest_paths(paths)
    seconds = time.perf_counter() - start
    store.close()
    assert report.ok, report.summary()
    links = f"{report.links.wikidata} Wikidata, {report.links.geonames} GeoNames links"
    print(f"  {'linked' if linker else 'unlinked'}: {seconds:.2f} s ({links})", flush=True)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dirs", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    dirs = args.dirs or [DATA / s for s in SETS]
    paths = sorted(p for d in dirs for p in d.iterdir() if p.suffix in (".txt", ".html"))
    extractor = Extractor()
    list(extractor.extract_many([]))
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        fixture = WikidataFixture(tmp / "wd", sorted((DATA / "wikidata").glob("*.ttl")))
        fixture.start()
        try:
            run(paths[:5], extractor, Linker(WikidataClient(fixture.url)), tmp)  # warm up
            plain, linked = [], []
            for _ in range(args.repeat):
                plain.append(run(paths, extractor, None, tmp))
                linked.append(run(paths, extractor, Linker(WikidataClient(fixture.url)), tmp))
        finally:
            fixture.stop()
    print(
        f"{len(paths)} articles: unlinked {min(plain):.2f} s, linked {min(linked):.2f} s: "
        f"linking costs {min(linked) / min(plain):.3f}x the ingest without it"
    )


if __name__ == "__main__":
    main()
