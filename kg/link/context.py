"""What an article says around a name, in the form the linkers compare candidates with.

A candidate fits an article when its description uses the article's words ("diplomat" in an
article about "China's top diplomat") and when its country is one the article is about. Words
are compared by their first ``STEM`` letters, so "minister" meets "ministry" and "diplomat"
meets "diplomatic", without a stemmer's model.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from kg.link.geonames import Gazetteer

STEM = 6
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")

# words that say nothing about which entity a description means
_EMPTY = frozenset(
    """a an and the of in on at to for from by with as or is was be been who which that
    his her its their this these those since until former current born died b d c ca
    also one two first second new major large small other known main based
    person people man woman organization organisation entity item company association
    corporation group member members official
    wikimedia disambiguation page category list article""".split()
)


def words(text: str) -> list[str]:
    """Lower-case words of ``text``, without digits or punctuation."""
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


def _stem(word: str) -> str:
    return word[:STEM] if len(word) >= STEM else word


_SENTENCE_END = re.compile(r"[.!?]['\"”’)]*\s+|\n\s*\n")


def stems(texts: Iterable[str]) -> frozenset[str]:
    return frozenset(_stem(w) for t in texts for w in words(t))


def sentences_around(text: str, spans: Iterable[tuple[int, int]], limit: int = 6) -> list[str]:
    """The sentences that hold the first ``limit`` spans: what the article says of a name."""
    out: list[str] = []
    for start, end in list(spans)[:limit]:
        left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
        right = _SENTENCE_END.search(text, end)
        sentence = text[left : right.start() if right else len(text)]
        if sentence not in out:
            out.append(sentence)
    return out


@dataclass(frozen=True)
class ArticleContext:
    """The words around one name and the countries of its article.

    ``words`` are those of the sentences that name the actor and of the roles the article
    gives it, not the whole article's: in a story about rugby, a referee who shares a rugby
    player's name is described by the referee's sentences, not by the match report.
    """

    words: frozenset[str]  # stems of the words around the name
    countries: tuple[str, ...]  # ISO codes of the countries the article names, most named first

    def around(self, texts: Iterable[str]) -> ArticleContext:
        """The same article's countries, with the words of ``texts``."""
        return ArticleContext(stems(texts), self.countries)

    @classmethod
    def of(cls, text: str, gazetteer: Gazetteer) -> ArticleContext:
        """The article's countries; the words come per name, with :meth:`around`."""
        return cls(frozenset(), tuple(gazetteer.countries_in(text)))

    def shared_words(self, description: str, gazetteer: Gazetteer, name: str = "") -> list[str]:
        """The description's telling words that the article also uses (not country names
        or demonyms: those are country evidence, counted apart; not the words of the name
        itself, which every sentence naming it has)."""
        out: list[str] = []
        own = {_stem(w) for w in words(name)}
        for phrase in _capitalised(description):  # "South African": country evidence
            if gazetteer.country_code(phrase) is not None:
                description = description.replace(phrase, " ")
        for w in words(description):
            if w in _EMPTY or len(w) < 3:
                continue
            if gazetteer.country_code(w.capitalize()) is not None:
                continue
            if _stem(w) in self.words and _stem(w) not in own and w not in out:
                out.append(w)
        return out

    def description_countries(self, description: str, gazetteer: Gazetteer) -> set[str]:
        """ISO codes of the countries a description names ("Chinese diplomat": CN)."""
        found = set()
        for w in _capitalised(description):
            code = gazetteer.country_code(w)
            if code is None:
                for part in w.split():
                    code = gazetteer.country_code(part) or code
            if code is not None:
                found.add(code)
        return found


def _capitalised(text: str) -> list[str]:
    """Runs of capitalised words ("South African", "Chinese")."""
    return re.findall(r"[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)*", text)
