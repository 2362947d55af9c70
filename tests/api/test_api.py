"""The ingest API over a real socket: POST /api/sources and POST /api/claims/<id>/reviews,
their statuses, what they store, and that they keep out of the way of readers."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from typing import Any
from urllib.parse import quote, urlsplit

import pytest
from flask import Flask

from kg.store import Store
from service.backend import get_store
from tests.api.conftest import ARTICLE, post_article, with_ingester
from tests.conftest import BASE
from tests.writes.conftest import AUTH, TOKEN, Client, dump

KEYS = {"source", "graphs", "claims", "actors", "events", "reviews", "links"}
FK = "https://w3id.org/factkg/ns#"
SCHEMA = "https://schema.org/"


def path_of(iri: str) -> str:
    assert iri.startswith(BASE), iri
    return urlsplit(iri).path


def select(client: Client, query: str) -> list[dict[str, Any]]:
    reply = client.request(
        "GET",
        f"/sparql?query={quote(query)}",
        headers={"Accept": "application/sparql-results+json"},
    )
    assert reply.status == 200, reply.text
    return list(reply.json()["results"]["bindings"])


def store_of(app: Flask) -> Store:
    with app.app_context():
        return get_store()


def claim_of(client: Client, source: str, speaker: str = "Quarrington") -> str:
    rows = select(
        client,
        f"""SELECT ?c WHERE {{ ?c a <{FK}Claim> ; <{SCHEMA}appearance> <{source}> ;
              <{SCHEMA}author>/<http://www.w3.org/2000/01/rdf-schema#label> ?who
              FILTER(CONTAINS(?who, "{speaker}")) }}""",
    )
    assert rows, f"no claim by {speaker} in {source}"
    return str(rows[0]["c"]["value"])


# POST /api/sources -----------------------------------------------------------------------


def test_an_article_is_stored_and_found_by_sparql_its_page_and_search(client: Client) -> None:
    reply = post_article(client)
    assert reply.status == 201, reply.text
    body = reply.json()
    assert KEYS <= set(body)
    source = body["source"]
    assert source.startswith(BASE + "source/") and reply.headers["location"] == source
    assert [g.startswith(BASE + "graph/") for g in body["graphs"]] == [True]
    assert body["claims"] >= 2 and body["actors"] >= 2 and body["reviews"] == 0
    assert set(body["links"]) == {"wikidata", "geonames"}
    assert body["links"]["wikidata"] == 0  # no network in tests

    rows = select(client, f"SELECT ?t WHERE {{ <{source}> <{SCHEMA}text> ?t }}")
    assert "Quarrington" in rows[0]["t"]["value"]
    page = client.request("GET", path_of(source), headers={"Accept": "text/html"})
    assert page.status == 200 and "Quarrington sea wall" in page.text
    found = client.request("GET", "/search?q=Quarrington", headers={"Accept": "text/html"})
    assert found.status == 200
    assert path_of(claim_of(client, source)) in found.text


def test_html_is_read_as_html(client: Client) -> None:
    html = (
        "<!doctype html><html><head><title>Harbour council approves the sea wall</title></head>"
        "<body><article><h1>Harbour council approves the sea wall</h1>"
        + "".join(f"<p>{p}</p>" for p in ARTICLE.split("\n\n")[1:])
        + "</article></body></html>"
    )
    reply = post_article(client, html, "text/html; charset=utf-8")
    assert reply.status == 201, reply.text
    assert reply.json()["claims"] >= 1
    rows = select(client, f"SELECT ?t WHERE {{ <{reply.json()['source']}> <{SCHEMA}text> ?t }}")
    assert "<p>" not in rows[0]["t"]["value"]


def test_the_url_parameter_names_the_article_and_its_id(client: Client) -> None:
    without = post_article(client).json()["source"]
    url = "https://news.example.org/2026/03/02/sea-wall"
    reply = post_article(client, query=f"?url={quote(url, safe='')}")
    assert reply.status == 201, reply.text
    source = reply.json()["source"]
    assert source != without  # the id derives from the URL now
    rows = select(client, f"SELECT ?u WHERE {{ <{source}> <{SCHEMA}url> ?u }}")
    assert [r["u"]["value"] for r in rows] == [url]


@pytest.mark.parametrize(
    "url",
    ["notanIRI", "ftp://example.org/a", "http://exa mple.org/", "/relative/path", "mailto:a@b"],
)
def test_a_url_that_is_no_http_iri_is_400(client: Client, app: Flask, url: str) -> None:
    before = dump(store_of(app))
    reply = post_article(client, query=f"?url={quote(url, safe='')}")
    assert reply.status == 400, reply.text
    assert "url" in reply.error["detail"]
    assert dump(store_of(app)) == before


def test_the_charset_of_the_content_type_is_honoured(client: Client) -> None:
    text = ARTICLE.replace("Helena", "Hélène").replace("eastern docks", "quai de la Gaîté")
    reply = post_article(client, text.encode("iso-8859-1"), "text/plain; charset=ISO-8859-1")
    assert reply.status == 201, reply.text
    rows = select(client, f"SELECT ?t WHERE {{ <{reply.json()['source']}> <{SCHEMA}text> ?t }}")
    assert "Hélène Quarrington" in rows[0]["t"]["value"]
    assert "Gaîté" in rows[0]["t"]["value"]


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"   \n  ", "text/plain"),  # empty
        (b"\x00\x01\x02binary\x00" * 20, "text/plain"),  # not text
        (b"caf\xe9 au lait " * 20, "text/plain; charset=utf-8"),  # not the charset it says
        (ARTICLE.encode(), "text/plain; charset=no-such-charset"),
        (ARTICLE.encode(), "text/plain; charset=base64"),  # a codec, not a text encoding
        (b'{"@context": "https://schema.org", "@type": "ClaimReview"}', "application/ld+json"),
        (b"[" * 5000 + b"]" * 5000, "application/ld+json"),  # nested too deep to read
    ],
    ids=["empty", "binary", "bad-utf8", "unknown-charset", "base64", "bare-review", "deep"],
)
def test_refused_input_is_400_with_reasons_and_nothing_written(
    client: Client, app: Flask, body: bytes, content_type: str
) -> None:
    before = dump(store_of(app))
    reply = post_article(client, body, content_type)
    assert reply.status == 400, reply.text
    doc = reply.json()
    assert doc["error"]["status"] == 400 and doc["error"]["detail"]
    assert doc["reasons"] and all(isinstance(r, str) and r for r in doc["reasons"])
    assert dump(store_of(app)) == before


def test_without_a_valid_token_nothing_is_written(client: Client, app: Flask) -> None:
    before = dump(store_of(app))
    for headers in ({}, {"Authorization": "Basic Zm9vOmJhcg=="}, {"Authorization": "Bearer "}):
        reply = client.request(
            "POST", "/api/sources", ARTICLE, {"Content-Type": "text/plain", **headers}
        )
        assert reply.status == 401, headers
        assert reply.headers["www-authenticate"].startswith("Bearer")
    wrong = post_article(client, token="not-" + TOKEN)
    # a wrong token is refused exactly as the other writes refuse it (service/writes/auth.py)
    as_update = client.update("CLEAR ALL", token="not-" + TOKEN)
    assert wrong.status == as_update.status and wrong.status in (401, 403)
    assert "invalid_token" in wrong.headers.get("www-authenticate", "invalid_token")
    assert dump(store_of(app)) == before


def test_a_service_without_a_token_is_read_only(
    make_app: Callable[..., Flask], serve: Callable[[Flask], str], extractor: Any
) -> None:
    client = Client(serve(with_ingester(make_app(), extractor)))
    assert post_article(client).status == 403
    assert post_article(client, token=None).status == 403
    review = client.request(
        "POST", "/api/claims/x/reviews", "{}", {**AUTH, "Content-Type": "application/json"}
    )
    assert review.status == 403


@pytest.mark.parametrize("limit", ["MAX_ARTICLE_BYTES", "MAX_BODY_BYTES"])
def test_past_max_article_bytes_or_max_body_bytes_is_413(
    make_app: Callable[..., Flask], serve: Callable[[Flask], str], extractor: Any, limit: str
) -> None:
    client = Client(serve(with_ingester(make_app(API_TOKEN=TOKEN, **{limit: 200}), extractor)))
    reply = post_article(client)
    assert reply.status == 413, reply.text
    assert limit in reply.error["detail"]
    if limit == "MAX_ARTICLE_BYTES":  # 150 bytes of ISO-8859-1 are 300 of UTF-8
        assert post_article(client, "é" * 150, "text/plain; charset=iso-8859-1").status == 413


@pytest.mark.parametrize(
    "content_type", ["application/json", "text/turtle", "application/octet-stream", None]
)
def test_another_content_type_is_415(client: Client, content_type: str | None) -> None:
    headers = {**AUTH, **({"Content-Type": content_type} if content_type else {})}
    reply = client.request("POST", "/api/sources", ARTICLE, headers)
    assert reply.status == 415, reply.text


def test_json_ld_that_is_no_claimreview_is_415(client: Client, app: Flask) -> None:
    before = dump(store_of(app))
    doc = {"@id": "http://example.org/a", "http://example.org/p": "x"}
    reply = post_article(client, json.dumps(doc), "application/ld+json")
    assert reply.status == 415, reply.text
    assert "/rdf-graph-store" in reply.error["detail"]
    assert dump(store_of(app)) == before


def test_a_claimreview_is_stored_as_a_fact_check(client: Client) -> None:
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": "https://www.politifact.com/factchecks/2026/mar/02/sea-wall/",
        "datePublished": "2026-03-02",
        "claimReviewed": "The sea wall will protect four thousand homes from flooding.",
        "author": {"@type": "Organization", "name": "PolitiFact"},
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Person", "name": "Helena Quarrington"},
        },
        "reviewRating": {
            "@type": "Rating",
            "alternateName": "Half True",
            "ratingValue": "3",
            "bestRating": "5",
            "worstRating": "0",
        },
    }
    reply = post_article(client, json.dumps(review), "application/ld+json")
    assert reply.status == 201, reply.text
    body = reply.json()
    assert body["reviews"] == 1 and body["claims"] == 0 and body["source"] is None
    assert body["graphs"] and reply.headers["location"] == body["graphs"][0]


def test_an_article_posted_while_others_read_answers_no_5xx(client: Client) -> None:
    assert post_article(client).status == 201  # something for the readers to find
    stop = threading.Event()
    statuses: list[int] = []
    targets = [
        "/sparql?query=" + quote("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"),
        "/claims",
        "/sources",
        "/search?q=council",
        "/",
    ]

    def read(k: int) -> None:
        i = k
        while not stop.is_set():
            target = targets[i % len(targets)]
            accept = (
                "application/sparql-results+json" if target.startswith("/sparql") else "text/html"
            )
            statuses.append(client.request("GET", target, headers={"Accept": accept}).status)
            i += 1

    readers = [threading.Thread(target=read, args=(k,)) for k in range(4)]
    for t in readers:
        t.start()
    try:
        text = ARTICLE.replace("Tuesday", "Wednesday").replace("Quarrington", "Ashdown")
        reply = post_article(client, text)
    finally:
        stop.set()
        for t in readers:
            t.join(60)
    assert reply.status == 201, reply.text
    assert statuses and all(s < 500 for s in statuses), sorted(set(statuses))
    assert client.request("GET", "/search?q=Ashdown").status == 200


def test_a_write_is_in_the_audit_log(client: Client, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="service")
    reply = post_article(client)
    assert reply.status == 201
    [record] = [r for r in caplog.records if getattr(r, "factkg", {}).get("event") == "write"]
    fields = record.factkg  # type: ignore[attr-defined]
    assert fields["result"] == "written" and fields["token"] == "valid"
    assert fields["path"] == "/api/sources"
    assert fields["graphs"] == ",".join(f"<{g}>" for g in reply.json()["graphs"])
    assert TOKEN not in record.getMessage()


# POST /api/claims/<id>/reviews -----------------------------------------------------------

SHORT_REVIEW: dict[str, Any] = {
    "reviewer": "PolitiFact",
    "url": "https://www.politifact.com/factchecks/2026/mar/02/helena-quarrington/",
    "datePublished": "2026-03-02",
    "rating": {
        "alternateName": "Pants on Fire",
        "ratingValue": "0",
        "bestRating": "5",
        "worstRating": "0",
    },
}


def post_review(client: Client, claim_id: str, body: Any, token: str | None = TOKEN) -> Any:
    headers = {"Content-Type": "application/json"}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.request("POST", f"/api/claims/{claim_id}/reviews", data, headers)


def test_a_review_of_a_claim_shows_on_its_page(client: Client) -> None:
    source = post_article(client).json()["source"]
    claim = claim_of(client, source)
    claim_id = claim.rsplit("/", 1)[1]
    reply = post_review(client, claim_id, SHORT_REVIEW)
    assert reply.status == 201, reply.text
    body = reply.json()
    assert body["claim"] == claim and body["verdict"] == "false"
    assert body["review"] and reply.headers["location"] == body["review"]
    page = client.request("GET", path_of(claim), headers={"Accept": "text/html"})
    assert page.status == 200
    assert "Pants on Fire" in page.text and SHORT_REVIEW["url"] in page.text


def test_a_whole_claimreview_is_a_review_too(client: Client) -> None:
    source = post_article(client).json()["source"]
    claim_id = claim_of(client, source).rsplit("/", 1)[1]
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": "https://fullfact.org/economy/sea-wall-cost/",
        "datePublished": "2026-03-03",
        "claimReviewed": "The plan would cost twice what the council had promised.",
        "author": {"@type": "Organization", "name": "Full Fact"},
        "reviewRating": {"@type": "Rating", "alternateName": "Correct"},
    }
    reply = post_review(client, claim_id, review)
    assert reply.status == 201, reply.text
    assert reply.json()["verdict"] == "true"


def test_reviews_refused(client: Client, app: Flask) -> None:
    source = post_article(client).json()["source"]
    claim_id = claim_of(client, source).rsplit("/", 1)[1]
    before = dump(store_of(app))
    assert post_review(client, "no-such-claim", SHORT_REVIEW).status == 404
    assert post_review(client, "a%3E%20%3Cb", SHORT_REVIEW).status == 404  # not an id at all
    assert post_review(client, claim_id, SHORT_REVIEW, token=None).status == 401
    for bad in ("not json", "[1, 2]", {"reviewer": "X"}):
        reply = post_review(client, claim_id, bad)
        assert reply.status == 400, (bad, reply.text)
        assert reply.json()["reasons"]
    as_text = client.request(
        "POST",
        f"/api/claims/{claim_id}/reviews",
        json.dumps(SHORT_REVIEW),
        {**AUTH, "Content-Type": "text/plain"},
    )
    assert as_text.status == 415
    assert dump(store_of(app)) == before
