"""SHACL validation of what a write touches, in the context of what the store already holds.

Validation returns a report; only broken shapes raise. A source's graph is validated together
with (a) the triples other graphs hold about the nodes it shares with them (actors, places), so
the union stays valid, and (b) the types of nodes it references but does not describe, since
the shapes' ``sh:class`` checks read them (docs/architecture.md: a graph validated alone
fails those).

Two engines read the same shapes. pyshacl is the reference: ``factkg validate``, the shapes'
test suite, and every report a user reads come from it. Writes are first checked by the
``shacl`` engine (Rust, compiled shapes, ~1 ms an article where pyshacl takes ~60 ms:
docs/benchmarks.md); a graph it accepts is stored, one it refuses goes to pyshacl, whose
verdict and report decide. ``tests/shapes/test_engines.py`` holds the two to the same verdict
on every fixture, the evaluation articles and thousands of mutated graphs.
pyshacl always gets an rdflib Graph: given a pyoxigraph store it becomes quadratic.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache

import shacl
from pyshacl import validate as shacl_validate
from pyshacl.errors import ReportableRuntimeError
from rdflib import RDF, RDFS, Graph, URIRef

from kg import settings, shared_facts
from kg.errors import ConfigError
from kg.namespace import FK
from kg.resources import ontology_path, shape_files
from kg.store.base import Store
from kg.store.terms import ntriples
from kg.vocab import FK_IRI

NS = FK_IRI
log = logging.getLogger(__name__)

#: what pyshacl prints for a graph that conforms; the fast engine's acceptance says the same
CONFORMS_TEXT = "Validation Report\nConforms: True\n"


@dataclass
class ValidationReport:
    conforms: bool
    text: str
    results: Graph = field(default_factory=Graph)
    focus: list[str] = field(default_factory=list)  # graphs or nodes that were validated

    def turtle(self) -> str:
        return self.results.serialize(format="turtle")


@cache
def shapes_graph() -> Graph:
    g = Graph()
    for path in shape_files():
        try:
            g.parse(path, format="turtle")
        except Exception as e:  # a broken shapes file is a deployment error, not bad input
            raise ConfigError(f"cannot read shapes file {path}: {e}") from e
    return g


@cache
def _class_hierarchy() -> Graph:
    """fk: subclass axioms, so that e.g. a fk:Government satisfies sh:class fk:Organization."""
    onto = Graph().parse(ontology_path())
    g = Graph()
    for s, o in onto.subject_objects(RDFS.subClassOf):
        if isinstance(s, URIRef) and str(s).startswith(NS):
            g.add((s, RDFS.subClassOf, o))
    return g


@cache
def _compiled_shapes() -> shacl.Shapes:
    text = "\n".join(path.read_text(encoding="utf-8") for path in shape_files())
    try:
        return shacl.Shapes.from_text(text, format="turtle", base=FK_IRI)
    except ValueError as e:
        raise ConfigError(f"the shacl engine cannot compile the shapes: {e}") from e


# pyshacl is CPU-bound under the GIL and not documented as thread-safe over one shared shapes
# graph: serialising calls costs no throughput and rules out races in its caches.
_LOCK = threading.Lock()


def validate(*data: Graph, reference: bool = False) -> ValidationReport:
    """Validate the union of ``data`` (already holding any context it needs).

    ``reference``: pyshacl alone (``factkg validate``). Otherwise the fast engine decides
    acceptance when ``FACTKG_VALIDATOR`` is ``fast`` (the default), and pyshacl writes the
    report of anything it refuses.
    """
    fast = not reference and _engine() == "fast"
    if fast and fast_conforms(*data):
        return ValidationReport(True, CONFORMS_TEXT)
    report = reference_report(*data)
    if fast and report.conforms:
        # the engines disagree: pyshacl is the reference, but say so, it is a bug to report
        log.warning("shacl refused graphs that pyshacl accepts (%s triples)", sum(map(len, data)))
    return report


def _engine() -> str:
    engine = str(settings.get("VALIDATOR")).strip().lower()
    if engine not in ("fast", "pyshacl"):
        raise ConfigError(f"FACTKG_VALIDATOR={engine!r}: use 'fast' or 'pyshacl'")
    return engine


@cache
def _class_hierarchy_nt() -> str:
    return _class_hierarchy().serialize(format="nt")


def load_shapes() -> None:
    """Compile the shapes now rather than on the first write."""
    if _engine() == "fast":
        _compiled_shapes()
        _class_hierarchy_nt()


def fast_conforms(*data: Graph) -> bool:
    """The ``shacl`` engine's verdict on the union of ``data`` with the class hierarchy."""
    # N-Triples of each part, joined: the union without copying rdflib graphs (which cost
    # more than the validation); a blank node keeps its label across parts, as in a union
    try:
        text = "".join(ntriples(g)[0] for g in data) + _class_hierarchy_nt()
    except ValueError:  # a term no store would take (kg.store.terms): pyshacl says why
        return False
    report = _compiled_shapes().validate_text(text, format="ntriples", allow_warnings=True)
    return bool(report.conforms)


def reference_report(*data: Graph) -> ValidationReport:
    """pyshacl's verdict and report on the union of ``data`` with the class hierarchy."""
    union = Graph()
    for g in (*data, _class_hierarchy()):
        union += g
    with _LOCK:
        try:
            conforms, results, text = shacl_validate(
                union,
                shacl_graph=shapes_graph(),
                inference="none",
                abort_on_first=False,
                allow_warnings=True,
            )
        except ReportableRuntimeError as e:
            # pyshacl gives up on some ill-formed values (a blank node as a selector's
            # oa:start) instead of reporting them: such a graph does not conform
            return ValidationReport(False, f"Validation Report\nConforms: False\n{e}\n")
    return ValidationReport(bool(conforms), str(text), results)


# What the shapes read about a node that other graphs may also describe: its kinds, its one
# name and its one governed country. Other statements (mentions, roles) are checked in the graph
# that makes them, so the context stays small however often an actor is mentioned.
_SHARED = (RDF.type, RDFS.label, FK.governmentOf)


def context_for(store: Store, graphs: Mapping[str, Graph], *, exact: bool = False) -> Graph:
    """What other graphs of the store say, that the shapes read, about nodes ``graphs`` use.

    Read from the store's shared-facts index when it has one (kg.shared_facts: the same
    answer at a cost that does not grow with how many sources name a node), from the
    store itself when ``exact`` or when it has none."""
    nodes: set[str] = set()
    for g in graphs.values():
        for s, _, o in g:
            for term in (s, o):
                if isinstance(term, URIRef) and "#" not in term and not str(term).startswith(NS):
                    nodes.add(str(term))
    if not nodes:
        return Graph()
    index = None if exact else shared_facts.index_for(store)
    context = _shared_statements(store, index, nodes, graphs)
    # a government's country is checked by sh:class too, and may be named only elsewhere
    countries = {str(o) for o in context.objects(None, FK.governmentOf) if isinstance(o, URIRef)}
    if missing := countries - nodes:
        context += _shared_statements(store, index, missing, graphs)
    return context


# A claim another graph describes (the one a review judges, the fact-checked claim a claim
# matches) is referred to, not re-checked: its type alone would make the claim shapes demand
# all it says over there.
_REFERRED = (FK.Claim, FK.ReviewedClaim, FK.Source)


def _shared_statements(
    store: Store,
    index: shared_facts.SharedFacts | None,
    nodes: set[str],
    graphs: Mapping[str, Graph],
) -> Graph:
    if index is not None:
        referred = {t.n3() for t in _REFERRED}
        rows = index.about(nodes, (str(p) for p in _SHARED), excluded=list(graphs))
        return shared_facts.graph_of(r for r in rows if r[2] not in referred)
    values = " ".join(f"<{iri}>" for iri in sorted(nodes))
    excluded = ", ".join(f"<{iri}>" for iri in sorted(graphs))
    not_in = f"FILTER (?g NOT IN ({excluded}))" if excluded else ""
    predicates = " ".join(f"<{p}>" for p in _SHARED)
    referred_iris = ", ".join(f"<{c}>" for c in _REFERRED)
    return store.construct(
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ VALUES ?s {{ {values} }} "
        f"VALUES ?p {{ {predicates} }} GRAPH ?g {{ ?s ?p ?o }} {not_in} "
        f"FILTER (?o NOT IN ({referred_iris})) }}"
    )


def validate_graphs(
    store: Store, graphs: Mapping[str, Graph], *, reference: bool = False
) -> ValidationReport:
    """Validate graphs about to replace those of the same names, as the store would hold them."""
    context = context_for(store, graphs, exact=reference)
    report = validate(*graphs.values(), context, reference=reference)
    report.focus = sorted(graphs)
    return report


def validate_store(store: Store, graph_iris: Iterable[str] | None = None) -> list[ValidationReport]:
    """Validate every named graph (or those given) in its store context with the reference
    engine (pyshacl); one report each."""
    reports = []
    for iri in graph_iris if graph_iris is not None else store.graph_iris():
        graph = store.graph(iri)
        report = validate_graphs(store, {iri: graph}, reference=True)
        reports.append(report)
    return reports
