"""Which way a comparison points: "A more than B" says what "B less than A" says.

A comparison's claim is its sign (more/less, higher/lower, "outscored") times the order of
its two terms. Reordered paraphrases swap both ("diabetes kills more than homicide" /
"homicides kill fewer than diabetes"); a reversed claim swaps one ("more New Zealanders moved
to Australia than Australians moved to New Zealand" / the other way round). Word overlap and
embeddings see neither, and the antonym rule sees only the sign, so it refuses the first and
accepts the second. Here each side's terms are found (the words before the comparative, the
words after "than" or a comparative verb) and matched across the two claims.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from kg.match.align import WORD_MATCH, Word, WordVectors, claim_core, content_words

#: Comparative words and the way they point.
SIGNS: dict[str, int] = {
    **dict.fromkeys(
        "more greater higher larger bigger better faster stronger longer older richer"
        " warmer hotter heavier wealthier busier deadlier costlier pricier".split(),
        1,
    ),
    **dict.fromkeys(
        "less fewer lower smaller worse slower weaker shorter younger poorer cheaper"
        " cooler colder lighter".split(),
        -1,
    ),
}
# Verbs that compare their subject with their object: "A outscored B", "A exceeds B".
_VERB = re.compile(
    r"\b(?:out(?:scor|perform|number|pac|sell|spend|earn|rank|produc|strip)\w*"
    r"|exceed(?:s|ed|ing)?|surpass(?:es|ed|ing)?|overtak(?:e|es|en|ing)|overtook|trail(?:s|ed)?"
    r"|lag(?:s|ged)?\s+behind)\b",
    re.IGNORECASE,
)
_THAN = re.compile(r"\bthan\b", re.IGNORECASE)
# A superlative is a comparison with all others: "Singapore has the lowest murder rate"
# says "no country has a lower murder rate than Singapore". Only after "the", "its" or a
# possessive ("Europe's lowest"), so that "most households" stays a share.
SUPERLATIVES: dict[str, int] = {
    **dict.fromkeys(
        "highest largest biggest most greatest best richest oldest longest fastest strongest"
        " deadliest busiest tallest hottest warmest wealthiest heaviest costliest".split(),
        1,
    ),
    **dict.fromkeys(
        "lowest smallest least fewest worst poorest youngest shortest slowest weakest"
        " cheapest coldest coolest lightest".split(),
        -1,
    ),
}
_SUPERLATIVE = re.compile(
    r"\b(?:the|its|their|his|her)\s+(" + "|".join(SUPERLATIVES) + r")\b"
    r"|['’]s?\s+(" + "|".join(SUPERLATIVES) + r")\b",
    re.IGNORECASE,
)
_ANY = re.compile(
    r"\s*(?:any(?:one|body|thing|\s+other)?|all(?:\s+other)?|every(?:one|body)?|ever)\b",
    re.IGNORECASE,
)
_PASSIVE = re.compile(r"\b(?:was|were|been|is|are|be|being)\s*$", re.IGNORECASE)
_BY = re.compile(r"\s*by\b", re.IGNORECASE)
_WORDS = re.compile(r"[A-Za-z]+")
# "No club earned more than Real Madrid": Real Madrid earned more than any club.
_NONE = re.compile(r"\b(?:no|none|nobody|nothing|never)\b|\bno\s+one\b", re.IGNORECASE)
# A leading adjunct ("In Mexico, ...", "Over their lifetime, ...") is no term of the comparison.
_ADJUNCT = re.compile(
    r"^\s*(?:in|on|at|among|over|since|after|before|during|last|this|because|for|across|under"
    r"|by|from|within)\b[^,]{0,60},",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Comparison:
    """One claim's comparison: its sign and the first distinctive word of each term."""

    sign: int
    first: Word | None  # the term compared (before the comparative)
    second: Word | None  # the term it is compared with (after "than" or the verb)
    cue: str  # the comparative word, which the antonym rule then leaves alone
    # "more than any other club", "no club earned more than": one term against all others
    universal: bool = False


def _verb_sign(verb: str) -> int:
    low = verb.lower()
    return -1 if low.startswith(("trail", "lag")) else 1


def find(text: str) -> Comparison | None:
    """The comparison a claim makes, or None when it makes none."""
    core = claim_core(text)
    than = _THAN.search(core)
    if than is not None:
        before = core[: than.start()]
        cues = [m for m in _WORDS.finditer(before) if m.group(0).lower() in SIGNS]
        if not cues:
            return None
        cue = cues[-1]
        sign = SIGNS[cue.group(0).lower()]
        left, between, right = before[: cue.start()], before[cue.end() :], core[than.end() :]
    else:
        verb = _VERB.search(core)
        if verb is None:
            return _superlative(core)
        cue, sign = verb, _verb_sign(verb.group(0))
        left, between, right = core[: verb.start()], "", core[verb.end() :]
        if _PASSIVE.search(left) and _BY.match(right):
            sign = -sign  # "Apple was overtaken by Nvidia": Apple is the lesser
    second_words = content_words(right)
    if not second_words or second_words[0].number:
        return None  # "more than 40 percent", "less than half": a bound on a figure
    left = _ADJUNCT.sub("", left, count=1)
    if _NONE.search(left):
        # "No club earned more than Real Madrid": Real Madrid earned more than any club
        return Comparison(sign, _subject(second_words), None, cue.group(0), universal=True)
    first_words = content_words(left) or content_words(between)
    if _ANY.match(right):
        return Comparison(sign, _subject(first_words), None, cue.group(0), universal=True)
    first = _distinct(first_words, second_words)
    return Comparison(sign, first, _distinct(second_words, first_words), cue.group(0))


def _superlative(core: str) -> Comparison | None:
    """A superlative claim as a comparison of its subject with all others."""
    m = _SUPERLATIVE.search(core)
    if m is None:
        return None
    word = m.group(1) or m.group(2)
    subject = _subject(content_words(_ADJUNCT.sub("", core[: m.start()], count=1)))
    if subject is None:
        return None
    return Comparison(SUPERLATIVES[word.lower()], subject, None, word, universal=True)


def _subject(words: list[Word]) -> Word | None:
    return next((w for w in words if not w.scope), None)


def _distinct(words: list[Word], other: list[Word]) -> Word | None:
    """The first word of a term that the other term lacks (the terms of "more New Zealanders
    moved to Australia than Australians moved to New Zealand" share every word but the order:
    then simply the first)."""
    keys = {w.place or w.key for w in other}
    for w in words:
        if (w.place or w.key) not in keys and not w.scope:
            return w
    return words[0] if words else None


def _same(a: Word | None, b: Word | None, vectors: WordVectors) -> bool:
    if a is None or b is None:
        return False
    if a.place is not None and b.place is not None:
        return a.place == b.place
    if a.key == b.key:
        return True
    if a.number or b.number or a.place is not None or b.place is not None:
        return False
    va, vb = vectors.get([a.text.lower(), b.text.lower()])
    return float(np.dot(va, vb)) >= WORD_MATCH


def agreement(a: Comparison | None, b: Comparison | None, vectors: WordVectors) -> int:
    """+1 when two comparisons claim the same, -1 when one reverses the other, 0 when either
    makes none or their terms cannot be told apart."""
    if a is None or b is None or a.universal != b.universal:
        return 0
    if a.universal:
        return a.sign * b.sign if _same(a.first, b.first, vectors) else 0
    kept = int(_same(a.first, b.first, vectors)) + int(_same(a.second, b.second, vectors))
    swapped = int(_same(a.first, b.second, vectors)) + int(_same(a.second, b.first, vectors))
    if kept == swapped:
        return 0
    order = 1 if kept > swapped else -1
    return 1 if a.sign * b.sign * order > 0 else -1


def without_cue(text: str, comparison: Comparison | None) -> str:
    """The text with its comparative word removed, for the antonym rule once the comparison
    has been judged as a whole."""
    if comparison is None:
        return text
    return re.sub(rf"\b{re.escape(comparison.cue)}\b", " ", text, count=1)
