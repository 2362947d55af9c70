"""Line classification and the metadata the plain-text reader takes from it."""

from __future__ import annotations

from datetime import date

import pytest

from kg.model import BlockKind
from kg.readers import read_bytes

ARTICLE = """China wants Turkey to back off criticism

China wants Turkey to back off criticism
2 min read
17 May, 2019
By Jane Doe and John Roe, Reuters
Rights groups say a million people are detained [Getty]
Photo: protesters in Ankara
China urged Turkey to back its fight, officials said.

Read more: China and Turkey
Follow us on Twitter: @The_NewArab
© Copyright IBTimes 2024. All rights reserved.
"""


def kinds(text: str) -> list[tuple[BlockKind, str]]:
    article = read_bytes(text.encode(), "a.txt")
    return [(b.kind, b.span.text(article.text)) for b in article.blocks]


def test_every_line_is_classified() -> None:
    assert kinds(ARTICLE) == [
        (BlockKind.HEADLINE, "China wants Turkey to back off criticism"),
        (BlockKind.BOILERPLATE, "China wants Turkey to back off criticism"),
        (BlockKind.DATELINE, "2 min read"),
        (BlockKind.DATELINE, "17 May, 2019"),
        (BlockKind.BYLINE, "By Jane Doe and John Roe, Reuters"),
        (BlockKind.CAPTION, "Rights groups say a million people are detained [Getty]"),
        (BlockKind.CAPTION, "Photo: protesters in Ankara"),
        (BlockKind.BODY, "China urged Turkey to back its fight, officials said."),
        (BlockKind.BOILERPLATE, "Read more: China and Turkey"),
        (BlockKind.BOILERPLATE, "Follow us on Twitter: @The_NewArab"),
        (BlockKind.COPYRIGHT, "© Copyright IBTimes 2024. All rights reserved."),
    ]


def test_metadata_from_lines() -> None:
    article = read_bytes(ARTICLE.encode(), "a.txt")
    assert article.title == "China wants Turkey to back off criticism"
    assert article.published == date(2019, 5, 17)
    assert article.authors == ["Jane Doe", "John Roe"]
    assert article.publisher == "IBTimes"
    assert article.text == ARTICLE


@pytest.mark.parametrize(
    ("line", "when"),
    [
        ("March 3, 2024", date(2024, 3, 3)),
        ("2024-03-03", date(2024, 3, 3)),
        ("Updated 3 March 2024 10:32 GMT", date(2024, 3, 3)),
        ("Published: Tuesday 4 June 2024", date(2024, 6, 4)),
    ],
)
def test_date_lines(line: str, when: date) -> None:
    article = read_bytes(f"Headline\n{line}\nBody text here.\n".encode(), "d.txt")
    assert article.blocks[1].kind is BlockKind.DATELINE
    assert article.published == when


@pytest.mark.parametrize(
    "line", ["2 min read", "5 minute read", "3 hours ago", "Updated 20 mins ago"]
)
def test_relative_time_lines(line: str) -> None:
    article = read_bytes(f"Headline\n{line}\nBody text here.\n".encode(), "r.txt")
    assert article.blocks[1].kind is BlockKind.DATELINE
    assert article.published is None


def test_sentence_with_a_date_is_body() -> None:
    text = "Headline\nThe minister said on March 3, 2024 that the talks had failed badly.\n"
    assert kinds(text)[1][0] is BlockKind.BODY


def test_publisher_from_handle_when_no_copyright() -> None:
    article = read_bytes(b"Headline\nBody.\nFollow us on Twitter: @The_NewArab\n", "h.txt")
    assert article.publisher == "The New Arab"


def test_copyright_without_symbol() -> None:
    article = read_bytes(b"Headline\nBody.\nCopyright 2024 Foo News\n", "c.txt")
    assert article.blocks[-1].kind is BlockKind.COPYRIGHT
    assert article.publisher == "Foo News"


def test_crlf_normalised_and_spans_exact() -> None:
    article = read_bytes(b"Head line\r\n\r\n  Body one.  \r\nBody two.\r\n", "n.txt")
    assert article.text == "Head line\n\n  Body one.  \nBody two.\n"
    assert [b.span.text(article.text) for b in article.blocks] == [
        "Head line",
        "Body one.",
        "Body two.",
    ]
