"""Readers turn a file or an upload into an Article; one module per input format.

>>> from kg.readers import read_bytes
>>> read_bytes(b"Headline\\nBy Jane Doe\\nShe said it.\\n", "x.txt").authors
['Jane Doe']
"""

from __future__ import annotations

from pathlib import Path

from kg.errors import ReaderError
from kg.model import Article
from kg.readers.decode import decode
from kg.readers.html import read_html
from kg.readers.text import read_text

__all__ = ["read_bytes", "read_path", "read_html", "read_text"]

TEXT_SUFFIXES = {"", ".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm"}
_HTML_TYPES = {"text/html", "application/xhtml+xml"}


def read_path(path: Path) -> Article:
    """Read an article file, choosing the reader by its suffix."""
    origin = str(path)
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES:
        raise ReaderError(origin, f"unsupported file type {suffix!r} (expected .txt or .html)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReaderError(origin, f"cannot read the file ({exc.strerror})") from None
    return read_bytes(data, origin, "text/html" if suffix in HTML_SUFFIXES else "text/plain")


def read_bytes(data: bytes, origin: str, media_type: str | None = None) -> Article:
    """Read uploaded bytes; without a media type, sniff HTML from the first characters."""
    text = decode(data, origin)
    kind = (media_type or "").split(";")[0].strip().lower()
    if kind in _HTML_TYPES or (not kind and _looks_like_html(text)):
        return read_html(text, origin)
    if kind and kind != "text/plain" and not kind.startswith("text/"):
        raise ReaderError(origin, f"unsupported media type {kind!r}")
    return read_text(text, origin)


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html")) or "<body" in head
