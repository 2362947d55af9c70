"""ClaimReviews embedded in fact-check pages: ``application/ld+json`` blocks and microdata.

Pages carry several ld+json blocks (the article, breadcrumbs, the organisation) and the review
may be in any of them, or in microdata instead. Each block is read alone, so one broken block
(hand-edited templates often leave a trailing comma) does not cost the page its review; it is
named only when nothing usable is found. Microdata items are turned into the JSON-LD they
mean and read by the same code as the JSON reader (kg.readers.claimreview), so both forms give
the same Review.

The page is parsed with lxml's HTML parser with no network; a DOCTYPE with an internal subset
(where entities are declared: the billion laughs, an external entity naming a local file) is
refused before parsing, as HTML never needs one.
"""

from __future__ import annotations

from typing import Any

from lxml import etree  # type: ignore[import-untyped]  # no stubs installed

from kg.errors import ReaderError
from kg.model import Review
from kg.readers.claimreview import (
    claim_reviews,
    jsonld_graph,
    load_json,
    review_at,
)

__all__ = ["ld_json_blocks", "microdata_items", "parse_html", "reviews_in_html"]

#: microdata items nested deeper than this are left out (real pages nest 3 or 4)
MAX_ITEM_DEPTH = 32
_SRC = {"audio", "embed", "iframe", "img", "source", "track", "video"}
_HREF = {"a", "area", "link"}
_LD_JSON = "application/ld+json"


def reviews_in_html(html: str, origin: str) -> list[Review]:
    """Every ClaimReview of the page, from its ld+json blocks and its microdata; a
    ReaderError when there is none, naming the broken or incomplete blocks if any."""
    root = parse_html(html, origin)
    reviews: list[Review] = []
    problems: list[str] = []
    for number, line, text in ld_json_blocks(root):
        where = f"ld+json block {number} (line {line})"
        try:
            graph = jsonld_graph(load_json(text, origin), origin)
        except ReaderError as exc:
            problems.append(f"{where}: {exc.problem}")
            continue
        _collect(graph, origin, where, reviews, problems)
    items = microdata_items(root)
    if items:
        try:
            graph = jsonld_graph(items, origin)
        except ReaderError as exc:
            problems.append(f"microdata: {exc.problem}")
        else:
            _collect(graph, origin, "microdata", reviews, problems)
    if not reviews:
        detail = "; ".join(problems[:5])
        raise ReaderError(
            origin,
            "no usable schema:ClaimReview in the page" + (f" ({detail})" if detail else ""),
        )
    unique: list[Review] = []
    for review in reviews:  # the same review in ld+json and in microdata counts once
        if review not in unique:
            unique.append(review)
    return unique


def _collect(
    graph: Any, origin: str, where: str, reviews: list[Review], problems: list[str]
) -> None:
    found = [node for node in claim_reviews(graph)]
    batch: list[Review] = []
    for node in found:
        try:
            batch.append(review_at(graph, node, origin))
        except ReaderError as exc:
            problems.append(f"{where}: {exc.problem}")
    reviews.extend(sorted(batch, key=lambda r: (r.url or "", r.claim_reviewed)))


def parse_html(html: str, origin: str) -> etree._Element:
    """The page's element tree: no network, no processing instructions, no internal subset."""
    _refuse_internal_subset(html, origin)
    parser = etree.HTMLParser(
        no_network=True, remove_pis=True, remove_comments=True, huge_tree=False, encoding="utf-8"
    )
    try:
        root = etree.fromstring(html.encode("utf-8", "replace"), parser)
    except etree.LxmlError as exc:
        raise ReaderError(origin, f"not readable as HTML ({exc})") from None
    if root is None:
        raise ReaderError(origin, "no HTML elements in the page")
    return root


def _refuse_internal_subset(html: str, origin: str) -> None:
    """A ``<!DOCTYPE ... [`` declares entities; one linear pass finds it."""
    low = html.lower()
    start = low.find("<!doctype")
    while start >= 0:
        end = low.find(">", start)
        bracket = low.find("[", start, end if end >= 0 else len(low))
        if bracket >= 0:
            raise ReaderError(
                origin,
                "DOCTYPE with an internal subset (entity declarations) refused; "
                "HTML needs none and entities are never resolved",
            )
        if end < 0:
            return
        start = low.find("<!doctype", end)


def ld_json_blocks(root: etree._Element) -> list[tuple[int, int, str]]:
    """(number, line, text) of each ``<script type="application/ld+json">`` of the page."""
    blocks: list[tuple[int, int, str]] = []
    for script in root.iter("script"):
        kind = (script.get("type") or "").split(";")[0].strip().lower()
        if kind != _LD_JSON:
            continue
        text = script.text or ""
        if text.strip():
            blocks.append((len(blocks) + 1, script.sourceline or 0, text))
    return blocks


# --- microdata (the WHATWG HTML algorithm) -------------------------------------------------


def microdata_items(root: etree._Element) -> list[dict[str, Any]]:
    """The page's top-level microdata items (``itemscope`` without ``itemprop``) as
    JSON-LD node objects with full property IRIs."""
    elements = [el for el in root.iter() if isinstance(el.tag, str)]
    order = {el: i for i, el in enumerate(elements)}
    by_id = {el.get("id"): el for el in elements if el.get("id")}
    return [
        _item(el, "", order, by_id, frozenset())
        for el in elements
        if "itemscope" in el.attrib and "itemprop" not in el.attrib
    ]


def _vocabulary(item_type: str) -> str:
    """The vocabulary a type's bare property names belong to: schema.org's for its types,
    else the type's IRI up to its last ``#`` or ``/``."""
    cut = max(item_type.rfind("#"), item_type.rfind("/"))
    return item_type[: cut + 1] if cut >= 0 else ""


def _item(
    element: etree._Element,
    vocabulary: str,
    order: dict[etree._Element, int],
    by_id: dict[str | None, etree._Element],
    chain: frozenset[etree._Element],
) -> dict[str, Any]:
    types = [t for t in (element.get("itemtype") or "").split() if ":" in t]
    if types:
        vocabulary = _vocabulary(types[0])
    node: dict[str, Any] = {}
    if types:
        node["@type"] = types
    item_id = (element.get("itemid") or "").strip()
    if item_id:
        node["@id"] = item_id
    chain = chain | {element}
    for prop in _properties(element, order, by_id):
        value = _value(prop, vocabulary, order, by_id, chain)
        if value is None:
            continue
        for name in (prop.get("itemprop") or "").split():
            key = name if ":" in name else (vocabulary + name if vocabulary else "")
            if key:
                node.setdefault(key, []).append(value)
    return node


def _properties(
    item: etree._Element,
    order: dict[etree._Element, int],
    by_id: dict[str | None, etree._Element],
) -> list[etree._Element]:
    """The elements carrying the item's properties: its descendants and those of its
    ``itemref`` elements, not looking inside nested items; each element once (no loops)."""
    pending = [c for c in item if isinstance(c.tag, str)]
    pending += [by_id[i] for i in (item.get("itemref") or "").split() if i in by_id]
    seen = {item}
    found: list[etree._Element] = []
    while pending:
        el = pending.pop()
        if el in seen:
            continue
        seen.add(el)
        if "itemprop" in el.attrib:
            found.append(el)
        if "itemscope" not in el.attrib:
            pending.extend(c for c in el if isinstance(c.tag, str))
    return sorted(found, key=lambda el: order.get(el, 0))


def _value(
    el: etree._Element,
    vocabulary: str,
    order: dict[etree._Element, int],
    by_id: dict[str | None, etree._Element],
    chain: frozenset[etree._Element],
) -> Any:
    """A property's value by the element that carries it: a nested item, an attribute
    (content, src, href, data, value, datetime) or the text."""
    tag = str(el.tag).lower()
    if "itemscope" in el.attrib:
        if el in chain or len(chain) >= MAX_ITEM_DEPTH:
            return None
        return _item(el, vocabulary, order, by_id, chain)
    if tag == "meta":
        return (el.get("content") or "").strip()
    if tag in _SRC:
        return _url(el.get("src"))
    if tag in _HREF:
        return _url(el.get("href"))
    if tag == "object":
        return _url(el.get("data"))
    if tag in ("data", "meter"):
        return (el.get("value") or "").strip()
    if tag == "time" and el.get("datetime"):
        return (el.get("datetime") or "").strip()
    return " ".join("".join(el.itertext()).split())


def _url(value: str | None) -> Any:
    """An http(s) URL as an IRI; anything else (relative, ``javascript:``) as a string."""
    text = (value or "").strip()
    if text.lower().startswith(("http://", "https://")) and not any(
        c in text for c in ' <>"{}|\\^`'
    ):
        return {"@id": text}
    return text
