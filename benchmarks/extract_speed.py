"""Extraction time as a ratio to the bare spaCy parse (``nlp.pipe``) of the same texts.

Usage: python benchmarks/extract_speed.py [--repeat N]

Texts: the eval set (tests/data/eval/*.txt), the project's examples/ and ../shared/seeds/ when
present, repeated N times (default 5). Both runs parse the same body blocks with the same
pipeline; the ratio is (extraction time) / (parse time); the target is <= 1.5.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kg.extract import Extractor  # noqa: E402
from kg.model import Article  # noqa: E402
from kg.readers import read_path  # noqa: E402


def corpus() -> list[Article]:
    files: list[Path] = []
    for folder in (
        REPO / "tests" / "data" / "eval",
        REPO / "examples",
        REPO.parent / "shared" / "seeds",
    ):
        if folder.is_dir():
            files.extend(sorted(folder.glob("*.txt")))
    return [read_path(f) for f in files]


def main(argv: list[str]) -> int:
    repeat = int(argv[argv.index("--repeat") + 1]) if "--repeat" in argv else 5
    articles = corpus() * repeat
    if not articles:
        print("no articles found")
        return 1
    extractor = Extractor()
    nlp = extractor.nlp
    texts = [b.span.text(a.text) for a in articles for b in a.body_blocks()]
    list(nlp.pipe(texts[:50]))  # warm up
    best_parse = best_extract = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        for _doc in nlp.pipe(texts):
            pass
        t1 = time.perf_counter()
        claims = sum(len(x.claims) for x in extractor.extract_many(articles))
        t2 = time.perf_counter()
        best_parse = min(best_parse, t1 - t0)
        best_extract = min(best_extract, t2 - t1)
    chars = sum(len(t) for t in texts)
    print(f"{len(articles)} articles, {len(texts)} blocks, {chars} characters, {claims} claims")
    print(f"bare nlp.pipe  {best_parse:.3f} s")
    print(f"extraction     {best_extract:.3f} s")
    print(f"ratio          {best_extract / best_parse:.2f}  (target <= 1.5)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
