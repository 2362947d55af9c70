"""What a SPARQL query or update would make the server reach outside its store.

pyoxigraph evaluates ``SERVICE <http://…>`` and ``LOAD <http://…>`` by making real HTTP
requests and offers no hook to stop it, so the endpoint must know, before it runs anything,
whether the text contains them. rdflib's parser could tell but costs 4–5 ms per query (and its
grammar is not oxigraph's); this is a lexical scan that skips strings, IRIs and comments:
~0.14 ms for the 400-character example queries of the editor when they contain one of the
words ``service``, ``from``, ``load`` or ``using`` (even in a comment), and one regex search,
~12 µs, when they do not (measured on the team's 2-core machine).

One ambiguity of SPARQL's grammar matters for safety: ``<`` opens an IRI or is a less-than
operator, depending on where the parser is. Read one way, ``FILTER(?a<'>x') SERVICE <…> {}``
hides the SERVICE inside a string; read the other way (the way oxigraph reads it), it calls
out. The scan therefore follows *both* readings wherever an IRI-looking token contains a quote
or ``#`` (the only characters that would re-synchronise the readings differently) and reports
what either reading finds: it may refuse an odd query that is harmless, never the reverse.
``\\uXXXX`` escapes are decoded first, as the SPARQL grammar (and oxigraph) does, and the raw
text is scanned too.
"""

from __future__ import annotations

import heapq
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<str>'''(?:[^'\\]|\\.|'(?!''))*'''
          |\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
          |'(?:[^'\\\n\r]|\\.)*'
          |"(?:[^"\\\n\r]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][^\s{}()\[\]<>"'\#,;.|^!=/*+?$&]+)
  | (?P<pname>(?:[^\W\d][\w.\-]*)?:(?:[\w\-.:%\u00B7-\U0010FFFF]|\\.)*(?<!\.))
  | (?P<word>[^\W\d]\w*)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_LOCAL_ESCAPE = re.compile(r"\\(.)")
#: Words whose absence proves there is nothing to find (the fast path).
_RISKY = re.compile(r"service|from|load|using", re.IGNORECASE)
_ABSOLUTE = re.compile(r"<[A-Za-z][A-Za-z0-9+.\-]*://")
QUERY_FORMS = frozenset({"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"})
UPDATE_FORMS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
)


@dataclass
class Reach:
    """IRIs a request names outside its WHERE patterns; None stands for one not known
    lexically (a variable, an undeclared prefix)."""

    services: list[str | None] = field(default_factory=list)
    loads: list[str | None] = field(default_factory=list)
    from_graphs: list[str | None] = field(default_factory=list)
    from_named: list[str | None] = field(default_factory=list)
    using_graphs: list[str | None] = field(default_factory=list)
    using_named: list[str | None] = field(default_factory=list)

    def merge(self, other: Reach) -> None:
        for name in self.__dataclass_fields__:
            mine: list[str | None] = getattr(self, name)
            mine.extend(x for x in getattr(other, name) if x not in mine)

    @property
    def empty(self) -> bool:
        return not any(getattr(self, name) for name in self.__dataclass_fields__)


def decode_escapes(text: str) -> str:
    """Apply SPARQL's ``\\u``/``\\U`` code point escapes, as the parser does before anything."""
    if "\\u" not in text and "\\U" not in text:
        return text

    def one(m: re.Match[str]) -> str:
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else m.group(0)

    return _ESCAPE.sub(one, text)


def scan(text: str) -> Reach:
    """Everything ``text`` (a query or an update) would make the server reach."""
    reach = Reach()
    decoded = decode_escapes(text)
    for variant in {text, decoded}:
        if _RISKY.search(variant):
            reach.merge(_scan(variant))
    return reach


def form(text: str) -> str | None:
    """The request's first keyword after its prologue (SELECT, ASK, ..., INSERT, LOAD, ...)."""
    text = decode_escapes(text)
    skip = 0
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        if kind in ("ws", "comment"):
            continue
        if skip:
            skip -= 1
            continue
        if kind != "word":
            return None
        word = m.group().upper()
        if word == "PREFIX":
            skip = 2
        elif word == "BASE":
            skip = 1
        else:
            return word
    return None


def _tokens_from(text: str, pos: int, limit: int | None = None) -> list[tuple[str, str, int]]:
    """Significant tokens (kind, text, start) from ``pos`` on, in the IRI-first reading."""
    out: list[tuple[str, str, int]] = []
    for m in _TOKEN.finditer(text, pos):
        kind = m.lastgroup or "other"
        if kind not in ("ws", "comment"):
            out.append((kind, m.group(), m.start()))
            if limit is not None and len(out) >= limit:
                break
    return out


class _Resolver:
    """Turns IRI and prefixed-name tokens into IRIs, with the PREFIX and BASE declared."""

    def __init__(self, tokens: list[tuple[str, str, int]]) -> None:
        self.prefixes: dict[str, str] = {}
        self.base = ""
        for i, (kind, value, _) in enumerate(tokens):
            if kind != "word" or i + 1 >= len(tokens):
                continue
            word = value.upper()
            if word == "BASE" and tokens[i + 1][0] == "iri":
                self.base = self._iri(tokens[i + 1][1])
            elif word == "PREFIX" and i + 2 < len(tokens) and tokens[i + 2][0] == "iri":
                self.prefixes[tokens[i + 1][1].rstrip(":")] = self._iri(tokens[i + 2][1])

    def _iri(self, token: str) -> str:
        iri = token[1:-1]
        return urljoin(self.base, iri) if self.base else iri

    def term(self, token: tuple[str, str, int] | None) -> str | None:
        if token is None:
            return None
        kind, value, _ = token
        if kind == "iri":
            return self._iri(value)
        if kind == "pname":
            prefix, _, local = value.partition(":")
            if prefix in self.prefixes:
                return self.prefixes[prefix] + _LOCAL_ESCAPE.sub(r"\1", local)
        return None


def _keywords(text: str) -> list[tuple[str, int, str | None]]:
    """(keyword, end of keyword, previous token) for every keyword some reading sees.

    oxigraph needs no word boundary around a keyword and its parser backtracks, so
    ``SERVICEex:x {}``, ``SERVICE:x {}`` and even ``1a1SERVICEex:x {}`` (``1 a 1`` then a
    SERVICE) call out: SERVICE counts anywhere inside a word or prefixed name, and
    :func:`_scan` keeps it when what follows has the shape of a SERVICE clause.
    """
    found: list[tuple[str, int, str | None]] = []
    pending: list[tuple[int, str | None]] = [(0, None)]
    seen: set[int] = set()
    while pending:
        pos, prev = heapq.heappop(pending)
        while pos < len(text) and pos not in seen:
            seen.add(pos)
            m = _TOKEN.match(text, pos)
            if m is None:  # pragma: no cover - the last alternative matches any character
                break
            kind, value = m.lastgroup, m.group()
            if kind in ("word", "pname"):
                upper = value.upper()
                at = upper.find("SERVICE")
                while at >= 0:
                    found.append(("SERVICE", pos + at + 7, prev))
                    at = upper.find("SERVICE", at + 1)
                for keyword in ("LOAD", "FROM", "USING"):
                    if upper.startswith(keyword):
                        found.append((keyword, pos + len(keyword), prev))
            elif kind == "iri" and ("'" in value or "#" in value) and not _ABSOLUTE.match(value):
                # The other reading, '<' as less-than. Not for '<scheme://': after an operator
                # 'scheme:' '/' '/' cannot parse, so oxigraph cannot read it that way.
                heapq.heappush(pending, (pos + 1, "<"))
            if kind not in ("ws", "comment"):
                prev = "iri" if kind == "iri" else value
            pos = m.end()
    return found


def _scan(text: str) -> Reach:
    reach = Reach()
    resolver = _Resolver(_tokens_from(text, 0))
    for keyword, end, prev in _keywords(text):
        after = _tokens_from(text, end, limit=3)
        modifier = None
        if after and after[0][0] == "word" and after[0][1].upper() in ("SILENT", "NAMED"):
            modifier = after[0][1].upper()
            after = after[1:]
        target = after[0] if after else None
        if keyword == "SERVICE":
            # SERVICE SILENT? (iri | prefixed name | variable) {
            if target and target[0] in ("iri", "pname", "var") and after[1:2]:
                if after[1][1] == "{":
                    reach.services.append(resolver.term(target))
        elif keyword == "LOAD":
            # an update operation: first, or after ';' or the prologue's last IRI
            if prev in (None, ";", "iri") and target and target[0] in ("iri", "pname"):
                reach.loads.append(resolver.term(target))
        elif keyword == "FROM":
            (reach.from_named if modifier == "NAMED" else reach.from_graphs).append(
                resolver.term(target)
            )
        else:
            (reach.using_named if modifier == "NAMED" else reach.using_graphs).append(
                resolver.term(target)
            )
    return reach
