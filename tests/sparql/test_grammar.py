"""kg.sparql reads every query and update as pyoxigraph does (its verdict, test for test).

The reference is the engine itself, run in a child process with no network (a network
namespace of its own: some W3C texts name remote services, and no test touches the
internet): the W3C SPARQL 1.0 and 1.1 syntax suites, then texts mutated from them at
random (hypothesis), each must get the same verdict from both. The one W3C test where the
engine departs from the suite (syntax-sparql3/syn-bad-26.rq: ``?x<?a&&?b>?y`` compared, not
an IRI) is read the engine's way, since what runs is what the engine reads.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import RDF, Graph, Namespace

from kg.errors import QueryError
from kg.sparql import read_query, read_update
from tests.conftest import W3C

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SYNTAX = W3C / "syntax"

ORACLE = """
import json, sys
from kg.no_network import isolate_network
why = isolate_network()
print(json.dumps(why), flush=True)
import pyoxigraph as ox
for line in sys.stdin:
    job = json.loads(line)
    store = ox.Store()
    try:
        if job["update"]:
            store.update(job["text"], base_iri=job["base"])
        else:
            store.query(job["text"], base_iri=job["base"])
        verdict = True
    except SyntaxError:
        verdict = False
    except Exception:
        verdict = True  # parsed; it failed while running (a LOAD with no network, ...)
    print(json.dumps(verdict), flush=True)
"""


@dataclass(frozen=True)
class Case:
    name: str
    text: str
    update: bool
    base: str
    positive: bool


def w3c_cases() -> list[Case]:
    cases = []
    for manifest in sorted(SYNTAX.glob("*/manifest.ttl")):
        graph = Graph().parse(manifest, publicID=manifest.as_uri())
        for test, kind in graph.subject_objects(RDF.type):
            kind_name = str(kind).rsplit("#", 1)[-1]
            if "Syntax" not in kind_name:
                continue
            path = Path(str(graph.value(test, MF.action)).removeprefix("file://"))
            cases.append(
                Case(
                    f"{manifest.parent.name}/{path.name}",
                    path.read_text(encoding="utf-8"),
                    "Update" in kind_name,
                    path.as_uri(),
                    kind_name.startswith("Positive"),
                )
            )
    return sorted(cases, key=lambda c: c.name)


CASES = w3c_cases()


class Engine:
    """pyoxigraph's verdict on a text, from a child process without network."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", ORACLE],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        assert self.process.stdout is not None
        self.why = json.loads(self.process.stdout.readline())

    def accepts(self, text: str, update: bool, base: str) -> bool:
        assert self.process.stdin is not None and self.process.stdout is not None
        job = {"text": text, "update": update, "base": base}
        self.process.stdin.write(json.dumps(job) + "\n")
        self.process.stdin.flush()
        return bool(json.loads(self.process.stdout.readline()))

    def close(self) -> None:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.close()
        self.process.wait(10)
        self.process.stdout.close()


@pytest.fixture(scope="module")
def engine() -> Iterator[Engine]:
    oracle = Engine()
    if oracle.why is not None:
        oracle.close()
        pytest.skip(
            f"no network namespace on this platform ({oracle.why}): the engine "
            "cannot be run on texts that name remote services"
        )
    yield oracle
    oracle.close()


def ours(text: str, update: bool, base: str) -> bool:
    try:
        (read_update if update else read_query)(text, base)
    except QueryError:
        return False
    return True


def test_the_suites_are_all_here() -> None:
    assert len(CASES) == 351
    assert sum(c.positive for c in CASES) > 150


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_w3c_syntax_verdict_is_the_engines(engine: Engine, case: Case) -> None:
    verdict = engine.accepts(case.text, case.update, case.base)
    if case.name != "syntax-sparql3/syn-bad-26.rq":
        assert verdict == case.positive  # the engine itself follows the suite here
    assert ours(case.text, case.update, case.base) == verdict


PIECES = list("{}()[]<>?$:;.,'\"#\\ \n\t*+-/!=&|^@_aAeE019") + [
    "SERVICE", "FROM", "NAMED", "SILENT", "WHERE", "SELECT", "GRAPH", "BIND", "AS", "VALUES",
    "UNDEF", "<<", ">>", "<<(", ")>>", "{|", "|}", "~", "\u00b7", "\u0300", "\u2118",
    "\U0001d538", "\\u0041", "%41", "ex:", ":",
]  # fmt: skip


@st.composite
def mutated(draw: st.DrawFn) -> Case:
    """A W3C text with one to three random edits: a piece inserted, a few characters
    deleted, or a few copied elsewhere."""
    case = draw(st.sampled_from(CASES))
    text = case.text
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(text)))
        edit = draw(st.sampled_from(["insert", "delete", "copy"]))
        if edit == "insert":
            text = text[:at] + draw(st.sampled_from(PIECES)) + text[at:]
        elif edit == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 3)) :]
        else:
            source = draw(st.integers(0, len(text)))
            text = text[:at] + text[source : source + 5] + text[at:]
    return Case(case.name, text, case.update, case.base, case.positive)


@settings(
    max_examples=400,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=mutated())
def test_mutated_texts_get_the_engines_verdict(engine: Engine, case: Case) -> None:
    assert ours(case.text, case.update, case.base) == engine.accepts(
        case.text, case.update, case.base
    ), case.text


@pytest.mark.parametrize(
    "text",
    [
        # found by the differential fuzzing: a reifier or annotation with no id makes a
        # blank node, which DELETE DATA refuses
        "DELETE DATA { <s> <p> 'o1'~, 'o2', 'o3' }",
        "DELETE DATA { GRAPH <http://g> { <http://s> <http://p> 'o' {| <http://p> 1 |} } }",
        "DELETE DATA { GRAPH <http://g> { << <http://s> <http://p> 'o' >> <http://p> 1 } }",
        "INSERT DATA { GRAPH <http://g> { <http://s> <http://p> 'o' ~ {| <http://p> 1 |} } }",
        # and a literal or a triple term as subject makes no quad
        "INSERT DATA { GRAPH <http://g> { 1 <http://p> <http://o> } }",
        "DELETE DATA { GRAPH <http://g> { 'x' <http://p> <http://o> } }",
        "INSERT DATA { GRAPH <http://g> { <http://s> <http://p> <<( 1 <http://b> 2 )>> } }",
        "INSERT DATA { GRAPH <http://g> { << 1 <http://b> 2 >> <http://p> 3 } }",
        "INSERT { GRAPH <http://g> { 1 <http://p> <http://o> } } WHERE {}",
    ],
)
def test_data_blocks_refuse_what_makes_no_quad_as_the_engine_does(
    engine: Engine, text: str
) -> None:
    assert ours(text, True, "http://b/") == engine.accepts(text, True, "http://b/")
