"""Graph Store HTTP Protocol: round trips in every body format, status codes, refusals."""

from __future__ import annotations

import warnings
from concurrent.futures import ThreadPoolExecutor

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.store import Store
from service.query import runner as query_runner
from tests.writes.conftest import AUTH, Client, dump

G = "http://example.org/people"
PATH = f"/rdf-graph-store?graph={G}"
DATA = Graph().parse(
    data="""
    @prefix foaf: <http://xmlns.com/foaf/0.1/> .
    <http://example.org/alice> a foaf:Person ; foaf:name "Alice \\"Al\\" Smith"@en ;
        foaf:age 42 ; foaf:knows [ foaf:name "Bob, ünïcode" ] .
    """,
    format="turtle",
)
BODIES = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
    "application/trig": "trig",
}


def _get(client: Client, path: str = PATH, accept: str = "text/turtle") -> Graph:
    reply = client.request("GET", path, headers={"Accept": accept})
    assert reply.status == 200, reply.text
    assert reply.headers["content-type"].split(";")[0] == accept
    return parse(reply.text, accept)


def parse(text: str, media_type: str) -> Graph:
    with warnings.catch_warnings():
        # rdflib's JSON-LD parser builds a deprecated ConjunctiveGraph internally
        warnings.simplefilter("ignore", DeprecationWarning)
        return Graph().parse(data=text, format=BODIES[media_type])


@pytest.mark.parametrize("media_type", list(BODIES))
def test_put_then_get_round_trips(client: Client, media_type: str) -> None:
    if media_type == "application/trig":  # rdflib would name the graph; TriG's default graph
        body = "{\n" + DATA.serialize(format="nt") + "}\n"
    else:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            body = DATA.serialize(format=BODIES[media_type])
    reply = client.request("PUT", PATH, body, {"Content-Type": media_type, **AUTH})
    assert reply.status == 201, reply.text
    for accept in (
        "text/turtle",
        "application/n-triples",
        "application/rdf+xml",
        "application/ld+json",
    ):
        assert isomorphic(_get(client, accept=accept), DATA), accept


def test_put_replaces_post_merges_delete_removes(client: Client) -> None:
    turtle = {"Content-Type": "text/turtle", **AUTH}
    assert (
        client.request(
            "PUT", PATH, "<http://example.org/a> <http://example.org/p> 1 .", turtle
        ).status
        == 201
    )
    assert (
        client.request(
            "PUT", PATH, "<http://example.org/a> <http://example.org/p> 2 .", turtle
        ).status
        == 204
    )
    assert (
        client.request(
            "POST", PATH, "<http://example.org/a> <http://example.org/p> 3 .", turtle
        ).status
        == 204
    )
    got = _get(client)
    assert sorted(int(o) for o in got.objects()) == [2, 3]  # type: ignore[call-overload]
    assert client.request("DELETE", PATH, headers=AUTH).status == 204
    assert client.request("GET", PATH).status == 404
    assert client.request("DELETE", PATH, headers=AUTH).status == 404


def test_post_creates_a_new_graph(client: Client) -> None:
    reply = client.request(
        "POST",
        "/rdf-graph-store",
        DATA.serialize(format="turtle"),
        {"Content-Type": "text/turtle", **AUTH},
    )
    assert reply.status == 201
    location = reply.headers["location"]
    assert location.startswith("http://factkg.test/graph/")
    assert isomorphic(_get(client, f"/rdf-graph-store?graph={location}"), DATA)


def test_get_default_is_the_union(client: Client) -> None:
    turtle = {"Content-Type": "text/turtle", **AUTH}
    client.request(
        "PUT",
        "/rdf-graph-store?graph=http://example.org/g1",
        "<http://example.org/a> <http://example.org/p> 1 .",
        turtle,
    )
    client.request(
        "PUT",
        "/rdf-graph-store?graph=http://example.org/g2",
        "<http://example.org/b> <http://example.org/p> 2 .",
        turtle,
    )
    assert len(_get(client, "/rdf-graph-store?default")) == 2


def test_writes_to_default_are_refused(client: Client, app_store: Store) -> None:
    reply = client.request(
        "PUT",
        "/rdf-graph-store?default",
        "<http://a> <http://b> 1 .",
        {"Content-Type": "text/turtle", **AUTH},
    )
    assert reply.status == 400
    assert "default graph" in reply.text
    assert dump(app_store) == []


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        ("<http://a> <http://b> .", "text/turtle", 400),
        ("{ not json", "application/ld+json", 400),
        ("<x", "application/rdf+xml", 400),
        ("GRAPH <http://g> { <http://a> <http://b> 1 }", "application/trig", 400),
        ("hello", "text/plain", 415),
        ("hello", "", 415),
    ],
    ids=["turtle", "jsonld", "rdfxml", "trig-named-graph", "text-plain", "no-type"],
)
def test_bad_bodies(
    client: Client, app_store: Store, body: str, content_type: str, status: int
) -> None:
    headers = {**AUTH, **({"Content-Type": content_type} if content_type else {})}
    reply = client.request("PUT", PATH, body, headers)
    assert reply.status == status, reply.text
    assert dump(app_store) == []


def test_unacceptable_accept_is_406(client: Client) -> None:
    client.request(
        "PUT", PATH, "<http://a> <http://b> 1 .", {"Content-Type": "text/turtle", **AUTH}
    )
    assert client.request("GET", PATH, headers={"Accept": "image/png"}).status == 406


def test_bad_graph_parameters(client: Client) -> None:
    assert client.request("GET", "/rdf-graph-store?graph=not%20an%20iri").status == 400
    assert client.request("GET", "/rdf-graph-store?graph=http://a&graph=http://b").status == 400
    assert client.request("GET", "/rdf-graph-store").status == 400


def test_body_size_is_capped(make_app, serve) -> None:  # type: ignore[no-untyped-def]
    client = Client(serve(make_app(API_TOKEN="s3cret-token", MAX_BODY_BYTES=100)))
    body = '<http://example.org/a> <http://example.org/p> "' + "x" * 200 + '" .'
    reply = client.request("PUT", PATH, body, {"Content-Type": "text/turtle", **AUTH})
    assert reply.status == 413


def test_get_is_capped_by_max_result_bytes(make_app, serve) -> None:  # type: ignore[no-untyped-def]
    client = Client(serve(make_app(API_TOKEN="s3cret-token", MAX_RESULT_BYTES=50)))
    body = '<http://example.org/a> <http://example.org/p> "' + "x" * 100 + '" .'
    assert client.request("PUT", PATH, body, {"Content-Type": "text/turtle", **AUTH}).status == 201
    assert client.request("GET", PATH).status == 422


def test_concurrent_merges_lose_nothing(client: Client) -> None:
    """Writers hold one lock from reading the graph to applying, so no POST is lost."""
    headers = {"Content-Type": "text/turtle", **AUTH}

    def post(i: int) -> int:
        body = f"<http://example.org/a> <http://example.org/p> {i} ."
        return client.request("POST", PATH, body, headers).status

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(post, range(16)))
    assert statuses.count(201) == 1  # exactly one request created the graph
    assert statuses.count(204) == 15
    assert sorted(int(o) for o in _get(client).objects()) == list(range(16))  # type: ignore[call-overload]


def test_direct_identification_cannot_inject(client: Client, app_store: Store) -> None:
    """A decoded path is an IRI only if it is a valid one: nothing reaches a query unchecked."""
    reply = client.request("GET", "/rdf-graph-store/x%3E%20%7D%20UNION%20%7B")
    assert reply.status == 400
    put = client.request(
        "PUT",
        "/rdf-graph-store/a%3E%20%7D",
        "<http://a> <http://b> 1 .",
        {"Content-Type": "text/turtle", **AUTH},
    )
    assert put.status == 400
    assert dump(app_store) == []


def test_direct_identification_round_trips(client: Client) -> None:
    body = DATA.serialize(format="turtle")
    path = "/rdf-graph-store/people/alice.ttl"
    assert client.request("PUT", path, body, {"Content-Type": "text/turtle", **AUTH}).status == 201
    assert isomorphic(_get(client, path), DATA)
    same = _get(
        client, "/rdf-graph-store?graph=http://factkg.test/rdf-graph-store/people/alice.ttl"
    )
    assert isomorphic(same, DATA)


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE r [
<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns:ex="http://example.org/">
  <rdf:Description rdf:about="http://example.org/a"><ex:p>&d;</ex:p></rdf:Description>
</rdf:RDF>
"""


def test_xml_entity_bodies_are_refused(client: Client, app_store: Store) -> None:
    """Regression: a ~700-byte RDF/XML body with nested entities became a 10 MB literal."""
    headers = {"Content-Type": "application/rdf+xml", **AUTH}
    reply = client.request("PUT", PATH, BILLION_LAUGHS, headers)
    assert reply.status == 400, reply.text
    assert "DOCTYPE" in reply.error["detail"]
    assert dump(app_store) == []


def test_xml_entity_parts_of_a_multipart_body_are_refused(client: Client, app_store: Store) -> None:
    boundary = "b0undary"
    body = (
        f"--{boundary}\r\nContent-Disposition: form-data; name=f; filename=x.rdf\r\n"
        f"Content-Type: application/rdf+xml\r\n\r\n{BILLION_LAUGHS}\r\n--{boundary}--\r\n"
    )
    headers = {"Content-Type": f"multipart/form-data; boundary={boundary}", **AUTH}
    reply = client.request("PUT", PATH, body, headers)
    assert reply.status == 400, reply.text
    assert dump(app_store) == []


def test_get_default_runs_in_the_query_pool_and_is_capped(  # type: ignore[no-untyped-def]
    make_app, serve
) -> None:
    """Regression: ?default serialised the whole store in the request thread, with no
    timeout, and only then compared it to MAX_RESULT_BYTES."""
    app = make_app(API_TOKEN="s3cret-token", MAX_RESULT_BYTES=50)
    client = Client(serve(app))
    body = '<http://example.org/a> <http://example.org/p> "' + "x" * 100 + '" .'
    assert client.request("PUT", PATH, body, {"Content-Type": "text/turtle", **AUTH}).status == 201
    pool = app.extensions[query_runner.KEY]
    assert pool.pids == []  # workers start on demand
    reply = client.request("GET", "/rdf-graph-store?default")
    assert reply.status == 422, reply.text
    assert "MAX_RESULT_BYTES" in reply.error["detail"]
    assert len(pool.pids) == 1  # it ran in a killable worker


def test_errors_have_the_one_json_shape(client: Client) -> None:
    for reply in (
        client.request("GET", "/rdf-graph-store"),
        client.request("GET", f"/rdf-graph-store?graph={G}/missing"),
        client.request("GET", PATH + "x", headers={"Accept": "image/png"}),
        client.request("PUT", PATH, "x", {"Content-Type": "text/plain", **AUTH}),
    ):
        assert reply.error["status"] in (400, 404, 406, 415)
