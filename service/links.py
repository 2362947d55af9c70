"""Which values may become links on a page: the one rule every template and table follows."""

from __future__ import annotations


def is_web(value: str | None) -> bool:
    """Only http(s) IRIs may become links: a javascript: or data: IRI in an answer stays text."""
    return bool(value) and str(value).lower().startswith(("http://", "https://"))
