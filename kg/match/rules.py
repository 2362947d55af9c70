"""The contradiction rules sentence embeddings miss, and the text helpers they share.

A changed figure ("3%" vs "30%"), a negation ("did not"), a reversed direction ("rose" vs
"fell") or one swapped slot ("the gas tax" / "the sales tax") leave two sentences close in
embedding space. Up to METHOD /2 these rules vetoed a match; since /3 they are features of the
learned pairwise model (kg.match.features), which weighs them against everything else.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from typing import Protocol

import numpy as np
from numpy.typing import NDArray

from kg.match.encoder import get_encoder

# --- text preparation -----------------------------------------------------------------------

# PolitiFact-style claim texts start "Says (that) ...": an editorial convention, not content.
_SAYS = re.compile(r"^\s*says(?:\s+that)?\s+", re.IGNORECASE)


def strip_says(text: str) -> str:
    """The text without the fact-checkers' leading "Says (that)", its case kept."""
    return _SAYS.sub("", text, count=1) or text


def prepare(text: str) -> str:
    """The text that is embedded: the fact-checkers' leading "Says" removed."""
    stripped = _SAYS.sub("", text, count=1)
    return stripped[:1].upper() + stripped[1:] if stripped else text


# --- numbers --------------------------------------------------------------------------------

_SCALES = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
# A digit run not glued to a word ("COVID-19", "5G", "G7" are names, not figures); "40-year"
# still counts. An optional scale ("1.5 billion", "3m") is folded into the value.
_NUMBER = re.compile(
    r"(?<![\w.,])(?<![A-Za-z]-)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?"
    r"(?:\s?(thousand|million|billion|trillion)\b|(k|m|mn|bn|b|tn)\b)?(?!\w)",
    re.IGNORECASE,
)
UNITS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
# "one" is left out on purpose: "one of the", "no one" are rarely figures.
_WORD_NUMBER = re.compile(
    r"\b(?:(" + "|".join(TENS) + r")(?:[\s-](" + "|".join(list(UNITS)[:8]) + r"))?"
    r"|(" + "|".join(UNITS) + r"))"
    r"(?:\s+(hundred|thousand|million|billion|trillion))?\b",
    re.IGNORECASE,
)
_WORD_SCALES = {"hundred": 1e2, **{k: v for k, v in _SCALES.items() if len(k) > 3}}


# Proportions in words, which fact-checkers restate as percentages: "one in four" and "a
# quarter" are 25%, "nine out of every ten" 90%, "two-fifths" 40%. Left as words, "four" would
# read as the figure 4 and "one in four" / "25%" would look like a changed number.
_COUNT_WORDS = {"a": 1, "one": 1, **UNITS, **TENS, "hundred": 100}
_FRACTION_WORDS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fifth": 5,
    "fifths": 5,
    "sixth": 6,
    "sixths": 6,
    "eighth": 8,
    "eighths": 8,
    "tenth": 10,
    "tenths": 10,
}
_COUNT = r"(\d{1,3}|" + "|".join(w for w in _COUNT_WORDS if w != "a") + r")"
_ONE_IN_N = re.compile(
    rf"\b{_COUNT}\s+(?:in|out\s+of)\s+(?:every\s+)?{_COUNT}\b(?!\s*(?:%|percent|per\s+cent))",
    re.IGNORECASE,
)
# "a third of", "by a fifth since": a share; "a third term", "the second half" are not.
_N_FRACTION = re.compile(
    r"\b(a|one|" + "|".join(list(UNITS)[:8]) + r")[\s-]+(" + "|".join(_FRACTION_WORDS) + r")\b"
    r"(?=\s*(?:$|[,.;:)]|of\b|in\b|since\b|from\b|over\b|during\b|between\b|compared\b"
    r"|than\b|to\b|on\b|last\b|this\b|after\b|before\b|a\s+year\b|per\b))",
    re.IGNORECASE,
)
# Spelled-out figures with a scale ("eight hundred thousand", "a million"): as digits.
_SPELLED_SCALED = re.compile(
    r"\b(a|one|" + "|".join(UNITS) + "|" + "|".join(TENS) + r")"
    r"(?:[\s-](" + "|".join(list(UNITS)[:8]) + r"))?"
    r"\s+(hundred|thousand|million|billion|trillion)(?:\s+(thousand|million|billion))?\b",
    re.IGNORECASE,
)


# "half of all deaths", "fell by half": a share, as "a half" is ("the second half" is not).
_HALF = re.compile(
    r"(?<=\bby )half\b"
    r"|(?<!\bfirst )(?<!\bsecond )(?<!\bother )(?<!\blatter )(?<!\bformer )"
    r"\bhalf(?=\s+(?:of|its|their|the)\b)",
    re.IGNORECASE,
)


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _COUNT_WORDS[word.lower()]


def _percent(value: float) -> str:
    return f"{round(value)}%"  # "a third" is 33%, as fact-checkers round it


def _proportion(m: re.Match[str]) -> str:
    part, whole = _count(m.group(1)), _count(m.group(2))
    if not 0 < part < whole or whole > 1000:
        return m.group(0)
    return _percent(100 * part / whole)


def _fraction(m: re.Match[str]) -> str:
    part = _count(m.group(1))
    whole = _FRACTION_WORDS[m.group(2).lower()]
    if part >= whole:
        return m.group(0)
    return _percent(100 * part / whole)


def _spelled(m: re.Match[str]) -> str:
    head = m.group(1).lower()
    value = float(_COUNT_WORDS.get(head, 0))
    if m.group(2):
        value += UNITS[m.group(2).lower()]
    for scale in (m.group(3), m.group(4)):
        if scale:
            value *= _WORD_SCALES[scale.lower()]
    return f"{value:.0f}"


def figures(text: str) -> str:
    """The text with proportions in words as percentages ("one in four", "a quarter of": 25%)
    and spelled-out scaled figures as digits ("eight hundred thousand": 800000), so that the
    same figure compares equal however it is written."""
    text = _ONE_IN_N.sub(_proportion, text)
    text = _N_FRACTION.sub(_fraction, text)
    text = _HALF.sub("50%", text)
    return _SPELLED_SCALED.sub(_spelled, text)


# A change by a multiple ("doubled", "twice", "threefold", "quadrupled", "halved") is compared
# with other multiples only: against "tripled", "doubled" is a changed figure, but against
# "from 8 to 16 percent" it is the same claim told by its figures.
_MULTIPLE = re.compile(
    r"\b(?:(doubl|tripl|quadrupl|halv)(?:ed|ing|es)\b|(twice)\b"
    r"|(two|three|four|five|ten)(?:fold|-fold|\s+times)\b)",
    re.IGNORECASE,
)
_FOLD = {"doubl": 2.0, "twice": 2.0, "two": 2.0, "tripl": 3.0, "three": 3.0, "quadrupl": 4.0}
_FOLD |= {"four": 4.0, "five": 5.0, "ten": 10.0, "halv": 0.5}


def multiples(text: str) -> frozenset[float]:
    """The multiples a text states: "doubled" and "twice" 2, "threefold" 3, "halved" 0.5."""
    return frozenset(
        _FOLD[(m.group(1) or m.group(2) or m.group(3)).lower()] for m in _MULTIPLE.finditer(text)
    )


def numbers(text: str) -> frozenset[float]:
    """The figures a text states, as values: "3.5%" and "3.5 percent" give 3.5, "$1.4 billion"
    and "1,400,000,000" give 1.4e9, "twenty-two" gives 22, "one in four" 25."""
    text = figures(text)
    found: set[float] = set()
    for m in _NUMBER.finditer(text):
        value = float(m.group(1).replace(",", "") + (m.group(2) or ""))
        scale = (m.group(3) or m.group(4) or "").lower()
        found.add(round(value * _SCALES.get(scale, 1.0), 6))
    for m in _WORD_NUMBER.finditer(text):
        if m.group(1):
            value = TENS[m.group(1).lower()] + (UNITS[m.group(2).lower()] if m.group(2) else 0)
        else:
            value = UNITS[m.group(3).lower()]
        scale = (m.group(4) or "").lower()
        found.add(round(value * _WORD_SCALES.get(scale, 1.0), 6))
    return frozenset(found)


# "fell from about 500,000 to about 340,000": the change a summary states ("by nearly a
# third", "roughly tripled") follows from the two figures.
_FROM_TO = re.compile(
    r"\bfrom\b(?P<a>(?:[^,;]|,(?=\d)){1,40}?)\bto\b(?P<b>(?:[^,;]|,(?=\d)){1,40})", re.IGNORECASE
)
#: How far a figure may be from one worked out of two others ("nearly 80%" for 78%).
DERIVED_TOLERANCE = 0.1


def derived(text: str) -> tuple[frozenset[float], frozenset[float]]:
    """The changes "from X to Y" implies: as a percentage (|Y - X| / X) and as a multiple
    (Y / X)."""
    percents: set[float] = set()
    multiples_: set[float] = set()
    for m in _FROM_TO.finditer(figures(text)):
        start, end = _first_figure(m.group("a")), _first_figure(m.group("b"))
        if start is None or end is None or start <= 0 or _is_year(start) or _is_year(end):
            continue
        percents.add(round(abs(end - start) / start * 100, 6))
        multiples_.add(end / start)
    return frozenset(percents), frozenset(multiples_)


def _first_figure(text: str) -> float | None:
    m = _NUMBER.search(text)
    if m is None:
        return None
    value = float(m.group(1).replace(",", "") + (m.group(2) or ""))
    return value * _SCALES.get((m.group(3) or m.group(4) or "").lower(), 1.0)


def _is_year(value: float) -> bool:
    return value.is_integer() and 1900 <= value <= 2100


def _near(value: float, others: frozenset[float], tolerance: float) -> bool:
    return any(abs(value - o) <= tolerance * max(abs(value), abs(o)) for o in others)


def _covered(values: frozenset[float], exact: frozenset[float], worked: frozenset[float]) -> bool:
    """Every figure of ``values`` is stated in ``exact`` or close to one worked out."""
    return all(v in exact or _near(v, worked, DERIVED_TOLERANCE) for v in values)


def numbers_conflict(a: str, b: str) -> bool:
    """Both texts state figures and neither's set contains the other's: a changed figure or
    year. One side stating an extra figure (a date, a source) is no contradiction, nor a
    change that the other side's "from X to Y" implies."""
    na, nb = numbers(a), numbers(b)
    ma, mb = multiples(a), multiples(b)
    disagree = bool(na) and bool(nb) and not (na <= nb or nb <= na)
    if not disagree and not (ma or mb):
        return False  # the common case: nothing to work out
    (pa, xa), (pb, xb) = derived(a), derived(b)
    if disagree and not (_covered(na, nb, pb) or _covered(nb, na, pa)):
        return True
    if ma and mb:
        return not ma & mb
    # "doubled" against "from 8 to 16 percent" agrees; against "from 8 to 24" it does not
    for m, worked in ((ma, xb), (mb, xa)):
        if m and worked:
            return not any(_near(v, worked, DERIVED_TOLERANCE) for v in m)
    return False


# --- negation -------------------------------------------------------------------------------

# "zero" ("recruited zero teachers" is "did not hire a single teacher") and "rather than" /
# "instead of" (the alternative denied) say "not" in other words.
_NEGATION = re.compile(
    r"\b(?:not|never|no|none|nobody|nothing|neither|nor|cannot|no\s+longer|zero"
    r"|rather\s+than|instead\s+of|den(?:y|ies|ied|ying)"
    # "declined to legalise", "refused to sign", "failed to pass": the act did not happen
    # (not "declined to 5%", "fell to a record low")
    r"|(?:declin|refus|fail)(?:e|es|ed|s|ing)?\s+to(?=\s+[a-z]+\b)"
    r"(?!\s+(?:the|a|an|its|their|his|her|about|around|just|only|under|below|less|record"
    r"|levels?|lows?|highs?|zero)\b))\b|n't\b|n’t\b",
    re.IGNORECASE,
)


# "Nobody has done more than I have" says "I have done more than anyone": a comparison
# with everyone, not a negation (the negative pronoun is read up to its "than").
_NOBODY_THAN = re.compile(
    r"\b(?:nobody|no\s+one|nothing|none|no(?:\s+[\w-]+){1,3}?)\b[^.;]*?"
    r"\b(?:more|less|fewer|better|worse|\w+er)\b[^.;]*?\bthan\b"
    # "no fewer than 40" is "at least 40", a bound on a figure, not a negation
    r"|\bno\s+(?:fewer|less|more)\s+than\b",
    re.IGNORECASE,
)


def negated(text: str) -> bool:
    """Whether the text carries a negation cue ("not", "never", "no longer", "denied" ...);
    "nobody ... more than" is a comparison with everyone, not a negation."""
    return _NEGATION.search(_NOBODY_THAN.sub(" ", text)) is not None


def negated_words(text: str, span: int = 3) -> list[str]:
    """The words a negation cue negates: up to ``span`` words after each cue ("does not
    *allow voters to*"), lower case."""
    text = _NOBODY_THAN.sub(" ", text)
    out: list[str] = []
    for m in _NEGATION.finditer(text):
        out.extend(_WORD.findall(text[m.end() :].lower())[:span])
    return out


def negation_conflict(a: str, b: str) -> bool:
    """Negation in one text and not the other: embeddings put "X" and "not X" close."""
    return negated(a) != negated(b)


# --- antonyms -------------------------------------------------------------------------------

_AXES: dict[str, tuple[str, str]] = {
    # axis: (words on the + side, words on the - side). Verbs are written as their base form
    # and irregular past forms; ``_inflections`` adds the regular -s, -ed and -ing forms, so
    # that "shrinking" is on the axis as surely as "shrink".
    "direction": (
        "rise rose risen increase grow grew grown higher climb soar jump surge double triple"
        " quadruple raise up gain hike boost expand widen growth",
        "fall fell fallen decrease decline drop shrink shrank shrunk lower cut reduce plunge"
        " slump halve down lose lost slash tumble plummet sink sank sunk dip narrow loss",
    ),
    "amount": ("more", "less fewer"),
    "extreme": (
        "highest most largest biggest best richest",
        "lowest least smallest worst poorest",
    ),
    "outcome": ("won win winning victory", "lost lose losing defeat defeated"),
    "stance": (
        "support favor favour",
        "oppose against",
    ),
    "ease": ("easier", "harder"),
    "strength": ("strengthen stronger", "weaken weaker"),
    "warmth": ("warmer hotter", "cooler colder"),
    "level": ("above", "below"),
    # what a rule lets people do: "lets refugees bring their families" / "bars refugees from"
    "permission": (
        "legal legalise legalize allow let permit permitted permitting authorise authorize",
        "illegal ban bar prohibit forbid forbade forbidden outlaw",
    ),
    "sequence": ("after since", "before until"),
    "pace": (
        "accelerate quicken sped faster quicker",
        "slow ease decelerate slower",
    ),
    "verdict": (
        "approve passed adopt accept backed",
        "reject fail veto block",
    ),
    # not "open"/"close" themselves: "close to half" is no closing
    "access": ("opened reopen", "closed shut"),
    "balance": ("surplus", "deficit"),
    "share": ("majority", "minority"),
    "cost": ("cheaper", "dearer pricier costlier"),
}


def _inflections(word: str) -> set[str]:
    """A word with the regular English -s, -ed and -ing forms a base form can take ("ban":
    bans, banned, banning; "shrink": shrinks, shrinking; "raise": raises, raised, raising).
    Forms no verb has ("highered") are harmless: no text holds them."""
    out = {word}
    if not word.isalpha() or len(word) < 3 or word.endswith(("er", "est")) and len(word) > 5:
        return out
    stem = word[:-1] if word.endswith("e") else word
    if word.endswith("y") and word[-2] not in "aeiou":
        out |= {word[:-1] + "ies", word[:-1] + "ied", word + "ing"}
        return out
    out |= {word + ("es" if word.endswith(("s", "sh", "ch", "x")) else "s")}
    # one syllable ending consonant-vowel-consonant doubles its last letter: "banned"
    double = (
        sum(c in "aeiou" for c in word) == 1
        and word[-1] not in "aeiouwxy"
        and word[-2] in "aeiou"
        and word[-3] not in "aeiou"
    )
    tail = stem + word[-1] if double else stem
    out |= {tail + "ed", tail + "ing"}
    return out


POLES: dict[str, list[tuple[str, int]]] = {}
for _axis, (_plus, _minus) in _AXES.items():
    for _sign, _words in ((1, _plus), (-1, _minus)):
        for _w in {form for base in _words.split() for form in _inflections(base)}:
            if (_axis, _sign) not in POLES.get(_w, []):
                POLES.setdefault(_w, []).append((_axis, _sign))
_WORD = re.compile(r"[a-z]+")


def poles(text: str) -> dict[str, frozenset[int]]:
    """For each antonym axis the text touches, the signs it uses (+1, -1 or both)."""
    seen: dict[str, set[int]] = {}
    for word in _WORD.findall(text.lower()):
        for axis, sign in POLES.get(word, ()):
            seen.setdefault(axis, set()).add(sign)
    return {axis: frozenset(signs) for axis, signs in seen.items()}


def antonym_conflict(a: str, b: str) -> bool:
    """Both texts use an axis ("rose"/"fell") but with different signs. "Prices rose while
    wages fell" against "Wages fell as prices rose" uses the same signs, so it passes."""
    pa, pb = poles(a), poles(b)
    return any(pa[axis] != pb[axis] for axis in pa.keys() & pb.keys())


# --- substitution ---------------------------------------------------------------------------

_TOKEN = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
SUBSTITUTION_MIN_SHARED = 0.5  # of the longer text's words, in order
SUBSTITUTION_MAX_SLOT = 3  # words on either side of the one replaced slot
# Two slot fillers this close out of context are synonyms ("kids"/"children" 0.88,
# "doctors"/"physicians" 0.88, "jobs"/"employment" 0.78); different topics in one frame
# score lower ("gas"/"sales" 0.33, "teachers"/"nurses" 0.52, "Texas"/"Florida" 0.68).
SYNONYM_COSINE = 0.70


# Words that fill no topic slot: who is speaking ("we"/"he"), articles, auxiliaries.
FUNCTION_WORDS = frozenset(
    "i we you he she it they me us him her them my our your his its their this that these"
    " those a an the is are was were be been has have had do does did will would can could"
    " may might shall should must of in on at to for by with from".split()
)


def _word_list(text: str) -> list[str]:
    return _TOKEN.findall(figures(prepare(text)).lower().replace("’", "'"))


def substitution(a: str, b: str) -> tuple[str, str] | None:
    """The one slot two texts differ in when they are the same frame with one short span
    swapped ("raised the *gas* tax" / "raised the *sales* tax"): the two spans, or None.

    Figures and direction words are left to their own rules (a changed figure is the
    numbers rule's, "rose"/"increased" the antonym rule's, which knows their signs).
    """
    wa, wb = _word_list(a), _word_list(b)
    if not wa or not wb:
        return None
    ops = difflib.SequenceMatcher(a=wa, b=wb, autojunk=False).get_opcodes()
    changed = [op for op in ops if op[0] != "equal"]
    if len(changed) != 1 or changed[0][0] != "replace":
        return None
    _, i1, i2, j1, j2 = changed[0]
    shared = sum(op[2] - op[1] for op in ops if op[0] == "equal")
    if shared < SUBSTITUTION_MIN_SHARED * max(len(wa), len(wb)):
        return None
    if i2 - i1 > SUBSTITUTION_MAX_SLOT or j2 - j1 > SUBSTITUTION_MAX_SLOT:
        return None
    sa, sb = wa[i1:i2], wb[j1:j2]
    if any(w in POLES for w in sa) and any(w in POLES for w in sb):
        return None
    if all(w in FUNCTION_WORDS for w in sa) or all(w in FUNCTION_WORDS for w in sb):
        return None
    if numbers(" ".join(sa)) or numbers(" ".join(sb)):
        return None
    return " ".join(sa), " ".join(sb)


class Encodes(Protocol):
    """What gives unit vectors of texts: the encoder, or a cache of its word vectors."""

    def encode(self, texts: Sequence[str]) -> NDArray[np.float32]: ...


def substitution_conflict(a: str, b: str, encoder: Encodes | None = None) -> bool:
    """The same frame with one slot filled differently, the fillers not synonyms: "the gas
    tax" against "the sales tax", "teachers are paid less" against "nurses are paid less".
    Sentence embeddings score such pairs 0.83-0.86, above most true paraphrases."""
    slot = substitution(a, b)
    if slot is None:
        return False
    va, vb = (encoder or get_encoder()).encode(list(slot))
    return float(va @ vb) < SYNONYM_COSINE


def conflicts(a: str, b: str, encoder: Encodes | None = None) -> tuple[str, ...]:
    """The names of the rules that see a contradiction between two texts."""
    found = []
    if numbers_conflict(a, b):
        found.append("numbers")
    if negation_conflict(a, b):
        found.append("negation")
    if antonym_conflict(a, b):
        found.append("antonym")
    if substitution_conflict(a, b, encoder):
        found.append("substitution")
    return tuple(found)


# --- speakers -------------------------------------------------------------------------------

_TITLES = frozenset(
    "president sen senator rep representative gov governor mr mrs ms dr vice former the"
    " mayor jr sr".split()
)


def same_speaker(a: str | None, b: str | None) -> bool:
    """Both names given and one's words contain the other's ("Biden" in "President Joe
    Biden"), titles ignored."""
    if not a or not b:
        return False
    ta = frozenset(_WORD.findall(a.lower())) - _TITLES
    tb = frozenset(_WORD.findall(b.lower())) - _TITLES
    return bool(ta) and bool(tb) and (ta <= tb or tb <= ta)
