"""What the reader hands the extractor as body text: a byline with the place it was filed from
is a byline, and a photo credit under a caption is no paragraph of the story."""

from __future__ import annotations

from kg.model import BlockKind
from kg.readers import read_bytes


def test_a_byline_with_the_place_filed_from_is_a_byline() -> None:
    article = read_bytes(
        b"Headline\n17 May, 2019\nBy Lena Vogt in Hamburg\n\nHAMBURG - The port reopened.\n",
        "byline.txt",
    )
    kinds = [b.kind for b in article.blocks]
    assert BlockKind.BYLINE in kinds
    assert article.authors == ["Lena Vogt"]


def test_a_caption_credit_is_no_body_text() -> None:
    article = read_bytes(
        b"Headline\n17 May, 2019\n\n"
        b"Daniel Keane arrives at the court in Sydney. (ABC News: Tom Harding)\n\n"
        b"Sewage on the river in 2022. Photograph: Environment Agency\n\n"
        b"The trial opened on Wednesday.\n",
        "caption.txt",
    )
    kinds = [b.kind for b in article.blocks]
    assert kinds.count(BlockKind.CAPTION) == 2
    assert kinds.count(BlockKind.BODY) == 1
