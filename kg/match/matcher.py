"""Claim matching ("already fact-checked"): find reviewed claims that say the same thing.

Sentence embeddings find candidates: the reviewed claims nearest to a claim by cosine. But
they are nearly blind to what makes two close sentences different claims (another figure,
place, entity or direction, a negation): a near-copy with one slot changed scores as high as a
paraphrase. So each candidate whose cosine clears a low floor is read together with the claim,
twice: word by word (kg.match.features: the contradiction rules of kg.match.rules, word
alignment and what the unaligned words are) and whole, by a cross-encoder that reads both
texts in one pass (kg.match.cross_encoder); a logistic model trained on annotated pairs
(kg.match.pair_model, ``python -m kg.match.train``) weighs it all into the probability that
the review applies.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from kg.match.align import WordVectors
from kg.match.cross_encoder import get_cross_encoder
from kg.match.encoder import MODEL_NAME, Encoder, get_encoder
from kg.match.features import NAMES, pair_features
from kg.match.pair_model import PairModel, shipped_decision, shipped_model
from kg.match.rules import (
    antonym_conflict,
    conflicts,
    negation_conflict,
    numbers,
    numbers_conflict,
    prepare,
    same_speaker,
    substitution,
    substitution_conflict,
)

__all__ = [
    "FLOOR",
    "METHOD",
    "THRESHOLD",
    "Candidate",
    "Judgement",
    "Match",
    "ReviewIndex",
    "antonym_conflict",
    "conflicts",
    "judge",
    "match",
    "negation_conflict",
    "numbers",
    "numbers_conflict",
    "prepare",
    "same_speaker",
    "substitution",
    "substitution_conflict",
]

METHOD = (
    f"{MODEL_NAME} cosine + cross-encoders (kg/match/cross_encoders/)"
    " + pairwise logistic model (kg/match/pair_model.json)/5"
)
#: The probability at which a pair is judged the same claim, and the cosine below which a
#: candidate is not read at all; both chosen by ``python -m kg.match.train`` (the best F0.5
#: on out-of-fold probabilities of the annotated pairs).
THRESHOLD, FLOOR = shipped_decision()

_vectors_lock = threading.Lock()
_vectors: dict[int, WordVectors] = {}


def word_vectors(encoder: Encoder) -> WordVectors:
    """The word-vector cache of an encoder (one per encoder, shared by all matching)."""
    with _vectors_lock:
        found = _vectors.get(id(encoder))
        if found is None or found.encoder is not encoder:
            found = _vectors[id(encoder)] = WordVectors(encoder)
        return found


def cross_logits(pairs: Sequence[tuple[str, str]], encoder: Encoder) -> list[float]:
    """The cross-encoder logits of (claim, reviewed claim) pairs, in one batch."""
    if not pairs:
        return []
    claims, reviewed = zip(*pairs, strict=True)
    return [float(v) for v in get_cross_encoder(encoder).score(claims, reviewed)]


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
    """The decision on one pair, with what went into it (for evaluation and explanations);
    ``score`` is the model's probability (0 when the cosine is below the floor)."""

    same: bool
    score: float
    cosine: float
    conflicts: tuple[str, ...]
    same_speaker: bool
    features: tuple[float, ...] = ()


def judge(
    claim: str,
    reviewed: str,
    cosine: float,
    *,
    claim_speaker: str | None = None,
    reviewed_speaker: str | None = None,
    threshold: float | None = None,
    floor: float | None = None,
    encoder: Encoder | None = None,
    model: PairModel | None = None,
    cross_logit: float | None = None,
) -> Judgement:
    """Decide one pair: below the cosine floor it is no match and nothing more is computed;
    above it the pair's features go through the model, and it matches when the probability
    reaches the threshold (the model's own unless given). ``cross_logit`` is the pair's
    cross-encoder logit when the caller scored a batch of pairs at once."""
    model = model or shipped_model()
    threshold = model.threshold if threshold is None else threshold
    floor = model.floor if floor is None else floor
    speaker = same_speaker(claim_speaker, reviewed_speaker)
    if cosine < floor:
        return Judgement(False, 0.0, cosine, (), speaker)
    enc = encoder or get_encoder()
    if cross_logit is None:
        cross_logit = float(get_cross_encoder(enc).score([claim], [reviewed])[0])
    x = pair_features(claim, reviewed, cosine, word_vectors(enc), cross_logit)
    p = float(model.probability(x))
    found = tuple(
        name.removesuffix("_conflict")
        for name, v in zip(NAMES, x, strict=True)
        if name.endswith("_conflict") and v
    )
    return Judgement(p >= threshold, p, cosine, found, speaker, tuple(float(v) for v in x))


def match(
    claim_text: str,
    candidates: Iterable[Candidate | tuple[str, str]],
    *,
    speaker: str | None = None,
    encoder: Encoder | None = None,
    threshold: float | None = None,
) -> list[Match]:
    """The candidates that say what ``claim_text`` says, best first."""
    cands = [c if isinstance(c, Candidate) else Candidate(*c) for c in candidates]
    if not cands:
        return []
    enc = encoder or get_encoder()
    vectors = enc.encode([prepare(claim_text)] + [prepare(c.text) for c in cands])
    cosines = vectors[1:] @ vectors[0]
    floor = shipped_model().floor
    read = [(c, float(cos)) for c, cos in zip(cands, cosines, strict=True) if cos >= floor]
    logits = cross_logits([(claim_text, c.text) for c, _ in read], enc)
    found = []
    for (cand, cos), logit in zip(read, logits, strict=True):
        v = judge(
            claim_text,
            cand.text,
            cos,
            claim_speaker=speaker,
            reviewed_speaker=cand.speaker,
            threshold=threshold,
            encoder=enc,
            cross_logit=logit,
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
        threshold: float | None = None,
        floor: float | None = None,
        query_is_reviewed: bool = False,
    ) -> list[Match]:
        """The reviewed claims among the k nearest that say what ``claim_text`` says: the
        cosine top-k from the matrix first (k up to 20 is cheap), then the pairwise model on
        those whose cosine clears the floor. The model reads a pair as (claim, reviewed
        claim), so an index of extracted claims searched with a reviewed claim says
        ``query_is_reviewed``."""
        vector = self.encoder.encode([prepare(claim_text)])[0]
        floor = shipped_model().floor if floor is None else floor
        read = []
        for row, cos in self.search_vector(vector, k):
            if cos < floor:
                continue  # no closer candidate follows: search_vector is nearest first
            query, stored = (claim_text, speaker), (self.texts[row], self.speakers[row])
            read.append((row, cos, *((stored, query) if query_is_reviewed else (query, stored))))
        # the candidates worth reading go through the cross-encoder in one batch
        logits = cross_logits([(a, b) for _, _, (a, _), (b, _) in read], self.encoder)
        found = []
        for (row, cos, (a, a_speaker), (b, b_speaker)), logit in zip(read, logits, strict=True):
            v = judge(
                a,
                b,
                cos,
                claim_speaker=a_speaker,
                reviewed_speaker=b_speaker,
                threshold=threshold,
                floor=floor,
                encoder=self.encoder,
                cross_logit=logit,
            )
            if v.same:
                found.append(Match(self.ids[row], round(v.score, 4)))
        return sorted(found, key=lambda m: -m.score)
