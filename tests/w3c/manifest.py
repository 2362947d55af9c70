"""Read the W3C SPARQL 1.1 protocol / graph store / service description manifests (rdflib).

Each protocol and graph store test is a sequence of HTTP requests (``ht:Request``) with the
expected response (``ht:Response``): status codes, boolean result, result format, Location,
headers and an RDF body to compare by isomorphism.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")

#: hts: status terms -> the codes they allow
STATUS_NAMES = {
    "OK": 200,
    "Created": 201,
    "Accepted": 202,
    "NoContent": 204,
    "BadRequest": 400,
    "NotFound": 404,
    "UnsupportedMediaType": 415,
}


@dataclass
class Body:
    chars: str
    encoding: str


@dataclass
class Expected:
    statuses: list[str]  # hts local names, e.g. "StatusCode2xx", "Created"
    boolean: bool | None = None
    result_format: str | None = None  # "boolean" | "tabular" | "RDF"
    location_var: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: Body | None = None

    def allows(self, status: int) -> bool:
        for name in self.statuses:
            if name.startswith("StatusCode") and name.endswith("xx"):
                if status // 100 == int(name[len("StatusCode")]):
                    return True
            elif STATUS_NAMES.get(name) == status:
                return True
        return False


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: Body | None
    expected: Expected


@dataclass
class Entry:
    id: str
    name: str
    kind: str  # ProtocolTest, GraphStoreProtocolTest, ServiceDescriptionTest
    requires: list[str]
    graph_data: list[tuple[Path, str]]  # (file, graph IRI)
    requests: list[Request]


def _items(g: Graph, head: Node | None) -> list[Node]:
    return list(Collection(g, head)) if head is not None else []


def _body(g: Graph, node: Node | None) -> Body | None:
    if node is None:
        return None
    chars = g.value(node, CNT.chars)
    encoding = g.value(node, CNT.characterEncoding)
    return Body(str(chars), str(encoding or "UTF-8"))


def _headers(g: Graph, node: Node) -> dict[str, str]:
    out: dict[str, str] = {}
    for h in _items(g, g.value(node, HT.headers)):
        out[str(g.value(h, HT.fieldName)).lower()] = str(g.value(h, HT.fieldValue))
    return out


def _local(term: Node) -> str:
    return str(term).rsplit("#", 1)[-1]


def read(path: Path) -> list[Entry]:
    """The entries of the manifest at ``path`` (following mf:include), in manifest order."""
    g = Graph().parse(path, format="turtle", publicID=path.resolve().as_uri())
    manifest = URIRef(path.resolve().as_uri())
    entries: list[Entry] = []
    for included in _items(g, g.value(manifest, MF.include)):
        entries += read(Path(str(included).removeprefix("file://")))
    for node in _items(g, g.value(manifest, MF.entries)):
        entries.append(_entry(g, node))
    return entries


def _entry(g: Graph, node: Node) -> Entry:
    data: list[tuple[Path, str]] = []
    for gd in g.objects(node, UT.graphData):
        file = Path(str(g.value(gd, UT.graph)).removeprefix("file://"))
        data.append((file, str(g.value(gd, RDFS.label))))
    requests: list[Request] = []
    action = g.value(node, MF.action)
    for r in _items(g, g.value(action, HT.requests)) if action is not None else []:
        resp = g.value(r, HT.resp)
        assert resp is not None, f"{node}: a request without ht:resp"
        boolean = g.value(resp, MF.expectedBoolean)
        fmt = g.value(resp, MF.expectedFormat)
        location = g.value(resp, MF.expectedLocation)
        expected = Expected(
            statuses=sorted(_local(s) for s in g.objects(resp, MF.expectedStatus)),
            boolean=bool(boolean.toPython()) if boolean is not None else None,  # type: ignore[attr-defined]
            result_format=str(fmt) if fmt is not None else None,
            location_var=str(location) if location is not None else None,
            headers=_headers(g, resp),
            body=_body(g, g.value(resp, HT.body)),
        )
        requests.append(
            Request(
                method=str(g.value(r, HT.methodName)),
                path=str(g.value(r, HT.absolutePath)),
                headers=_headers(g, r),
                body=_body(g, g.value(r, HT.body)),
                expected=expected,
            )
        )
    return Entry(
        id=_local(node),
        name=str(g.value(node, MF.name)),
        kind=_local(g.value(node, RDF.type) or ""),
        requires=sorted(_local(r) for r in g.objects(node, MF.requires)),
        graph_data=data,
        requests=requests,
    )
