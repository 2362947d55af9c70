"""The text of a SPARQL Update, cut into its operations (each with the prologue in force).

A small lexer (strings, IRIs, comments, braces) is enough to find the top-level ``;`` between
operations and the ``WHERE`` of a DELETE/INSERT, where the protocol's ``using-graph-uri`` and
``using-named-graph-uri`` become ``USING`` clauses. Nothing here judges validity: the parsers
downstream do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(
    r"""
      (?P<ws>\s+)
    | (?P<comment>\#[^\n\r]*)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                 |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<punct>[{};])
    | (?P<word>(?:[^\s{};'"<\#\\]|\\.)+)
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    start: int
    end: int
    depth: int  # brace depth the token sits at (a brace: the depth inside it)

    def keyword(self) -> str:
        return self.text.upper() if self.kind == "word" else ""


@dataclass
class Operation:
    prologue: str  # every PREFIX/BASE declared so far in the request
    text: str  # the operation itself, without its own prologue
    tokens: list[Token]

    @property
    def full(self) -> str:
        return f"{self.prologue}\n{self.text}" if self.prologue else self.text


def tokenize(text: str) -> list[Token]:
    """The tokens outside braces, and the braces: all that splitting needs (a large INSERT
    DATA block is skipped over, not turned into a token per term)."""
    tokens: list[Token] = []
    depth = 0
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        if kind == "ws" or kind == "comment":
            continue
        value = m.group()
        if value == "{" and kind == "punct":
            tokens.append(Token(kind, value, m.start(), m.end(), depth))
            depth += 1
        elif value == "}" and kind == "punct":
            depth = max(0, depth - 1)
            tokens.append(Token(kind, value, m.start(), m.end(), depth + 1))
        elif depth == 0:
            tokens.append(Token(kind or "other", value, m.start(), m.end(), depth))
    return tokens


def split(text: str) -> list[Operation]:
    """The operations of ``text``, in order; a request of only a prologue has none."""
    tokens = tokenize(text)
    ops: list[Operation] = []
    prologue: list[str] = []
    current: list[Token] = []

    def flush() -> None:
        body = current[:]
        current.clear()
        i = 0
        while i < len(body) and body[i].keyword() in ("PREFIX", "BASE"):
            n = 3 if body[i].keyword() == "PREFIX" else 2
            decl = body[i : i + n]
            prologue.append(text[decl[0].start : decl[-1].end])
            i += n
        rest = body[i:]
        if rest:
            ops.append(Operation("\n".join(prologue), text[rest[0].start : rest[-1].end], rest))

    for tok in tokens:
        if tok.text == ";" and tok.depth == 0 and tok.kind == "punct":
            flush()
        else:
            current.append(tok)
    flush()
    return ops


def with_dataset(op: Operation, using: list[str], using_named: list[str]) -> str:
    """``op`` (a DELETE/INSERT ... WHERE or DELETE WHERE) with USING clauses added."""
    clauses = " ".join(
        [f"USING <{iri}>" for iri in using] + [f"USING NAMED <{iri}>" for iri in using_named]
    )
    toks = op.tokens
    text = op.text
    base = toks[0].start
    if len(toks) > 1 and toks[0].keyword() == "DELETE" and toks[1].keyword() == "WHERE":
        # DELETE WHERE { P } is DELETE { P } WHERE { P }, which may carry USING.
        pattern = text[toks[1].end - base :].strip()
        return f"{op.prologue}\nDELETE {pattern} {clauses} WHERE {pattern}"
    for tok in toks:
        if tok.depth == 0 and tok.keyword() == "WHERE":
            cut = tok.start - base
            return f"{op.prologue}\n{text[:cut]}{clauses} {text[cut:]}"
    return op.full
