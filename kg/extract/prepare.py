"""What spaCy is given: paragraphs of bounded length, and markup tags kept whole.

The attribution detectors look, for each reporting verb, at the tokens of its sentence, so a
paragraph with no sentence end (one 1 MB line) costs the square of its length. A paragraph longer
than ``MAX_BLOCK_CHARS`` is parsed as several pieces, cut after a sentence end where there is
one, else at a space; each piece is a block whose span still indexes the article's text, so
every offset stays right. No paragraph of the evaluation sets comes near the limit.

Markup in a plain-text article is text: ``<img src=x onerror=alert('x')>`` inside a quotation
would be cut by the tokenizer into pieces that end the sentence or take the verb's object; each
tag is made one token before the parse, so the claim around it is read as without the tag.

>>> text = "Aa bb. Cc dd ee ff"
>>> [text[s:e] for s, e in pieces(text, 0, len(text), limit=10)]
['Aa bb. ', 'Cc dd ee ', 'ff']
>>> [m.group() for m in tags('He said "<img src=x onerror=alert(1)> a <b>bold</b> 3 < 4"')]
['<img src=x onerror=alert(1)>', '<b>', '</b>']
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.quotes import TAG
from kg.model import Article, Block, BlockKind, Span

#: The longest paragraph parsed as one piece, in characters (a long news paragraph is under
#: 1,000; the longest of the evaluation sets is 457).
MAX_BLOCK_CHARS = 2000

# a sentence end followed by a space: the best place to cut
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s")


def tags(text: str) -> Iterator[re.Match[str]]:
    """The markup tags in ``text``."""
    return TAG.finditer(text)


def pieces(text: str, start: int, end: int, limit: int = MAX_BLOCK_CHARS) -> list[tuple[int, int]]:
    """``[start, end)`` of ``text`` cut into ranges of at most ``limit`` characters: after the
    last sentence end of the window when it lies in its second half, else after its last
    space, else at the limit (a "word" longer than it)."""
    out: list[tuple[int, int]] = []
    while end - start > limit:
        window = text[start : start + limit]
        cut = 0
        for m in _SENTENCE_END.finditer(window, limit // 2):
            cut = m.end()
        if not cut:
            cut = max(window.rfind(" "), window.rfind("\t")) + 1
        if cut <= 0:
            cut = limit
        out.append((start, start + cut))
        start += cut
    out.append((start, end))
    return out


def bounded(article: Article, blocks: list[Block], limit: int = MAX_BLOCK_CHARS) -> list[Block]:
    """``blocks`` with each longer than ``limit`` cut into pieces (the pieces of an overlong
    headline after its first are body text)."""
    out: list[Block] = []
    for block in blocks:
        if block.span.end - block.span.start <= limit:
            out.append(block)
            continue
        for n, (s, e) in enumerate(pieces(article.text, block.span.start, block.span.end, limit)):
            s, e = _strip(article.text, s, e)
            if e > s:
                kind = block.kind if n == 0 else BlockKind.BODY
                out.append(Block(Span(s, e), kind))
    return out


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def make_doc(nlp: Language, text: str) -> Doc:
    """The tokens of ``text``, each markup tag one token, ready for the pipeline's parse."""
    doc = nlp.make_doc(text)
    if "<" not in text:
        return doc
    with doc.retokenize() as retokenizer:
        taken = -1
        for m in tags(text):
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is None or len(span) < 2 or span.start <= taken:
                continue
            retokenizer.merge(span)
            taken = span.end - 1
    return doc
