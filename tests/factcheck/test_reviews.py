"""Verdicts on claims: stored beside the claims they judge, shown on claim pages, exported as
ClaimReview JSON-LD."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

from flask import Flask

from kg.claimreview_export import write_feed
from kg.convert import Provenance
from kg.model import (
    Actor,
    ActorKind,
    Article,
    Block,
    BlockKind,
    Claim,
    Extraction,
    Rating,
    Review,
    Span,
)
from kg.pipeline import Ingester, IngestReport
from kg.store import OxigraphStore
from kg.validate import validate_store
from service import create_app
from service.backend import get_store
from tests.conftest import BASE
from tests.pages.client import get

TEXT = "Crime fell by half last year, the mayor Jane Roe said on Monday."


def stored_claim(ingester: Ingester) -> str:
    """One article with one claim by Jane Roe; the claim's IRI."""
    article = Article(TEXT, "Mayor on crime", [Block(Span(0, len(TEXT)), BlockKind.BODY)])
    actor = Actor("a", "Jane Roe", ActorKind.PERSON, mentions=[Span(39, 47)])
    claim = Claim("Crime fell by half last year", "a", "say", Span(0, len(TEXT)))
    report = IngestReport()
    x = Extraction(article, claims=[claim], actors=[actor])
    assert ingester.store_extraction(x, Provenance("test", "none"), report), report.refused
    (iri,) = [
        str(r["c"])
        for r in ingester.store.select(
            "PREFIX fk: <https://w3id.org/factkg/ns#> SELECT ?c WHERE { ?c a fk:Claim }"
        )
    ]
    return iri


POLITIFACT = Review(
    claim_reviewed="Crime fell by half last year.",
    rating=Rating(alternate_name="Pants on Fire", value="0", best="5", worst="0"),
    url="https://www.politifact.com/factchecks/2026/mar/02/jane-roe/crime/",
    reviewer="PolitiFact",
    reviewer_url="https://www.politifact.com/",
    date_published=date(2026, 3, 2),
    claimant="Jane Roe",
    claim_date=date(2026, 2, 27),
    appearance="https://example.org/speech",
)
FULL_FACT = Review(
    claim_reviewed="Crime has halved.",
    rating=Rating(alternate_name="Misleading"),
    url="https://fullfact.org/crime/halved/",
    reviewer="Full Fact",
    date_published=date(2026, 3, 5),
)


def test_reviews_of_a_claim_are_kept_side_by_side_and_shown(
    tmp_path: Path, serve: Callable[[Flask], str]
) -> None:
    app = create_app({"STORE": str(tmp_path / "store"), "BASE_URI": BASE, "TESTING": True})
    with app.app_context():
        store = get_store()
        ingester = Ingester(store, BASE)
        claim = stored_claim(ingester)
        first = ingester.add_review(claim, POLITIFACT)
        second = ingester.add_review(claim, FULL_FACT)
        assert first.verdicts == ["false"] and second.verdicts == ["mixture"]
        assert first.review_iris != second.review_iris  # a later review erases nothing
        assert all(r.conforms for r in validate_store(store))
    url = serve(app)
    page = get(url + claim.removeprefix(BASE.rstrip("/")))
    assert page.status == 200
    text = page.text
    assert "Pants on Fire" in text and "(false)" in text and "by PolitiFact" in text
    assert "Misleading" in text and "(mixture)" in text and "by Full Fact" in text
    assert 'href="https://www.politifact.com/factchecks/2026/mar/02/jane-roe/crime/"' in text
    # lists and search filter by verdict
    local = claim.removeprefix(BASE.rstrip("/"))
    judged_false = get(url + "/claims?verdict=false")
    assert judged_false.status == 200 and local in judged_false.links("/claim/")
    assert "false (1)" in judged_false.text  # the facet counts the judged claims
    assert local not in get(url + "/claims?verdict=true").links("/claim/")
    assert local in get(url + "/search?q=crime&verdict=mixture").links("/claim/")
    assert local not in get(url + "/search?q=crime&verdict=mostly-true").links("/claim/")
    assert get(url + "/claims?verdict=pants").status == 400


def test_a_fact_check_of_a_claim_factkg_has_not_seen_has_its_own_claim_page(
    tmp_path: Path, serve: Callable[[Flask], str]
) -> None:
    app = create_app({"STORE": str(tmp_path / "store"), "BASE_URI": BASE, "TESTING": True})
    with app.app_context():
        store = get_store()
        report = IngestReport()
        Ingester(store, BASE).ingest_reviews([POLITIFACT], report)
        assert report.reviews == 1 and not report.refused, report.summary()
        (row,) = store.select(
            "PREFIX schema: <https://schema.org/> SELECT ?c WHERE { ?r schema:itemReviewed ?c }"
        )
        claim = str(row["c"])
    page = get(serve(app) + claim.removeprefix(BASE.rstrip("/")))
    assert page.status == 200, page.text[:300]
    assert "Crime fell by half last year." in page.text and "Pants on Fire" in page.text


def test_export_as_claimreview_has_what_google_requires(store: OxigraphStore) -> None:
    ingester = Ingester(store, BASE)
    claim = stored_claim(ingester)
    ingester.add_review(claim, POLITIFACT)
    report = IngestReport()
    ingester.ingest_reviews([FULL_FACT], report)
    out = io.StringIO()
    assert write_feed(store, out) == 2
    feed = json.loads(out.getvalue())
    assert feed["@context"] == "https://schema.org" and feed["@type"] == "DataFeed"
    by_url = {r["url"]: r for r in feed["dataFeedElement"]}
    pf = by_url[POLITIFACT.url]
    assert pf["@type"] == "ClaimReview"
    assert pf["claimReviewed"] == "Crime fell by half last year."
    assert pf["author"] == {
        "@type": "Organization",
        "name": "PolitiFact",
        "url": "https://www.politifact.com/",
    }
    assert pf["datePublished"] == "2026-03-02"
    assert pf["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "Pants on Fire",
        "ratingValue": "0",
        "bestRating": "5",
        "worstRating": "0",
    }
    # factkg's own claim: its speaker, and the article it appeared in
    assert pf["itemReviewed"]["author"] == {"@type": "Person", "name": "Jane Roe"}
    assert pf["itemReviewed"]["appearance"][0]["@type"] == "CreativeWork"
    ff = by_url[FULL_FACT.url]
    assert ff["reviewRating"] == {"@type": "Rating", "alternateName": "Misleading"}
    assert ff["itemReviewed"] == {"@type": "Claim"}


def test_the_dumps_are_served_whole_and_parse(
    tmp_path: Path, serve: Callable[[Flask], str]
) -> None:
    import pyoxigraph as ox

    from kg.store import ResultFormat

    app = create_app({"STORE": str(tmp_path / "store"), "BASE_URI": BASE, "TESTING": True})
    with app.app_context():
        store = get_store()
        ingester = Ingester(store, BASE)
        claim = stored_claim(ingester)
        ingester.add_review(claim, POLITIFACT)
        expected = set(ox.parse(store.dump(ResultFormat.NQUADS), format=ox.RdfFormat.N_QUADS))
    url = serve(app)
    for name, fmt in (("factkg.nq", ox.RdfFormat.N_QUADS), ("factkg.trig", ox.RdfFormat.TRIG)):
        reply = get(f"{url}/dumps/{name}")
        assert reply.status == 200
        assert f'filename="{name}"' in reply.headers["Content-Disposition"]
        assert set(ox.parse(reply.body, format=fmt)) == expected, name
    feed = json.loads(get(f"{url}/dumps/claimreview.jsonld").body)
    assert [r["url"] for r in feed["dataFeedElement"]] == [POLITIFACT.url]
    assert get(f"{url}/dumps/secret.txt").status == 404
    void = get(f"{url}/.well-known/void", "text/turtle").text
    assert f"{BASE}dumps/factkg.trig" in void
