"""The factkg command as a user runs it: a real process on a real on-disk store."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from tests.conftest import EXAMPLES

FACTKG = [sys.executable, "-m", "kg.cli"]


def run(*args: str, store: Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "FACTKG_STORE": str(store), "FACTKG_BASE_URI": "http://factkg.test/"}
    proc = subprocess.run([*FACTKG, *args], capture_output=True, text=True, env=env, timeout=600)
    if check:
        assert proc.returncode == 0, proc.stderr + proc.stdout
    return proc


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("cli") / "store"
    proc = run("ingest", str(EXAMPLES), store=store)
    assert "refused" in proc.stdout and "0 refused" in proc.stdout
    return store


def test_query_formats(ingested: Path) -> None:
    q = (
        "PREFIX fk: <https://w3id.org/factkg/ns#> PREFIX schema: <https://schema.org/> "
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        "SELECT ?speaker ?text WHERE { ?c a fk:Claim ; schema:text ?text ; "
        "schema:author/rdfs:label ?speaker } ORDER BY ?speaker"
    )
    results = json.loads(run("query", "--format", "json", q, store=ingested).stdout)
    assert results["head"]["vars"] == ["speaker", "text"]
    rows = results["results"]["bindings"]
    assert len(rows) >= 10
    table = run("query", q, store=ingested).stdout
    assert f"({len(rows)} rows)" in table
    assert rows[0]["speaker"]["value"] in table
    out = run("query", "--format", "csv", q, store=ingested).stdout
    parsed = list(csv.reader(io.StringIO(out)))
    assert parsed[0] == ["speaker", "text"] and len(parsed) == len(rows) + 1


def test_query_from_file_and_construct(ingested: Path, tmp_path: Path) -> None:
    rq = tmp_path / "q.rq"
    rq.write_text("CONSTRUCT { ?s a ?t } WHERE { ?s a ?t } LIMIT 5", encoding="utf-8")
    out = run("query", f"@{rq}", store=ingested).stdout
    assert " a " in out or "rdf:type" in out or "<http://www.w3.org/1999/02/22" in out


def test_validate_and_export(ingested: Path, tmp_path: Path) -> None:
    assert "0 invalid" in run("validate", store=ingested).stdout
    out = tmp_path / "dump.trig"
    run("export", "--format", "trig", "-o", str(out), store=ingested)
    trig = set(ox.parse(out.read_bytes(), format=ox.RdfFormat.TRIG))
    assert len(trig) > 100
    assert len({q.graph_name for q in trig}) == len(list(EXAMPLES.glob("*.*"))) - 1  # README.md
    nq = run("export", "--format", "nquads", store=ingested).stdout
    assert set(ox.parse(nq.encode("utf-8"), format=ox.RdfFormat.N_QUADS)) == trig


def test_extract_json_contract(tmp_path: Path) -> None:
    article = sorted(EXAMPLES.glob("*.txt"))[0]
    data = json.loads(run("extract", str(article), "--json", store=tmp_path / "unused").stdout)
    assert set(data) >= {"source", "claims", "actors", "events"}
    text = article.read_text(encoding="utf-8")
    assert data["claims"]
    for claim in data["claims"]:
        assert {"text", "speaker", "verb", "quote", "start", "end"} <= set(claim)
        assert set(claim["speaker"]) >= {"label", "type"}
        assert 0 <= claim["start"] < claim["end"] <= len(text)
        if claim["quote"]:
            assert claim["quote"] in text


def test_refused_files_fail_the_command_and_name_the_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    proc = run("ingest", str(empty), store=tmp_path / "store", check=False)
    assert proc.returncode == 1
    assert str(empty) in proc.stdout + proc.stderr


def test_a_bad_query_fails_with_the_parser_message(ingested: Path) -> None:
    proc = run("query", "SELEKT * WHERE { ?s ?p ?o }", store=ingested, check=False)
    assert proc.returncode == 1
    assert "factkg:" in proc.stderr
