"""Readers turn a file or an upload into an Article; one module per input format.

>>> from kg.readers import read_bytes
>>> read_bytes(b"Headline\\nBy Jane Doe\\nShe said it.\\n", "x.txt").authors
['Jane Doe']
"""

from __future__ import annotations

from pathlib import Path

from kg import settings
from kg.errors import ConfigError, ReaderError
from kg.model import Article
from kg.readers.decode import decode
from kg.readers.html import read_html
from kg.readers.text import read_text

__all__ = ["read_bytes", "read_path", "read_html", "read_text"]

TEXT_SUFFIXES = {"", ".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm"}
_HTML_TYPES = {"text/html", "application/xhtml+xml"}


def max_article_bytes() -> int:
    """The size cap of one article, ``FACTKG_MAX_ARTICLE_BYTES``."""
    limit = int(settings.get("MAX_ARTICLE_BYTES"))
    if limit < 1:
        raise ConfigError(f"FACTKG_MAX_ARTICLE_BYTES={limit} must be a positive number of bytes")
    return limit


def read_path(path: Path, max_bytes: int | None = None) -> Article:
    """Read an article file, choosing the reader by its suffix; a file over ``max_bytes``
    (``FACTKG_MAX_ARTICLE_BYTES``) is refused before it is read whole."""
    origin = str(path)
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES:
        raise ReaderError(origin, f"unsupported file type {suffix!r} (expected .txt or .html)")
    limit = max_article_bytes() if max_bytes is None else max_bytes
    try:
        with path.open("rb") as f:
            data = f.read(limit + 1)  # no more than the cap, whatever the file claims to be
    except OSError as exc:
        raise ReaderError(origin, f"cannot read the file ({exc.strerror})") from None
    _check_size(data, origin, limit)
    kind = "text/html" if suffix in HTML_SUFFIXES else "text/plain"
    return read_bytes(data, origin, kind, max_bytes=limit)


def read_bytes(
    data: bytes, origin: str, media_type: str | None = None, max_bytes: int | None = None
) -> Article:
    """Read uploaded bytes; without a media type, sniff HTML from the first characters.
    More than ``max_bytes`` (``FACTKG_MAX_ARTICLE_BYTES``) is refused, naming ``origin``."""
    _check_size(data, origin, max_article_bytes() if max_bytes is None else max_bytes)
    text = decode(data, origin)
    kind = (media_type or "").split(";")[0].strip().lower()
    if kind in _HTML_TYPES or (not kind and _looks_like_html(text)):
        return read_html(text, origin)
    if kind and kind != "text/plain" and not kind.startswith("text/"):
        raise ReaderError(origin, f"unsupported media type {kind!r}")
    return read_text(text, origin)


def _check_size(data: bytes, origin: str, limit: int) -> None:
    if len(data) > limit:
        raise ReaderError(
            origin,
            f"larger than the limit of {limit:,} bytes for one article "
            "(FACTKG_MAX_ARTICLE_BYTES); not read",
        )


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html")) or "<body" in head
