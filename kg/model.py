"""Plain data passed along the pipeline: reader -> extractor -> linker -> converter.

No rdflib here. Offsets are character offsets into ``Article.text`` (Python ``str``
indices, i.e. code points), half-open ``[start, end)``.

Ids are not assigned here; :mod:`kg.ids` derives them from content so that
ingesting the same article twice produces the same IRIs.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` into an article's text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span [{self.start}, {self.end})")

    def text(self, source: str) -> str:
        return source[self.start : self.end]

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


class BlockKind(enum.StrEnum):
    """What a line/paragraph of an article is; only BODY (and HEADLINE) carry claims."""

    HEADLINE = "headline"
    BODY = "body"
    DATELINE = "dateline"  # "17 May, 2019", "2 min read"
    BYLINE = "byline"  # "By Jane Doe"
    CAPTION = "caption"  # "... [Getty]"
    COPYRIGHT = "copyright"  # "(c) Copyright IBTimes 2024. All rights reserved."
    BOILERPLATE = "boilerplate"  # "Follow us on Twitter", "Read more", repeated headline


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph (or line) of the article text and what the reader took it to be."""

    span: Span
    kind: BlockKind


@dataclass(slots=True)
class Article:
    """A news article as a reader produced it: text plus metadata."""

    text: str
    title: str
    blocks: list[Block]
    url: str | None = None
    publisher: str | None = None
    published: date | None = None
    authors: list[str] = field(default_factory=list)
    language: str = "en"
    origin: str | None = None  # the file or upload it was read from, for messages

    def body_blocks(self) -> list[Block]:
        return [b for b in self.blocks if b.kind in (BlockKind.BODY, BlockKind.HEADLINE)]


@dataclass(frozen=True, slots=True)
class Link:
    """A linker's judgement that one of our nodes is an entity of an external dataset."""

    target: str  # http://www.wikidata.org/entity/Q148, http://sws.geonames.org/1814991/
    score: float  # 0..1: how well the entity fits the name and the article's context
    linker: str  # which linker and rule version made it: "wikidata/1", "geonames/1"
    label: str | None = None  # the entity's English name there, shown on pages
    description: str | None = None  # its English description there ("country in East Asia")
    # a few statements of the entity kept for local queries: (property IRI, value IRI),
    # e.g. (wdt:P463, wd:Q7184) "member of NATO"; empty for GeoNames
    facts: tuple[tuple[str, str], ...] = ()


class ActorKind(enum.StrEnum):
    PERSON = "person"
    ORGANIZATION = "organization"
    GOVERNMENT = "government"  # "Beijing claims..." -> the government of China
    COUNTRY = "country"
    GROUP = "group"  # vague collectives: "rights groups", "officials", "diplomats"


@dataclass(slots=True)
class Actor:
    """Someone who can make, relay or be the subject of a claim.

    ``key`` is the extractor's local handle, unique within one Extraction; the
    converter derives the IRI from ``label`` and ``kind`` (see kg.ids.actor_id).
    """

    key: str
    label: str
    kind: ActorKind
    roles: list[str] = field(default_factory=list)  # "a former head of Central Asia studies at ..."
    aliases: list[str] = field(default_factory=list)  # other surface forms: "Beijing", "he"
    mentions: list[Span] = field(default_factory=list)
    country: str | None = None  # for GOVERNMENT: label of the country it governs
    # known only by a description in this article ("a former minister", "officials"): not
    # the same actor as another article's "officials", so its IRI is the source's own
    local: bool = False
    # what the linkers found it to be in Wikidata / GeoNames (kg.link); set before conversion
    links: list[Link] = field(default_factory=list)
    # set when another entity of the same name is already stored: its IRI is then
    # {base}actor/{slug}-{qualifier} (a Wikidata id, lower case), so the two stay apart
    qualifier: str | None = None


class EventType(enum.StrEnum):
    ARREST = "arrest"
    DETENTION = "detention"
    ATTACK = "attack"
    PROTEST = "protest"
    MEETING = "meeting"
    VOTE = "vote"
    STATEMENT = "statement"  # a statement at a body, e.g. the UN Human Rights Council
    ELECTION = "election"
    CONFLICT = "conflict"
    OTHER = "other"


class EventRole(enum.StrEnum):
    """The part a participant takes in an event (the sem:roleType of its sem:Role)."""

    AGENT = "agent"  # who acted: the police who arrested, the protesters, who made a statement
    PATIENT = "patient"  # who was acted upon: the arrested, the attacked, the criticised
    ADDRESSEE = "addressee"  # whom a statement was made to or at: "told reporters", "at the UN"


@dataclass(slots=True)
class Event:
    key: str
    type: EventType
    # a short description from the roles, place and time, e.g. "arrest of four Chinese
    # nationals in Indonesia", "arrest of a senior ELN financier by police in Cúcuta"
    label: str
    span: Span  # the trigger phrase or the sentence mentioning it
    participants: list[str] = field(default_factory=list)  # Actor keys
    roles: dict[str, EventRole] = field(default_factory=dict)  # each participant's role
    place: str | None = None  # place name as written ("Indonesia")
    time_text: str | None = None  # as written: "in February", "earlier this year"
    time: date | None = None  # resolved against Article.published when possible
    time_precision: str | None = None  # "day" | "month" | "year"


@dataclass(frozen=True, slots=True)
class Cue:
    """Where the extractor found a claim: what the speaker ranker (kg.extract.speaker_ranker)
    reads besides the registry's mentions. Offsets into the article text."""

    verb: int  # the reporting verb (or the attribution an orphan quotation took), -1 if none
    content: Span  # the words reported
    sentence: Span  # the sentence of the verb (of the quotation, when there is no verb)
    block: int  # start of the paragraph
    pronoun: str  # the rules' speaker when it is a pronoun ("she" in "she said"), else ""
    orphan: bool  # a quotation with no verb of its own, given a neighbour's speaker


@dataclass(slots=True)
class Claim:
    """An attributed statement: ``speaker`` said ``text`` (possibly in the words ``quote``)."""

    text: str  # the content of the claim, as the article gives it
    speaker: str  # Actor key of the claimant
    verb: str  # reporting verb lemma: "say", "claim", "quote", "according to"
    span: Span  # the whole attributed statement in the article text
    quote: str | None = None  # verbatim quoted words, if the claim is a direct quote
    quote_span: Span | None = None
    relayed_by: str | None = None  # Actor key of an intermediary ("quoted ... by the Global Times")
    about: list[str] = field(default_factory=list)  # Event keys the claim is about
    mentions: list[str] = field(default_factory=list)  # Actor keys mentioned in the content
    in_headline: bool = False
    # the reporting verb as the article writes it, with its auxiliaries and whom it was said
    # to: "told reporters", "was quoted as saying", "has denied" (``verb`` is its lemma)
    verb_text: str | None = None
    cue: Cue | None = None  # where it was found (not kept in the graph)
    # which part of the extractor chose the speaker: "rules", or "model" when the trained
    # speaker ranker overrode them (kg.extract.speaker_ranker)
    speaker_by: str = "rules"


class Verdict(enum.StrEnum):
    """A fact-checker's rating brought to one scale (the SKOS crosswalk in the ontology)."""

    TRUE = "true"
    MOSTLY_TRUE = "mostly true"
    MIXTURE = "mixture"
    MOSTLY_FALSE = "mostly false"
    FALSE = "false"
    OTHER = "other"  # satire, unproven, no evidence, "missing context", a label not known


@dataclass(slots=True)
class Rating:
    """schema:reviewRating as the fact-checker gave it."""

    alternate_name: str | None = None  # the label shown to readers: "Pants on Fire", "Faux"
    value: str | None = None  # ratingValue, as written ("1", "2.5")
    best: str | None = None  # bestRating
    worst: str | None = None  # worstRating
    name: str | None = None  # name, when it differs from alternateName


@dataclass(slots=True)
class Review:
    """One schema:ClaimReview: a fact-checker's verdict on a claim as it worded it."""

    claim_reviewed: str  # the claim in the fact-checker's words
    rating: Rating
    url: str | None = None  # the fact-check article
    reviewer: str | None = None  # the fact-checking organisation (author.name)
    reviewer_url: str | None = None
    date_published: date | None = None
    claimant: str | None = None  # who made the claim (itemReviewed.author.name)
    claim_date: date | None = None  # itemReviewed.datePublished
    appearance: str | None = None  # where the claim appeared (itemReviewed.appearance url)
    language: str = "en"
    origin: str | None = None  # the file or upload it was read from, for messages


@dataclass(slots=True)
class Extraction:
    """Everything the extractor found in one article."""

    article: Article
    claims: list[Claim] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    # event places (as written, Event.place) -> what the linkers found them to be
    place_links: dict[str, list[Link]] = field(default_factory=dict)

    def actor(self, key: str) -> Actor:
        for a in self.actors:
            if a.key == key:
                return a
        raise KeyError(key)
