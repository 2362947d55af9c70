"""schema.org ClaimReview JSON-LD -> Reviews, in every shape publishers write it.

Publishers write one object, a list, an ``@graph``, a ``DataFeed`` of ``dataFeedElement``
items, keys as schema.org terms, ``schema:`` CURIEs or full http/https IRIs, ``@type`` as a
string or a list. Rather than guess each shape, the document goes through a JSON-LD processor
(rdflib's) and the reviews are read from the RDF it yields, where all those shapes are one.

A JSON-LD processor fetches remote contexts, which would let a file make this process open
connections. So before rdflib sees the document every ``@context`` is checked: schema.org's
(``"https://schema.org"`` and its spellings) is replaced by the copy shipped in
``kg/readers/data/schemaorg-context.jsonld`` (its source named inside it); any other remote
context and any ``@import`` is refused with a ReaderError. As a second wall, rdflib's context
cache is replaced by one that refuses every look-up, which is where rdflib goes before fetching.

>>> doc = '''{"@context": "https://schema.org", "@type": "ClaimReview",
...   "claimReviewed": "The moon is made of cheese.", "datePublished": "2024-03-03T10:00:00Z",
...   "author": {"@type": "Organization", "name": "Example Check"},
...   "reviewRating": {"@type": "Rating", "alternateName": "False"}}'''
>>> [(r.claim_reviewed, r.reviewer, r.date_published, r.rating.alternate_name)
...  for r in read_claimreview_json(doc, "x.json")]
[('The moon is made of cheese.', 'Example Check', datetime.date(2024, 3, 3), 'False')]
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.plugins.parsers.jsonld import Parser as JsonLdParser
from rdflib.plugins.shared.jsonld.context import Context
from rdflib.term import Node

from kg.dates import parse_date
from kg.errors import ReaderError
from kg.model import Rating, Review
from kg.nesting import MAX_JSON_DEPTH, json_depth
from kg.readers.decode import decode

__all__ = [
    "SCHEMA_CONTEXTS",
    "RemoteContextRefused",
    "jsonld_graph",
    "load_json",
    "local_contexts",
    "no_fetch_context",
    "read_claimreview_json",
    "reviews_in_graph",
    "schema_context",
]

#: the context values that name schema.org's context; each is read from the shipped copy
SCHEMA_CONTEXTS = frozenset(
    f"{scheme}://schema.org{path}"
    for scheme in ("http", "https")
    for path in ("", "/", "/docs/jsonldcontext.json", "/docs/jsonldcontext.jsonld")
)
_CONTEXT_FILE = Path(__file__).resolve().parent / "data" / "schemaorg-context.jsonld"
_SCHEMA_NAMESPACES = ("https://schema.org/", "http://schema.org/")
#: the base of relative IRIs ("@id": "#review") when the document's own URL is not known;
#: .invalid never resolves (RFC 2606), and no field takes its IRIs for URLs
LOCAL_BASE = "http://document.invalid/"


@cache
def _schema_context_text() -> str:
    return _CONTEXT_FILE.read_text(encoding="utf-8")


def schema_context() -> dict[str, Any]:
    """A fresh copy of schema.org's context (rdflib may change what it is given)."""
    context: dict[str, Any] = json.loads(_schema_context_text())["@context"]
    return context


# --- JSON and contexts (shared with kg.readers.rdf) ---------------------------------------


def load_json(text: str, origin: str) -> Any:
    """The JSON value of ``text``; a ReaderError naming the line and column when it is not
    JSON, or when it nests deeper than the recursive parsers after it can go."""
    depth = json_depth(text.encode("utf-8", "surrogatepass"))
    if depth > MAX_JSON_DEPTH:
        raise ReaderError(origin, f"JSON nested more than {MAX_JSON_DEPTH} levels deep; not read")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReaderError(
            origin, f"not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from None
    except (ValueError, RecursionError) as exc:  # an integer of 5,000 digits, say
        raise ReaderError(origin, f"not valid JSON: {exc}") from None


def local_contexts(value: Any, origin: str) -> Any:
    """``value`` with every schema.org context replaced by the shipped copy; a ReaderError
    for any other remote context or ``@import``, which a JSON-LD processor would fetch."""
    if isinstance(value, list):
        return [local_contexts(item, origin) for item in value]
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            if key == "@import":
                raise ReaderError(
                    origin, f"JSON-LD @import of {item!r} refused: contexts are never fetched"
                )
            out[key] = (
                _context_value(item, origin)
                if key == "@context"
                else (local_contexts(item, origin))
            )
        return out
    return value


def _context_value(value: Any, origin: str) -> Any:
    if isinstance(value, list):
        return [_context_value(item, origin) for item in value]
    if isinstance(value, str):
        if value.strip() in SCHEMA_CONTEXTS:
            return schema_context()
        raise ReaderError(
            origin,
            f"remote JSON-LD context {value[:200]!r} refused: contexts are never fetched, "
            "and only schema.org's is known here",
        )
    return local_contexts(value, origin)


class _NoFetchCache(dict[str, Any]):
    """rdflib looks a remote context up in its cache before fetching it: refuse there too."""

    def __contains__(self, url: object) -> bool:
        raise RemoteContextRefused(str(url))


class RemoteContextRefused(Exception):
    """rdflib was about to fetch ``url``: what :func:`local_contexts` should have refused."""

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.url = url


def no_fetch_context(base: str) -> Context:
    """An rdflib JSON-LD context that raises RemoteContextRefused instead of fetching:
    rdflib's subcontexts share its cache, which it consults before any fetch."""
    context = Context(base=base, version=1.1)
    context._context_cache = _NoFetchCache()
    return context


def jsonld_graph(doc: Any, origin: str) -> Graph:
    """The RDF of a JSON-LD document, its named graphs merged into one graph. Read with
    schema.org's context as the initial context (the JSON-LD API's ``expandContext``) so a
    document that forgot its ``@context`` still means schema.org."""
    doc = local_contexts(doc, origin)
    graph = Graph()
    context = no_fetch_context(origin if _is_web_url(origin) else LOCAL_BASE)
    try:
        context.load(schema_context())
        JsonLdParser().parse(doc, context, graph)
    except RemoteContextRefused as exc:
        raise ReaderError(origin, f"remote JSON-LD context {exc.url!r} refused") from None
    except ReaderError:
        raise
    except Exception as exc:  # rdflib's processor fails on odd input with any exception
        raise ReaderError(origin, f"not valid JSON-LD ({type(exc).__name__}: {exc})") from None
    return graph


# --- RDF -> Review -------------------------------------------------------------------------


def _terms(local: str) -> tuple[URIRef, URIRef]:
    return URIRef(_SCHEMA_NAMESPACES[0] + local), URIRef(_SCHEMA_NAMESPACES[1] + local)


def _values(graph: Graph, node: Node, prop: str) -> list[Node]:
    """The values of schema ``prop`` (either namespace), in a stable order."""
    found: set[Node] = set()
    for term in _terms(prop):
        found.update(graph.objects(node, term))
    return sorted(found, key=lambda n: (isinstance(n, BNode), str(n)))


def _text(graph: Graph, node: Node | None, prop: str) -> str | None:
    """The first non-empty literal of ``prop``: the value as written, whatever its type."""
    if node is None:
        return None
    for value in _values(graph, node, prop):
        if isinstance(value, Literal) and str(value).strip():
            return str(value).strip()
    return None


def _link(graph: Graph, node: Node | None, prop: str) -> str | None:
    """An http(s) URL ``prop`` gives, as an IRI or as a string: a page links it, so never
    ``javascript:`` or ``data:``."""
    if node is None:
        return None
    for value in _values(graph, node, prop):
        if isinstance(value, URIRef | Literal) and _is_web_url(str(value)):
            return str(value).strip()
    return None


def _is_web_url(text: str) -> bool:
    low = text.strip().lower()
    return low.startswith(("http://", "https://")) and not low.startswith(LOCAL_BASE)


def _has_type(graph: Graph, node: Node, local: str) -> bool:
    return any((node, RDF.type, t) in graph for t in _terms(local))


def _name_of(graph: Graph, node: Node, prop: str, prefer: str) -> tuple[str | None, Node | None]:
    """The name of the agent ``prop`` points at (a node with a name, or a bare string),
    preferring a node of type ``prefer``; and that node."""
    best: tuple[str | None, Node | None] = (None, None)
    for value in _values(graph, node, prop):
        if isinstance(value, Literal):
            if best[0] is None and str(value).strip():
                best = (str(value).strip(), None)
            continue
        name = _text(graph, value, "name") or _text(graph, value, "alternateName")
        if name is None:
            continue
        if _has_type(graph, value, prefer):
            return name, value
        if best[0] is None or best[1] is None:
            best = (name, value)
    return best


_ISO_DATE = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})")


def _date(text: str | None) -> date | None:
    """A date or a date-time as the day it names where it was written (no time-zone shift)."""
    if not text:
        return None
    m = _ISO_DATE.match(text)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    return parse_date(text)


def claim_reviews(graph: Graph) -> Iterator[Node]:
    """Every node typed schema:ClaimReview, in either namespace."""
    seen: set[Node] = set()
    for term in _terms("ClaimReview"):
        for node in graph.subjects(RDF.type, term):
            if node not in seen:
                seen.add(node)
                yield node


def _rating(graph: Graph, review: Node) -> Rating | None:
    for node in _values(graph, review, "reviewRating"):
        if isinstance(node, Literal):  # "reviewRating": "False", seen in the wild
            return Rating(alternate_name=str(node).strip() or None) if str(node).strip() else None
        alternate = _text(graph, node, "alternateName")
        name = _text(graph, node, "name")
        rating = Rating(
            alternate_name=alternate or name,
            value=_text(graph, node, "ratingValue"),
            best=_text(graph, node, "bestRating"),
            worst=_text(graph, node, "worstRating"),
            name=name if alternate and name != alternate else None,
        )
        if rating.alternate_name or rating.value:
            return rating
    return None


def review_at(graph: Graph, node: Node, origin: str) -> Review:
    """The Review a ClaimReview node states; a ReaderError naming what it lacks when it has no
    claimReviewed or no rating (a review without either says nothing we can store)."""
    claim = _text(graph, node, "claimReviewed")
    rating = _rating(graph, node)
    missing = [
        what
        for what, value in (("claimReviewed", claim), ("reviewRating", rating))
        if value is None
    ]
    if claim is None or rating is None:
        where = f" {node}" if isinstance(node, URIRef) else ""
        raise ReaderError(
            origin,
            f"ClaimReview{where} has no {' and no '.join(missing)} "
            "(a rating needs a ratingValue, alternateName or name)",
        )
    reviewer, reviewer_node = _name_of(graph, node, "author", "Organization")
    if reviewer is None:
        reviewer, reviewer_node = _name_of(graph, node, "publisher", "Organization")
    items = [v for v in _values(graph, node, "itemReviewed") if not isinstance(v, Literal)]
    item = items[0] if items else None
    claimant = _name_of(graph, item, "author", "Person")[0] if item is not None else None
    claim_literal = next(
        (v for v in _values(graph, node, "claimReviewed") if isinstance(v, Literal)), None
    )
    language = _text(graph, node, "inLanguage") or _language_name(graph, node)
    if language is None and isinstance(claim_literal, Literal) and claim_literal.language:
        language = claim_literal.language
    return Review(
        claim_reviewed=claim,
        rating=rating,
        url=_link(graph, node, "url"),
        reviewer=reviewer,
        reviewer_url=_link(graph, reviewer_node, "url") if reviewer_node is not None else None,
        date_published=_date(_text(graph, node, "datePublished")),
        claimant=claimant,
        claim_date=_date(_text(graph, item, "datePublished")),
        appearance=_appearance(graph, item),
        language=language or "en",
        origin=origin,
    )


def _language_name(graph: Graph, node: Node) -> str | None:
    """``inLanguage`` given as a schema:Language node: its alternateName ("fr") or name."""
    for value in _values(graph, node, "inLanguage"):
        if not isinstance(value, Literal):
            return _text(graph, value, "alternateName") or _text(graph, value, "name")
    return None


def _appearance(graph: Graph, item: Node | None) -> str | None:
    """Where the claim appeared: ``appearance`` (else ``firstAppearance``), a CreativeWork
    with a url, a node whose IRI is the URL, or a plain URL string."""
    if item is None:
        return None
    for prop in ("appearance", "firstAppearance"):
        for value in _values(graph, item, prop):
            if isinstance(value, Literal):
                if _is_web_url(str(value)):
                    return str(value).strip()
                continue
            url = _link(graph, value, "url")
            if url:
                return url
            if isinstance(value, URIRef) and _is_web_url(str(value)):
                return str(value)
    return None


def reviews_in_graph(graph: Graph, origin: str) -> list[Review]:
    """Every ClaimReview of ``graph`` as a Review, sorted by url then claim (RDF has no
    document order); a ReaderError for the first that lacks its claim or its rating."""
    reviews = [review_at(graph, node, origin) for node in claim_reviews(graph)]
    return sorted(reviews, key=lambda r: (r.url or "", r.claim_reviewed))


def read_claimreview_json(data: bytes | str, origin: str) -> list[Review]:
    """The reviews of a ClaimReview JSON-LD file; a ReaderError naming ``origin`` when it is
    not JSON (with line and column), names a remote context, or holds no usable review."""
    text = decode(data, origin) if isinstance(data, bytes) else data
    doc = load_json(text, origin)
    reviews = reviews_in_graph(jsonld_graph(doc, origin), origin)
    if not reviews:
        raise ReaderError(origin, "no schema:ClaimReview found in the JSON-LD")
    return reviews
