"""The shapes themselves, and one case per fixture in valid/ and invalid/."""

from __future__ import annotations

from pathlib import Path

import pyshacl
import pytest
from rdflib import RDF, Graph, Namespace

from kg.resources import shape_files
from kg.validate import shapes_graph, validate

HERE = Path(__file__).parent
SH = Namespace("http://www.w3.org/ns/shacl#")
VALID = sorted((HERE / "valid").glob("*.ttl"))
INVALID = sorted((HERE / "invalid").glob("*.ttl"))


def test_shapes_conform_to_shacl_for_shacl() -> None:
    meta = Path(pyshacl.__file__).parent / "assets" / "shacl-shacl.ttl"
    conforms, _, text = pyshacl.validate(
        shapes_graph(), shacl_graph=Graph().parse(meta), inference="none"
    )
    assert conforms, text


def test_one_node_shape_per_class_and_a_message_on_every_constraint() -> None:
    g = shapes_graph()
    targets = [str(t) for t in g.objects(None, SH.targetClass)]
    assert len(targets) == len(set(targets)), "two shapes target the same class"
    for fk_class in ("Claim", "Source", "Actor", "Event", "Place"):
        assert f"https://w3id.org/factkg/ns#{fk_class}" in targets
    property_shapes = set(g.objects(None, SH.property))
    assert property_shapes
    for ps in property_shapes:
        assert g.value(ps, SH.message) is not None, (
            f"no sh:message on {ps} ({g.value(ps, SH.path)})"
        )
    assert len(shape_files()) >= 4


def test_every_shape_is_a_node_shape_with_a_target() -> None:
    g = shapes_graph()
    targets = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode)
    for shape in g.subjects(RDF.type, SH.NodeShape):
        assert any((shape, t, None) in g for t in targets), shape


@pytest.mark.parametrize("path", VALID, ids=[p.stem for p in VALID])
def test_valid_fixture_conforms(path: Path) -> None:
    report = validate(Graph().parse(path))
    assert report.conforms, report.text


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_fixture_is_refused_with_its_message(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# expect: "), f"{path.name} must say what it expects"
    expected = first.removeprefix("# expect: ")
    report = validate(Graph().parse(path))
    assert not report.conforms
    assert expected in report.text, report.text
