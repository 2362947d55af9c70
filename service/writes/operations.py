"""The text of a SPARQL Update, cut into its operations (each with the prologue in force).

The cutting is the engine's own reading (kg.sparql.grammar): where each operation starts and
ends, which graphs an INSERT/DELETE DATA block writes, where a DELETE/INSERT's WHERE is (the
protocol's ``using-graph-uri`` and ``using-named-graph-uri`` become USING clauses there).
pyoxigraph admits a prologue only at the start of an update, so every operation shares it.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.sparql.grammar import Reading


@dataclass(frozen=True)
class Operation:
    prologue: str  # the PREFIX/BASE declarations of the request
    text: str  # the operation itself
    keyword: str  # kg.sparql.grammar.Operation.keyword: LOAD, ..., INSERT DATA, MODIFY
    graphs: tuple[str, ...]  # INSERT/DELETE DATA: the graphs their GRAPH blocks name
    default_triples: bool  # INSERT/DELETE DATA: triples outside any GRAPH block
    where_at: int | None  # MODIFY: offset of WHERE in ``text``
    pattern: str | None  # DELETE WHERE: its quad pattern

    @property
    def full(self) -> str:
        return f"{self.prologue}\n{self.text}" if self.prologue.strip() else self.text


def split(text: str, reading: Reading) -> list[Operation]:
    """The operations of ``text`` (read as ``reading``), in order."""
    prologue = text[: reading.prologue_end]
    ops: list[Operation] = []
    for op in reading.operations:
        ops.append(
            Operation(
                prologue,
                text[op.start : op.end],
                op.keyword,
                op.graphs,
                op.default_triples,
                None if op.where_at is None else op.where_at - op.start,
                None if op.pattern is None else text[op.pattern[0] : op.pattern[1]],
            )
        )
    return ops


def with_dataset(op: Operation, using: list[str], using_named: list[str]) -> str:
    """``op`` (a DELETE/INSERT ... WHERE or DELETE WHERE) with USING clauses added."""
    clauses = " ".join(
        [f"USING <{iri}>" for iri in using] + [f"USING NAMED <{iri}>" for iri in using_named]
    )
    if op.pattern is not None:
        # DELETE WHERE { P } is DELETE { P } WHERE { P }, which may carry USING.
        return f"{op.prologue}\nDELETE {op.pattern} {clauses} WHERE {op.pattern}"
    if op.where_at is not None:
        return f"{op.prologue}\n{op.text[: op.where_at]}{clauses} {op.text[op.where_at :]}"
    return op.full
