"""No generated query makes the endpoint connect anywhere (property-based, hypothesis).

Prefixed names and IRIs are drawn from the SPARQL 1.1 grammar's own character classes
(section 19.8: PN_CHARS_BASE, PN_CHARS, PLX, UCHAR), written here from the specification,
not from kg.sparql, and put in every shape a SERVICE clause can take: PREFIX or BASE, IRIs
with code point escapes, SILENT, comments and odd whitespace between the words, keywords in
any case, clauses nested in OPTIONAL, UNION, EXISTS and subqueries. Each query runs twice:

- straight into pyoxigraph against one listener, which shows the query really calls out (the
  generator is only worth something if most of its queries do);
- through the endpoint (workers with their network: ISOLATE_WORKERS=off, so only the
  reading of the query protects) against another listener, which must see no connection.
"""

from __future__ import annotations

import pyoxigraph as ox
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.sparql.client import get, post_form
from tests.sparql.conftest import Listener

JSON = "application/sparql-results+json"
TARGET = "\u0000TARGET\u0000"  # replaced by a listener's URL

# SPARQL 1.1 section 19.8, [164] PN_CHARS_BASE (the astral range too: pyoxigraph leaves it
# out, so such names are syntax errors to it; they must be refused all the same)
PN_CHARS_BASE = st.one_of(
    st.characters(min_codepoint=0x41, max_codepoint=0x5A),
    st.characters(min_codepoint=0x61, max_codepoint=0x7A),
    st.characters(min_codepoint=0xC0, max_codepoint=0xD6),
    st.characters(min_codepoint=0xD8, max_codepoint=0xF6),
    st.characters(min_codepoint=0xF8, max_codepoint=0x2FF),
    st.characters(min_codepoint=0x370, max_codepoint=0x37D),
    st.characters(min_codepoint=0x37F, max_codepoint=0x1FFF),
    st.characters(min_codepoint=0x200C, max_codepoint=0x200D),
    st.characters(min_codepoint=0x2070, max_codepoint=0x218F),
    st.characters(min_codepoint=0x2C00, max_codepoint=0x2FEF),
    st.characters(min_codepoint=0x3001, max_codepoint=0xD7FF),
    st.characters(min_codepoint=0xF900, max_codepoint=0xFDCF),
    st.characters(min_codepoint=0xFDF0, max_codepoint=0xFFFD),
    st.characters(min_codepoint=0x10000, max_codepoint=0xEFFFF),
)
# [166] PN_CHARS: PN_CHARS_U | '-' | [0-9] | #x00B7 | [#x0300-#x036F] | [#x203F-#x2040]
PN_CHARS = st.one_of(
    PN_CHARS_BASE,
    st.sampled_from(["_", "-", "0", "7", "\u00b7", "\u203f", "\u2040"]),
    st.characters(min_codepoint=0x300, max_codepoint=0x36F),
)
# [173] PN_LOCAL_ESC and [171] PERCENT
PLX = st.one_of(
    st.sampled_from([f"\\{c}" for c in "_~.-!$&'()*+,;=/?#@%"]),
    st.sampled_from(["%41", "%2f", "%7E"]),
)


@st.composite
def prefix_names(draw: st.DrawFn) -> str:
    """[168] PN_PREFIX: PN_CHARS_BASE ((PN_CHARS|'.')* PN_CHARS)?"""
    first = draw(PN_CHARS_BASE)
    middle = draw(st.lists(st.one_of(PN_CHARS, st.just(".")), max_size=4))
    last = draw(PN_CHARS) if middle else ""
    return first + "".join(middle) + last


@st.composite
def local_names(draw: st.DrawFn) -> str:
    """[169] PN_LOCAL: (PN_CHARS_U | ':' | [0-9] | PLX) ((PN_CHARS | '.' | ':' | PLX)*
    (PN_CHARS | ':' | PLX))?"""
    first = draw(st.one_of(PN_CHARS_BASE, st.sampled_from(["_", ":", "4"]), PLX))
    middle = draw(st.lists(st.one_of(PN_CHARS, st.sampled_from([".", ":"]), PLX), max_size=4))
    last = draw(st.one_of(PN_CHARS, st.just(":"), PLX)) if middle else ""
    return first + "".join(middle) + last


def _escape(draw: st.DrawFn, text: str) -> str:
    """Some characters of an IRI written as [26] UCHAR escapes."""
    out = []
    for c in text:
        if draw(st.booleans()) and draw(st.booleans()):
            code = ord(c)
            out.append(f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}")
        else:
            out.append(c)
    return "".join(out)


SPACE = st.sampled_from([" ", "\t", "\n", "\r\n", " #comment\n", "#\n", "  "])
WORDS = ["SERVICE", "SILENT", "PREFIX", "BASE", "SELECT", "WHERE", "OPTIONAL", "UNION"]


def _case(draw: st.DrawFn, word: str) -> str:
    return "".join(c.lower() if draw(st.booleans()) else c for c in word)


@st.composite
def service_queries(draw: st.DrawFn) -> str:
    """A query whose SERVICE clause names TARGET, in one of the shapes the grammar allows."""

    def w(word: str) -> str:
        return _case(draw, word)

    def sp() -> str:
        return draw(SPACE)

    silent = f"{w('SILENT')}{sp()}" if draw(st.booleans()) else ""
    how = draw(st.sampled_from(["prefix", "iri", "base", "empty-prefix"]))
    if how == "prefix":
        prefix, local = draw(prefix_names()), draw(local_names())
        prologue = f"{w('PREFIX')}{sp()}{prefix}:{sp()}<{TARGET}>{sp()}"
        name = f"{prefix}:{local}"
    elif how == "empty-prefix":
        prologue = f"{w('PREFIX')}{sp()}:{sp()}<{TARGET}>{sp()}"
        name = f":{draw(local_names())}"
    elif how == "base":
        prologue = f"{w('BASE')}{sp()}<{TARGET}>{sp()}"
        name = f"<{_escape(draw, draw(st.sampled_from(['x', 'a/b', '?q=1', '#f', ''])))}>"
    else:
        prologue = ""
        name = f"<{TARGET}{_escape(draw, draw(st.sampled_from(['sparql', 'a%20b', 'é', ''])))}>"
    service = f"{w('SERVICE')}{sp()}{silent}{name}{sp()}{{ ?s ?p ?o }}"
    wrapper = draw(
        st.sampled_from(
            [
                "{s}",
                "OPTIONAL {{ {s} }}",
                "{{ ?a ?b ?c }} UNION {{ {s} }}",
                "FILTER EXISTS {{ {s} }}",
                "{{ SELECT * WHERE {{ {s} }} }}",
                "?x ?y ?z . {s}",
            ]
        )
    )
    body = wrapper.format(s=service)
    return f"{prologue}{w('SELECT')} *{sp()}{w('WHERE')}{sp()}{{ {body} }}"


PROBE = "PREFIX {p}: <" + TARGET + "> SELECT * WHERE {{ SERVICE {silent}{p}:internal-api {{ }} }}"


def _calls(listener: Listener) -> int:
    return len(listener.calls())


def test_no_generated_service_query_reaches_a_listener(
    isolation_off_url: str, listener: Listener, bait: Listener
) -> None:
    seen = {"examples": 0, "engine_called_out": 0}

    @settings(
        max_examples=300,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(query=service_queries(), use_post=st.booleans())
    # the probes that got through the lexical scan this reading replaced (issue: U+00B7,
    # a combining mark, U+203F and U+2118 in prefix names), always among the examples
    @example(query=PROBE.format(p="x\u00b7y", silent=""), use_post=False)
    @example(query=PROBE.format(p="x\u0300", silent="SILENT "), use_post=True)
    @example(query=PROBE.format(p="x\u203fy", silent=""), use_post=True)
    @example(query=PROBE.format(p="\u2118", silent="SILENT "), use_post=False)
    def check(query: str, use_post: bool) -> None:
        seen["examples"] += 1
        before = _calls(bait)
        try:
            list(ox.Store().query(query.replace(TARGET, bait.url)))  # type: ignore[arg-type]
        except (SyntaxError, OSError, ValueError):
            pass  # a syntax error, or the bait's silence
        if _calls(bait) > before:
            seen["engine_called_out"] += 1
        attack = query.replace(TARGET, listener.url)
        if use_post:
            reply = post_form(isolation_off_url, {"query": attack}, JSON)
        else:
            reply = get(isolation_off_url, JSON, query=attack)
        assert reply.status == 400, (reply.status, attack)
        assert _calls(listener) == 0, attack

    check()
    # the generator is worth something: most of its queries really call out when unguarded
    assert seen["engine_called_out"] >= seen["examples"] // 2, seen
