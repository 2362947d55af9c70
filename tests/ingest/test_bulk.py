"""Bulk ingest: articles read and extracted batch by batch, a re-run skips what is stored,
paths from standard input."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from kg.pipeline import Ingester
from kg.store import OxigraphStore, ResultFormat
from tests.conftest import BASE, EXAMPLES, REPO

FACTKG = [sys.executable, "-m", "kg.cli"]


def quads(store: OxigraphStore) -> set[str]:
    return set(store.dump(ResultFormat.NQUADS).decode("utf-8").splitlines())


def copies(directory: Path, n: int) -> list[Path]:
    """``n`` distinct articles: copies of an example with changed headlines."""
    original = sorted(EXAMPLES.glob("*.txt"))[0].read_text(encoding="utf-8")
    first, _, rest = original.lstrip().partition("\n")
    paths = []
    for i in range(n):
        path = directory / f"{i:03d}.txt"
        path.write_text(f"{first} (copy {i})\n{rest}", encoding="utf-8")
        paths.append(path)
    return paths


def test_a_batch_larger_than_the_batch_size_stores_every_article(
    tmp_path: Path, store: OxigraphStore, extractor: Any
) -> None:
    paths = copies(tmp_path, 7)
    seen: list[str] = []
    report = Ingester(store, BASE, extractor).ingest_paths(paths, seen.append, batch_size=3)
    assert report.ok, report.summary()
    assert len(report.sources) == len(set(report.sources)) == 7
    assert set(store.graph_iris()) == set(report.sources)
    assert len(seen) == 7


def test_a_rerun_skips_what_is_stored_and_stores_nothing_new(
    tmp_path: Path, store: OxigraphStore, extractor: Any
) -> None:
    files = sorted(EXAMPLES.glob("*.txt"))
    ingester = Ingester(store, BASE, extractor)
    first = ingester.ingest_paths(files[:2])  # a run stopped half way
    assert first.ok and len(first.sources) == 2
    before = quads(store)

    again = ingester.ingest_paths(files[:2])
    assert again.ok and again.sources == [] and sorted(again.skipped) == sorted(first.sources)
    assert "2 skipped (already stored)" in again.summary()
    assert again.seconds["extract"] == 0.0
    assert quads(store) == before

    rest = ingester.ingest_paths(files)  # the re-run finishes the job
    assert rest.ok and len(rest.skipped) == 2 and len(rest.sources) == len(files) - 2


def test_a_changed_version_of_a_stored_article_is_not_skipped(
    tmp_path: Path, store: OxigraphStore, extractor: Any
) -> None:
    ingester = Ingester(store, BASE, extractor)
    path = tmp_path / "a.html"
    page = (
        "<html><head><title>Minister says rates will fall</title>"
        '<link rel="canonical" href="https://news.example/a"></head><body><article>'
        "<h1>Minister says rates will fall</h1><p>{}</p></article></body></html>"
    )
    path.write_text(page.format("The minister said rates would fall next year."))
    first = ingester.ingest_paths([path])
    assert first.ok and len(first.sources) == 1
    path.write_text(page.format("The minister said rates would fall in the spring."))
    second = ingester.ingest_paths([path])
    assert second.ok and second.skipped == []
    assert second.sources == first.sources  # identified by its URL: the new version replaces it
    assert "spring" in store.graph(first.sources[0]).serialize(format="nt")


@pytest.mark.slow
def test_ingest_reads_paths_from_standard_input(tmp_path: Path) -> None:
    files = sorted(EXAMPLES.glob("*.txt"))[:2]
    store = tmp_path / "store"
    env = {**os.environ, "FACTKG_STORE": str(store), "FACTKG_BASE_URI": "http://factkg.test/"}
    names = "".join(f"{p}\n" for p in files) + "\n"
    proc = subprocess.run(
        [*FACTKG, "ingest", "-"], input=names, capture_output=True, text=True, env=env, timeout=600
    )
    assert proc.returncode == 0, proc.stderr + proc.stdout
    assert proc.stdout.startswith("2 sources,") and "0 refused" in proc.stdout
    assert "articles/s" not in proc.stderr  # no progress off a terminal

    again = subprocess.run(
        [*FACTKG, "ingest", "-"], input=names, capture_output=True, text=True, env=env, timeout=600
    )
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith("0 sources,") and "2 skipped" in again.stdout


def test_two_extractor_processes_store_what_one_does(tmp_path: Path) -> None:
    """``--jobs 2``: extraction in two worker processes, this one linking and writing in the
    articles' order; the store ends the same as with one process, refusals included."""
    articles = sorted((REPO / "tests" / "data" / "eval").glob("*.txt"))[:12]
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    paths = [*articles, empty, *copies(tmp_path, 3)]
    stores = {}
    for jobs in ("1", "2"):
        store = tmp_path / f"jobs-{jobs}"
        env = {**os.environ, "FACTKG_STORE": str(store), "FACTKG_BASE_URI": BASE}
        proc = subprocess.run(
            [*FACTKG, "ingest", "--wikidata", "off", "--jobs", jobs, *map(str, paths)],
            capture_output=True,
            text=True,
            env=env,
            timeout=900,
        )
        assert proc.returncode == 1, proc.stderr  # the empty file is refused, by name
        assert f"refused {empty}:" in proc.stdout
        assert proc.stdout.startswith(f"{len(paths) - 1} sources,"), proc.stdout
        stores[jobs] = OxigraphStore(store, read_only=True)
    assert quads(stores["2"]) == quads(stores["1"])
