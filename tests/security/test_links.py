"""Every link on every page goes to an http(s) URL or to this site, whatever the graph holds
(issue: an actor's ``owl:sameAs <javascript:alert(3)>`` became ``<a href="javascript:...">``
on its page: the "Elsewhere" list linked every sameAs as it was)."""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest
from flask import Flask
from rdflib import OWL, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS

from tests.conftest import BASE, start_server
from tests.security.conftest import close_app, load, new_app, request
from tests.sparql import data

FK = Namespace("https://w3id.org/factkg/ns#")
SCHEMA = Namespace("https://schema.org/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")

#: IRIs a graph can hold that must never become links
HOSTILE_IRIS = [
    "javascript:alert(3)",
    "JaVaScRiPt:alert(4)",
    "vbscript:msgbox(5)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCg2KTwvc2NyaXB0Pg==",
    BASE + "/evil.example/x",  # ours by prefix; as a local path "//evil.example/x"
]
#: literals (no IRI can hold whitespace or controls) that a browser would read as javascript:
HOSTILE_TEXTS = [
    " javascript:alert(7)",
    "java\tscript:alert(8)",
    "java\nscript:alert(9)",
    "\x01javascript:alert(10)",
    "JAVASCRIPT:alert(11)",
    "data:text/html,<script>alert(12)</script>",
]


def hostile_graphs() -> dict[str, object]:
    graphs: dict[str, object] = dict(data.graphs(BASE, 2))
    iri, g = data.article(BASE, 0)
    ns = Namespace(BASE)
    actor, place = ns["actor/li-wei"], ns["place/hong-kong"]
    claim, source, event = ns["claim/c0000x0"], ns["source/s0000"], ns["event/e0000"]
    evil_actor = URIRef(HOSTILE_IRIS[-1])
    g.add((evil_actor, RDF.type, FK.Actor))
    g.add((evil_actor, RDF.type, FK.Person))
    g.add((evil_actor, RDFS.label, Literal("Eve Vil")))
    g.add((ns["claim/c0000x1"], SCHEMA.author, evil_actor))
    for value in HOSTILE_IRIS:
        g.add((actor, OWL.sameAs, URIRef(value)))
        g.add((actor, SCHEMA.sameAs, URIRef(value)))
        g.add((place, OWL.sameAs, URIRef(value)))
        g.add((claim, OWL.sameAs, URIRef(value)))
        g.add((claim, SCHEMA.mentions, URIRef(value)))
        g.add((claim, SCHEMA.about, URIRef(value)))
        g.add((source, SCHEMA.author, URIRef(value)))
        g.add((event, SEM.hasActor, URIRef(value)))
    g.add((claim, FK.relayedBy, URIRef(HOSTILE_IRIS[0])))
    g.add((source, SCHEMA.publisher, URIRef(HOSTILE_IRIS[1])))
    g.add((event, SEM.hasPlace, URIRef(HOSTILE_IRIS[3])))
    for n, text in enumerate(HOSTILE_TEXTS):
        g.add((actor, OWL.sameAs, Literal(text)))
        g.add((place, OWL.sameAs, Literal(text)))
        g.add((source, SCHEMA.url, Literal(text)))
        review = ns[f"review/r{n}"]
        g.add((review, SCHEMA.itemReviewed, claim))
        g.add((review, SCHEMA.url, Literal(text)))
        g.add((review, SCHEMA.author, URIRef(HOSTILE_IRIS[n % len(HOSTILE_IRIS)])))
    graphs[iri] = g
    return graphs


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    app: Flask = new_app(Path(tmp_path_factory.mktemp("links")) / "store")
    load(app, hostile_graphs())
    base, shut = start_server(app)
    yield base
    shut()
    close_app(app)


class Links(HTMLParser):
    """Every URL-valued attribute of a page, as the browser sees it (entities decoded)."""

    ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "cite"}

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None], str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in self.ATTRIBUTES and value is not None:
                self.found.append((tag, dict(attrs), value))


def as_browser_reads(url: str) -> str:
    """What the WHATWG URL parser does first: strip leading and trailing C0 controls and
    spaces, drop tabs and newlines anywhere."""
    url = url.strip("".join(chr(c) for c in range(0x21)))
    return "".join(ch for ch in url if ch not in "\t\n\r")


def safe(tag: str, attrs: dict[str, str | None], url: str) -> bool:
    seen = as_browser_reads(url)
    if tag == "link" and attrs.get("rel") == "icon" and seen == "data:,":
        return True  # base.html's empty favicon: a constant, no data reaches it
    if seen.lower().startswith(("http://", "https://")):
        return True
    # the site's own: a path (not "//host" or "/\host", which leave the site), a query, a
    # fragment
    return seen.startswith(("/", "?", "#")) and not seen.startswith(("//", "/\\"))


PAGES = [
    "/",
    "/claims",
    f"/claims?speaker={quote(HOSTILE_IRIS[0], safe='')}",
    f"/claims?speaker={quote(HOSTILE_IRIS[-1], safe='')}",
    f"/sources?publisher={quote(HOSTILE_IRIS[1], safe='')}",
    "/actors",
    "/sources",
    "/events",
    "/search?q=li",
    "/search?q=eve",
    "/actor/li-wei",
    "/claim/c0000x0",
    "/claim/c0000x1",
    "/source/s0000",
    "/event/e0000",
    "/place/hong-kong",
    "/graph/s0000",
    "/sparql?query=" + quote("SELECT * WHERE { ?s ?p ?o }"),
    "/sparql?query=" + quote("CONSTRUCT WHERE { ?s ?p ?o }"),
]


@pytest.mark.parametrize("page", PAGES)
def test_every_link_is_http_or_the_sites_own(hostile_url: str, page: str) -> None:
    reply = request(hostile_url, "GET", page, headers={"Accept": "text/html"})
    assert reply.status == 200, reply.body[:300]
    parser = Links()
    parser.feed(reply.text)
    assert parser.found, "the page has links"
    unsafe = [url for tag, attrs, url in parser.found if not safe(tag, attrs, url)]
    assert unsafe == []


def test_hostile_values_still_show_as_text(hostile_url: str) -> None:
    """Refused as links, the values are not hidden: a reader can still see what is there."""
    reply = request(hostile_url, "GET", "/actor/li-wei", headers={"Accept": "text/html"})
    assert "javascript:alert(3)" in reply.text
    assert "<code>javascript:alert(3)</code>" in reply.text
