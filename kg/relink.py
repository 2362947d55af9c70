"""``factkg link``: link what a store already holds, one source graph at a time.

A store built before linking existed, or with Wikidata off or down, gets its links here. Each
source graph is read back (its text, its actors with their kinds, roles, aliases and
mentions, its event places), linked as ingest links a fresh extraction, and rewritten with its
new links only when they differ, after validation: running it twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from rdflib import Literal, URIRef

from kg.convert import relinked
from kg.ids import IRIs, slug
from kg.link.identity import identify
from kg.link.linking import Linker, LinkReport
from kg.link.wikidata import ENTITY as WIKIDATA
from kg.model import Actor, ActorKind, Link, Span
from kg.store.base import Store
from kg.validate import validate_graphs
from kg.vocab import KIND_OF_CLASS, sparql_prologue

_SOURCE = (
    sparql_prologue("fk", "schema", "prov")
    + """
SELECT ?source ?text ?software WHERE { GRAPH <%(g)s> {
  ?source a fk:Source ; schema:text ?text .
  OPTIONAL { <%(g)s#extraction> fk:softwareVersion ?software } } } LIMIT 1
"""
)

_ACTORS = (
    sparql_prologue("fk", "rdfs", "skos", "oa")
    + """
SELECT ?a ?label ?kind ?role ?alias ?country ?start ?end WHERE { GRAPH <%(g)s> {
  ?a a fk:Actor ; rdfs:label ?label ; a ?kind .
  VALUES ?kind { fk:Person fk:Organization fk:Government fk:Country fk:Group }
  OPTIONAL { ?a fk:role ?role }
  OPTIONAL { ?a skos:altLabel ?alias }
  OPTIONAL { ?a fk:governmentOf/rdfs:label ?country }
  OPTIONAL { ?a fk:mentionedAt/oa:hasSelector [ oa:start ?start ; oa:end ?end ] } } }
"""
)

_PLACES = (
    sparql_prologue("fk", "rdfs")
    + """
SELECT DISTINCT ?place ?label WHERE { GRAPH <%(g)s> { ?place a fk:Place ; rdfs:label ?label } }
"""
)


@dataclass
class RelinkReport:
    graphs: int = 0
    changed: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)
    links: LinkReport = field(default_factory=LinkReport)

    def summary(self) -> str:
        lines = [
            f"{self.graphs} sources linked, {len(self.changed)} changed; "
            f"links: {self.links.wikidata} to Wikidata, {self.links.geonames} to GeoNames"
        ]
        if self.links.wikidata_missed:
            lines.append(
                f"Wikidata did not answer for {self.links.wikidata_missed} sources "
                f"({'; '.join(self.links.reasons[:2])}): run `factkg link` again later"
            )
        lines += [f"refused {g}: {why}" for g, why in self.refused]
        return "\n".join(lines)


def source_graphs(store: Store) -> list[str]:
    """The named graphs that hold a source, in a stable order."""
    rows = store.select(
        sparql_prologue("fk") + "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s a fk:Source } }"
    )
    return sorted(str(r["g"]) for r in rows)


def relink(
    store: Store,
    base: str,
    linker: Linker,
    progress: Callable[[str], None] | None = None,
) -> RelinkReport:
    """Link every source graph of ``store`` again; write those whose links changed."""
    report = RelinkReport()
    for g in source_graphs(store):
        relink_graph(store, base, linker, g, report)
        if progress:
            progress(g)
    return report


def relink_graph(store: Store, base: str, linker: Linker, g: str, report: RelinkReport) -> None:
    rows = store.select(_SOURCE % {"g": g})
    if not rows:
        return
    source, text = str(rows[0]["source"]), str(rows[0]["text"])
    software = str(rows[0].get("software") or "")
    actors = _actors(store, g)
    places = {str(r["label"]): URIRef(r["place"]) for r in store.select(_PLACES % {"g": g})}
    before = {a.key: (a.label, a.kind) for a in actors}
    missed = report.links.wikidata_missed
    _, place_links = linker.link_parts(text, actors, sorted(places), report.links)
    if report.links.wikidata_missed > missed:
        # Wikidata did not answer: keep this graph's Wikidata links as they are
        return
    identify(store, actors, g, base)
    report.graphs += 1
    iris = IRIs(base)
    renamed: dict[URIRef, tuple[URIRef, str]] = {}
    links: list[tuple[URIRef, Link]] = []
    for a in actors:
        node = URIRef(a.key)
        if (a.label, a.kind) != before[a.key] or a.qualifier:
            new = iris.actor(a.label, a.qualifier)
            if new != node:
                renamed[node] = (new, a.label)
                node = new
        links += [(node, link) for link in a.links]
    for name, found in place_links.items():
        links += [(places[name], link) for link in found]
    old = store.graph(g)
    keep = () if linker.wikidata is not None else (WIKIDATA,)
    new_graph = relinked(old, g, source, software, renamed, links, keep)
    if len(new_graph) == len(old) and set(new_graph) == set(old):
        return  # no blank nodes in a pipeline graph: set equality is graph equality
    result = validate_graphs(store, {g: new_graph})
    if not result.conforms:
        report.refused.append((g, "does not conform to the shapes:\n" + result.text))
        return
    store.replace_graphs({g: new_graph})
    report.changed.append(g)


def _actors(store: Store, g: str) -> list[Actor]:
    """The actors graph ``g`` describes, keyed by their IRIs."""
    by_iri: dict[str, Actor] = {}
    spans: dict[str, set[tuple[int, int]]] = {}
    for row in store.select(_ACTORS % {"g": g}):
        iri = str(row["a"])
        kind = KIND_OF_CLASS.get(URIRef(row["kind"]))
        if kind is None:
            continue
        actor = by_iri.get(iri)
        if actor is None:
            label = str(row["label"])
            # an actor known only by a description has its source's own IRI: not linked
            local = _is_local(iri, label)
            actor = by_iri[iri] = Actor(key=iri, label=label, kind=kind, local=local)
        for name, target in (("role", actor.roles), ("alias", actor.aliases)):
            value = row.get(name)
            if isinstance(value, Literal) and str(value) not in target:
                target.append(str(value))
        if "country" in row and kind is ActorKind.GOVERNMENT:
            actor.country = str(row["country"])
        if "start" in row and "end" in row:
            spans.setdefault(iri, set()).add((int(row["start"]), int(row["end"])))
    for iri, found in spans.items():
        by_iri[iri].mentions = [Span(s, e) for s, e in sorted(found)]
    return [by_iri[i] for i in sorted(by_iri)]


def _is_local(iri: str, label: str) -> bool:
    """True for ``{base}actor/{slug}-{8 hex of the source}``: an unnamed actor's IRI."""
    tail = iri.rsplit("/", 1)[-1]
    rest = tail.removeprefix(slug(label) + "-")
    return rest != tail and len(rest) == 8 and all(c in "0123456789abcdef" for c in rest)
