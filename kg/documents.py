"""Ingesting what is not a news article: fact-checks (ClaimReview JSON-LD, fact-check pages)
and RDF files (factkg's own exports), and uploads whose kind is told by their content.

A mixin of :class:`kg.pipeline.Ingester`, which supplies the store, the base and the article
path; the same rules hold: each file is validated with its store context and written whole or
not at all, and a review is stored in a graph of its own, so later reviews erase nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import RDF, RDFS, Graph, URIRef

import kg
from kg.convert import add_claim_matches, review_graph
from kg.errors import ReaderError
from kg.ids import actor_iri
from kg.model import ActorKind, Article, Review
from kg.namespace import FK, SCHEMA
from kg.report import IngestReport, Refusal, count, timed
from kg.store.base import Store
from kg.validate import validate_graphs
from kg.verdicts import VERDICT_IRIS, Crosswalk
from kg.vocab import KIND_OF_CLASS

if TYPE_CHECKING:
    from collections.abc import Callable

    from kg.match.factchecked import FactChecked

#: files read as fact-checks (ClaimReview JSON-LD) or RDF, not as articles
DOCUMENT_SUFFIXES = {".json", ".jsonld", ".ttl", ".trig", ".nq", ".nt"}


class DocumentIngest:
    """Fact-checks and RDF into the store (mixed into kg.pipeline.Ingester)."""

    store: Store
    base: str
    matcher: FactChecked | None

    def _ingest(
        self,
        articles: list[Article],
        report: IngestReport,
        progress: Callable[[str], None] | None,
    ) -> None:
        raise NotImplementedError  # the article path: kg.pipeline.Ingester

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
        with timed(report, "validate"):
            result = validate_graphs(self.store, graphs)
        if not result.conforms:
            reason = "does not conform to the shapes:\n" + result.text
            report.refused.append(Refusal(origin, reason))
            return False
        with timed(report, "write"):
            self.store.replace_graphs(graphs)
        for iri, graph in graphs.items():
            reviews = [str(r) for r in graph.subjects(RDF.type, FK.Review)]
            report.reviews += len(reviews)
            report.review_iris += reviews
            if not reviews:
                report.imported += 1
                if (None, RDF.type, FK.Source) in graph:
                    report.sources.append(iri)
                count(graph, report)
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


def fact_check_page(path: Path) -> bool:
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
