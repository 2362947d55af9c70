"""Reconcile an extraction's actors with the actors the graph already holds.

Actor IRIs are shared across sources (derived from the name), so the first source to describe
an actor fixes its label and kind; later sources adopt them rather than contradict them. An
organisation named by an acronym in one source and in full in another ("EU", "European
Union") is one actor: the later source adopts the stored one's label, keeping its own as an
alias. This step only reads the store; it changes the Extraction in place.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import RDF, RDFS, SKOS, Literal, URIRef
from rdflib.term import Identifier

from kg import shared_facts
from kg.acronyms import expansion_pattern, initials, is_acronym, same_body
from kg.ids import actor_iri, graph_iri
from kg.model import Actor, ActorKind, Extraction
from kg.namespace import FK
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
    own_graph = graph_iri(extraction.article, base)
    known = _stored_actors(store, sorted(by_iri), own_graph)
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


def _stored_actors(store: Store, iris: list[str], own: str) -> dict[str, tuple[str, ActorKind]]:
    """The label and kind other graphs give each of these actors."""
    index = shared_facts.index_for(store)
    rows: list[tuple[str, Identifier, Identifier]] = []
    if index is not None:  # the same answer without a row per source that names the actor
        facts: dict[str, dict[str, list[Identifier]]] = {}
        for s, p, o in index.about(iris, (str(RDF.type), str(RDFS.label)), excluded=[own]):
            facts.setdefault(s, {}).setdefault(p, []).append(shared_facts.term(o))
        for a, of in sorted(facts.items()):
            types = of.get(str(RDF.type), [])
            if FK.Actor in types:
                labels = of.get(str(RDFS.label), [])
                rows += [(a, label, kind) for label in labels for kind in types]
    else:
        values = " ".join(f"<{iri}>" for iri in iris)
        rows = [(str(r["a"]), r["label"], r["kind"]) for r in store.select(_QUERY % (values, own))]
    known: dict[str, tuple[str, ActorKind]] = {}
    for a, label, kind_iri in rows:
        kind = KIND_OF_CLASS.get(URIRef(kind_iri))
        if kind is not None and isinstance(label, Literal):
            known.setdefault(a, (str(label), kind))
    return known


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
    names_of = _organization_names(store, shorts, own_graph)
    found = {a: label for a, (label, known) in names_of.items() if same_body(names, known)}
    if len(found) != 1:
        return None  # none, or two bodies with those initials: which one is not known
    return next(iter(found.values()))


def _organization_names(
    store: Store, shorts: set[str], own: str
) -> dict[str, tuple[str, set[str]]]:
    """Organisations other graphs name by one of these acronyms, or by a name that spells
    one: each with its label and every name (labels, aliases) other graphs give it."""
    names_of: dict[str, tuple[str, set[str]]] = {}
    index = shared_facts.index_for(store)
    if index is not None:  # by the index of names and initials, not a scan of every label
        found = index.named(shorts, acronyms=shorts)
        label, alt = str(RDFS.label), str(SKOS.altLabel)
        facts: dict[str, dict[str, list[str]]] = {}
        for s, p, o in index.about(found, (str(RDF.type), label, alt), excluded=[own]):
            facts.setdefault(s, {}).setdefault(p, []).append(str(shared_facts.term(o)))
        for a, of in sorted(facts.items()):
            if str(FK.Organization) in of.get(str(RDF.type), []) and of.get(label):
                names_of[a] = (sorted(of[label])[0], {*of[label], *of.get(alt, [])})
        return names_of
    tests = []
    for short in sorted(shorts):
        tests.append(f'?label = "{short}" || ?alt = "{short}"')
        tests.append(f'REGEX(?label, "{expansion_pattern(short)}")')
    for row in store.select(_NAMES % {"own": own, "tests": " || ".join(tests)}):
        stored = [str(row["name"]), *([str(row["other"])] if "other" in row else [])]
        names_of.setdefault(str(row["a"]), (str(row["name"]), set()))[1].update(stored)
    return names_of
