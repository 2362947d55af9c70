"""Query answers as table rows for the editor page: IRIs become links, ours to our own pages."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from kg.vocab import PREFIXES
from service.links import is_web

#: prefixes used to shorten IRIs in table cells (the full IRI stays in the title and href)
SHORT = tuple((f"{prefix}:", ns) for prefix, ns in PREFIXES.items())
XSD_STRING = PREFIXES["xsd"] + "string"


@dataclass(frozen=True)
class Cell:
    text: str
    href: str | None = None
    title: str | None = None
    note: str | None = None  # language tag or datatype, shown small
    css: str = "literal"


@dataclass
class Table:
    columns: list[str]
    rows: list[list[Cell | None]]
    total: int  # rows in the answer; more than len(rows) when cut for display
    boolean: bool | None = None


def _short(iri: str) -> str:
    for prefix, ns in SHORT:
        if iri.startswith(ns) and len(iri) > len(ns):
            return prefix + iri[len(ns) :]
    return iri


class CellMaker:
    """Turns terms into cells; IRIs under ``base`` link to this server's path for them."""

    def __init__(self, base: str, local_root: str) -> None:
        self.base = base
        self.local_root = local_root  # this app's URL root, e.g. "/" or "/factkg/"

    def iri(self, value: str) -> Cell:
        rest = value[len(self.base) :]
        # "{base}/evil.example/" as a local path would be "//evil.example/": another host
        if value.startswith(self.base) and not rest.startswith(("/", "\\")):
            return Cell(rest or value, self.local_root + rest, value, css="iri local")
        return Cell(_short(value), value if is_web(value) else None, value, css="iri")

    def json_term(self, term: dict[str, Any]) -> Cell:
        kind, value = term.get("type"), str(term.get("value", ""))
        if kind == "uri":
            return self.iri(value)
        if kind == "bnode":
            return Cell("_:" + value, css="bnode")
        if kind == "triple":
            parts = term.get("value") or {}
            inner = " ".join(
                self.json_term(parts[k]).text for k in ("subject", "predicate", "object")
            )
            return Cell(f"<< {inner} >>", css="triple")
        lang = term.get("xml:lang")
        datatype = term.get("datatype")
        note = f"@{lang}" if lang else (_short(datatype) if datatype else None)
        return Cell(value, note=note)

    def ox_term(self, term: object) -> Cell:
        if isinstance(term, ox.NamedNode):
            return self.iri(term.value)
        if isinstance(term, ox.BlankNode):
            return Cell("_:" + term.value, css="bnode")
        if isinstance(term, ox.Literal):
            if term.language:
                return Cell(term.value, note="@" + term.language)
            dt = term.datatype.value
            return Cell(term.value, note=None if dt == XSD_STRING else _short(dt))
        return Cell(str(term), css="triple")


def solutions_table(data: bytes, cells: CellMaker, max_rows: int) -> Table:
    """A table from SPARQL JSON results (SELECT or ASK)."""
    doc = json.loads(data)
    if "boolean" in doc:
        return Table([], [], 0, boolean=bool(doc["boolean"]))
    columns: list[str] = list(doc.get("head", {}).get("vars", []))
    bindings: list[dict[str, Any]] = doc.get("results", {}).get("bindings", [])
    rows = [
        [cells.json_term(b[c]) if c in b else None for c in columns] for b in bindings[:max_rows]
    ]
    return Table(columns, rows, len(bindings))


def graph_table(data: bytes, cells: CellMaker, max_rows: int) -> Table:
    """A subject / predicate / object table from N-Triples."""
    rows: list[list[Cell | None]] = []
    total = 0
    for triple in ox.parse(data, format=ox.RdfFormat.N_TRIPLES):
        total += 1
        if len(rows) < max_rows:
            make: Callable[[object], Cell] = cells.ox_term
            rows.append([make(triple.subject), make(triple.predicate), make(triple.object)])
    return Table(["subject", "predicate", "object"], rows, total)
