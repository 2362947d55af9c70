"""Linking at ingest against a real SPARQL server holding a Wikidata-shaped fixture.

tests/data/wikidata/seed.ttl holds the seed articles' entities and a distractor for every rule
the linker keeps: a town called China, the bird turkey and a "Turkey" disambiguation page, the
goddess Isis, a footballer who shares a diplomat's name, a magazine that shares a newspaper's
title, a table-tennis player who shares a scholar's name, a former government.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kg.link.linking import Linker
from kg.link.wikidata import WikidataClient
from kg.model import Actor, ActorKind, Article, Block, BlockKind, Claim, Extraction, Span
from kg.pipeline import Ingester, IngestReport
from kg.store import OxigraphStore
from kg.validate import validate_store
from tests.conftest import BASE, requires_seeds, seed_files
from tests.servers import ThrottlingProxy, WikidataFixture, free_port

WD = "http://www.wikidata.org/entity/"
GN = "http://sws.geonames.org/"

LINKS = """
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX fk: <https://w3id.org/factkg/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?node ?label ?target ?score ?linker WHERE {
  ?node owl:sameAs ?target ; rdfs:label ?label .
  ?link a fk:Link ; rdf:subject ?node ; rdf:object ?target ; fk:linkScore ?score ;
        fk:linker ?linker .
}
"""


def links(store: OxigraphStore) -> dict[str, set[str]]:
    """Label of each linked node -> the external IRIs it is linked to."""
    out: dict[str, set[str]] = {}
    for row in store.select(LINKS):
        out.setdefault(str(row["label"]), set()).add(str(row["target"]))
    return out


def ingest(store: OxigraphStore, extractor: Any, linker: Linker | None) -> IngestReport:
    report = Ingester(store, BASE, extractor, linker).ingest_paths(seed_files())
    assert report.ok, report.summary()
    return report


@requires_seeds
def test_seed_articles_link_to_the_right_entities(
    store: OxigraphStore, extractor: Any, linker: Linker
) -> None:
    report = ingest(store, extractor, linker)
    found = links(store)
    # one actor for China across both articles, linked to the country in both datasets
    china = store.select(
        "PREFIX fk: <https://w3id.org/factkg/ns#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>"
        ' SELECT DISTINCT ?a WHERE { ?a a fk:Country ; rdfs:label "China" }'
    )
    assert [str(r["a"]) for r in china] == [f"{BASE}actor/china"]
    assert found["China"] >= {WD + "Q148", GN + "1814991/"}
    for country, qid in [("Turkey", "Q43"), ("Iraq", "Q796"), ("Indonesia", "Q252")]:
        assert WD + qid in found[country], country
        assert any(t.startswith(GN) for t in found[country]), country
    # the country, not the bird nor the disambiguation page; the organisation, not the goddess
    assert WD + "Q990900102" not in found["Turkey"] and WD + "Q990900103" not in found["Turkey"]
    assert found["Isis"] == {WD + "Q2429253"}
    # the diplomat, not the footballer; the Chinese newspaper, not the American magazine
    assert found["Wang Yi"] == {WD + "Q990900301"}
    assert found["Global Times"] == {WD + "Q990900202"}
    assert found["Chinese Communist Party"] == {WD + "Q17427"}
    assert found["Government of China"] == {WD + "Q990900209"}
    # people the fixture does not know, or knows only a namesake of: no link
    assert "Pan Zhiping" not in found and "Yin Gang" not in found
    # words that are no entity of the kind the extractor gave them
    assert "Islam" not in found and "Turkic" not in found
    assert report.links.wikidata >= 15 and report.links.geonames >= 10
    assert all(r.conforms for r in validate_store(store))


@requires_seeds
def test_links_keep_the_entitys_name_and_facts(
    store: OxigraphStore, extractor: Any, linker: Linker
) -> None:
    ingest(store, extractor, linker)
    rows = store.select(
        "PREFIX schema: <https://schema.org/> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>"
        " PREFIX wdt: <http://www.wikidata.org/prop/direct/>"
        " SELECT ?label ?description ?member WHERE { <http://www.wikidata.org/entity/Q43>"
        " rdfs:label ?label ; schema:description ?description ; wdt:P463 ?member }"
    )
    assert {str(r["label"]) for r in rows} == {"Turkey"}
    assert {str(r["member"]) for r in rows} == {WD + "Q1065", WD + "Q7184"}
    # claims by governments of UN member states, through the stored links ("Beijing says")
    claims = store.select(
        "PREFIX schema: <https://schema.org/> PREFIX owl: <http://www.w3.org/2002/07/owl#>"
        " PREFIX wdt: <http://www.wikidata.org/prop/direct/> PREFIX fk: <https://w3id.org/factkg/ns#>"
        " SELECT DISTINCT ?claim WHERE { ?claim schema:author ?who ."
        " ?who fk:governmentOf?/owl:sameAs ?e . ?e wdt:P463 <" + WD + "Q1065> }"
    )
    assert claims


def without_links(store: OxigraphStore, wikidata_only: bool = True) -> set[str]:
    """The store's quads, minus the Wikidata links and what they brought."""
    from kg.store import ResultFormat

    text = store.dump(ResultFormat.NQUADS).decode()
    wikidata_links = {
        line.split()[0]
        for line in text.splitlines()
        if "<http://www.w3.org/1999/02/22-rdf-syntax-ns#object> <http://www.wikidata.org/" in line
    }
    return {
        line
        for line in text.splitlines()
        if "wikidata.org/" not in line and line.split()[0] not in wikidata_links
    }


@requires_seeds
def test_ingest_is_the_same_apart_from_links_when_wikidata_is_off_down_or_busy(
    tmp_path: Path, extractor: Any, wikidata: WikidataFixture
) -> None:
    def run(name: str, client: WikidataClient | None) -> tuple[OxigraphStore, IngestReport]:
        store = OxigraphStore(tmp_path / name)
        return store, ingest(store, extractor, Linker(client))

    linked, _ = run("linked", WikidataClient(wikidata.url))
    off, off_report = run("off", None)
    down, down_report = run("down", WikidataClient(f"http://127.0.0.1:{free_port()}/sparql"))
    proxy = ThrottlingProxy(wikidata.url, refusals=1, status=429, retry_after="1")
    try:
        busy, busy_report = run("busy", WikidataClient(proxy.url))
    finally:
        proxy.stop()

    assert off_report.links.wikidata == 0 and off_report.links.wikidata_missed == 0
    assert down_report.links.wikidata == 0 and down_report.links.wikidata_missed == 2
    assert "run `factkg link`" in down_report.summary()
    # off or down: every article stored, the same graph but for the Wikidata links
    assert without_links(off) == without_links(linked) == without_links(down)
    assert off_report.links.geonames == down_report.links.geonames > 0
    # busy: one 429 with Retry-After, then answers: the same links as a quiet endpoint
    assert proxy.refused == 1 and proxy.seen > 1
    assert busy_report.links.wikidata > 0
    assert links(busy) == links(linked)
    for s in (linked, off, down, busy):
        s.close()


def test_a_server_error_is_retried_and_a_paused_endpoint_is_not_asked(
    wikidata: WikidataFixture,
) -> None:
    proxy = ThrottlingProxy(wikidata.url, refusals=2, status=503, retry_after="0")
    try:
        client = WikidataClient(proxy.url, retries=3)
        found = client.candidates(["Wang Yi"])
        assert {c.qid for c in found["Wang Yi"]} == {"Q990900301", "Q990900302"}
        assert proxy.refused == 2
    finally:
        proxy.stop()
    stubborn = ThrottlingProxy(wikidata.url, refusals=100, status=503, retry_after="0")
    try:
        client = WikidataClient(stubborn.url, retries=2)
        for _ in range(2):
            with pytest.raises(Exception, match="503|paused"):
                client.candidates(["China"])
        assert stubborn.seen == 3  # three tries, then paused: the second call asks nothing
    finally:
        stubborn.stop()


def test_answers_are_cached_on_disk(wikidata: WikidataFixture, tmp_path: Path) -> None:
    cache = tmp_path / "cache.sqlite"
    proxy = ThrottlingProxy(wikidata.url, refusals=0)
    try:
        first = WikidataClient(proxy.url, cache=cache).candidates(["Global Times", "Isis"])
        asked = proxy.seen
        assert asked == 2  # one query for the names, one for the items' classes and facts
        # another process (a new client on the same cache file) asks nothing again
        again = WikidataClient(proxy.url, cache=cache).candidates(["Isis", "Global Times"])
        assert proxy.seen == asked
        assert again == first
        assert {c.qid for c in again["Global Times"]} == {"Q990900202", "Q990900203"}
    finally:
        proxy.stop()


def article(text: str, title: str) -> Article:
    return Article(text=text, title=title, blocks=[Block(Span(0, len(text)), BlockKind.BODY)])


def extraction(text: str, title: str, label: str, kind: ActorKind, roles: list[str]) -> Extraction:
    start = text.index(label)
    actor = Actor("a", label, kind, roles=roles, mentions=[Span(start, start + len(label))])
    claim = Claim(text="the talks went well", speaker="a", verb="say", span=Span(0, len(text)))
    return Extraction(article(text, title), claims=[claim], actors=[actor])


def test_one_actor_per_entity_and_namesakes_stay_apart(
    store: OxigraphStore, linker: Linker
) -> None:
    ingester = Ingester(store, BASE, linker=linker)  # the extractions are written here

    def put(x: Extraction) -> None:
        from kg.convert import Provenance

        report = IngestReport()
        assert ingester.store_extraction(x, Provenance("test", "none"), report), report
        assert report.links.wikidata >= 1

    put(
        extraction(
            "China's top diplomat Wang Yi said the talks with Turkey went well.",
            "Talks",
            "Wang Yi",
            ActorKind.PERSON,
            ["China's top diplomat"],
        )
    )
    put(
        extraction(
            "Wang Yi, the China international football player, said the match went well.",
            "Match",
            "Wang Yi",
            ActorKind.PERSON,
            ["the China international football player"],
        )
    )
    put(
        extraction(
            "The PRC said on Monday that the talks went well.",
            "PRC",
            "PRC",
            ActorKind.COUNTRY,
            [],
        )
    )
    put(
        extraction(
            "China said on Tuesday that the talks went well.",
            "China",
            "China",
            ActorKind.COUNTRY,
            [],
        )
    )
    rows = store.select(
        "PREFIX owl: <http://www.w3.org/2002/07/owl#>"
        " SELECT DISTINCT ?a ?e WHERE { ?a owl:sameAs ?e FILTER(STRSTARTS(STR(?e), '" + WD + "')) }"
    )
    by_entity: dict[str, set[str]] = {}
    for r in rows:
        by_entity.setdefault(str(r["e"]).removeprefix(WD), set()).add(
            str(r["a"]).removeprefix(BASE)
        )
    # two people named Wang Yi: two actors; "PRC" and "China": one
    assert by_entity["Q990900301"] == {"actor/wang-yi"}
    assert by_entity["Q990900302"] == {"actor/wang-yi-q990900302"}
    assert by_entity["Q148"] == {"actor/prc"}
    aliases = store.select(
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>"
        f" SELECT ?alias WHERE {{ <{BASE}actor/prc> skos:altLabel ?alias }}"
    )
    assert {str(r["alias"]) for r in aliases} == {"China"}
    assert all(r.conforms for r in validate_store(store))
