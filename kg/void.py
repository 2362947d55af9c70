"""A VoID description of the store (https://www.w3.org/TR/void/): how big it is, what it holds
and how it links to Wikidata and GeoNames, so crawlers and dataset catalogues can find and
size it without querying it.

Every number is counted through the Store contract (SPARQL COUNT), so it holds for any
backend; counting every triple is a full scan on a big store, which is why the service caches
the answer until the next write (service/void.py).
"""

from __future__ import annotations

from rdflib import OWL, RDF, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, VOID

from kg.namespace import FK
from kg.store.base import Store
from kg.vocab import PREFIXES, sparql_prologue

#: the classes whose instances are the dataset's entities, with the fragment of their
#: class partition
CLASSES: dict[str, URIRef] = {
    "claims": FK.Claim,
    "actors": FK.Actor,
    "events": FK.Event,
    "places": FK.Place,
    "sources": FK.Source,
}
#: the external datasets the linkers link to (docs/data-model.md): fragment -> (title, URI
#: space; its IRI also names the dataset here)
LINKED: dict[str, tuple[str, str]] = {
    "wikidata": ("Wikidata", "http://www.wikidata.org/entity/"),
    "geonames": ("GeoNames", "http://sws.geonames.org/"),
}
VOCABULARIES = ("fk", "schema", "prov", "sem", "oa")


def _string(value: str) -> str:
    """A SPARQL string literal (the base comes from configuration, not from a client)."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def dataset_iri(base: str) -> URIRef:
    return URIRef(f"{base}.well-known/void#factkg")


def count_entities(store: Store) -> tuple[dict[URIRef, int], int]:
    """Instances per class, and distinct instances of any of them, in one query."""
    classes = " ".join(f"<{c}>" for c in CLASSES.values())
    found = store.select(
        sparql_prologue("fk")
        + f"""SELECT ?c ?n WHERE {{
        {{ SELECT ?c (COUNT(DISTINCT ?x) AS ?n) WHERE {{ VALUES ?c {{ {classes} }} ?x a ?c }}
           GROUP BY ?c }}
        UNION {{ SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ VALUES ?c {{ {classes} }} ?x a ?c }} }}
        }}"""
    )
    per_class = {c: 0 for c in CLASSES.values()}
    total = 0
    for row in found:
        n = int(row["n"].toPython())  # type: ignore[attr-defined]
        if "c" in row:
            per_class[URIRef(str(row["c"]))] = n
        else:
            total = n
    return per_class, total


def count_links(store: Store, base: str) -> dict[str, int]:
    """Distinct owl:sameAs triples from our nodes into each linked dataset's URI space (the
    union default graph repeats a link once per article that makes it: counted once)."""
    spaces = " ".join(f'"{space}"' for _, space in LINKED.values())
    found = store.select(
        sparql_prologue("owl")
        + f"""SELECT ?space (COUNT(*) AS ?n) WHERE {{
        {{ SELECT DISTINCT ?s ?o WHERE {{ ?s owl:sameAs ?o
            FILTER(isIRI(?o) && STRSTARTS(STR(?s), {_string(base)})) }} }}
        VALUES ?space {{ {spaces} }}
        FILTER(STRSTARTS(STR(?o), ?space))
        }} GROUP BY ?space"""
    )
    counts = {space: 0 for _, space in LINKED.values()}
    for row in found:
        if "space" in row:
            counts[str(row["space"])] = int(row["n"].toPython())  # type: ignore[attr-defined]
    return counts


def void_graph(store: Store, base: str) -> Graph:
    """The VoID description of the dataset ``{base}.well-known/void#factkg``."""
    ds = dataset_iri(base)
    g = Graph()
    g.bind("void", VOID)
    g.bind("dcterms", DCTERMS)
    g.bind("owl", OWL)
    g.bind("fk", str(FK._NS))
    g.add((ds, RDF.type, VOID.Dataset))
    g.add((ds, DCTERMS.title, Literal("factkg", lang="en")))
    g.add(
        (
            ds,
            DCTERMS.description,
            Literal(
                "Claims made in news articles, who made them, and the events, actors and "
                "places they are about; one named graph per article.",
                lang="en",
            ),
        )
    )
    # no dcterms:license: the project licenses its code (MIT), not the articles' content,
    # which stays under the terms of its sources (as every page's footer says)
    g.add((ds, DCTERMS.rights, Literal("Data under the terms of its sources.", lang="en")))
    g.add((ds, VOID.sparqlEndpoint, URIRef(f"{base}sparql")))
    for dump in ("factkg.trig", "factkg.nq"):  # served by service/dumps.py, streamed
        g.add((ds, VOID.dataDump, URIRef(f"{base}dumps/{dump}")))
    g.add((ds, VOID.uriSpace, Literal(base)))
    for name in VOCABULARIES:
        g.add((ds, VOID.vocabulary, URIRef(PREFIXES[name])))
    g.add((ds, VOID.triples, Literal(store.count_triples())))
    per_class, total = count_entities(store)
    g.add((ds, VOID.entities, Literal(total)))
    for fragment, cls in CLASSES.items():
        partition = URIRef(f"{base}.well-known/void#{fragment}")
        g.add((ds, VOID.classPartition, partition))
        g.add((partition, VOID["class"], cls))
        g.add((partition, VOID.entities, Literal(per_class[cls])))
    links = count_links(store, base)
    for fragment, (title, space) in LINKED.items():
        target = URIRef(space)
        g.add((target, RDF.type, VOID.Dataset))
        g.add((target, DCTERMS.title, Literal(title)))
        g.add((target, VOID.uriSpace, Literal(space)))
        linkset = URIRef(f"{base}.well-known/void#{fragment}-links")
        g.add((ds, VOID.subset, linkset))
        g.add((linkset, RDF.type, VOID.Linkset))
        g.add((linkset, VOID.target, ds))
        g.add((linkset, VOID.target, target))
        g.add((linkset, VOID.linkPredicate, OWL.sameAs))
        g.add((linkset, VOID.triples, Literal(links[space])))
    return g
