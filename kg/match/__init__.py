"""Claim matching: is this claim already fact-checked? (all-MiniLM-L6-v2 in numpy, as a
sentence encoder and as a fine-tuned cross-encoder, + rules)."""

from kg.match.encoder import Encoder, ModelMissingError, get_encoder
from kg.match.matcher import (
    METHOD,
    THRESHOLD,
    Candidate,
    Judgement,
    Match,
    ReviewIndex,
    conflicts,
    judge,
    match,
)

__all__ = [
    "METHOD",
    "THRESHOLD",
    "Candidate",
    "Encoder",
    "Match",
    "ModelMissingError",
    "ReviewIndex",
    "Judgement",
    "conflicts",
    "get_encoder",
    "judge",
    "match",
]
