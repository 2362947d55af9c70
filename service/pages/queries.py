"""The fixed SPARQL behind the resource pages, run in-process.

For the embedded store the queries go straight to pyoxigraph (its union default graph), which
keeps a page to a few milliseconds; any other store goes through the Store contract. Values
come back as plain strings: pages only show and link them.

Lists that can be long (an actor's claims) page by keyset on the claim IRI rather than by
sorting every match on a date: "newest first" sorts were measured at ~1 s on disk at 1M
triples (docs/architecture.md).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox
from rdflib import RDF, RDFS, SKOS

from kg import shared_facts
from kg.store.base import ResultFormat, Store
from kg.store.terms import value_rows
from kg.verdicts import VERDICT_OF_IRI
from kg.vocab import ACTOR_CLASSES, FK_IRI, PREFIXES, sparql_prologue

PREFIX_HEADER = sparql_prologue()
FK = FK_IRI
#: local names of the fk: actor kind classes (the ``kind`` facet values of /actors)
ACTOR_KINDS = tuple(str(classes[0])[len(FK) :] for classes in ACTOR_CLASSES.values())

Row = dict[str, str]

_OX_RDF = {
    ResultFormat.TURTLE: ox.RdfFormat.TURTLE,
    ResultFormat.NTRIPLES: ox.RdfFormat.N_TRIPLES,
    ResultFormat.RDFXML: ox.RdfFormat.RDF_XML,
    ResultFormat.JSONLD: ox.RdfFormat.JSON_LD,
}


def iri(value: str) -> str:
    """An IRI as a SPARQL term: only what the store takes for an absolute IRI (pyoxigraph's
    rules, as kg.store.terms.checked_iri) is pasted between ``<>``. A block list of
    characters let "foo" and "http://x/\\x00" through to the SPARQL parser."""
    try:
        ox.NamedNode(value)
    except ValueError:
        raise ValueError(f"not an absolute IRI: {value!r}") from None
    return f"<{value}>"


def rows(store: Store, query: str, *, copy: ox.Store | None = None) -> list[Row]:
    """Run a SELECT; one dict of variable -> lexical value per solution. ``copy``: run it on
    that in-memory copy of a graph just written (Store.fresh) instead.

    Not kg.store.terms.solution_rows: going through rdflib terms would normalise lexical
    forms ("01"^^xsd:integer shows as "1") and warn on ill-typed literals; pages show the
    value as stored."""
    text = PREFIX_HEADER + query
    raw: Any = copy if copy is not None else getattr(store, "raw", None)
    if isinstance(raw, ox.Store):
        results = raw.query(text, use_default_graph_as_union=True)
        assert isinstance(results, ox.QuerySolutions)
        return value_rows(results)
    return [{k: str(v) for k, v in r.items()} for r in store.select(text)]


def one(store: Store, query: str) -> Row | None:
    found = rows(store, query)
    return found[0] if found else None


def labels(store: Store, iris: Iterable[str]) -> dict[str, str]:
    """rdfs:label (or headline) of each IRI, in one query.

    Shared nodes (actors, places) carry their label in every graph that names them, and the
    union default graph repeats a triple once per graph: joining labels inside a bigger query
    multiplies its rows by that count, so pages look labels up afterwards, by VALUES.
    """
    wanted = sorted(set(iris))
    out: dict[str, str] = {}
    for start in range(0, len(wanted), 500):
        values = " ".join(iri(x) for x in wanted[start : start + 500])
        for r in rows(
            store,
            f"SELECT ?x ?l WHERE {{ VALUES ?x {{ {values} }} ?x rdfs:label|schema:headline ?l }}",
        ):
            out.setdefault(r["x"], r["l"])
    return out


def with_labels(store: Store, found: list[Row], **keys: str) -> list[Row]:
    """Fill ``row[label_key]`` from the label of ``row[key]`` for each ``label_key=key``."""
    names = labels(store, (r[k] for r in found for k in keys.values() if k in r))
    for r in found:
        for label_key, key in keys.items():
            if key in r and r[key] in names:
                r[label_key] = names[r[key]]
    return found


def rdf(store: Store, construct: str, fmt: ResultFormat) -> bytes:
    """A CONSTRUCT serialised in Rust (with prefixes when the store is embedded)."""
    text = PREFIX_HEADER + construct
    raw: Any = getattr(store, "raw", None)
    if isinstance(raw, ox.Store):
        results = raw.query(text, use_default_graph_as_union=True)
        assert isinstance(results, ox.QueryTriples)
        out = ox.serialize(results, format=_OX_RDF[fmt], prefixes=PREFIXES)
        return out if out is not None else b""
    return store.query_serialized(text, fmt)


def exists(store: Store, subject: str) -> bool:
    return bool(rows(store, f"SELECT ?p WHERE {{ {iri(subject)} ?p ?o }} LIMIT 1"))


def describe_query(subject: str) -> str:
    """The resource's own triples, its text spans with their selectors, an event's roles, and
    its neighbours' labels, so a client can show the RDF without a second request. An actor's
    mentions (fk:mentionedAt) stay IRIs: a prolific actor has thousands, each with two
    selectors."""
    s = iri(subject)
    return f"""CONSTRUCT {{ {s} ?p ?o . ?x ?xp ?xo . ?n rdfs:label ?nl }} WHERE {{
        {{ {s} ?p ?o }}
        UNION {{ {s} fk:textSpan|fk:quoteSpan ?sp .
                 ?sp oa:hasSelector? ?x . ?x ?xp ?xo }}
        UNION {{ {s} sem:hasActor ?x . ?x a sem:Role ; ?xp ?xo }}
        UNION {{ {s} sem:hasActor/rdf:value ?n . FILTER(isIRI(?n)) ?n rdfs:label ?nl }}
        UNION {{ {s} ?np ?n . FILTER(isIRI(?n)) ?n rdfs:label ?nl }}
    }}"""


def graph_query(graph: str) -> str:
    return f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {iri(graph)} {{ ?s ?p ?o }} }}"


# --- claims ---------------------------------------------------------------------------


@dataclass
class Link:
    iri: str
    label: str
    extra: str = ""


@dataclass
class ClaimView:
    iri: str
    text: str
    verb: str
    quote: str | None
    speaker: Link | None
    speaker_roles: list[str]
    relayer: Link | None
    source: Link | None
    source_url: str | None
    published: str | None
    publisher: Link | None
    graph: str | None
    in_headline: bool
    span: tuple[int, int] | None
    quote_span: tuple[int, int] | None
    source_text: str = ""
    events: list[Link] = field(default_factory=list)
    mentions: list[Link] = field(default_factory=list)
    same_as: list[ExternalLink] = field(default_factory=list)
    reviews: list[Row] = field(default_factory=list)
    # fact-checks of claims this one says the same as ("already fact-checked as ...")
    fact_checked: list[Row] = field(default_factory=list)
    # for a fact-checked claim: the extracted claims that say the same
    said_in: list[Link] = field(default_factory=list)
    by_speaker: list[Link] = field(default_factory=list)
    on_events: list[Link] = field(default_factory=list)
    verb_text: str | None = None  # the reporting verb as written: "told reporters"

    @property
    def quoted_only(self) -> bool:
        """The claim is a direct quotation: its text is the quotation itself."""
        return self.quote is not None and self.quote.strip() == self.text.strip()

    @property
    def quote_in_text(self) -> tuple[str, str, str] | None:
        """The text around and of the quotation it holds ('the ELN would "honour every
        word" of the agreement'), to show the claim once with its quoted words marked."""
        if not self.quote or self.quoted_only:
            return None
        at = self.text.find(self.quote)
        if at < 0:
            return None
        end = at + len(self.quote)
        return self.text[:at], self.quote, self.text[end:]

    @property
    def roles_shown(self) -> list[str]:
        """The speaker's roles as they read after the name, in a sentence: "the cable's
        operator" (not the capital its sentence gave "The"), and none the name already says
        ("negotiators" of "negotiators from both sides")."""
        label = self.speaker.label.lower() if self.speaker else ""
        shown = []
        for role in self.speaker_roles:
            first, _, rest = role.partition(" ")
            if first in ("The", "A", "An") and rest[:1].islower():
                role = f"{first.lower()} {rest}"
            if role.lower() not in label and role not in shown:
                shown.append(role)
        return shown

    @property
    def opens_with_verb(self) -> bool:
        """The text opens on its own reporting verb ("accused Oslo of 'spy mania'", "urged
        parents to ..."): what was said is the verb's object and complement."""
        words = (self.verb_text or "").split()
        first = self.text.split(" ", 1)[0]
        return bool(words) and first.lower() in words and words != ["according", "to"]

    @property
    def lead(self) -> str | None:
        """What makes a text that opens on its verb read as a sentence: the speaker's name
        and the verb's auxiliaries ("Government of Russia has" accused Oslo of ...)."""
        if not self.opens_with_verb or self.speaker is None:
            return None
        words = (self.verb_text or "").split()
        aux = words[: words.index(self.text.split(" ", 1)[0].lower())]
        return " ".join([self.speaker.label, *aux])

    @property
    def verb_phrase(self) -> str | None:
        """The reporting verb to show after the speaker ("told reporters"); not "according
        to" (shown before the speaker), nor a verb the claim's text already opens with
        ("accused Oslo of ...")."""
        verb = (self.verb_text or "").strip()
        if not verb or verb == "according to" or self.opens_with_verb:
            return None
        return verb


def _span(row: Row, start: str, end: str) -> tuple[int, int] | None:
    if start in row and end in row:
        return int(row[start]), int(row[end])
    return None


def _link(row: Row, key: str, label_key: str) -> Link | None:
    if key not in row:
        return None
    return Link(row[key], row.get(label_key) or row[key].rsplit("/", 1)[-1])


def claim(store: Store, subject: str) -> ClaimView | None:
    c = iri(subject)
    main = one(
        store,
        f"""SELECT * WHERE {{
        {c} a ?claimClass ; schema:text ?text .
        VALUES ?claimClass {{ fk:Claim fk:ReviewedClaim }}
        OPTIONAL {{ {c} fk:reportingVerb ?verb }}
        OPTIONAL {{ {c} fk:reportingVerbText ?verbText }}
        OPTIONAL {{ {c} fk:quote ?quote }}
        OPTIONAL {{ {c} fk:inHeadline ?headline }}
        OPTIONAL {{ {c} schema:author ?speaker }}
        OPTIONAL {{ {c} fk:relayedBy ?relayer }}
        OPTIONAL {{ {c} fk:textSpan/oa:hasSelector ?sel .
                   ?sel oa:start ?start ; oa:end ?end }}
        OPTIONAL {{ {c} fk:quoteSpan/oa:hasSelector ?qsel .
                   ?qsel oa:start ?qstart ; oa:end ?qend }}
        OPTIONAL {{ {c} schema:appearance ?source .
            OPTIONAL {{ ?source schema:headline ?sourceTitle }}
            OPTIONAL {{ ?source schema:url ?url }}
            OPTIONAL {{ ?source schema:datePublished ?date }}
            OPTIONAL {{ ?source schema:publisher ?publisher }}
            OPTIONAL {{ GRAPH ?graph {{ ?source a fk:Source }} }} }}
        }} LIMIT 1""",
    )
    if main is None:
        return None
    with_labels(
        store, [main], speakerLabel="speaker", relayerLabel="relayer", publisherLabel="publisher"
    )
    view = ClaimView(
        iri=subject,
        text=main["text"],
        verb=main.get("verb", ""),
        quote=main.get("quote"),
        speaker=_link(main, "speaker", "speakerLabel"),
        speaker_roles=[],
        relayer=_link(main, "relayer", "relayerLabel"),
        source=_link(main, "source", "sourceTitle"),
        source_url=main.get("url"),
        published=main.get("date"),
        publisher=_link(main, "publisher", "publisherLabel"),
        graph=main.get("graph"),
        in_headline=main.get("headline") == "true",
        span=_span(main, "start", "end"),
        quote_span=_span(main, "qstart", "qend"),
        verb_text=main.get("verbText"),
    )
    if view.source is not None:
        text = one(store, f"SELECT ?t WHERE {{ {iri(view.source.iri)} schema:text ?t }} LIMIT 1")
        view.source_text = text["t"] if text else ""
    if view.speaker is not None:
        sp = iri(view.speaker.iri)
        view.speaker_roles = sorted(
            {r["role"] for r in rows(store, f"SELECT ?role WHERE {{ {sp} fk:role ?role }}")}
        )
        view.by_speaker = [
            Link(r["c"], r["text"])
            for r in rows(
                store,
                f"""SELECT ?c ?text WHERE {{ ?c schema:author {sp} ; schema:text ?text .
                FILTER(?c != {c}) }} LIMIT 10""",
            )
        ]
    view.events = _links(
        store,
        f"SELECT ?x WHERE {{ {c} schema:about ?x }}",
    )
    view.mentions = _links(
        store,
        f"SELECT ?x WHERE {{ {c} schema:mentions ?x }}",
    )
    if view.events:
        values = " ".join(iri(e.iri) for e in view.events)
        view.on_events = [
            Link(r["c"], r["text"])
            for r in rows(
                store,
                f"""SELECT DISTINCT ?c ?text WHERE {{ VALUES ?e {{ {values} }}
                ?c schema:about ?e ; schema:text ?text . FILTER(?c != {c}) }} LIMIT 10""",
            )
        ]
    # the claim's own links, then its speaker's and the places of its events: who and where
    # the claim is about, as Wikidata and GeoNames know them
    linked: dict[str, str | None] = {subject: None}
    if view.speaker is not None:
        linked[view.speaker.iri] = view.speaker.label
    if view.events:
        values = " ".join(iri(e.iri) for e in view.events)
        for p in _links(
            store,
            f"SELECT DISTINCT ?x WHERE {{ VALUES ?e {{ {values} }} ?e sem:hasPlace ?x }} LIMIT 20",
        ):
            linked.setdefault(p.iri, p.label)
    view.same_as = external_links(store, linked)
    view.reviews = rows(
        store,
        f"""SELECT ?review ?rating ?verdict ?date ?author ?authorLabel ?url
        WHERE {{
        ?review schema:itemReviewed {c} .
        OPTIONAL {{ ?review schema:reviewRating/(schema:alternateName|schema:name) ?rating }}
        OPTIONAL {{ ?review fk:verdict ?verdict }}
        OPTIONAL {{ ?review schema:datePublished ?date }}
        OPTIONAL {{ ?review schema:author ?author OPTIONAL {{ ?author rdfs:label|schema:name
            ?authorLabel }} }}
        OPTIONAL {{ ?review schema:url ?url }} }} ORDER BY DESC(?date) LIMIT 50""",
    )
    view.fact_checked = first_per(
        rows(
            store,
            f"""SELECT ?review ?checked ?checkedText ?rating ?verdict ?authorLabel ?url ?date
            (MAX(?s) AS ?score) WHERE {{
            {c} fk:sameClaimAs ?checked .
            ?m rdf:subject {c} ; rdf:object ?checked ; fk:matchScore ?s .
            ?review schema:itemReviewed ?checked .
            OPTIONAL {{ ?checked schema:text ?checkedText }}
            OPTIONAL {{ ?review schema:reviewRating/(schema:alternateName|schema:name) ?rating }}
            OPTIONAL {{ ?review fk:verdict ?verdict }}
            OPTIONAL {{ ?review schema:author/rdfs:label ?authorLabel }}
            OPTIONAL {{ ?review schema:url ?url }}
            OPTIONAL {{ ?review schema:datePublished ?date }} }}
            GROUP BY ?review ?checked ?checkedText ?rating ?verdict ?authorLabel ?url ?date
            ORDER BY DESC(?score) LIMIT 20""",
        ),
        "review",
    )
    for r in view.fact_checked:
        verdict = VERDICT_OF_IRI.get(r.get("verdict", ""))
        if verdict is not None:
            r["verdictLabel"] = verdict.value
    view.said_in = _links(store, f"SELECT DISTINCT ?x WHERE {{ ?x fk:sameClaimAs {c} }} LIMIT 20")
    # a review lists once, with its first label, however many graphs repeat its reviewer;
    # the verdict's name comes from the scale (the ontology), not from the store
    view.reviews = first_per(view.reviews, "review")
    for r in view.reviews:
        verdict = VERDICT_OF_IRI.get(r.get("verdict", ""))
        if verdict is not None:
            r["verdictLabel"] = verdict.value
    return view


def _links(store: Store, query: str) -> list[Link]:
    """Distinct ?x of the query, labelled."""
    found = list(dict.fromkeys(r["x"] for r in rows(store, query)))
    names = labels(store, found)
    return [Link(x, names.get(x) or x.rsplit("/", 1)[-1]) for x in found]


_WIKIDATA = re.compile(r"^https?://www\.wikidata\.org/(?:entity|wiki)/([QP][0-9]+)$")
_GEONAMES = re.compile(r"^https?://sws\.geonames\.org/([0-9]+)/?$")
#: links shown per page section (the sameAs of a few subjects)
MAX_EXTERNAL = 100


@dataclass
class ExternalLink:
    """One owl:sameAs (or schema:sameAs) of a node, with what the store keeps of the entity
    (English label, description) and the best score a linker gave it (docs/data-model.md,
    "Links to Wikidata and GeoNames"). ``value`` may be any term: only the template decides
    whether it becomes an anchor (http(s) only)."""

    value: str
    subject: str
    of: str | None = None  # label of the subject when it is not the page's own resource
    label: str | None = None
    description: str | None = None
    score: str | None = None  # lexical form, as stored
    linker: str | None = None

    @property
    def dataset(self) -> str | None:
        if _WIKIDATA.match(self.value):
            return "Wikidata"
        if _GEONAMES.match(self.value):
            return "GeoNames"
        return None

    @property
    def ident(self) -> str | None:
        """The Q id or GeoNames id."""
        found = _WIKIDATA.match(self.value) or _GEONAMES.match(self.value)
        return found.group(1) if found else None


def _score(value: str | None) -> float:
    try:
        return float(value) if value is not None else -1.0
    except ValueError:
        return -1.0


def external_links(store: Store, subjects: Mapping[str, str | None]) -> list[ExternalLink]:
    """The sameAs links of ``subjects`` (IRI -> label to show with its links, None for the
    page's own), in one bounded query.

    Each part is its own DISTINCT subquery joined through the distinct targets first: the
    union default graph repeats a shared actor's sameAs, labels and descriptions once per
    article, and joining them in one pattern would multiply those copies together."""
    if not subjects:
        return []
    values = " ".join(iri(s) for s in subjects)
    targets = f"""SELECT DISTINCT ?o WHERE {{ VALUES ?s {{ {values} }}
        ?s owl:sameAs|schema:sameAs ?o FILTER(isIRI(?o)) }} LIMIT {MAX_EXTERNAL}"""
    found = rows(
        store,
        f"""SELECT ?s ?o ?l ?d ?linker ?score WHERE {{
        {{ SELECT DISTINCT ?s ?o WHERE {{ VALUES ?s {{ {values} }}
            ?s owl:sameAs|schema:sameAs ?o }} LIMIT {MAX_EXTERNAL} }}
        UNION {{ SELECT DISTINCT ?o ?l WHERE {{ {{ {targets} }} ?o rdfs:label ?l
            FILTER(LANG(?l) = "" || LANGMATCHES(LANG(?l), "en")) }} LIMIT {2 * MAX_EXTERNAL} }}
        UNION {{ SELECT DISTINCT ?o ?d WHERE {{ {{ {targets} }} ?o schema:description ?d
            FILTER(LANG(?d) = "" || LANGMATCHES(LANG(?d), "en")) }} LIMIT {2 * MAX_EXTERNAL} }}
        UNION {{ SELECT ?s ?o ?linker (MAX(?sc) AS ?score) WHERE {{ VALUES ?s {{ {values} }}
            ?k rdf:subject ?s ; rdf:object ?o ; a fk:Link ; fk:linkScore ?sc ; fk:linker ?linker
            }} GROUP BY ?s ?o ?linker LIMIT {2 * MAX_EXTERNAL} }}
        }}""",
    )
    links: dict[tuple[str, str], ExternalLink] = {}
    label: dict[str, str] = {}
    description: dict[str, str] = {}
    best: dict[tuple[str, str], tuple[str, str]] = {}
    for r in found:
        if "l" in r:
            label.setdefault(r["o"], r["l"])
        elif "d" in r:
            description.setdefault(r["o"], r["d"])
        elif "score" in r:
            key = (r["s"], r["o"])
            if key not in best or _score(r["score"]) > _score(best[key][0]):
                best[key] = (r["score"], r.get("linker", ""))
        elif "s" in r:
            key = (r["s"], r["o"])
            links[key] = ExternalLink(r["o"], r["s"], subjects.get(r["s"]))
    for (s, o), link in links.items():
        link.label, link.description = label.get(o), description.get(o)
        if (s, o) in best:
            link.score, link.linker = best[(s, o)]
    order = {s: n for n, s in enumerate(subjects)}
    return sorted(links.values(), key=lambda x: (order[x.subject], x.dataset or "~", x.value))


# --- actors ---------------------------------------------------------------------------


@dataclass
class ActorView:
    iri: str
    label: str
    kinds: list[str]
    aliases: list[str]
    roles: list[str]
    government_of: Link | None
    same_as: list[ExternalLink]
    claim_count: int
    claims: list[Row]
    has_next: bool
    mentioned_in: list[Row]
    events: list[Link]
    published: list[Link]


def actor(store: Store, subject: str, page: int, page_size: int = 25) -> ActorView | None:
    """The actor; its claims page by OFFSET in index order, with no sort (see module doc)."""
    a = iri(subject)
    facts = _actor_facts(store, subject)
    labels = [r["label"] for r in facts if "label" in r]
    types = {r["type"] for r in facts if "type" in r}
    if FK + "Actor" not in types:
        return None
    gov = next((r for r in facts if "gov" in r), None)
    kinds = [k for k in ACTOR_KINDS if FK + k in types]
    count = one(store, f"SELECT (COUNT(?c) AS ?n) WHERE {{ ?c schema:author {a} }}")
    ids = [
        r["c"]
        for r in rows(
            store,
            f"""SELECT ?c WHERE {{ ?c schema:author {a} }}
            LIMIT {page_size + 1} OFFSET {page * page_size}""",
        )
    ]
    claims = claim_rows(store, ids[:page_size])
    return ActorView(
        iri=subject,
        label=labels[0] if labels else subject.rsplit("/", 1)[-1],
        kinds=kinds,
        aliases=sorted({r["alias"] for r in facts if "alias" in r}),
        roles=sorted({r["role"] for r in facts if "role" in r}),
        government_of=_link(with_labels(store, [gov], govLabel="gov")[0], "gov", "govLabel")
        if gov
        else None,
        same_as=external_links(store, {subject: None}),
        claim_count=int(count["n"]) if count else 0,
        claims=claims,
        has_next=len(ids) > page_size,
        mentioned_in=claim_rows(
            store,
            [r["c"] for r in rows(store, f"SELECT ?c WHERE {{ ?c schema:mentions {a} }} LIMIT 50")],
        ),
        events=_links(
            store,
            f"""SELECT ?x WHERE {{ {{ ?x sem:hasActor/rdf:value {a} }}
            UNION {{ ?x sem:hasActor {a} }} }} LIMIT 50""",
        ),
        published=_links_of(store, _published(store, subject)),
    )


def _actor_facts(store: Store, subject: str) -> list[Row]:
    """The actor's labels, types, aliases, roles and governed country, distinct.

    Every graph that names an actor repeats these, so asked of the store they cost a row per
    graph (58 ms for an actor in 23,000 graphs); the shared-facts index (kg.shared_facts,
    kept by the writer of an embedded store) has each once. Roles, which it does not keep,
    are asked alone: a DISTINCT over one pattern is 10x cheaper than over the union."""
    a = iri(subject)
    index = shared_facts.index_for(store)
    if index is None:
        return rows(
            store,
            f"""SELECT DISTINCT ?label ?type ?alias ?role ?gov WHERE {{
            {{ {a} rdfs:label ?label }} UNION {{ {a} a ?type }} UNION {{ {a} skos:altLabel ?alias }}
            UNION {{ {a} fk:role ?role }}
            UNION {{ {a} fk:governmentOf ?gov }} }}""",
        )
    names = {str(RDFS.label): "label", str(RDF.type): "type", str(SKOS.altLabel): "alias"}
    names[FK + "governmentOf"] = "gov"
    found = [{names[p]: str(shared_facts.term(o))} for _, p, o in index.about([subject], names)]
    found += rows(store, f"SELECT DISTINCT ?role WHERE {{ {a} fk:role ?role }}")
    return found


def _published(store: Store, subject: str) -> list[str]:
    """Up to 50 sources the actor published or wrote. Bylines come from the tallies
    (service/pages/tallies.py): as a join, they cost a look-up per claim the actor made."""
    from service.pages import tallies  # it builds on this module

    found = [
        r["x"]
        for r in rows(
            store,
            f"SELECT ?x WHERE {{ ?x schema:publisher {iri(subject)} ; a fk:Source }} LIMIT 50",
        )
    ]
    t = tallies.of(store)
    with t.lock:
        bylines = sorted(t.ahead["byline"].get(subject, ()))
    return list(dict.fromkeys(found + bylines))[:50]


def _links_of(store: Store, found: list[str]) -> list[Link]:
    names = labels(store, found)
    return [Link(x, names.get(x) or x.rsplit("/", 1)[-1]) for x in found]


def claim_rows(store: Store, ids: list[str]) -> list[Row]:
    """List rows for these claims, in this order: c, text, quote, speaker(+Label),
    source, title, date."""
    if not ids:
        return []
    values = " ".join(iri(c) for c in ids)
    found = first_per(
        rows(
            store,
            f"""SELECT ?c ?text ?quote ?speaker ?source ?date WHERE {{ VALUES ?c {{ {values} }}
            ?c schema:text ?text . OPTIONAL {{ ?c fk:quote ?quote }}
            OPTIONAL {{ ?c schema:author ?speaker }}
            OPTIONAL {{ ?c schema:appearance ?source
                       OPTIONAL {{ ?source schema:datePublished ?date }} }} }}""",
        ),
        "c",
    )
    by_id = {r["c"]: r for r in with_labels(store, found, speakerLabel="speaker", title="source")}
    return [by_id[c] for c in ids if c in by_id]


def first_per(found: list[Row], key: str) -> list[Row]:
    seen: dict[str, Row] = {}
    for r in found:
        seen.setdefault(r[key], r)
    return list(seen.values())


# --- sources --------------------------------------------------------------------------


@dataclass
class SourceView:
    iri: str
    title: str
    text: str
    url: str | None
    published: str | None
    language: str | None
    publisher: Link | None
    authors: list[Link]
    graph: str | None
    claims: list[Row]  # c, text, start, end, speaker, speakerLabel
    events: list[Link]


def source(store: Store, subject: str) -> SourceView | None:
    s = iri(subject)
    main = one(
        store,
        f"""SELECT * WHERE {{ {s} a fk:Source ; schema:text ?text .
        OPTIONAL {{ {s} schema:headline ?title }} OPTIONAL {{ {s} schema:url ?url }}
        OPTIONAL {{ {s} schema:datePublished ?date }} OPTIONAL {{ {s} schema:inLanguage ?lang }}
        OPTIONAL {{ {s} schema:publisher ?publisher }}
        OPTIONAL {{ GRAPH ?graph {{ {s} a fk:Source }} }} }} LIMIT 1""",
    )
    if main is None:
        return None
    with_labels(store, [main], publisherLabel="publisher")
    claims = rows(
        store,
        f"""SELECT ?c ?text ?speaker WHERE {{ ?c schema:appearance {s} ; schema:text ?text
        OPTIONAL {{ ?c schema:author ?speaker }} }}""",
    )
    claims = with_labels(store, first_per(claims, "c"), speakerLabel="speaker")
    # spans in a second query, by VALUES: as an OPTIONAL path above it ran 100x slower
    if claims:
        values = " ".join(iri(c["c"]) for c in claims)
        spans = {
            r["c"]: r
            for r in rows(
                store,
                f"""SELECT ?c ?start ?end WHERE {{ VALUES ?c {{ {values} }}
                ?c fk:textSpan ?sp . ?sp oa:hasSelector ?sel . ?sel oa:start ?start ; oa:end ?end
                }}""",
            )
        }
        for c in claims:
            if c["c"] in spans:
                c["start"], c["end"] = spans[c["c"]]["start"], spans[c["c"]]["end"]
    claims.sort(key=lambda r: int(r.get("start", "0")))
    return SourceView(
        iri=subject,
        title=main.get("title", subject),
        text=main["text"],
        url=main.get("url"),
        published=main.get("date"),
        language=main.get("lang"),
        publisher=_link(main, "publisher", "publisherLabel"),
        authors=_links(
            store,
            f"SELECT ?x WHERE {{ {s} schema:author ?x }}",
        ),
        graph=main.get("graph"),
        claims=claims,
        events=_links(
            store,
            f"SELECT ?x WHERE {{ ?x dcterms:source {s} ; a fk:Event }}",
        ),
    )


# --- events and places ----------------------------------------------------------------


@dataclass
class EventView:
    iri: str
    label: str
    event_type: str
    time: str | None
    time_text: str | None
    place: Link | None
    source: Link | None
    participants: list[Link]
    claims: list[Row]


def event(store: Store, subject: str) -> EventView | None:
    e = iri(subject)
    main = one(
        store,
        f"""SELECT * WHERE {{ {e} a fk:Event . OPTIONAL {{ {e} rdfs:label ?label }}
        OPTIONAL {{ {e} sem:eventType ?type }} OPTIONAL {{ {e} sem:hasTimeStamp ?time }}
        OPTIONAL {{ {e} fk:timeExpression ?timeText }}
        OPTIONAL {{ {e} sem:hasPlace ?place }} OPTIONAL {{ {e} dcterms:source ?source }}
        }} LIMIT 1""",
    )
    if main is None:
        return None
    with_labels(store, [main], placeLabel="place", title="source")
    return EventView(
        iri=subject,
        label=main.get("label", subject.rsplit("/", 1)[-1]),
        event_type=main.get("type", "").rsplit("#", 1)[-1],
        time=main.get("time"),
        time_text=main.get("timeText"),
        place=_link(main, "place", "placeLabel"),
        source=_link(main, "source", "title"),
        participants=_participants(store, e),
        claims=claim_rows(
            store,
            [r["c"] for r in rows(store, f"SELECT ?c WHERE {{ ?c schema:about {e} }} LIMIT 100")],
        ),
    )


def _participants(store: Store, e: str) -> list[Link]:
    """Who took part, each with the part it took ("agent", "patient", "addressee"): through
    a sem:Role (rdf:value, sem:roleType), or named directly by hand-written data."""
    found = rows(
        store,
        f"""SELECT ?x ?type WHERE {{ {e} sem:hasActor ?r .
        OPTIONAL {{ ?r rdf:value ?v }} OPTIONAL {{ ?r sem:roleType ?type }}
        BIND(COALESCE(?v, ?r) AS ?x) }}""",
    )
    roles: dict[str, str] = {}
    for r in found:
        role = r.get("type", "").rsplit("#", 1)[-1].lower()
        roles[r["x"]] = role if role in ("agent", "patient", "addressee") else roles.get(r["x"], "")
    names = labels(store, list(roles))
    return [Link(x, names.get(x) or x.rsplit("/", 1)[-1], role) for x, role in roles.items()]


@dataclass
class PlaceView:
    iri: str
    label: str
    same_as: list[ExternalLink]
    events: list[Link]


def place(store: Store, subject: str) -> PlaceView | None:
    p = iri(subject)
    main = one(
        store,
        f"SELECT ?label WHERE {{ {p} a fk:Place OPTIONAL {{ {p} rdfs:label ?label }} }} LIMIT 1",
    )
    if main is None:
        return None
    return PlaceView(
        iri=subject,
        label=main.get("label", subject.rsplit("/", 1)[-1]),
        same_as=external_links(store, {subject: None}),
        events=_links(
            store,
            f"SELECT ?x WHERE {{ ?x sem:hasPlace {p} }} LIMIT 100",
        ),
    )


# --- named graphs ---------------------------------------------------------------------


@dataclass
class GraphView:
    iri: str
    triples: int
    source: Link | None
    activity: Row
    claims: list[Row]


def graph(store: Store, subject: str) -> GraphView | None:
    g = iri(subject)
    count = one(store, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {g} {{ ?s ?p ?o }} }}")
    if count is None or int(count["n"]) == 0:
        return None
    src = one(
        store,
        f"""SELECT ?x ?label WHERE {{ GRAPH {g} {{ ?x a fk:Source
        OPTIONAL {{ ?x schema:headline ?label }} }} }} LIMIT 1""",
    )
    activity = one(
        store,
        f"""SELECT ?activity ?version ?model WHERE {{ GRAPH {g} {{ {g} prov:wasGeneratedBy ?activity
        OPTIONAL {{ ?activity fk:softwareVersion ?version }}
        OPTIONAL {{ ?activity fk:nlpModel ?model }} }} }} LIMIT 1""",
    )
    return GraphView(
        iri=subject,
        triples=int(count["n"]),
        source=_link(src, "x", "label") if src else None,
        activity=activity or {},
        claims=claim_rows(
            store,
            [r["c"] for r in rows(store, f"SELECT ?c WHERE {{ GRAPH {g} {{ ?c a fk:Claim }} }}")],
        ),
    )
