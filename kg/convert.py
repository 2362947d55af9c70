"""Extraction -> rdflib Graph, one named graph per source: the only place that writes RDF terms.

The vocabulary and IRI scheme are documented in docs/data-model.md. Every node gets an IRI
derived from content (kg.ids), never a blank node, so converting the same article twice gives
the same triples.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from rdflib import OWL, RDF, RDFS, XSD, Graph, Literal, URIRef

from kg import ids
from kg.ids import IRIs, source_id
from kg.model import (
    Actor,
    ActorKind,
    Claim,
    Event,
    Extraction,
    Link,
    Review,
    Span,
)
from kg.namespace import DCTERMS, FK, OA, PROV, SCHEMA, SEM, SKOS
from kg.vocab import ACTOR_CLASSES, EVENT_TYPES, PREFIXES, ROLE_TYPES

CONTEXT_CHARS = 32  # prefix/suffix length of a Web Annotation quote selector


@dataclass(frozen=True)
class Provenance:
    """What produced a graph; recorded on its prov:Activity."""

    software_version: str
    nlp_model: str


def new_graph() -> Graph:
    """An empty graph with factkg's prefixes bound, so serialisations read well.

    Kept in rdflib's SimpleMemory store: a graph that is one named graph needs no contexts,
    and the default store's bookkeeping of them was a fifth of converting an article."""
    g = Graph(store="SimpleMemory")
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    return g


def to_graph(extraction: Extraction, base: str, provenance: Provenance) -> tuple[str, Graph]:
    """The named graph IRI and the triples of one article's extraction."""
    return _Converter(extraction, base, provenance).run()


class _Converter:
    def __init__(self, extraction: Extraction, base: str, provenance: Provenance) -> None:
        self.x = extraction
        self.article = extraction.article
        self.iris = IRIs(base)
        self.sid = source_id(self.article)
        self.source = self.iris.source(self.sid)
        self.graph_iri = self.iris.graph(self.sid)
        self.activity = URIRef(f"{self.graph_iri}#extraction")
        self.provenance = provenance
        self.g = new_graph()
        self.actor_iris = {
            a.key: self.iris.local_actor(self.sid, a.label)
            if a.local
            else self.iris.actor(a.label, a.qualifier)
            for a in extraction.actors
        }
        # publisher, byline and governed countries reuse an extracted actor's kind if named
        self.kinds = {self.actor_iris[a.key]: a.kind for a in extraction.actors}
        self.event_iris = {
            e.key: self.iris.event(ids.event_id(self.sid, e.type.value, e.span.start, e.span.end))
            for e in extraction.events
        }

    def run(self) -> tuple[str, Graph]:
        self._activity()
        self._source()
        for actor in self.x.actors:
            self._actor(actor)
        for event in self.x.events:
            self._event(event)
        for claim in self.x.claims:
            self._claim(claim)
        for actor in self.x.actors:
            for link in actor.links:
                self._link(self.actor_iris[actor.key], link)
        for place, links in self.x.place_links.items():
            for link in links:
                self._link(self.iris.place(place), link)
        return str(self.graph_iri), self.g

    def _add(self, s: URIRef, p: URIRef, o: URIRef | Literal) -> None:
        self.g.add((s, p, o))

    def _activity(self) -> None:
        a, add = self.activity, self._add
        add(a, RDF.type, PROV.Activity)
        add(a, RDFS.label, Literal(f"factkg extraction of {self.article.title}"))
        add(a, PROV.used, self.source)
        add(a, PROV.wasAssociatedWith, FK.factkg)
        add(a, FK.softwareVersion, Literal(self.provenance.software_version))
        add(a, FK.nlpModel, Literal(self.provenance.nlp_model))
        add(self.graph_iri, PROV.wasGeneratedBy, a)

    def _source(self) -> None:
        s, art, add = self.source, self.article, self._add
        add(s, RDF.type, FK.Source)
        add(s, RDF.type, SCHEMA.NewsArticle)
        add(s, SCHEMA.headline, Literal(art.title))
        add(s, SCHEMA.text, Literal(art.text))
        add(s, SCHEMA.inLanguage, Literal(art.language))
        add(s, PROV.wasGeneratedBy, self.activity)
        if art.url:
            add(s, SCHEMA.url, URIRef(art.url))
        if art.published:
            add(s, SCHEMA.datePublished, Literal(art.published.isoformat(), datatype=XSD.date))
        if art.publisher:
            publisher = self.iris.actor(art.publisher)
            self._actor_node(publisher, art.publisher, ActorKind.ORGANIZATION)
            add(s, SCHEMA.publisher, publisher)
        for name in art.authors:
            author = self.iris.actor(name)
            self._actor_node(author, name, ActorKind.PERSON)
            add(s, SCHEMA.author, author)

    def _actor_node(self, node: URIRef, label: str, kind: ActorKind) -> None:
        kind = self.kinds.setdefault(node, kind)
        self._add(node, RDF.type, FK.Actor)
        for cls in ACTOR_CLASSES[kind]:
            self._add(node, RDF.type, cls)
        self._add(node, RDFS.label, Literal(label))

    def _actor(self, actor: Actor) -> None:
        node = self.actor_iris[actor.key]
        self._actor_node(node, actor.label, actor.kind)
        for role in actor.roles:
            self._add(node, FK.role, Literal(role))
        for alias in actor.aliases:
            if alias != actor.label:
                self._add(node, SKOS.altLabel, Literal(alias))
        if actor.kind is ActorKind.GOVERNMENT and actor.country:
            country = self.iris.actor(actor.country)
            self._actor_node(country, actor.country, ActorKind.COUNTRY)
            self._add(node, FK.governmentOf, country)
        for span in actor.mentions:
            self._add(node, FK.mentionedAt, self._span(span))

    def _event(self, event: Event) -> None:
        node, add = self.event_iris[event.key], self._add
        add(node, RDF.type, FK.Event)
        add(node, RDF.type, SEM.Event)
        add(node, RDFS.label, Literal(event.label))
        add(node, SEM.eventType, EVENT_TYPES[event.type])
        add(node, FK.textSpan, self._span(event.span))
        add(node, DCTERMS.source, self.source)
        add(node, PROV.wasGeneratedBy, self.activity)
        for key in event.participants:
            # SEM's reified role: the event has a sem:Role whose rdf:value is the actor and
            # whose sem:roleType says the part it took ({event}#agent-police)
            role = event.roles.get(key)
            if role is None:
                raise ValueError(f"event {event.key}: participant {key} has no role")
            actor = self.actor_iris[key]
            role_node = URIRef(f"{node}#{role.value}-{actor.rsplit('/', 1)[-1]}")
            add(node, SEM.hasActor, role_node)
            add(role_node, RDF.type, SEM.Role)
            add(role_node, RDF.value, actor)
            add(role_node, SEM.roleType, ROLE_TYPES[role])
        if event.place:
            place = self.iris.place(event.place)
            add(place, RDF.type, FK.Place)
            add(place, RDF.type, SEM.Place)
            add(place, RDF.type, SCHEMA.Place)
            add(place, RDFS.label, Literal(event.place))
            add(node, SEM.hasPlace, place)
        if event.time_text:
            add(node, FK.timeExpression, Literal(event.time_text))
        if event.time:
            add(node, SEM.hasTimeStamp, _time_literal(event.time, event.time_precision))

    def _claim(self, claim: Claim) -> None:
        speaker = self.x.actor(claim.speaker)
        node = self.iris.claim(
            ids.claim_id(self.sid, claim.span.start, claim.span.end, speaker.label)
        )
        add = self._add
        add(node, RDF.type, FK.Claim)
        add(node, RDF.type, SCHEMA.Claim)
        add(node, SCHEMA.text, Literal(claim.text))
        add(node, FK.reportingVerb, Literal(claim.verb))
        add(node, SCHEMA.author, self.actor_iris[claim.speaker])
        add(node, SCHEMA.appearance, self.source)
        add(node, FK.textSpan, self._span(claim.span))
        add(node, PROV.wasGeneratedBy, self.activity)
        if claim.quote is not None:
            add(node, FK.quote, Literal(claim.quote))
        if claim.quote_span is not None:
            add(node, FK.quoteSpan, self._span(claim.quote_span))
        if claim.relayed_by is not None:
            add(node, FK.relayedBy, self.actor_iris[claim.relayed_by])
        if claim.in_headline:
            add(node, FK.inHeadline, Literal(True))
        for key in claim.about:
            add(node, SCHEMA.about, self.event_iris[key])
        for key in claim.mentions:
            add(node, SCHEMA.mentions, self.actor_iris[key])
        self._verb_text(node, claim)

    def _verb_text(self, node: URIRef, claim: Claim) -> None:
        """The reporting verb as the article writes it ("told reporters"), for the pages."""
        if claim.verb_text:
            self._add(node, FK.reportingVerbText, Literal(claim.verb_text))

    def _link(self, node: URIRef, link: Link) -> None:
        _Linking(self.g, self.graph_iri, self.source, self.provenance.software_version).link(
            node, link
        )

    def _span(self, span: Span) -> URIRef:
        """A Web Annotation specific resource selecting ``span`` of the source text."""
        text, s, e = self.article.text, span.start, span.end
        if e > len(text):
            raise ValueError(f"span [{s}, {e}) runs past the end of the text ({len(text)})")
        node = URIRef(f"{self.source}#span-{s}-{e}")
        position = URIRef(f"{self.source}#char={s},{e}")
        quote = URIRef(f"{self.source}#quote-{s}-{e}")
        add = self._add
        add(node, RDF.type, OA.SpecificResource)
        add(node, OA.hasSource, self.source)
        add(node, OA.hasSelector, position)
        add(node, OA.hasSelector, quote)
        add(position, RDF.type, OA.TextPositionSelector)
        add(position, OA.start, Literal(s, datatype=XSD.integer))
        add(position, OA.end, Literal(e, datatype=XSD.integer))
        add(quote, RDF.type, OA.TextQuoteSelector)
        add(quote, OA.exact, Literal(text[s:e]))
        add(quote, OA.prefix, Literal(text[max(0, s - CONTEXT_CHARS) : s]))
        add(quote, OA.suffix, Literal(text[e : e + CONTEXT_CHARS]))
        return node


EXTERNAL = ("http://www.wikidata.org/entity/", "http://sws.geonames.org/")


def relinked(
    graph: Graph,
    graph_iri: str,
    source: str,
    software_version: str,
    renamed: dict[URIRef, tuple[URIRef, str]],
    links: list[tuple[URIRef, Link]],
    keep: tuple[str, ...] = (),
) -> Graph:
    """A stored source graph with its links replaced (``factkg link``).

    The old links go (fk:Link statements, the owl:sameAs they qualify, the linking activity
    and what the graph kept of the linked entities); actors the linker found to be another
    stored actor's entity, or a namesake's, take their new IRI and label (``renamed``: old
    IRI -> (new IRI, label); the old label stays as an alias); ``links`` are written anew.
    Links to the datasets whose IRIs start with one of ``keep`` stay as they are (Wikidata's
    when it is switched off for this run).
    """
    g = new_graph()
    linking = URIRef(f"{graph_iri}#linking")
    replaced = tuple(e for e in EXTERNAL if e not in keep)
    statements = {
        s
        for s in graph.subjects(RDF.type, FK.Link)
        if not str(graph.value(s, RDF.object) or "").startswith(keep or ("\0",))
    }
    kept = any(True for s in graph.subjects(RDF.type, FK.Link) if s not in statements)
    for s, p, o in graph:
        if s in statements or str(s).startswith(replaced) or (s == linking and not kept):
            continue
        if p == OWL.sameAs and str(o).startswith(replaced):
            continue
        g.add((s, p, o))
    for old, (new, label) in renamed.items():
        for s, p, o in list(g.triples((old, None, None))):
            g.remove((s, p, o))
            if p == RDFS.label:
                if str(o) != label:
                    g.add((new, SKOS.altLabel, o))
                continue
            if p == SKOS.altLabel and str(o) == label:
                continue
            g.add((new, p, o))
        g.add((new, RDFS.label, Literal(label)))
        for s, p, _ in list(g.triples((None, None, old))):
            g.remove((s, p, old))
            g.add((s, p, new))
    converter = _Linking(g, URIRef(graph_iri), URIRef(source), software_version)
    for node, link in links:
        converter.link(node, link)
    return g


class _Linking:
    """Writes links into one source graph (used by _Converter and relinked)."""

    def __init__(self, g: Graph, graph_iri: URIRef, source: URIRef, software: str) -> None:
        self.g, self.graph_iri, self.source, self.software = g, graph_iri, source, software
        self.activity = URIRef(f"{graph_iri}#linking")

    def link(self, node: URIRef, link: Link) -> None:
        """``node owl:sameAs target``, qualified by an fk:Link statement with its score and
        linker (docs/data-model.md), and the entity's name and facts for the pages."""
        g, target = self.g, URIRef(link.target)
        if (self.activity, RDF.type, PROV.Activity) not in g:
            g.add((self.activity, RDF.type, PROV.Activity))
            g.add((self.activity, PROV.used, self.source))
            g.add((self.activity, PROV.wasAssociatedWith, FK.factkg))
            g.add((self.activity, FK.softwareVersion, Literal(self.software)))
        g.add((node, OWL.sameAs, target))
        statement = URIRef(f"{self.graph_iri}#link-{ids.link_id(str(node), link.target)}")
        # the canonical lexical form ("1", "0.5", not "1.0"), as the store keeps it, so a
        # graph read back compares equal to the one written (factkg link rewrites no change)
        score = _decimal(link.score)
        g.add((statement, RDF.type, FK.Link))
        g.add((statement, RDF.subject, node))
        g.add((statement, RDF.predicate, OWL.sameAs))
        g.add((statement, RDF.object, target))
        g.add((statement, FK.linkScore, Literal(score, datatype=XSD.decimal)))
        g.add((statement, FK.linker, Literal(link.linker)))
        g.add((statement, PROV.wasGeneratedBy, self.activity))
        if link.label:
            g.add((target, RDFS.label, Literal(link.label, lang="en")))
        if link.description:
            g.add((target, SCHEMA.description, Literal(link.description, lang="en")))
        for prop, value in link.facts:
            g.add((target, URIRef(prop), URIRef(value)))


def review_graph(
    review: Review,
    base: str,
    verdict: URIRef,
    software_version: str,
    claim: str | None = None,
    claimant_kind: ActorKind = ActorKind.PERSON,
    reviewer_kind: ActorKind = ActorKind.ORGANIZATION,
) -> tuple[str, Graph]:
    """One fact-check as a named graph of its own (docs/data-model.md, "Fact-checks"): the
    review, its rating, and either the claim it judges as the fact-checker recorded it (an
    fk:ReviewedClaim) or ``claim``, one of factkg's claims, which it then points at."""
    iris = IRIs(base)
    label = review.rating.alternate_name or review.rating.name or review.rating.value
    rid = ids.review_id(review.url, review.reviewer, review.claim_reviewed, label)
    graph_iri, node = iris.graph(rid), iris.review(rid)
    g = new_graph()
    activity = URIRef(f"{graph_iri}#import")
    g.add((activity, RDF.type, PROV.Activity))
    g.add((activity, PROV.wasAssociatedWith, FK.factkg))
    g.add((activity, FK.softwareVersion, Literal(software_version)))
    g.add((graph_iri, PROV.wasGeneratedBy, activity))
    g.add((node, RDF.type, FK.Review))
    g.add((node, RDF.type, SCHEMA.ClaimReview))
    g.add((node, SCHEMA.claimReviewed, Literal(review.claim_reviewed)))
    g.add((node, FK.verdict, verdict))
    g.add((node, PROV.wasGeneratedBy, activity))
    if review.language:
        g.add((node, SCHEMA.inLanguage, Literal(review.language)))
    if review.url:
        g.add((node, SCHEMA.url, URIRef(review.url)))
    if review.date_published:
        g.add((node, SCHEMA.datePublished, _date(review.date_published)))
    if review.reviewer:
        reviewer = iris.actor(review.reviewer)
        _actor_triples(g, reviewer, review.reviewer, reviewer_kind)
        g.add((node, SCHEMA.author, reviewer))
        if review.reviewer_url:
            g.add((reviewer, SCHEMA.url, URIRef(review.reviewer_url)))
    rating = URIRef(f"{node}#rating")
    g.add((node, SCHEMA.reviewRating, rating))
    g.add((rating, RDF.type, SCHEMA.Rating))
    r = review.rating
    for prop, value in (
        (SCHEMA.alternateName, r.alternate_name),
        (SCHEMA.name, r.name),
        (SCHEMA.ratingValue, r.value),
        (SCHEMA.bestRating, r.best),
        (SCHEMA.worstRating, r.worst),
    ):
        if value is not None and str(value).strip():
            g.add((rating, prop, Literal(str(value))))
    if claim is not None:
        g.add((node, SCHEMA.itemReviewed, URIRef(claim)))
        return str(graph_iri), g
    item = iris.claim(rid)
    g.add((node, SCHEMA.itemReviewed, item))
    g.add((item, RDF.type, FK.ReviewedClaim))
    g.add((item, RDF.type, SCHEMA.Claim))
    g.add((item, SCHEMA.text, Literal(review.claim_reviewed)))
    if review.claimant:
        claimant = iris.actor(review.claimant)
        _actor_triples(g, claimant, review.claimant, claimant_kind)
        g.add((item, SCHEMA.author, claimant))
    if review.claim_date:
        g.add((item, SCHEMA.datePublished, _date(review.claim_date)))
    if review.appearance:
        g.add((item, SCHEMA.appearance, URIRef(review.appearance)))
    return str(graph_iri), g


def add_claim_matches(
    graph: Graph,
    graph_iri: str,
    software_version: str,
    matches: list[tuple[str, str, float, str]],
) -> None:
    """Write into ``graph`` that claims say what fact-checked claims say: each
    ``(claim, fact-checked claim, score, method)`` as ``claim fk:sameClaimAs checked``,
    qualified by an fk:ClaimMatch with its score, method and activity."""
    if not matches:
        return
    activity = URIRef(f"{graph_iri}#matching")
    graph.add((activity, RDF.type, PROV.Activity))
    graph.add((activity, PROV.wasAssociatedWith, FK.factkg))
    graph.add((activity, FK.softwareVersion, Literal(software_version)))
    for claim, checked, score, method in matches:
        a, b = URIRef(claim), URIRef(checked)
        node = URIRef(f"{graph_iri}#match-{ids.digest('match', claim, checked)}")
        graph.add((a, FK.sameClaimAs, b))
        graph.add((node, RDF.type, FK.ClaimMatch))
        graph.add((node, RDF.subject, a))
        graph.add((node, RDF.predicate, FK.sameClaimAs))
        graph.add((node, RDF.object, b))
        graph.add((node, FK.matchScore, Literal(_decimal(score), datatype=XSD.decimal)))
        graph.add((node, FK.matchMethod, Literal(method)))
        graph.add((node, PROV.wasGeneratedBy, activity))


def _decimal(value: float) -> str:
    """The canonical lexical form of a score in [0, 1] ("1", "0.5"), as the store keeps it."""
    return format(Decimal(str(round(min(1.0, max(0.0, value)), 3))).normalize(), "f")


def _actor_triples(g: Graph, node: URIRef, label: str, kind: ActorKind) -> None:
    g.add((node, RDF.type, FK.Actor))
    for cls in ACTOR_CLASSES[kind]:
        g.add((node, RDF.type, cls))
    g.add((node, RDFS.label, Literal(label)))


def _date(value: date) -> Literal:
    return Literal(value.isoformat(), datatype=XSD.date)


def _time_literal(value: date, precision: str | None) -> Literal:
    if precision == "year":
        return Literal(f"{value.year:04d}", datatype=XSD.gYear)
    if precision == "month":
        return Literal(f"{value.year:04d}-{value.month:02d}", datatype=XSD.gYearMonth)
    return Literal(value.isoformat(), datatype=XSD.date)
