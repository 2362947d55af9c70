"""The house rules of the code base (docs/architecture.md), checked on the source itself:
no import cycles, conversion the only writer of RDF terms, one spelling of the fk namespace,
and every docstring example true."""

from __future__ import annotations

import ast
import doctest
import importlib
from pathlib import Path

import pytest

from kg.vocab import FK_IRI
from tests.conftest import REPO

SOURCES = sorted((REPO / "kg").rglob("*.py")) + sorted((REPO / "service").rglob("*.py"))


def module_name(path: Path) -> str:
    name = ".".join(path.relative_to(REPO).with_suffix("").parts)
    return name.removesuffix(".__init__")


MODULES = {module_name(p): p for p in SOURCES}


def import_graph() -> dict[str, set[str]]:
    """Module-level imports between kg/ and service/ modules (the ones that run at import
    time); ``from package import submodule`` is an edge to the submodule."""
    graph: dict[str, set[str]] = {m: set() for m in MODULES}
    for name, path in MODULES.items():
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                for alias in node.names:
                    full = f"{node.module}.{alias.name}"
                    if full in MODULES:
                        graph[name].add(full)
                    elif node.module in MODULES:
                        graph[name].add(node.module)
            elif isinstance(node, ast.Import):
                graph[name] |= {a.name for a in node.names if a.name in MODULES}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_module_imports_in_a_cycle() -> None:
    assert cycles(import_graph()) == []


def test_the_cycle_check_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_only_the_pipelines_import_the_converter() -> None:
    """kg/convert.py is the one place that writes RDF terms; the vocabulary and the IRI
    scheme others need live in kg/vocab.py and kg/ids.py. Its callers are the pipelines:
    ingest of articles (kg.pipeline) and of fact-checks and RDF files (kg.documents), and
    re-linking what a store holds (kg.relink)."""
    importers = {
        name
        for name, deps in import_graph().items()
        if "kg.convert" in deps and name != "kg.convert"
    }
    assert importers <= {"kg.pipeline", "kg.documents", "kg.relink"}


def test_the_fk_namespace_is_written_once_in_python() -> None:
    """In the generated kg/namespace.py, read from the ontology's own fk: prefix."""
    spelled = [p.relative_to(REPO).as_posix() for p in SOURCES if FK_IRI in p.read_text()]
    assert spelled == ["kg/namespace.py"]


DOCTESTED = [
    "kg.dates",
    "kg.ids",
    "kg.nesting",
    "kg.vocab",
    "kg.sparql.grammar",
    "kg.sparql.iri",
    "kg.sparql.reach",
]


@pytest.mark.parametrize("name", DOCTESTED)
def test_docstring_examples_hold(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
