"""RDF files (Turtle, TriG, N-Quads, N-Triples, JSON-LD) -> rdflib Graphs, one per graph name.

Parsed by pyoxigraph, several times faster than rdflib's parsers and without any network:
its JSON-LD parser refuses remote contexts outright. A JSON-LD file naming schema.org's
context is given the shipped copy instead (kg.readers.claimreview.local_contexts), and any
other remote context or ``@import`` is refused by us first, with a clearer message. JSON-LD
is checked for depth before pyoxigraph sees it: its parser recurses per level and crashed its
process at a few thousand (kg.nesting).

>>> graphs = read_rdf(b'<http://a> <http://b> "c" <http://g> .', "x.nq", "nq")
>>> sorted(graphs, key=str), len(graphs["http://g"])
(['http://g'], 1)
"""

from __future__ import annotations

import json

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef
from rdflib.term import Identifier

from kg.errors import ReaderError
from kg.readers.claimreview import load_json, local_contexts
from kg.readers.decode import decode
from kg.store.terms import to_rdflib

__all__ = ["FORMATS", "read_rdf", "rdf_format"]

#: our format names -> pyoxigraph's formats
FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "n-quads": ox.RdfFormat.N_QUADS,
    "n-triples": ox.RdfFormat.N_TRIPLES,
    "json-ld": ox.RdfFormat.JSON_LD,
}
_ALIASES = {
    "ttl": "turtle",
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/trig": "trig",
    "nq": "n-quads",
    "nquads": "n-quads",
    "application/n-quads": "n-quads",
    "nt": "n-triples",
    "ntriples": "n-triples",
    "application/n-triples": "n-triples",
    "jsonld": "json-ld",
    "application/ld+json": "json-ld",
}


def rdf_format(fmt: str) -> str:
    """Our name of a format given by name, suffix (``.ttl``, ``nq``) or media type."""
    key = fmt.split(";")[0].strip().lower().lstrip(".")
    key = _ALIASES.get(key, key)
    if key not in FORMATS:
        raise ValueError(f"unknown RDF format {fmt!r}")
    return key


def read_rdf(data: bytes, origin: str, fmt: str) -> dict[str | None, Graph]:
    """The triples of ``data`` by graph name (an IRI, ``_:id`` for a blank node, None for the
    default graph); a ReaderError naming ``origin`` and the line on a syntax error."""
    try:
        name = rdf_format(fmt)
    except ValueError as exc:
        raise ReaderError(origin, str(exc)) from None
    text = decode(data, origin)
    payload = text.encode("utf-8")
    if name == "json-ld":
        doc = load_json(text, origin)
        localised = local_contexts(doc, origin)
        if localised != doc:  # re-serialised only when a context was replaced
            payload = json.dumps(localised).encode("utf-8")
    base = origin if origin.lower().startswith(("http://", "https://")) else None
    graphs: dict[str | None, Graph] = {}
    try:
        for quad in ox.parse(payload, FORMATS[name], base_iri=base, rename_blank_nodes=True):
            key = _graph_key(quad.graph_name)
            graph = graphs.get(key)
            if graph is None:
                ident = None if key is None else _identifier(quad.graph_name)
                graph = graphs[key] = Graph(identifier=ident)
            graph.add((_term(quad.subject), _term(quad.predicate), _term(quad.object)))
    except SyntaxError as exc:
        raise ReaderError(origin, f"not valid {name}: {_syntax_message(exc)}") from None
    except _Unsupported as exc:
        raise ReaderError(origin, str(exc)) from None
    except (ValueError, OSError) as exc:
        raise ReaderError(origin, f"not valid {name} ({exc})") from None
    return graphs


def _syntax_message(exc: SyntaxError) -> str:
    """pyoxigraph's message, which names the line; ``line N`` added when it does not."""
    message = str(exc.msg or exc)
    if exc.lineno and "line" not in message:
        message = f"line {exc.lineno}: {message}"
    return message


class _Unsupported(Exception):
    pass


def _graph_key(name: object) -> str | None:
    if isinstance(name, ox.NamedNode):
        return name.value
    if isinstance(name, ox.BlankNode):
        return f"_:{name.value}"
    return None


def _identifier(name: object) -> Identifier:
    if isinstance(name, ox.BlankNode):
        return BNode(name.value)
    if isinstance(name, ox.NamedNode):
        return URIRef(name.value)
    raise _Unsupported(f"unsupported graph name {name!r}")


def _term(term: object) -> Identifier:
    """An rdflib term, as the store's conversions make it; a triple term is refused."""
    if isinstance(term, ox.Triple):
        raise _Unsupported("RDF-star triple terms are not supported")
    try:
        return to_rdflib(term)
    except TypeError as exc:
        raise _Unsupported(str(exc)) from None
