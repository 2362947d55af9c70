"""The data flow (docs/architecture.md), end to end: read, extract, link, convert, validate, store.

Each article is stored whole or not at all: its graph is validated (with its store context)
before it is written, and written in one transaction that replaces any earlier version.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import RDF, Graph

import kg
from kg.convert import Provenance, to_graph
from kg.errors import ReaderError
from kg.link.reconcile import reconcile_actors
from kg.model import Article, Extraction
from kg.namespace import FK
from kg.readers import read_path
from kg.store.base import Store
from kg.validate import validate_graphs

if TYPE_CHECKING:
    from kg.extract import Extractor

PHASES = ("read", "extract", "link", "convert", "validate", "write")


@dataclass
class Refusal:
    origin: str
    reason: str


@dataclass
class IngestReport:
    sources: list[str] = field(default_factory=list)  # graph IRIs written
    claims: int = 0
    actors: set[str] = field(default_factory=set)
    events: int = 0
    refused: list[Refusal] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(PHASES, 0.0))

    @property
    def ok(self) -> bool:
        return not self.refused

    def summary(self) -> str:
        lines = [
            f"{len(self.sources)} sources, {self.claims} claims, {len(self.actors)} actors, "
            f"{self.events} events stored; {len(self.refused)} refused"
        ]
        lines += [f"refused {r.origin}: {r.reason}" for r in self.refused]
        return "\n".join(lines)


class Ingester:
    """Runs the pipeline into one store; reuse it for many batches (the model loads once)."""

    def __init__(self, store: Store, base: str, extractor: Extractor | None = None) -> None:
        self.store = store
        self.base = base
        self._extractor = extractor

    @property
    def extractor(self) -> Extractor:
        if self._extractor is None:
            from kg.extract import Extractor

            self._extractor = Extractor()
        return self._extractor

    @property
    def provenance(self) -> Provenance:
        ex = self.extractor
        return Provenance(kg.__version__, f"{ex.model_name} {ex.model_version}")

    def ingest_paths(
        self, paths: Iterable[Path], progress: Callable[[str], None] | None = None
    ) -> IngestReport:
        report = IngestReport()
        articles: list[Article] = []
        with _timed(report, "read"):
            for path in paths:
                try:
                    articles.append(read_path(path))
                except ReaderError as e:
                    report.refused.append(Refusal(str(path), e.problem))
                    if progress:
                        progress(str(path))
        self._ingest(articles, report, progress)
        return report

    def _ingest(
        self,
        articles: list[Article],
        report: IngestReport,
        progress: Callable[[str], None] | None,
    ) -> None:
        if not articles:
            return
        provenance = self.provenance
        for extraction in self._extract(articles, report):
            origin = extraction.article.origin or extraction.article.title
            self.store_extraction(extraction, provenance, report)
            if progress:
                progress(origin)

    def _extract(self, articles: list[Article], report: IngestReport) -> Iterator[Extraction]:
        it = iter(self.extractor.extract_many(articles))
        while True:
            with _timed(report, "extract"):
                extraction = next(it, None)
            if extraction is None:
                return
            yield extraction

    def store_extraction(
        self, extraction: Extraction, provenance: Provenance, report: IngestReport
    ) -> bool:
        """Link, convert, validate and write one article; False (and a refusal) if invalid."""
        origin = extraction.article.origin or extraction.article.title
        with _timed(report, "link"):
            reconcile_actors(self.store, extraction, self.base)
        with _timed(report, "convert"):
            iri, graph = to_graph(extraction, self.base, provenance)
        with _timed(report, "validate"):
            result = validate_graphs(self.store, {iri: graph})
        if not result.conforms:
            report.refused.append(
                Refusal(origin, "does not conform to the shapes:\n" + result.text)
            )
            return False
        with _timed(report, "write"):
            self.store.replace_graphs({iri: graph})
        report.sources.append(iri)
        _count(graph, report)
        return True


def _count(graph: Graph, report: IngestReport) -> None:
    report.claims += sum(1 for _ in graph.subjects(RDF.type, FK.Claim))
    report.events += sum(1 for _ in graph.subjects(RDF.type, FK.Event))
    report.actors.update(str(a) for a in graph.subjects(RDF.type, FK.Actor))


@contextmanager
def _timed(report: IngestReport, phase: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        report.seconds[phase] += time.perf_counter() - start
