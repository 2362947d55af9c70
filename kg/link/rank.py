"""Which Wikidata candidate, if any, an actor is: type, then fit with the article, then fame.

A candidate must be an instance (``wdt:P31/wdt:P279*``) of a class the actor's kind admits: a
person is a human, a country a country or state, an organisation an organisation or a
periodical (publishers are named by their titles). A bird called "turkey" is no country and a
Wikimedia disambiguation page is nothing. Among the candidates left, each gets a score in
[0, 1] from four things:

- the name: the candidate's own label (1) or one of its aliases, or a variant (0.85);
- its description's words that the article uses too ("diplomat" for "China's top diplomat");
- its country (``P17``/``P27``, or a demonym in its description) against the countries the
  article names: the same (1), unknown (0.5), another (0);
- prominence: Wikipedia sitelinks, on a log scale (300 sitelinks and more count 1).

The best is linked when its score passes its kind's threshold and beats the runner-up by
``MARGIN``: two plausible entities of one name are not told apart by a guess. People need
evidence beyond the name (a description word from the sentences that name them), since names
are shared; organisations a description word or fame; governments a word or their country;
countries none beyond their type. A body or state that no longer exists (``P576``, or a span
of years in its description) is never the one that speaks in the news.

The weights and thresholds were set on the development fixtures (``eval-dev``, then
``eval-test-a`` and ``eval-test-b`` in tests/data/wikidata/, after their first scoring);
``docs/benchmarks.md`` gives the precision on the fresh fixtures, scored once.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from kg.link.context import ArticleContext
from kg.link.geonames import Gazetteer
from kg.link.wikidata import Candidate
from kg.model import ActorKind

LINKER = "wikidata/1"

COUNTRY_ROOTS = frozenset({"Q6256", "Q3624078", "Q7275"})
KIND_ROOTS: dict[ActorKind, frozenset[str]] = {
    ActorKind.PERSON: frozenset({"Q5"}),
    ActorKind.ORGANIZATION: frozenset({"Q43229", "Q1002697", "Q35127"}),
    ActorKind.GOVERNMENT: frozenset({"Q7188", "Q2659904"}),
    ActorKind.COUNTRY: COUNTRY_ROOTS,
    ActorKind.GROUP: frozenset({"Q41710", "Q16334295", "Q43229"}),
}
NEVER = frozenset({"Q4167836", "Q4167410"})  # Wikimedia categories, disambiguation pages

WEIGHTS = {"name": 0.35, "words": 0.2, "country": 0.25, "fame": 0.2}
THRESHOLD: dict[ActorKind, float] = {
    ActorKind.PERSON: 0.70,
    ActorKind.ORGANIZATION: 0.62,
    ActorKind.GOVERNMENT: 0.62,
    ActorKind.COUNTRY: 0.55,
    ActorKind.GROUP: 0.70,
}
MARGIN = 0.08


@dataclass(frozen=True)
class Scored:
    candidate: Candidate
    score: float
    words: tuple[str, ...]  # the description words the article shares
    country: float  # 1 same country, 0.5 unknown, 0 another


# a closed span of years in a description marks a former body or state ("British colony
# (1841-1997)", "government-in-exile (1971)" has P576): not who speaks in today's news
_YEARS = re.compile(r"\b1\d{3}\s*[-–—]\s*(?:1\d{3}|20\d{2})\b|\bformer\b|\bdefunct\b")


def admissible(candidate: Candidate, kind: ActorKind) -> bool:
    """True when the candidate's classes fit the actor's kind (and a body still exists)."""
    roots = candidate.roots
    if roots & NEVER or not roots & KIND_ROOTS[kind]:
        return False
    if "Q5" in roots and kind is not ActorKind.PERSON:
        return False
    if roots & COUNTRY_ROOTS and kind is not ActorKind.COUNTRY:
        return False
    if kind is not ActorKind.PERSON and (
        candidate.dissolved or _YEARS.search(candidate.description or "")
    ):
        return False
    return True


def score(
    candidate: Candidate,
    label: str,
    kind: ActorKind,
    context: ArticleContext,
    gazetteer: Gazetteer,
) -> Scored:
    name = 1.0 if candidate.by_label and candidate.name == label else 0.85
    description = candidate.description or ""
    shared = context.shared_words(description, gazetteer, label)
    theirs = {c for n in candidate.country_names if (c := gazetteer.country_code(n))}
    theirs |= context.description_countries(description, gazetteer)
    if not theirs or not context.countries:
        country = 0.5
    elif theirs & set(context.countries):
        country = 1.0
    else:  # a person of another country is likely another person; a body may work abroad
        country = 0.0 if kind is ActorKind.PERSON else 0.35
    fame = min(1.0, math.log10(1 + candidate.sitelinks) / 2.5)
    total = (
        WEIGHTS["name"] * name
        + WEIGHTS["words"] * min(len(shared), 2) / 2
        + WEIGHTS["country"] * country
        + WEIGHTS["fame"] * fame
    )
    return Scored(candidate, round(total, 3), tuple(shared), country)


def choose(
    candidates: list[Candidate],
    label: str,
    kind: ActorKind,
    context: ArticleContext,
    gazetteer: Gazetteer,
) -> Scored | None:
    """The candidate the actor is, or None when none fits well enough or two fit alike."""
    scored = sorted(
        (score(c, label, kind, context, gazetteer) for c in candidates if admissible(c, kind)),
        key=lambda s: (-s.score, -s.candidate.sitelinks, s.candidate.item),
    )
    if not scored:
        return None
    best = scored[0]
    if best.score < THRESHOLD[kind]:
        return None
    if len(scored) > 1 and best.score - scored[1].score < MARGIN:
        return None
    return best if _enough(best, kind) else None


# sitelinks that make an organisation well known enough to be meant by its name alone
# ("Reuters"), when the sentences naming it share no word with its description
KNOWN_BY_NAME = 30


def _enough(best: Scored, kind: ActorKind) -> bool:
    """Evidence beyond the name, by kind: people share names, bodies less so."""
    c = best.candidate
    if kind is ActorKind.PERSON:
        # a description word from the sentences about them, and an entry in some Wikipedia
        # (a namesake known only to Wikidata is the likelier match of a name in the news)
        return bool(best.words) and c.sitelinks >= 1
    if kind is ActorKind.GOVERNMENT:
        return bool(best.words) or best.country == 1.0
    if kind in (ActorKind.ORGANIZATION, ActorKind.GROUP):
        return bool(best.words) or c.sitelinks >= KNOWN_BY_NAME
    return True
