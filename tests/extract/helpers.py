"""What the extraction tests share: the type of the ``extract`` fixture, the start of a small
dated article, and assertions on the claims found."""

from __future__ import annotations

from collections.abc import Callable

from kg.model import Claim, Extraction

#: The ``extract`` fixture (tests/extract/conftest.py): an article's text -> its extraction.
Extract = Callable[[str], Extraction]

#: A headline and a date line: what follows is the article's first paragraph.
DATED = "Headline\n17 May, 2019\n"


def claim_with(x: Extraction, content: str) -> Claim:
    """The one claim whose text is exactly ``content``; fails listing what was found."""
    found = [c for c in x.claims if c.text == content]
    assert len(found) == 1, f"no single claim {content!r}; got {[c.text for c in x.claims]}"
    return found[0]


def check(
    x: Extraction,
    content: str,
    speaker: str,
    verb: str,
    quote: bool = False,
    relayed_by: str | None = None,
) -> Claim:
    c = claim_with(x, content)
    text = x.article.text
    assert x.actor(c.speaker).label == speaker
    assert c.verb == verb
    # the claim's text is where it says it is, and its span covers it
    start = text.index(content)
    assert text[start : start + len(content)] == c.text
    assert c.span.start <= start and start + len(content) <= c.span.end
    if quote:
        assert c.quote == content
        assert c.quote_span is not None
        assert (c.quote_span.start, c.quote_span.end) == (start, start + len(content))
    else:
        assert c.quote_span is None or c.quote != content
    relay = x.actor(c.relayed_by).label if c.relayed_by else None
    assert relay == relayed_by
    return c
