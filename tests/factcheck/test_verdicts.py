"""Publishers' ratings brought to one scale by the SKOS crosswalk in the ontology."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import SKOS

from kg.model import Rating, Verdict
from kg.namespace import FK
from kg.store import OxigraphStore
from kg.verdicts import Crosswalk, by_value

CROSSWALK = Crosswalk.from_ontology()


@pytest.mark.parametrize(
    ("label", "verdict"),
    [
        ("Pants on Fire!", Verdict.FALSE),  # PolitiFact
        ("pants on fire", Verdict.FALSE),
        ("Four Pinocchios", Verdict.FALSE),  # The Washington Post
        ("Three Pinocchios", Verdict.MOSTLY_FALSE),
        ("Two Pinocchios", Verdict.MIXTURE),
        ("Geppetto Checkmark", Verdict.TRUE),
        ("Half True", Verdict.MIXTURE),
        ("Mostly True", Verdict.MOSTLY_TRUE),
        ("Misleading", Verdict.MIXTURE),  # Full Fact, AFP
        ("Missing context", Verdict.MIXTURE),
        ("Faux", Verdict.FALSE),  # AFP Factuel
        ("Plutôt faux", Verdict.MOSTLY_FALSE),
        ("Plutot faux", Verdict.MOSTLY_FALSE),  # without the accent
        ("Falso", Verdict.FALSE),  # Maldita, Lupa, Pagella Politica
        ("Engañoso", Verdict.MIXTURE),
        ("Satire", Verdict.OTHER),
        ("Unproven", Verdict.OTHER),
        ("Correct", Verdict.TRUE),
    ],
)
def test_labels_of_publishers(label: str, verdict: Verdict) -> None:
    assert CROSSWALK.verdict(Rating(alternate_name=label)) is verdict


@pytest.mark.parametrize(
    ("value", "best", "worst", "verdict"),
    [
        ("1", "5", "1", Verdict.FALSE),
        ("2", "5", "1", Verdict.MOSTLY_FALSE),
        ("3", "5", "1", Verdict.MIXTURE),
        ("4", "5", "1", Verdict.MOSTLY_TRUE),
        ("5", "5", "1", Verdict.TRUE),
        ("0", "6", "0", Verdict.FALSE),
        ("-1", "5", "1", None),  # off its own scale
        ("3", "3", "3", None),  # a scale of one point
        ("two", "5", "1", None),
    ],
)
def test_numeric_ratings_by_their_place_on_their_scale(
    value: str, best: str, worst: str, verdict: Verdict | None
) -> None:
    assert by_value(Rating(value=value, best=best, worst=worst)) is verdict


def test_a_label_wins_over_a_value_and_an_unknown_label_falls_back() -> None:
    # PolitiFact's feed gives "Pants on Fire" with a value of 0 on 0..5
    assert CROSSWALK.verdict(Rating("Pants on Fire", "5", "5", "0")) is Verdict.FALSE
    assert CROSSWALK.verdict(Rating("Spin", "1", "5", "1")) is Verdict.FALSE
    assert CROSSWALK.verdict(Rating("Spin")) is Verdict.OTHER
    assert CROSSWALK.verdict(Rating()) is Verdict.OTHER


def test_the_crosswalk_is_extended_by_data_in_the_store(store: OxigraphStore) -> None:
    """A label added to a verdict in any graph is understood, without code."""
    assert Crosswalk.from_store(store).verdict(Rating("Spin")) is Verdict.OTHER
    g = Graph()
    g.add((FK.VerdictMixture, SKOS.inScheme, FK.Verdicts))
    g.add((FK.VerdictMixture, SKOS.altLabel, Literal("Spin", lang="en")))
    store.replace_graphs({"http://factkg.test/graph/crosswalk-extension": g})
    assert Crosswalk.from_store(store).verdict(Rating("Spin")) is Verdict.MIXTURE
    # and the ontology's own labels still hold
    assert Crosswalk.from_store(store).verdict(Rating("Faux")) is Verdict.FALSE
