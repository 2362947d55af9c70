"""Resource pages: one URL per IRI, HTML for people, RDF for machines, 404 for unknown ids."""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest
from rdflib import RDF, Graph, URIRef

from kg.convert import to_graph
from kg.namespace import FK, SCHEMA
from kg.store.terms import to_rdflib
from tests.conftest import BASE
from tests.pages import synth
from tests.pages.client import get

RDF_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
SUFFIXES = {
    "ttl": ox.RdfFormat.TURTLE,
    "jsonld": ox.RdfFormat.JSON_LD,
    "nt": ox.RdfFormat.N_TRIPLES,
    "rdf": ox.RdfFormat.RDF_XML,
}


def parse(body: bytes, fmt: ox.RdfFormat) -> Graph:
    """Parse with pyoxigraph (rdflib's JSON-LD parser warns about ConjunctiveGraph)."""
    g = Graph()
    for t in ox.parse(body, format=fmt):
        g.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    return g


def article(i: int = 0) -> tuple[str, Graph]:
    return to_graph(synth.article_extraction(i), BASE, synth.PROVENANCE)


def prolific_claim(i: int = 0) -> tuple[URIRef, Graph]:
    """The claim article ``i`` attributes to PROLIFIC (its first paragraph)."""
    _, g = article(i)
    speaker = URIRef(BASE + "actor/amara-okafor")
    claim = next(c for c in g.subjects(SCHEMA.author, speaker) if (c, RDF.type, FK.Claim) in g)
    assert isinstance(claim, URIRef)
    return claim, g


def path_of(iri: str) -> str:
    return "/" + iri[len(BASE) :]


def test_claim_html_shows_who_said_what_where(site_url: str) -> None:
    claim, g = prolific_claim()
    reply = get(site_url + path_of(claim))
    assert reply.status == 200
    assert reply.headers["Content-Type"].startswith("text/html")
    page = reply.text
    quote = str(g.value(claim, FK.quote))
    # the claim once: a direct quotation is the heading, in its marks, and nothing repeats it
    assert f'<h1 class="claim-text quote">“<span property="text">{quote}</span>”</h1>' in page
    assert page.count('class="claim-text') == 1 and "<blockquote" not in page
    assert ">Amara Okafor</a>" in page and "the interior minister" in page
    assert "Row over taxes deepens (report 0)" in page  # source title
    assert "Daily Planet" in page and "2021-01-01" in page
    assert 'href="https://news.example/0"' in page
    # the statement highlighted in its paragraph, with the quote inside it
    assert f'<mark class="span current quote">{quote}</mark>' in page
    assert '<mark class="span current">&#34;</mark>' in page
    # its event, other claims by the speaker, the RDF forms, validation status
    assert "arrest of protesters in Lagos (0)" in page
    assert "Other claims by Amara Okafor" in page
    assert f'href="{path_of(claim)}.ttl"' in page
    assert 'class="badge ok"' in page
    assert "<svg" in page and "schema:author" in page


def test_html_answer_headers(site_url: str) -> None:
    claim, _ = prolific_claim()
    reply = get(site_url + path_of(claim), accept="text/html,application/xhtml+xml,*/*;q=0.8")
    assert reply.status == 200
    assert reply.headers["Vary"] == "Accept"
    csp = reply.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    links = reply.headers["Link"]
    for suffix, media in [("ttl", "text/turtle"), ("jsonld", "application/ld+json")]:
        assert f'<{path_of(claim)}.{suffix}>; rel="alternate"; type="{media}"' in links


@pytest.mark.parametrize("media", sorted(RDF_TYPES))
def test_claim_rdf_by_accept(site_url: str, media: str) -> None:
    claim, g = prolific_claim()
    reply = get(site_url + path_of(claim), accept=media)
    assert reply.status == 200
    assert reply.headers["Content-Type"].split(";")[0] == media
    assert reply.headers["Vary"] == "Accept"
    got = parse(reply.body, RDF_TYPES[media])
    # every triple the conversion wrote about the claim comes back
    for p, o in g.predicate_objects(claim):
        assert str(o) in {str(x) for x in got.objects(claim, p)}, (p, o)
    # and the spans' selectors, so the offsets are usable without a second request
    assert len(list(got.triples((None, URIRef("http://www.w3.org/ns/oa#start"), None)))) >= 2


@pytest.mark.parametrize("suffix", sorted(SUFFIXES))
def test_suffix_forms(site_url: str, suffix: str) -> None:
    claim, _ = prolific_claim()
    reply = get(f"{site_url}{path_of(claim)}.{suffix}", accept="text/html")
    assert reply.status == 200
    got = parse(reply.body, SUFFIXES[suffix])
    assert (claim, RDF.type, FK.Claim) in got


@pytest.mark.parametrize("kind", ["claim", "actor", "source", "event", "place", "graph"])
def test_unknown_ids_are_404_in_html_and_rdf(site_url: str, kind: str) -> None:
    html = get(f"{site_url}/{kind}/no-such-thing")
    assert html.status == 404
    assert "no-such-thing" in html.text and html.headers["Content-Type"].startswith("text/html")
    rdf = get(f"{site_url}/{kind}/no-such-thing", accept="text/turtle")
    assert rdf.status == 404 and b"no-such-thing" in rdf.body
    assert get(f"{site_url}/{kind}/no-such-thing.ttl").status == 404
    assert get(f"{site_url}/{kind}/bad.suffix").status == 404


def test_unservable_accept_is_406(site_url: str) -> None:
    claim, _ = prolific_claim()
    reply = get(site_url + path_of(claim), accept="image/png")
    assert reply.status == 406
    assert b"text/turtle" in reply.body


def test_actor_page(site_url: str) -> None:
    page = get(site_url + "/actor/amara-okafor")
    assert page.status == 200
    text = page.text
    assert "<h1>Amara Okafor</h1>" in text and "Person" in text
    assert "the interior minister" in text
    claims = page.links("/claim/")
    assert 12 <= len(claims) <= 25  # at least one per article, one page of them
    gov = get(site_url + "/actor/government-of-kenya").text
    assert "officials in Nairobi" in gov


def test_source_page_highlights_every_claim(site_url: str) -> None:
    iri, g = article(3)
    source = next(g.subjects(RDF.type, FK.Source))
    page = get(site_url + path_of(str(source)))
    assert page.status == 200
    text = page.text
    assert f'<h1 class="headline">{g.value(source, SCHEMA.headline)}</h1>' in text
    claims = {str(c) for c in g.subjects(RDF.type, FK.Claim)}
    spans = {path_of(c) for c in claims}
    linked = set(re.findall(r'<a class="span claim" href="(/claim/[0-9a-f]+)"', text))
    assert linked == spans
    assert path_of(iri) in text  # its named graph


def test_event_place_and_graph_pages(site_url: str) -> None:
    iri, g = article(1)
    event = next(g.subjects(RDF.type, FK.Event))
    page = get(site_url + path_of(str(event)))
    assert page.status == 200
    assert "arrest of protesters in Nairobi (1)" in page.text
    assert "Police" in page.text and "/place/nairobi" in page.text
    assert len(page.links("/claim/")) == 4  # every claim of article 1 is about it
    place = get(site_url + "/place/nairobi")
    assert place.status == 200 and "arrest of protesters in Nairobi (1)" in place.text
    graph = get(site_url + path_of(iri))
    assert graph.status == 200 and "Row over" in graph.text and "synthetic" in graph.text
    trig = parse(get(site_url + path_of(iri) + ".nt").body, ox.RdfFormat.N_TRIPLES)
    assert len(trig) == len(g)
