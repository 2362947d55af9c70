"""Validated, all-or-nothing writes of whole named graphs: the engine under SPARQL Update and
the Graph Store Protocol.

A write is expressed as the new content of each named graph it changes (``None``: the graph is
dropped). :func:`commit` validates every changed graph against the shapes, in the context of
what the store holds elsewhere, and only then applies the difference in one SPARQL Update
(one transaction in Oxigraph), telling the store's listeners which graphs changed. Writers in
this process hold :data:`WRITE_LOCK` from reading the "before" state to applying, so two
concurrent writes cannot validate against a state the other is about to change.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Graph

from kg.errors import ValidationError
from kg.store import Store
from kg.store.terms import to_rdflib
from kg.validate import validate_graphs
from service.audit import note_graphs

WRITE_LOCK = threading.Lock()

Quads = set[ox.Quad]


def read_graph(store: Store, iri: str) -> Quads:
    """The quads of named graph ``iri`` (empty when it does not exist)."""
    return store.quads(iri)


def to_graph(quads: Iterable[ox.Quad]) -> Graph:
    g = Graph()
    for q in quads:
        g.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    return g


@dataclass
class Change:
    iri: str
    existed: bool
    before: Quads
    after: Quads | None  # None: the graph is dropped

    @property
    def changed(self) -> bool:
        if self.after is None:
            return self.existed
        return not self.existed or self.before != self.after

    def update_text(self) -> str:
        """The SPARQL Update that turns ``before`` into ``after`` in the store."""
        g = f"<{self.iri}>"
        if self.after is None:
            return f"DROP SILENT GRAPH {g}"
        parts: list[str] = [] if self.existed else [f"CREATE SILENT GRAPH {g}"]
        # DELETE DATA cannot name blank nodes, and INSERT DATA would mint new ones that no
        # longer join the graph's existing ones: a graph with blank nodes is rewritten whole.
        if _has_bnode(self.before) or _has_bnode(self.after):
            if self.existed:
                parts.append(f"DROP SILENT GRAPH {g} ; CREATE SILENT GRAPH {g}")
            removed: Quads = set()
            added = self.after
        else:
            removed, added = self.before - self.after, self.after - self.before
        if removed:
            parts.append(f"DELETE DATA {{ GRAPH {g} {{\n{_triples(removed)}\n}} }}")
        if added:
            parts.append(f"INSERT DATA {{ GRAPH {g} {{\n{_triples(added)}\n}} }}")
        return " ;\n".join(parts)


def _has_bnode(quads: Quads) -> bool:
    return any(
        isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode) for q in quads
    )


def _triples(quads: Quads) -> str:
    return "\n".join(f"{q.triple} ." for q in quads)


def commit(store: Store, changes: Iterable[Change]) -> list[str]:
    """Validate and apply ``changes`` (call with :data:`WRITE_LOCK` held); the changed IRIs.

    Raises :class:`ValidationError` (nothing written) when any changed graph would not conform.
    """
    effective = [c for c in changes if c.changed]
    note_graphs(c.iri for c in effective)
    if not effective:
        return []
    graphs: Mapping[str, Graph] = {
        c.iri: to_graph(c.after) if c.after is not None else Graph() for c in effective
    }
    report = validate_graphs(store, graphs)
    if not report.conforms:
        names = ", ".join(sorted(graphs))
        raise ValidationError(
            f"the write would leave {names} invalid against the shapes; nothing was written",
            report.text,
            report.turtle(),
        )
    touched = [c.iri for c in effective]
    store.update(" ;\n".join(c.update_text() for c in effective), touched=touched)
    return touched
