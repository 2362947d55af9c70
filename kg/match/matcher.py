"""Claim matching ("already fact-checked"): find reviewed claims that say the same thing.

Sentence embeddings find paraphrases but are nearly blind to what makes two close sentences
different claims: a changed figure ("3%" vs "30%"), a different year, a negation ("did not"),
a reversed direction ("rose" vs "fell"). So a pair matches only when the cosine clears a
threshold AND none of those cheap rules sees a contradiction; the last rule, substitution,
catches the same sentence with one slot swapped ("the gas tax" / "the sales tax"), the
different claims on one topic that embeddings score highest. The same speaker on both sides
adds a small bonus to the score.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from kg.match.encoder import MODEL_NAME, Encoder, get_encoder

METHOD = f"{MODEL_NAME} cosine + number/negation/antonym/substitution rules/2"
# Set by benchmarks/match_eval.py on all 132 pairs of tests/data/match/pairs.tsv (the highest
# recall at precision >= 0.9); its 5-fold cross-validated figures, the threshold refit in
# each fold, are P 0.95 / R 0.99. It was 0.80 when same-topic pairs ("gas tax" vs "sales
# tax", cosine 0.86) had to be kept out by the cosine; the substitution rule now does that.
THRESHOLD = 0.65
SPEAKER_BONUS = 0.05

# --- text preparation -----------------------------------------------------------------------

# PolitiFact-style claim texts start "Says (that) ...": an editorial convention, not content.
_SAYS = re.compile(r"^\s*says(?:\s+that)?\s+", re.IGNORECASE)


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
_UNITS = {
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
_TENS = {
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
    r"\b(?:(" + "|".join(_TENS) + r")(?:[\s-](" + "|".join(list(_UNITS)[:8]) + r"))?"
    r"|(" + "|".join(_UNITS) + r"))"
    r"(?:\s+(hundred|thousand|million|billion|trillion))?\b",
    re.IGNORECASE,
)
_WORD_SCALES = {"hundred": 1e2, **{k: v for k, v in _SCALES.items() if len(k) > 3}}


def numbers(text: str) -> frozenset[float]:
    """The figures a text states, as values: "3.5%" and "3.5 percent" give 3.5, "$1.4 billion"
    and "1,400,000,000" give 1.4e9, "twenty-two" gives 22."""
    found: set[float] = set()
    for m in _NUMBER.finditer(text):
        value = float(m.group(1).replace(",", "") + (m.group(2) or ""))
        scale = (m.group(3) or m.group(4) or "").lower()
        found.add(round(value * _SCALES.get(scale, 1.0), 6))
    for m in _WORD_NUMBER.finditer(text):
        if m.group(1):
            value = _TENS[m.group(1).lower()] + (_UNITS[m.group(2).lower()] if m.group(2) else 0)
        else:
            value = _UNITS[m.group(3).lower()]
        scale = (m.group(4) or "").lower()
        found.add(round(value * _WORD_SCALES.get(scale, 1.0), 6))
    return frozenset(found)


def numbers_conflict(a: str, b: str) -> bool:
    """Both texts state figures and neither's set contains the other's: a changed figure or
    year. One side stating an extra figure (a date, a source) is no contradiction."""
    na, nb = numbers(a), numbers(b)
    return bool(na) and bool(nb) and not (na <= nb or nb <= na)


# --- negation -------------------------------------------------------------------------------

_NEGATION = re.compile(
    r"\b(?:not|never|no|none|nobody|nothing|neither|nor|cannot|no\s+longer"
    r"|den(?:y|ies|ied|ying))\b|n't\b|n’t\b",
    re.IGNORECASE,
)


# "Nobody has done more than I have" says "I have done more than anyone": a comparison
# with everyone, not a negation (the negative pronoun is read up to its "than").
_NOBODY_THAN = re.compile(
    r"\b(?:nobody|no\s+one|nothing|none|no\s+other\s+\w+)\b[^.;]*?"
    r"\b(?:more|less|fewer|better|worse|\w+er)\b[^.;]*?\bthan\b",
    re.IGNORECASE,
)


def negated(text: str) -> bool:
    """Whether the text carries a negation cue ("not", "never", "no longer", "denied" ...);
    "nobody ... more than" is a comparison with everyone, not a negation."""
    return _NEGATION.search(_NOBODY_THAN.sub(" ", text)) is not None


def negation_conflict(a: str, b: str) -> bool:
    """Negation in one text and not the other: embeddings put "X" and "not X" close."""
    return negated(a) != negated(b)


# --- antonyms -------------------------------------------------------------------------------

_AXES: dict[str, tuple[str, str]] = {
    # axis: (words on the + side, words on the - side), inflections spelt out
    "direction": (
        "rise rises rose risen rising increase increased increases increasing grew grow grows"
        " growing grown higher climb climbed climbing soar soared soaring jump jumped surge"
        " surged doubled tripled raise raised raises raising up gain gained gains hiked"
        " boosted expanded",
        "fall falls fell fallen falling decrease decreased decreases decreasing decline"
        " declined declines declining drop dropped drops dropping shrank shrink shrinks"
        " shrunk lower lowered lowering cut cuts cutting reduce reduced reduces reducing"
        " plunge plunged slump slumped halved down lost lose loses losing slashed tumbled",
    ),
    "amount": ("more", "less fewer"),
    "extreme": (
        "highest most largest biggest best",
        "lowest least smallest worst",
    ),
    "outcome": ("won win wins winning", "lost lose loses losing defeated"),
    "stance": (
        "support supports supported supporting favor favors favored",
        "oppose opposes opposed opposing against",
    ),
    "legality": (
        "legal legalized allowed allows permitted",
        "illegal banned ban bans prohibited outlawed",
    ),
}
_POLES: dict[str, list[tuple[str, int]]] = {}
for _axis, (_plus, _minus) in _AXES.items():
    for _sign, _words in ((1, _plus), (-1, _minus)):
        for _w in _words.split():
            _POLES.setdefault(_w, []).append((_axis, _sign))
_WORD = re.compile(r"[a-z]+")


def poles(text: str) -> dict[str, frozenset[int]]:
    """For each antonym axis the text touches, the signs it uses (+1, -1 or both)."""
    seen: dict[str, set[int]] = {}
    for word in _WORD.findall(text.lower()):
        for axis, sign in _POLES.get(word, ()):
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
_FUNCTION_WORDS = frozenset(
    "i we you he she it they me us him her them my our your his its their this that these"
    " those a an the is are was were be been has have had do does did will would can could"
    " may might shall should must of in on at to for by with from".split()
)


def _word_list(text: str) -> list[str]:
    return _TOKEN.findall(prepare(text).lower().replace("’", "'"))


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
    if any(w in _POLES for w in sa) and any(w in _POLES for w in sb):
        return None
    if all(w in _FUNCTION_WORDS for w in sa) or all(w in _FUNCTION_WORDS for w in sb):
        return None
    if numbers(" ".join(sa)) or numbers(" ".join(sb)):
        return None
    return " ".join(sa), " ".join(sb)


def substitution_conflict(a: str, b: str, encoder: Encoder | None = None) -> bool:
    """The same frame with one slot filled differently, the fillers not synonyms: "the gas
    tax" against "the sales tax", "teachers are paid less" against "nurses are paid less".
    Sentence embeddings score such pairs 0.83-0.86, above most true paraphrases."""
    slot = substitution(a, b)
    if slot is None:
        return False
    va, vb = (encoder or get_encoder()).encode(list(slot))
    return float(va @ vb) < SYNONYM_COSINE


def conflicts(a: str, b: str, encoder: Encoder | None = None) -> tuple[str, ...]:
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


# --- deciding -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """A reviewed claim to compare with."""

    id: str
    text: str
    speaker: str | None = None


@dataclass(frozen=True)
class Match:
    """A reviewed claim found to say the same thing; score in [0, 1]."""

    id: str
    score: float
    method: str = METHOD


@dataclass(frozen=True)
class Judgement:
    """The decision on one pair, with what went into it (for evaluation and explanations)."""

    same: bool
    score: float
    cosine: float
    conflicts: tuple[str, ...]
    same_speaker: bool


def judge(
    claim: str,
    reviewed: str,
    cosine: float,
    *,
    claim_speaker: str | None = None,
    reviewed_speaker: str | None = None,
    threshold: float = THRESHOLD,
    encoder: Encoder | None = None,
) -> Judgement:
    """Decide one pair from its cosine and the contradiction rules. The rules run only when
    the score clears the threshold (below it the pair is no match whatever they say), so the
    substitution rule's encoding is paid only for candidates that would otherwise match."""
    speaker = same_speaker(claim_speaker, reviewed_speaker)
    score = min(1.0, max(0.0, cosine) + (SPEAKER_BONUS if speaker else 0.0))
    found = conflicts(claim, reviewed, encoder) if score >= threshold else ()
    return Judgement(score >= threshold and not found, score, cosine, found, speaker)


def match(
    claim_text: str,
    candidates: Iterable[Candidate | tuple[str, str]],
    *,
    speaker: str | None = None,
    encoder: Encoder | None = None,
    threshold: float = THRESHOLD,
) -> list[Match]:
    """The candidates that say what ``claim_text`` says, best first."""
    cands = [c if isinstance(c, Candidate) else Candidate(*c) for c in candidates]
    if not cands:
        return []
    enc = encoder or get_encoder()
    vectors = enc.encode([prepare(claim_text)] + [prepare(c.text) for c in cands])
    cosines = vectors[1:] @ vectors[0]
    found = []
    for cand, cos in zip(cands, cosines, strict=True):
        v = judge(
            claim_text,
            cand.text,
            float(cos),
            claim_speaker=speaker,
            reviewed_speaker=cand.speaker,
            threshold=threshold,
            encoder=enc,
        )
        if v.same:
            found.append(Match(cand.id, round(v.score, 4)))
    return sorted(found, key=lambda m: -m.score)


class ReviewIndex:
    """Unit embeddings of reviewed claims in one float32 matrix, append-only.

    Search is one matrix-vector product over all rows (10,000 x 384 floats is 15 MB and takes
    about a millisecond), so no approximate index is needed at this scale.
    """

    def __init__(self, encoder: Encoder | None = None, *, dim: int = 384) -> None:
        self._encoder = encoder
        self.dim = dim
        self._matrix: NDArray[np.float32] = np.zeros((0, dim), dtype=np.float32)
        self._size = 0
        self.ids: list[str] = []
        self.texts: list[str] = []
        self.speakers: list[str | None] = []
        self._rows: dict[str, int] = {}

    @property
    def encoder(self) -> Encoder:
        if self._encoder is None:
            self._encoder = get_encoder()
        return self._encoder

    def __len__(self) -> int:
        return self._size

    def __contains__(self, review_id: object) -> bool:
        return review_id in self._rows

    def add(
        self,
        ids: Sequence[str],
        texts: Sequence[str],
        speakers: Sequence[str | None] | None = None,
    ) -> None:
        """Embed and append reviewed claims; an id already present is an error."""
        vectors = self.encoder.encode([prepare(t) for t in texts])
        self.add_vectors(ids, vectors, texts, speakers)

    def add_vectors(
        self,
        ids: Sequence[str],
        vectors: NDArray[np.float32],
        texts: Sequence[str],
        speakers: Sequence[str | None] | None = None,
    ) -> None:
        """Append precomputed unit vectors (e.g. kept from an earlier run)."""
        speakers = list(speakers) if speakers is not None else [None] * len(ids)
        if not (len(ids) == len(texts) == len(speakers) == len(vectors)):
            raise ValueError("ids, texts, speakers and vectors differ in length")
        if vectors.ndim != 2 or vectors.shape[1] != self.dim:
            raise ValueError(f"vectors must be (n, {self.dim})")
        fresh: set[str] = set()
        for i in ids:
            if i in self._rows or i in fresh:
                raise ValueError(f"review id {i!r} is already in the index")
            fresh.add(i)
        need = self._size + len(ids)
        if need > len(self._matrix):  # grow by doubling: amortised O(1) appends
            grown = np.zeros((max(need, 2 * len(self._matrix), 64), self.dim), np.float32)
            grown[: self._size] = self._matrix[: self._size]
            self._matrix = grown
        self._matrix[self._size : need] = vectors
        for offset, i in enumerate(ids):
            self._rows[i] = self._size + offset
        self._size = need
        self.ids.extend(ids)
        self.texts.extend(texts)
        self.speakers.extend(speakers)

    def search_vector(self, vector: NDArray[np.float32], k: int = 5) -> list[tuple[int, float]]:
        """Rows and cosines of the k nearest rows, nearest first."""
        if self._size == 0 or k <= 0:
            return []
        scores = self._matrix[: self._size] @ vector
        k = min(k, self._size)
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(int(r), float(scores[r])) for r in top]

    def search(self, text: str, k: int = 5) -> list[tuple[str, float]]:
        """Ids and cosines of the k reviewed claims nearest to ``text``."""
        vector = self.encoder.encode([prepare(text)])[0]
        return [(self.ids[r], s) for r, s in self.search_vector(vector, k)]

    def match(
        self,
        claim_text: str,
        *,
        speaker: str | None = None,
        k: int = 5,
        threshold: float = THRESHOLD,
    ) -> list[Match]:
        """The reviewed claims among the k nearest that say what ``claim_text`` says: the
        cosine top-k from the matrix first (k up to 20 is cheap), then the rules on those
        whose score clears the threshold."""
        vector = self.encoder.encode([prepare(claim_text)])[0]
        found = []
        for row, cos in self.search_vector(vector, k):
            v = judge(
                claim_text,
                self.texts[row],
                cos,
                claim_speaker=speaker,
                reviewed_speaker=self.speakers[row],
                threshold=threshold,
                encoder=self.encoder,
            )
            if v.same:
                found.append(Match(self.ids[row], round(v.score, 4)))
        return sorted(found, key=lambda m: -m.score)
