"""The SPARQL 1.1 Service Description of /sparql (what a GET without a query answers).

Built with pyoxigraph terms and serialised in Rust; cached per endpoint URL and format, since
it only changes with the configuration.
"""

from __future__ import annotations

from functools import lru_cache

import pyoxigraph as ox

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
RDFS_COMMENT = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#comment")
RESULT_FORMATS = (
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "N-Triples",
    "JSON-LD",
    "RDF_XML",
    "TriG",
    "N-Quads",
)
RDF_FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/trig": ox.RdfFormat.TRIG,
    "application/n-quads": ox.RdfFormat.N_QUADS,
}
PREFIXES = {"sd": SD, "formats": FORMATS, "rdfs": "http://www.w3.org/2000/01/rdf-schema#"}


def _sd(name: str) -> ox.NamedNode:
    return ox.NamedNode(SD + name)


def triples(endpoint: str, updates: bool, federation: bool) -> list[ox.Triple]:
    service = ox.NamedNode(endpoint + "#service")
    dataset = ox.NamedNode(endpoint + "#dataset")
    default_graph = ox.NamedNode(endpoint + "#default-graph")
    out = [
        ox.Triple(service, RDF_TYPE, _sd("Service")),
        ox.Triple(service, RDFS_LABEL, ox.Literal("factkg SPARQL endpoint")),
        ox.Triple(service, _sd("endpoint"), ox.NamedNode(endpoint)),
        ox.Triple(service, _sd("supportedLanguage"), _sd("SPARQL10Query")),
        ox.Triple(service, _sd("supportedLanguage"), _sd("SPARQL11Query")),
        ox.Triple(service, _sd("feature"), _sd("UnionDefaultGraph")),
        ox.Triple(
            service,
            _sd("defaultEntailmentRegime"),
            ox.NamedNode("http://www.w3.org/ns/entailment/Simple"),
        ),
        ox.Triple(service, _sd("defaultDataset"), dataset),
        ox.Triple(dataset, RDF_TYPE, _sd("Dataset")),
        ox.Triple(dataset, _sd("defaultGraph"), default_graph),
        ox.Triple(default_graph, RDF_TYPE, _sd("Graph")),
        ox.Triple(
            default_graph,
            RDFS_COMMENT,
            ox.Literal("The union of all named graphs: one named graph per news article."),
        ),
    ]
    out += [
        ox.Triple(service, _sd("resultFormat"), ox.NamedNode(FORMATS + f)) for f in RESULT_FORMATS
    ]
    if updates:
        out.append(ox.Triple(service, _sd("supportedLanguage"), _sd("SPARQL11Update")))
    if federation:
        out.append(ox.Triple(service, _sd("feature"), _sd("BasicFederatedQuery")))
    return out


@lru_cache(maxsize=64)
def serialize(endpoint: str, media_type: str, updates: bool, federation: bool) -> bytes:
    fmt = RDF_FORMATS[media_type]
    data = triples(endpoint, updates, federation)
    if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG):
        out = ox.serialize(data, format=fmt, prefixes=PREFIXES)
    else:
        out = ox.serialize(data, format=fmt)
    assert out is not None  # no output file given: pyoxigraph returns the bytes
    return out
