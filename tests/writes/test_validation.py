"""Every write is validated against the shapes for the graphs it touches, and refused whole."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef

from kg.store import Store
from tests.writes.conftest import AUTH, INVALID, VALID, Client, dump

SH = Namespace("http://www.w3.org/ns/shacl#")
GRAPH = "http://factkg.test/graph/s1"
OTHER = "http://example.org/other"
CLAIMANT = "exactly one claimant"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"


def _insert_data(path: Path, graph: str) -> str:
    return _data(Graph().parse(path), graph)


def _data(g: Graph, graph: str) -> str:
    return f"INSERT DATA {{ GRAPH <{graph}> {{\n{g.serialize(format='nt')}\n}} }}"


def test_claim_without_speaker_is_refused_with_report(client: Client, app_store: Store) -> None:
    before = dump(app_store)
    reply = client.update(_insert_data(INVALID / "claim_without_speaker.ttl", GRAPH))
    assert reply.status == 400
    error = json.loads(reply.body)["error"]
    assert CLAIMANT in error["report"]
    report = Graph().parse(data=error["report_turtle"], format="turtle")
    assert (None, SH.conforms, Literal(False)) in report
    assert dump(app_store) == before


def test_report_as_turtle_or_text(client: Client) -> None:
    update = _insert_data(INVALID / "claim_without_speaker.ttl", GRAPH)
    turtle = client.update(update, Accept="text/turtle")
    assert turtle.status == 400
    assert turtle.headers["content-type"].startswith("text/turtle")
    report = Graph().parse(data=turtle.text, format="turtle")
    assert (None, SH.conforms, Literal(False)) in report
    text = client.update(update, Accept="text/plain")
    assert text.status == 400 and CLAIMANT in text.text


def test_refusal_is_whole_across_graphs(client: Client, app_store: Store) -> None:
    client.update(f"INSERT DATA {{ GRAPH <{OTHER}> {{ <{OTHER}#s> <{OTHER}#p> 0 }} }}")
    before = dump(app_store)
    valid_part = f"INSERT DATA {{ GRAPH <{OTHER}> {{ <{OTHER}#s> <{OTHER}#p> 1 }} }}"
    invalid_part = _insert_data(INVALID / "claim_without_speaker.ttl", GRAPH)
    reply = client.update(f"{valid_part} ;\n{invalid_part}")
    assert reply.status == 400
    assert dump(app_store) == before


@pytest.mark.parametrize(
    "name", ["claim_without_speaker", "claim_two_verbs", "span_start_after_end"]
)
def test_graph_store_put_of_invalid_graph_is_refused(
    client: Client, app_store: Store, name: str
) -> None:
    before = dump(app_store)
    body = (INVALID / f"{name}.ttl").read_text()
    reply = client.request(
        "PUT", f"/rdf-graph-store?graph={GRAPH}", body, {"Content-Type": "text/turtle", **AUTH}
    )
    assert reply.status == 400, reply.text
    assert "report" in json.loads(reply.body)["error"]
    assert dump(app_store) == before


def test_update_breaking_a_stored_graph_is_refused(client: Client, app_store: Store) -> None:
    """A DELETE that removes a required property is validated like an insert."""
    client.request(
        "PUT",
        f"/rdf-graph-store?graph={OTHER}",
        "@prefix fk: <https://w3id.org/factkg/ns#> . <http://factkg.test/place/x> a fk:Place ; "
        '<http://www.w3.org/2000/01/rdf-schema#label> "X" .',
        {"Content-Type": "text/turtle", **AUTH},
    )
    before = dump(app_store)
    assert before, "the place graph was written"
    reply = client.update(f"DELETE WHERE {{ GRAPH <{OTHER}> {{ ?s {LABEL} ?l }} }}")
    assert reply.status == 400, reply.text
    assert dump(app_store) == before


def test_valid_claim_is_written(client: Client, app_store: Store) -> None:
    reply = client.update(_insert_data(VALID / "minimal_claim.ttl", GRAPH))
    assert reply.status == 204, reply.text
    assert len(app_store.graph(GRAPH)) == len(Graph().parse(VALID / "minimal_claim.ttl"))


def test_valid_claim_through_graph_store_round_trips(client: Client) -> None:
    body = (VALID / "claim_with_event.ttl").read_text()
    reply = client.request(
        "PUT", f"/rdf-graph-store?graph={GRAPH}", body, {"Content-Type": "text/turtle", **AUTH}
    )
    assert reply.status == 201, reply.text
    got = client.request(
        "GET", f"/rdf-graph-store?graph={GRAPH}", headers={"Accept": "text/turtle"}
    )
    assert len(Graph().parse(data=got.text, format="turtle")) == len(
        Graph().parse(VALID / "claim_with_event.ttl")
    )


def test_claim_is_validated_in_the_context_of_other_graphs(client: Client) -> None:
    """The speaker is described in another graph: alone, the claim's speaker is not known to
    be an fk:Actor; once the actor's graph is stored, the same write conforms."""
    claim = Graph().parse(VALID / "minimal_claim.ttl")
    actor = URIRef("http://factkg.test/actor/jane-roe")
    people = Graph()
    for triple in claim.triples((actor, None, None)):
        people.add(triple)
        claim.remove(triple)
    # alone, the claim's speaker is not known to be an fk:Actor
    alone = client.update(_data(claim, GRAPH))
    assert alone.status == 400 and CLAIMANT in json.loads(alone.body)["error"]["report"]
    assert client.update(_data(people, OTHER)).status == 204
    assert client.update(_data(claim, GRAPH)).status == 204
