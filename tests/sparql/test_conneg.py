"""Accept negotiation: q-values, wildcards, ties, and nothing that fits."""

from __future__ import annotations

import pytest

from service import conneg

RESULTS_AND_PAGE = (*conneg.RESULTS, conneg.HTML)
GRAPHS_AND_PAGE = (*conneg.GRAPHS, conneg.HTML)


def pick(accept: str | None, offers: tuple[conneg.Offer, ...] = RESULTS_AND_PAGE) -> str | None:
    offer = conneg.negotiate(accept, offers)
    return offer.media_type if offer else None


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "application/sparql-results+json"),
        ("", "application/sparql-results+json"),
        ("*/*", "application/sparql-results+json"),
        ("text/csv", "text/csv"),
        ("application/json", "application/sparql-results+json"),
        ("application/xml", "application/sparql-results+xml"),
        ("text/csv;q=0.4, text/tab-separated-values;q=0.5", "text/tab-separated-values"),
        ("text/*;q=0.9, text/csv;q=0.1", "text/tab-separated-values"),
        ("text/csv, application/sparql-results+xml", "text/csv"),  # tie: client's order
        ("application/sparql-results+xml, text/csv", "application/sparql-results+xml"),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/html"),
        ("application/sparql-results+json;charset=utf-8", "application/sparql-results+json"),
        ("TEXT/CSV", "text/csv"),
        ("image/png", None),
        ("text/csv;q=0", None),
        ("*/*;q=0.1, text/csv;q=0", "application/sparql-results+json"),
        ("garbage, text/tsv, ;;", None),
        ("*", "application/sparql-results+json"),
    ],
)
def test_results(accept: str | None, expected: str | None) -> None:
    assert pick(accept) == expected


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "text/turtle"),
        ("application/ld+json", "application/ld+json"),
        ("application/json", "application/ld+json"),
        ("text/plain", "application/n-triples"),
        ("application/*;q=0.9, text/turtle;q=0.3", "application/n-triples"),
        ("application/rdf+xml;q=0.5, application/trig", "application/trig"),
        ("application/sparql-results+json", None),
    ],
)
def test_graphs(accept: str | None, expected: str | None) -> None:
    assert pick(accept, GRAPHS_AND_PAGE) == expected


def test_wildcards_do_not_speak_for_aliases() -> None:
    """text/* matches text/csv and text/tab-separated-values, not the XML alias text/xml."""
    assert pick("text/*", conneg.RESULTS) == "text/csv"


def test_by_name() -> None:
    assert conneg.by_name("TTL", conneg.GRAPHS) is conneg.GRAPHS[0]
    assert conneg.by_name("text/csv", conneg.RESULTS) is conneg.RESULTS[2]
    assert conneg.by_name("nope", conneg.RESULTS) is None
    assert "jsonld" in conneg.known_names(conneg.GRAPHS)
