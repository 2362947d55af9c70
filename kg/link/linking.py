"""Link an extraction's actors and places to Wikidata and GeoNames, in the article's context.

GeoNames (offline, kg.link.geonames) links countries (country actors, the countries
governments govern) and event places. Wikidata (kg.link.wikidata, unless switched off) links
named actors of every kind; kg.link.rank chooses among its candidates. What is found is put on
the extraction (``Actor.links``, ``Extraction.place_links``) for the converter to write.

A Wikidata endpoint that is off, slow or down costs the links, never the article: the
extraction is then stored with its GeoNames links only, and :attr:`LinkReport.wikidata_missed`
says so (``factkg link`` adds the rest later).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg import settings
from kg.link import rank
from kg.link.context import ArticleContext, sentences_around
from kg.link.geonames import Gazetteer
from kg.link.wikidata import Candidate, Unavailable, WikidataClient
from kg.model import Actor, ActorKind, Extraction, Link

# a name worth asking Wikidata about: capitalised, with a letter, not a pronoun or a number
_NAMEABLE = re.compile(r"^[^\W\d_]")


@dataclass
class LinkReport:
    wikidata: int = 0  # links written
    geonames: int = 0
    wikidata_missed: int = 0  # extractions stored without asking Wikidata (off or down)
    reasons: list[str] = field(default_factory=list)


class Linker:
    """Links extractions; one per process (the gazetteer and the client are reused)."""

    def __init__(self, wikidata: WikidataClient | None, gazetteer: Gazetteer | None = None) -> None:
        self.wikidata = wikidata
        self.gazetteer = gazetteer or Gazetteer()

    @classmethod
    def from_settings(cls, environ: dict[str, str] | None = None) -> Linker:
        """The linker the settings describe (WIKIDATA_ENDPOINT ``off``: GeoNames only)."""
        endpoint = str(settings.get("WIKIDATA_ENDPOINT", environ) or "").strip()
        if endpoint.lower() in ("", "off", "none", "false", "0"):
            return cls(None)
        cache = settings.get("WIKIDATA_CACHE", environ)
        return cls(
            WikidataClient(
                endpoint,
                cache=Path(cache).expanduser() / "wikidata.sqlite" if cache else None,
                timeout=float(settings.get("WIKIDATA_TIMEOUT", environ)),
            )
        )

    def load(self) -> None:
        """Load what linking reads (the gazetteer) now rather than on the first article."""
        self.gazetteer.load()

    def prefetch(self, extractions: list[Extraction], report: LinkReport | None = None) -> None:
        """Ask Wikidata about every name of a batch of articles at once (a few requests for
        the batch rather than two per article); :meth:`link` then reads the answers."""
        if self.wikidata is None:
            return
        names = {
            n for x in extractions for a in x.actors if _linkable(a) for n in _variants(a.label)
        }
        try:
            self.wikidata.candidates(names)
        except Unavailable as e:
            if report is not None and str(e) not in report.reasons:
                report.reasons.append(str(e))

    def link(self, extraction: Extraction, report: LinkReport | None = None) -> LinkReport:
        """Put links on ``extraction``'s actors and places (replacing any it had)."""
        _add_governed_countries(extraction)
        places = sorted({e.place for e in extraction.events if e.place})
        report, extraction.place_links = self.link_parts(
            extraction.article.text, extraction.actors, places, report
        )
        return report

    def link_parts(
        self,
        text: str,
        all_actors: list[Actor],
        places: list[str],
        report: LinkReport | None = None,
    ) -> tuple[LinkReport, dict[str, list[Link]]]:
        """Link the actors (in place) and places of one article of text ``text``; also what
        ``factkg link`` runs on a stored article."""
        report = report if report is not None else LinkReport()
        gz = self.gazetteer
        actors = [a for a in all_actors if _linkable(a)]
        for a in all_actors:
            a.links = []
        context = ArticleContext.of(text, gz)
        for actor in actors:
            if actor.kind is ActorKind.COUNTRY and _named_in(actor, text):
                found = gz.country(actor.label)
                if found is not None:
                    actor.links.append(found)
        place_links = {}
        for place in places:
            found = gz.place(place, context.countries)
            if found is not None:
                place_links[place] = [found]
        report.geonames += sum(len(a.links) for a in actors) + len(place_links)
        if self.wikidata is not None:
            try:
                report.wikidata += self._wikidata(actors, context, text)
            except Unavailable as e:
                report.wikidata_missed += 1
                if str(e) not in report.reasons:
                    report.reasons.append(str(e))
        return report, place_links

    def _wikidata(self, actors: list[Actor], context: ArticleContext, text: str) -> int:
        assert self.wikidata is not None
        names = {a.key: _variants(a.label) for a in actors}
        found = self.wikidata.candidates({n for ns in names.values() for n in ns})
        linked = 0
        for actor in actors:
            candidates = _merge(found.get(n, []) for n in names[actor.key])
            if not candidates or not _named_in(actor, text):
                continue
            spans = [(m.start, m.end) for m in actor.mentions]
            local = context.around([*sentences_around(text, spans), *actor.roles])
            best = rank.choose(candidates, actor.label, actor.kind, local, self.gazetteer)
            if best is None:
                continue
            c = best.candidate
            actor.links.append(
                Link(
                    target=c.item,
                    score=best.score,
                    linker=rank.LINKER,
                    label=c.label,
                    description=c.description,
                    facts=c.facts,
                )
            )
            linked += 1
        return linked


def _linkable(actor: Actor) -> bool:
    """Named actors: not one known only by a description ("officials"), not lower case."""
    return not actor.local and bool(_NAMEABLE.match(actor.label)) and actor.label[0].isupper()


def _named_in(actor: Actor, text: str) -> bool:
    """A country the text names (by its name or an alias), not one inferred from a city
    ("Victoria": British Columbia's, not the Seychelles'); other kinds are named as extracted."""
    if actor.kind is not ActorKind.COUNTRY:
        return True
    return any(name in text for name in (actor.label, *actor.aliases))


def _variants(label: str) -> list[str]:
    """The names to ask for: as written, without a leading "The", and a short capitalised
    word in capitals too ("Isis": "ISIS")."""
    out = [label]
    if label.startswith(("The ", "the ")) and len(label) > 4:
        out.append(label[4:])
    if label.isalpha() and label.istitle() and 2 <= len(label) <= 5:
        out.append(label.upper())
    return out


def _merge(lists: Iterable[list[Candidate]]) -> list[Candidate]:
    """One candidate per item, the one found by the best name (the label as written first)."""
    by_item: dict[str, Candidate] = {}
    for candidates in lists:
        for c in candidates:
            by_item.setdefault(c.item, c)
    return list(by_item.values())


def _add_governed_countries(extraction: Extraction) -> None:
    """A government's country becomes an actor of its own when the article names it only as
    the government's ("Ankara": the government of Turkey), so it can be linked."""
    labels = {a.label for a in extraction.actors}
    for actor in list(extraction.actors):
        country = actor.country
        if actor.kind is ActorKind.GOVERNMENT and country and country not in labels:
            labels.add(country)
            extraction.actors.append(
                Actor(key=f"country:{country}", label=country, kind=ActorKind.COUNTRY)
            )
