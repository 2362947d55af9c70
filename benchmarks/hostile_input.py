"""Hostile input: ingest time grows linearly with size, and what cannot be read is refused.

Generates hostile files of growing sizes and ingests each into a fresh embedded store (read,
extract, link, convert, validate, write), printing the seconds per size and, per kind, the
ratio of time to size between the largest and the smallest (linear: a ratio near 1):

- one long line with no sentence end (words with reporting verbs, no full stop);
- HTML nested N ``<div>`` deep around one paragraph;
- text with NUL bytes, UTF-8 text going on in Latin-1 (both refused), and a 27 MB file (over
  ``FACTKG_MAX_ARTICLE_BYTES``: refused before it is read).

    python benchmarks/hostile_input.py
    python benchmarks/hostile_input.py --sizes 100000 200000 400000 800000
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from kg.extract import Extractor
from kg.pipeline import Ingester, IngestReport
from kg.readers import read_bytes
from kg.store import OxigraphStore

WORDS = "the council said the bridge was inspected by engineers and found safe for traffic "


def long_line(size: int) -> bytes:
    return (WORDS * (size // len(WORDS) + 1))[:size].encode()


def nested_html(size: int) -> bytes:
    depth = max(1, (size - 200) // 11)  # "<div>" + "</div>": 11 bytes a level
    body = "<p>The minister said the bridge was inspected last week and found safe.</p>"
    html = "<html><body>" + "<div>" * depth + body + "</div>" * depth + "</body></html>"
    return html.encode()


def nul_bytes(size: int) -> bytes:
    return b"Headline\n" + (b"The minister said it.\x00 " * (size // 23 + 1))[:size]


def mixed_encoding(size: int) -> bytes:
    half = ("Le ministre a dit que le café était sûr. " * (size // 90 + 1)).encode()
    return b"Headline\n" + half + ("Le café était sûr. " * (size // 40 + 1)).encode("latin-1")


KINDS: dict[str, tuple[str, Callable[[int], bytes]]] = {
    "one long line, no sentence end": (".txt", long_line),
    "nested <div> (HTML)": (".html", nested_html),
    "NUL bytes": (".txt", nul_bytes),
    "UTF-8, then Latin-1": (".txt", mixed_encoding),
}


def ingest(ingester: Ingester, path: Path) -> tuple[float, IngestReport]:
    start = time.perf_counter()
    report = ingester.ingest_paths([path])
    return time.perf_counter() - start, report


def outcome(report: IngestReport) -> str:
    if report.refused:
        return "refused: " + report.refused[0].reason.splitlines()[0][:90]
    phases = " ".join(f"{p} {s:.1f}" for p, s in report.seconds.items() if s >= 0.05)
    return f"stored, {report.claims} claims ({phases})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[100_000, 200_000, 400_000, 800_000]
    )
    args = parser.parse_args()
    sizes = sorted(args.sizes)

    extractor = Extractor()
    extractor.extract(read_bytes(b"Headline\nThe minister said it.\n", "warm.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        store = OxigraphStore(Path(tmp) / "store")
        ingester = Ingester(store, "http://localhost:8080/", extractor)
        for kind, (suffix, make) in KINDS.items():
            print(f"{kind}:")
            times = []
            for size in sizes:
                path = Path(tmp) / f"hostile-{size}{suffix}"
                path.write_bytes(make(size))
                seconds, report = ingest(ingester, path)
                times.append(seconds)
                print(f"  {size:>9,} bytes  {seconds:7.2f} s  {outcome(report)}")
            small, large = times[0] / sizes[0], times[-1] / sizes[-1]
            print(f"  time/size, largest over smallest: {large / small:.2f}")
        big = Path(tmp) / "huge.txt"
        with big.open("wb") as f:
            f.write(b"Headline\n")
            f.seek(27_000_000)
            f.write(b"The minister said it.\n")
        seconds, report = ingest(ingester, big)
        print(f"27 MB text file: {seconds:.2f} s  {outcome(report)}")
        store.close()


if __name__ == "__main__":
    main()
