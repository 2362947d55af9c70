"""pyoxigraph's SPARQL grammar, rule for rule, to know what a query will do before it runs.

pyoxigraph (0.5.x) parses SPARQL with a scannerless PEG (rust-peg, ``spargebra/src/parser.rs``
on Oxigraph's 0.5 branch). A check that reads the text any other way can be fooled: keywords
need no word boundary there (``SERVICE?x{}`` calls out), ``<`` is an IRI or an operator by
context (``?x<?a&&?b>?y`` compares), prefixed names take the full SPARQL character classes
(``x·y:`` is a prefix), ``\\u`` escapes are decoded only inside IRIs and strings. So this
module is that grammar again, in Python: the same rules under the same names, the same
ordered choices and greedy repetitions, the same character classes, and the same semantic
failures that make the PEG try its next alternative (unknown prefix, an IRI that does not
parse, a reused blank node label, an aggregate outside SELECT, ...). What it reports:

- every SERVICE, FROM / FROM NAMED, LOAD, USING / USING NAMED and WITH target, resolved the
  way the engine resolves it (None for a variable), in the parse the engine would take;
- how deeply the text nests (the engine recurses once per level and crashes its process
  at a few thousand levels; :data:`MAX_DEPTH` stops far below that);
- a syntax error with its line, column and what was expected there.

It agrees with pyoxigraph on every test of the W3C SPARQL 1.0 and 1.1 syntax suites
(tests/sparql/test_grammar.py), and a property-based test compares the two on generated
queries. It builds no algebra: checks that need the algebra (variable scope in SELECT, BIND)
are left to the engine, which refuses those queries itself.

>>> r = read_query("PREFIX x·y: <http://127.0.0.1:9/> SELECT * { SERVICE x·y:a { ?s ?p ?o } }")
>>> r.services
[Target(kind='SERVICE', iri='http://127.0.0.1:9/a', silent=False)]
>>> read_query("SELECT * WHERE { ?s ?p ?o FILTER(?x<?a&&?b>?y) }").services
[]
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from kg.errors import QueryError
from kg.sparql.iri import resolve

#: Nesting levels a request may reach (a level: a group ``{}``, a bracketed or nested
#: expression, a ``!`` or a chained ``+ - * /``, a collection, a ``[ ]`` property list, a
#: quoted triple, a parenthesised path). Real queries stay well under 30; pyoxigraph's own
#: parser crashed its process at 2,000 to 4,000 (measured; docs/security.md).
MAX_DEPTH = 128
#: Nesting plus chained elements (UNION operands, ``||``/``&&`` terms, path steps, group
#: elements): the engine folds a chain into a left-deep tree and recurses through it while
#: evaluating (20,000 UNIONs or ``||`` terms crashed its process; 5,000 ran).
MAX_TREE = 2_000
#: Characters that open a level or a chained element; a text with fewer of them than
#: MAX_DEPTH cannot nest deeper or chain longer than that (:func:`may_nest_deeper_than`).
_OPENERS = "{([<!+-*/|&"

# The Python frames one level costs (at most ~12) stay within this, with room for the
# server's own stack; pure-Python recursion uses no C stack on CPython 3.11+.
if sys.getrecursionlimit() < 4000:
    sys.setrecursionlimit(4000)


class SparqlSyntaxError(QueryError):
    """Text the engine would refuse to parse; says where, what was expected there, and a
    hint for the commonest mistakes (an undeclared prefix, an IRI with a space in it)."""

    def __init__(self, text: str, position: int, expected: list[str], reason: str = "") -> None:
        line = text.count("\n", 0, position) + 1
        column = position - (text.rfind("\n", 0, position) + 1) + 1
        self.line, self.column, self.position, self.expected = line, column, position, expected
        where = f"line {line}, column {column} ({_shown(text, position)})"
        hint = reason or _hint(text, position, expected)
        if hint:
            message = f"at {where}: {hint}"
        elif expected:
            message = f"at {where}: expected {_expected(expected)}"
        else:
            message = f"at {where}"
        super().__init__(f"SPARQL syntax error {message}")


#: what the parser reports when a term could start here, shown as one phrase
_TERM_STARTS = frozenset(
    {
        "a variable", "an IRI", "a valid IRI", "a prefixed name", "a declared prefix",
        "a string", "an integer", "a decimal", "a double", '"true"', '"false"', "[]", "()",
        '"["', '"("', '"<<"', '"<<("', '"+"', '"-"', "a language tag",
    }
)  # fmt: skip


def _expected(expected: list[str]) -> str:
    """The expected tokens in words: term starts folded into one phrase, keywords listed."""
    terms = [e for e in expected if e in _TERM_STARTS]
    rest = [e for e in expected if e not in _TERM_STARTS]
    parts = []
    if len(terms) >= 4:
        parts.append("a term (a variable, an IRI, a prefixed name, a literal or a blank node)")
    else:
        rest = terms + rest
    if rest:
        parts.append(("one of " if len(rest) > 1 else "") + ", ".join(rest[:12]))
        if len(rest) > 12:
            parts[-1] += ", ..."
    return " or ".join(parts)


def _hint(text: str, position: int, expected: list[str]) -> str:
    if "a declared prefix" in expected:
        m = _PNAME_NS.match(text, position)
        if m is not None:
            ns = m.group(1) or ""
            return f"the prefix '{ns}:' is not declared: add PREFIX {ns}: <...> before the query"
    if "a valid IRI" in expected and text.startswith("<", position):
        end = text.find(">", position)
        shown = text[position : end + 1] if 0 <= end - position < 80 else "<...>"
        return (
            f"{shown} is not a valid IRI (no spaces, quotes or braces; relative IRIs resolve "
            "against the BASE)"
        )
    if position >= len(text) and expected:
        return f"the text ends too early: expected {_expected(expected)}"
    return ""


class NestingError(QueryError):
    """Text nested deeper than MAX_DEPTH: refused before any engine parses it."""


@dataclass(frozen=True)
class Target:
    kind: str  # SERVICE, FROM, FROM NAMED, LOAD, USING, USING NAMED, WITH
    iri: str | None  # None: a variable (SERVICE ?x)
    silent: bool = False


@dataclass(frozen=True)
class Operation:
    """One operation of an update, as offsets into the text."""

    keyword: str  # LOAD, CLEAR, DROP, ADD, MOVE, COPY, CREATE, INSERT DATA, DELETE DATA,
    #               DELETE WHERE, or MODIFY (DELETE/INSERT ... WHERE, with or without WITH)
    start: int
    end: int
    graphs: tuple[str, ...] = ()  # INSERT/DELETE DATA: the graphs named by GRAPH blocks
    default_triples: bool = False  # INSERT/DELETE DATA: triples outside any GRAPH block
    where_at: int | None = None  # MODIFY: where its WHERE keyword starts
    pattern: tuple[int, int] | None = None  # DELETE WHERE: its quad pattern


@dataclass
class Reading:
    """What a query or update is, as the engine would read it."""

    form: str  # SELECT, CONSTRUCT, DESCRIBE, ASK, or UPDATE
    targets: list[Target] = field(default_factory=list)
    depth: int = 0
    operations: list[Operation] = field(default_factory=list)
    prologue_end: int = 0  # the prologue (BASE, PREFIX, VERSION) is the text before it

    def _of(self, *kinds: str) -> list[Target]:
        return [t for t in self.targets if t.kind in kinds]

    @property
    def services(self) -> list[Target]:
        return self._of("SERVICE")

    @property
    def loads(self) -> list[Target]:
        return self._of("LOAD")

    @property
    def from_graphs(self) -> list[str]:
        return [t.iri for t in self._of("FROM") if t.iri]

    @property
    def from_named(self) -> list[str]:
        return [t.iri for t in self._of("FROM NAMED") if t.iri]


def read_query(text: str, base_iri: str | None = None) -> Reading:
    """Read ``text`` as ``Store.query`` would; raises SparqlSyntaxError or NestingError."""
    return _Parser(text, base_iri).run(update=False)


def read_update(text: str, base_iri: str | None = None) -> Reading:
    """Read ``text`` as ``Store.update`` would; raises SparqlSyntaxError or NestingError."""
    return _Parser(text, base_iri).run(update=True)


def explain(
    text: str, error: Exception, *, update: bool = False, base_iri: str | None = None
) -> str:
    """A syntax error the engine raised, in our words: the line, the column, what was expected
    there and a hint; the engine's own words if our reading sees no error."""
    try:
        _Parser(text, base_iri).run(update=update)
    except QueryError as ours:
        return str(ours)
    return f"SPARQL syntax error: {error}"


def may_nest_deeper_than(text: str, depth: int = MAX_DEPTH) -> bool:
    """False when ``text`` certainly nests no deeper than ``depth``, in one C-speed pass.

    Every level of the grammar, and every chained element the engine folds into a tree (a
    UNION operand, a ``||`` or ``&&`` term, a path step, a group element), consumes one of
    the characters in ``_OPENERS`` (a group element at most two), so a text with at most
    ``depth`` of them stays far within MAX_DEPTH and MAX_TREE however the engine reads it;
    True means only that the full parse must measure it.
    """
    return sum(text.count(c) for c in _OPENERS) > depth


def _shown(text: str, position: int) -> str:
    if position >= len(text):
        return "at the end"
    return f"found {text[position : position + 12]!r}"


# terminals ------------------------------------------------------------------------------

_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd"
)  # PN_CHARS_BASE: pyoxigraph 0.5 leaves out the astral planes the spec allows
_U = "_" + _BASE
_CHARS = "\\-0-9\u00b7\u0300-\u036f\u203f-\u2040" + _U
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_ECHAR_UCHAR = r"\\[tbnrf\"'\\]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}"

# Possessive quantifiers and atomic groups give regexes the PEG's no-backtracking semantics.
_WS = re.compile(r"(?:[ \t\n\r]|#[^\r\n]*)*+")
_PN_PREFIX = f"[{_BASE}][{_CHARS}]*+(?:\\.++[{_CHARS}]++)*+"
_PNAME_NS = re.compile(f"({_PN_PREFIX})?:")
_PN_LOCAL = re.compile(
    f"(?:[{_U}:0-9]|{_PLX})(?:[{_CHARS}:]|{_PLX})*+(?:\\.++(?:[{_CHARS}:]|{_PLX})++)?+"
)
_VARNAME = re.compile(f"[0-9{_U}][0-9\u00b7\u0300-\u036f\u203f-\u2040{_U}]*+")
_BNODE_LABEL = re.compile(f"_:([0-9{_U}][{_CHARS}]*+(?:\\.++[{_CHARS}]++)*+)")
_IRIREF = re.compile(r"<([^>]*+)>")
_LANGDIR = re.compile(r"@([a-zA-Z]++(?:-[a-zA-Z0-9]++)*+)((?:--[a-zA-Z]++)?+)")
_INTEGER = re.compile(r"[0-9]++")
_DECIMAL = re.compile(r"[0-9]*+\.[0-9]++")
_DOUBLE = re.compile(r"(?>[0-9]++\.[0-9]*+|\.[0-9]++|[0-9]++)[eE][+-]?+[0-9]++")
_STRING_LONG1 = re.compile(f"'''((?:(?>''|')?+(?:[^'\\\\]|{_ECHAR_UCHAR}))*+)'''")
_STRING_LONG2 = re.compile(f'"""((?:(?>""|")?+(?:[^"\\\\]|{_ECHAR_UCHAR}))*+)"""')
_STRING1 = re.compile(f"'((?:[^'\\\\\\n\\r]|{_ECHAR_UCHAR})*+)'")
_STRING2 = re.compile(f'"((?:[^"\\\\\\n\\r]|{_ECHAR_UCHAR})*+)"')
_NIL = re.compile(r"\([ \t\r\n]*+\)")
_ANON = re.compile(r"\[[ \t\r\n]*+\]")
_HEX_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_IRI_BAD_ESCAPE = re.compile(r"\\(?![uU])|\\u(?![0-9A-Fa-f]{4})|\\U(?![0-9A-Fa-f]{8})|\\$")
_NOT_VAR_AFTER_Q = re.compile(f"[0-9{_U}]")
# RFC 5646 well-formed tags, as oxilangtag checks them (regular grandfathered tags aside)
_LANGTAG = re.compile(
    r"(?:(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4}|[a-z]{5,8})"
    r"(?:-[a-z]{4})?(?:-(?:[a-z]{2}|[0-9]{3}))?(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*"
    r"(?:-[0-9a-wy-z](?:-[a-z0-9]{2,8})+)*(?:-x(?:-[a-z0-9]{1,8})+)?"
    r"|x(?:-[a-z0-9]{1,8})+"
    r"|en-gb-oed|i-ami|i-bnn|i-default|i-enochian|i-hak|i-klingon|i-lux|i-mingo|i-navajo"
    r"|i-pwn|i-tao|i-tay|i-tsu|sgn-be-fr|sgn-be-nl|sgn-ch-de)",
)
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_MAX_USIZE = 2**64 - 1

# Built-in calls: keyword -> shape, in the engine's order ("1", "2", "3": that many
# expressions in brackets; "nil": _ NIL; "list": ExpressionList with no space before it).
_BUILTINS: list[tuple[str, str]] = [
    ("STR", "1"), ("LANG", "1"), ("LANGMATCHES", "2"), ("LANGDIR", "1"), ("DATATYPE", "1"),
    ("BOUND", "var"), ("IRI", "1"), ("URI", "1"), ("BNODE", "1"), ("BNODE", "nil-tight"),
    ("RAND", "nil"), ("ABS", "1"), ("CEIL", "1"), ("FLOOR", "1"), ("ROUND", "1"),
    ("CONCAT", "list"), ("SUBSTR", "substr"), ("STRLEN", "1"), ("REPLACE", "replace"),
    ("UCASE", "1"), ("LCASE", "1"), ("ENCODE_FOR_URI", "1"), ("CONTAINS", "2"),
    ("STRSTARTS", "2"), ("STRENDS", "2"), ("STRBEFORE", "2"), ("STRAFTER", "2"),
    ("YEAR", "1"), ("MONTH", "1"), ("DAY", "1"), ("HOURS", "1"), ("MINUTES", "1"),
    ("SECONDS", "1"), ("TIMEZONE", "1"), ("TZ", "1"), ("NOW", "nil"), ("UUID", "nil"),
    ("STRUUID", "nil"), ("MD5", "1"), ("SHA1", "1"), ("SHA256", "1"), ("SHA384", "1"),
    ("SHA512", "1"), ("COALESCE", "list"), ("IF", "3"), ("STRLANG", "2"),
    ("STRLANGDIR", "3"), ("STRDT", "2"), ("sameTerm", "2"), ("isIRI", "1"), ("isURI", "1"),
    ("isBLANK", "1"), ("isLITERAL", "1"), ("isNUMERIC", "1"), ("hasLang", "1"),
    ("hasLangDir", "1"), ("REGEX", "regex"), ("EXISTS", "exists"), ("NOT", "notexists"),
    ("TRIPLE", "triple"), ("SUBJECT", "1"), ("PREDICATE", "1"), ("OBJECT", "1"),
    ("isTriple", "1"),
]  # fmt: skip
_AGGREGATES = ("SUM", "MIN", "MAX", "AVG", "SAMPLE")
_STAR: list[tuple[str, set[str] | None]] = [("*", None)]  # SELECT * (compared by identity)
_SOLE_VAR = re.compile(f"[?$]({_VARNAME.pattern})(?:[ \\t\\r\\n]|#[^\\r\\n]*)*+")


class _Abort(Exception):
    """Stops the whole parse (nesting past MAX_DEPTH)."""


class _Parser:
    """One parse. Every rule method returns True (consumed, ``self.p`` moved on) or False
    (nothing consumed: ``self.p`` and the events are as they were)."""

    def __init__(self, text: str, base_iri: str | None) -> None:
        self.s = text
        self.n = len(text)
        self.p = 0
        self.base = base_iri
        self.prefixes: dict[str, str] = {}
        # events of the parse so far; a failed alternative truncates them back
        self.ev: list[tuple[str, object]] = []
        self.depth = 0
        self.max_depth = 0
        self.folds = 0  # chained elements the engine folds into left-deep trees
        self.far = 0
        self.expected: set[str] = set()
        # blank node labels (ParserState.used_bnodes / currently_used_bnodes): never rolled
        # back on backtracking, as in the engine, whose actions run as rules match
        self.used: set[str] = set()
        self.current: set[str] = set()
        self.aggregates: list[list[object]] = []  # one frame per SELECT being parsed
        self.memo: dict[int, tuple[int, list[tuple[str, object]]] | None] = {}
        self.insert_data_bnodes: list[set[str]] = []
        self.reason = ""
        self.form = ""
        self.prologue_end = 0
        self.where_at: int | None = None  # set by Modify, for the Operation
        self.pattern: tuple[int, int] | None = None  # set by DeleteWhere
        # variable scope, for the checks the engine makes on its algebra (BIND and SELECT)
        self.scope: set[str] = set()  # in-scope variables of the last group parsed
        self.item: tuple[str, set[str]] = ("", set())  # the last GraphPatternNotTriples
        self.values_vars: set[str] = set()  # variables of the last DataBlock
        self.kind = ""  # what the last VarOrTerm (or triple term part) matched

    # running -------------------------------------------------------------------------

    def run(self, update: bool) -> Reading:
        text = self.s
        if not text.isascii():
            try:
                text.encode("utf-8")
            except UnicodeEncodeError as e:
                raise SparqlSyntaxError(text, e.start, [], "a lone surrogate code point") from e
        try:
            ok = self.UpdateInit() if update else self.QueryUnit()
        except (_Abort, RecursionError) as e:
            raise NestingError(
                f"the {'update' if update else 'query'} is nested too deeply: more than "
                f"{MAX_DEPTH} levels of groups, brackets, lists or operators, or more than "
                f"{MAX_TREE} chained UNION operands, || and && terms, path steps and group "
                "elements; it was not run"
            ) from e
        if not ok:
            raise SparqlSyntaxError(text, self.far, sorted(self.expected), self.reason)
        if update and self._shares_insert_data_bnodes():
            raise SparqlSyntaxError(
                text, 0, [], "a blank node cannot be shared by multiple INSERT DATA blocks"
            )
        form = "UPDATE" if update else self.form
        targets = [t for kind, t in self.ev if kind == "target"]
        operations = [op for kind, op in self.ev if kind == "op"]
        return Reading(form, targets, self.max_depth, operations, self.prologue_end)  # type: ignore[arg-type]

    def _shares_insert_data_bnodes(self) -> bool:
        seen: set[str] = set()
        for labels in self.insert_data_bnodes:
            if labels & seen:
                return True
            seen |= labels
        return False

    # primitives ------------------------------------------------------------------------

    def _fail(self, what: str) -> bool:
        if self.p > self.far:
            self.far, self.expected, self.reason = self.p, {what}, ""
        elif self.p == self.far:
            self.expected.add(what)
        return False

    def _why(self, reason: str) -> None:
        """A semantic failure (the engine's ``{? Err(...) }``) at the current position: the
        error message gives it when nothing got further."""
        if self.p >= self.far:
            self.far, self.expected, self.reason = self.p, set(), reason

    def _mark(self) -> tuple[int, int]:
        return self.p, len(self.ev)

    def _back(self, m: tuple[int, int]) -> bool:
        self.p = m[0]
        del self.ev[m[1] :]
        return False

    def lit(self, s: str) -> bool:
        if self.s.startswith(s, self.p):
            self.p += len(s)
            return True
        return self._fail(f'"{s}"')

    def i(self, word: str) -> bool:
        """rule i(): the next len(word) characters equal ``word`` ignoring ASCII case only,
        with no word boundary (``SELECT*WHERE{}`` and ``SERVICE?x{}`` parse)."""
        end = self.p + len(word)
        if self.s[self.p : end].translate(_ASCII_LOWER) == word.translate(_ASCII_LOWER):
            self.p = end
            return True
        return self._fail(word)

    def _(self) -> bool:
        m = _WS.match(self.s, self.p)
        self.p = m.end()  # type: ignore[union-attr]
        return True

    def rx(self, pattern: re.Pattern[str], what: str) -> re.Match[str] | None:
        m = pattern.match(self.s, self.p)
        if m is None:
            self._fail(what)
            return None
        self.p = m.end()
        return m

    def _down(self) -> None:
        self.depth += 1
        if self.depth > self.max_depth:
            self.max_depth = self.depth
            if self.depth > MAX_DEPTH:
                raise _Abort

    def _fold(self) -> None:
        """One more element of a chain the engine folds into a left-deep tree."""
        self.folds += 1
        if self.folds + self.max_depth > MAX_TREE:
            raise _Abort

    def _vars(self, start: int) -> set[str]:
        """Variables named by the events since ``start`` (those the engine can see)."""
        return {str(name) for kind, name in self.ev[start:] if kind == "var"}

    def _hide(self, start: int) -> None:
        """Variables inside an aggregate, BOUND, COALESCE or EXISTS count as bound
        (are_variables_bound): they are kept as events but no longer as free variables."""
        for index in range(start, len(self.ev)):
            if self.ev[index][0] == "var":
                self.ev[index] = ("hvar", self.ev[index][1])

    def _target(self, kind: str, iri: str | None, silent: bool = False) -> None:
        self.ev.append(("target", Target(kind, iri, silent)))

    # query and update ----------------------------------------------------------------------

    def QueryUnit(self) -> bool:
        self._()
        self.Prologue()
        self._()
        for name, rule in (
            ("SELECT", self.SelectQuery),
            ("CONSTRUCT", self.ConstructQuery),
            ("DESCRIBE", self.DescribeQuery),
            ("ASK", self.AskQuery),
        ):
            if rule():
                self.form = name
                self._()
                return self._end()
        return False

    def _end(self) -> bool:
        if self.p == self.n:
            return True
        return self._fail("the end of the text")

    def Prologue(self) -> None:
        while True:
            m = self._mark()
            if self.BaseDecl() or self.PrefixDecl() or self.VersionDecl():
                self._()
                continue
            self._back(m)
            return

    def BaseDecl(self) -> bool:
        m = self._mark()
        if self.i("BASE") and self._():
            iri = self.IRIREF()
            if iri is not None:
                self.base = iri
                return True
        return self._back(m)

    def PrefixDecl(self) -> bool:
        m = self._mark()
        if self.i("PREFIX") and self._():
            ns = self.PNAME_NS()
            if ns is not None and self._():
                iri = self.IRIREF()
                if iri is not None:
                    self.prefixes[ns] = iri
                    return True
        return self._back(m)

    def VersionDecl(self) -> bool:
        m = self._mark()
        if self.i("VERSION") and self._() and (self.STRING_LITERAL1() or self.STRING_LITERAL2()):
            return True
        return self._back(m)

    def _solution_modifiers(
        self, where: set[str], members: list[tuple[str, set[str] | None]] | None = None
    ) -> bool:
        """_ GroupClause()? _ HavingClause()? _ OrderClause()? _ LimitOffsetClauses()? _
        ValuesClause(), then build_select's checks (False fails the query form). ``members``
        None is the engine's default selection, ``*``."""
        self._()
        group = self.GroupClause()
        self._()
        self.HavingClause()
        self._()
        self.OrderClause()
        self._()
        if self.LimitOffsetClauses() is False:
            return False
        self._()
        values = self.values_vars if self.ValuesClause() else None
        return self._build_select(where, group, values, members)

    def _build_select(
        self,
        where: set[str],
        group: list[str] | None,
        values: set[str] | None,
        members: list[tuple[str, set[str] | None]] | None,
    ) -> bool:
        """build_select's checks; on success ``self.scope`` is what the selection projects."""
        aggregates = self.aggregates.pop() if self.aggregates else []
        with_aggregate = group is not None or bool(aggregates)
        visible = set(group or ()) if with_aggregate else set(where)
        if values is not None:
            visible |= values
        if members is None:
            if with_aggregate:
                self._why("SELECT * is not allowed with GROUP BY or aggregates")
                return False
            self.scope = visible
            return True
        projected: list[str] = []
        for name, free in members:
            if free is None:
                if with_aggregate and name not in visible:
                    self._why(f"?{name} is selected but neither grouped nor aggregated")
                    return False
            else:
                if name in visible:
                    self._why(f"(... AS ?{name}) would override a variable bound already")
                    return False
                if with_aggregate and not free <= visible:
                    self._why(f"(... AS ?{name}) uses a variable that is not grouped")
                    return False
            if name in projected:
                self._why(f"?{name} is selected twice")
                return False
            projected.append(name)
        self.scope = set(projected)
        return True

    def SelectQuery(self) -> bool:
        m = self._mark()
        sel = self.SelectClause()
        if sel is not None and self._() and self.DatasetClauses() and self._():
            if self.WhereClause() and self._solution_modifiers(
                self.scope, None if sel is _STAR else sel
            ):
                return True
        return self._back(m)

    def SubSelect(self) -> bool:
        m = self._mark()
        sel = self.SelectClause()
        if sel is not None and self._() and self.WhereClause():
            if self._solution_modifiers(self.scope, None if sel is _STAR else sel):
                return True
        return self._back(m)

    def SelectClause(self) -> list[tuple[str, set[str] | None]] | None:
        """The selection: None for no match, else each member's variable with the free
        variables of its expression (None for a plain variable); [] stands for ``*``...
        except that an empty list never parses, so ``*`` is returned as the sentinel
        list ``_STAR``."""
        m = self._mark()
        if not (self.i("SELECT") and self._()):
            self._back(m)
            return None
        self.aggregates.append([])  # Selection_init
        if not self.i("DISTINCT"):
            self.i("REDUCED")
        self._()
        if self.lit("*"):
            return _STAR
        members: list[tuple[str, set[str] | None]] = []
        while True:
            m2 = self._mark()
            v = self.Var()
            if v is not None:
                self._()
                members.append((v, None))
                continue
            if self.lit("(") and self._():
                start = len(self.ev)
                if self.Expression() and self._() and self.i("AS"):
                    free = self._vars(start)
                    self._()
                    v = self.Var()
                    if v is not None and self._() and self.lit(")"):
                        self._()
                        members.append((v, free))
                        continue
            self._back(m2)
            break
        if members:
            return members
        self._back(m)
        return None

    def ConstructQuery(self) -> bool:
        m = self._mark()
        if self.i("CONSTRUCT") and self._() and self.ConstructTemplate():
            self.current.clear()  # ConstructQuery_clear
            if self._() and self.DatasetClauses() and self._() and self.WhereClause():
                if self._solution_modifiers(self.scope):
                    return True
        self._back(m)
        if self.i("CONSTRUCT") and self._() and self.DatasetClauses() and self._():
            if self.i("WHERE") and self._() and self.lit("{") and self._():
                start = len(self.ev)
                self.TriplesTemplate()
                if self._() and self.lit("}") and self._solution_modifiers(self._vars(start)):
                    return True
        return self._back(m)

    def DescribeQuery(self) -> bool:
        m = self._mark()
        if self.i("DESCRIBE") and self._() and self.lit("*") and self._():
            if self.DatasetClauses() and self._():
                where = self.scope if self.WhereClause() else set()
                if self._solution_modifiers(where):
                    return True
        self._back(m)
        if self.i("DESCRIBE") and self._():
            members: list[tuple[str, set[str] | None]] = []
            while True:
                item = self.VarOrIri()
                if item is False:
                    break
                if item is None:  # a variable: the event just added names it
                    members.append((str(self.ev[-1][1]), None))
                else:  # an IRI, projected under a fresh variable no query can name
                    members.append((f" {len(members)}", set()))
                self._()
            if members and self._() and self.DatasetClauses() and self._():
                where = self.scope if self.WhereClause() else set()
                if self._solution_modifiers(where, members):
                    return True
        return self._back(m)

    def AskQuery(self) -> bool:
        m = self._mark()
        if self.i("ASK") and self._() and self.DatasetClauses() and self._():
            if self.WhereClause() and self._solution_modifiers(self.scope):
                return True
        return self._back(m)

    def DatasetClauses(self) -> bool:
        """DatasetClause() ** (_): always matches."""
        while True:
            m = self._mark()
            if not (self.i("FROM") and self._()):
                self._back(m)
                return True
            iri = self.iri()
            if iri is not None:
                self._target("FROM", iri)
            else:
                if self.i("NAMED") and self._():
                    iri = self.iri()
                if iri is None:
                    self._back(m)
                    return True
                self._target("FROM NAMED", iri)
            m2 = self._mark()
            self._()
            if not self.s.startswith("FROM", self.p) and not self._peek_i("FROM"):
                self._back(m2)
                return True

    def _peek_i(self, word: str) -> bool:
        end = self.p + len(word)
        return self.s[self.p : end].translate(_ASCII_LOWER) == word.translate(_ASCII_LOWER)

    def WhereClause(self) -> bool:
        m = self._mark()
        self.i("WHERE")
        self._()
        if self.GroupGraphPattern():
            return True
        return self._back(m)

    def GroupClause(self) -> list[str] | None:
        """The variables grouped on (an expression without a plain variable gets a fresh
        one, which no query can name); None when there is no GROUP BY."""
        m = self._mark()
        if self.i("GROUP") and self._() and self.i("BY") and self._():
            names: list[str] = []
            count = 0
            while True:
                name = self.GroupCondition()
                if name is None:
                    break
                self._()
                count += 1
                if name:
                    names.append(name)
            if count:
                return names
        self._back(m)
        return None

    def GroupCondition(self) -> str | None:
        """None: no match; "": grouped on an expression; else the variable grouped on
        (``(?x AS ?y)`` groups on ?x: the engine keeps a plain variable and drops the AS)."""
        if self.BuiltInCall() or self.FunctionCall():
            return ""
        m = self._mark()
        if self.lit("(") and self._():
            start = self.p
            if self.Expression():
                sole = _SOLE_VAR.fullmatch(self.s, start, self.p)
                self._()
                m2 = self._mark()
                alias = None
                if self.i("AS") and self._():
                    alias = self.Var()
                    if alias is not None and self._():
                        pass
                    else:
                        alias = None
                if alias is None:
                    self._back(m2)
                if self.lit(")"):
                    if sole is not None:
                        return sole.group(1)
                    return alias or ""
        self._back(m)
        return self.Var()

    def HavingClause(self) -> bool:
        m = self._mark()
        if self.i("HAVING") and self._():
            count = 0
            while self.Constraint():
                self._()
                count += 1
            if count:
                return True
        return self._back(m)

    def OrderClause(self) -> bool:
        m = self._mark()
        if self.i("ORDER") and self._() and self.i("BY") and self._():
            count = 0
            while self.OrderCondition():
                self._()
                count += 1
            if count:
                return True
        return self._back(m)

    def OrderCondition(self) -> bool:
        for word in ("ASC", "DESC"):
            m = self._mark()
            if self.i(word) and self._() and self.BrackettedExpression():
                return True
            self._back(m)
        return self.Constraint() or self.Var() is not None

    def LimitOffsetClauses(self) -> bool | None:
        """True: matched; None: absent; False: a number past usize (the query fails)."""
        m = self._mark()
        first = self._number_clause("LIMIT")
        if first is not None:
            if first is False:
                return self._back(m)
            m2 = self._mark()
            self._()
            second = self._number_clause("OFFSET")
            if second is None:
                self._back(m2)
            elif second is False:
                return self._back(m)
            return True
        first = self._number_clause("OFFSET")
        if first is not None:
            if first is False:
                return self._back(m)
            m2 = self._mark()
            self._()
            second = self._number_clause("LIMIT")
            if second is None:
                self._back(m2)
            elif second is False:
                return self._back(m)
            return True
        return None

    def _number_clause(self, word: str) -> bool | None:
        m = self._mark()
        if self.i(word) and self._():
            number = self.rx(_INTEGER, "an integer")
            if number is not None:
                if int(number.group()) > _MAX_USIZE:
                    self._why(f"the {word} is too large")
                    self._back(m)
                    return False
                return True
        self._back(m)
        return None

    def ValuesClause(self) -> bool:
        m = self._mark()
        if self.i("VALUES") and self._() and self.DataBlock():
            return True
        return self._back(m)

    # update --------------------------------------------------------------------------------

    def UpdateInit(self) -> bool:
        self._()
        self.Prologue()
        self.prologue_end = self.p
        self._()
        # Update_item() ** (";" _)
        if self.Update_item():
            while True:
                m = self._mark()
                if self.lit(";") and self._() and self.Update_item():
                    continue
                self._back(m)
                break
        m = self._mark()
        if not (self.lit(";") and self._()):
            self._back(m)
        return self._end()

    def Update_item(self) -> bool:
        start, at = self.p, len(self.ev)
        keyword = self.Update1()
        if keyword is None:
            return False
        events = self.ev[at:]
        self.ev.append(
            (
                "op",
                Operation(
                    keyword,
                    start,
                    self.p,
                    tuple(sorted({str(iri) for kind, iri in events if kind == "graph"})),
                    any(kind == "default" for kind, _ in events),
                    self.where_at if keyword == "MODIFY" else None,
                    self.pattern if keyword == "DELETE WHERE" else None,
                ),
            )
        )
        self.used.clear()  # Update_clear
        self.current.clear()
        self._()
        return True

    def Update1(self) -> str | None:
        """The keyword of the operation matched, or None."""
        for keyword, matched in (
            ("LOAD", self.Load),
            ("CLEAR", lambda: self._graph_op("CLEAR", self.GraphRefAll)),
            ("DROP", lambda: self._graph_op("DROP", self.GraphRefAll)),
            ("ADD", lambda: self._two_graphs("ADD")),
            ("MOVE", lambda: self._two_graphs("MOVE")),
            ("COPY", lambda: self._two_graphs("COPY")),
            ("CREATE", lambda: self._graph_op("CREATE", self.GraphRef)),
            ("INSERT DATA", self.InsertData),
            ("DELETE DATA", self.DeleteData),
            ("DELETE WHERE", self.DeleteWhere),
            ("MODIFY", self.Modify),
        ):
            if matched():
                return keyword
        return None

    def _silent(self) -> bool:
        return self.i("SILENT")

    def Load(self) -> bool:
        m = self._mark()
        if self.i("LOAD") and self._():
            silent = self._silent()
            self._()
            iri = self.iri()
            if iri is not None:
                self._target("LOAD", iri, silent)
                m2 = self._mark()
                self._()
                if not (self.i("INTO") and self._() and self.GraphRef() is not None):
                    self._back(m2)
                return True
        return self._back(m)

    def _graph_op(self, word: str, target: object) -> bool:
        m = self._mark()
        if self.i(word) and self._():
            self._silent()
            self._()
            if target() is not None:  # type: ignore[operator]
                return True
        return self._back(m)

    def _two_graphs(self, word: str) -> bool:
        m = self._mark()
        if self.i(word) and self._():
            self._silent()
            self._()
            if self.GraphOrDefault() and self._() and self.i("TO") and self._():
                if self.GraphOrDefault():
                    return True
        return self._back(m)

    def InsertData(self) -> bool:
        m = self._mark()
        if self.i("INSERT") and self._() and self.i("DATA") and self._():
            start = len(self.ev)
            if self.QuadPattern():
                events = self.ev[start:]
                if any(kind == "var" for kind, _ in events):
                    self._why("variables are not allowed in INSERT DATA")
                    return self._back(m)
                if any(kind == "unquadable" for kind, _ in events):
                    self._why("a literal or a triple term cannot be a subject in INSERT DATA")
                    return self._back(m)
                self.insert_data_bnodes.append(
                    {str(label) for kind, label in events if kind == "bnode" and label}
                )
                return True
        return self._back(m)

    def DeleteData(self) -> bool:
        m = self._mark()
        if self.i("DELETE") and self._() and self.i("DATA") and self._():
            start = len(self.ev)
            if self.QuadPattern():
                if any(kind in ("var", "bnode") for kind, _ in self.ev[start:]):
                    self._why("variables and blank nodes are not allowed in DELETE DATA")
                    return self._back(m)
                if any(kind == "unquadable" for kind, _ in self.ev[start:]):
                    self._why("a literal or a triple term cannot be a subject in DELETE DATA")
                    return self._back(m)
                return True
        return self._back(m)

    def DeleteWhere(self) -> bool:
        m = self._mark()
        if self.i("DELETE") and self._() and self.i("WHERE") and self._():
            start, at = len(self.ev), self.p
            if self.QuadPattern():
                if any(kind == "bnode" for kind, _ in self.ev[start:]):
                    self._why("blank nodes are not allowed in DELETE WHERE")
                    return self._back(m)
                self.pattern = (at, self.p)
                return True
        return self._back(m)

    def Modify(self) -> bool:
        m = self._mark()
        m_with = self._mark()
        if self.i("WITH") and self._():
            iri = self.iri()
            if iri is None:
                self._back(m_with)
            else:
                self._target("WITH", iri)
                self._()
        else:
            self._back(m_with)
        self._()
        if not self.Modify_clauses():
            return self._back(m)
        self._()
        # UsingClause() ** (_)
        while True:
            m2 = self._mark()
            if self.i("USING") and self._():
                iri = self.iri()
                if iri is not None:
                    self._target("USING", iri)
                else:
                    if self.i("NAMED") and self._():
                        iri = self.iri()
                    if iri is None:
                        self._back(m2)
                        break
                    self._target("USING NAMED", iri)
                m3 = self._mark()
                self._()
                if self._peek_i("USING"):
                    continue
                self._back(m3)
                break
            self._back(m2)
            break
        self._()
        where_at = self.p
        if self.i("WHERE") and self._() and self.GroupGraphPattern():
            self.where_at = where_at
            return True
        return self._back(m)

    def Modify_clauses(self) -> bool:
        m = self._mark()
        if self.DeleteClause():
            self.current.clear()
            self._()
            self.InsertClause()
            self.current.clear()
            return True
        self._back(m)
        if self.InsertClause():
            self.current.clear()
            return True
        return self._back(m)

    def DeleteClause(self) -> bool:
        m = self._mark()
        if self.i("DELETE") and self._():
            start = len(self.ev)
            if self.QuadPattern():
                if any(kind == "bnode" for kind, _ in self.ev[start:]):
                    self._why("blank nodes are not allowed in DELETE WHERE")
                    return self._back(m)
                return True
        return self._back(m)

    def InsertClause(self) -> bool:
        m = self._mark()
        if self.i("INSERT") and self._() and self.QuadPattern():
            return True
        return self._back(m)

    def GraphOrDefault(self) -> bool:
        if self.i("DEFAULT"):
            return True
        m = self._mark()
        if not (self.i("GRAPH") and self._()):
            self._back(m)
        if self.iri() is not None:
            return True
        return self._back(m)

    def GraphRef(self) -> str | None:
        m = self._mark()
        if self.i("GRAPH") and self._():
            iri = self.iri()
            if iri is not None:
                return iri
        self._back(m)
        return None

    def GraphRefAll(self) -> str | None:
        iri = self.GraphRef()
        if iri is not None:
            return iri
        for word in ("DEFAULT", "NAMED", "ALL"):
            if self.i(word):
                return word
        return None

    def QuadPattern(self) -> bool:
        """ "{" _ Quads() _ "}" (QuadData and GroundQuadData are the same text)."""
        m = self._mark()
        self._down()
        ok = self.lit("{") and self._() and self.Quads() and self._() and self.lit("}")
        self.depth -= 1
        return ok or self._back(m)

    def Quads(self) -> bool:
        """(Quads_TriplesTemplate() / Quads_QuadsNotTriples()) ** (_)"""
        first = True
        while True:
            m = self._mark()
            if not first:
                self._()
            if self.TriplesTemplate():
                self.ev.append(("default", None))  # triples in the default graph
                first = False
                continue
            if self.Quads_QuadsNotTriples():
                first = False
                continue
            self._back(m)
            return True

    def Quads_QuadsNotTriples(self) -> bool:
        m = self._mark()
        if not (self.i("GRAPH") and self._()):
            return self._back(m)
        name = self.VarOrIri()
        if name is not False and self._():
            self.ev.append(("graph", name))
            if self.lit("{") and self._():
                self.TriplesTemplate()
                if self._() and self.lit("}"):
                    self._()
                    self.lit(".")  # optional
                    return True
        return self._back(m)

    def TriplesTemplate(self) -> bool:
        """TriplesTemplate_inner() ++ (".") ("." _)?"""
        return self._dotted(self.TriplesSameSubject)

    def _dotted(self, triples: Callable[[], bool]) -> bool:
        """``inner ++ (".") ("." _)?`` where inner is ``_ triples() _``: the shape of both
        TriplesTemplate (templates) and TriplesBlock (patterns, with paths)."""
        if not self._spaced(triples):
            return False
        while True:
            m = self._mark()
            if self.lit(".") and self._spaced(triples):
                continue
            self._back(m)
            break
        m = self._mark()
        if not (self.lit(".") and self._()):
            self._back(m)
        return True

    def _spaced(self, triples: Callable[[], bool]) -> bool:
        m = self._mark()
        self._()
        if triples():
            self._()
            return True
        return self._back(m)

    # graph patterns ------------------------------------------------------------------------

    def GroupGraphPattern(self) -> bool:
        m = self._mark()
        self._down()
        ok = False
        if self.lit("{") and self._():
            self._group_clear()
            inner = self._mark()
            scope = self.GroupGraphPatternSub()
            if scope is not None:
                self._group_clear()
                ok = self._() and self.lit("}")
                self.scope = scope
            if not ok:
                self._back(inner)
                if self.SubSelect():
                    self._group_clear()
                    ok = self._() and self.lit("}")
        self.depth -= 1
        return ok or self._back(m)

    def _group_clear(self) -> None:
        self.used |= self.current
        self.current.clear()

    def GroupGraphPatternSub(self) -> set[str] | None:
        """The group's in-scope variables, built as the engine builds its algebra: triples
        and joined patterns add theirs, OPTIONAL both sides, MINUS and FILTER none, BIND its
        variable (refused when already in scope: the whole group then fails)."""
        scope: set[str] = set()
        start = len(self.ev)
        if self.TriplesBlock():
            scope |= self._vars(start)
        self._()
        while True:
            m = self._mark()
            if self.GraphPatternNotTriples():
                self._fold()
                kind, names = self.item
                if kind == "BIND":
                    if names & scope:
                        self._why(f"BIND would override ?{min(names & scope)}, bound already")
                        self._back(m)
                        return None
                    scope |= names
                elif kind not in ("MINUS", "FILTER"):
                    scope |= names
                self._()
                m2 = self._mark()
                if not (self.lit(".") and self._()):
                    self._back(m2)
                start = len(self.ev)
                if self.TriplesBlock():
                    self._fold()
                    scope |= self._vars(start)
                self._()
                continue
            self._back(m)
            return scope

    def TriplesBlock(self) -> bool:
        """TriplesBlock_inner() ++ (".") ("." _)?"""
        return self._dotted(self.TriplesSameSubjectPath)

    def GraphPatternNotTriples(self) -> bool:
        """On success ``self.item`` is (kind, variables it puts in scope)."""
        if self.GroupOrUnionGraphPattern():
            return True
        for word in ("OPTIONAL", "LATERAL", "MINUS"):
            m = self._mark()
            if self.i(word) and self._() and self.GroupGraphPattern():
                if word == "LATERAL":  # parses, then fails: no SEP-0006 in pyoxigraph
                    self._why("LATERAL is not supported")
                    self._back(m)
                    continue
                self.item = (word, self.scope)
                return True
            self._back(m)
        return (
            self.GraphGraphPattern()
            or self.ServiceGraphPattern()
            or self.Filter()
            or self.Bind()
            or self.InlineData()
        )

    def GraphGraphPattern(self) -> bool:
        m = self._mark()
        if self.i("GRAPH") and self._():
            name = self.VarOrIri()
            if name is not False and self._() and self.GroupGraphPattern():
                named = {str(self.ev[self._var_event(m[1])][1])} if name is None else set()
                self.item = ("GRAPH", self.scope | named)
                return True
        return self._back(m)

    def _var_event(self, start: int) -> int:
        """Index of the first variable event at or after ``start``."""
        for index in range(start, len(self.ev)):
            if self.ev[index][0] == "var":
                return index
        raise AssertionError("no variable event")  # pragma: no cover

    def ServiceGraphPattern(self) -> bool:
        m = self._mark()
        for silent in (True, False):
            if self.i("SERVICE") and self._() and (not silent or (self.i("SILENT") and self._())):
                at = len(self.ev)
                name = self.VarOrIri()
                if name is not False and self._() and self.GroupGraphPattern():
                    self.ev.insert(at, ("target", Target("SERVICE", name, silent)))
                    self.item = ("SERVICE", self.scope)
                    return True
            self._back(m)
        return False

    def Bind(self) -> bool:
        m = self._mark()
        if self.i("BIND") and self._() and self.lit("(") and self._() and self.Expression():
            if self._() and self.i("AS") and self._():
                name = self.Var()
                if name is not None and self._() and self.lit(")"):
                    self.item = ("BIND", {name})
                    return True
        return self._back(m)

    def InlineData(self) -> bool:
        m = self._mark()
        if self.i("VALUES") and self._() and self.DataBlock():
            self.item = ("VALUES", self.values_vars)
            return True
        return self._back(m)

    def DataBlock(self) -> bool:
        return self.InlineDataOneVar() or self.InlineDataFull()

    def InlineDataOneVar(self) -> bool:
        m = self._mark()
        name = self.Var()
        if name is not None and self._() and self.lit("{") and self._():
            while self.DataBlockValue():
                self._()
            if self.lit("}"):
                self.values_vars = {name}
                return True
        return self._back(m)

    def InlineDataFull(self) -> bool:
        m = self._mark()
        if not (self.lit("(") and self._()):
            return self._back(m)
        names: list[str] = []
        while True:
            v = self.Var()
            if v is None:
                break
            names.append(v)
            self._()
        if not (self._() and self.lit(")") and self._() and self.lit("{") and self._()):
            return self._back(m)
        rows: list[int] = []
        while True:
            m2 = self._mark()
            if not (self.lit("(") and self._()):
                self._back(m2)
                break
            count = 0
            while self.DataBlockValue():
                self._()
                count += 1
            if not (self._() and self.lit(")")):
                self._back(m2)
                break
            self._()
            rows.append(count)
        if not self.lit("}"):
            return self._back(m)
        if len(set(names)) != len(names):
            self._why("a variable is repeated in VALUES")
            return self._back(m)
        if any(count != len(names) for count in rows):
            self._why("a VALUES row has not as many values as there are variables")
            return self._back(m)
        self.values_vars = set(names)
        return True

    def DataBlockValue(self) -> bool:
        return (
            self.TripleTermData()
            or self.iri() is not None
            or self.RDFLiteral()
            or self.NumericLiteral()
            or self.BooleanLiteral()
            or self.i("UNDEF")
        )

    def Reifier(self) -> bool:
        m = self._mark()
        if self.lit("~") and self._():
            mv = self._mark()
            if not (self.Var() is not None or self.iri() is not None or self.BlankNode()):
                self._back(mv)
                self.ev.append(("bnode", None))  # "~" alone: a fresh blank node reifies
            return True
        return self._back(m)

    def GroupOrUnionGraphPattern(self) -> bool:
        m = self._mark()
        if not self.GroupGraphPattern():
            return self._back(m)
        scope = set(self.scope)
        self._()
        while True:
            m2 = self._mark()
            if self.i("UNION") and self._() and self.GroupGraphPattern():
                scope |= self.scope
                self._fold()
                self._()
                continue
            self._back(m2)
            self.item = ("GROUP", scope)
            return True

    def Filter(self) -> bool:
        m = self._mark()
        if self.i("FILTER") and self._() and self.Constraint():
            self.item = ("FILTER", set())
            return True
        return self._back(m)

    def Constraint(self) -> bool:
        return self.BrackettedExpression() or self.FunctionCall() or self.BuiltInCall()

    def FunctionCall(self) -> bool:
        m = self._mark()
        if self.iri() is not None and self._() and self.ArgList():
            return True
        return self._back(m)

    def ArgList(self) -> bool:
        m = self._mark()
        if self.lit("(") and self._() and self._expressions(",") and self._() and self.lit(")"):
            return True
        self._back(m)
        return self.rx(_NIL, "()") is not None

    def _expressions(self, sep: str) -> bool:
        """Expression _ **<1,> (sep _)"""
        if not (self.Expression() and self._()):
            return False
        while True:
            m = self._mark()
            if self.lit(sep) and self._() and self.Expression() and self._():
                continue
            self._back(m)
            return True

    def ExpressionList(self) -> bool:
        m = self._mark()
        if self.lit("(") and self._() and self._expressions(",") and self.lit(")"):
            return True
        self._back(m)
        return self.rx(_NIL, "()") is not None

    def ConstructTemplate(self) -> bool:
        m = self._mark()
        if self.lit("{") and self._():
            # ConstructTriples: ConstructTriples_item() ** ("." _) "."?
            if self._construct_item():
                while True:
                    m2 = self._mark()
                    if self.lit(".") and self._() and self._construct_item():
                        continue
                    self._back(m2)
                    break
            self.lit(".")
            if self._() and self.lit("}"):
                return True
        return self._back(m)

    def _construct_item(self) -> bool:
        if self.TriplesSameSubject():
            self._()
            return True
        return False

    # triples -------------------------------------------------------------------------------

    def TriplesSameSubject(self) -> bool:
        m = self._mark()
        if self.ReifiedTriple() and self._() and self.PropertyList():
            return True
        self._back(m)
        if self.VarOrTerm():
            self._subject()
            if self._() and self.PropertyListNotEmpty():
                return True
        self._back(m)
        if self.TriplesNode() and self._() and self.PropertyList():
            return True
        return self._back(m)

    def PropertyList(self) -> bool:
        self.PropertyListNotEmpty()
        return True

    def PropertyListNotEmpty(self) -> bool:
        m = self._mark()
        if not (self.Verb() and self._() and self.ObjectList() and self._()):
            return self._back(m)
        while True:
            m2 = self._mark()
            if not (self.lit(";") and self._()):
                self._back(m2)
                return True
            m3 = self._mark()
            if not (self.Verb() and self._() and self.ObjectList() and self._()):
                self._back(m3)

    def Verb(self) -> bool:
        return self.VarOrIri() is not False or self.lit("a")

    def ObjectList(self) -> bool:
        if not (self.Object() and self._()):
            return False
        while True:
            m = self._mark()
            if self.lit(",") and self._() and self.Object() and self._():
                continue
            self._back(m)
            return True

    def Object(self) -> bool:
        m = self._mark()
        if self.GraphNode() and self._():
            self.Annotation()
            return True
        return self._back(m)

    def TriplesSameSubjectPath(self) -> bool:
        m = self._mark()
        if self.ReifiedTriple() and self._() and self.PropertyListPath() is not None:
            return True
        self._back(m)
        if self.VarOrTerm() and self._():
            bad = self.PropertyListPathNotEmpty()
            if bad is False:
                return True
        self._back(m)
        if self.TriplesNodePath() and self._():
            if self.PropertyListPath() is not None:
                return True
        return self._back(m)

    def PropertyListPath(self) -> bool | None:
        """PropertyListPathNotEmpty() / empty: None when a reifier sits on a path (the
        engine's action fails the rule that holds the list)."""
        bad = self.PropertyListPathNotEmpty()
        if bad is True:
            return None
        return True

    def PropertyListPathNotEmpty(self) -> bool | None:
        """None: no match; True: matched, but a path has reifiers; False: matched."""
        m = self._mark()
        bad = self._path_pair()
        if bad is None:
            self._back(m)
            return None
        while True:
            m2 = self._mark()
            if not (self.lit(";") and self._()):
                self._back(m2)
                break
            m3 = self._mark()
            pair = self._path_pair()
            if pair is None:
                self._back(m3)
            else:
                bad = bad or pair
        if bad:
            self._why("reifiers are not allowed on property paths")
        return bad

    def _path_pair(self) -> bool | None:
        """(VerbPath() / VerbSimple()) _ ObjectListPath() _: None (no match) or whether the
        verb is a property path whose objects carry reifiers."""
        m = self._mark()
        simple = self.Path()
        if simple is None:
            if self.Var() is None:
                return self._back(m) or None
            simple = True
        if not self._():
            return None
        annotated = self.ObjectListPath()
        if annotated is None:
            self._back(m)
            return None
        self._()
        return annotated and not simple

    def ObjectListPath(self) -> bool | None:
        """None: no match; else whether any object has reifiers or an annotation."""
        first = self.ObjectPath()
        if first is None:
            return None
        annotated = first
        self._()
        while True:
            m = self._mark()
            if self.lit(",") and self._():
                more = self.ObjectPath()
                if more is not None:
                    annotated = annotated or more
                    self._()
                    continue
            self._back(m)
            return annotated

    def ObjectPath(self) -> bool | None:
        m = self._mark()
        if self.GraphNodePath() and self._():
            return self.AnnotationPath()
        self._back(m)
        return None

    def Path(self) -> bool | None:
        """PathAlternative(); None: no match; else whether the path is one IRI (possibly
        inverted), on which reifiers are allowed."""
        m = self._mark()
        simple = self._path_sequence()
        if simple is None:
            return None
        self._()
        while True:
            m2 = self._mark()
            if self.lit("|") and self._():
                more = self._path_sequence()
                if more is not None:
                    self._fold()
                    self._()
                    simple = False
                    continue
            self._back(m2)
            break
        if simple is None:
            self._back(m)
        return simple

    def _path_sequence(self) -> bool | None:
        simple = self.PathEltOrInverse()
        if simple is None:
            return None
        self._()
        while True:
            m = self._mark()
            if self.lit("/") and self._():
                if self.PathEltOrInverse() is not None:
                    self._fold()
                    self._()
                    simple = False
                    continue
            self._back(m)
            return simple

    def PathEltOrInverse(self) -> bool | None:
        m = self._mark()
        if self.lit("^") and self._():
            inverse = self.PathElt()
            if inverse is not None:
                return inverse
        self._back(m)
        return self.PathElt()

    def PathElt(self) -> bool | None:
        simple = self.PathPrimary()
        if simple is None:
            return None
        self._()
        if self.lit("*") or self.lit("+"):
            return False
        m2 = self._mark()
        if self.lit("?"):
            if self.p < self.n and _NOT_VAR_AFTER_Q.match(self.s, self.p):
                self._back(m2)  # "?" then a name is a variable, not an operator
            else:
                return False
        return simple

    def PathPrimary(self) -> bool | None:
        if self.iri() is not None or self.lit("a"):
            return True
        m = self._mark()
        if self.lit("!") and self._() and self.PathNegatedPropertySet():
            return False
        self._back(m)
        if self.lit("(") and self._():
            self._down()
            inner = self.Path()
            self.depth -= 1
            if inner is not None and self._() and self.lit(")"):
                return inner
        self._back(m)
        return None

    def PathNegatedPropertySet(self) -> bool:
        m = self._mark()
        if self.lit("(") and self._() and self.PathOneInPropertySet() and self._():
            while True:
                m2 = self._mark()
                if self.lit("|") and self._() and self.PathOneInPropertySet() and self._():
                    continue
                self._back(m2)
                break
            if self.lit(")"):
                return True
        self._back(m)
        return self.PathOneInPropertySet()

    def PathOneInPropertySet(self) -> bool:
        m = self._mark()
        if self.lit("^") and self._():
            if self.iri() is not None:
                return True
            self._back(m)
            if self.lit("^") and self._() and self.lit("a"):
                return True
        self._back(m)
        return self.iri() is not None or self.lit("a")

    def TriplesNode(self) -> bool:
        return self.Collection() or self.BlankNodePropertyList()

    def BlankNodePropertyList(self) -> bool:
        m = self._mark()
        self._down()
        ok = self.lit("[") and self._() and self.PropertyListNotEmpty() and self._()
        ok = ok and self.lit("]")
        self.depth -= 1
        if ok:
            self.ev.append(("bnode", None))
            return True
        return self._back(m)

    def TriplesNodePath(self) -> bool:
        return self.CollectionPath() or self.BlankNodePropertyListPath()

    def BlankNodePropertyListPath(self) -> bool:
        m = self._mark()
        self._down()
        ok = self.lit("[") and self._() and self.PropertyListPathNotEmpty() is False
        ok = ok and self._() and self.lit("]")
        self.depth -= 1
        if ok:
            self.ev.append(("bnode", None))
            return True
        return self._back(m)

    def Collection(self) -> bool:
        m = self._mark()
        self._down()
        count = 0
        if self.lit("(") and self._():
            while self.GraphNode():
                self._()
                count += 1
        ok = count > 0 and self.lit(")")
        self.depth -= 1
        if ok:
            self.ev.append(("bnode", None))
            return True
        return self._back(m)

    def CollectionPath(self) -> bool:
        m = self._mark()
        self._down()
        count = 0
        if self.lit("(") and self._():
            while self.GraphNodePath():
                self._()
                count += 1
        ok = count > 0 and self._() and self.lit(")")
        self.depth -= 1
        if ok:
            self.ev.append(("bnode", None))
            return True
        return self._back(m)

    def VarOrTerm(self) -> bool:
        """On success ``self.kind`` says what matched (a DATA block refuses a literal or a
        triple term as subject: they make no quad)."""
        if self.Var() is not None:
            self.kind = "var"
        elif self.TripleTerm():
            self.kind = "triple"
        elif self.iri() is not None or self.rx(_NIL, "()") is not None:
            self.kind = "iri"
        elif self.RDFLiteral() or self.NumericLiteral() or self.BooleanLiteral():
            self.kind = "literal"
        elif self.BlankNode():
            self.kind = "bnode"
        else:
            return False
        return True

    def _subject(self) -> None:
        """The term just matched is a subject: note one that no quad can have."""
        if self.kind in ("literal", "triple"):
            self.ev.append(("unquadable", None))

    def AnnotationPath(self) -> bool:
        """AnnotationPath_e()*; whether there was any (a reifier or an annotation block)."""
        found = False
        while True:
            m = self._mark()
            if self.Reifier() and self._():
                m2 = self._mark()
                block = self._annotation_block(path=True)
                if block is None:
                    self._back(m2)
                elif block:
                    return self._back(m) or found  # the engine's action fails this item
                self._()
                found = True
                continue
            self._back(m)
            block = self._annotation_block(path=True)
            if block is None or block:
                self._back(m)
                return found
            self.ev.append(("bnode", None))  # an annotation without reifier: a blank node
            self._()
            found = True

    def Annotation(self) -> bool:
        found = False
        while True:
            m = self._mark()
            if self.Reifier() and self._():
                m2 = self._mark()
                if self._annotation_block(path=False) is None:
                    self._back(m2)
                self._()
                found = True
                continue
            self._back(m)
            if self._annotation_block(path=False) is None:
                self._back(m)
                return found
            self.ev.append(("bnode", None))  # an annotation without reifier: a blank node
            self._()
            found = True

    def _annotation_block(self, path: bool) -> bool | None:
        """ "{|" _ PropertyList(Path)NotEmpty() _ "|}": None (no match), or (for paths)
        whether a path inside carries reifiers."""
        m = self._mark()
        if self.lit("{|") and self._():
            if path:
                bad = self.PropertyListPathNotEmpty()
                if bad is not None and self._() and self.lit("|}"):
                    return bad
            elif self.PropertyListNotEmpty() and self._() and self.lit("|}"):
                return False
        self._back(m)
        return None

    def GraphNode(self) -> bool:
        return self.ReifiedTriple() or self.VarOrTerm() or self.TriplesNode()

    def GraphNodePath(self) -> bool:
        return self.ReifiedTriple() or self.VarOrTerm() or self.TriplesNodePath()

    def ReifiedTriple(self) -> bool:
        m = self._mark()
        if not self.s.startswith("<<", self.p):
            return self._fail('"<<"')
        self._down()
        ok = self.lit("<<") and self._() and self._reified_object()
        if ok:
            self._subject()
        ok = ok and self._()
        ok = ok and self.Verb() and self._() and self._reified_object() and self._()
        if ok:
            mr = self._mark()
            if not self.Reifier():
                self._back(mr)
                self.ev.append(("bnode", None))  # no reifier: a fresh blank node reifies
            ok = self._() and self.lit(">>")
        self.depth -= 1
        return ok or self._back(m)

    def _reified_object(self) -> bool:
        """ReifiedTripleObject(); sets ``self.kind`` as VarOrTerm does."""
        if self.Var() is not None:
            self.kind = "var"
        elif self.TripleTerm():
            self.kind = "triple"
        elif self.ReifiedTriple() or self.iri() is not None:
            self.kind = "iri"
        elif self.RDFLiteral() or self.NumericLiteral() or self.BooleanLiteral():
            self.kind = "literal"
        elif self.BlankNode():
            self.kind = "bnode"
        else:
            return False
        return True

    def TripleTerm(self) -> bool:
        if not self.s.startswith("<<(", self.p):
            return self._fail('"<<("')
        m = self._mark()
        self._down()
        ok = self.lit("<<(") and self._() and self._triple_term_object()
        if ok:
            self._subject()
        ok = ok and self._()
        ok = ok and self.Verb() and self._() and self._triple_term_object() and self._()
        ok = ok and self.lit(")>>")
        self.depth -= 1
        return ok or self._back(m)

    def _triple_term_object(self) -> bool:
        """TripleTermObject(); sets ``self.kind`` as VarOrTerm does."""
        if self.Var() is not None:
            self.kind = "var"
        elif self.TripleTerm():
            self.kind = "triple"
        elif self.iri() is not None:
            self.kind = "iri"
        elif self.RDFLiteral() or self.NumericLiteral() or self.BooleanLiteral():
            self.kind = "literal"
        elif self.BlankNode():
            self.kind = "bnode"
        else:
            return False
        return True

    def TripleTermData(self) -> bool:
        if not self.s.startswith("<<(", self.p):
            return self._fail('"<<("')
        m = self._mark()
        self._down()
        ok = self.lit("<<(") and self._()
        subject_is_iri = False
        if ok:
            subject_is_iri = self.iri() is not None
            ok = subject_is_iri or self._triple_term_data_object()
        ok = ok and self._() and (self.iri() is not None or self.lit("a")) and self._()
        ok = ok and self._triple_term_data_object() and self._() and self.lit(")>>")
        self.depth -= 1
        if ok and not subject_is_iri:
            self._why("a literal or triple term cannot be the subject of a triple term")
            ok = False
        return ok or self._back(m)

    def _triple_term_data_object(self) -> bool:
        return (
            self.TripleTermData()
            or self.iri() is not None
            or self.RDFLiteral()
            or self.NumericLiteral()
            or self.BooleanLiteral()
        )

    def VarOrIri(self) -> str | None | Literal[False]:
        """The IRI, None for a variable, False for no match."""
        if self.Var() is not None:
            return None
        iri = self.iri()
        return iri if iri is not None else False

    def Var(self) -> str | None:
        if self.p < self.n and self.s[self.p] in "?$":
            m = _VARNAME.match(self.s, self.p + 1)
            if m is not None:
                self.p = m.end()
                self.ev.append(("var", m.group()))
                return m.group()
        self._fail("a variable")
        return None

    # expressions ---------------------------------------------------------------------------

    def Expression(self) -> bool:
        """ConditionalOrExpression(), memoised by position: the engine re-parses the same
        expression in alternatives (REGEX with 3 then 2 arguments, GROUP_CONCAT with and
        without a separator, custom aggregates) which nest into exponential work."""
        start = self.p
        if start in self.memo:
            hit = self.memo[start]
            if hit is None:
                return False
            self.p = hit[0]
            self.ev.extend(hit[1])
            return True
        at = len(self.ev)
        self._down()
        ok = self._conditional_or()
        self.depth -= 1
        self.memo[start] = (self.p, self.ev[at:]) if ok else None
        return ok

    def _conditional_or(self) -> bool:
        if not (self._conditional_and() and self._()):
            return False
        while True:
            m = self._mark()
            if self.lit("||") and self._() and self._conditional_and() and self._():
                self._fold()
                continue
            self._back(m)
            return True

    def _conditional_and(self) -> bool:
        if not (self.RelationalExpression() and self._()):
            return False
        while True:
            m = self._mark()
            if self.lit("&&") and self._() and self.RelationalExpression() and self._():
                self._fold()
                continue
            self._back(m)
            return True

    def RelationalExpression(self) -> bool:
        if not self.AdditiveExpression():
            return False
        m = self._mark()
        self._()
        for op in ("=", "!=", ">=", ">", "<=", "<"):
            if self.s.startswith(op, self.p):
                self.p += len(op)
                if self._() and self.AdditiveExpression():
                    return True
                self._back(m)
                self._()
                break
            self._fail(f'"{op}"')
        if self.i("IN") and self._() and self.ExpressionList():
            return True
        self._back(m)
        self._()
        if self.i("NOT") and self._() and self.i("IN") and self._() and self.ExpressionList():
            return True
        self._back(m)
        return True

    def AdditiveExpression(self) -> bool:
        if not self.MultiplicativeExpression():
            return False
        m = self._mark()
        self._()
        if self.lit("+") or self.lit("-"):
            self._down()
            ok = self._() and self.AdditiveExpression()
            self.depth -= 1
            if ok:
                return True
        self._back(m)
        return True

    def MultiplicativeExpression(self) -> bool:
        if not self.UnaryExpression():
            return False
        m = self._mark()
        self._()
        if self.lit("*") or self.lit("/"):
            self._down()
            ok = self._() and self.MultiplicativeExpression()
            self.depth -= 1
            if ok:
                return True
        self._back(m)
        return True

    def UnaryExpression(self) -> bool:
        m = self._mark()
        if self.lit("!"):
            self._down()
            ok = self._() and self.UnaryExpression()
            self.depth -= 1
            if ok:
                return True
            self._back(m)
        if not (self.lit("!") or self.lit("+") or self.lit("-")):
            self._back(m)
        self._()
        if self.PrimaryExpression():
            return True
        return self._back(m)

    def PrimaryExpression(self) -> bool:
        if self.BrackettedExpression() or self.ExprTripleTerm() or self.iriOrFunction():
            return True
        if self.Var() is not None:
            return True
        return (
            self.RDFLiteral()
            or self.NumericLiteral()
            or self.BooleanLiteral()
            or self.BuiltInCall()
        )

    def ExprTripleTerm(self) -> bool:
        if not self.s.startswith("<<(", self.p):
            return self._fail('"<<("')
        m = self._mark()
        self._down()
        ok = self.lit("<<(") and self._() and self._expr_triple_term_object() and self._()
        ok = ok and self.Verb() and self._() and self._expr_triple_term_object() and self._()
        ok = ok and self.lit(")>>")
        self.depth -= 1
        return ok or self._back(m)

    def _expr_triple_term_object(self) -> bool:
        return (
            self.ExprTripleTerm()
            or self.iri() is not None
            or self.RDFLiteral()
            or self.NumericLiteral()
            or self.BooleanLiteral()
            or self.Var() is not None
        )

    def BrackettedExpression(self) -> bool:
        m = self._mark()
        if self.lit("(") and self._() and self.Expression() and self._() and self.lit(")"):
            return True
        return self._back(m)

    def BuiltInCall(self) -> bool:
        m = self._mark()
        if self.Aggregate():
            if not self.aggregates:  # new_aggregation: no SELECT to hold it
                self._why("an aggregate outside SELECT")
                return self._back(m)
            self._hide(m[1])
            return True
        for word, shape in _BUILTINS:
            m = self._mark()
            if not self.i(word):
                continue
            if self._call_args(shape):
                if word in ("BOUND", "COALESCE", "EXISTS", "NOT"):
                    self._hide(m[1])
                return True
            self._back(m)
        # ADJUST parses, then fails (pyoxigraph is built without SEP-0002)
        return False

    def _call_args(self, shape: str) -> bool:
        if shape == "list":
            return self.ExpressionList()
        if shape == "nil-tight":
            return self.rx(_NIL, "()") is not None
        self._()
        if shape == "nil":
            return self.rx(_NIL, "()") is not None
        if shape == "exists":
            return self.GroupGraphPattern()
        if shape == "notexists":
            return self.i("EXISTS") and self._() and self.GroupGraphPattern()
        if not (self.lit("(") and self._()):
            return False
        if shape == "var":
            return self.Var() is not None and self._() and self.lit(")")
        if shape == "triple":  # TRIPLE(s, p o): no space allowed before "," and ")"
            return (
                self.Expression()
                and self._()
                and self.lit(",")
                and self._()
                and self.Expression()
                and self.lit(",")
                and self._()
                and self.Expression()
                and self.lit(")")
            )
        counts = {"1": (1,), "2": (2,), "3": (3,), "regex": (3, 2), "substr": (3, 2)}
        counts["replace"] = (4, 3)
        start = self._mark()
        for count in counts[shape]:
            ok = True
            for index in range(count):
                if index and not (self.lit(",") and self._()):
                    ok = False
                    break
                if not (self.Expression() and self._()):
                    ok = False
                    break
            if ok and self.lit(")"):
                return True
            self._back(start)
        return False

    def Aggregate(self) -> bool:
        m = self._mark()
        if self.i("COUNT") and self._() and self.lit("(") and self._():
            inner = self._mark()
            if self.i("DISTINCT") and self._():
                if self.lit("*") and self._() and self.lit(")"):
                    return self._aggregate()
                self._back(inner)
                if self.i("DISTINCT") and self._() and self.Expression() and self._():
                    if self.lit(")"):
                        return self._aggregate()
            self._back(inner)
            if self.lit("*") and self._() and self.lit(")"):
                return self._aggregate()
            self._back(inner)
            if self.Expression() and self._() and self.lit(")"):
                return self._aggregate()
        self._back(m)
        for word in _AGGREGATES:
            for distinct in (True, False):
                if self.i(word) and self._() and self.lit("(") and self._():
                    if (not distinct or (self.i("DISTINCT") and self._())) and self.Expression():
                        if self._() and self.lit(")"):
                            return self._aggregate()
                self._back(m)
        for distinct in (True, False):
            for separator in (True, False):
                if self.i("GROUP_CONCAT") and self._() and self.lit("(") and self._():
                    if (not distinct or (self.i("DISTINCT") and self._())) and self.Expression():
                        if self._() and (not separator or self._separator()) and self.lit(")"):
                            return self._aggregate()
                self._back(m)
        # custom aggregates (iri "(" ...) parse, then fail: none is registered
        return False

    def _separator(self) -> bool:
        return (
            self.lit(";")
            and self._()
            and self.i("SEPARATOR")
            and self._()
            and self.lit("=")
            and self._()
            and self.String() is not None
            and self._()
        )

    def _aggregate(self) -> bool:
        if self.aggregates:
            self.aggregates[-1].append(True)
        return True

    def iriOrFunction(self) -> bool:
        if self.iri() is None:
            return False
        m = self._mark()
        self._()
        if not self.ArgList():
            self._back(m)
        return True

    # terms ---------------------------------------------------------------------------------

    def RDFLiteral(self) -> bool:
        if self.String() is None:
            return False
        after = self._mark()
        self._()
        if self.lit("^^") and self._() and self.iri() is not None:
            return True
        self._back(after)
        self._()
        if self.LANGDIR():
            return True
        self._back(after)
        return True

    def LANGDIR(self) -> bool:
        found = self.rx(_LANGDIR, "a language tag")
        if found is None:
            return False
        tag, direction = found.group(1), found.group(2)
        if _LANGTAG.fullmatch(tag.lower()) is None or direction not in ("", "--ltr", "--rtl"):
            self.p = found.start()
            return self._fail("a language tag")
        return True

    def NumericLiteral(self) -> bool:
        for sign in ("", "+", "-"):
            m = self._mark()
            if sign and not (self.lit(sign) and self._()):
                self._back(m)
                continue
            for pattern, what in ((_DOUBLE, "a double"), (_DECIMAL, "a decimal")):
                if self.rx(pattern, what) is not None:
                    return True
            if self.rx(_INTEGER, "an integer") is not None:
                return True
            self._back(m)
        return False

    def BooleanLiteral(self) -> bool:
        return self.lit("true") or self.lit("false")

    def String(self) -> str | None:
        for pattern in (_STRING_LONG1, _STRING_LONG2, _STRING1, _STRING2):
            m = pattern.match(self.s, self.p)
            if m is not None and _escapes_ok(m.group(1)):
                self.p = m.end()
                return m.group(1)
        self._fail("a string")
        return None

    def STRING_LITERAL1(self) -> bool:
        m = _STRING1.match(self.s, self.p)
        if m is not None and _escapes_ok(m.group(1)):
            self.p = m.end()
            return True
        return self._fail("a string")

    def STRING_LITERAL2(self) -> bool:
        m = _STRING2.match(self.s, self.p)
        if m is not None and _escapes_ok(m.group(1)):
            self.p = m.end()
            return True
        return self._fail("a string")

    def iri(self) -> str | None:
        iri = self.IRIREF()
        if iri is not None:
            return iri
        return self.PrefixedName()

    def PrefixedName(self) -> str | None:
        start = self.p
        m = _PNAME_NS.match(self.s, start)
        if m is None:
            self._fail("a prefixed name")
            return None
        ns = m.group(1) or ""
        local = _PN_LOCAL.match(self.s, m.end())
        if local is not None:  # PNAME_LN
            base = self.prefixes.get(ns)
            if base is not None:
                iri = base + local.group().replace("\\", "")
                if resolve(None, iri) is not None:
                    self.p = local.end()
                    return iri
        # PNAME_NS alone
        base = self.prefixes.get(ns)
        if base is not None and resolve(None, base) is not None:
            self.p = m.end()
            return base
        self._fail("a declared prefix")
        return None

    def PNAME_NS(self) -> str | None:
        m = self.rx(_PNAME_NS, "a prefix name")
        return None if m is None else (m.group(1) or "")

    def IRIREF(self) -> str | None:
        m = _IRIREF.match(self.s, self.p)
        if m is None:
            self._fail("an IRI")
            return None
        raw = m.group(1)
        if "\\" in raw:
            if _IRI_BAD_ESCAPE.search(raw):
                self._fail("an IRI")
                return None
            decoded = _decode_hex(raw)
            if decoded is None:
                self._fail("an IRI")
                return None
            raw = decoded
        iri = resolve(self.base, raw)
        if iri is None:
            self._fail("a valid IRI")
            return None
        self.p = m.end()
        return iri

    def BlankNode(self) -> bool:
        m = _BNODE_LABEL.match(self.s, self.p)
        if m is not None:
            label = m.group(1)
            if label in self.used:
                self._why(f"the blank node _:{label} is used in two groups")
                return self._fail("a blank node not used before")
            self.current.add(label)
            self.p = m.end()
            self.ev.append(("bnode", label))
            return True
        if self.rx(_ANON, "[]") is not None:
            self.ev.append(("bnode", None))
            return True
        return False


def _decode_hex(text: str) -> str | None:
    out: list[str] = []
    last = 0
    for m in _HEX_ESCAPE.finditer(text):
        code = int(m.group(1) or m.group(2), 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            return None
        out.append(text[last : m.start()])
        out.append(chr(code))
        last = m.end()
    out.append(text[last:])
    return "".join(out)


def _escapes_ok(body: str) -> bool:
    """unescape_string fails on a \\u escape that is no character (a surrogate)."""
    if "\\u" not in body and "\\U" not in body:
        return True
    for m in _HEX_ESCAPE.finditer(body):
        # an escaped backslash before 'u' is no escape: count the backslashes
        start = m.start()
        run = 0
        while start - run - 1 >= 0 and body[start - run - 1] == "\\":
            run += 1
        if run % 2:
            continue
        code = int(m.group(1) or m.group(2), 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            return False
    return True
