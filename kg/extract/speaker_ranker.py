"""The speaker ranker: a small network, trained on the project's gold (kg.extract.train), that
reads the rules' choice of speaker for each claim beside the other actors in view and
overrides it when it is confident another one spoke.

Rules choose a speaker from the parse (the subject of the reporting verb, a pronoun resolved
to the person in view, the speaker of the quotation next to it); where they go wrong on news
they were not written for, the right speaker is nearly always an actor named nearby: the
person a pronoun after someone else's quotation really points to, the body a spokesman speaks
for. Candidates are the actors the registry saw in the claim's paragraph or the text just
before it, and for "he" or "she" the persons it fits named further back; each is described
by where its mentions lie relative to the verb, the content and the sentence, its kind, label
and syntax, how often and how recently it spoke, whether the pronoun fits it (by its given
name's usual gender, ``name_genders.tsv``, else what the article said), and what the rules
chose. The network (a thinc model, spaCy's own machine learning library) scores each
candidate; the rules' choice stands unless the best candidate beats it by a margin, chosen in
training over groups of the training sets each left out in turn (none, if overruling the
rules never paid). Each claim records which made the choice (``Claim.speaker_by``).

The weights (``speaker_ranker.bin``, a few kilobytes) ship with the package and are made
again, byte for byte, by ``python -m kg.extract.train``.
"""

from __future__ import annotations

import bisect
import math
from collections import Counter
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import srsly
from spacy.tokens import Doc
from thinc.api import Linear, Model, Relu, chain

from kg.extract.lexicon import REPORTING_VERBS
from kg.extract.wordlists import name_gender, places
from kg.model import Actor, ActorKind, Claim

WEIGHTS = "speaker_ranker.bin"
# how far back, in characters before the claim's sentence, an actor's mention makes it a
# candidate (besides any actor named in the same paragraph)
WINDOW = 1200
MAX_CANDIDATES = 10
# persons a gendered pronoun fits, mentioned only before the window, added as candidates
FAR_PERSONS = 3
# "the sentence just before": how far back a subject counts as the previous sentence's
JUST_BEFORE = 400
HIDDEN = 32

_KINDS = (
    ActorKind.PERSON,
    ActorKind.ORGANIZATION,
    ActorKind.GOVERNMENT,
    ActorKind.COUNTRY,
    ActorKind.GROUP,
)
FEATURES = (
    "rules",
    "before",
    "before_distance",
    "after_in_sentence",
    "after_distance",
    "in_content",
    "in_sentence",
    "in_paragraph",
    "recency",
    *(f"kind_{k.value}" for k in _KINDS),
    "local",
    "label_words",
    "label_lowercase",
    "mentions_before",
    "mentions_all",
    "spoke_before",
    "last_speaker",
    "last_speaker_in_paragraph",
    "same_kind_as_rules",
    "attribution_region",
    "rules_local",
    "rules_lowercase",
    "rules_group",
    "pronoun",
    "pronoun_agrees",
    "pronoun_disagrees",
    "orphan",
    "quote",
    "headline",
    "subject_of_reporting",
    "subject_of_this_verb",
    "object_of_reporting",
    "possessive",
    "in_sentence_subject",
    "subject_just_before",
    "agreeing_recency",
    "rules_pronoun_disagrees",
    "given_name_known",
    "place_name",
)
_GENDERED = {"he": "m", "him": "m", "she": "f", "her": "f"}
_PLURAL = frozenset({"they", "them", "it", "we"})


@dataclass(slots=True)
class Choice:
    """One claim's candidates (the rules' choice first) and their features."""

    claim: int  # index into the article's claims
    keys: list[str]
    x: np.ndarray  # (len(keys), len(FEATURES)) float32


def build_model() -> Model[Any, Any]:
    """Features to a logit: one hidden layer (the sigmoid is applied outside the model, so
    that training takes the cross-entropy gradient on the logit)."""
    return chain(Relu(nO=HIDDEN, nI=len(FEATURES)), Linear(nO=1, nI=HIDDEN))


class SpeakerRanker:
    """A trained network and the margin by which it may overrule the rules (None: never,
    when training found no margin at which overruling them gained more than it lost)."""

    def __init__(self, model: Model[Any, Any], margin: float | None) -> None:
        self.model = model
        self.margin = margin

    @classmethod
    def load(cls, path: Path | None = None) -> SpeakerRanker:
        if path is not None:
            data = path.read_bytes()
        else:
            data = resources.files("kg.extract").joinpath(WEIGHTS).read_bytes()
        saved = srsly.msgpack_loads(data)
        if tuple(saved["features"]) != FEATURES:
            raise ValueError(f"{WEIGHTS} was trained on other features: run kg.extract.train")
        model = build_model()
        model.initialize()
        return cls(model.from_bytes(saved["model"]), saved["margin"])

    def to_bytes(self) -> bytes:
        saved = {"features": list(FEATURES), "margin": self.margin, "model": self.model.to_bytes()}
        return bytes(srsly.msgpack_dumps(saved))

    def scores(self, x: np.ndarray) -> np.ndarray:
        """Each candidate's probability of being the speaker."""
        logits = np.asarray(self.model.predict(x))[:, 0]
        p: np.ndarray = 1 / (1 + np.exp(-logits))
        return p

    def pick(self, p: np.ndarray, margin: float | None = None) -> int | None:
        """The candidate that overrules the rules' (row 0), if one beats it by the margin."""
        margin = self.margin if margin is None else margin
        if margin is None:
            return None
        best = int(np.argmax(p))
        return best if best != 0 and p[best] - p[0] >= margin else None

    def decide(
        self, claims: list[Claim], actors: list[Actor], gender: dict[str, str], docs: Docs
    ) -> None:
        """Overrule the rules' speaker where the network is confident; one call an article."""
        if self.margin is None:
            return
        found = choices(claims, actors, gender, docs)
        if not found:
            return
        p = self.scores(np.concatenate([c.x for c in found]))
        at = 0
        for choice in found:
            best = self.pick(p[at : at + len(choice.keys)])
            at += len(choice.keys)
            if best is not None:
                claim = claims[choice.claim]
                claim.speaker = choice.keys[best]
                claim.speaker_by = "model"
                if claim.relayed_by == claim.speaker:
                    claim.relayed_by = None


class _Mentions:
    """An actor's mention offsets, sorted, for nearest-before lookups."""

    __slots__ = ("starts", "ends")

    def __init__(self, actor: Actor) -> None:
        spans = sorted((m.start, m.end) for m in actor.mentions)
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]


class Docs:
    """The article's parsed paragraphs by offset: the token a mention's words are headed by."""

    def __init__(self, parsed: list[tuple[int, Doc]]) -> None:
        self.bases = [b for b, _ in parsed]
        self.docs = [d for _, d in parsed]
        self._seen: dict[tuple[int, int], tuple[int, bool, bool, bool, bool, bool]] = {}

    def syntax(self, start: int, end: int, verb: int) -> tuple[bool, bool, bool, bool, bool, bool]:
        """How the head of the words at ``start:end`` stands in its clause: the subject of a
        reporting verb (of the claim's own, at offset ``verb``), the object of one ("told
        Radio Wales"), a possessive ("X's spokesman"), the subject of its sentence's root,
        a subject at all."""
        seen = self._seen.get((start, end))
        if seen is None:
            seen = self._seen[start, end] = self._syntax(start, end)
        head, subject_reporting, object_reporting, possessive, subject_root, subject = seen
        return (
            subject_reporting,
            subject and head == verb,
            object_reporting,
            possessive,
            subject_root,
            subject,
        )

    def _syntax(self, start: int, end: int) -> tuple[int, bool, bool, bool, bool, bool]:
        """(offset of the word the head hangs on, then the flags of ``syntax`` but the
        second, which depends on the claim)."""
        n = bisect.bisect_right(self.bases, start) - 1
        if n < 0:
            return _NO_SYNTAX
        base, doc = self.bases[n], self.docs[n]
        span = doc.char_span(start - base, end - base, alignment_mode="expand")
        if span is None or not len(span):
            return _NO_SYNTAX
        tok = span.root
        head = tok.head
        reporting = head.lemma_.lower() in REPORTING_VERBS
        subject = tok.dep_ in ("nsubj", "nsubjpass")
        return (
            base + head.idx,
            subject and reporting,
            tok.dep_ in ("dobj", "dative", "pobj") and (reporting or head.head.lemma_ == "tell"),
            tok.dep_ == "poss",
            subject and head.dep_ == "ROOT",
            subject,
        )


_NO_SYNTAX = (-1, False, False, False, False, False)


def _alternative(actor: Actor, rules: Actor) -> bool:
    """Whether ``actor`` may be chosen instead of the rules' speaker: not a country (the
    rules made the government that speaks for it an actor of its own), nor the body a
    person the rules found is described by ("senior inspector at the Port Authority" is
    no spokesperson: she speaks for herself)."""
    if actor.kind is ActorKind.COUNTRY:
        return False
    if rules.kind is not ActorKind.PERSON or actor.kind is ActorKind.PERSON:
        return True
    return f" {actor.label.lower()}" not in f" {rules.label.lower()}"


def choices(
    claims: list[Claim], actors: list[Actor], gender: dict[str, str], docs: Docs
) -> list[Choice]:
    """The candidates and features of every claim the rules attributed from the body."""
    by_key = {a.key: a for a in actors}
    mentions = {a.key: _Mentions(a) for a in actors if a.mentions}
    spoken = sorted(
        (c.cue.verb if c.cue.verb >= 0 else c.cue.content.start, c.speaker, c.cue.block)
        for c in claims
        if c.cue is not None
    )
    spoken_at = [p for p, _, _ in spoken]
    # every mention of every actor by offset: one bisection a claim finds those in view
    every = sorted(
        (s, e, key) for key, ms in mentions.items() for s, e in zip(ms.starts, ms.ends, strict=True)
    )
    every_start = [s for s, _, _ in every]
    out: list[Choice] = []
    for n, claim in enumerate(claims):
        cue = claim.cue
        rules = by_key.get(claim.speaker)
        if cue is None or rules is None:
            continue
        at = cue.verb if cue.verb >= 0 else cue.content.start
        lo = min(cue.sentence.start - WINDOW, cue.block)
        hi = max(cue.sentence.end, claim.span.end)
        found: dict[str, list[tuple[int, int]]] = {}
        i = bisect.bisect_left(every_start, max(lo, 0))
        for start, end, key in every[i : bisect.bisect_left(every_start, hi, i)]:
            found.setdefault(key, []).append((start, end))
        near = {key: found[key] for key in mentions if key in found}  # actors' order
        keys = [claim.speaker] + sorted(
            (k for k in near if k != claim.speaker and _alternative(by_key[k], rules)),
            key=lambda k: min(abs(s - at) for s, _ in near[k]),
        )[: MAX_CANDIDATES - 1]
        if cue.pronoun in _GENDERED:
            # "she said" may reach back past the window to the woman introduced paragraphs
            # ago: the persons the pronoun fits, last mentioned first, join the candidates
            far = sorted(
                (
                    (ms.starts[last_before - 1], ms.ends[last_before - 1], key)
                    for key, ms in mentions.items()
                    if key not in keys
                    and by_key[key].kind is ActorKind.PERSON
                    and _pronoun_fit(cue.pronoun, by_key[key], gender.get(key))[0]
                    and (last_before := bisect.bisect_left(ms.starts, lo)) > 0
                ),
                reverse=True,
            )
            for start, end, key in far[:FAR_PERSONS]:
                near[key] = [(start, end)]  # its last mention
                keys.append(key)
        if len(keys) < 2:
            continue
        before_gap = {}
        for k in keys:
            gaps = [
                at - e
                for s, e in near.get(k, [])
                if e <= at and not (cue.content.start <= s < cue.content.end)
            ]
            before_gap[k] = min(gaps) if gaps else None
        order = sorted((g, k) for k, g in before_gap.items() if g is not None)
        rank = {k: i for i, (_, k) in enumerate(order)}
        fit = {k: _pronoun_fit(cue.pronoun, by_key[k], gender.get(k)) for k in keys}
        agreeing = [k for _, k in order if fit[k][0]]
        earlier = spoken[: bisect.bisect_left(spoken_at, at)]
        spoke = Counter(k for _, k, _ in earlier)
        last = earlier[-1][1] if earlier else None
        last_here = next((k for p, k, b in reversed(earlier) if b == cue.block), None)
        rows = []
        for k in keys:
            a = by_key[k]
            here = near.get(k, [])
            in_content = any(cue.content.start <= s < cue.content.end for s, _ in here)
            outside = [(s, e) for s, e in here if not (cue.content.start <= s < cue.content.end)]
            after = [s - at for s, _ in outside if s > at and s < cue.sentence.end]
            gap = before_gap[k]
            region = any(
                (claim.span.start <= s < cue.content.start)
                or (cue.content.end <= s < claim.span.end)
                for s, _ in outside
            )
            agree, disagree = fit[k]
            syn = [docs.syntax(s, e, cue.verb) for s, e in outside]
            syn_here = [
                f for (s, _), f in zip(outside, syn, strict=True) if cue.sentence.start <= s
            ]
            all_ms = mentions.get(k)
            rows.append(
                [
                    k == claim.speaker,
                    gap is not None,
                    math.log1p(gap) / 8 if gap is not None else 1.0,
                    bool(after),
                    math.log1p(min(after)) / 8 if after else 1.0,
                    in_content,
                    any(cue.sentence.start <= s < cue.sentence.end for s, _ in outside),
                    any(cue.block <= s < at for s, _ in outside),
                    1 / (1 + rank[k]) if k in rank else 0.0,
                    *(a.kind is kind for kind in _KINDS),
                    a.local,
                    min(len(a.label.split()), 8) / 8,
                    a.label[:1].islower(),
                    math.log1p(bisect.bisect_left(all_ms.starts, at) if all_ms else 0) / 3,
                    math.log1p(len(all_ms.starts) if all_ms else 0) / 3,
                    math.log1p(spoke[k]) / 2,
                    k == last,
                    k == last_here,
                    a.kind is rules.kind,
                    region,
                    rules.local,
                    rules.label[:1].islower(),
                    rules.kind is ActorKind.GROUP,
                    bool(cue.pronoun),
                    agree,
                    disagree,
                    cue.orphan,
                    claim.quote is not None,
                    claim.in_headline,
                    any(f[0] for f in syn),
                    any(f[1] for f in syn),
                    any(f[2] for f in syn_here),
                    any(f[3] for f in syn_here),
                    any(f[4] for f in syn_here),
                    any(
                        f[5] and cue.sentence.start - JUST_BEFORE <= s < cue.sentence.start
                        for (s, _), f in zip(outside, syn, strict=True)
                    ),
                    1 / (1 + agreeing.index(k)) if k in agreeing else 0.0,
                    fit[claim.speaker][1],
                    a.kind is ActorKind.PERSON and name_gender(a.label) is not None,
                    is_place(a.label),
                ]
            )
        out.append(Choice(n, keys, np.asarray(rows, dtype="float32")))
    return out


def _pronoun_fit(pronoun: str, actor: Actor, gender: str | None) -> tuple[bool, bool]:
    """Whether a pronoun the rules resolved fits the candidate: "she" a woman, "it" a body.
    A person's gender is what their given name nearly always is, else what the article said
    of them (a title, an earlier pronoun)."""
    if not pronoun:
        return False, False
    person = actor.kind is ActorKind.PERSON
    if pronoun in _GENDERED:
        if not person:
            return False, True
        # the given name first: the registry's gender may come from a pronoun the rules
        # themselves resolved to this person, right or wrong
        gender = name_gender(actor.label) or gender
        if gender is None:
            return False, False
        return gender == _GENDERED[pronoun], gender != _GENDERED[pronoun]
    if pronoun in _PLURAL:
        return not person, person
    return False, False


def is_place(label: str) -> bool:
    """Whether ``label`` is the name of a city GeoNames knows ("Dunfermline", "Diourbel";
    ``place_names.txt``): the small model tags some as people, and the rules may then give
    them a "he said"."""
    return label.casefold() in places()
