"""Ingest end to end into a real on-disk store: counts, spans, idempotence, refusals."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.convert import Provenance
from kg.model import ActorKind
from kg.pipeline import Ingester, IngestReport
from kg.store import OxigraphStore, ResultFormat
from kg.validate import validate_store
from tests.conftest import BASE, EXAMPLES, requires_seeds, seed_files
from tests.ingest.test_convert import make_extraction

CLAIMS = """
PREFIX fk: <https://w3id.org/factkg/ns#>
PREFIX schema: <https://schema.org/>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?claim ?text ?speaker ?source ?start ?end ?sourceText WHERE {
  ?claim a fk:Claim ; schema:text ?text ; schema:author/rdfs:label ?speaker ;
         schema:appearance ?source ; fk:textSpan/oa:hasSelector ?sel .
  ?sel oa:start ?start ; oa:end ?end .
  ?source schema:text ?sourceText .
}
"""


def quads(store: OxigraphStore) -> set[str]:
    return set(store.dump(ResultFormat.NQUADS).decode("utf-8").splitlines())


def claims(store: OxigraphStore) -> list[dict[str, Any]]:
    return [{k: v.toPython() for k, v in row.items()} for row in store.select(CLAIMS)]


@requires_seeds
def test_seeds_give_claims_with_speakers_events_and_exact_spans(
    store: OxigraphStore, extractor: Any
) -> None:
    report = Ingester(store, BASE, extractor).ingest_paths(seed_files())
    assert report.ok, report.summary()
    assert len(report.sources) == 2
    rows = claims(store)
    assert len(rows) >= 12
    for row in rows:
        assert row["speaker"].strip()
        sentence = row["sourceText"][row["start"] : row["end"]]
        # the span is the statement itself: it holds the claim's content (or its quote)
        words = [w for w in row["text"].split() if len(w) > 3][:3]
        assert all(w in sentence for w in words), (row["text"], sentence)
    assert report.events >= 2
    assert all(r.conforms for r in validate_store(store))


@requires_seeds
def test_seed_claims_match_the_gold_speakers(store: OxigraphStore, extractor: Any) -> None:
    gold_dir = Path(__file__).resolve().parents[1] / "data" / "seeds_gold"
    Ingester(store, BASE, extractor).ingest_paths(seed_files())
    rows = claims(store)
    for path in seed_files():
        gold = json.loads((gold_dir / f"{path.stem}.gold.json").read_text(encoding="utf-8"))
        text = path.read_text(encoding="utf-8")
        for g in gold["claims"]:
            start = text.index(g["content"])
            names = {g["speaker"].lower(), *(s.lower() for s in g.get("speaker_accept", []))}
            found = [
                r for r in rows if r["start"] <= start < r["end"] and r["speaker"].lower() in names
            ]
            assert found, f"{path.name}: no claim by {g['speaker']} at {g['content'][:60]!r}"


def test_examples_ingest_and_validate(store: OxigraphStore, extractor: Any) -> None:
    files = sorted(EXAMPLES.glob("*.txt")) + sorted(EXAMPLES.glob("*.html"))
    assert files, "examples/ has no sample articles"
    report = Ingester(store, BASE, extractor).ingest_paths(files)
    assert report.ok, report.summary()
    assert len(report.sources) == len(files)
    assert report.claims >= 3 * len(files)
    assert all(r.conforms for r in validate_store(store))


def test_ingesting_again_changes_nothing(store: OxigraphStore, extractor: Any) -> None:
    files = sorted(EXAMPLES.glob("*.txt"))
    ingester = Ingester(store, BASE, extractor)
    ingester.ingest_paths(files)
    before = quads(store)
    ingester.ingest_paths(files)
    ingester.ingest_paths(files[:1])
    assert quads(store) == before


def test_bad_files_are_refused_by_name_and_nothing_is_written(
    tmp_path: Path, store: OxigraphStore, extractor: Any
) -> None:
    ingester = Ingester(store, BASE, extractor)
    ingester.ingest_paths(sorted(EXAMPLES.glob("*.txt"))[:1])
    before = quads(store)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"  \n\n ")
    binary = tmp_path / "image.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    undecodable = tmp_path / "latin.txt"
    undecodable.write_bytes("Headline\nThe mayor said \xe9t\xe9 was hot.\n".encode("latin-1"))
    report = ingester.ingest_paths([empty, binary, undecodable])
    assert [r.origin for r in report.refused] == [str(empty), str(binary), str(undecodable)]
    for refusal in report.refused:
        assert refusal.reason
        assert refusal.origin in report.summary()
    assert not report.sources
    assert quads(store) == before


def test_an_invalid_graph_is_refused_whole(store: OxigraphStore) -> None:
    x = make_extraction()
    x.claims[0].text = ""  # a claim with no content does not conform
    report = IngestReport()
    ingester = Ingester(store, BASE)
    stored = ingester.store_extraction(x, Provenance("t", "t"), report)
    assert not stored
    assert "non-empty content" in report.refused[0].reason
    assert store.graph_iris() == []


def test_an_actor_keeps_the_kind_the_graph_already_gave_it(store: OxigraphStore) -> None:
    ingester = Ingester(store, BASE)
    first = make_extraction(url="https://news.example/1")
    assert ingester.store_extraction(first, Provenance("t", "t"), IngestReport())
    second = make_extraction(url="https://news.example/2")
    second.actors[0].kind = ActorKind.ORGANIZATION  # "Jane Roe" misread as an organisation
    second.actors[0].label = "JANE ROE"
    assert ingester.store_extraction(second, Provenance("t", "t"), IngestReport())
    assert second.actors[0].kind is ActorKind.PERSON
    assert second.actors[0].label == "Jane Roe"
    assert all(r.conforms for r in validate_store(store))


def test_export_round_trips_as_a_dataset(store: OxigraphStore) -> None:
    ingester = Ingester(store, BASE)
    ingester.store_extraction(make_extraction(), Provenance("t", "t"), IngestReport())
    quads = list(ox.parse(store.dump(ResultFormat.TRIG), format=ox.RdfFormat.TRIG))
    assert {q.graph_name.value for q in quads} == set(store.graph_iris())
    assert len(quads) == store.count_triples()


ACTORS_OF_CLAIMS = """
PREFIX schema: <https://schema.org/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?text ?speaker ?label WHERE {
  ?claim schema:text ?text ; schema:author ?speaker . ?speaker rdfs:label ?label .
}
"""


def test_unnamed_speakers_are_their_own_article_s_and_named_ones_are_shared(
    tmp_path: Path, store: OxigraphStore, extractor: Any
) -> None:
    """Two articles' "officials" are not one group, nor their "a former minister" one person;
    a named person quoted in both is one actor."""
    first = tmp_path / "a.txt"
    second = tmp_path / "b.txt"
    first.write_text(
        "Port reopens\nMay 2, 2024\n\nOfficials said the port would reopen on Friday. A former "
        "minister said the closure had cost millions. Lena Vogt said the delay was avoidable.\n",
        encoding="utf-8",
    )
    second.write_text(
        "Bridge closes\nJune 9, 2024\n\nOfficials said the bridge would close for a month. A "
        "former minister said the repairs were overdue. Lena Vogt said the plan was sound.\n",
        encoding="utf-8",
    )
    report = Ingester(store, BASE, extractor).ingest_paths([first, second])
    assert report.ok, report.summary()
    speakers: dict[str, set[str]] = {}
    for row in store.select(ACTORS_OF_CLAIMS):
        speakers.setdefault(str(row["label"]), set()).add(str(row["speaker"]))
    assert len(speakers["officials"]) == 2
    assert len(speakers["former minister"]) == 2
    assert speakers["Lena Vogt"] == {f"{BASE}actor/lena-vogt"}
    assert all(r.conforms for r in validate_store(store))
