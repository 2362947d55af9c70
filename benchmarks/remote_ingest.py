"""Ingest into Virtuoso 7 against the embedded store: the same articles, the same process.

Ingests N copies of the input articles (each copy a new source: its headline changed) into a
fresh embedded Oxigraph store, then into a fresh Virtuoso (Debian's virtuoso-opensource-7,
started here on free ports with a database of its own), through the same pipeline and
extractor, and prints each run's time per phase and the ratio Virtuoso / embedded.

    python benchmarks/remote_ingest.py                  # ../shared/seeds if present, else examples/
    python benchmarks/remote_ingest.py --copies 20 --input examples
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # tests.servers

from kg.extract import Extractor  # noqa: E402
from kg.pipeline import PHASES, Ingester, IngestReport  # noqa: E402
from kg.readers import read_path  # noqa: E402
from kg.store import OxigraphStore, Store  # noqa: E402
from kg.store.remote import RemoteStore  # noqa: E402
from tests.servers import VirtuosoServer, free_port, have_virtuoso  # noqa: E402


def copies_of(originals: list[Path], n: int, tmp: Path) -> list[Path]:
    out = []
    for k in range(n):
        for path in originals:
            first, _, rest = path.read_text(encoding="utf-8").lstrip().partition("\n")
            copy = tmp / f"{k:03d}_{path.name}"
            copy.write_text(f"{first} (copy {k})\n{rest}", encoding="utf-8")
            out.append(copy)
    return out


def run(store: Store, extractor: Extractor, paths: list[Path]) -> tuple[float, IngestReport]:
    ingester = Ingester(store, "http://localhost:8080/", extractor)
    start = time.perf_counter()
    report = ingester.ingest_paths(paths)
    return time.perf_counter() - start, report


def main() -> None:
    seeds = REPO.parent / "shared" / "seeds"
    default = seeds if seeds.is_dir() else REPO / "examples"
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", type=Path, default=default)
    parser.add_argument("--copies", type=int, default=20)
    args = parser.parse_args()
    if not have_virtuoso():
        sys.exit("Debian's virtuoso-opensource-7 is not installed (scripts/setup.sh --dev does it)")

    originals = sorted(p for p in args.input.iterdir() if p.suffix in (".txt", ".html"))
    extractor = Extractor()
    extractor.extract(read_path(originals[0]))  # load the model outside the measurement
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        paths = copies_of(originals, args.copies, tmp)
        embedded = OxigraphStore(tmp / "store")
        local_time, local = run(embedded, extractor, paths)
        local_triples = embedded.count_triples()
        embedded.close()

        server = VirtuosoServer(tmp / "virtuoso", free_port(), free_port())
        server.directory.mkdir()
        server.start()
        try:
            remote = RemoteStore(server.url, server.url)
            remote_time, far = run(remote, extractor, paths)
            remote_triples = remote.count_triples()
            remote.close()
        finally:
            server.stop()

    print(f"input: {len(originals)} articles x {args.copies} copies = {len(paths)} sources")
    for name, seconds, report, triples in (
        ("embedded Oxigraph", local_time, local, local_triples),
        ("Virtuoso 7", remote_time, far, remote_triples),
    ):
        print(
            f"{name}: {seconds:.2f} s ({seconds / len(paths) * 1000:.1f} ms per article), "
            f"{len(report.sources)} sources, {triples} triples, {len(report.refused)} refused"
        )
        for phase in PHASES:
            print(f"  {phase:<10} {report.seconds.get(phase, 0.0):7.2f} s")
    print(f"ratio Virtuoso / embedded: {remote_time / local_time:.2f}")


if __name__ == "__main__":
    main()
