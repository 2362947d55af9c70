"""The store's fact-checks as schema.org ClaimReview JSON-LD, a DataFeed as fact-checkers
publish them (Google's Fact Check Tools read it; so does ``factkg ingest``).

Every field Google's ClaimReview guidelines require is written when the store has it:
``claimReviewed``, ``reviewRating`` (with the original ``alternateName``, and ``ratingValue``,
``bestRating``, ``worstRating`` when given), ``url``, ``author`` (the reviewing
organisation), ``datePublished``, and ``itemReviewed``, a Claim with its ``author``,
``datePublished`` and ``appearance``. A review of one of factkg's own claims points at the
claim's source as its appearance. The feed is written element by element, so a large store is
not held in memory as JSON.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, Any

from kg.store.base import Store
from kg.vocab import sparql_prologue

_REVIEWS = (
    sparql_prologue("fk", "schema", "rdfs")
    + """
SELECT ?review ?claimReviewed ?url ?date ?lang ?reviewer ?reviewerUrl ?verdict
       ?alt ?name ?value ?best ?worst ?item ?itemText ?claimant ?claimantType ?claimDate
       ?appearance ?sourceUrl WHERE {
  # what the review's own graph says: a reviewer's URL given by one fact-check is not
  # repeated on another's
  GRAPH ?g {
    ?review a fk:Review ; schema:claimReviewed ?claimReviewed ; schema:itemReviewed ?item ;
            fk:verdict ?verdict ; schema:reviewRating ?rating .
    OPTIONAL { ?review schema:url ?url }
    OPTIONAL { ?review schema:datePublished ?date }
    OPTIONAL { ?review schema:inLanguage ?lang }
    OPTIONAL { ?review schema:author ?r . ?r rdfs:label ?reviewer
               OPTIONAL { ?r schema:url ?reviewerUrl } }
    OPTIONAL { ?rating schema:alternateName ?alt }
    OPTIONAL { ?rating schema:name ?name }
    OPTIONAL { ?rating schema:ratingValue ?value }
    OPTIONAL { ?rating schema:bestRating ?best }
    OPTIONAL { ?rating schema:worstRating ?worst } }
  OPTIONAL { ?item schema:text ?itemText }
  OPTIONAL { ?item schema:author ?c . ?c rdfs:label ?claimant .
             OPTIONAL { ?c a ?claimantType . FILTER (?claimantType = schema:Person) } }
  OPTIONAL { ?item schema:datePublished ?claimDate }
  OPTIONAL { ?item schema:appearance ?appearance .
             OPTIONAL { ?appearance schema:url ?sourceUrl } }
}
ORDER BY ?review
"""
)


def reviews(store: Store) -> Iterator[dict[str, Any]]:
    """One ClaimReview object per review in the store."""
    current: dict[str, Any] | None = None
    current_iri = None
    for row in store.select(_REVIEWS):
        iri = str(row["review"])
        if iri != current_iri:
            if current is not None:
                yield current
            current, current_iri = _review(row), iri
        elif current is not None:
            _appearance(current, row)
    if current is not None:
        yield current


def _text(row: dict[str, Any], name: str) -> str | None:
    value = row.get(name)
    return str(value) if value is not None else None


def _review(row: dict[str, Any]) -> dict[str, Any]:
    rating: dict[str, Any] = {"@type": "Rating"}
    for key, name in (
        ("alternateName", "alt"),
        ("name", "name"),
        ("ratingValue", "value"),
        ("bestRating", "best"),
        ("worstRating", "worst"),
    ):
        if (value := _text(row, name)) is not None:
            rating[key] = value
    item: dict[str, Any] = {"@type": "Claim"}
    if (claimant := _text(row, "claimant")) is not None:
        kind = "Person" if row.get("claimantType") is not None else "Organization"
        item["author"] = {"@type": kind, "name": claimant}
    if (date := _text(row, "claimDate")) is not None:
        item["datePublished"] = date
    review: dict[str, Any] = {
        "@type": "ClaimReview",
        "@id": str(row["review"]),
        "claimReviewed": _text(row, "claimReviewed"),
        "reviewRating": rating,
        "itemReviewed": item,
    }
    if (url := _text(row, "url")) is not None:
        review["url"] = url
    if (date := _text(row, "date")) is not None:
        review["datePublished"] = date
    if (lang := _text(row, "lang")) is not None:
        review["inLanguage"] = lang
    if (reviewer := _text(row, "reviewer")) is not None:
        author: dict[str, Any] = {"@type": "Organization", "name": reviewer}
        if (site := _text(row, "reviewerUrl")) is not None:
            author["url"] = site
        review["author"] = author
    _appearance(review, row)
    return review


def _appearance(review: dict[str, Any], row: dict[str, Any]) -> None:
    """Where the claim appeared: a URL, or a factkg source and the URL it was published at."""
    where = _text(row, "sourceUrl") or _text(row, "appearance")
    if where is None:
        return
    found = review["itemReviewed"].setdefault("appearance", [])
    entry = {"@type": "CreativeWork", "url": where}
    if entry not in found:
        found.append(entry)


def feed(store: Store) -> Iterator[str]:
    """The store's reviews as one DataFeed, in pieces: its opening, one review a piece, its
    end (what ``factkg export`` writes and ``/dumps/claimreview.jsonld`` streams)."""
    yield '{"@context": "https://schema.org", "@type": "DataFeed", "dataFeedElement": ['
    for n, review in enumerate(reviews(store)):
        yield ("," if n else "") + "\n" + json.dumps(review, ensure_ascii=False)
    yield "\n]}\n"


def write_feed(store: Store, out: IO[str]) -> int:
    """Write the store's reviews to ``out`` as one DataFeed; the number written."""
    pieces = 0
    for piece in feed(store):
        out.write(piece)
        pieces += 1
    return pieces - 2  # the opening and the end are no reviews
