"""The JSON shape of ``factkg extract FILE --json``: the contract the README's command table
states (``source``, ``claims``, ``actors``, ``events``); its fields are those of the claims,
actors and events of docs/data-model.md.

Offsets are character offsets into the text the reader produced (``source.text`` is not
repeated; ``start``/``end`` index the file's text with newlines normalised).
"""

from __future__ import annotations

from typing import Any

from kg.model import Actor, Extraction, Span


def extraction_to_dict(extraction: Extraction) -> dict[str, Any]:
    article = extraction.article
    actors = {a.key: a for a in extraction.actors}
    events = {e.key: e for e in extraction.events}

    def ref(key: str | None) -> dict[str, str] | None:
        if key is None:
            return None
        actor = actors[key]
        return {"label": actor.label, "type": actor.kind.value}

    return {
        "source": {
            "title": article.title,
            "url": article.url,
            "publisher": article.publisher,
            "published": article.published.isoformat() if article.published else None,
            "authors": list(article.authors),
            "language": article.language,
        },
        "claims": [
            {
                "text": c.text,
                "speaker": ref(c.speaker),
                "verb": c.verb,
                "verb_text": c.verb_text,
                "quote": c.quote,
                "start": c.span.start,
                "end": c.span.end,
                "quote_start": c.quote_span.start if c.quote_span else None,
                "quote_end": c.quote_span.end if c.quote_span else None,
                "relayed_by": ref(c.relayed_by),
                "in_headline": c.in_headline,
                "about": [events[k].label for k in c.about],
                "mentions": [actors[k].label for k in c.mentions],
            }
            for c in extraction.claims
        ],
        "actors": [_actor(a) for a in extraction.actors],
        "events": [
            {
                "label": e.label,
                "type": e.type.value,
                "start": e.span.start,
                "end": e.span.end,
                "participants": [actors[k].label for k in e.participants],
                "roles": [
                    {"actor": actors[k].label, "role": e.roles[k].value}
                    for k in e.participants
                    if k in e.roles
                ],
                "place": e.place,
                "time_text": e.time_text,
                "time": e.time.isoformat() if e.time else None,
                "time_precision": e.time_precision,
            }
            for e in extraction.events
        ],
    }


def _actor(a: Actor) -> dict[str, Any]:
    return {
        "label": a.label,
        "type": a.kind.value,
        "roles": list(a.roles),
        "aliases": list(a.aliases),
        "country": a.country,
        "mentions": [_span(m) for m in a.mentions],
    }


def _span(span: Span) -> list[int]:
    return [span.start, span.end]
