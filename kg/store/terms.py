"""Conversion between pyoxigraph terms and rdflib terms (the store boundary)."""

from __future__ import annotations

import re
from collections.abc import Mapping

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Identifier, Node

from kg.errors import QueryError, StoreError
from kg.store.formats import ResultFormat

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def checked_iri(iri: str, what: str = "IRI") -> str:
    """``iri`` when it is an absolute IRI that can be pasted between ``<>`` in SPARQL.

    Checked before pasting: "http://x/> ; DROP ALL ; <y" would otherwise run as an update.
    """
    try:
        ox.NamedNode(iri)
    except ValueError as e:
        raise QueryError(f"{what} {iri!r} is not an absolute IRI ({e})") from e
    return iri


def to_rdflib(term: object) -> Identifier:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        # keep plain literals plain so round trips compare equal to what conversion wrote
        return Literal(term.value) if dt == XSD_STRING else Literal(term.value, datatype=URIRef(dt))
    raise TypeError(f"unsupported term {term!r}")


def to_oxigraph(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"unsupported term {term!r}")


def value_rows(results: ox.QuerySolutions) -> list[dict[str, str]]:
    """SELECT solutions as each term's lexical value by variable name, unbound ones left out:
    cheaper than rdflib terms, and a value shows as stored ("01"^^xsd:integer stays "01")."""
    names = [v.value for v in results.variables]
    return [
        {n: term.value for n in names if (term := solution[n]) is not None} for solution in results
    ]


def solution_rows(results: ox.QuerySolutions) -> list[dict[str, Identifier]]:
    """SELECT solutions as rdflib terms by variable name, unbound variables left out."""
    names = [v.value for v in results.variables]
    rows: list[dict[str, Identifier]] = []
    for solution in results:
        row: dict[str, Identifier] = {}
        for name in names:
            term = solution[name]
            if term is not None:
                row[name] = to_rdflib(term)
        rows.append(row)
    return rows


def quads_for(graph: Graph, graph_iri: str) -> list[ox.Quad]:
    g = ox.NamedNode(graph_iri)
    return [
        ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), g)  # type: ignore[arg-type]
        for s, p, o in graph
    ]


def replacement_update(graphs: Mapping[str, Graph]) -> str:
    """One SPARQL Update that replaces each named graph with its triples ("" for none): one
    request, so a transactional store applies every drop and insert together."""
    return replacement(graphs)[0]


def replacement(graphs: Mapping[str, Graph]) -> tuple[str, dict[str, str]]:
    """:func:`replacement_update`, and the N-Triples of each graph without blank nodes: what
    the store will hold in it exactly (blank nodes it would label afresh)."""
    parts: list[str] = []
    texts: dict[str, str] = {}
    for iri, graph in graphs.items():
        checked_iri(iri, "graph")
        try:
            nt, blank = ntriples(graph)
        except ValueError as e:  # e.g. an IRI with a space: it would end the IRI in the text
            raise QueryError(f"graph {iri}: {e}") from e
        if not blank:
            texts[iri] = nt
        # a template takes blank nodes everywhere (Virtuoso refuses them in INSERT DATA)
        insert = "INSERT" if blank else "INSERT DATA"
        where = " WHERE {}" if blank else ""
        parts.append(
            f"DROP SILENT GRAPH <{iri}> ;\n{insert} {{ GRAPH <{iri}> {{\n{nt}\n}} }}{where}"
        )
    return " ;\n".join(parts), texts


_BLANK_LABEL = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*(?<!\.)")


def ntriples(graph: Graph) -> tuple[str, bool]:
    """The N-Triples of ``graph``, which is also SPARQL's triple syntax, and whether it has
    blank nodes.

    Raises ValueError for an IRI (subject, predicate, object or datatype) that is not an
    absolute IRI, or a blank node label that is not plain ASCII: pasted into an update they
    could end a term and start SPARQL. Language tags need no check: rdflib refuses a
    malformed one when the literal is made. Written here rather than by rdflib's serialiser
    so that the check and the text are one pass, each IRI checked and written once (the two
    passes were 3.5 ms of an article's write; this is ~1.5 ms).
    """
    terms: dict[Node, str] = {}
    blank = False
    rows: list[str] = []
    for triple in graph:
        row = []
        for node in triple:
            text = terms.get(node)
            if text is None:
                if isinstance(node, Literal):
                    text = _literal(node, terms)
                    row.append(text)
                    continue
                if isinstance(node, BNode):
                    if not _BLANK_LABEL.fullmatch(node):
                        raise ValueError(f"blank node label {str(node)!r} is not one SPARQL reads")
                    text = f"_:{node}"
                else:
                    text = _iri(node)
                terms[node] = text
            if text[0] == "_":
                blank = True
            row.append(text)
        rows.append(f"{row[0]} {row[1]} {row[2]} .\n")
    return "".join(rows), blank


def _iri(node: Node) -> str:
    ox.NamedNode(str(node))  # pyoxigraph's IRI check: ValueError when not one
    return f"<{node}>"


def _literal(literal: Literal, terms: dict[Node, str]) -> str:
    # the four characters a quoted string cannot hold as they are, escaped as rdflib does
    quoted = (
        str(literal)
        .replace("\\", "\\\\")
        .replace("\n", "\\n")
        .replace('"', '\\"')
        .replace("\r", "\\r")
    )
    if literal.language:
        return f'"{quoted}"@{literal.language}'
    datatype = literal.datatype
    if datatype is None:
        return f'"{quoted}"'
    text = terms.get(datatype)
    if text is None:
        text = terms[datatype] = _iri(datatype)
    return f'"{quoted}"^^{text}'


def serialized(data: bytes | None) -> bytes:
    """pyoxigraph's serialisation, which it returns when given no output file."""
    if data is None:
        raise StoreError("pyoxigraph returned no serialisation")
    return data


def rdf_format(fmt: ResultFormat) -> ox.RdfFormat | None:
    """pyoxigraph's serialiser for ``fmt``; None for a results-only format."""
    return ox.RdfFormat.from_media_type(fmt.value)


def results_format(fmt: ResultFormat) -> ox.QueryResultsFormat | None:
    """pyoxigraph's serialiser for ``fmt``; None for a graph-only format."""
    return ox.QueryResultsFormat.from_media_type(fmt.value)


def dataset_format(fmt: ResultFormat) -> ox.RdfFormat:
    """The format of a dump: one that can hold named graphs (TriG, N-Quads)."""
    rdf = rdf_format(fmt)
    if rdf is None or not rdf.supports_datasets:
        raise StoreError("a dump of named graphs needs TriG or N-Quads")
    return rdf
