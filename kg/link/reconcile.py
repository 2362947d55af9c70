"""Reconcile an extraction's actors with the actors the graph already holds.

Actor IRIs are shared across sources (derived from the name), so the first source to describe
an actor fixes its label and kind; later sources adopt them rather than contradict them. This
step only reads the store; it changes the Extraction in place.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Literal, URIRef

from kg.convert import KIND_OF_CLASS, actor_iri, graph_iri
from kg.model import ActorKind, Extraction
from kg.store.base import Store

_QUERY = """
PREFIX fk: <https://w3id.org/factkg/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?a ?label ?kind WHERE {
  VALUES ?a { %s }
  GRAPH ?g { ?a a fk:Actor ; rdfs:label ?label ; a ?kind . }
  VALUES ?kind { fk:Person fk:Organization fk:Government fk:Country fk:Group }
  FILTER (?g != <%s>)
}
"""


@dataclass(frozen=True)
class Adoption:
    """An actor whose label or kind was taken from the store."""

    key: str
    label: str
    kind: ActorKind


def reconcile_actors(store: Store, extraction: Extraction, base: str) -> list[Adoption]:
    """Give each actor already in other sources' graphs its stored label and kind."""
    # unnamed actors ("officials") belong to their source alone: nothing to reconcile
    by_iri = {actor_iri(a.label, base): a for a in extraction.actors if not a.local}
    if not by_iri:
        return []
    values = " ".join(f"<{iri}>" for iri in sorted(by_iri))
    known: dict[str, tuple[str, ActorKind]] = {}
    own_graph = graph_iri(extraction.article, base)
    for row in store.select(_QUERY % (values, own_graph)):
        kind = KIND_OF_CLASS.get(URIRef(row["kind"]))
        label = row["label"]
        if kind is not None and isinstance(label, Literal):
            known.setdefault(str(row["a"]), (str(label), kind))
    adopted = []
    for iri, actor in by_iri.items():
        if iri in known and known[iri] != (actor.label, actor.kind):
            actor.label, actor.kind = known[iri]
            adopted.append(Adoption(actor.key, actor.label, actor.kind))
    return adopted
