"""One actor per entity across articles, decided by the entity the linkers found.

After linking, an actor whose Wikidata entity an actor of another name already links to (in
another source) becomes that actor: it takes the stored label and kind, and keeps its own name
as an alias ("PRC" in one article, "China" in another). An actor whose name is already used by
an actor linked to a *different* entity gets an IRI of its own, qualified by its Wikidata id,
so that two people who share a name stay two actors. This step only reads the store; it
changes the Extraction in place.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import OWL, RDF, RDFS, Literal, URIRef
from rdflib.term import Identifier

from kg import shared_facts
from kg.ids import IRIs, graph_iri
from kg.link.wikidata import ENTITY
from kg.model import Actor, ActorKind, Extraction
from kg.namespace import FK
from kg.store.base import Store
from kg.vocab import KIND_OF_CLASS, sparql_prologue

_BY_ENTITY = (
    sparql_prologue("fk", "rdfs", "owl")
    + """
SELECT ?target ?a ?label ?kind WHERE {
  VALUES ?target { %(targets)s }
  GRAPH ?g { ?a owl:sameAs ?target ; a fk:Actor ; rdfs:label ?label ; a ?kind . }
  VALUES ?kind { fk:Person fk:Organization fk:Government fk:Country fk:Group }
  FILTER (?g != <%(own)s>)
}
"""
)

_BY_IRI = (
    sparql_prologue("owl")
    + """
SELECT DISTINCT ?a ?target WHERE {
  VALUES ?a { %(actors)s }
  GRAPH ?g { ?a owl:sameAs ?target }
  FILTER (STRSTARTS(STR(?target), "%(entity)s") && ?g != <%(own)s>)
}
"""
)


def _by_entity(
    store: Store, targets: list[str], own: str
) -> list[tuple[str, str, Identifier, Identifier]]:
    """(entity, actor, label, kind) of actors other graphs link to these entities."""
    index = shared_facts.index_for(store)
    if index is None:
        values = " ".join(f"<{t}>" for t in targets)
        return [
            (str(r["target"]), str(r["a"]), r["label"], r["kind"])
            for r in store.select(_BY_ENTITY % {"targets": values, "own": own})
        ]
    # the same answer from the index of shared statements, whatever the number of sources
    facts: dict[str, dict[str, list[Identifier]]] = {}
    candidates = index.subjects(str(OWL.sameAs), targets)
    wanted = (str(OWL.sameAs), str(RDF.type), str(RDFS.label))
    for s, p, o in index.about(candidates, wanted, excluded=[own]):
        facts.setdefault(s, {}).setdefault(p, []).append(shared_facts.term(o))
    out = []
    for a, of in sorted(facts.items()):
        types = of.get(str(RDF.type), [])
        if FK.Actor not in types:
            continue
        for target in of.get(str(OWL.sameAs), []):
            if str(target) in targets:
                out += [
                    (str(target), a, label, kind)
                    for label in of.get(str(RDFS.label), [])
                    for kind in types
                ]
    return out


@dataclass(frozen=True)
class Identified:
    key: str
    iri: str  # the IRI the actor now has
    why: str  # "same entity as a stored actor" | "another entity has this name"


def identify_actors(store: Store, extraction: Extraction, base: str) -> list[Identified]:
    """Merge with stored actors of the same Wikidata entity; part from same-named others."""
    return identify(store, extraction.actors, graph_iri(extraction.article, base), base)


def identify(store: Store, actors: list[Actor], own: str, base: str) -> list[Identified]:
    """:func:`identify_actors` for the actors of graph ``own`` (changed in place)."""
    iris = IRIs(base)
    linked = {
        a.key: link.target
        for a in actors
        if not a.local
        for link in a.links
        if link.target.startswith(ENTITY)
    }
    if not linked:
        return []
    stored: dict[str, list[tuple[str, str, ActorKind]]] = {}
    for target, a, name, kind_iri in _by_entity(store, sorted(set(linked.values())), own):
        kind = KIND_OF_CLASS.get(URIRef(kind_iri))
        if kind is not None and isinstance(name, Literal):
            stored.setdefault(target, []).append((a, str(name), kind))
    by_key = {a.key: a for a in actors}
    done: list[Identified] = []
    unmatched = []
    for key, target in sorted(linked.items()):
        actor = by_key[key]
        qid = target.removeprefix(ENTITY)
        options = sorted(set(stored.get(target, [])))
        if not options:
            unmatched.append(key)
            continue
        iri, label, kind = options[0]
        plain, qualified = str(iris.actor(label)), str(iris.actor(label, qid))
        if iri not in (plain, qualified):
            continue  # an IRI this scheme did not make (written by hand): leave it be
        qualifier = qid if iri == qualified else None
        if (actor.label, actor.kind, actor.qualifier) != (label, kind, qualifier):
            if actor.label != label and actor.label not in actor.aliases:
                actor.aliases.append(actor.label)
            actor.label, actor.kind, actor.qualifier = label, kind, qualifier
            done.append(Identified(key, iri, "same entity as a stored actor"))
    done += _part_from_namesakes(store, actors, base, own, linked, unmatched)
    return done


def _part_from_namesakes(
    store: Store,
    actors: list[Actor],
    base: str,
    own: str,
    linked: dict[str, str],
    keys: list[str],
) -> list[Identified]:
    """Actors linked to an entity no stored actor has, whose plain IRI is already linked to
    other entities only: they get the IRI qualified by their own entity's id."""
    if not keys:
        return []
    iris = IRIs(base)
    by_key = {a.key: a for a in actors}
    plain = {str(iris.actor(by_key[k].label)): k for k in keys}
    targets: dict[str, set[str]] = {}
    index = shared_facts.index_for(store)
    if index is not None:  # without a row per source that names the actor
        for a, _, o in index.about(plain, [str(OWL.sameAs)], excluded=[own]):
            target = str(shared_facts.term(o))
            if target.startswith(ENTITY):
                targets.setdefault(a, set()).add(target)
    else:
        query = _BY_IRI % {
            "actors": " ".join(f"<{i}>" for i in sorted(plain)),
            "entity": ENTITY,
            "own": own,
        }
        for row in store.select(query):
            targets.setdefault(str(row["a"]), set()).add(str(row["target"]))
    done = []
    for iri, key in sorted(plain.items()):
        others = targets.get(iri, set())
        if others and linked[key] not in others:
            actor = by_key[key]
            actor.qualifier = linked[key].removeprefix(ENTITY)
            done.append(Identified(key, str(iris.actor(actor.label, actor.qualifier)), "namesake"))
    return done
