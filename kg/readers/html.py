"""HTML news pages -> Article, via trafilatura (main text, title, date, author, site name).

The Article's text is the headline line followed by trafilatura's paragraphs, read by the
plain-text reader so that both formats classify lines the same way; the page's own metadata wins
over what the lines suggest.
"""

from __future__ import annotations

import re
from datetime import date

import trafilatura

from kg.errors import ReaderError
from kg.model import Article
from kg.readers.text import read_text


def read_html(html: str, origin: str, url: str | None = None) -> Article:
    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False
    )
    body = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not body:
        depth = nesting_depth(html)
        if depth > LXML_MAX_DEPTH:
            raise ReaderError(
                origin,
                f"HTML nested {depth:,} elements deep; the HTML parser reads "
                f"{LXML_MAX_DEPTH} levels, so no article text was found",
            )
        raise ReaderError(origin, "no article text found in the HTML page")
    title = (getattr(doc, "title", None) or "").strip()
    text = f"{title}\n\n{body}\n" if title and not body.startswith(title) else body + "\n"
    article = read_text(text, origin)
    published = _iso_date(getattr(doc, "date", None))
    if published is not None:
        article.published = published
    author = getattr(doc, "author", None)
    if author:
        article.authors = [a.strip() for a in str(author).split(";") if a.strip()]
    site = getattr(doc, "sitename", None)
    if site:
        article.publisher = str(site).strip()
    article.url = _web_url(url or getattr(doc, "url", None))
    lang = getattr(doc, "language", None)
    if lang:
        article.language = str(lang)
    return article


#: libxml2's HTML parser stops descending past this depth: a page nested deeper (100,000
#: ``<div>``) parses quickly but its text is lost.
LXML_MAX_DEPTH = 255
_TAG = re.compile(r"<(/?)([A-Za-z][\w-]*)[^<>]*?(/?)>")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
_VOID |= {"track", "wbr", "param", "keygen"}


def nesting_depth(html: str) -> int:
    """How deep elements nest, counted from the tags in one linear pass (void and
    self-closing elements do not nest).

    >>> nesting_depth("<html><body><div><p>a<br>b</p></div></body></html>")
    4
    """
    depth = deepest = 0
    for m in _TAG.finditer(html):
        if m.group(3) or m.group(2).lower() in _VOID:
            continue
        depth = max(0, depth - 1) if m.group(1) else depth + 1
        deepest = max(deepest, depth)
    return deepest


def _web_url(value: object) -> str | None:
    """Only an http(s) URL: a hostile page's metadata may carry javascript: or data: URLs."""
    text = str(value or "").strip()
    return text if text.lower().startswith(("http://", "https://")) else None


def _iso_date(value: object) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
