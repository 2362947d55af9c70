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
#: the links to Wikidata and GeoNames (docs/data-model.md)
LINK_PREFIXES = (
    sparql_prologue("owl")
    + "PREFIX wd: <http://www.wikidata.org/entity/>\n"
    + "PREFIX wdt: <http://www.wikidata.org/prop/direct/>\n"
    + "PREFIX gn: <http://www.geonames.org/ontology#>\n"
)


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
        "actors-in-wikidata",
        "Actors and their Wikidata entities",
        "owl:sameAs links an actor to the Wikidata entity a linker found it to be; each link "
        "is qualified by an fk:Link node (rdf:subject, rdf:object) with its fk:linkScore and "
        "fk:linker, one per article that supports it; the entity keeps its English label and "
        "schema:description.",
        PREFIXES
        + LINK_PREFIXES
        + """
SELECT ?actor ?name ?entity (SAMPLE(?label) AS ?wikidataLabel)
       (SAMPLE(?description) AS ?wikidataDescription) (MAX(?score) AS ?bestScore)
       (COUNT(DISTINCT ?link) AS ?articles) WHERE {
  ?actor a fk:Actor ;
         rdfs:label ?name ;
         owl:sameAs ?entity .
  FILTER(STRSTARTS(STR(?entity), STR(wd:)))
  ?link a fk:Link ;
        rdf:subject ?actor ;
        rdf:object ?entity ;
        fk:linkScore ?score .
  OPTIONAL { ?entity rdfs:label ?label }
  OPTIONAL { ?entity schema:description ?description }
}
GROUP BY ?actor ?name ?entity
ORDER BY DESC(?bestScore)
LIMIT 100
""",
    ),
    Example(
        "claims-by-members",
        "Claims by members of an organisation",
        "The Wikidata entity an actor is linked to keeps a few of its statements as IRIs "
        "(wdt:P31 instance of, wdt:P463 member of, wdt:P102 party, ...): here the claims of "
        "actors, or of the governments of countries, whose entity is a member of NATO "
        "(wd:Q7184; put any organisation's Q id).",
        PREFIXES
        + LINK_PREFIXES
        + """
SELECT DISTINCT ?speaker ?entity ?text ?claim WHERE {
  VALUES ?organisation { wd:Q7184 }
  ?entity wdt:P463 ?organisation .
  ?actor fk:governmentOf?/owl:sameAs ?entity ;
         rdfs:label ?speaker .
  ?claim schema:author ?actor ;
         schema:text ?text .
}
LIMIT 100
""",
    ),
    Example(
        "events-in-a-country",
        "Events in a country, and claims about them",
        "An event's place (sem:hasPlace) is linked by owl:sameAs to its GeoNames feature, "
        "which keeps its English label, description and country (gn:parentCountry): here "
        "the events in Colombia (GeoNames 3686110), the country itself or a place in it, "
        "with the claims about them.",
        PREFIXES
        + LINK_PREFIXES
        + """
SELECT DISTINCT ?place ?feature ?event ?text ?claim WHERE {
  VALUES ?country { <http://sws.geonames.org/3686110/> }
  ?e sem:hasPlace ?p ;
     rdfs:label ?event .
  ?p rdfs:label ?place ;
     owl:sameAs ?feature .
  ?feature gn:parentCountry? ?country .
  OPTIONAL { ?claim schema:about ?e ;
                    schema:text ?text . }
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
