"""Which reader an input needs: by media type, then by suffix, then by its content.

A declared media type or suffix names the family (text, HTML, JSON, an RDF syntax); within
HTML and JSON the content decides between a news article and fact-check data, since a
fact-check page is HTML like any other and ClaimReview JSON-LD is JSON-LD like any other.

>>> sniff(b'{"@context": "https://schema.org", "@type": ["ClaimReview"]}', "x", None)
'claimreview-json'
>>> sniff(b"@prefix s: <https://schema.org/> .", "upload", None)
'rdf:turtle'
>>> sniff(b"<html><body><p>Hello</p></body></html>", "page.htm", None)
'html'
"""

from __future__ import annotations

import json
import re
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlsplit

import pyoxigraph as ox

from kg.errors import ReaderError
from kg.nesting import MAX_JSON_DEPTH, json_depth
from kg.readers.claimreview_html import ld_json_blocks, parse_html
from kg.readers.decode import decode

__all__ = ["KINDS", "sniff"]

KINDS = (
    "text",
    "html",
    "claimreview-json",
    "claimreview-html",
    "rdf:turtle",
    "rdf:trig",
    "rdf:n-quads",
    "rdf:n-triples",
    "rdf:json-ld",
)
_MEDIA_TYPES = {
    "text/plain": "text",
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/ld+json": "json",
    "application/json": "json",
    "text/turtle": "rdf:turtle",
    "application/trig": "rdf:trig",
    "application/n-quads": "rdf:n-quads",
    "application/n-triples": "rdf:n-triples",
}
_SUFFIXES = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".jsonld": "json",
    ".ttl": "rdf:turtle",
    ".trig": "rdf:trig",
    ".nq": "rdf:n-quads",
    ".nt": "rdf:n-triples",
}
_FACT_CHECK_TYPES = {"ClaimReview", "DataFeed"}
_CLAIMREVIEW_WORD = re.compile(r"[\"'/:]ClaimReview[\"']")
# [ \t]* rather than \s*: a \s* after ^ in MULTILINE mode rescans runs of blank lines
_TURTLE_START = re.compile(r"^[ \t]*(?:@prefix|@base|PREFIX|BASE)\b", re.I | re.M)
_TRIG_GRAPH = re.compile(
    r"^[ \t]*(?:GRAPH[ \t]+)?(?:<[^>\s]*>|[A-Za-z][\w.-]*:[\w.-]*|:[\w.-]*|_:[\w.-]+)?[ \t]*\{",
    re.M,
)
_HTML_TAG = re.compile(r"<(?:!doctype\s+html|html|head|body)\b", re.I)


def sniff(data: bytes, origin: str, media_type: str | None) -> str:
    """One of :data:`KINDS`: the reader ``data`` needs. A ReaderError when the media type is
    one no reader takes, or the bytes are not text."""
    kind = (media_type or "").split(";")[0].strip().lower()
    family = _MEDIA_TYPES.get(kind)
    if kind and family is None and kind != "application/octet-stream":
        raise ReaderError(origin, f"unsupported media type {kind!r}")
    if family is None:
        family = _SUFFIXES.get(_suffix(origin))
    if family is not None and (family.startswith("rdf:") or family == "text"):
        return family
    text = decode(data, origin)
    if family == "html":
        return "claimreview-html" if _has_claimreview_markup(text) else "html"
    if family == "json":
        return _json_kind(text)
    return _by_content(text)


def _suffix(origin: str) -> str:
    path = urlsplit(origin).path if "://" in origin else origin
    return PurePosixPath(path.replace("\\", "/")).suffix.lower()


def _by_content(text: str) -> str:
    head = text.lstrip("\ufeff \t\r\n")
    if head.startswith(("{", "[")):
        return _json_kind(text)
    if _starts_as_html(head):
        return "claimreview-html" if _has_claimreview_markup(text) else "html"
    if _TURTLE_START.search(text[:20_000]):
        return "rdf:trig" if _TRIG_GRAPH.search(text) else "rdf:turtle"
    lines = _statement_lines(text)
    if lines:
        for kind, fmt in (("rdf:n-triples", ox.RdfFormat.N_TRIPLES),
                          ("rdf:n-quads", ox.RdfFormat.N_QUADS)):  # fmt: skip
            if _parses(lines, fmt):
                return kind
        if _parses(lines, ox.RdfFormat.TURTLE):
            return "rdf:turtle"
    if head.startswith("<") and re.match(r"<[A-Za-z!]", head):
        return "claimreview-html" if _has_claimreview_markup(text) else "html"
    return "text"


def _starts_as_html(head: str) -> bool:
    """A doctype, ``<html>``, ``<head>`` or ``<body>`` first, after any comments."""
    head = head[:4096]
    while head.startswith("<!--"):
        end = head.find("-->")
        if end < 0:
            return False
        head = head[end + 3 :].lstrip()
    return bool(_HTML_TAG.match(head)) or head.lower().startswith("<script")


def _has_claimreview_markup(text: str) -> bool:
    """An ld+json block naming ClaimReview, or a microdata item of that type. Read with lxml,
    which is linear, where regular expressions over hostile markup can go quadratic."""
    if "ClaimReview" not in text:
        return False
    try:
        root = parse_html(text, "sniff")
    except ReaderError:  # a DOCTYPE with entities: the ClaimReview reader says why
        return True
    if any(_CLAIMREVIEW_WORD.search(block) for _, _, block in ld_json_blocks(root)):
        return True
    return any(
        "schema.org/ClaimReview" in (el.get("itemtype") or "")
        for el in root.iter()
        if isinstance(el.tag, str) and "itemtype" in el.attrib
    )


def _json_kind(text: str) -> str:
    """ClaimReview data when the types include ClaimReview or DataFeed; other JSON-LD is
    RDF. JSON that does not parse goes where its words point, for that reader's message."""
    doc: Any = None
    if json_depth(text.encode("utf-8", "replace")) <= MAX_JSON_DEPTH:
        try:
            doc = json.loads(text)
        except (ValueError, RecursionError):
            doc = None
    if doc is None:
        return "claimreview-json" if _CLAIMREVIEW_WORD.search(text) else "rdf:json-ld"
    return "claimreview-json" if _types(doc) & _FACT_CHECK_TYPES else "rdf:json-ld"


def _types(doc: Any) -> set[str]:
    """The local names of every ``@type`` (or schema.org's alias ``type``) in ``doc``."""
    found: set[str] = set()
    stack = [doc]
    while stack:
        value = stack.pop()
        if isinstance(value, list):
            stack.extend(value)
        elif isinstance(value, dict):
            for key, item in value.items():
                if key in ("@type", "type"):
                    for name in item if isinstance(item, list) else [item]:
                        if isinstance(name, str):
                            found.add(re.split(r"[/#:]", name)[-1])
                elif key != "@context":
                    stack.append(item)
    return found


def _statement_lines(text: str, limit: int = 20) -> bytes:
    """The first lines that are neither blank nor comments, for a trial parse."""
    kept: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            kept.append(stripped)
            if len(kept) >= limit:
                break
    return "\n".join(kept).encode("utf-8", "replace")


def _parses(data: bytes, fmt: ox.RdfFormat) -> bool:
    try:
        for _ in ox.parse(data, fmt):
            pass
    except (SyntaxError, ValueError):
        return False
    return True
