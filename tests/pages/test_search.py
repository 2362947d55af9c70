"""Full-text search: an SQLite FTS5 index that follows every write to the store."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from kg import search
from kg.convert import to_graph
from kg.model import Claim
from kg.store import OxigraphStore
from kg.store.open import open_store
from tests.conftest import BASE
from tests.pages import synth
from tests.pages.client import get


def hits(index: search.SearchIndex, text: str, kind: str | None = None) -> set[str]:
    found, total = index.search(text, kind, limit=100)
    assert total == len(found)
    return {h.iri for h in found}


def claim_iris(i: int) -> set[str]:
    _, g = to_graph(synth.article_extraction(i), BASE, synth.PROVENANCE)
    return {str(c) for c in g.subjects(None, None) if "/claim/" in str(c)}


def test_finds_a_claim_by_a_word_of_its_quote_and_by_its_speaker(tmp_path: Path) -> None:
    store = open_store(tmp_path / "store")
    try:
        store.replace_graphs(dict(synth.graphs(BASE, 3)))
        index = search.index_for(store)
        assert index is not None
        # every quote carries "case {article}-{k}": the word "1" and "2" are tokens
        ext = synth.article_extraction(2)
        quote = ext.claims[0].quote
        assert quote is not None
        word = quote.split()[0]  # a topic word, e.g. "Taxes"
        found = hits(index, f"{word} case 2 0", "claim")
        assert found & claim_iris(2)
        by_speaker = hits(index, "okafor", "claim")
        assert len(by_speaker) >= 3  # she speaks first in every article
        assert hits(index, "Amara", "actor") == {BASE + "actor/amara-okafor"}
        assert hits(index, "amar", "actor") == {BASE + "actor/amara-okafor"}  # prefix
        assert hits(index, "zzzz") == set()
        assert hits(index, '"); DROP TABLE docs; --') == set()  # not SQL, not FTS syntax
    finally:
        store.close()


def test_a_replaced_graph_replaces_its_rows(tmp_path: Path) -> None:
    store = open_store(tmp_path / "store")
    try:
        ext = synth.article_extraction(0)
        iri, g = to_graph(ext, BASE, synth.PROVENANCE)
        store.replace_graphs({iri: g})
        index = search.index_for(store)
        assert index is not None
        first = ext.claims[0]
        assert first.quote is not None
        (c0,) = hits(index, first.quote, "claim") & claim_iris(0)
        # the same article, re-extracted with a different first quote (same span: same IRI)
        new_quote = "Pelicans will govern the harbour"
        ext.claims[0] = Claim(
            new_quote, first.speaker, "say", first.span, new_quote, first.quote_span
        )
        iri2, g2 = to_graph(ext, BASE, synth.PROVENANCE)
        assert iri2 == iri
        store.replace_graphs({iri: g2})
        assert hits(index, "pelicans") == {c0}
        assert c0 not in hits(index, first.quote, "claim")
        store.remove_graph(iri)
        assert hits(index, "pelicans") == set() and index.graph_count() == 0
    finally:
        store.close()


def test_index_catches_up_with_writes_it_missed(tmp_path: Path) -> None:
    path = tmp_path / "store"
    plain = OxigraphStore(path)  # written without an index attached
    plain.replace_graphs(dict(synth.graphs(BASE, 2)))
    plain.close()
    store = open_store(path)
    try:
        index = search.index_for(store)
        assert index is not None and index.graph_count() == 2
        assert Path(f"{path}.search.sqlite").is_file()  # beside the store, not inside
        assert hits(index, "okafor", "claim")
        # an update that does not say which graphs it touched: the index resyncs
        store.update(f"DROP GRAPH <{sorted(store.graph_iris())[0]}>")
        assert index.graph_count() == 1
    finally:
        store.close()


def test_search_page(site_url: str) -> None:
    page = get(site_url + "/search?q=Okafor")
    assert page.status == 200
    assert "Amara Okafor" in page.text and "<mark>Okafor</mark>" in page.text
    assert page.links("/claim/") and page.links("/actor/amara-okafor")
    quote_word = get(site_url + "/search?q=census&kind=claim")
    assert quote_word.status == 200 and quote_word.links("/claim/")
    assert not quote_word.links("/actor/")
    hostile = get(site_url + "/search?q=" + "%3Cscript%3Ealert(1)%3C/script%3E")
    assert hostile.status == 200 and "<script>alert(1)" not in hostile.text
    assert get(site_url + "/search?q=x&kind=nonsense").status == 400
    assert get(site_url + "/search?q=x&page=0").status == 400


def test_an_index_written_before_row_ids_were_kept_still_replaces_rows(tmp_path: Path) -> None:
    """Rows are removed by id (a scan of FTS5 by graph cost a read of the whole index per
    write); an index from before that kept no ids maps its rows when opened."""
    path = tmp_path / "store"
    store = open_store(path)
    graphs = dict(synth.graphs(BASE, 2))
    store.replace_graphs(graphs)
    store.close()
    index_file = tmp_path / "store.search.sqlite"
    with closing(sqlite3.connect(index_file)) as db, db:
        db.execute("DROP TABLE doc_rows")  # the index as an earlier factkg wrote it
    store = open_store(path)
    try:
        index = search.index_for(store)
        assert index is not None
        before = hits(index, "okafor", "claim")
        assert before
        first = sorted(graphs)[0]
        store.remove_graph(first)
        after = hits(index, "okafor", "claim")
        assert after and after < before and index.graph_count() == 1
    finally:
        store.close()
