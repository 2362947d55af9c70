"""Two small article graphs shaped like factkg's data (docs/data-model.md), sharing one actor.

The literals are chosen to stress serialisation: quotes, a newline, non-ASCII text, a language
tag, typed values. Offsets are xsd:integer, not the data model's xsd:nonNegativeInteger:
Oxigraph stores derived integer types as xsd:integer (test_contract pins that down).
"""

from __future__ import annotations

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef

BASE = "http://factkg.test/"
FK = Namespace("https://w3id.org/factkg/ns#")
SCHEMA = Namespace("https://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")

GRAPH_A = f"{BASE}graph/aaaa"
GRAPH_B = f"{BASE}graph/bbbb"
ACTOR = URIRef(f"{BASE}actor/china")
CLAIM_A = URIRef(f"{BASE}claim/a1")
CLAIM_B = URIRef(f"{BASE}claim/b1")
SOURCE_A = URIRef(f"{BASE}source/aaaa")
SOURCE_B = URIRef(f"{BASE}source/bbbb")


def graph_a() -> Graph:
    g = Graph()
    g.add((SOURCE_A, RDF.type, FK.Source))
    g.add((SOURCE_A, SCHEMA.headline, Literal("China wants Turkey to back off")))
    g.add((SOURCE_A, SCHEMA.datePublished, Literal("2019-05-17", datatype=XSD.date)))
    g.add((CLAIM_A, RDF.type, FK.Claim))
    g.add((CLAIM_A, SCHEMA.text, Literal('China says "it is a lie"\nand più tard — ok')))
    g.add((CLAIM_A, SCHEMA.author, ACTOR))
    g.add((CLAIM_A, SCHEMA.appearance, SOURCE_A))
    g.add((CLAIM_A, FK.reportingVerb, Literal("say")))
    span = URIRef(f"{SOURCE_A}#char=0,24")
    g.add((CLAIM_A, FK.textSpan, span))
    g.add((span, OA.start, Literal(0)))
    g.add((span, OA.end, Literal(24)))
    g.add((ACTOR, RDF.type, FK.Actor))
    g.add((ACTOR, RDFS.label, Literal("China")))
    g.add((ACTOR, FK.role, Literal("government", lang="en")))
    return g


def graph_b() -> Graph:
    g = Graph()
    g.add((SOURCE_B, RDF.type, FK.Source))
    g.add((SOURCE_B, SCHEMA.headline, Literal("Beijing denies camps")))
    g.add((CLAIM_B, RDF.type, FK.Claim))
    g.add((CLAIM_B, SCHEMA.text, Literal("Beijing denies the camps exist")))
    g.add((CLAIM_B, SCHEMA.author, ACTOR))
    g.add((CLAIM_B, SCHEMA.appearance, SOURCE_B))
    g.add((CLAIM_B, FK.reportingVerb, Literal("deny")))
    g.add((ACTOR, RDF.type, FK.Actor))
    g.add((ACTOR, RDFS.label, Literal("China")))
    g.add((ACTOR, FK.role, Literal("Beijing", lang="en")))
    return g


def both() -> dict[str, Graph]:
    return {GRAPH_A: graph_a(), GRAPH_B: graph_b()}
