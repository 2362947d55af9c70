"""The factkg command as a user runs it: a real process on a real on-disk store."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from flask import Flask

from tests.conftest import BASE, EXAMPLES

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
    graphs = {q.graph_name.value for q in trig}  # type: ignore[union-attr]
    # one graph per article and per fact-check of factchecks.json, and the VoID description
    articles = [p for p in EXAMPLES.iterdir() if p.suffix in (".txt", ".html")]
    checks = json.loads((EXAMPLES / "factchecks.json").read_text())["dataFeedElement"]
    assert len(graphs) == len(articles) + len(checks) + 1
    void = [q for q in trig if q.graph_name.value.endswith("/.well-known/void")]  # type: ignore[union-attr]
    assert any(q.object == ox.NamedNode("http://rdfs.org/ns/void#Dataset") for q in void)
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


# exit status: 0 on success, 1 for any failure, usage errors included -------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["nosuch"],  # an unknown command
        [],  # no command: the help, as a usage error
        ["query", "--bogus", "x"],  # an unknown option
        ["query"],  # a missing argument
        ["query", "--format", "xml", "SELECT * {}"],  # a bad value
        ["extract", "."],  # a directory where a file is wanted
    ],
    ids=["command", "nothing", "option", "argument", "value", "directory"],
)
def test_a_usage_error_exits_1(args: list[str], tmp_path: Path) -> None:
    proc = run(*args, store=tmp_path / "store", check=False)
    assert proc.returncode == 1, proc.stderr
    assert "Usage: " in proc.stdout + proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "store").exists()


@pytest.mark.parametrize("args", [["--help"], ["query", "--help"], ["--version"]])
def test_help_and_version_exit_0(args: list[str], tmp_path: Path) -> None:
    assert run(*args, store=tmp_path / "store").stdout


def test_a_path_that_does_not_exist_fails_with_1_and_names_it(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-article.txt"
    proc = run("ingest", str(missing), store=tmp_path / "store", check=False)
    assert proc.returncode == 1
    assert str(missing) in proc.stderr and "does not exist" in proc.stderr
    assert not (tmp_path / "store").exists()


def test_a_query_file_that_cannot_be_read_is_named(ingested: Path, tmp_path: Path) -> None:
    missing = tmp_path / "missing.rq"
    proc = run("query", f"@{missing}", store=ingested, check=False)
    assert proc.returncode == 1
    assert (
        proc.stderr == f"factkg: cannot read the query file {missing}: No such file or directory\n"
    )
    latin1 = tmp_path / "latin1.rq"
    latin1.write_bytes("SELECT * { ?s ?p 'café' }".encode("latin-1"))
    proc = run("query", f"@{latin1}", store=ingested, check=False)
    assert proc.returncode == 1
    assert f"the query file {latin1} is not UTF-8 text" in proc.stderr


def test_an_export_that_cannot_be_written_is_named(ingested: Path, tmp_path: Path) -> None:
    target = tmp_path / "no-such-dir" / "dump.trig"
    proc = run("export", "-o", str(target), store=ingested, check=False)
    assert proc.returncode == 1
    assert proc.stderr == f"factkg: cannot write {target}: No such file or directory\n"


# an ingest that stores nothing creates nothing ------------------------------------------------


def test_an_ingest_whose_every_input_is_refused_creates_no_store(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    binary = tmp_path / "binary.html"
    binary.write_bytes(b"\x00\x01\x02\xff" * 64)
    store = tmp_path / "store"
    proc = run("ingest", str(empty), str(binary), store=store, check=False)
    assert proc.returncode == 1
    assert f"refused {empty}:" in proc.stdout and f"refused {binary}:" in proc.stdout
    assert not store.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["binary.html", "empty.txt"]


def test_an_empty_directory_given_as_the_store_is_left_empty(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    store = tmp_path / "store"
    store.mkdir()
    assert run("ingest", str(empty), store=store, check=False).returncode == 1
    assert store.is_dir() and not list(store.iterdir())
    assert not (tmp_path / "store.search.sqlite").exists()


def test_a_directory_without_articles_is_refused_and_creates_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")
    proc = run("ingest", str(folder), store=tmp_path / "store", check=False)
    assert proc.returncode == 1
    assert proc.stderr.startswith(f"factkg: no articles in {folder}: ")
    assert ".txt" in proc.stderr and ".html" in proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["articles"]


def test_an_ingest_that_stores_one_article_keeps_the_new_store(tmp_path: Path) -> None:
    article = EXAMPLES / "arctic_cable.txt"
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    store = tmp_path / "store"
    proc = run("ingest", str(article), str(empty), store=store, check=False)
    assert proc.returncode == 1  # one input was refused
    assert proc.stdout.startswith("1 sources,") and f"refused {empty}:" in proc.stdout
    assert (store / "CURRENT").is_file() and (tmp_path / "store.search.sqlite").is_file()
    # refusing everything on an existing store leaves it as it was
    assert run("ingest", str(empty), store=store, check=False).returncode == 1
    count = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert (
        json.loads(run("query", "--format", "json", count, store=store).stdout)["results"][
            "bindings"
        ][0]["n"]["value"]
        == "1"
    )


# reading a store that is not there ------------------------------------------------------------


@pytest.mark.parametrize(
    "args", [["query", "SELECT * WHERE { ?s ?p ?o }"], ["validate"], ["export"]]
)
@pytest.mark.parametrize("made", [False, True], ids=["absent", "empty-directory"])
def test_reading_a_store_that_is_not_there_says_so(
    args: list[str], made: bool, tmp_path: Path
) -> None:
    store = tmp_path / "nowhere"
    if made:
        store.mkdir()
    proc = run(*args, store=store, check=False)
    assert proc.returncode == 1
    assert proc.stderr == f"factkg: no store at {store}: run `factkg ingest` first\n"
    assert proc.stdout == ""
    assert store.exists() == made and not list(tmp_path.glob("*.sqlite"))
    if made:
        assert not list(store.iterdir())


# SPARQL syntax errors, explained --------------------------------------------------------------

SYNTAX_ERRORS = {
    "SELEC * WHERE {}": "SPARQL syntax error at line 1, column 1 (found 'SELEC * WHER'): "
    "expected one of ASK, BASE, CONSTRUCT, DESCRIBE, PREFIX, SELECT, VERSION",
    "SELECT * WHERE { ?s ex:p ?o }": "SPARQL syntax error at line 1, column 21 "
    "(found 'ex:p ?o }'): the prefix 'ex:' is not declared: add PREFIX ex: <...> before the "
    "query",
    "SELECT ?s WHERE {\n  ?s ?p ?o": "SPARQL syntax error at line 2, column 11 (at the end): "
    "the text ends too early: expected one of",
}


@pytest.mark.parametrize("query", list(SYNTAX_ERRORS), ids=["keyword", "prefix", "unterminated"])
def test_a_syntax_error_is_explained_where_it_is(ingested: Path, query: str) -> None:
    proc = run("query", query, store=ingested, check=False)
    assert proc.returncode == 1
    assert proc.stderr.startswith(f"factkg: {SYNTAX_ERRORS[query]}"), proc.stderr
    assert proc.stderr.count("\n") == 1 and "expected CONSTRUCT" not in proc.stderr
    assert proc.stdout == ""


def test_the_query_form_is_read_not_guessed_from_words(ingested: Path) -> None:
    # a prefix named like a query form once made the CLI ask a SELECT for Turtle
    q = "PREFIX describe: <http://x.test/> SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    results = json.loads(run("query", "--format", "json", q, store=ingested).stdout)
    assert int(results["results"]["bindings"][0]["n"]["value"]) > 100


def test_a_query_nested_too_deeply_is_refused_not_run(ingested: Path) -> None:
    q = "SELECT * WHERE " + "{" * 300 + "}" * 300
    proc = run("query", q, store=ingested, check=False)
    assert proc.returncode == 1
    assert proc.stderr.startswith("factkg: the query is nested too deeply")


@pytest.fixture
def service(tmp_path: Path, serve: Callable[[Flask], str]) -> Iterator[str]:
    """factkg's own SPARQL endpoint on a real socket, over an empty on-disk store."""
    from service import backend as app_store
    from service import create_app
    from service.query import runner as query_runner

    app = create_app(
        {"STORE": str(tmp_path / "served"), "BASE_URI": BASE, "QUERY_WORKERS": 1, "TESTING": True}
    )
    yield f"{serve(app)}/sparql"
    query_runner.shutdown(app)
    app.extensions[app_store.KEY].close()


def test_a_remote_store_refusal_is_passed_on(service: str, tmp_path: Path) -> None:
    remote = ("--sparql-query", service)
    store = tmp_path / "unused"
    proc = run("query", *remote, "SELEC * WHERE {}", store=store, check=False)
    assert proc.returncode == 1
    assert proc.stderr.startswith(f"factkg: {SYNTAX_ERRORS['SELEC * WHERE {}']}"), proc.stderr
    # a refusal that is not a syntax error: the server's own words (its JSON error's detail)
    q = "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"
    proc = run("query", *remote, q, store=store, check=False)
    assert proc.returncode == 1
    assert "SERVICE <http://example.org/sparql> is refused" in proc.stderr, proc.stderr
    assert not store.exists()
