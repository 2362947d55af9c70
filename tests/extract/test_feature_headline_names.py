"""Headline speakers (issue 3, second held-out set): a company the headline names and the
body repeats is the speaker, even when the tagger misses the name in the body; a headline
role ("finance minister says") still goes to the person the body names."""

from __future__ import annotations

from collections.abc import Callable

from kg.model import Extraction
from tests.extract.helpers import check

Extract = Callable[[str], Extraction]


def _article(headline: str, lede: str) -> str:
    return (
        f"{headline}\n2024-10-24\nBy Anna Rossi\n\n{lede}\n\n"
        'Chief executive Marco Lenzi told analysts that the company had "moved too fast" '
        "and would cut prices.\n"
    )


def test_headline_company_repeated_in_the_body_keeps_its_claim(extract: Extract) -> None:
    x = extract(
        _article(
            "Sorvita Foods says price cuts will bring shoppers back after quarterly loss",
            "Sorvita Foods, the Milan-based maker of frozen meals, reported a loss of 80 "
            "million euros on Thursday.",
        )
    )
    c = check(x, "price cuts will bring shoppers back after quarterly loss", "Sorvita Foods", "say")
    assert c.in_headline


def test_headline_role_still_binds_to_the_named_person(extract: Extract) -> None:
    x = extract(
        _article(
            "Chief executive says price cuts will bring shoppers back",
            "Sorvita Foods, the Milan-based maker of frozen meals, reported a loss of 80 "
            "million euros on Thursday.",
        )
    )
    check(x, "price cuts will bring shoppers back", "Marco Lenzi", "say")
