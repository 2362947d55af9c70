"""The features of a (claim, reviewed claim) pair that the pairwise model weighs.

The cosine of mean-pooled embeddings cannot tell a paraphrase from the same sentence with one
slot changed: both score 0.8-0.9. What tells them apart is where the two texts differ: a
paraphrase's leftover words have close counterparts on the other side, or are extras (who
said it, a clause the summary drops); a mutated claim has a leftover on each side of one kind
(another place for a place, another figure, another name). So the features are the cosine,
the four contradiction rules, how much of each side the other covers (exactly and softly),
and what kind the leftovers are.
"""

from __future__ import annotations

import math
import re

import numpy as np
from numpy.typing import NDArray

from kg.match.align import WORD_MATCH, Alignment, Word, WordVectors, align, stem
from kg.match.comparison import agreement, find, without_cue
from kg.match.rules import (
    antonym_conflict,
    negated,
    negated_words,
    negation_conflict,
    numbers,
    numbers_conflict,
    substitution_conflict,
)

#: Feature names, in the order of the vectors ``pair_features`` returns.
NAMES: tuple[str, ...] = (
    "cosine",
    "cross_encoder",  # the logit of the two claims read together (kg.match.cross_encoder)
    "numbers_conflict",
    "negation_conflict",
    "antonym_conflict",
    "substitution_conflict",
    "cover_claim",  # share of the claim's content words found in the reviewed claim
    "cover_reviewed",  # share of the reviewed claim's content words found in the claim
    "soft_claim",  # mean best word similarity of the claim's words (BERTScore-like)
    "soft_reviewed",
    "left_claim",  # log(1 + words of the claim with no counterpart)
    "left_reviewed",
    "swap_number",  # an unmatched figure on each side
    "swap_place",  # an unmatched place on each side
    "swap_name",  # an unmatched name or place on each side
    "swap_population",  # an unmatched population word on each side (children/adults)
    "swap_region",  # an unmatched place or region word on each side (Texas/nationwide)
    "swap_direction",  # an unmatched direction/comparative word on each side
    "lone_reviewed_entity",  # the reviewed claim names a place/name/figure the claim lacks
    "one_slot",  # one or two words left on each side: the shape of a changed slot
    "reviewed_covered",  # every word of the reviewed claim found in the claim
    "left_reviewed_sim",  # mean best similarity of the reviewed claim's leftovers (1 if none)
    "max_left_cosine",  # the closest pair of leftovers: a sibling swapped in ("Apple"/"Google")
    "length_ratio",  # |log(claim words / reviewed words)|
    "lone_scope",  # a scope word ("rural", "northern", "all") left on one side only
    "negated_matched",  # a negation on one side only, and what it negates said on the other
    "whole_part",  # "all"/"every" on one side, "some"/"several" on the other
    "time_shift",  # "now" on one side, a year it does not name (or "will") on the other
    "interleaved_left",  # unmatched words right before matched ones: rewording within a phrase
)


# "every EU country" against "several EU countries", "free for everyone" against "free for EU
# students": a claim about all of something is not one about some of it.
_UNIVERSAL = re.compile(
    r"\b(?:all(?!-time| of\b)|every(?!\s+(?:\d|day|year|week|month|other|second|third))"
    r"|everyone|everybody|everywhere|always)\b",
    re.IGNORECASE,
)
_PART = re.compile(
    r"\b(?:some|several|certain|a\s+few|a\s+number\s+of|parts?\s+of|sometimes|selected)\b",
    re.IGNORECASE,
)


# "Spain's unemployment is now higher than Greece's" is not "... was higher in 2013", and
# "Poland's army is already the largest" is not "will be the largest by 2035".
_PRESENT = re.compile(
    r"\b(?:now|already|currently|today|nowadays|at\s+present|these\s+days)\b", re.IGNORECASE
)
_FUTURE = re.compile(r"\b(?:will|would|is\s+set\s+to|are\s+set\s+to|by\s+20\d\d)\b", re.IGNORECASE)


def _time_shift(a: str, b: str) -> bool:
    """One side set in the present, the other in a year it does not name or in the future."""
    for x, y in ((a, b), (b, a)):
        if _PRESENT.search(x) is None or _PRESENT.search(y) is not None:
            continue
        years = {v for v in numbers(y) if 1900 <= v <= 2100} - numbers(x)
        if years or (_FUTURE.search(y) is not None and _FUTURE.search(x) is None):
            return True
    return False


def _whole_part(a: str, b: str) -> bool:
    """One side about all of something, the other about some of it."""
    return any(
        _UNIVERSAL.search(x) is not None
        and _UNIVERSAL.search(y) is None
        and _PART.search(y) is not None
        for x, y in ((a, b), (b, a))
    )


def _negated_matched(a: str, b: str, al: Alignment) -> bool:
    """One side negates a word that the other side says too (or a close one): "does not
    *allow* voters" against "*lets* citizens". A negation whose words have no counterpart
    ("did not *vote*" against "stayed home") is more often the same claim told negatively."""
    in_a = negated(a)
    if in_a == negated(b):
        return False
    words, other, sim = (al.a, al.b, al.sim) if in_a else (al.b, al.a, al.sim.T)
    keys = {stem(w) for w in negated_words(a if in_a else b)}
    rows = [i for i, w in enumerate(words) if w.key in keys]
    return bool(rows) and bool(other) and float(sim[rows].max()) >= WORD_MATCH


def _kinds(al: Alignment, side: str) -> set[str]:
    words, left = (al.a, al.unmatched_a()) if side == "a" else (al.b, al.unmatched_b())
    out = set()
    for i in left:
        w = words[i]
        out.add(w.kind)
        if w.place is not None or w.name:
            out.add("entity")
        if w.scope_kind is not None and w.scope_kind != "period":
            out.add("scope")
            out.add(w.scope_kind)
        if w.place is not None:
            out.add("region")
        if w.direction:
            out.add("direction")
    return out


def _before_matched(words: list[Word], best: NDArray[np.float64]) -> int:
    """Unmatched words (not figures) directly before a matched one."""
    return sum(
        1
        for i in range(len(words) - 1)
        if best[i] < WORD_MATCH and best[i + 1] >= WORD_MATCH and not words[i].number
    )


def pair_features(
    claim: str,
    reviewed: str,
    cosine: float,
    vectors: WordVectors,
    cross_logit: float,
) -> NDArray[np.float64]:
    """The feature vector (in ``NAMES`` order) of one pair whose sentence cosine and
    cross-encoder logit are known.

    The speakers are no feature: in the annotated pairs they are an artefact of how each set
    was written (pairs.tsv names them only for matching pairs, pairs-fresh.tsv copies the
    speaker onto most of its non-matching near-copies), so a weight learned for them would
    say how the sets were made, not whether two claims agree."""
    comparison = agreement(ca := find(claim), cb := find(reviewed), vectors)
    # A comparison judged whole: its comparative word ("more"/"fewer") is no antonym and no
    # leftover word any more, or a reordered paraphrase would count as reversed twice.
    # A reversed one keeps its cue: the antonym rule then sees it too.
    a, b = claim, reviewed
    if comparison == 1:
        a, b = without_cue(claim, ca), without_cue(reviewed, cb)
    al = align(a, b, vectors)
    best_a, best_b = al.best_a(), al.best_b()
    left_a, left_b = al.unmatched_a(), al.unmatched_b()
    ka, kb = _kinds(al, "a"), _kinds(al, "b")
    cross = al.sim[np.ix_(left_a, left_b)] if left_a and left_b else np.zeros(0)
    na, nb = max(len(al.a), 1), max(len(al.b), 1)
    values = {
        "cosine": cosine,
        "cross_encoder": cross_logit,
        "numbers_conflict": float(numbers_conflict(claim, reviewed)),
        "negation_conflict": float(negation_conflict(claim, reviewed)),
        # a reversed comparison is an antonym of the whole claim
        "antonym_conflict": float(comparison == -1 or antonym_conflict(a, b)),
        "substitution_conflict": float(substitution_conflict(claim, reviewed, vectors)),
        "cover_claim": float((best_a >= WORD_MATCH).sum()) / na,
        "cover_reviewed": float((best_b >= WORD_MATCH).sum()) / nb,
        "soft_claim": float(best_a.mean()) if len(best_a) else 0.0,
        "soft_reviewed": float(best_b.mean()) if len(best_b) else 0.0,
        "left_claim": math.log1p(len(left_a)),
        "left_reviewed": math.log1p(len(left_b)),
        "swap_number": float("number" in ka and "number" in kb),
        "swap_place": float("place" in ka and "place" in kb),
        "swap_name": float("entity" in ka and "entity" in kb),
        "swap_population": float("population" in ka and "population" in kb),
        "swap_region": float("region" in ka and "region" in kb),
        "swap_direction": float("direction" in ka and "direction" in kb),
        "lone_reviewed_entity": float(
            bool(kb & {"entity", "number"}) and not (ka & {"entity", "number"})
        ),
        "one_slot": float(1 <= len(left_a) <= 2 and 1 <= len(left_b) <= 2),
        "reviewed_covered": float(not left_b),
        "left_reviewed_sim": float(best_b[left_b].mean()) if left_b else 1.0,
        "max_left_cosine": float(cross.max()) if cross.size else 0.0,
        "length_ratio": abs(math.log(na / nb)),
        "lone_scope": float(("scope" in ka) != ("scope" in kb)),
        "negated_matched": float(_negated_matched(a, b, al)),
        "whole_part": float(_whole_part(claim, reviewed)),
        "time_shift": float(_time_shift(claim, reviewed)),
        # Measured, not designed: paraphrases reword inside phrases (more such words), changed
        # claims add or swap whole slots; the model weighs it positively.
        "interleaved_left": math.log1p(
            _before_matched(al.a, best_a) + _before_matched(al.b, best_b)
        ),
    }
    return np.array([values[n] for n in NAMES], dtype=np.float64)
