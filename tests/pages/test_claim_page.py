"""A claim page as a reader meets it ("First contact"), over a real socket: the claim shown
once (a quotation as a quotation, reported words with the quotation they hold marked, the
reported form apart only when it differs), who said it with the verb as the article writes
it ("told reporters", not "(tell)"), and a heading that reads as a sentence when what was said
is the object of its verb ("Government of Russia accused Oslo of ...")."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date
from html.parser import HTMLParser
from typing import Any

import pytest
from flask import Flask

from kg.convert import to_graph
from kg.model import Actor, ActorKind, Article, Block, BlockKind, Claim, Extraction, Span
from kg.pipeline import Ingester
from service import create_app
from service.backend import get_store
from tests.conftest import BASE, EXAMPLES
from tests.pages import synth
from tests.pages.client import get

PARAGRAPHS = [
    '"The ceasefire has saved lives," the government\'s chief negotiator, Clara Restrepo, '
    "told reporters.",
    'The group\'s commander said the ELN would "honour every word" of the agreement.',
    'Moscow denied any involvement and accused Oslo of "spy mania".',
    "According to the United Nations, 20,000 people fled their homes.",
    "Officials said the border would reopen on Friday.",
    'The minister would resign, her office said, quoting her as saying "I will go".',
]
TITLE = "Ceasefire extended"


def article_text() -> str:
    return TITLE + "\n" + "\n\n".join(PARAGRAPHS) + "\n"


def extraction() -> Extraction:
    """One article whose claims take every form a claim page shows, as the extractor (and,
    for the last two, older or hand-written data) gives them."""
    text = article_text()

    def span(words: str, after: int = 0) -> Span:
        start = text.index(words, after)
        return Span(start, start + len(words))

    actors = [
        Actor(
            "restrepo", "Clara Restrepo", ActorKind.PERSON, ["the government's chief negotiator"]
        ),
        Actor("commander", "group's commander", ActorKind.PERSON, local=True),
        Actor("russia", "Government of Russia", ActorKind.GOVERNMENT, aliases=["Moscow"]),
        Actor("un", "United Nations", ActorKind.ORGANIZATION),
        Actor("officials", "officials", ActorKind.GROUP, local=True),
        Actor("office", "minister's office", ActorKind.ORGANIZATION, local=True),
    ]
    quote = "The ceasefire has saved lives"
    claims = [
        Claim(
            quote,
            "restrepo",
            "tell",
            span(PARAGRAPHS[0]),
            quote,
            span(quote),
            verb_text="told reporters",
        ),
        Claim(
            'the ELN would "honour every word" of the agreement',
            "commander",
            "say",
            span(PARAGRAPHS[1]),
            "honour every word",
            span("honour every word"),
            verb_text="said",
        ),
        Claim(
            'accused Oslo of "spy mania"',
            "russia",
            "accuse",
            span(PARAGRAPHS[2]),
            verb_text="accused",
        ),
        Claim(
            "20,000 people fled their homes",
            "un",
            "according to",
            span(PARAGRAPHS[3]),
            verb_text="according to",
        ),
        # written before the verb was kept as written: only its lemma
        Claim("the border would reopen on Friday", "officials", "say", span(PARAGRAPHS[4])),
        # by hand: a quotation the reported words do not hold
        Claim(
            "the minister would resign",
            "office",
            "say",
            span(PARAGRAPHS[5]),
            "I will go",
            span("I will go"),
            verb_text="said",
        ),
    ]
    article = Article(
        text=text,
        title=TITLE,
        blocks=[Block(Span(0, len(TITLE)), BlockKind.HEADLINE)]
        + [Block(span(p), BlockKind.BODY) for p in PARAGRAPHS],
        url="https://news.example/ceasefire",
        publisher="Andes Wire",
        published=date(2024, 2, 12),
    )
    return Extraction(article, claims, actors, [])


@pytest.fixture(scope="module")
def claims_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    app = create_app(
        {
            "STORE": str(tmp_path_factory.mktemp("claims") / "store"),
            "BASE_URI": BASE,
            "TESTING": True,
        }
    )
    with app.app_context():
        store = get_store()
        iri, graph = to_graph(extraction(), BASE, synth.PROVENANCE)
        store.replace_graphs({iri: graph})
    yield app
    with app.app_context():
        get_store().close()


@pytest.fixture
def claim_page(claims_app: Flask, serve: Callable[[Flask], str]) -> Callable[[str], str]:
    """The HTML page of the claim whose text starts with ``start``."""
    url = serve(claims_app)
    with claims_app.app_context():
        rows = get_store().select("SELECT ?c ?t WHERE { ?c <https://schema.org/text> ?t }")
    by_text = {str(r["t"]): str(r["c"]) for r in rows}

    def page(start: str) -> str:
        (iri,) = [c for t, c in by_text.items() if t.startswith(start)]
        reply = get(url + "/" + iri[len(BASE) :])
        assert reply.status == 200
        return reply.text

    return page


class _Facts(HTMLParser):
    """The text of the element marked ``property="text"`` (the claim's RDFa schema:text),
    of the heading, and of the speaker's line."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: dict[str, int] = {"text": 0, "h1": 0, "speaker": 0}
        self.found: dict[str, str] = {"text": "", "h1": "", "speaker": ""}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        for name, here in (
            ("text", a.get("property") == "text"),
            ("h1", tag == "h1"),
            ("speaker", tag == "dd" and a.get("class") == "speaker"),
        ):
            if self.open[name] or here:
                self.open[name] += 1

    def handle_endtag(self, tag: str) -> None:
        for name in self.open:
            if self.open[name]:
                self.open[name] -= 1

    def handle_data(self, data: str) -> None:
        for name in self.open:
            if self.open[name]:
                self.found[name] += data


def facts(page: str) -> dict[str, str]:
    parser = _Facts()
    parser.feed(page)
    return {k: " ".join(v.split()) for k, v in parser.found.items()}


def shown(page: str) -> str:
    """What the page says of the claim, without the article paragraph around it and the
    graph picture (which quote the article, and label a node)."""
    main = page[page.index("<main>") : page.index("</main>")]
    main = re.sub(r'<section class="in-context">.*?</section>', "", main, flags=re.S)
    return re.sub(r'<section class="neighbourhood">.*?</section>', "", main, flags=re.S)


def test_a_quotation_is_shown_once_as_a_quotation(claim_page: Callable[[str], str]) -> None:
    page = claim_page("The ceasefire")
    assert facts(page)["h1"] == "“The ceasefire has saved lives”"
    assert facts(page)["text"] == "The ceasefire has saved lives"  # the RDFa still says it
    assert shown(page).count("The ceasefire has saved lives") == 1
    assert "<blockquote" not in page


def test_reported_words_show_the_quotation_they_hold_once(
    claim_page: Callable[[str], str],
) -> None:
    page = claim_page("the ELN")
    assert facts(page)["h1"] == 'the ELN would "honour every word" of the agreement'
    assert '<span class="quoted">honour every word</span>' in page
    assert shown(page).count("honour every word") == 1


def test_a_quotation_the_reported_words_do_not_hold_comes_with_them(
    claim_page: Callable[[str], str],
) -> None:
    page = claim_page("the minister would resign")
    assert facts(page)["h1"] == "“I will go”"
    assert facts(page)["text"] == "the minister would resign"
    assert 'Reported as: <span property="text">the minister would resign</span>' in page


def test_the_verb_reads_as_written_after_who_said_it(claim_page: Callable[[str], str]) -> None:
    page = claim_page("The ceasefire")
    assert facts(page)["speaker"] == (
        "Clara Restrepo, the government's chief negotiator, told reporters"
    )
    assert "(tell)" not in page


def test_according_to_comes_before_the_source(claim_page: Callable[[str], str]) -> None:
    assert facts(claim_page("20,000"))["speaker"] == "according to United Nations"


def test_a_claim_without_the_verb_as_written_shows_no_bare_lemma(
    claim_page: Callable[[str], str],
) -> None:
    page = claim_page("the border")
    assert facts(page)["speaker"] == "officials"
    assert "(say)" not in page


def test_an_accusation_reads_as_a_sentence(claim_page: Callable[[str], str]) -> None:
    page = claim_page("accused Oslo")
    assert facts(page)["h1"] == 'Government of Russia accused Oslo of "spy mania"'
    assert facts(page)["text"] == 'accused Oslo of "spy mania"'
    assert facts(page)["speaker"] == "Government of Russia"  # the verb is said once


# --- the demo data, through the whole pipeline ------------------------------------------


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, extractor: Any) -> Iterator[Flask]:
    inputs = sorted(p for p in EXAMPLES.glob("*") if p.suffix in (".txt", ".html"))
    if not inputs:
        pytest.skip("no examples/ articles")
    app = create_app({"STORE": str(tmp_path_factory.mktemp("demo") / "store"), "BASE_URI": BASE})
    with app.app_context():
        report = Ingester(get_store(), BASE, extractor).ingest_paths(inputs)
        assert report.ok, report.summary()
    yield app
    with app.app_context():
        get_store().close()


def test_the_demo_claim_pages_read_as_written(demo: Flask, serve: Callable[[Flask], str]) -> None:
    url = serve(demo)
    with demo.app_context():
        rows = get_store().select(
            "SELECT ?c WHERE { ?c <https://w3id.org/factkg/ns#reportingVerb> ?v }"
        )
    pages = [get(url + "/" + str(r["c"])[len(BASE) :]).text for r in rows]
    assert pages
    restrepo = next(p for p in pages if "Clara Restrepo" in p and "saved lives" in p)
    assert "the government's chief negotiator, told reporters" in facts(restrepo)["speaker"]
    # one commander, his description a role, read in the middle of a sentence
    commander = next(p for p in pages if "honour every word" in facts(p)["h1"])
    assert facts(commander)["speaker"] == "Antonio, the group's commander, was quoted as saying"
    for page in pages:
        assert not re.search(r'class="verb">\(', page)  # no lemma in brackets
        assert shown(page).count('class="claim-text') == 1


def test_the_demo_commander_and_the_eu_are_one_actor_each(
    demo: Flask, serve: Callable[[Flask], str]
) -> None:
    url = serve(demo)
    antonio = get(url + "/actor/antonio")
    assert antonio.status == 200
    assert "The group&#39;s commander" in antonio.text
    assert "honour every word" in antonio.text and "accused the army" in antonio.text
    eu = get(url + "/actor/european-union")
    assert eu.status == 200
    aliases = re.search(r'<dd class="aliases">([^<]*)</dd>', eu.text)
    assert aliases is not None and "EU" in aliases.group(1).split(", ")
    assert get(url + "/actor/eu").status == 404
