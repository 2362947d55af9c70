"""Synthetic articles as kg.model Extractions, converted by the real kg.convert.

Every claim's span and quote span are real offsets into the article text the generator
writes, so pages can highlight them. Speakers, publishers and dates repeat across articles so
facets have something to count; ``PROLIFIC`` speaks in every article.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta

from rdflib import Graph

from kg.convert import Provenance, to_graph
from kg.model import (
    Actor,
    ActorKind,
    Article,
    Block,
    BlockKind,
    Claim,
    Event,
    EventRole,
    EventType,
    Extraction,
    Span,
)

PROVENANCE = Provenance("0.1.0", "synthetic")
PROLIFIC = "Amara Okafor"
SPEAKERS = [
    (PROLIFIC, ActorKind.PERSON, "the interior minister"),
    ("Jonas Lindqvist", ActorKind.PERSON, "a spokesman for the coalition"),
    ("Mei Chen", ActorKind.PERSON, "a researcher at the Lowy Institute"),
    ("Human Rights Watch", ActorKind.ORGANIZATION, "a rights group"),
    ("Government of Kenya", ActorKind.GOVERNMENT, "officials in Nairobi"),
    ("Priya Raman", ActorKind.PERSON, "the opposition leader"),
]
PUBLISHERS = ["Daily Planet", "The Observer Post", "Harbour Times"]
TOPICS = ["taxes", "the harbour bridge", "fuel prices", "the border", "school meals", "the census"]
PLACES = ["Lagos", "Nairobi", "Jakarta", "Lima"]
WORDS = ["rise", "fall", "stall", "double", "halve", "vanish"]


def quoted(text: str, quote: str, label: str, role: str, speaker: str) -> tuple[str, Span, Claim]:
    """``text`` with a paragraph in which ``label`` says ``quote`` appended, the span of the
    name in it, and the claim (about event "e1")."""
    para = f'"{quote}," {label}, {role}, said on Tuesday.'
    start = len(text)
    at = start + para.index(label)
    claim = Claim(
        text=quote,
        speaker=speaker,
        verb="say",
        span=Span(start, start + len(para)),
        quote=quote,
        quote_span=Span(start + 1, start + 1 + len(quote)),
        about=["e1"],
    )
    return text + para + "\n", Span(at, at + len(label)), claim


def article_extraction(i: int, claims_per_article: int = 4) -> Extraction:
    """Article ``i``: a headline, then one paragraph per claim, one arrest event."""
    rng = random.Random(i)
    lines = [f"Row over {TOPICS[i % len(TOPICS)]} deepens (report {i})"]
    actors: dict[str, Actor] = {}
    claims: list[Claim] = []
    text = lines[0] + "\n"

    def actor(label: str, kind: ActorKind, role: str) -> Actor:
        if label not in actors:
            actors[label] = Actor(f"a{len(actors)}", label, kind, roles=[role])
        return actors[label]

    event_span: Span | None = None
    for k in range(claims_per_article):
        label, kind, role = SPEAKERS[0] if k == 0 else rng.choice(SPEAKERS)
        speaker = actor(label, kind, role)
        topic = rng.choice(TOPICS)
        quote = f"{topic.capitalize()} will {rng.choice(WORDS)} by {2020 + i % 7}, case {i}-{k}"
        text, mention, claim = quoted(text, quote, label, role, speaker.key)
        speaker.mentions.append(mention)
        claims.append(claim)
    police = actor("Police", ActorKind.GROUP, "police")
    arrest = f"Police arrested {i % 9 + 2} protesters in {PLACES[i % len(PLACES)]}."
    start = len(text)
    text += arrest + "\n"
    event_span = Span(start + arrest.index("arrested"), start + arrest.index("arrested") + 8)
    published = date(2021, 1, 1) + timedelta(days=i % 900)
    article = Article(
        text=text,
        title=lines[0],
        blocks=[Block(Span(0, len(lines[0])), BlockKind.HEADLINE)],
        url=f"https://news.example/{i}",
        publisher=PUBLISHERS[i % len(PUBLISHERS)],
        published=published,
        authors=[],
    )
    events = [
        Event(
            "e1",
            EventType.ARREST,
            f"arrest of protesters in {PLACES[i % len(PLACES)]} ({i})",
            event_span,
            participants=[police.key],
            roles={police.key: EventRole.AGENT},
            place=PLACES[i % len(PLACES)],
            time_text="on Tuesday",
        )
    ]
    return Extraction(article, claims, list(actors.values()), events)


def graphs(base: str, n_articles: int, claims_per_article: int = 4) -> Iterator[tuple[str, Graph]]:
    for i in range(n_articles):
        yield to_graph(article_extraction(i, claims_per_article), base, PROVENANCE)


HOSTILE_QUOTE = '<script>alert("quote")</script><img src=x onerror="alert(1)"> taxes'
HOSTILE_SPEAKER = "Eve <b>Bold</b> & Co"


def hostile_extraction() -> Extraction:
    """An article whose headline, quote and speaker name carry HTML and script markup."""
    title = '<script>alert("headline")</script>Markup <i>test</i>'
    para = f'"{HOSTILE_QUOTE}," {HOSTILE_SPEAKER} said.'
    text = title + "\n" + para + "\n"
    start = len(title) + 1
    speaker = Actor(
        "a0",
        HOSTILE_SPEAKER,
        ActorKind.PERSON,
        roles=['<svg onload="alert(3)">'],
        mentions=[
            Span(start + para.index("Eve"), start + para.index("Eve") + len(HOSTILE_SPEAKER))
        ],
    )
    claim = Claim(
        text=HOSTILE_QUOTE,
        speaker="a0",
        verb="say",
        span=Span(start, start + len(para)),
        quote=HOSTILE_QUOTE,
        quote_span=Span(start + 1, start + 1 + len(HOSTILE_QUOTE)),
    )
    article = Article(
        text=text,
        title=title,
        blocks=[Block(Span(0, len(title)), BlockKind.HEADLINE)],
        url="https://evil.example/a",
        publisher="Evil <Press>",
        published=date(2024, 2, 2),
    )
    return Extraction(article, [claim], [speaker], [])
