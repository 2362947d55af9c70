"""ClaimReview readers: every form publishers write (JSON-LD files, ld+json blocks,
microdata) gives the same Review fields; hostile input gives a ReaderError, never a fetch."""

from __future__ import annotations

import doctest
import importlib
import json
import socket
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph
from rdflib.plugins.parsers.jsonld import Parser as JsonLdParser

from kg.errors import ReaderError
from kg.model import Rating, Review
from kg.readers.claimreview import (
    LOCAL_BASE,
    RemoteContextRefused,
    no_fetch_context,
    read_claimreview_json,
)
from kg.readers.claimreview_html import reviews_in_html
from kg.readers.rdf import read_rdf
from kg.readers.sniff import sniff

DATA = Path(__file__).resolve().parent.parent / "data" / "claimreview"


def read(name: str) -> list[Review]:
    return read_claimreview_json((DATA / name).read_bytes(), name)


# --- the forms publishers use ---------------------------------------------------------------


def test_politifact_pants_on_fire() -> None:
    [r] = read("politifact.json")
    assert r.claim_reviewed == "The United Nations voted to ban gas stoves worldwide."
    assert r.rating == Rating(alternate_name="Pants on Fire", value="0", best="5", worst="0")
    assert r.url == (
        "https://www.politifact.com/factchecks/2023/jun/14/facebook-posts/"
        "no-the-un-did-not-ban-gas-stoves/"
    )
    assert (r.reviewer, r.reviewer_url) == ("PolitiFact", "https://www.politifact.com/")
    assert r.date_published == date(2023, 6, 14)
    assert (r.claimant, r.claim_date) == ("Facebook posts", date(2023, 6, 9))
    assert r.appearance == "https://www.facebook.com/example/posts/pfbid0123456789"
    assert (r.language, r.origin) == ("en", "politifact.json")


def test_washington_post_schema_curies_and_datetime() -> None:
    """``schema:`` keys with an http namespace, @type as a list, a datetime, firstAppearance."""
    [r] = read("washingtonpost.json")
    assert r.claim_reviewed == "Illegal border crossings are at the lowest level in 50 years."
    assert r.rating == Rating(
        alternate_name="Four Pinocchios",
        value="4",
        best="4",
        worst="1",
        name="Four Pinocchios: whoppers",
    )
    assert r.date_published == date(2024, 2, 5)
    assert (r.reviewer, r.reviewer_url) == ("The Washington Post", "https://www.washingtonpost.com")
    assert (r.claimant, r.claim_date) == ("Sen. Jane Example", date(2024, 1, 30))
    assert r.appearance == "https://twitter.com/example/status/1752"
    assert r.url.startswith("https://www.washingtonpost.com/politics/2024/02/05/")  # type: ignore[union-attr]


def test_afp_factuel_in_french() -> None:
    [r] = read("afp-factuel.json")
    assert r.claim_reviewed == "Le vaccin contre la grippe contient une puce électronique"
    assert r.rating == Rating(alternate_name="Faux", value="1", best="5", worst="1")
    assert (r.language, r.reviewer) == ("fr", "AFP Factuel")
    assert r.date_published == date(2023, 11, 21)  # the day as written, not shifted to UTC
    assert r.claimant == "Publications sur les réseaux sociaux"
    assert r.appearance == "https://www.facebook.com/groups/exemple/posts/998877"  # a plain URL


def test_full_fact_has_no_numeric_rating() -> None:
    [r] = read("fullfact.json")
    assert r.rating.value is None and r.rating.best is None
    assert r.rating.alternate_name == (
        "This is about the number of cases on the waiting list, not people."
    )
    assert (r.reviewer, r.claimant) == ("Full Fact", "Example MP")
    assert r.appearance == "https://www.bbc.co.uk/programmes/p0example"
    assert r.claim_date is None


def test_datafeed_of_three() -> None:
    reviews = read("datafeed.json")
    assert [r.url for r in reviews] == [
        "https://check.example.org/2024/05/01/a",
        "https://check.example.org/2024/05/01/b",
        "https://check.example.org/2024/05/02/c",
    ]
    assert [r.rating.alternate_name for r in reviews] == ["Mostly false", "True", "False"]
    assert {r.reviewer for r in reviews} == {"Example Check"}
    assert reviews[2].date_published == date(2024, 5, 2)


def test_graph_with_references_by_id() -> None:
    """An @graph whose review names its author and rating by @id (one relative)."""
    [r] = read("graph.json")
    assert r.claim_reviewed == "Penguins have knees."
    assert (r.reviewer, r.reviewer_url) == ("Snopes", "https://www.snopes.com/")
    assert r.rating == Rating(alternate_name="True", value="5", best="5", worst="1")
    assert r.date_published == date(2022, 8, 3)
    assert r.appearance == "https://www.reddit.com/r/example/comments/abc/"


def test_list_with_other_types_and_full_iris() -> None:
    reviews = read("list.json")
    assert [(r.url, r.claim_reviewed, r.rating.alternate_name) for r in reviews] == [
        ("https://check.example.org/x", "Cats cannot taste sweetness.", "True"),
        ("https://check.example.org/y", "Dogs see only in black and white.", "False"),
    ]


def test_context_inside_a_list_and_no_context() -> None:
    doc = {
        "@context": ["https://schema.org/", {"fk": "https://w3id.org/factkg/ns#"}],
        "@type": "ClaimReview",
        "claimReviewed": "x",
        "reviewRating": {"@type": "Rating", "name": "Half true"},
    }
    [r] = read_claimreview_json(json.dumps(doc), "list-context.json")
    assert r.rating == Rating(alternate_name="Half true")
    del doc["@context"]  # read with schema.org's context as the initial one
    [r] = read_claimreview_json(json.dumps(doc), "no-context.json")
    assert r.claim_reviewed == "x"


def test_microdata_page() -> None:
    html = (DATA / "microdata.html").read_text()
    [r] = reviews_in_html(html, "microdata.html")
    assert r.claim_reviewed == "The mayor has banned all cars from the city centre."
    assert r.rating == Rating(alternate_name="Misleading", value="2", best="5", worst="1")
    assert r.url == "https://check.example.org/2024/03/mayor-car-ban"
    assert (r.reviewer, r.reviewer_url) == ("Example Check", "https://check.example.org/")
    assert r.date_published == date(2024, 3, 8)
    assert (r.claimant, r.claim_date) == ("A viral post", date(2024, 3, 1))
    assert r.appearance == "https://www.instagram.com/p/EXAMPLE123/"


def test_page_with_a_news_article_block_and_a_review_block() -> None:
    html = (DATA / "two-blocks.html").read_text()
    [r] = reviews_in_html(html, "two-blocks.html")
    assert r.claim_reviewed == "Photos of the 1969 moon landing were shot in a film studio."
    assert r.rating.alternate_name == "False"
    assert (r.claimant, r.appearance) == (
        "A YouTube channel",
        "https://www.youtube.com/watch?v=EXAMPLE",
    )


def test_a_broken_block_among_good_ones_is_skipped() -> None:
    html = (DATA / "two-blocks.html").read_text()
    broken = '<script type="application/ld+json">{"@type": "BreadcrumbList",}</script></head>'
    [r] = reviews_in_html(html.replace("</head>", broken), "page.html")
    assert r.rating.alternate_name == "False"


def test_a_page_with_only_a_broken_block_names_it() -> None:
    html = (
        '<html><head>\n<script type=\'application/ld+json\'>{"@type": "NewsArticle"}</script>\n'
        '<script type="application/ld+json">\n{"@type": "ClaimReview",\n "x": 1,,}\n</script>'
        "</head><body>x</body></html>"
    )
    with pytest.raises(ReaderError) as err:
        reviews_in_html(html, "page.html")
    assert "ld+json block 2 (line 3)" in str(err.value)
    assert "line 3, column" in str(err.value)


def test_the_same_review_in_ld_json_and_microdata_counts_once() -> None:
    block = (DATA / "two-blocks.html").read_text().split("<body>")[0]
    md = (DATA / "microdata.html").read_text().split("<body>")[1]
    assert len(reviews_in_html(block + "<body>" + md, "both.html")) == 2
    assert len(reviews_in_html(block + block.split("<head>")[1] + "<body></body>", "x")) == 1


def test_a_review_without_claim_or_rating_is_refused() -> None:
    doc = {"@context": "https://schema.org", "@type": "ClaimReview", "url": "https://a.example/"}
    with pytest.raises(ReaderError, match="no claimReviewed and no reviewRating"):
        read_claimreview_json(json.dumps(doc), "empty.json")
    doc["claimReviewed"] = "x"
    doc["reviewRating"] = {"@type": "Rating", "bestRating": "5"}
    with pytest.raises(ReaderError, match="has no reviewRating"):
        read_claimreview_json(json.dumps(doc), "norating.json")


def test_json_without_any_review_is_refused() -> None:
    with pytest.raises(ReaderError, match="no schema:ClaimReview"):
        read_claimreview_json(b'{"@context": "https://schema.org", "@type": "Thing"}', "t.json")


# --- sniffing ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "media_type", "kind"),
    [
        ("politifact.json", None, "claimreview-json"),
        ("datafeed.json", "application/ld+json", "claimreview-json"),
        ("washingtonpost.json", "application/json", "claimreview-json"),
        ("microdata.html", None, "claimreview-html"),
        ("two-blocks.html", "text/html", "claimreview-html"),
    ],
)
def test_sniff_fixtures(name: str, media_type: str | None, kind: str) -> None:
    data = (DATA / name).read_bytes()
    assert sniff(data, name, media_type) == kind
    assert sniff(data, "upload", None) == kind  # by content alone


@pytest.mark.parametrize(
    ("data", "origin", "media_type", "kind"),
    [
        (b"Minister says\nBy Jane\nShe said it.", "a.txt", None, "text"),
        (b"Minister says\nBy Jane\nShe said it.", "upload", None, "text"),
        (b"<p>hello</p>", "x", "text/plain", "text"),
        (b"<!DOCTYPE html><html><body><p>A story</p></body></html>", "upload", None, "html"),
        (b'{"@context": "https://schema.org", "@type": "Person"}', "x.jsonld", None, "rdf:json-ld"),
        (b'{"@id": "http://a", "http://b": 1}', "upload", None, "rdf:json-ld"),
        (b"PREFIX s: <https://schema.org/>\n<http://a> s:name 'x' .", "upload", None, "rdf:turtle"),
        (
            b"@prefix s: <https://schema.org/> .\n<http://g> { <http://a> s:name 'x' }",
            "u",
            None,
            "rdf:trig",
        ),  # fmt: skip
        (b"<http://a> <http://b> <http://c> .\n", "upload", None, "rdf:n-triples"),
        (b"<http://a> <http://b> <http://c> <http://g> .\n", "upload", None, "rdf:n-quads"),
        (b"<http://a> <http://b> <http://c> .\n", "x.nq", None, "rdf:n-quads"),
        (b"anything", "x.ttl", None, "rdf:turtle"),
        (b"anything", "x", "application/trig", "rdf:trig"),
        (b"anything", "x", "application/n-triples; charset=utf-8", "rdf:n-triples"),
    ],
)
def test_sniff(data: bytes, origin: str, media_type: str | None, kind: str) -> None:
    assert sniff(data, origin, media_type) == kind


def test_sniff_is_linear_on_hostile_markup() -> None:
    """Markup that sends backtracking regular expressions quadratic is sniffed in a blink."""
    import time

    for text in (
        "<!DOCTYPE html>" + "<script type=application/ld+json>ClaimReview" * 20_000,
        "<html>" + "itemtype=" * 50_000 + "ClaimReview",
        "<!--" * 50_000,
        "@prefix a: <http://a/> ." + "\n" * 200_000 + "x",
    ):
        start = time.perf_counter()
        sniff(text.encode(), "upload", None)
        assert time.perf_counter() - start < 2


def test_sniff_refuses_an_unknown_media_type() -> None:
    with pytest.raises(ReaderError, match="unsupported media type"):
        sniff(b"GIF89a", "x.gif", "image/gif")


# --- hostile input -------------------------------------------------------------------------


class Listener:
    """A socket on 127.0.0.1 that records every connection made to it."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.05)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.connections = 0
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while not self.stopping.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self.stopping.set()
        self.thread.join()
        self.sock.close()


@pytest.fixture(scope="module")
def listener() -> Iterator[Listener]:
    lis = Listener()
    yield lis
    lis.close()


def _remote_documents(url: str) -> list[object]:
    review = {"@type": "ClaimReview", "claimReviewed": "x", "reviewRating": {"name": "False"}}
    return [
        {"@context": f"{url}/context.jsonld", **review},
        {"@context": ["https://schema.org", f"{url}/c"], **review},
        {"@context": {"@import": f"{url}/c", "@vocab": "https://schema.org/"}, **review},
        {"@context": "https://schema.org", **review, "itemReviewed": {"@context": url, "a": 1}},
        {
            "@context": {"@vocab": "https://schema.org/", "Claim": {"@context": url}},
            **review,
            "itemReviewed": {"@type": "Claim"},
        },
        {"@context": "relative-context.jsonld", **review},
        {"@context": "file:///etc/passwd", **review},
    ]


def test_remote_contexts_are_refused_and_never_fetched(listener: Listener) -> None:
    for i, doc in enumerate(_remote_documents(listener.url)):
        origin = f"remote-{i}.json"
        with pytest.raises(ReaderError) as err:
            read_claimreview_json(json.dumps(doc), origin)
        assert str(err.value).startswith(origin) and "refused" in str(err.value)
        with pytest.raises(ReaderError, match="refused"):
            read_rdf(json.dumps(doc).encode(), origin, "application/ld+json")
        page = f'<script type="application/ld+json">{json.dumps(doc)}</script>'
        with pytest.raises(ReaderError, match="refused"):
            reviews_in_html(page, origin)
    assert listener.connections == 0


def test_rdflib_itself_cannot_fetch(listener: Listener) -> None:
    """The second wall: past our check, rdflib's processor refuses instead of fetching."""
    for doc in _remote_documents(listener.url)[:5]:
        with pytest.raises(RemoteContextRefused):
            JsonLdParser().parse(doc, no_fetch_context(LOCAL_BASE), Graph())
    assert listener.connections == 0


def test_deep_nesting_is_refused_before_parsing() -> None:
    deep = '{"@context": "https://schema.org", "@type": "ClaimReview", "a": ' + "[" * 100_000
    with pytest.raises(ReaderError, match="nested more than"):
        read_claimreview_json(deep + "]" * 100_000 + "}", "deep.json")
    deep_dicts = '{"a": ' * 120 + "1" + "}" * 120  # under the limit: rdflib's recursion copes
    with pytest.raises(ReaderError, match="no schema:ClaimReview"):
        read_claimreview_json(deep_dicts, "deep-ok.json")
    page = "<div itemscope itemtype='https://schema.org/ClaimReview'>" + (
        "<div itemprop='x' itemscope>" * 250
    )
    with pytest.raises(ReaderError, match="no usable"):
        reviews_in_html(page, "deep.html")


def test_broken_json_names_line_and_column() -> None:
    text = (DATA / "politifact.json").read_text().replace('"PolitiFact",', '"PolitiFact"', 1)
    with pytest.raises(ReaderError) as err:
        read_claimreview_json(text.encode(), "broken.json")
    line = next(i for i, s in enumerate(text.splitlines(), 1) if '"PolitiFact"' in s) + 1
    assert str(err.value).startswith("broken.json: not valid JSON at line ")
    assert f"line {line}, column 5" in str(err.value)


def test_external_entities_in_a_microdata_page(listener: Listener, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("factkg-secret-4471")
    page = (DATA / "microdata.html").read_text()
    for doctype in (
        f'<!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret}">]>',
        f'<!DOCTYPE html [<!ENTITY xxe SYSTEM "{listener.url}/x">]>',
        '<!DOCTYPE html [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>',
    ):
        hostile = page.replace("<!DOCTYPE html>", doctype).replace("Misleading", "&xxe;")
        with pytest.raises(ReaderError, match="internal subset"):
            reviews_in_html(hostile, "xxe.html")
    # an external DTD is neither loaded nor an error: the review is read, the DTD ignored
    external = page.replace(
        "<!DOCTYPE html>", f'<!DOCTYPE html SYSTEM "{listener.url}/x.dtd">'
    ).replace("Misleading", "&xxe;")
    [r] = reviews_in_html(external, "dtd.html")
    assert "factkg-secret" not in (r.rating.alternate_name or "")
    assert listener.connections == 0


def test_javascript_urls_are_not_links() -> None:
    doc = json.loads((DATA / "politifact.json").read_text())
    doc["url"] = "javascript:alert(1)"
    doc["itemReviewed"]["appearance"] = "data:text/html,<script>alert(1)</script>"
    [r] = read_claimreview_json(json.dumps(doc), "js.json")
    assert r.url is None and r.appearance is None


# --- fuzz: anything in, a Review list or a ReaderError out ----------------------------------

FIXTURES = sorted(p.name for p in DATA.iterdir())
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _all_readers(data: bytes, origin: str) -> None:
    for call in (
        lambda: read_claimreview_json(data, origin),
        lambda: reviews_in_html(data.decode("utf-8", "replace"), origin),
        lambda: read_rdf(data, origin, "json-ld"),
        lambda: read_rdf(data, origin, "trig"),
        lambda: sniff(data, origin, None),
    ):
        try:
            call()
        except ReaderError:
            pass


@FUZZ
@given(st.binary(max_size=2000))
def test_fuzz_random_bytes(data: bytes) -> None:
    _all_readers(data, "fuzz")


@FUZZ
@given(
    st.sampled_from(FIXTURES),
    st.lists(
        st.tuples(st.integers(0, 10_000), st.integers(0, 40), st.binary(max_size=12)),
        min_size=1,
        max_size=6,
    ),  # fmt: skip
)
def test_fuzz_mutated_fixtures(name: str, edits: list[tuple[int, int, bytes]]) -> None:
    data = (DATA / name).read_bytes()
    for at, cut, insert in edits:
        at %= len(data) + 1
        data = data[:at] + insert + data[at + cut :]
    _all_readers(data, name)


@FUZZ
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
        | st.sampled_from(["@id", "@type", "@graph", "@list", "@value", "https://schema.org",
                           "ClaimReview", "@vocab", "@reverse", "@language", "@set"]),
        lambda inner: st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(["@id", "@type", "@graph", "@list", "@value", "@language", "@reverse",
                             "@context", "@vocab", "@base", "@nest", "@included", "@index",
                             "claimReviewed", "reviewRating", "name", "url", "author"]),
            inner, max_size=5),
        max_leaves=30,
    )
)  # fmt: skip
def test_fuzz_json_ld_structures(doc: object) -> None:
    """Keywords in odd places reach rdflib's processor: it must still end in a ReaderError."""
    data = json.dumps(doc).encode()
    _all_readers(data, "structure.json")


@pytest.mark.parametrize("name", ["kg.readers.claimreview", "kg.readers.rdf", "kg.readers.sniff"])
def test_docstring_examples_hold(name: str) -> None:
    """tests/layout runs a fixed list of modules' examples; these readers' run here."""
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0
