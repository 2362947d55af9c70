"""A fact-checker's rating brought to factkg's verdict scale, by the crosswalk in the ontology.

Every label a publisher uses ("Pants on Fire", "Four Pinocchios", "Faux", "Misleading") is an
``skos:altLabel`` of one of the ``fk:Verdicts`` concepts in ontology/factkg.ttl, so the
crosswalk is data: a label added there, or in any graph of the store, is understood without
code. Labels compare without case, accents, punctuation or surrounding space. A rating whose
label is not known is placed by its value between ``worstRating`` and ``bestRating``; with
neither, the verdict is "other".

>>> crosswalk = Crosswalk.from_ontology()
>>> crosswalk.verdict(Rating(alternate_name="Pants on Fire!")).value
'false'
>>> crosswalk.verdict(Rating(alternate_name="Plutôt vrai")).value
'mostly true'
>>> crosswalk.verdict(Rating(value="4", best="5", worst="1")).value
'mostly true'
>>> crosswalk.verdict(Rating(alternate_name="Spin")).value
'other'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache

from rdflib import Graph, URIRef
from rdflib.namespace import SKOS

from kg.model import Rating, Verdict
from kg.namespace import FK
from kg.resources import ontology_path
from kg.store.base import Store
from kg.vocab import sparql_prologue

VERDICT_IRIS: dict[Verdict, URIRef] = {
    Verdict.TRUE: FK.VerdictTrue,
    Verdict.MOSTLY_TRUE: FK.VerdictMostlyTrue,
    Verdict.MIXTURE: FK.VerdictMixture,
    Verdict.MOSTLY_FALSE: FK.VerdictMostlyFalse,
    Verdict.FALSE: FK.VerdictFalse,
    Verdict.OTHER: FK.VerdictOther,
}
VERDICT_OF_IRI = {str(iri): v for v, iri in VERDICT_IRIS.items()}

# where a rating's value falls between worst (0) and best (1), highest first
_SCALE = (
    (Decimal("0.9"), Verdict.TRUE),
    (Decimal("0.65"), Verdict.MOSTLY_TRUE),
    (Decimal("0.35"), Verdict.MIXTURE),
    (Decimal("0.1"), Verdict.MOSTLY_FALSE),
    (Decimal("0"), Verdict.FALSE),
)

_LABELS = (
    sparql_prologue("fk", "skos")
    + """
SELECT DISTINCT ?verdict ?label WHERE {
  ?verdict skos:inScheme fk:Verdicts . { ?verdict skos:altLabel ?label }
  UNION { ?verdict skos:prefLabel ?label } }
"""
)


def key(label: str) -> str:
    """A label as compared: lower case, no accents, letters and digits single-spaced."""
    plain = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode("ascii")
    return " ".join(re.findall(r"[a-z0-9]+", plain.lower()))


@dataclass(frozen=True)
class Crosswalk:
    """Publishers' labels (as :func:`key`) to verdicts."""

    labels: dict[str, Verdict]

    @classmethod
    def from_ontology(cls) -> Crosswalk:
        return _ontology_crosswalk()

    @classmethod
    def from_store(cls, store: Store) -> Crosswalk:
        """The ontology's labels, and those the store's graphs add to the scheme."""
        labels = dict(_ontology_crosswalk().labels)
        for row in store.select(_LABELS):
            verdict = VERDICT_OF_IRI.get(str(row["verdict"]))
            if verdict is not None:
                labels.setdefault(key(str(row["label"])), verdict)
        return cls(labels)

    def verdict(self, rating: Rating) -> Verdict:
        for label in (rating.alternate_name, rating.name):
            if label and key(label) in self.labels:
                return self.labels[key(label)]
        return by_value(rating) or Verdict.OTHER


def by_value(rating: Rating) -> Verdict | None:
    """The verdict a numeric rating means on its own scale, if it has one."""
    try:
        value, best, worst = (Decimal(str(x)) for x in (rating.value, rating.best, rating.worst))
    except (InvalidOperation, TypeError, ValueError):
        return None
    if best == worst or not min(best, worst) <= value <= max(best, worst):
        return None
    share = (value - worst) / (best - worst)
    return next(v for floor, v in _SCALE if share >= floor)


@cache
def _ontology_crosswalk() -> Crosswalk:
    g = Graph().parse(ontology_path())
    labels: dict[str, Verdict] = {}
    for verdict, iri in VERDICT_IRIS.items():
        for prop in (SKOS.altLabel, SKOS.prefLabel):
            for label in g.objects(iri, prop):
                found = labels.setdefault(key(str(label)), verdict)
                if found is not verdict:
                    raise ValueError(f"ontology: label {label!r} is in two verdicts")
    return Crosswalk(labels)
