"""Article text is data: markup in a headline, quote or name is shown as text, never run."""

from __future__ import annotations

import re

from rdflib import RDF

from kg.convert import to_graph
from kg.namespace import FK
from tests.conftest import BASE
from tests.pages import synth
from tests.pages.client import get


def hostile_paths() -> dict[str, str]:
    _, g = to_graph(synth.hostile_extraction(), BASE, synth.PROVENANCE)
    out = {}
    for kind, cls in [("claim", FK.Claim), ("source", FK.Source)]:
        out[kind] = "/" + str(next(g.subjects(RDF.type, cls)))[len(BASE) :]
    out["actor"] = "/actor/eve-b-bold-b-co"
    return out


def test_markup_is_escaped_everywhere(site_url: str) -> None:
    for kind, path in hostile_paths().items():
        page = get(site_url + path)
        assert page.status == 200, kind
        text = page.text
        # the page's only <script> tags would be our own static files; there are none
        assert "<script" not in text, kind
        assert "<img" not in text and "<svg onload" not in text and "<b>Bold" not in text
        assert "&lt;script&gt;" in text, kind
    claim = get(site_url + hostile_paths()["claim"]).text
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in claim
    # the neighbourhood picture escapes too: its text nodes hold no raw markup
    svg = re.search(r"<svg .*?</svg>", claim, re.S)
    assert svg is not None and "Eve &lt;b&gt;Bold&lt;/b&gt; &amp; Co" in svg.group(0)


def test_markup_in_lists_and_search(site_url: str) -> None:
    for path in ["/", "/claims", "/sources", "/actors", "/search?q=alert"]:
        page = get(site_url + path)
        assert page.status == 200, path
        assert "<script" not in page.text and "<b>Bold" not in page.text, path
    assert "&lt;script&gt;" in get(site_url + "/search?q=alert").text
