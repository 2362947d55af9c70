"""The reporting verb as the article writes it is written as fk:reportingVerbText next to its
lemma (fk:reportingVerb), for the claim pages ("told reporters", not "(tell)")."""

from __future__ import annotations

from rdflib import Literal
from rdflib.term import Node

from kg.convert import to_graph
from kg.model import Claim
from kg.namespace import FK
from kg.validate import validate
from tests.conftest import BASE
from tests.ingest.test_convert import PROV_, make_extraction


def claim_node(claim: Claim, written: str | None) -> tuple[list[Node], list[Node], bool]:
    x = make_extraction()
    x.claims = [claim]
    claim.verb_text = written
    _, g = to_graph(x, BASE, PROV_)
    (node,) = g.subjects(FK.reportingVerb, None)
    lemmas = list(g.objects(node, FK.reportingVerb))
    texts = list(g.objects(node, FK.reportingVerbText))
    return lemmas, texts, validate(g).conforms


def test_the_verb_as_written_goes_next_to_its_lemma() -> None:
    claim = make_extraction().claims[0]
    lemmas, texts, conforms = claim_node(claim, "told reporters")
    assert lemmas == [Literal(claim.verb)]
    assert texts == [Literal("told reporters")]
    assert conforms


def test_a_claim_without_it_has_only_the_lemma() -> None:
    claim = make_extraction().claims[0]
    for written in (None, ""):
        lemmas, texts, conforms = claim_node(claim, written)
        assert lemmas == [Literal(claim.verb)] and texts == [] and conforms
