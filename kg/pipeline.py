"""The data flow (docs/architecture.md), end to end: read, extract, link, convert, validate, store.

Articles go this way; fact-checks and RDF files, which need no extraction, go through
kg.documents (mixed into the Ingester), and both fill a kg.report.IngestReport.

Each article is stored whole or not at all: its graph is validated (with its store context)
before it is written, and written in one transaction that replaces any earlier version.

Paths are read lazily and extracted in batches of ``BATCH_SIZE`` articles, so memory does not
grow with the number of articles; an article whose graph is already stored from the same text
by the same software and model is skipped before extraction, so a stopped run re-run resumes.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import RDF, RDFS, Graph

import kg
from kg.convert import Provenance, add_claim_matches, to_graph
from kg.documents import DOCUMENT_SUFFIXES, DocumentIngest, fact_check_page
from kg.errors import ReaderError
from kg.ids import IRIs, graph_iri, source_id
from kg.link.identity import identify_actors
from kg.link.linking import Linker
from kg.link.reconcile import reconcile_actors
from kg.model import Article, Extraction
from kg.namespace import FK, SCHEMA
from kg.readers import read_path
from kg.report import PHASES, IngestReport, Refusal
from kg.report import count as _count
from kg.report import timed as _timed
from kg.store.base import Store
from kg.validate import load_shapes, validate_graphs

if TYPE_CHECKING:
    from kg.extract import Extractor
    from kg.match.factchecked import FactChecked

# the report and the phases are kg.report's; callers import them from here with the Ingester
__all__ = ["BATCH_SIZE", "DOCUMENT_SUFFIXES", "PHASES", "IngestReport", "Ingester", "Refusal"]

BATCH_SIZE = 32  # articles read, then parsed together (nlp.pipe), then stored one by one


@contextmanager
def bulk_gc() -> Iterator[None]:
    """Python's cycle collector tuned for a bulk ingest: what exists before it (the language
    model, the shapes, the GeoNames tables) is frozen out of every collection, and collections
    run every 50,000 allocations instead of 700. Each article makes ~10^5 short-lived rdflib
    and spaCy objects; with the defaults the collector scanned the model's objects again and
    again: conversion took 11.5 ms an article, 8.1 ms tuned, linking 9.8 and 8.1."""
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


class Ingester(DocumentIngest):
    """Runs the pipeline into one store; reuse it for many batches (the model loads once)."""

    def __init__(
        self,
        store: Store,
        base: str,
        extractor: Extractor | None = None,
        linker: Linker | None = None,
        matcher: FactChecked | None = None,
    ) -> None:
        """``linker`` None: no links to Wikidata or GeoNames (``factkg link`` adds them);
        ``matcher`` None: claims are not matched with fact-checked ones."""
        self.store = store
        self.base = base
        self._extractor = extractor
        self.linker = linker
        self.matcher = matcher

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
        self,
        paths: Iterable[Path],
        progress: Callable[[str], None] | None = None,
        batch_size: int = BATCH_SIZE,
        jobs: int = 1,
    ) -> IngestReport:
        """Read ``paths`` lazily, ``batch_size`` articles at a time; ``progress`` is called
        once per path (stored, skipped or refused) with its origin. ``jobs`` > 1 extracts in
        that many worker processes (kg.extract_pool) while this one links, validates and
        writes, in the articles' order: the store ends the same as with one."""
        report = IngestReport()
        batches = self._batches(paths, report, progress, batch_size)
        if jobs <= 1:
            with bulk_gc():
                for batch in batches:
                    self._ingest(batch, report, progress)
            return report
        from kg.extract_pool import ExtractorPool

        with ExtractorPool(jobs) as pool, bulk_gc():
            results = pool.extract(batches)
            # while the workers start and load the model, load what this process will read
            if self.linker is not None:
                self.linker.load()
            load_shapes()
            while True:
                with _timed(report, "extract"):  # waiting for the workers
                    extractions = next(results, None)
                if extractions is None:
                    return report
                self._store_all(extractions, report, progress)

    def _batches(
        self,
        paths: Iterable[Path],
        report: IngestReport,
        progress: Callable[[str], None] | None,
        batch_size: int,
    ) -> Iterator[list[Article]]:
        """The articles to extract, ``batch_size`` at a time; fact-checks and RDF files are
        stored on the way, refused and already-stored articles reported."""
        batch: list[Article] = []
        for path in paths:
            if path.suffix.lower() in DOCUMENT_SUFFIXES or fact_check_page(path):
                self._ingest_file(path, report)  # fact-checks, RDF: no extraction to batch
                if progress:
                    progress(str(path))
                continue
            with _timed(report, "read"):
                article = self._read(path, report)
            if article is None:
                if progress:
                    progress(str(path))
                continue
            batch.append(article)
            if len(batch) >= batch_size:
                yield batch
                batch = []
        if batch:
            yield batch

    def _read(self, path: Path, report: IngestReport) -> Article | None:
        """The article at ``path``, or None when it is refused or already stored."""
        try:
            article = read_path(path)
        except ReaderError as e:
            report.refused.append(Refusal(str(path), e.problem))
            return None
        iri = graph_iri(article, self.base)
        if self.store.has_graph(iri) and self._stored_as_is(article, iri):
            report.skipped.append(iri)
            return None
        return article

    def _stored_as_is(self, article: Article, iri: str) -> bool:
        """True when graph ``iri`` holds this article's text, extracted by this software and
        model (an article identified by its URL may have changed; a new version re-extracts)."""
        source = IRIs(self.base).source(source_id(article))
        rows = self.store.select(
            f"SELECT ?text ?software ?model WHERE {{ GRAPH <{iri}> {{ "
            f"<{source}> <{SCHEMA.text}> ?text . "
            f"<{iri}#extraction> <{FK.softwareVersion}> ?software ; <{FK.nlpModel}> ?model }} }}"
        )
        p = self.provenance
        return any(
            str(r["text"]) == article.text
            and str(r["software"]) == p.software_version
            and str(r["model"]) == p.nlp_model
            for r in rows
        )

    def _ingest(
        self,
        articles: list[Article],
        report: IngestReport,
        progress: Callable[[str], None] | None,
    ) -> None:
        """Extract ``articles`` here and store them (the path of one article, e.g. the API's)."""
        self._store_all(list(self._extract(articles, report)), report, progress)

    def _store_all(
        self,
        extractions: list[Extraction],
        report: IngestReport,
        progress: Callable[[str], None] | None,
    ) -> None:
        if not extractions:
            return
        provenance = self.provenance
        if self.linker is not None:
            with _timed(report, "link"):
                self.linker.prefetch(extractions, report.links)
        for extraction in extractions:
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
            if self.linker is not None:
                self.linker.link(extraction, report.links)
                identify_actors(self.store, extraction, self.base)
        with _timed(report, "convert"):
            iri, graph = to_graph(extraction, self.base, provenance)
        if self.matcher is not None:
            with _timed(report, "link"):
                found = self.matcher.matches_for_claims(_claims_of(graph))
                add_claim_matches(graph, iri, provenance.software_version, found)
                report.matched += len({claim for claim, *_ in found})
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

    # --- fact-checks and RDF -----------------------------------------------------------


def _claims_of(graph: Graph) -> list[tuple[str, str, str | None]]:
    """(claim, text, speaker's name) of each claim in an article's graph."""
    out = []
    for claim in graph.subjects(RDF.type, FK.Claim):
        author = graph.value(claim, SCHEMA.author)
        speaker = graph.value(author, RDFS.label) if author is not None else None
        text = graph.value(claim, SCHEMA.text)
        if text is not None:
            out.append((str(claim), str(text), str(speaker) if speaker is not None else None))
    return sorted(out)
