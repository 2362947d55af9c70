"""Deterministic ids: the same content always gets the same IRI, so re-ingesting changes nothing.

>>> slug("Pan Zhiping")
'pan-zhiping'
>>> slug("Abu Bakr al-Baghdadi")
'abu-bakr-al-baghdadi'
>>> slug("Société Générale")
'societe-generale'
>>> len(digest("x"))
16
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import URIRef

from kg.model import Article

_NON_WORD = re.compile(r"[^a-z0-9]+")


def digest(*parts: object) -> str:
    """16 hex characters of SHA-1 over the parts (not for security: for stable ids)."""
    h = hashlib.sha1(usedforsecurity=False)
    for part in parts:
        h.update(str(part).encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()[:16]


def slug(label: str) -> str:
    """A readable, IRI-safe id from a name; falls back to a digest for names with no letters."""
    ascii_ = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode("ascii")
    s = _NON_WORD.sub("-", ascii_.lower()).strip("-")
    return s[:80].rstrip("-") or "x-" + digest(label)


def _source_id(url: str | None, text: str) -> str:
    return digest("url", url) if url else digest("text", text)


def local_actor_id(source: str, label: str) -> str:
    """An unnamed actor's id: its description, scoped to the source that describes it."""
    return f"{slug(label)}-{source[:8]}"


def review_id(url: str | None, reviewer: str | None, claim: str, rating: str | None) -> str:
    """A review's id: its URL when it has one (a fact-check page reviews one claim, usually),
    else who reviewed what and how."""
    if url:
        return digest("review", url, claim)
    return digest("review", reviewer, claim, rating)


def link_id(subject: str, target: str) -> str:
    """A link's id within its source graph: one link per node and external entity."""
    return digest("link", subject, target)


def claim_id(source: str, start: int, end: int, speaker_label: str) -> str:
    return digest("claim", source, start, end, speaker_label)


def event_id(source: str, event_type: str, start: int, end: int) -> str:
    return digest("event", source, event_type, start, end)


class IRIs:
    """The IRI scheme (docs/data-model.md) under one base: every instance IRI is made here."""

    def __init__(self, base: str) -> None:
        self.base = base

    def source(self, sid: str) -> URIRef:
        return URIRef(f"{self.base}source/{sid}")

    def graph(self, sid: str) -> URIRef:
        return URIRef(f"{self.base}graph/{sid}")

    def claim(self, cid: str) -> URIRef:
        return URIRef(f"{self.base}claim/{cid}")

    def event(self, eid: str) -> URIRef:
        return URIRef(f"{self.base}event/{eid}")

    def actor(self, label: str, qualifier: str | None = None) -> URIRef:
        """``{base}actor/{slug}``; ``-{qualifier}`` (a Wikidata id) keeps apart an entity that
        shares its name with an actor already linked to another one."""
        tail = f"-{slug(qualifier)}" if qualifier else ""
        return URIRef(f"{self.base}actor/{slug(label)}{tail}")

    def local_actor(self, source: str, label: str) -> URIRef:
        return URIRef(f"{self.base}actor/{local_actor_id(source, label)}")

    def review(self, rid: str) -> URIRef:
        return URIRef(f"{self.base}review/{rid}")

    def place(self, label: str) -> URIRef:
        return URIRef(f"{self.base}place/{slug(label)}")


def source_id(article: Article) -> str:
    return _source_id(article.url, article.text)


def graph_iri(article: Article, base: str) -> str:
    return str(IRIs(base).graph(source_id(article)))


def actor_iri(label: str, base: str) -> str:
    return str(IRIs(base).actor(label))
