"""An event's page says the part each participant took (its sem:Role's sem:roleType), its RDF
carries the roles, and an actor's page lists the events it took part in through them."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import RDF, URIRef

from kg.namespace import FK, SEM
from tests.conftest import BASE
from tests.pages.client import get
from tests.pages.test_resources import article, parse, path_of


def test_event_page_says_who_took_what_part(site_url: str) -> None:
    _, g = article(1)
    event = next(g.subjects(RDF.type, FK.Event))
    page = get(site_url + path_of(str(event)))
    assert page.status == 200
    assert "/actor/police" in page.text and "(agent)" in page.text
    rdf = parse(get(site_url + path_of(str(event)) + ".nt").body, ox.RdfFormat.N_TRIPLES)
    (role,) = rdf.objects(event, SEM.hasActor)
    assert rdf.value(role, RDF.value) == URIRef(BASE + "actor/police")
    assert rdf.value(role, SEM.roleType) == FK.Agent


def test_actor_page_lists_the_events_it_took_part_in(site_url: str) -> None:
    _, g = article(1)
    event = next(g.subjects(RDF.type, FK.Event))
    page = get(site_url + "/actor/police")
    assert page.status == 200
    assert path_of(str(event)) in page.text
