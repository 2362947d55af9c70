"""Reconcile an extraction's actors with the actors the graph already holds.

Actor IRIs are shared across sources (derived from the name), so the first source to describe
an actor fixes its label and kind; later sources adopt them rather than contradict them. An
organisation named by an acronym in one source and in full in another ("EU", "European
Union") is one actor: the later source adopts the stored one's label, keeping its own as an
alias. This step only reads the store; it changes the Extraction in place.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Literal, URIRef

from kg.acronyms import expansion_pattern, initials, is_acronym, same_body
from kg.ids import actor_iri, graph_iri
from kg.model import Actor, ActorKind, Extraction
from kg.store.base import Store
from kg.vocab import KIND_OF_CLASS, sparql_prologue

_QUERY = (
    sparql_prologue("fk", "rdfs")
    + """
SELECT ?a ?label ?kind WHERE {
  VALUES ?a { %s }
  GRAPH ?g { ?a a fk:Actor ; rdfs:label ?label ; a ?kind . }
  VALUES ?kind { fk:Person fk:Organization fk:Government fk:Country fk:Group }
  FILTER (?g != <%s>)
}
"""
)


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
    for iri, actor in by_iri.items():
        if iri not in known and actor.kind is ActorKind.ORGANIZATION:
            stored = _abbreviated(store, actor, own_graph)
            if stored is not None and stored != actor.label:
                if actor.label not in actor.aliases:
                    actor.aliases.append(actor.label)
                actor.label = stored
                adopted.append(Adoption(actor.key, actor.label, actor.kind))
    return adopted


_NAMES = (
    sparql_prologue("fk", "rdfs", "skos")
    + """
SELECT DISTINCT ?a ?name ?other WHERE {
  { SELECT DISTINCT ?a WHERE {
      GRAPH ?g { ?a a fk:Organization ; rdfs:label ?label . OPTIONAL { ?a skos:altLabel ?alt } }
      FILTER (?g != <%(own)s>)
      FILTER (%(tests)s) } }
  GRAPH ?h { ?a rdfs:label ?name . OPTIONAL { ?a skos:altLabel ?other } }
  FILTER (?h != <%(own)s>)
}
"""
)


def _abbreviated(store: Store, actor: Actor, own_graph: str) -> str | None:
    """The label of the one organisation in other sources that ``actor``'s name (or an
    alias) abbreviates or spells out: "European Union" for "EU", "EU" for "European Union"
    when that is how the store first named it."""
    names = [actor.label, *actor.aliases]
    shorts = {n.replace(".", "") for n in names if is_acronym(n)}
    shorts |= {initials(n) for n in names if not is_acronym(n) and initials(n)}
    if not shorts:
        return None
    tests = []
    for short in sorted(shorts):
        tests.append(f'?label = "{short}" || ?alt = "{short}"')
        tests.append(f'REGEX(?label, "{expansion_pattern(short)}")')
    names_of: dict[str, tuple[str, set[str]]] = {}
    for row in store.select(_NAMES % {"own": own_graph, "tests": " || ".join(tests)}):
        stored = [str(row["name"]), *([str(row["other"])] if "other" in row else [])]
        names_of.setdefault(str(row["a"]), (str(row["name"]), set()))[1].update(stored)
    found = {a: label for a, (label, known) in names_of.items() if same_body(names, known)}
    if len(found) != 1:
        return None  # none, or two bodies with those initials: which one is not known
    return next(iter(found.values()))
