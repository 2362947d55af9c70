"""Plain-text news articles -> Article: headline, metadata lines and body paragraphs.

``Article.text`` is the file's text with only newlines normalised; every block is the span of
one non-empty line (a paragraph), so extraction offsets index the text users see.
"""

from __future__ import annotations

from kg.model import Article, Block, BlockKind, Span
from kg.readers import lines


def read_text(text: str, origin: str) -> Article:
    """Split ``text`` into classified line blocks and fill the metadata they carry."""
    blocks: list[Block] = []
    headline: str | None = None
    published = None
    authors: list[str] = []
    publisher: str | None = None
    handle: str | None = None
    pos = 0
    for raw in text.split("\n"):
        start, end = pos, pos + len(raw)
        pos = end + 1
        stripped = raw.strip()
        if not stripped:
            continue
        lead = len(raw) - len(raw.lstrip())
        span = Span(start + lead, start + lead + len(stripped))
        if headline is None:
            headline = stripped
            blocks.append(Block(span, BlockKind.HEADLINE))
            continue
        kind = lines.classify(stripped, headline)
        blocks.append(Block(span, kind))
        if kind is BlockKind.DATELINE and published is None:
            when = lines.date_line(stripped)
            if not isinstance(when, bool) and when is not None:
                published = when
        elif kind is BlockKind.BYLINE and lines.agency_line(stripped) is not None:
            agency = lines.agency_line(stripped)  # "Reuters" under the headline: the source
            publisher = publisher or agency
        elif kind is BlockKind.BYLINE and not authors:
            authors = lines.byline(stripped) or []
        elif kind is BlockKind.COPYRIGHT and publisher is None:
            holder = lines.copyright_holder(stripped)
            if isinstance(holder, str):
                publisher = holder
        elif kind is BlockKind.BOILERPLATE and handle is None:
            handle = lines.handle_name(stripped)
    return Article(
        text=text,
        title=headline or "",
        blocks=blocks,
        publisher=publisher or handle,
        published=published,
        authors=authors,
        origin=origin,
    )
