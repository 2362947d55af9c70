"""Generate kg/namespace.py's FK class from ontology/factkg.ttl (``python -m kg.namespace_gen``).

A test regenerates it and compares, so the closed namespace never drifts from the ontology.
"""

from __future__ import annotations

import sys

from rdflib import RDFS, Graph, URIRef

from kg.resources import ontology_path


def _namespace(g: Graph) -> str:
    """The ontology's own fk: prefix, the one place the namespace IRI is written."""
    return str(dict(g.namespaces())["fk"])


HEADER = '''"""RDF namespaces; ``FK`` is closed, generated from the ontology: a misspelt term fails.

Regenerate the FK class with ``python -m kg.namespace_gen > kg/namespace.py`` after editing
ontology/factkg.ttl; tests/ingest/test_ontology.py checks that it is current.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace


class _Namespace(Namespace):
    """An open namespace that makes each term once: rdflib's makes and checks a new URIRef on
    every attribute read, a tenth of the time spent converting an article to RDF."""

    def __getattr__(self, name: str) -> URIRef:
        term = super().__getattr__(name)
        self.__dict__[name] = term  # found by the next read before __getattr__ is asked
        return term


SCHEMA = _Namespace("https://schema.org/")
PROV = _Namespace("http://www.w3.org/ns/prov#")
OA = _Namespace("http://www.w3.org/ns/oa#")
SEM = _Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
DCTERMS = _Namespace("http://purl.org/dc/terms/")
SKOS = _Namespace("http://www.w3.org/2004/02/skos/core#")


class FK(DefinedNamespace):
    """The factkg ontology, {ns}."""

    _NS = Namespace("{ns}")
    _fail = True
'''


def generate() -> str:
    g = Graph().parse(ontology_path())
    NS = _namespace(g)
    lines = [HEADER.replace("{ns}", NS)]
    terms = sorted(
        str(s)[len(NS) :]
        for s in set(g.subjects())
        if isinstance(s, URIRef) and str(s).startswith(NS) and str(s) != NS
    )
    for name in terms:
        label = g.value(URIRef(NS + name), RDFS.label)
        lines.append(f"    {name}: URIRef  # {label}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(generate())
