"""How an extraction is held against hand-written gold: which predicted claim is which gold
claim, and whether its speaker is the one the annotator wrote.

Shared by the evaluation (benchmarks/eval_extraction.py) and the training of the speaker
ranker (kg.extract.train), so that the model learns exactly what the score counts.

A predicted claim matches a gold claim when the token-overlap F1 between the gold ``content``
and the claim's text (or its quote, whichever is higher) is at least 0.5, one to one, best
overlap first; a speaker is right when its label equals the gold ``speaker`` or one of
``speaker_accept``, ignoring case, quotation marks and a leading article.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from kg.model import Extraction

MIN_F1 = 0.5
_TOKEN = re.compile(r"[\w]+(?:['’]\w+)?")


def tokens(text: str) -> list[str]:
    return [t.lower().replace("’", "'") for t in _TOKEN.findall(text)]


def overlap_f1(a: str, b: str) -> float:
    """Token-overlap F1 of two texts (multiset)."""
    ta, tb = tokens(a), tokens(b)
    if not ta or not tb:
        return 0.0
    counts: dict[str, int] = defaultdict(int)
    for t in ta:
        counts[t] += 1
    common = 0
    for t in tb:
        if counts[t] > 0:
            counts[t] -= 1
            common += 1
    if common == 0:
        return 0.0
    p, r = common / len(tb), common / len(ta)
    return 2 * p * r / (p + r)


def norm_name(name: str) -> str:
    name = re.sub(r"[\"“”‘’']", "", name).casefold().strip()
    name = re.sub(r"^(?:the|an?)\s+", "", name)  # "a former minister" = "former minister"
    return " ".join(name.split())


def accepted_speakers(gold_claim: dict[str, Any]) -> set[str]:
    """The normalised labels the annotator accepts as the claim's speaker."""
    return {norm_name(gold_claim["speaker"])} | {
        norm_name(a) for a in gold_claim.get("speaker_accept", [])
    }


def match_claims(x: Extraction, gold: dict[str, Any]) -> dict[int, int]:
    """Gold claim index -> predicted claim index, one to one, best overlap first."""
    pairs: list[tuple[float, int, int]] = []
    for gi, g in enumerate(gold["claims"]):
        for pi, c in enumerate(x.claims):
            f1 = max(overlap_f1(g["content"], c.text), overlap_f1(g["content"], c.quote or ""))
            if f1 >= MIN_F1:
                pairs.append((f1, gi, pi))
    pairs.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    match: dict[int, int] = {}
    for _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        match[gi] = pi
    return match
