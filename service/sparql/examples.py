"""Example queries shown by the query editor: each teaches a part of the data model.

They use only the vocabulary of docs/data-model.md; tests/sparql run every one of them against
a store built from that model, and tests/ingest/test_examples.py against the demo's store (the
sample articles of examples/ ingested), so an example that stops matching the data fails a test.

They say DISTINCT on purpose: every article's graph repeats the label and type of the actors
it names, and Oxigraph's union default graph keeps one copy per graph (it is a bag of the
named graphs' triples, not a set), so a join through an actor would repeat rows.
"""

from __future__ import annotations

from typing import NamedTuple

from kg.vocab import sparql_prologue

PREFIXES = sparql_prologue("fk", "schema", "sem", "rdfs", "rdf")


class Example(NamedTuple):
    slug: str
    title: str
    teaches: str
    query: str


EXAMPLES: tuple[Example, ...] = (
    Example(
        "claims-by-speaker",
        "Claims by speaker",
        "A claim's claimant is its schema:author; schema:text is what was claimed and "
        "fk:reportingVerb how (say, deny, accuse).",
        PREFIXES
        + """
SELECT DISTINCT ?speaker ?verb ?text ?claim WHERE {
  ?claim a fk:Claim ;
         schema:author ?actor ;
         fk:reportingVerb ?verb ;
         schema:text ?text .
  ?actor rdfs:label ?speaker .
}
ORDER BY ?speaker
LIMIT 100
""",
    ),
    Example(
        "relayed-claims",
        "Who relayed what",
        "fk:relayedBy is the intermediary that reported someone else's claim "
        '("state media said the ministry said ...").',
        PREFIXES
        + """
SELECT DISTINCT ?relay ?speaker ?text ?claim WHERE {
  ?claim fk:relayedBy ?r ;
         schema:author ?a ;
         schema:text ?text .
  ?r rdfs:label ?relay .
  ?a rdfs:label ?speaker .
}
LIMIT 100
""",
    ),
    Example(
        "claims-about-events",
        "Claims about events",
        "schema:about links a claim to the events it mentions; sem:eventType classifies them "
        "(fk:Attack, fk:Protest, fk:Vote, fk:Statement, ...).",
        PREFIXES
        + """
SELECT DISTINCT ?type ?event ?text ?claim WHERE {
  ?claim schema:about ?e ;
         schema:text ?text .
  ?e sem:eventType ?type ;
     rdfs:label ?event .
}
ORDER BY ?type
LIMIT 100
""",
    ),
    Example(
        "who-did-what-to-whom",
        "Who did what to whom",
        "An event has each participant through a sem:Role: its rdf:value is the actor and its "
        "sem:roleType the part it took, fk:Agent (who acted), fk:Patient (who was acted upon) or "
        "fk:Addressee (whom a statement was made to).",
        PREFIXES
        + """
SELECT DISTINCT ?event ?actor ?roleType WHERE {
  ?e rdfs:label ?event ;
     sem:hasActor ?role .
  ?role rdf:value/rdfs:label ?actor ;
        sem:roleType ?roleType .
}
ORDER BY ?event
LIMIT 100
""",
    ),
    Example(
        "claims-per-publisher",
        "Claims per publisher",
        "schema:appearance is the article a claim appears in; the article's "
        "schema:publisher is an actor too.",
        PREFIXES
        + """
SELECT ?publisher (COUNT(DISTINCT ?claim) AS ?claims) WHERE {
  ?claim schema:appearance ?source .
  ?source schema:publisher ?p .
  ?p rdfs:label ?publisher .
}
GROUP BY ?publisher
ORDER BY DESC(?claims)
""",
    ),
    Example(
        "actors-by-kind",
        "Actors by kind",
        "Every actor is an fk:Actor and one kind: fk:Person, fk:Organization, fk:Government, "
        "fk:Country or fk:Group; governments point to their country with fk:governmentOf.",
        PREFIXES
        + """
SELECT ?kind (COUNT(DISTINCT ?actor) AS ?actors) (SAMPLE(?name) AS ?example) WHERE {
  VALUES ?kind { fk:Person fk:Organization fk:Government fk:Country fk:Group }
  ?actor a fk:Actor, ?kind ;
         rdfs:label ?name .
}
GROUP BY ?kind
ORDER BY DESC(?actors)
""",
    ),
    Example(
        "events-place-time",
        "Events with place and time",
        "Events carry sem:hasPlace, sem:hasTimeStamp (a date, month or year) and "
        "fk:timeExpression, the words the article used.",
        PREFIXES
        + """
SELECT DISTINCT ?event ?type ?label ?place ?when ?written WHERE {
  ?event a fk:Event ;
         sem:eventType ?type ;
         rdfs:label ?label .
  OPTIONAL { ?event sem:hasPlace/rdfs:label ?place }
  OPTIONAL { ?event sem:hasTimeStamp ?when }
  OPTIONAL { ?event fk:timeExpression ?written }
}
LIMIT 100
""",
    ),
    Example(
        "claim-graph",
        "One claim as a graph",
        "CONSTRUCT answers with RDF (Turtle, JSON-LD, ...): here a claim with its speaker "
        "and source, as the claim pages show it.",
        PREFIXES
        + """
CONSTRUCT {
  ?claim ?p ?o .
  ?actor rdfs:label ?speaker .
} WHERE {
  { SELECT ?claim WHERE { ?claim a fk:Claim } LIMIT 1 }
  ?claim ?p ?o ;
         schema:author ?actor .
  ?actor rdfs:label ?speaker .
}
""",
    ),
)

BY_SLUG = {e.slug: e for e in EXAMPLES}
