"""The ontology: every term documented, aligned with the field, and FK generated from it."""

from __future__ import annotations

from pathlib import Path

from rdflib import OWL, RDF, RDFS, Graph, URIRef

from kg import namespace_gen
from kg.namespace import FK, PROV, SCHEMA, SEM
from kg.resources import ontology_path

NS = "https://w3id.org/factkg/ns#"


def _onto() -> Graph:
    return Graph().parse(ontology_path())


def test_every_fk_term_has_label_and_comment() -> None:
    g = _onto()
    terms = {s for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(NS)}
    assert len(terms) > 30
    for term in terms:
        assert g.value(term, RDFS.label) is not None, f"{term} has no rdfs:label"
        assert g.value(term, RDFS.comment) is not None, f"{term} has no rdfs:comment"


def test_classes_align_with_the_vocabularies_of_the_field() -> None:
    g = _onto()
    assert (FK.Claim, RDFS.subClassOf, SCHEMA.Claim) in g
    assert (FK.Source, RDFS.subClassOf, SCHEMA.CreativeWork) in g
    assert (FK.Actor, RDFS.subClassOf, PROV.Agent) in g
    assert (FK.Event, RDFS.subClassOf, SEM.Event) in g
    for cls in (FK.Claim, FK.Source, FK.Actor, FK.Event):
        assert (cls, RDF.type, OWL.Class) in g


def test_generated_namespace_is_current() -> None:
    current = (Path(namespace_gen.__file__).parent / "namespace.py").read_text(encoding="utf-8")
    assert namespace_gen.generate() == current, "run: python -m kg.namespace_gen > kg/namespace.py"


def test_closed_namespace_rejects_unknown_terms() -> None:
    import pytest

    with pytest.raises(AttributeError):
        _ = FK.Claimant
