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

from rdflib import Literal, URIRef

from kg.ids import IRIs, graph_iri
from kg.link.wikidata import ENTITY
from kg.model import Actor, ActorKind, Extraction
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
    targets = " ".join(f"<{t}>" for t in sorted(set(linked.values())))
    stored: dict[str, list[tuple[str, str, ActorKind]]] = {}
    for row in store.select(_BY_ENTITY % {"targets": targets, "own": own}):
        kind = KIND_OF_CLASS.get(URIRef(row["kind"]))
        if kind is not None and isinstance(row["label"], Literal):
            stored.setdefault(str(row["target"]), []).append(
                (str(row["a"]), str(row["label"]), kind)
            )
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
