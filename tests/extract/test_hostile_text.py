"""Hostile text is read as text: markup inside a quotation does not hide the claim around it,
and a paragraph with no sentence end (one giant line) is parsed in pieces whose claims still
point into the article's text."""

from __future__ import annotations

import pytest

from kg.extract.prepare import MAX_BLOCK_CHARS, bounded, pieces
from kg.readers import read_bytes
from tests.extract.helpers import DATED, Extract, check

SAFE = "the bridge was inspected last week and found safe."


@pytest.mark.parametrize(
    "markup",
    [
        "<img src=x onerror=alert('x')>",
        '<img src="x" onerror="alert(1)">',
        "<img src=x onerror=...>",
        "<script>alert(1)</script>",
        "<b>",
    ],
)
def test_markup_in_a_quotation_is_text_and_the_claim_is_found(
    extract: Extract, markup: str
) -> None:
    content = f"{markup} {SAFE}"
    x = extract(f'{DATED}The mayor said that "{content}"\n')
    c = check(x, content, "mayor", "say", quote=True)
    assert c.quote == content


def test_a_quotation_without_markup_reads_the_same(extract: Extract) -> None:
    x = extract(f'{DATED}The mayor said that "{SAFE}"\n')
    check(x, SAFE, "mayor", "say", quote=True)


def test_a_paragraph_without_sentence_ends_is_read_in_pieces_with_right_offsets(
    extract: Extract,
) -> None:
    words = "the council said the bridge was inspected by engineers and found safe for traffic "
    body = (words * (6 * MAX_BLOCK_CHARS // len(words))).strip()
    x = extract(f"{DATED}{body}\n")
    assert len(x.claims) >= 6
    text = x.article.text
    for c in x.claims:
        assert text.find(c.text, c.span.start) >= 0
        assert c.span.end <= len(text)


def test_an_article_that_is_one_giant_line_is_read(extract: Extract) -> None:
    line = "The mayor said the bridge was safe " * (3 * MAX_BLOCK_CHARS // 35)
    x = extract(line)
    assert x.claims
    for c in x.claims:
        covered = x.article.text[c.span.start : c.span.end]
        assert "mayor said" in covered and c.text in covered


def test_a_long_paragraph_of_sentences_keeps_every_claim(extract: Extract) -> None:
    sentences = [f"The mayor said the bridge number {n} was safe." for n in range(150)]
    x = extract(DATED + " ".join(sentences) + "\n")
    for n in range(150):
        check(x, f"the bridge number {n} was safe", "mayor", "say")


def test_pieces_cut_after_a_sentence_end_else_at_a_space_else_at_the_limit() -> None:
    text = "One two three. Four five six seven eight nine ten " + "x" * 50
    cuts = pieces(text, 0, len(text), limit=20)
    assert [text[s:e] for s, e in cuts][:3] == [
        "One two three. ",
        "Four five six seven ",
        "eight nine ten ",
    ]
    assert all(e - s <= 20 for s, e in cuts)
    assert cuts[0][0] == 0 and cuts[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(cuts, cuts[1:], strict=False))


def test_short_paragraphs_are_left_whole() -> None:
    article = read_bytes(f"{DATED}The mayor said it was safe.\n".encode(), "a.txt")
    assert bounded(article, article.blocks) == article.blocks
