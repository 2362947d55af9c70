"""Run one manifest entry's HTTP requests against a served app and check every response."""

from __future__ import annotations

import http.client
import json
import warnings
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

from rdflib import Dataset, Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from tests.sparql.client import Reply
from tests.w3c.manifest import Body, Entry, Expected, Request

#: manifest path prefixes -> ours (the manifests say to replace them)
PREFIXES = {"/sparql/": "/sparql", "/gsp": "/rdf-graph-store"}

SPARQL_RESULTS_XML = "{http://www.w3.org/2005/sparql-results#}"
BOOLEAN_TYPES = {"application/sparql-results+json", "application/sparql-results+xml"}
TABULAR_TYPES = BOOLEAN_TYPES | {"text/csv", "text/tab-separated-values"}
RDF_TYPES = {
    "application/rdf+xml": "xml",
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "text/plain": "nt",
    "application/ld+json": "json-ld",
    "application/trig": "trig",
    "application/n-quads": "nquads",
}


def map_path(path: str) -> str:
    for theirs, ours in PREFIXES.items():
        if path.startswith(theirs):
            return ours + path[len(theirs) :]
    raise AssertionError(f"unexpected request path {path}")


def encode(body: Body) -> bytes:
    return body.chars.encode(body.encoding.lower())


def send(
    base_url: str, method: str, path: str, headers: dict[str, str], body: bytes | None
) -> Reply:
    """One request with exactly the manifest's headers (http.client adds none of its own)."""
    netloc = urlsplit(base_url).netloc
    conn = http.client.HTTPConnection(netloc)
    try:
        conn.request(method, path, body=body, headers=headers)
        resp = conn.getresponse()
        data = resp.read()
        return Reply(resp.status, {k.lower(): v for k, v in resp.getheaders()}, data)
    finally:
        conn.close()


def run(entry: Entry, base_url: str, token: str) -> None:
    variables: dict[str, str] = {}
    for number, request in enumerate(entry.requests, 1):
        where = f"{entry.id}, request {number} ({request.method} {request.path[:80]})"
        reply = _perform(request, base_url, token, variables)
        check(reply, request.expected, where, request.method)
        if request.expected.location_var:
            location = reply.headers.get("location")
            assert location, f"{where}: expected a Location header"
            variables[request.expected.location_var] = location


def _perform(request: Request, base_url: str, token: str, variables: dict[str, str]) -> Reply:
    path = request.path
    body = encode(request.body) if request.body is not None else None
    for name, value in variables.items():
        path = path.replace(name, value)
        if body is not None:
            body = body.replace(name.encode(), value.encode())
    headers = dict(request.headers)
    headers["authorization"] = f"Bearer {token}"
    return send(base_url, request.method, map_path(path), headers, body)


def check(reply: Reply, expected: Expected, where: str, method: str) -> None:
    detail = reply.body[:500].decode("utf-8", "replace")
    assert expected.allows(reply.status), (
        f"{where}: status {reply.status}, expected {expected.statuses}: {detail}"
    )
    if expected.result_format == "boolean" or expected.boolean is not None:
        value = parse_boolean(reply, where)
        if expected.boolean is not None:
            assert value is expected.boolean, f"{where}: ASK answered {value}"
    elif expected.result_format == "tabular":
        assert reply.media_type in TABULAR_TYPES, f"{where}: {reply.media_type} is not tabular"
        parse_tabular(reply, where)
    elif expected.result_format == "RDF":
        parse_rdf(reply, where)
    for name, value in expected.headers.items():
        _check_header(reply, name, value, where)
    if expected.body is not None and method != "HEAD":
        want_type = expected.headers.get("content-type", "text/turtle").split(";")[0].strip()
        want = Graph().parse(data=expected.body.chars, format=RDF_TYPES[want_type])
        got = parse_rdf(reply, where)
        if not isomorphic(want, got):
            _, only_want, only_got = graph_diff(to_isomorphic(want), to_isomorphic(got))
            raise AssertionError(
                f"{where}: graph differs\nmissing:\n{only_want.serialize(format='nt')}"
                f"unexpected:\n{only_got.serialize(format='nt')}"
            )
    if method == "HEAD":
        assert reply.body == b"", f"{where}: HEAD answered with a body"


def _check_header(reply: Reply, name: str, value: str, where: str) -> None:
    got = reply.headers.get(name)
    assert got is not None, f"{where}: no {name} header"
    if name != "content-type":
        assert got == value, f"{where}: {name} is {got!r}, expected {value!r}"
        return
    want_type, _, want_params = value.partition(";")
    got_type, _, got_params = got.partition(";")
    assert got_type.strip().lower() == want_type.strip().lower(), f"{where}: content-type {got}"
    if "charset" in want_params.lower():
        assert want_params.strip().lower().replace(" ", "") in got_params.lower().replace(
            " ", ""
        ), f"{where}: content-type {got!r}, expected {value!r}"


def parse_boolean(reply: Reply, where: str) -> bool:
    assert reply.media_type in BOOLEAN_TYPES, f"{where}: {reply.media_type} cannot hold a boolean"
    if reply.media_type.endswith("json"):
        data = json.loads(reply.body)
        assert isinstance(data.get("boolean"), bool), f"{where}: no boolean in {data}"
        return bool(data["boolean"])
    root = ET.fromstring(reply.body)
    node = root.find(f"{SPARQL_RESULTS_XML}boolean")
    assert node is not None and node.text in ("true", "false"), f"{where}: no <boolean>"
    return node.text == "true"


def parse_tabular(reply: Reply, where: str) -> None:
    text = reply.body.decode("utf-8")
    if reply.media_type.endswith("json"):
        data = json.loads(text)
        assert "results" in data and "vars" in data["head"], f"{where}: not SPARQL JSON results"
    elif reply.media_type.endswith("xml"):
        root = ET.fromstring(reply.body)
        assert root.find(f"{SPARQL_RESULTS_XML}results") is not None, f"{where}: no <results>"
    else:
        assert text.strip(), f"{where}: empty {reply.media_type}"


def parse_rdf(reply: Reply, where: str) -> Graph:
    fmt = RDF_TYPES.get(reply.media_type)
    assert fmt is not None, f"{where}: {reply.media_type} is not an RDF syntax"
    text = reply.body.decode("utf-8")
    if fmt in ("trig", "nquads"):  # a dataset syntax: its triples, whatever their graph
        merged = Graph()
        for s, p, o, _ in Dataset().parse(data=text, format=fmt).quads():
            merged.add((s, p, o))
        return merged
    with warnings.catch_warnings():  # rdflib's JSON-LD parser uses a deprecated class
        warnings.simplefilter("ignore", DeprecationWarning)
        return Graph().parse(data=text, format=fmt)
