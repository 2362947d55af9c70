"""The query parameters of the pages, each checked as what it says it is before it reaches a
query; a value that is not one is a 400 naming the parameter, never a 500.

The rules are positive ones: a block list of characters let ``speaker=foo``, ``speaker=:``
and ``speaker=http://x/%00`` through to SPARQL, whose parser refused them (a 500), and
``str.isdigit`` let ``page=²`` through to ``int()``.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import date

from flask import request
from werkzeug.exceptions import BadRequest

from kg.errors import QueryError
from kg.store.terms import checked_iri

#: every parameter a page reads; links to other pages of a list keep these and no others
NAMES = ("q", "kind", "speaker", "publisher", "since", "until", "verdict", "page")
PAGE_MAX = 100_000
MAX_TEXT = 500
SHOWN = 80  # characters of a refused value quoted back
_PAGE = re.compile(r"[0-9]{1,6}")  # ASCII digits: str.isdigit() admits '²' and '٣', int() not
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # date.fromisoformat also takes 20240501


def _refused(name: str, rule: str, value: str) -> BadRequest:
    shown = value if len(value) <= SHOWN else value[:SHOWN] + "…"
    return BadRequest(f"{request.path}: the parameter {name} must be {rule}, not {shown!r}")


def iri(name: str) -> str | None:
    """An absolute IRI by the store's own rules (kg.store.terms.checked_iri); None if absent."""
    value = request.args.get(name) or None
    if value is None:
        return None
    try:
        return checked_iri(value, name)
    except QueryError:
        raise _refused(name, "an absolute IRI, such as http://example.org/actor/x", value) from None


def iso_date(name: str) -> date | None:
    """A calendar date written YYYY-MM-DD; None if absent."""
    value = request.args.get(name) or None
    if value is None:
        return None
    try:
        if _DATE.fullmatch(value):
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise _refused(name, "a date written YYYY-MM-DD", value)


def choice(name: str, allowed: Collection[str]) -> str | None:
    """One of ``allowed``; None if absent."""
    value = request.args.get(name) or None
    if value is not None and value not in allowed:
        raise _refused(name, f"one of {', '.join(allowed)}", value)
    return value


def text(name: str) -> str:
    """Free text, stripped, at most MAX_TEXT characters ('' if absent)."""
    value = request.args.get(name, "").strip()
    if len(value) > MAX_TEXT:
        raise BadRequest(
            f"{request.path}: the parameter {name} is longer than {MAX_TEXT} characters"
        )
    return value


def page() -> int:
    """The page number, 1 to PAGE_MAX in ASCII digits (1 if absent), counted from 0."""
    value = request.args.get("page", "1")
    if not _PAGE.fullmatch(value) or not 1 <= int(value) <= PAGE_MAX:
        raise _refused("page", f"a whole number from 1 to {PAGE_MAX}", value)
    return int(value) - 1
