"""What a query or update may reach outside the store, decided on the engine's own reading.

pyoxigraph opens a real connection for ``SERVICE <http://...>`` and ``LOAD <http://...>``
and has no hook to stop it, so a request is refused before it runs when it names a target
outside the federation allowlist. The text is read by :mod:`kg.sparql.grammar` (the engine's
grammar), never by a lexical scan that could disagree with it.

>>> try:
...     check_query("SELECT * { SERVICE <http://127.0.0.1:1/> {} }", base_iri=None, allowlist=())
... except RefusedError as e:
...     print(e)
SERVICE <http://127.0.0.1:1/> is refused: this endpoint calls no other service (...)
>>> allowed("http://example.org/sparql", ("http://example.org",))
True
>>> allowed("http://example.org.evil/", ("http://example.org",))
False
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from kg.errors import QueryError
from kg.sparql.grammar import Reading, Target, may_nest_deeper_than, read_query

#: Words without which a query can name no SERVICE or FROM target (the engine matches
#: keywords ignoring ASCII case; Python's IGNORECASE also folds a few non-ASCII letters
#: onto these, which only sends more queries to the full parse).
_RISKY = re.compile(r"service|from", re.IGNORECASE)


class RefusedError(QueryError):
    """A request that would make the server fetch a URL or call another endpoint."""


def allowed(iri: str, allowlist: Sequence[str]) -> bool:
    """True when ``iri`` is under a prefix of the allowlist.

    A prefix that does not end in '/', '#' or '?' must end at a boundary of the IRI, so
    'http://example.org' admits 'http://example.org/sparql', not 'http://example.org.evil/'.
    """
    for prefix in allowlist:
        if not iri.startswith(prefix):
            continue
        if prefix.endswith(("/", "#", "?")) or iri[len(prefix) : len(prefix) + 1] in (
            "",
            "/",
            "?",
            "#",
        ):
            return True
    return False


def needs_reading(text: str) -> bool:
    """False when ``text`` can name no SERVICE or FROM and cannot nest too deeply: the one
    C-speed pass that lets ordinary queries skip the full parse."""
    return _RISKY.search(text) is not None or may_nest_deeper_than(text)


def check_query(
    text: str,
    *,
    base_iri: str | None,
    allowlist: Sequence[str],
    has_graph: Callable[[str], bool] | None = None,
    dataset_given: bool = False,
    reading: Reading | None = None,
) -> bool:
    """Refuse a query that would reach outside the store (RefusedError), or that does not
    parse or nests too deeply (QueryError); True when its own FROM / FROM NAMED define its
    dataset (then the union default graph must not be imposed on it).

    FROM names graphs of the store (pyoxigraph never fetches them); one naming no graph of
    the store is refused rather than silently read as empty. The protocol's
    default-graph-uri / named-graph-uri (``dataset_given``) override FROM entirely.
    """
    if reading is None:
        if not needs_reading(text):
            return False
        reading = read_query(text, base_iri)
    _check_services(reading.services, allowlist)
    froms = reading.from_graphs + reading.from_named
    if not froms or dataset_given:
        return False
    for iri in froms:
        if allowed(iri, allowlist) or (has_graph is not None and has_graph(iri)):
            continue
        raise RefusedError(
            f"FROM <{iri}> names no graph of this store; the endpoint never fetches data "
            "from elsewhere (FEDERATION_ALLOWLIST)"
        )
    return True


def check_update(reading: Reading, allowlist: Sequence[str]) -> None:
    """Refuse LOAD and SERVICE outside the allowlist (RefusedError)."""
    for target in reading.loads:
        if target.iri is None or not allowed(target.iri, allowlist):
            raise RefusedError(
                f"LOAD <{target.iri}> is refused: the server does not fetch URLs or files "
                f"for a client ({_allowlist_state(allowlist)})"
            )
    _check_services(reading.services, allowlist)


def _check_services(services: list[Target], allowlist: Sequence[str]) -> None:
    for target in services:
        if target.iri is None or not allowed(target.iri, allowlist):
            shown = f"<{target.iri}>" if target.iri else "with a variable"
            raise RefusedError(
                f"SERVICE {shown} is refused: this endpoint calls no other service "
                f"({_allowlist_state(allowlist)})"
            )


def _allowlist_state(allowlist: Sequence[str]) -> str:
    if not allowlist:
        return "FEDERATION_ALLOWLIST is empty"
    return "only IRIs under FEDERATION_ALLOWLIST may be reached"
