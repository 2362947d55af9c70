"""The actors of one article: named entities, governments, vague groups, and what refers to them.

Reference resolution is salience-based: every mention leaves a weight that halves with each
sentence; a pronoun or a description ("the minister", "the majority-Muslim country") goes to
the most salient earlier actor of a compatible kind. Simple, and robust on news prose, where the
entity talked about is nearly always the one just named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.acronyms import same_body
from kg.extract import lexicon
from kg.extract.wordlists import is_given_name, name_gender
from kg.model import Actor, ActorKind, Span

# "All" before a capitalised word is a name's own ("the All Pakistan Textile Mills Association")
_STRIP_LEAD = re.compile(r"^(?:the|a|an|other|all(?!\s+(?-i:[A-Z]))|both)\s+", re.I)
_DATELINE = re.compile(r"^[A-Z][A-Z'’.]+(?: [A-Z][A-Z'’.]+)* [-–—] (?=\S)")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_SPACE = re.compile(r"\s+")
# an apostrophe inside a word ("mayor’s office", "O’Brien") is part of the name
_QUOTE_MARKS = re.compile(r"[\"“”«»]|[‘’](?!\w)|(?<!\w)[‘’]")
_DECAY = 0.5
# company suffixes whose full stop belongs to the name as written
_ABBREVIATED = frozenset("co ltd inc corp pvt bhd pte pty plc cos bros jr sr".split())


@dataclass(slots=True)
class _Mention:
    key: str
    sentence: int
    pos: int
    weight: float


def clean_label(text: str, possessive: bool = True) -> str:
    """A label from a surface form: no quote marks, possessive (unless part of the name, as
    in "Moody's said"), leading article, extra space."""
    text = _SPACE.sub(" ", _QUOTE_MARKS.sub("", text)).strip()
    text = _DATELINE.sub("", text)  # "LAUTOKA - THE Fiji Sugar Corporation": a brief's place
    if "]" in text:  # "[File Image] Banyana Banyana": a caption's tag run into the name
        text = text.rsplit("]", 1)[1].strip()
    stripped = text.strip(" ,.;:-")
    if text.rstrip(" ,;:-").endswith(".") and stripped.rsplit(" ", 1)[-1].lower() in _ABBREVIATED:
        stripped += "."  # "Sorano Systems Co.", "Coromandel EnviroServe Pvt. Ltd."
    text = stripped
    if possessive:
        text = _POSSESSIVE.sub("", text)
    while True:
        stripped = _STRIP_LEAD.sub("", text)
        if stripped == text:
            break
        text = stripped
    return text.strip()


def person_label(label: str) -> str:
    """A person's name without the titles before it or the body after it, however the parse
    hung them on: "Councillor Kjartan Már Ólafsson", "NDRF Assistant Commandant Vikram
    Rathore", "Professor Ueda Kenji of Keio University", "Kristin Aho of"."""
    words = label.split()
    if len(words) > 3 and "of" in words[2:]:
        words = words[: words.index("of", 2)]
    while words and words[-1] in ("of", "in", "from", "at", "for"):
        words.pop()
    while len(words) > 2 and (
        words[0].lower().rstrip(".") in lexicon.TITLES
        or (words[0].isupper() and words[1].lower().rstrip(".") in lexicon.TITLES)
    ):
        words.pop(0)
    # "Kurigram Civil Surgeon Dr Monjur-e-Murshed": an honorific ends the title before it
    honorific = [
        k for k, w in enumerate(words[1:-1], 1) if w.lower().rstrip(".") in lexicon.HONORIFICS
    ]
    if honorific:
        words = words[honorific[-1] + 1 :]
    # "Coordinating Minister for Political and Security Affairs Hendra Purnama": a title of
    # many words, then the person; the name starts at a known given name after a title word
    if len(words) > 2 and not is_given_name(words[0]):
        for k in range(1, len(words) - 1):
            if is_given_name(words[k]):
                if any(w.lower().strip(".,") in lexicon.TITLES for w in words[:k]):
                    words = words[k:]
                break
    return " ".join(words)


def government_label(country: str) -> str:
    """ "Government of China", "Government of the United States"."""
    words = country.split()
    plural = country.endswith("s") and not country.endswith(
        ("ss", "us", "Wales", "Laos", "Barbados", "Honduras")
    )
    if (
        words[0] in ("United", "Central", "Czech", "Dominican", "Democratic")
        or plural
        or any(w in ("Republic", "Kingdom", "Islands", "Emirates", "States") for w in words)
    ):
        return f"Government of the {country}"
    return f"Government of {country}"


class Registry:
    """Actors found so far in one article, with the salience of their mentions."""

    def __init__(self) -> None:
        self.actors: dict[str, Actor] = {}
        self._names: dict[str, str] = {}  # normalised surface form -> key
        self.surnames: dict[str, str] = {}  # last/first token of a person's name -> key
        self._mentions: list[_Mention] = []
        self._spoke: list[tuple[int, str]] = []  # (offset, key) of speakers and relays
        # actors known only by a description ("Britain's finance minister"): head noun, and
        # whether it is definite (so may name someone identified later)
        self.described: dict[str, tuple[str, bool]] = {}
        self.gender: dict[str, str] = {}  # "f"/"m": from titles, roles, unambiguous pronouns
        self.outlets: set[str] = set()  # media that relayed a claim: not "the ministry"
        self.local: set[str] = set()  # unnamed actors: "officials", "a former minister"

    # -- adding -----------------------------------------------------------------------------

    def add(
        self,
        label: str,
        kind: ActorKind,
        span: Span | None,
        sentence: int,
        weight: float = 1.0,
        country: str | None = None,
        alias: str | None = None,
    ) -> str:
        """The key of the actor named ``label`` (created if new), recording the mention."""
        key = self._find(label, kind)
        if key is None and kind is ActorKind.ORGANIZATION:
            key = self._abbreviation(label)
        if key is None:
            key = f"{kind.value}:{label}"
            if key not in self.actors:
                self.actors[key] = Actor(key=key, label=label, kind=kind, country=country)
            self._index(key, label, kind)
        actor = self.actors[key]
        if alias and alias != actor.label and alias not in actor.aliases:
            actor.aliases.append(alias)
        if span is not None:
            if span not in actor.mentions:
                actor.mentions.append(span)
            self._mentions.append(_Mention(key, sentence, span.start, weight))
        return key

    def person(self, name: str, span: Span | None, sentence: int, weight: float = 1.0) -> str:
        """A person, merging "Pan" or "Zhiping" into an earlier "Pan Zhiping"."""
        label = person_label(clean_label(name))
        tokens = label.split()
        if len(tokens) == 1 and label.lower() in self.surnames:
            key = self.surnames[label.lower()]
            return self.add(self.actors[key].label, ActorKind.PERSON, span, sentence, weight)
        if len(tokens) > 1:  # a surname of several words: "Ó Súilleabháin", "de la Cruz"
            tail = " " + label.lower()
            fuller = [
                a.label
                for a in self.actors.values()
                if a.kind is ActorKind.PERSON
                and a.label.lower().endswith(tail)
                and "," not in a.label  # "Cochabamba, Rosa Quispe": the model ran two names on
            ]
            if len(fuller) == 1:
                return self.add(fuller[0], ActorKind.PERSON, span, sentence, weight)
        return self.add(label, ActorKind.PERSON, span, sentence, weight)

    def government(self, country: str, surface: str, span: Span | None, sentence: int) -> str:
        return self.add(
            government_label(country),
            ActorKind.GOVERNMENT,
            span,
            sentence,
            country=country,
            alias=surface,
        )

    def add_alias(self, key: str, alias: str) -> None:
        """Another name the text gives the actor ("Korean Central News Agency (KCNA)"), so
        that a later mention by that name is the same actor."""
        actor = self.actors[key]
        if alias != actor.label and alias not in actor.aliases:
            actor.aliases.append(alias)
        self._names.setdefault(f"{actor.kind.value}|{alias.lower()}", key)

    def add_role(self, key: str, role: str) -> None:
        role = _SPACE.sub(" ", _QUOTE_MARKS.sub("", role)).strip(" ,;:-")
        actor = self.actors[key]
        words = {w.lower().strip(".") for w in role.split()}
        if words & lexicon.FEMALE_WORDS:
            self.gender.setdefault(key, "f")
        elif words & lexicon.MALE_WORDS:
            self.gender.setdefault(key, "m")
        if role and role.lower() != actor.label.lower() and role not in actor.roles:
            actor.roles.append(role)

    def _find(self, label: str, kind: ActorKind) -> str | None:
        key = self._names.get(f"{kind.value}|{label.lower()}")
        if key is None and kind in (ActorKind.PERSON, ActorKind.ORGANIZATION):
            # "The social media company Flitter ... Flitter said": the model may type the
            # same name differently each time; the first reading stands
            other = ActorKind.ORGANIZATION if kind is ActorKind.PERSON else ActorKind.PERSON
            key = self._names.get(f"{other.value}|{label.lower()}")
        return key

    def _abbreviation(self, label: str) -> str | None:
        """The one organisation already named that ``label`` abbreviates or spells out ("EU"
        and "European Union"): the same body, under the name the article gave it first (as
        across sources, kg.link.reconcile), the other an alias."""
        found = [
            a
            for a in self.actors.values()
            if a.kind is ActorKind.ORGANIZATION and same_body([label], [a.label, *a.aliases])
        ]
        if len(found) != 1:
            return None  # two bodies with those initials: the text does not say which
        actor = found[0]
        if label not in actor.aliases:
            actor.aliases.append(label)
            self._names.setdefault(f"{actor.kind.value}|{label.lower()}", actor.key)
        return actor.key

    def _index(self, key: str, label: str, kind: ActorKind) -> None:
        self._names[f"{kind.value}|{label.lower()}"] = key
        if kind is ActorKind.PERSON:
            tokens = label.split()
            # a name, not a description: "Eskom chief" indexes no names ("van der" may)
            if len(tokens) >= 2 and not any(
                t[:1].islower() and t not in lexicon.NAME_PARTICLES for t in tokens
            ):
                for t in (tokens[0], tokens[-1]):
                    self.surnames.setdefault(t.lower(), key)

    # -- resolving --------------------------------------------------------------------------

    def candidates(
        self, kinds: frozenset[ActorKind], sentence: int, before: int, gender: str | None = None
    ) -> list[str]:
        """Actors of ``kinds`` mentioned in the last sentences before offset ``before`` (for
        "he" or "she", those whose known gender does not contradict it), most salient first:
        each mention weighs its weight, halved with every sentence since."""
        scores: dict[str, float] = {}
        last: dict[str, int] = {}
        for m in self._mentions:
            if m.pos >= before or sentence - m.sentence > 6:
                continue
            if self.actors[m.key].kind not in kinds:
                continue
            if m.key in self.outlets and kinds == PEOPLE:
                continue  # "in an interview with Le Parisien, he ...": the paper is no "he"
            if gender is not None and self.gender.get(m.key, gender) != gender:
                continue
            scores[m.key] = scores.get(m.key, 0.0) + m.weight * _DECAY ** (sentence - m.sentence)
            last[m.key] = max(last.get(m.key, -1), m.pos)
        return sorted(scores, key=lambda k: (scores[k], last[k]), reverse=True)

    def salient(
        self, kinds: frozenset[ActorKind], sentence: int, before: int, gender: str | None = None
    ) -> str | None:
        """The most salient actor of ``kinds`` mentioned before offset ``before``."""
        found = self.candidates(kinds, sentence, before, gender)
        return found[0] if found else None

    def merge(self, old: str, new: str) -> None:
        """Fold actor ``old`` (a description) into ``new``: its label becomes a role."""
        if old == new or old not in self.actors:
            return
        gone = self.actors.pop(old)
        self.described.pop(old, None)
        target = self.actors[new]
        if gone.label != target.label and gone.label not in target.roles:
            target.roles.append(gone.label)
        for span in gone.mentions:
            if span not in target.mentions:
                target.mentions.append(span)
        for m in self._mentions:
            if m.key == old:
                m.key = new
        self._spoke = [(p, new if k == old else k) for p, k in self._spoke]
        self.local.discard(old)
        if old in self.outlets:
            self.outlets.discard(old)
            self.outlets.add(new)
        for name, key in list(self._names.items()):
            if key == old:
                self._names[name] = new

    def body_named(self, short: str) -> str | None:
        """The one organisation whose name starts with ``short`` ("Atlantic Delta" for
        "Atlantic Delta Petroleum"), the way news shortens a company's name."""
        if not short or len(short.split()) > 3:
            return None
        prefix = short.lower() + " "
        found = [
            k
            for k, a in self.actors.items()
            if a.kind is ActorKind.ORGANIZATION and a.label.lower().startswith(prefix)
        ]
        return found[0] if len(found) == 1 else None

    def mentions_of(self, key: str) -> list[_Mention]:
        return [m for m in self._mentions if m.key == key]

    def spoke(self, key: str, pos: int) -> None:
        """Record that ``key`` made or relayed a claim at ``pos`` ("the report adds" -> it)."""
        self._spoke.append((pos, key))

    def last_speaker(self, kinds: frozenset[ActorKind], before: int) -> str | None:
        best = [(p, k) for p, k in self._spoke if p < before and self.actors[k].kind in kinds]
        return max(best)[1] if best else None

    def last_speaker_of_gender(self, gender: str, before: int) -> str | None:
        """The person of ``gender`` (by the text, else by their given name) who last spoke
        before ``before``, however long ago: whom "she said" means when no woman is in
        view."""
        best = [
            (p, k)
            for p, k in self._spoke
            if p < before
            and self.actors[k].kind is ActorKind.PERSON
            and self.gender.get(k, name_gender(self.actors[k].label)) == gender
            and k not in self.local
        ]
        return max(best)[1] if best else None

    def by_label(
        self,
        noun: str,
        kinds: frozenset[ActorKind],
        before: int,
        modifiers: frozenset[str] = frozenset(),
        after: int = -1,
    ) -> str | None:
        """The actor of ``kinds`` last mentioned before ``before`` whose name or roles contain
        ``noun`` ("the council" -> Powys County Council, "the carmaker" -> Nordwagen)."""
        best: str | None = None
        best_pos = -1
        for m in self._mentions:
            if m.pos >= before or m.pos <= best_pos or m.pos < after:
                continue
            actor = self.actors[m.key]
            if actor.kind not in kinds:
                continue
            words = {w.lower() for w in actor.label.split()}
            if not modifiers <= words:  # "the county government" is not the national one
                continue
            if m.key in self.local or actor.label.islower():
                # an unnamed actor is what its head noun says: "coast guard vessels" are
                # vessels, not "the coast guard"
                words = {_head_word(actor.label)}
            for r in actor.roles:
                words.update(w.lower() for w in r.split())
            business = noun in lexicon.BUSINESS_NOUNS and bool(words & lexicon.BUSINESS_NOUNS)
            if noun in words or noun + "s" in words or business:
                best, best_pos = m.key, m.pos
        return best

    def by_role(self, noun: str, sentence: int, before: int) -> str | None:
        """The most salient person whose role mentions ``noun`` ("the minister")."""
        best: str | None = None
        best_pos = -1
        for m in self._mentions:
            if m.pos >= before or m.pos <= best_pos:
                continue
            actor = self.actors[m.key]
            if any(lexicon.role_fits(noun, r) for r in actor.roles):
                best, best_pos = m.key, m.pos
        return best


PEOPLE = frozenset({ActorKind.PERSON})
THINGS = frozenset({ActorKind.ORGANIZATION, ActorKind.GOVERNMENT, ActorKind.COUNTRY})
COLLECTIVES = frozenset({ActorKind.GROUP, ActorKind.ORGANIZATION, ActorKind.GOVERNMENT})
COUNTRIES = frozenset({ActorKind.COUNTRY, ActorKind.GOVERNMENT})
ORGS = frozenset({ActorKind.ORGANIZATION, ActorKind.GOVERNMENT, ActorKind.GROUP})
INSTITUTIONS = frozenset({ActorKind.ORGANIZATION, ActorKind.GOVERNMENT})


def kinds_for_noun(lemma: str) -> frozenset[ActorKind] | None:
    """What kind of actor a definite description with head ``lemma`` can refer to."""
    if lemma in lexicon.COUNTRY_NOUNS:
        return COUNTRIES
    if lemma in lexicon.PERSON_NOUNS:
        return PEOPLE
    if lemma in lexicon.ORG_NOUNS or lemma in lexicon.MEDIA_NOUNS:
        return ORGS
    return None


def _head_word(label: str) -> str:
    """The head noun of a description: "coast guard vessels" -> "vessels", "residents of
    Longyearbyen" -> "residents"."""
    words = label.lower().split()
    for n, w in enumerate(words):
        if w in ("of", "for", "at", "in", "from", "on") and n > 0:
            return words[n - 1]
    return words[-1] if words else ""
