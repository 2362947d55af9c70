"""Find quotations in a paragraph: pairs of curly or straight marks, double or single.

A quotation left open at the end of a paragraph runs to its end: news style opens each
paragraph of a multi-paragraph quote and closes only the last.

>>> quote_spans('“We will win,” she said. "Not yet," he said.')
[(1, 13), (26, 34)]
>>> quote_spans("The 'crackdown' in China's west")
[(5, 14)]
>>> quote_spans("‘We can’t breathe’: rial plunges")
[(1, 17)]
"""

from __future__ import annotations

import re

# a markup tag (or comment, doctype) on one line; no '<' inside, so a search is linear
TAG = re.compile(r"<(?:/?[A-Za-z][\w:-]*|!)[^<>\n]{0,500}>")
_OPEN = {"“": "”", "«": "»", "„": "“"}
# an apostrophe between letters ("can’t", "Côte d’Ivoire") does not close the quotation
_SINGLE = re.compile(
    r"(?:(?<=^)|(?<=[\s(\[—–:-]))[‘']((?:[^‘'’\n]|(?<=\w)[’'](?=\w))*?[^\s‘'’])[’']"
    r"(?=[\s.,;:!?)\]—–-]|$)"
)


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Inner spans (without the marks) of the quotations in ``text``, in order; the marks
    inside a markup tag (``<img src="x" onerror="alert('x')">``) are part of the tag.

    >>> quote_spans('He said "<img src="x"> it is safe" today.')
    [(9, 33)]
    """
    if "<" in text:  # blank the tags out, keeping every offset
        text = TAG.sub(lambda m: " " * len(m.group()), text)
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        close = _OPEN.get(ch)
        if close is None and ch == '"':
            close = '"'
        if close is None:
            i += 1
            continue
        end = text.find(close, i + 1)
        if close == "”":  # a straight closing mark inside a curly opening is a typo we accept
            alt = text.find('"', i + 1)
            if end < 0 or 0 <= alt < end:
                end = alt if alt >= 0 else end
        if end < 0:
            end = n
        spans.append((i + 1, end))
        i = end + 1
    covered = [False] * n
    for start, end in spans:
        for k in range(max(start - 1, 0), min(end + 1, n)):
            covered[k] = True
    for m in _SINGLE.finditer(text):
        if not covered[m.start()]:
            spans.append((m.start(1), m.end(1)))
    spans.sort()
    return spans


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a span to exclude surrounding whitespace and a trailing , ; : inside the marks."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


_SENTENCE_END = re.compile(r"(?<=[.?!])\s+")


def asserts_nothing(quote: str) -> bool:
    """A quotation made of questions, with at most a short exclamation or command after them
    ("Where is the money? Show me"), puts nothing forward that could be checked.

    >>> asserts_nothing("So who pays for it? Tell me")
    True
    >>> asserts_nothing("Why now? Because the money ran out in March")
    False
    """
    parts = [p.strip(" \t\"“”‘’',;:") for p in _SENTENCE_END.split(quote.strip())]
    parts = [p for p in parts if p]
    if not parts or not parts[0].endswith("?"):
        return False
    return all(p.endswith("?") or len(p.split()) <= 3 for p in parts)


def whole_quotations(text: str, cs: int, ce: int, quotes: list[tuple[int, int]]) -> tuple[int, int]:
    """The content ``[cs, ce)`` of ``text`` made whole: a quotation it opens runs on to its
    closing mark ('risked "missing the boom' -> 'risked "missing the boom while we argue"');
    one left open to the end of the paragraph (a quotation continued in the next) is cut
    off before its opening mark.

    >>> t = 'He warned Chile risked "missing the boom while we argue". Then he left.'
    >>> cs, ce = whole_quotations(t, 10, 38, [(24, 55)])
    >>> t[cs:ce]
    'Chile risked "missing the boom while we argue"'
    >>> t = 'He said the plan was "a disaster for all'
    >>> cs, ce = whole_quotations(t, 8, 32, [(22, 40)])
    >>> t[cs:ce]
    'the plan was'
    """
    for qs, qe in quotes:
        if not cs <= qs < ce < qe:
            continue
        if qe < len(text):
            ce = qe + 1
        else:
            ce = qs - 1
            while ce > cs and (text[ce - 1].isspace() or text[ce - 1] in ",;:"):
                ce -= 1
    return cs, ce


def words_in(text: str, span: tuple[int, int]) -> int:
    return len(text[span[0] : span[1]].split())
