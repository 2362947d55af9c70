"""W3C SPARQL 1.1 Service Description tests (service-description/manifest.ttl).

The manifest gives only names; each check implements its name: a GET on the endpoint without a
query returns RDF, with an sd:endpoint triple naming the endpoint, conforming to the SD
vocabulary (tests/w3c/sd-shapes.ttl, written from the spec's domains and ranges).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import RDF, Graph, Namespace, URIRef

from tests.conftest import W3C
from tests.w3c import manifest, runner

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
ENTRIES = manifest.read(W3C / "service-description" / "manifest.ttl")
ACCEPT = "text/turtle, application/rdf+xml;q=0.9, application/n-triples;q=0.8"


def _description(base_url: str) -> Graph:
    reply = runner.send(base_url, "GET", "/sparql", {"accept": ACCEPT}, None)
    assert reply.status == 200, f"GET /sparql answered {reply.status}"
    return runner.parse_rdf(reply, "GET /sparql")


def has_endpoint_triple(base_url: str) -> None:
    endpoint = URIRef(f"{base_url}/sparql")
    services = list(_description(base_url).subjects(SD.endpoint, endpoint))
    assert services, f"no ?service sd:endpoint <{endpoint}>"


def returns_rdf(base_url: str) -> None:
    assert len(_description(base_url)) > 0


def conforms_to_schema(base_url: str) -> None:
    g = _description(base_url)
    assert list(g.subjects(RDF.type, SD.Service)), "no sd:Service in the description"
    shapes = Graph().parse(Path(__file__).with_name("sd-shapes.ttl"))
    conforms, _, text = validate(g, shacl_graph=shapes)
    assert conforms, text


CHECKS: dict[str, Callable[[str], None]] = {
    "has-endpoint-triple": has_endpoint_triple,
    "returns-rdf": returns_rdf,
    "conforms-to-schema": conforms_to_schema,
}


def test_every_entry_has_a_check() -> None:
    assert sorted(e.id for e in ENTRIES) == sorted(CHECKS)


@pytest.mark.parametrize("entry", ENTRIES, ids=[e.id for e in ENTRIES])
def test_service_description(entry: manifest.Entry, w3c_url: str) -> None:
    CHECKS[entry.id](w3c_url)
