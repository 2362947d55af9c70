"""Content words of two claims aligned with each other, and what the leftovers are.

A paraphrase's words nearly all have a counterpart on the other side (the same word, or one
the encoder puts close out of context: "kids"/"children" 0.88); a claim with one slot changed
leaves a word unmatched on each side, and the two are of one kind: a place for a place
("Texas"/"nationwide"), a figure for a figure, a name for a name ("Google"/"Apple"). So each
word carries its kind, and places are compared by what the gazetteer resolves them to, not by
their embeddings ("Lagos" and "Nigeria" are 0.88 apart, yet one is a city of the other).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
from numpy.typing import NDArray

from kg.acronyms import expands, is_acronym
from kg.match.encoder import Encoder
from kg.match.rules import FUNCTION_WORDS, POLES, TENS, UNITS, figures, numbers, strip_says

F32 = NDArray[np.float32]

#: Two words this close out of context are one word reworded (the substitution rule's value).
WORD_MATCH = 0.70

# Words that carry no claim of their own: grammar, who said it, hedges, units of figures.
# Negation words are the negation rule's business.
_STOP = FUNCTION_WORDS | frozenset(
    "and or but than as which who whom whose what when where while because since after before"
    " so if then there here also just now still already even again up over under into onto out"
    " about around per cent percent said says say saying claimed claims claim told tells"
    " insisted argued warned accused suggested according stated added noted being having"
    " not never no none nobody nothing neither nor cannot n't 's s other another such than"
    " very much own more's across during between within without through via"
    " ago last next same".split()
)
# Words that widen or narrow what a claim is about, by the kind of scope they set: who
# ("children"/"adults", "rural"), where ("nationwide", "worldwide", "Africa"), how much of it
# ("all"/"some") and over what period. A scope word of one kind on each side is another
# population or another region; a period word is mostly rewording ("annually"/"a year").
SCOPES: dict[str, frozenset[str]] = {
    "population": frozenset(
        "children child kids kid adults adult men man women woman young youth old elderly"
        " rural urban teenagers teens teen students pupils babies infants toddlers seniors"
        " pensioners girls boys".split()
    ),
    "region": frozenset(
        "nationwide national nationally state states statewide city cities town local federal"
        " country countries world worldwide global globally international region regional"
        " europe european africa african asia asian america americas latin continent"
        " northern southern eastern western central coastal public private".split()
    ),
    "quantity": frozenset("all some most every many few any only each whole entire half".split()),
    "period": frozenset(
        "year years month months week weeks decade decades day days annual annually monthly"
        " daily".split()
    ),
}
SCOPE = frozenset().union(*SCOPES.values())
_SCOPE_OF = {w: kind for kind, words in SCOPES.items() for w in words}
# Population words by the group they name: two words of different groups never align, however
# close as words ("men"/"women" 0.72, "infants"/"children" 0.71, "boys"/"girls" 0.74): no
# claim about one group is a claim about another. Within a group the word vectors decide.
_GROUPS = (
    "children child kids kid",
    "young youth teenagers teens teen",
    "adults adult",
    "elderly old seniors pensioners",
    "men man boys",
    "women woman girls",
    "babies infants toddlers",
    "students pupils",
)
# Regions likewise: "federal" and "state" employees, "worldwide" and "European" deaths.
_REGIONS = (
    "national nationwide nationally federal countrywide",
    "state states statewide provincial province provinces regional region",
    "city cities town towns municipal local",
    "world worldwide global globally international internationally",
    "public",
    "private",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "coastal",
    "europe european",
    "africa african",
    "asia asian",
    "america americas latin",
)
_GROUP_OF = {w: n for n, line in enumerate(_GROUPS + _REGIONS) for w in line.split()}
DIRECTION = frozenset(POLES) | frozenset(
    "faster slower easier harder stronger weaker cheaper dearer greater smaller larger bigger"
    " better worse higher lower more less fewer outnumber outnumbers outnumbered exceed exceeds"
    " frequent intense strengthened weakened shrunk expanded above below".split()
)
_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty"
    " sixty seventy eighty ninety hundred thousand million billion trillion half third quarter"
    " double doubled twice triple tripled quadrupled dozen dozens hundreds thousands millions"
    " first second fourth fifth sixth seventh eighth ninth tenth".split()
)
# Number words as the figures they stand for, so that "half" finds "50%" and "a quarter" "25%"
# (in these claims a fraction is nearly always a share, a multiple a change).
_WORD_VALUES = {
    "half": 50.0,
    "halved": 50.0,
    "third": 33.0,
    "quarter": 25.0,
    "double": 100.0,
    "doubled": 100.0,
    "twice": 100.0,
    "tripled": 200.0,
    "quadrupled": 300.0,
    **{w: float(v) for w, v in UNITS.items()},
    **{w: float(v) for w, v in TENS.items()},
}
_SCALE = r"(?:\s(?:thousand|million|billion|trillion)\b)?"
# a figure with its scale is one word ("1.5 billion"), so that it compares by value
_TOKEN = re.compile(
    rf"\d[\d,.]*\d{_SCALE}%?|\d{_SCALE}%?|(?:[A-Z]\.){{2,}}|[^\W\d_](?:[\w.'’-]*\w)?",
    re.UNICODE,
)
_POSSESSIVE = re.compile(r"['’]s?$")


@dataclass(frozen=True)
class Word:
    """One content word (or a run of capitalised words: "South Korea", "World Bank")."""

    text: str
    key: str  # lower case, possessive and plural ends cut: what exact matching compares
    number: bool
    year: bool
    name: bool  # a capitalised name or an acronym, not at the start of the sentence
    place: str | None  # what the gazetteer resolves it to (a country code or a GeoNames IRI)
    scope: bool
    direction: bool
    scope_kind: str | None = None  # the SCOPES kind of a scope word

    @property
    def kind(self) -> str:
        """The slot this word fills, for "same kind on both sides" features."""
        if self.number or self.year:
            return "number"
        if self.place is not None:
            return "place"
        if self.name:
            return "name"
        if self.direction:
            return "direction"
        if self.scope:
            return "scope"
        return "word"


def stem(word: str) -> str:
    """A word's key for exact matching: lower case, possessive and regular endings cut."""
    w = _POSSESSIVE.sub("", word.lower().replace("’", "'"))
    w = w.replace(".", "") if len(w) <= 5 else w  # "U.S." is "us", "U.K." "uk"
    for end, repl in (
        ("ies", "y"),
        ("sses", "ss"),
        ("es", "e"),
        ("s", ""),
        ("ing", ""),
        ("ed", ""),
    ):
        if w.endswith(end) and len(w) - len(end) >= 3 and not w.endswith("ss"):
            return w[: len(w) - len(end)] + repl
    return w


@cache
def _place(name: str) -> str | None:
    """What a place name resolves to: a country code for a country's name, variant or demonym
    ("Britain", "British": GB), else the GeoNames IRI of a state or city; None when it is no
    known place. A loose country name ("England", "Scotland": GB) stays itself, since the
    claims differ: "in England" is not "in Scotland"."""
    from kg.link.geonames import Gazetteer

    gaz = Gazetteer()
    clean = _POSSESSIVE.sub("", name)
    country = gaz.country(clean)
    if country is not None:
        if country.score >= 1.0 or clean.lower() in _LOOSE_ALIASES:
            return gaz.country_code(clean)
        return "loose:" + clean.lower()
    code = gaz.country_code(clean)
    if code is not None:
        return code
    link = gaz.place(clean)
    # a city matched through an alternate name ("Google" is one of Topeka's) is no place
    if link is None or link.score < 0.7 or _fold(link.label or "") != _fold(clean):
        return None
    return link.target


# loose country names that mean the whole country in claims
_LOOSE_ALIASES = frozenset({"america"})


def _fold(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()


def _capitalised(token: str) -> bool:
    return token[:1].isupper()


# Titles stay words of their own: "Senator Harmon" and "Senator Boone" differ in the name.
_TITLES = frozenset(
    "president senator sen governor gov mayor minister prime rep representative dr mr mrs ms"
    " pope king queen chancellor premier secretary general judge justice speaker chief"
    " former the".split()
)


def _runs(token: str) -> bool:
    """Whether a capitalised token can be part of a multi-word name."""
    low = _POSSESSIVE.sub("", token.lower().replace("’", "'"))
    return low not in _STOP and low not in _TITLES


# "Marsh said (that) ...", "the pastor told his congregation that ...": who said it, which the
# reviewed claim words as "Says ..." or leaves out. Only a short lead is taken for such a frame.
_SPEECH = re.compile(
    r"^(?:[^,]{0,80},\s*)?(?:\S+\s+){0,7}?(?:said|says|told|claimed|claims|insisted|argued"
    r"|warned|suggested|stated|wrote|alleged|posted)\b(?:\s+(?:\S+\s+){0,3}?that\b)?\s*",
    re.IGNORECASE,
)
_TRAILING_SPEECH = re.compile(
    r",\s*(?:\S+\s+){0,5}?(?:said|says|claimed|claims|suggested|insisted|told)\b[^,]*$",
    re.IGNORECASE,
)


def claim_core(text: str) -> str:
    """The claim without its speech frame ("X said that", ", the president suggested").
    The case of the first word is kept as written: "Says more than ..." starts with "more",
    a word, and "Says Apple ..." with "Apple", a name."""
    text = figures(strip_says(text))
    core = _TRAILING_SPEECH.sub("", _SPEECH.sub("", text, count=1))
    return core if len(core.split()) >= 3 else text


def content_words(text: str) -> list[Word]:
    """The words of a claim that carry content, with their kinds; runs of capitalised words
    are one word, so that "World Bank" is one name and "South Korea" one place."""
    tokens = _TOKEN.findall(claim_core(text))
    out: list[Word] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        j = i + 1
        if _capitalised(tok) and _runs(tok):
            while j < len(tokens) and _capitalised(tokens[j]) and _runs(tokens[j]):
                j += 1
        span = " ".join(tokens[i:j])
        lower = span.lower()
        if j == i + 1 and (
            _POSSESSIVE.sub("", lower.replace("’", "'")) in _STOP
            or (len(span) == 1 and span.isalpha())
        ):
            i = j
            continue
        # A sentence's first word is capitalised by convention: "More than ...", "Drinking
        # bleach ...", "Only 50% ..." are words, not names.
        initial = i == 0 and j == 1 and _common(lower)
        place = _place(span) if _capitalised(span) else None
        acronym = len(span) >= 2 and span.replace(".", "").isupper()
        digits = span[:1].isdigit()
        value = min(numbers(span), default=None) if digits else _WORD_VALUES.get(lower)
        out.append(
            Word(
                text=span,
                key=stem(lower) if value is None else f"#{value:g}",
                number=digits or lower in _NUMBER_WORDS,
                year=digits and value is not None and 1900 <= value <= 2100 and "," not in span,
                # at the start of the sentence too: "Google had been fined" / "Says Apple was"
                name=(_capitalised(span) and not initial) or acronym,
                place=place,
                scope=lower in SCOPE,
                direction=lower in DIRECTION,
                scope_kind=_SCOPE_OF.get(lower),
            )
        )
        i = j
    return out


def _common(word: str) -> bool:
    """A word that starts sentences rather than names: a grammar, scope, direction or number
    word, or one with a verb's or adverb's ending ("Drinking", "Consuming", "Reportedly")."""
    return (
        word in _STOP
        or word in SCOPE
        or word in DIRECTION
        or word in _NUMBER_WORDS
        or (len(word) > 5 and word.endswith(("ing", "ly", "ed")))
    )


class WordVectors:
    """Out-of-context encoder vectors of single words, cached (reviews are compared again and
    again, and their words with them); bounded so that a long-running service stays small."""

    def __init__(self, encoder: Encoder, size: int = 50_000) -> None:
        self.encoder = encoder
        self.size = size
        self._cache: OrderedDict[str, F32] = OrderedDict()
        self._lock = threading.Lock()

    def encode(self, words: Sequence[str]) -> F32:
        """:meth:`get`, for what takes an encoder (kg.match.rules.Encodes)."""
        return self.get(words)

    def get(self, words: Sequence[str]) -> F32:
        """Unit vectors (len(words), dim) in order, encoding only the words not cached."""
        with self._lock:
            missing = list(dict.fromkeys(w for w in words if w not in self._cache))
        fresh = self.encoder.encode(missing) if missing else None
        with self._lock:
            if fresh is not None:
                for w, v in zip(missing, fresh, strict=True):
                    self._cache[w] = v
            out = np.zeros((len(words), self.encoder.dim), dtype=np.float32)
            for row, w in enumerate(words):
                v = self._cache.get(w)
                if v is None:  # evicted by another thread meanwhile
                    v = self.encoder.encode([w])[0]
                self._cache[w] = v
                self._cache.move_to_end(w)
                out[row] = v
            while len(self._cache) > self.size:
                self._cache.popitem(last=False)
        return out


def _exact(a: Word, b: Word) -> bool:
    if a.place is not None and b.place is not None:
        return a.place == b.place
    return a.key == b.key or (a.name and b.name and (_shortens(a, b) or _shortens(b, a)))


def _shortens(short: Word, long: Word) -> bool:
    """ "EU" for "European Union", "WHO's" for "World Health Organization"."""
    acronym = _POSSESSIVE.sub("", short.text)
    return is_acronym(acronym) and expands(acronym, _POSSESSIVE.sub("", long.text))


def _poles(a: Word, b: Word) -> tuple[bool, bool]:
    """Whether two words sit on the same pole of an antonym axis ("rose"/"increased", one word
    reworded) and whether on opposite poles ("easier"/"harder", 0.8 apart as words)."""
    pa = dict(POLES.get(a.text.lower(), ()))
    pb = dict(POLES.get(b.text.lower(), ()))
    shared = pa.keys() & pb.keys()
    return any(pa[x] == pb[x] for x in shared), any(pa[x] != pb[x] for x in shared)


def _other_group(a: Word, b: Word) -> bool:
    """Two population or region words naming different groups ("children"/"adults",
    "federal"/"state")."""
    ga, gb = _GROUP_OF.get(a.text.lower()), _GROUP_OF.get(b.text.lower())
    return ga is not None and gb is not None and ga != gb


@dataclass(frozen=True)
class Alignment:
    """Each side's words, the best similarity each found on the other side (1.0 for the same
    word), and the similarities between every word of one side and every word of the other."""

    a: list[Word]
    b: list[Word]
    sim: NDArray[np.float64]  # (len(a), len(b))

    def best_a(self) -> NDArray[np.float64]:
        return self.sim.max(axis=1) if self.sim.size else np.zeros(len(self.a))

    def best_b(self) -> NDArray[np.float64]:
        return self.sim.max(axis=0) if self.sim.size else np.zeros(len(self.b))

    def unmatched_a(self) -> list[int]:
        best = self.best_a()
        return [i for i in range(len(self.a)) if best[i] < WORD_MATCH]

    def unmatched_b(self) -> list[int]:
        best = self.best_b()
        return [j for j in range(len(self.b)) if best[j] < WORD_MATCH]


def align(a: str, b: str, vectors: WordVectors) -> Alignment:
    """Word-by-word similarities of two claims. Equal words score 1; two places score 1 if the
    gazetteer resolves them alike and 0 otherwise (another place is another claim, however
    close the embeddings); two figures score 1 if equal and 0 otherwise; any other pair scores
    the cosine of the words' encoder vectors, computed only for words with no exact partner."""
    wa, wb = content_words(a), content_words(b)
    sim = np.zeros((len(wa), len(wb)), dtype=np.float64)
    for i, x in enumerate(wa):
        for j, y in enumerate(wb):
            if _exact(x, y):
                sim[i, j] = 1.0
    if sim.size:
        need_a = [i for i in range(len(wa)) if sim[i].max() < 1.0]
        need_b = [j for j in range(len(wb)) if sim[:, j].max() < 1.0]
        if need_a and need_b:
            va = vectors.get([wa[i].text.lower() for i in need_a])
            vb = vectors.get([wb[j].text.lower() for j in need_b])
            cos = (va @ vb.T).astype(np.float64)
            for r, i in enumerate(need_a):
                for c, j in enumerate(need_b):
                    x, y = wa[i], wb[j]
                    agree, opposed = _poles(x, y)
                    rigid = (
                        (x.place is not None and y.place is not None)
                        or _other_group(x, y)
                        or (x.number and y.number and x.key[:1] == y.key[:1] == "#")
                        or opposed
                    )
                    value = 1.0 if agree and not opposed else float(cos[r, c])
                    sim[i, j] = max(sim[i, j], 0.0 if rigid else value)
    return Alignment(wa, wb, sim)
