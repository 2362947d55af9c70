"""What an ingest did: the report every pipeline fills, and the timing of its phases."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from rdflib import RDF, Graph

from kg.link.linking import LinkReport
from kg.namespace import FK

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


def count(graph: Graph, report: IngestReport) -> None:
    report.claims += sum(1 for _ in graph.subjects(RDF.type, FK.Claim))
    report.events += sum(1 for _ in graph.subjects(RDF.type, FK.Event))
    report.actors.update(str(a) for a in graph.subjects(RDF.type, FK.Actor))


@contextmanager
def timed(report: IngestReport, phase: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        report.seconds[phase] += time.perf_counter() - start
