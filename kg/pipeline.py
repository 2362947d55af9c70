"""The data flow (docs/architecture.md), end to end: read, extract, link, convert, validate, store.

Each article is stored whole or not at all: its graph is validated (with its store context)
before it is written, and written in one transaction that replaces any earlier version.

Paths are read lazily and extracted in batches of ``BATCH_SIZE`` articles, so memory does not
grow with the number of articles; an article whose graph is already stored from the same text
by the same software and model is skipped before extraction, so a stopped run re-run resumes.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import RDF, RDFS, Graph, URIRef

import kg
from kg.convert import Provenance, add_claim_matches, review_graph, to_graph
from kg.errors import ReaderError
from kg.ids import IRIs, actor_iri, graph_iri, source_id
from kg.link.identity import identify_actors
from kg.link.linking import Linker, LinkReport
from kg.link.reconcile import reconcile_actors
from kg.model import ActorKind, Article, Extraction, Review
from kg.namespace import FK, SCHEMA
from kg.readers import read_path
from kg.store.base import Store
from kg.validate import validate_graphs
from kg.verdicts import VERDICT_IRIS, Crosswalk
from kg.vocab import KIND_OF_CLASS

if TYPE_CHECKING:
    from kg.extract import Extractor
    from kg.match.factchecked import FactChecked

PHASES = ("read", "extract", "link", "convert", "validate", "write")
#: files read as fact-checks (ClaimReview JSON-LD) or RDF, not as articles
DOCUMENT_SUFFIXES = {".json", ".jsonld", ".ttl", ".trig", ".nq", ".nt"}
BATCH_SIZE = 32  # articles read, then parsed together (nlp.pipe), then stored one by one


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
    skipped: list[str] = field(default_factory=list)  # graph IRIs already stored as they are
    links: LinkReport = field(default_factory=LinkReport)
    reviews: int = 0  # fact-checks stored
    review_iris: list[str] = field(default_factory=list)
    verdicts: list[str] = field(default_factory=list)  # each stored review's verdict
    imported: int = 0  # graphs stored from RDF files
    matched: int = 0  # claims found to say what a fact-checked claim says
    seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(PHASES, 0.0))

    @property
    def ok(self) -> bool:
        return not self.refused

    def summary(self) -> str:
        lines = [
            f"{len(self.sources)} sources, {self.claims} claims, {len(self.actors)} actors, "
            f"{self.events} events stored; {len(self.refused)} refused"
            + (f"; {len(self.skipped)} skipped (already stored)" if self.skipped else "")
        ]
        if self.reviews or self.imported:
            lines.append(f"{self.reviews} fact-checks, {self.imported} RDF graphs stored")
        if self.matched:
            lines.append(f"{self.matched} claims already fact-checked (matched to a review)")
        if self.links.wikidata or self.links.geonames:
            lines.append(
                f"links: {self.links.wikidata} to Wikidata, {self.links.geonames} to GeoNames"
            )
        if self.links.wikidata_missed:
            lines.append(
                f"{self.links.wikidata_missed} sources stored without Wikidata links "
                f"({'; '.join(self.links.reasons[:2])}): run `factkg link` when it answers"
            )
        lines += [f"refused {r.origin}: {r.reason}" for r in self.refused]
        return "\n".join(lines)


class Ingester:
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
    ) -> IngestReport:
        """Read ``paths`` lazily, ``batch_size`` articles at a time; ``progress`` is called
        once per path (stored, skipped or refused) with its origin."""
        report = IngestReport()
        batch: list[Article] = []
        for path in paths:
            if path.suffix.lower() in DOCUMENT_SUFFIXES or _fact_check_page(path):
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
                self._ingest(batch, report, progress)
                batch = []
        self._ingest(batch, report, progress)
        return report

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
        if not articles:
            return
        provenance = self.provenance
        extractions = list(self._extract(articles, report))
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

    def _ingest_file(self, path: Path, report: IngestReport) -> None:
        from kg.readers import max_article_bytes

        limit = max_article_bytes()
        try:
            with path.open("rb") as f:
                data = f.read(limit + 1)
        except OSError as e:
            report.refused.append(Refusal(str(path), f"cannot read the file ({e.strerror})"))
            return
        if len(data) > limit:
            report.refused.append(
                Refusal(str(path), f"larger than FACTKG_MAX_ARTICLE_BYTES ({limit} bytes)")
            )
            return
        self.ingest_bytes(data, str(path), None, report=report)

    def ingest_bytes(
        self,
        data: bytes,
        origin: str,
        media_type: str | None = None,
        url: str | None = None,
        report: IngestReport | None = None,
    ) -> IngestReport:
        """Ingest one upload or file by its content: an article (text, HTML), fact-checks
        (ClaimReview JSON-LD, or embedded in a fact-check page) or RDF (factkg's exports)."""
        from kg.readers import read_bytes
        from kg.readers.sniff import sniff

        report = report if report is not None else IngestReport()
        try:
            kind = sniff(data, origin, media_type)
            if kind in ("text", "html"):
                article = read_bytes(data, origin, "text/html" if kind == "html" else "text/plain")
                if url:
                    article.url = url
                self._ingest([article], report, None)
            elif kind == "claimreview-json":
                from kg.readers.claimreview import read_claimreview_json

                self.ingest_reviews(read_claimreview_json(data, origin), report)
            elif kind == "claimreview-html":
                from kg.readers.claimreview_html import reviews_in_html
                from kg.readers.decode import decode

                self.ingest_reviews(reviews_in_html(decode(data, origin), origin), report)
            elif kind.startswith("rdf:"):
                from kg.readers.rdf import read_rdf

                self._import_rdf(read_rdf(data, origin, kind.removeprefix("rdf:")), origin, report)
            else:
                raise ReaderError(origin, f"cannot tell what the input is ({kind})")
        except ReaderError as e:
            report.refused.append(Refusal(e.origin, e.problem))
        return report

    def ingest_reviews(self, reviews: list[Review], report: IngestReport) -> None:
        """Store each review in a graph of its own; all of a file's reviews or none."""
        if not reviews:
            return
        crosswalk = Crosswalk.from_store(self.store)
        graphs: dict[str, Graph] = {}
        verdicts = []
        for review in reviews:
            verdict = crosswalk.verdict(review.rating)
            iri, graph = review_graph(
                review,
                self.base,
                VERDICT_IRIS[verdict],
                kg.__version__,
                claimant_kind=self._stored_kind(review.claimant) or ActorKind.PERSON,
                reviewer_kind=self._stored_kind(review.reviewer) or ActorKind.ORGANIZATION,
            )
            self._match_review(iri, graph, report)
            graphs[iri] = graph
            verdicts.append(verdict.value)
        self._write_checked(graphs, reviews[0].origin or "upload", report, verdicts)

    def add_review(self, claim_iri: str, review: Review) -> IngestReport:
        """A verdict on one of the store's claims (the ingest API's POST .../reviews)."""
        report = IngestReport()
        if not self.store.ask(f"ASK {{ <{claim_iri}> a <{FK.Claim}> }}"):
            report.refused.append(Refusal(claim_iri, "the store holds no such claim"))
            return report
        verdict = Crosswalk.from_store(self.store).verdict(review.rating)
        iri, graph = review_graph(
            review,
            self.base,
            VERDICT_IRIS[verdict],
            kg.__version__,
            claim=claim_iri,
            reviewer_kind=self._stored_kind(review.reviewer) or ActorKind.ORGANIZATION,
        )
        self._match_review(iri, graph, report)
        self._write_checked({iri: graph}, review.origin or claim_iri, report, [verdict.value])
        return report

    def _match_review(self, iri: str, graph: Graph, report: IngestReport) -> None:
        """The extracted claims that say what the review's claim says, into its graph."""
        if self.matcher is None:
            return
        for review in graph.subjects(RDF.type, FK.Review):
            checked = graph.value(review, SCHEMA.itemReviewed)
            if checked is None:
                continue
            text = graph.value(checked, SCHEMA.text) or graph.value(review, SCHEMA.claimReviewed)
            author = graph.value(checked, SCHEMA.author)
            speaker = graph.value(author, RDFS.label) if author is not None else None
            found = self.matcher.matches_for_checked(
                str(checked), str(text), str(speaker) if speaker is not None else None
            )
            add_claim_matches(graph, iri, kg.__version__, found)
            report.matched += len({claim for claim, *_ in found})

    def _write_checked(
        self,
        graphs: dict[str, Graph],
        origin: str,
        report: IngestReport,
        verdicts: list[str] | None = None,
    ) -> bool:
        with _timed(report, "validate"):
            result = validate_graphs(self.store, graphs)
        if not result.conforms:
            reason = "does not conform to the shapes:\n" + result.text
            report.refused.append(Refusal(origin, reason))
            return False
        with _timed(report, "write"):
            self.store.replace_graphs(graphs)
        for iri, graph in graphs.items():
            reviews = [str(r) for r in graph.subjects(RDF.type, FK.Review)]
            report.reviews += len(reviews)
            report.review_iris += reviews
            if not reviews:
                report.imported += 1
                if (None, RDF.type, FK.Source) in graph:
                    report.sources.append(iri)
                _count(graph, report)
        report.verdicts += verdicts or []
        return True

    def _import_rdf(
        self, graphs: dict[str | None, Graph], origin: str, report: IngestReport
    ) -> None:
        """Named graphs as they are (a TriG or N-Quads export), the default graph's triples
        as one graph named after the content; the VoID description an export carries is
        the service's to make, not data, and is left out."""
        from kg.ids import digest

        named: dict[str, Graph] = {}
        for name, graph in graphs.items():
            if name is not None and name.endswith("/.well-known/void"):
                continue
            if name is None:
                if not len(graph):
                    continue
                text = graph.serialize(format="nt")
                name = f"{self.base}graph/import-{digest('import', text)}"
            named[name] = graph
        if not named:
            report.refused.append(Refusal(origin, "holds no triples"))
            return
        self._write_checked(named, origin, report)

    def _stored_kind(self, name: str | None) -> ActorKind | None:
        """The kind the store already gives the actor named ``name``, if any."""
        if not name:
            return None
        rows = self.store.select(f"SELECT ?kind WHERE {{ <{actor_iri(name, self.base)}> a ?kind }}")
        kinds = {k for r in rows if (k := KIND_OF_CLASS.get(URIRef(r["kind"]))) is not None}
        return next(iter(kinds)) if len(kinds) == 1 else None


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


def _fact_check_page(path: Path) -> bool:
    """An HTML file that carries ClaimReview markup: its verdicts are what it says."""
    if path.suffix.lower() not in (".html", ".htm"):
        return False
    from kg.readers import max_article_bytes
    from kg.readers.sniff import sniff

    try:
        with path.open("rb") as f:
            data = f.read(max_article_bytes() + 1)
        return sniff(data, str(path), "text/html") == "claimreview-html"
    except (OSError, ReaderError):
        return False  # the article reader says what is wrong with it


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
