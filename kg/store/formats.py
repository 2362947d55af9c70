"""The serialisations a store can produce, one enumeration shared by the store modules."""

from __future__ import annotations

import enum


class ResultFormat(enum.StrEnum):
    """Serialisations a store can produce for query results, keyed by media type."""

    SPARQL_JSON = "application/sparql-results+json"
    SPARQL_XML = "application/sparql-results+xml"
    CSV = "text/csv"
    TSV = "text/tab-separated-values"
    TURTLE = "text/turtle"
    NTRIPLES = "application/n-triples"
    RDFXML = "application/rdf+xml"
    JSONLD = "application/ld+json"
    TRIG = "application/trig"
    NQUADS = "application/n-quads"
