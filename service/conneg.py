"""Content negotiation: an Accept header (q-values, wildcards) or a ``format=`` name -> a format.

Offers are listed in the server's order of preference. The winner has the highest q; on a tie
the more specific match (``text/csv`` over ``text/*`` over ``*/*``), then the type the client
listed first, then the server's order. None means nothing fits (the caller answers 406).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from kg.store.base import ResultFormat


@dataclass(frozen=True)
class Offer:
    media_type: str  # the Content-Type we answer with
    names: tuple[str, ...]  # values of format= that choose it
    aliases: tuple[str, ...] = ()  # other media types in Accept that choose it
    fmt: ResultFormat | None = None  # None: an HTML page

    @property
    def content_type(self) -> str:
        if self.media_type.startswith("text/") or self.media_type.endswith(("+json", "+xml")):
            return f"{self.media_type}; charset=utf-8"
        return self.media_type


def _offer(fmt: ResultFormat, names: tuple[str, ...], aliases: tuple[str, ...] = ()) -> Offer:
    return Offer(fmt.value, names + (fmt.value,), aliases, fmt)


RESULTS: tuple[Offer, ...] = (
    _offer(ResultFormat.SPARQL_JSON, ("json", "srj"), ("application/json",)),
    _offer(ResultFormat.SPARQL_XML, ("xml", "srx"), ("application/xml", "text/xml")),
    _offer(ResultFormat.CSV, ("csv",)),
    _offer(ResultFormat.TSV, ("tsv",)),
)
GRAPHS: tuple[Offer, ...] = (
    _offer(ResultFormat.TURTLE, ("turtle", "ttl"), ("application/x-turtle",)),
    _offer(ResultFormat.NTRIPLES, ("ntriples", "n-triples", "nt"), ("text/plain",)),
    _offer(ResultFormat.JSONLD, ("jsonld", "json-ld", "json"), ("application/json",)),
    _offer(ResultFormat.RDFXML, ("rdfxml", "rdf", "xml"), ("application/xml", "text/xml")),
    _offer(ResultFormat.TRIG, ("trig",)),
    _offer(ResultFormat.NQUADS, ("nquads", "n-quads", "nq")),
)
HTML = Offer("text/html", ("html",), ("application/xhtml+xml",))

Range = tuple[str, str, float, int]  # type, subtype, q, position in the header


@lru_cache(maxsize=256)
def parse_accept(header: str) -> tuple[Range, ...]:
    """The media ranges of an Accept header; malformed parts are skipped, not fatal."""
    ranges: list[Range] = []
    for position, part in enumerate(header.split(",")):
        fields = part.split(";")
        media = fields[0].strip().lower()
        if media == "*":  # some clients send a bare '*'
            media = "*/*"
        main, slash, sub = media.partition("/")
        if not slash or not main or not sub:
            continue
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(value.strip()), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        ranges.append((main, sub, q, position))
    return tuple(ranges)


def _match(media_type: str, ranges: Sequence[Range]) -> tuple[float, int, int] | None:
    """(q, specificity, -position) of the most specific range that covers ``media_type``."""
    main, _, sub = media_type.partition("/")
    best: tuple[int, float, int] | None = None
    for r_main, r_sub, q, position in ranges:
        if r_main == main and r_sub == sub:
            specificity = 2
        elif r_main == main and r_sub == "*":
            specificity = 1
        elif r_main == "*" and r_sub == "*":
            specificity = 0
        else:
            continue
        if best is None or specificity > best[0]:
            best = (specificity, q, position)
    if best is None:
        return None
    return (best[1], best[0], -best[2])


@lru_cache(maxsize=1024)
def negotiate(accept: str | None, offers: tuple[Offer, ...]) -> Offer | None:
    """The offer the Accept header prefers; the first offer when there is no header."""
    if not accept or not accept.strip():
        return offers[0] if offers else None
    ranges = parse_accept(accept)
    if not ranges:
        return offers[0] if offers else None
    best: tuple[tuple[float, int, int, int], Offer] | None = None
    for index, offer in enumerate(offers):
        scores = [m for m in [_match(offer.media_type, ranges)] if m]
        # an alias counts only when named: a wildcard speaks for the main type alone
        scores += [m for t in offer.aliases if (m := _match(t, ranges)) and m[1] == 2]
        if not scores:
            continue
        q, specificity, position = max(scores)
        if q <= 0:
            continue
        key = (q, specificity, position, -index)
        if best is None or key > best[0]:
            best = (key, offer)
    return best[1] if best else None


def by_name(name: str, offers: Sequence[Offer]) -> Offer | None:
    """The offer a ``format=`` value names (a short name or a media type)."""
    wanted = name.strip().lower()
    for offer in offers:
        if wanted in offer.names or wanted == offer.media_type or wanted in offer.aliases:
            return offer
    return None


def known_names(offers: Sequence[Offer]) -> list[str]:
    return sorted({n for o in offers for n in o.names if "/" not in n})


def not_acceptable(what: str, accept: str | None) -> str:
    """The detail of a 406: what could not be given, what was asked, what is offered."""
    results = ", ".join(o.media_type for o in RESULTS)
    graphs = ", ".join(o.media_type for o in GRAPHS)
    return (
        f"{what} cannot be given in any type the request accepts ({accept or ''!r}); "
        f"results: {results}; graphs: {graphs}; or text/html"
    )
