"""Turn the token heading a noun phrase into an actor of the article's registry.

Named entities become people, organisations or governments (a country or its capital as the
subject of a statement is its government); pronouns and definite descriptions go to the most
salient earlier actor of a compatible kind; unnamed plurals ("rights groups") become groups.
"""

from __future__ import annotations

import re

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from kg.extract import lexicon
from kg.extract.actors import (
    COLLECTIVES,
    COUNTRIES,
    INSTITUTIONS,
    ORGS,
    PEOPLE,
    THINGS,
    Registry,
    clean_label,
    kinds_for_noun,
)
from kg.extract.attribution import is_age
from kg.model import ActorKind, Span

_NP_DROP = frozenset({"appos", "relcl", "acl", "punct", "advcl", "parataxis"})
_ORG_WORDS = lexicon.ORG_NAME_WORDS
# Where a capital acts for its government ("Beijing's abuses", "criticised Beijing"), as
# opposed to naming the city ("the capital, Port-au-Prince", "in Beijing").
_ACTING = frozenset({"nsubj", "nsubjpass", "poss", "dobj", "dative"})
_ANONYMOUS = frozenset("unidentified unnamed anonymous".split())
# words that open the names of clubs and firms: "Stade Toulousain", "Grupo Bimbo"
_ORG_FIRST_WORDS = frozenset(
    "stade club real sporting olympique racing atletico atlético dynamo grupo groupe banco".split()
)
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
# articles that open newspapers' titles: "Der Spiegel", "Le Monde", "El País"
_TITLE_ARTICLES = frozenset("der die das le la les el il lo de het".split())


class Speakers:
    """Resolves speaker (and relay) tokens against one article's registry."""

    def __init__(self, registry: Registry, text: str = "") -> None:
        self.reg = registry
        self.text = text  # the whole article: "Imboden" after "Margrit Imboden" is a surname
        self.in_headline = False  # headlines drop articles: "Junta says" is "the junta says"

    def resolve(self, tok: Token, base: int, sentence: int) -> str | None:
        """The actor key ``tok`` refers to, registering a new actor when it names one; a
        country that speaks is its government."""
        key = self._resolve(tok, base, sentence)
        if key is not None and self.reg.actors[key].kind is ActorKind.COUNTRY:
            country = self.reg.actors[key].label
            s, e = np_range(tok)
            doc = tok.doc
            span = Span(base + doc[s].idx, base + doc[e - 1].idx + len(doc[e - 1].text))
            key = self.reg.government(country, country, span, sentence)
        return key

    def _resolve(self, tok: Token, base: int, sentence: int) -> str | None:
        reg = self.reg
        pos = base + tok.idx
        lower = tok.lower_
        if tok.pos_ == "PRON" or tok.tag_ in ("PRP", "WP"):
            if lower in lexicon.PRONOUNS_PERSON:
                gender = lexicon.PRONOUN_GENDER[lower]
                found = reg.candidates(PEOPLE, sentence, pos, gender)
                if len(found) == 1 and len(reg.candidates(PEOPLE, sentence, pos)) == 1:
                    # the only person in view: the pronoun tells their gender for later
                    reg.gender.setdefault(found[0], gender)
                if (
                    not found
                    and not reg.candidates(PEOPLE, sentence, pos)
                    and any(
                        t.lemma_.lower() in lexicon.SPOKES_NOUNS
                        for t in tok.doc[tok.sent.start : tok.i]
                    )
                ):
                    # "A spokesman for the committee was quoted as saying ..., and he
                    # accused Warsaw": the body the spokesman spoke for, nobody else in view
                    last = reg.last_speaker(INSTITUTIONS, pos)
                    if last is not None and any(
                        m.sentence >= sentence for m in reg.mentions_of(last)
                    ):
                        return last
                if not found:
                    described = _person_just_described(tok)
                    if described is not None:  # "A witness ... testified. She said ..."
                        key = self._description(described, base, sentence)
                        if key is not None and reg.actors[key].kind is ActorKind.PERSON:
                            reg.gender.setdefault(key, gender)
                            return key
                return found[0] if found else None
            if lower in lexicon.PRONOUNS_THING:
                return reg.salient(THINGS, sentence, pos)
            if lower in lexicon.PRONOUNS_PLURAL:
                # '"...," they wrote': the group that spoke last, if it spoke just now
                last = reg.last_speaker(COLLECTIVES, pos)
                if last is not None and any(
                    m.sentence >= sentence - 1 for m in reg.mentions_of(last)
                ):
                    return last
                return reg.salient(COLLECTIVES, sentence, pos)
            return None
        part = self._partitive(tok, base, sentence)
        if part is not None:
            return part
        ent = entity_of(tok)
        if (
            tok.lower_ in lexicon.PERSON_NOUNS
            and tok.pos_ == "PROPN"
            and (ent is None or len(ent) == 1)
            and not any(
                c.dep_ == "compound" and c.pos_ == "PROPN" or c.dep_ == "appos"
                for c in tok.children
            )
        ):  # "CEO says", "Minister says": a title capitalised by the headline, no name
            return self._description(tok, base, sentence)
        if (
            tok.ent_type_ == "NORP"
            and tok.tag_ in ("NN", "NNP", "JJ")
            and not tok.text.endswith("s")
            and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)
            and not any(c.dep_ in ("compound", "amod") for c in tok.children)
        ):  # "the Italian told Sky Sports", "the Dutchman said": a person by nationality
            found = reg.candidates(PEOPLE, sentence, pos)
            if found:
                return found[0]
        ent = entity_of(tok)
        if ent is None:
            ent = appos_entity(tok)
            lemma = tok.lemma_.lower()
            if ent is not None and (lemma in lexicon.ORG_NOUNS or lemma in lexicon.BUSINESS_NOUNS):
                # "the carmaker Voltana": an organisation, whatever type the model gave it
                key = reg.add(
                    clean_label(ent.text), ActorKind.ORGANIZATION, _span(ent, base), sentence
                )
                reg.actors[key].kind = ActorKind.ORGANIZATION  # even if first read as a person
                s, e = np_range(tok)
                reg.add_role(key, tok.doc[s : min(e, ent.start)].text)
                return key
        if ent is not None:
            return self.entity(ent, base, sentence, as_speaker=True)
        if tok.pos_ == "PROPN" and not tok.text.islower():
            place = lexicon.country_of(tok.text)
            if place is not None and not any(c.dep_ == "compound" for c in tok.children):
                # "Lisbon insisted": a capital the model did not tag speaks for its country
                return reg.government(place[0], tok.text, Span(pos, pos + len(tok)), sentence)
            # a lower-case word tagged PROPN ("the Hungarian foreign ministry") is a description
            return self.unrecognised_name(tok, base, sentence)
        known = reg.surnames.get(tok.lower_)
        if (
            known in reg.actors
            and tok.text[:1].isupper()
            and not any(c.dep_ in ("det", "poss", "amod", "compound") for c in tok.children)
        ):  # "Anders added": a named person's surname the tagger read as a plural noun
            return reg.person(tok.text, Span(pos, pos + len(tok)), sentence, 2.0)
        name = next(
            (
                c
                for c in tok.children
                if (
                    c.dep_ == "appos"
                    # "The U.N. refugee agency, UNHCR, said": an apposition read as a modifier
                    or c.dep_ == "npadvmod"
                    and c.i > tok.i
                    and tok.doc[c.i - 1].text == ","
                )
                and (c.pos_ == "PROPN" or c.text.isupper() and len(c.text) > 1 and c.i > tok.i)
            ),
            None,
        )  # "the national rail operator SNCB": an acronym the tagger took for a noun
        if name is None:  # "The head of the UN climate secretariat, Amal Reyes, said"
            name = next(
                (
                    t
                    for t in tok.subtree
                    if (
                        t.dep_ == "appos"
                        or t.dep_ == "npadvmod"
                        and t.doc[t.left_edge.i - 1].text == ","
                    )
                    and t.pos_ == "PROPN"
                    and t.ent_type_ == "PERSON"
                    and _within_phrase(t, tok)
                ),
                None,
            )
            if name is not None:
                ent = entity_of(name)
                if ent is not None:
                    return self.entity(ent, base, sentence, as_speaker=True)
        if name is None and tok.pos_ == "NOUN":
            # "Her counterpart at the CFDT, Laurent Guichard, who has ...": the parser hung the
            # name on the wrong word, but "who" shows it names the person described
            who = next(
                (
                    t
                    for t in tok.subtree
                    if t.dep_ in ("appos", "conj")
                    and t.pos_ == "PROPN"
                    and t.doc[t.left_edge.i - 1].text == ","
                    and any(
                        r.dep_ == "relcl"
                        and any(g.lower_ == "who" and g.dep_ == "nsubj" for g in r.children)
                        for r in t.children
                    )
                ),
                None,
            )
            if who is not None and tok.lemma_.lower() not in lexicon.ORG_NOUNS:
                s = who.left_edge.i
                doc = tok.doc
                name_span = doc[s : who.i + 1]
                return self.reg.person(
                    name_span.text,
                    Span(base + name_span.start_char, base + name_span.end_char),
                    sentence,
                    2.0,
                )
        if name is not None:  # "the group Last Generation", "the carmaker Voltana"
            lemma = tok.lemma_.lower()
            org = lemma in lexicon.ORG_NOUNS or lemma in lexicon.BUSINESS_NOUNS
            person = lemma in lexicon.PERSON_NOUNS or lemma in lexicon.KIN_NOUNS
            key = self.unrecognised_name(
                name,
                base,
                sentence,
                ActorKind.ORGANIZATION if org else ActorKind.PERSON if person else None,
            )
            s, e = np_range(tok)
            self.reg.add_role(key, tok.doc[s : min(e, name.left_edge.i)].text)
            return key
        calling = _calling_itself(tok)
        if calling is not None:  # "A ransomware gang calling itself Nullsector": Nullsector
            return self.unrecognised_name(calling, base, sentence, ActorKind.ORGANIZATION)
        known = self._known_as(tok, base, sentence)
        if known is not None:
            return known
        named = _media_name(tok)
        if named is not None:  # "the Interfax news agency" is Interfax
            return self.unrecognised_name(named, base, sentence, ActorKind.ORGANIZATION)
        if tok.lemma_.lower() in lexicon.DOCUMENT_NOUNS | {"lawsuit", "complaint", "petition"}:
            author = _author_of(tok)
            if author is not None:  # "the lawsuit filed by the family claims": the family
                return self.resolve(author, base, sentence)
        if is_age(tok):  # "the 54-year-old said": the person in view
            return reg.salient(PEOPLE, sentence, pos)
        if tok.lemma_.lower() in lexicon.SPOKES_NOUNS:
            spoken_for = self._spoken_for(tok, base, sentence)
            if spoken_for is None and not any(c.dep_ == "prep" for c in tok.children):
                # "The government said ... A spokesperson added": the body that just spoke
                last = reg.last_speaker(INSTITUTIONS, pos)
                if last is not None and any(
                    m.sentence >= sentence - 2 for m in reg.mentions_of(last)
                ):
                    spoken_for = last
            if spoken_for is not None:
                return spoken_for
        if (
            tok.tag_ == "NN"
            and tok.text[:1].isupper()
            and tok.i == tok.sent.start
            and not self.in_headline
            and not any(c.dep_ in ("det", "poss") for c in tok.children)
            and tok.lemma_.lower()
            not in lexicon.NOT_SPEAKERS
            | lexicon.FINDING_NOUNS
            | lexicon.COLLECTIVE_NOUNS
            | lexicon.PERSON_NOUNS
            | lexicon.ORG_NOUNS
        ):
            # "Arianespace said": a bare singular noun opening the sentence is a name the
            # tagger did not know (English needs "the" before a common one)
            return self.unrecognised_name(tok, base, sentence)
        return self._description(tok, base, sentence)

    def outlet(self, tok: Token, base: int, sentence: int) -> str | None:
        """The media outlet an addressee names ("told the Jakarta Post", "told the
        newspaper"), or None for other addressees (reporters, the court, lawmakers)."""
        key = self._outlet(tok, base, sentence)
        if key is not None:
            self.reg.outlets.add(key)
            actor = self.reg.actors[key]
            if actor.kind is ActorKind.PERSON and key not in self.reg.gender:
                actor.kind = ActorKind.ORGANIZATION  # "Le Parisien", typed a person's name
        return key

    def _outlet(self, tok: Token, base: int, sentence: int) -> str | None:
        if tok.lower_ in lexicon.PRESS_AUDIENCE:
            return None  # "told MPs", "told reporters": who heard it, no intermediary
        ent = entity_of(tok)
        if ent is not None:
            if ent.label_ == "PERSON" and (
                len(ent) == 1
                and ent[0].lower_ not in self.reg.surnames
                or len(ent) == 2
                and ent[0].lower_ in _TITLE_ARTICLES
            ):  # "seen by Handelsblatt", "with Der Spiegel": a paper's title typed a person
                return self.entity(ent, base, sentence, as_speaker=True)
            if ent.label_ != "ORG" or {t.lower_ for t in ent} & lexicon.BODY_WORDS:
                return None
            return self.entity(ent, base, sentence)
        lemma = tok.lemma_.lower()
        if (tok.pos_ == "PROPN" or tok.text[:1].isupper() and tok.i > tok.sent.start) and not any(
            c.dep_ == "det" for c in tok.children
        ):  # "told L’Équipe" (tagged a common noun)
            return self.unrecognised_name(tok, base, sentence, kind=ActorKind.ORGANIZATION)
        named = _media_name(tok)
        if named is not None:  # "told the Finnish broadcaster Yle"
            return self.unrecognised_name(named, base, sentence, kind=ActorKind.ORGANIZATION)
        if lemma in lexicon.MEDIA_NOUNS and lemma != "report":
            return self.reg.last_speaker(ORGS, base + tok.idx) or self.reg.salient(
                ORGS, sentence, base + tok.idx
            )
        return None

    def _known_as(self, tok: Token, base: int, sentence: int) -> str | None:
        """ "The group's commander, known by his alias "Antonio", said": the text names the
        one it describes, so they are one actor, the name's, with the description as a role
        (and a "he" after it is that one person)."""
        name = _name_given(tok)
        lemma = tok.lemma_.lower()
        if name is None:
            return None
        if lexicon.is_person_noun(lemma) or lemma in lexicon.KIN_NOUNS:
            kind = ActorKind.PERSON
        elif lemma in lexicon.ORG_NOUNS or lemma in lexicon.BUSINESS_NOUNS:
            kind = ActorKind.ORGANIZATION
        else:
            return None
        key = self.unrecognised_name(name, base, sentence, kind)
        if self.reg.actors[key].kind is not kind:
            return None
        s, e = np_range(tok)
        self.reg.add_role(key, tok.doc[s:e].text)
        return key

    def _spoken_for(self, tok: Token, base: int, sentence: int) -> str | None:
        """The organisation a spokesperson speaks for: "for X", "of X", or "a police/State
        Department spokesman"."""
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ in ("for", "of", "at"):
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        return self.resolve(pobj, base, sentence)
        mods = [c for c in tok.children if c.dep_ in ("compound", "poss", "nmod") and c.i < tok.i]
        for m in mods:
            ent = entity_of(m)
            if ent is not None and ent.label_ in ("ORG", "GPE", "NORP"):
                return self.entity(ent, base, sentence, as_speaker=True)
            if ent is not None and ent.label_ == "PERSON" and m.dep_ == "compound":
                # "a Chelsea spokesperson": whoever the model took the name for, a
                # spokesperson speaks for a body
                return self.unrecognised_name(m, base, sentence, ActorKind.ORGANIZATION)
        for m in mods:
            lemma = m.lemma_.lower()
            if m.pos_ == "NOUN" and (
                lemma in lexicon.ORG_NOUNS or lemma in lexicon.COLLECTIVE_NOUNS
            ):
                pos = base + m.idx
                # "a police spokesman" -> the police force the article named ("Bonn police")
                for key in reversed(list(self.reg.actors)):
                    actor = self.reg.actors[key]
                    if (
                        lemma in actor.label.lower().split()
                        and actor.mentions
                        and actor.mentions[0].start < pos
                    ):
                        return key
        return None

    def entity(
        self,
        ent: SpacySpan,
        base: int,
        sentence: int,
        as_speaker: bool = False,
        weight: float | None = None,
    ) -> str | None:
        """Register a named-entity mention; None for entity types that are not actors."""
        reg = self.reg
        span = _span(ent, base)
        text = ent.text
        label = ent.label_
        if not as_speaker and not _actor_like(ent):
            return None
        seat = lexicon.SEATS.get(text.lower())
        if seat is not None and not _is_location(ent):  # "Brussels said" -> the EU
            return reg.add(seat, ActorKind.ORGANIZATION, span, sentence, alias=text)
        described_as = _appositions(ent)  # before the name grows: the parse is of the words
        org_by_text = _apposed_to(ent, lexicon.ORG_NOUNS | lexicon.BUSINESS_NOUNS)
        ent = _with_coordination(_with_number(_with_tail(ent)))
        span, text = _span(ent, base), ent.text
        if label == "ORG" and org_by_text:
            pass  # "the mine's largest union, Sindicato No. 1": an organisation by the text
        elif (
            label == "ORG"
            and len(ent) > 2
            and ent[-1].text.rstrip(".") in lexicon.POST_NOMINALS
            and (_apposed_to_person(ent) or looks_like_person(ent[:-1]))
        ):
            label = "PERSON"  # "Siobhan Geraghty SC", typed an organisation for its rank
        elif label == "ORG" and (looks_like_person(ent) or self._known_surname(ent)):
            label = "PERSON"  # "Ricardo Almeida", "Ferreira" typed as organisations
        elif (
            label in ("GPE", "LOC", "FAC", "NORP")
            and self._known_surname(ent)
            and lexicon.country_of(clean_label(text)) is None
        ):
            label = "PERSON"  # "Imboden laughs": a named person's surname typed as a place
        elif label in ("GPE", "LOC", "FAC") and _person_subject(ent):
            label = "PERSON"  # "Margrit Imboden was 16 when she first led": typed FAC
        elif label in ("GPE", "LOC", "FAC", "NORP") and _apposed_to_person(ent):
            # "The ambassador, Gergely Varsanyi, was quoted": the model typed the surname a
            # place and left the first name out
            label = "PERSON"
            ent = _with_first_names(ent)
            span, text = _span(ent, base), ent.text
        named = [t for t in ent if t.dep_ != "det"]
        if label == "ORG" and len(named) == 1 and named[0].tag_ == "NNPS":
            label = "NORP"  # "the Uighurs": a people, not an organisation
        if label in ("PERSON", "ORG", "GPE", "LOC", "FAC"):
            fuller = reg.body_named(clean_label(text))
            if fuller is not None:  # "Atlantic Delta" after "Atlantic Delta Petroleum"
                reg.add(reg.actors[fuller].label, ActorKind.ORGANIZATION, span, sentence)
                return fuller
        if (
            label in ("PERSON", "LOC", "FAC", "GPE")
            and len(ent) > 1
            and (ent[-1].lower_ in _ORG_WORDS or ent[0].lower_ in _ORG_FIRST_WORDS)
            and lexicon.country_of(clean_label(text)) is None
        ):
            label = "ORG"  # "Amnesty International", "Kenya Wildlife Service Council"
        if label == "PERSON":
            if lexicon.country_of(clean_label(text)) is not None:
                label = "GPE"  # the small model sometimes tags countries as people
            else:
                honours = ""
                if len(ent) > 1 and ent[-1].text.rstrip(".") in lexicon.POST_NOMINALS:
                    # "Aoife Brennan SC": the rank is a role; the model may have left the
                    # first name out of a name it ended with one
                    honours = ent[-1].text
                    ent = _with_first_names(ent.doc[ent.start : ent.end - 1])
                    span, text = _span(ent, base), ent.text
                toks = list(ent)
                while len(toks) > 2 and toks[0].lower_.rstrip(".") in lexicon.TITLES:
                    toks = toks[1:]  # "Farmer Lucia Mendes", "Dr Amir Haddad": a title
                if len(toks) < len(ent):
                    first = toks[0]
                    span = Span(base + first.idx, span.end)
                    text = ent.doc[first.i : ent.end].text
                if weight is None:
                    weight = 2.0 if as_speaker or is_topic(ent) else 1.0
                key = reg.person(text, span, sentence, weight)
                if len(toks) < len(ent):
                    reg.add_role(key, ent.doc[ent.start : toks[0].i].text)
                if honours:
                    reg.add_role(key, honours)
                return key
        if label in ("GPE", "NORP", "LOC", "FAC", "ORG"):
            place = lexicon.country_of(clean_label(text))
            if place is None and label != "ORG" and as_speaker and looks_like_person(ent):
                return reg.person(text, span, sentence, 2.0)
            if place is not None and label != "NORP":
                country, is_capital = place
                if as_speaker or (is_capital and ent.root.dep_ in _ACTING):
                    return reg.government(country, clean_label(text), span, sentence)
                return reg.add(country, ActorKind.COUNTRY, span, sentence)
            if (
                label == "ORG"
                and not as_speaker
                and _is_location(ent)
                and ent.root.head.lower_ in ("in", "near", "outside", "across", "around")
                and len(ent) == 1
                and ent[0].lower_ not in _ORG_WORDS
            ):
                return None  # "a youth leader in Otuabagi": a village the model took for a body
            if label == "ORG":
                key = reg.add(_org_label(ent), ActorKind.ORGANIZATION, span, sentence)
                for role in _descriptors(ent) + described_as:
                    reg.add_role(key, role)
                acronym = _acronym_after(ent)
                if acronym is not None:
                    reg.add_alias(key, acronym)
                return key
            if as_speaker and label == "GPE":
                return reg.add(clean_label(text), ActorKind.GOVERNMENT, span, sentence)
            if as_speaker and label == "NORP":
                return reg.add(clean_label(text), ActorKind.GROUP, span, sentence)
        if as_speaker and ent.root.pos_ == "PROPN":  # a name the model typed oddly (FAC, ...)
            return self.unrecognised_name(ent.root, base, sentence)
        return None

    def _named_in_full(self, word: str, before: int) -> bool:
        """Whether the article calls someone "<First> <word>" before offset ``before``."""
        pattern = rf"\b[A-Z][\w'’.-]*\s+{re.escape(word)}\b"
        return re.search(pattern, self.text[:before]) is not None

    def _known_surname(self, ent: SpacySpan) -> bool:
        toks = [t for t in ent if not t.is_punct]
        if len(toks) == 1:
            return toks[0].lower_ in self.reg.surnames
        tail = " " + " ".join(t.text for t in toks).lower()  # "Ó Súilleabháin", "de la Cruz"
        return any(
            a.kind is ActorKind.PERSON and a.label.lower().endswith(tail)
            for a in self.reg.actors.values()
        )

    def unrecognised_name(
        self, tok: Token, base: int, sentence: int, kind: ActorKind | None = None
    ) -> str:
        toks = [tok]
        stack = [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
        while stack:  # "Human Rights Watch": compounds of compounds
            t = stack.pop()
            toks.append(t)
            stack += [c for c in t.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
        toks.sort(key=lambda t: t.i)
        start, end = toks[0].i, toks[-1].i + 1
        doc = tok.doc
        inner = _name_with_preposition(tok)
        if inner is not None:  # "Action on Sugar", "Friends of the Earth": an organisation
            end, kind = inner, ActorKind.ORGANIZATION
        acronym = None
        bracket = next((t.i for t in doc[start:end] if t.text == "("), None)
        if bracket is not None and bracket > start:  # "UK Anti-Doping (UKAD)": name, alias
            acronym = doc[bracket + 1 : end].text.strip("() ") or None
            end = bracket
        text = doc[start:end].text
        span = Span(base + doc[start].idx, base + doc[end - 1].idx + len(doc[end - 1].text))
        words = {t.lower_ for t in toks}
        single = len(toks) == 1 and end - start == 1
        if (
            single
            and tok.lower_ not in self.reg.surnames
            and kind is None
            and not self._named_in_full(tok.text, base + tok.idx)
        ):
            # one unknown word: people are named in full before they go by one name, so a
            # bare "Arianespace" or "Loopr" is a body
            kind = ActorKind.ORGANIZATION
        if kind is ActorKind.ORGANIZATION or words & _ORG_WORDS or len(toks) > 4 or acronym:
            key = self.reg.add(clean_label(text), ActorKind.ORGANIZATION, span, sentence)
            if acronym:
                self.reg.add_alias(key, acronym)
            return key
        return self.reg.person(text, span, sentence, 2.0)

    def _description(self, tok: Token, base: int, sentence: int) -> str | None:
        """A noun phrase with no name: refer back ("the airline", "the minister") or make an
        unnamed actor ("rights groups", "a police officer", "her brother")."""
        reg = self.reg
        lemma = tok.lemma_.lower()
        start, end = np_range(tok)
        doc = tok.doc
        np_toks = doc[start:end]
        span = Span(base + doc[start].idx, base + doc[end - 1].idx + len(doc[end - 1].text))
        pos = base + tok.idx
        dets = [c for c in tok.children if c.dep_ in ("det", "poss")]
        owner = next((d for d in dets if d.dep_ == "poss" and d.pos_ == "PRON"), None)
        definite = (
            owner is not None
            or any(d.lower_ in _DEFINITE for d in dets)
            # "South Korea's main opposition party": one particular body, as "the" would say
            or any(d.dep_ == "poss" and d.pos_ == "PROPN" for d in dets)
            or self.in_headline
            and not dets
        )
        specific = any(
            t.pos_ == "PROPN" or t.dep_ in ("prep", "nmod") or t.dep_ == "poss" and t.pos_ != "PRON"
            for t in np_toks
            if t.i != tok.i
        )
        if lemma in lexicon.MEASURE_NOUNS:
            return None  # "8 million times", "40 percent": nobody
        plural = tok.tag_ in ("NNS", "NNPS") or lemma in lexicon.COLLECTIVE_NOUNS
        kin = lemma in lexicon.KIN_NOUNS
        if plural and any(t.lower_ in ("both", "two") for t in np_toks if t.i < tok.i):
            pair = self._pair(lemma, sentence, pos, span)
            if pair is not None:  # "both clubs said": the two clubs just named
                return pair
        if definite and not specific and (not plural or lemma in lexicon.MEDIA_NOUNS) and not kin:
            bare = end - start <= 2  # just "the airline": may go to the salient organisation
            # "the interior ministry", "the Italian ministry": not another country's ministry
            mods = frozenset(
                t.lower_
                for t in np_toks
                if t.dep_ == "compound"
                and t.pos_ == "NOUN"
                or t.dep_ == "amod"
                and t.ent_type_ in ("NORP", "GPE")
            )
            key = self._refer_back(lemma, sentence, pos, bare, mods)
            if key is not None:
                reg.add(reg.actors[key].label, reg.actors[key].kind, span, sentence)
                return key
        named = [t for t in np_toks if t.i < tok.i and t.dep_ == "compound" and t.ent_type_]
        if (
            lemma in lexicon.ORG_NOUNS
            and not plural
            and named
            and named[-1].i == tok.i - 1
            and named[-1].ent_type_ in ("ORG", "NORP")
        ):
            # "the opposition Congress party": the Congress party, in opposition
            ent = entity_of(named[-1])
            if (
                ent is not None
                and ent.start >= start
                and lexicon.country_of(clean_label(ent.text)) is None
                and lemma not in ("government", "administration", "cabinet")
            ):
                key = reg.add(
                    clean_label(f"{ent.text} {tok.text}"), ActorKind.ORGANIZATION, span, sentence
                )
                role = " ".join(t.text for t in doc[start : ent.start] if t.dep_ != "det")
                if role:
                    reg.add_role(key, role)
                return key
        label = clean_label(np_toks.text)
        first = next((t for t in np_toks if t.lower_ not in ("the", "a", "an")), None)
        if (
            first is not None
            and first.is_sent_start is not False
            and first.pos_ != "PROPN"
            and not first.ent_type_
        ):
            # "Officials said": the capital is the sentence's, not the name's
            if label.startswith(first.text) and first.text[1:].islower():
                label = first.text.lower() + label[len(first.text) :]
        if owner is not None and kin:  # "her brother" -> "brother of Nasrin Karimi"
            whose = self.resolve(owner, base, sentence) if owner.lower_ != "its" else None
            if whose is not None and reg.actors[whose].kind is ActorKind.PERSON:
                label = f"{tok.text} of {reg.actors[whose].label}"
        if not label:
            return None
        # no name in the description: an actor of this article only
        unnamed = not any(t.pos_ == "PROPN" or t.ent_type_ for t in np_toks)
        if plural:
            key = reg.add(label, ActorKind.GROUP, span, sentence)
            if unnamed:
                reg.local.add(key)
            return key
        person = lexicon.is_person_noun(lemma) or kin
        if (
            person
            or lemma in lexicon.GROUP_NOUNS
            and lemma
            not in lexicon.ORG_NOUNS
            | {
                "agency",
                "media",
                "ngo",
                "authority",
            }
        ):  # "a witness", "an activist"; but "the agency" is a body
            key = reg.add(label, ActorKind.PERSON, span, sentence)
        elif lemma in ("government", "administration", "cabinet"):
            country = next(
                (
                    lexicon.country_of(t.text)
                    for t in np_toks
                    if t.dep_ in ("compound", "amod", "poss") and lexicon.country_of(t.text)
                ),
                None,
            )
            if country is None:
                ent = next((e for e in doc.ents if e.start >= start and e.end <= tok.i), None)
                country = lexicon.country_of(ent.text) if ent is not None else None
            if country is not None:  # "the Sierra Leone government": the country's
                return reg.government(country[0], np_toks.text, span, sentence)
            key = reg.add(label, ActorKind.GOVERNMENT, span, sentence)  # "the Welsh government"
        elif lemma in lexicon.ORG_NOUNS or lemma in lexicon.MEDIA_NOUNS:
            key = reg.add(label, ActorKind.ORGANIZATION, span, sentence)
        elif (
            definite
            and not (self.in_headline and not dets)
            and tok.pos_ == "NOUN"
            and lemma not in lexicon.NOT_SPEAKERS
        ):
            # "the utility said", "the watchdog warned": who speaks is some body we have no
            # word for; things that "say" (the law, the data) are listed in NOT_SPEAKERS
            key = reg.add(label, ActorKind.ORGANIZATION, span, sentence)
        else:
            return None
        anonymous = any(t.lower_ in _ANONYMOUS for t in np_toks)
        reg.described.setdefault(key, (lemma, definite and not anonymous and not kin))
        if unnamed:
            reg.local.add(key)
        return key

    def _partitive(self, tok: Token, base: int, sentence: int) -> str | None:
        """ "One of them told Reuters" -> the group just named; "two of the big four banks
        said" -> that part of a group, as a group of its own."""
        if tok.lower_ not in _PARTS or tok.pos_ not in ("NUM", "PRON", "NOUN", "ADJ", "DET"):
            return None
        whole = next(
            (
                g
                for p in tok.children
                if p.dep_ == "prep" and p.lower_ == "of"
                for g in p.children
                if g.dep_ == "pobj"
            ),
            None,
        )
        if whole is None:
            return None
        named = next((c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        ent = entity_of(named) if named is not None else None
        if ent is not None:  # "One of the injured workers, Luis Ortega, was quoted": him
            return self.entity(ent, base, sentence, as_speaker=True)
        described = next((c for c in tok.children if c.dep_ == "appos" and c.pos_ == "NOUN"), None)
        if described is not None:  # "One of them, a former minister, said": that person
            return self._description(described, base, sentence)
        if whole.pos_ == "PRON":
            return self.resolve(whole, base, sentence)
        s, e = np_range(tok)
        doc = tok.doc
        s = tok.i  # "two of the big four banks": the number is the point, keep it
        label = f"{tok.lower_} {clean_label(doc[s + 1 : e].text)}"
        span = Span(base + doc[s].idx, base + doc[e - 1].idx + len(doc[e - 1].text))
        key = self.reg.add(label, ActorKind.GROUP, span, sentence)
        self.reg.local.add(key)
        return key

    def _pair(self, lemma: str, sentence: int, pos: int, span: Span) -> str | None:
        """ "Both clubs", "the two companies": a group of the two actors of that kind most in
        view, when the text has named exactly such a pair."""
        kinds = kinds_for_noun(lemma)
        if kinds is ORGS or lemma in lexicon.BUSINESS_NOUNS:
            kinds = INSTITUTIONS  # two clubs, two companies: not "officials" or an outlet
        if kinds is None:
            return None
        found = [
            k
            for k in self.reg.candidates(kinds, sentence, pos)
            if k not in self.reg.outlets
            and any(sentence - m.sentence <= 1 for m in self.reg.mentions_of(k))
        ]
        if len(found) != 2:
            return None  # only when the pair just named is the only one in view
        first, second = sorted(found[:2], key=lambda k: self.reg.actors[k].mentions[0].start)
        label = f"{self.reg.actors[first].label} and {self.reg.actors[second].label}"
        return self.reg.add(label, ActorKind.GROUP, span, sentence)

    def _refer_back(
        self, lemma: str, sentence: int, pos: int, bare: bool, mods: frozenset[str] = frozenset()
    ) -> str | None:
        """What "the <lemma>" refers to: an actor so named or described, else the most
        salient actor of the kind the noun suggests."""
        reg = self.reg
        if lemma in lexicon.MEDIA_NOUNS and lemma != "agency":
            # "the report adds", "the paper said": the outlet last quoted
            return reg.last_speaker(ORGS, pos) or reg.salient(ORGS, sentence, pos)
        if lemma in lexicon.COUNTRY_NOUNS:
            return reg.by_label(lemma, COUNTRIES, pos) or reg.salient(COUNTRIES, sentence, pos)
        if lemma in lexicon.PERSON_NOUNS:
            # the person of that role, else the one in view, unless the text gave them
            # another role ("the president" is not the county prosecutor just named)
            return reg.by_role(lemma, sentence, pos) or next(
                (
                    k
                    for k in reg.candidates(PEOPLE, sentence, pos)
                    if lemma in lexicon.GENERIC_PERSON_NOUNS
                    or not reg.actors[k].roles
                    and reg.described.get(k, (lemma,))[0] == lemma
                ),
                None,
            )
        if lemma in lexicon.GROUP_NOUNS and lemma not in lexicon.ORG_NOUNS:
            return None
        # "the council", "the airline", "the carmaker": an organisation named before
        key = reg.by_label(lemma, INSTITUTIONS, pos, mods)
        if key is None and bare and lemma in lexicon.ORG_NOUNS and lemma not in _FORCES:
            # the most salient body, but not one only known by another noun: "the company"
            # is not the "union" of the headline; "the army" is the country's own, not the
            # aid agency or militia last named
            key = next(
                (
                    k
                    for k in reg.candidates(INSTITUTIONS, sentence, pos)
                    if reg.described.get(k, (lemma, True))[0] == lemma
                    and not _other_body(reg.actors[k].label, lemma, reg.actors[k].roles)
                    and (k not in reg.outlets or lemma in lexicon.MEDIA_NOUNS)
                ),
                None,
            )
        return key


def _calling_itself(tok: Token) -> Token | None:
    """The name in "a group calling itself X", "a militia that calls itself X"."""
    for c in tok.children:
        if c.dep_ in ("acl", "relcl") and c.lemma_.lower() == "call":
            if any(g.lower_ in ("itself", "themselves") for g in c.children):
                return next(
                    (g for g in c.children if g.dep_ in ("oprd", "xcomp") and g.pos_ == "PROPN"),
                    None,
                )
    return None


# participles that give a name: "known as", "known by his alias", "named", "nicknamed"
_NAMING_VERBS = frozenset("know name nickname dub identify".split())
# what a name is given as: "known by his alias X", "known by the nom de guerre X"
_NAME_NOUNS = frozenset("alias name nickname pseudonym guerre".split())


def _name_given(tok: Token) -> Token | None:
    """The name a participle gives the noun ``tok`` heads: "the commander, known by his
    alias "Antonio"", "a spokesman identified as Ali Musa", "a ship named Severny Veter"."""
    for c in tok.children:
        if c.dep_ != "acl" or c.tag_ != "VBN" or c.lemma_.lower() not in _NAMING_VERBS:
            continue
        for g in c.children:
            if g.dep_ == "oprd" and g.pos_ == "PROPN":  # "named Severny Veter"
                return g
            if g.dep_ in ("prep", "agent") and g.lower_ in ("as", "by"):
                for o in g.children:
                    if o.dep_ != "pobj":
                        continue
                    if o.pos_ == "PROPN" and g.lower_ == "as":  # "known as Antonio"
                        return o
                    if o.lemma_.lower() in _NAME_NOUNS:  # "known by his alias Antonio"
                        return next(
                            (a for a in o.children if a.dep_ == "appos" and a.pos_ == "PROPN"),
                            None,
                        )
    return None


def _person_just_described(pron: Token) -> Token | None:
    """The subject of the sentence before, when it is a person known only by a description
    ("A witness, identified only as ..., testified") and nobody named is in view."""
    sent = pron.sent
    if sent.start == 0:
        return None
    before = pron.doc[sent.start - 1].sent
    return next(
        (
            t
            for t in before
            if t.dep_ == "nsubj"
            and t.head.dep_ == "ROOT"
            and t.pos_ == "NOUN"
            and lexicon.is_person_noun(t.lemma_.lower())
            and not t.ent_type_
        ),
        None,
    )


def _within_phrase(t: Token, head: Token) -> bool:
    """``t`` hangs on ``head`` through prepositions, nouns and participles ("the prosecutor
    leading the inquiry, Alessandra Ferri"), not through another apposition, relative clause
    or agent ("the union ..., a charge repeated by ..., Jonas Reiter")."""
    node = t.head
    while node.i != head.i:
        if node.dep_ in ("appos", "relcl", "agent", "advcl") or node.head.i == node.i:
            return False
        node = node.head
    return True


def _author_of(doc_noun: Token) -> Token | None:
    """Who wrote or filed a document: "a report by X", "the lawsuit filed by X"."""
    for c in doc_noun.children:
        if c.dep_ == "prep" and c.lower_ in ("by", "from"):
            return next((g for g in c.children if g.dep_ == "pobj"), None)
        if c.dep_ == "acl":
            for agent in c.children:
                if agent.dep_ == "agent":
                    return next((g for g in agent.children if g.dep_ == "pobj"), None)
    return None


def _media_name(tok: Token) -> Token | None:
    """The outlet's own name next to a media noun: "the Interfax news agency", "the Finnish
    broadcaster Yle" (the parser may split the name off as a second object)."""
    if tok.lemma_.lower() not in lexicon.MEDIA_NOUNS or tok.lemma_.lower() == "report":
        return None
    doc = tok.doc
    after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    while (  # "broadcaster Al Jadeed": the name's head is its last word
        after is not None
        and after.dep_ == "compound"
        and after.head.pos_ == "PROPN"
        and after.head.i > after.i
    ):
        after = after.head
    if after is not None and after.pos_ == "PROPN" and after.dep_ in ("appos", "dobj", "pobj"):
        return after
    names = [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
    return names[-1] if names and names[-1].ent_type_ == "ORG" else None


def _acronym_after(ent: SpacySpan) -> str | None:
    """ "the Korean Central News Agency (KCNA)": the short form the text gives a name."""
    doc = ent.doc
    if ent.end + 2 >= len(doc) or doc[ent.end].text != "(" or doc[ent.end + 2].text != ")":
        return None
    short = doc[ent.end + 1].text
    initials = "".join(t.text[0] for t in ent if t.dep_ != "det" and t.text[:1].isupper())
    if not (short.isupper() and 2 <= len(short) <= 8 and short[0] == initials[:1]):
        return None
    return short


_FORCES = frozenset("army military police navy force".split())


def _other_body(label: str, noun: str, roles: list[str] | None = None) -> bool:
    """ "Union" (a headline's bare noun), or "the mine's largest union, Sindicato No. 1", is
    not what "the company" refers to."""
    nouns = lexicon.ORG_NOUNS | lexicon.GROUP_NOUNS | lexicon.BUSINESS_NOUNS
    for name in [label, *(roles or [])]:
        words = name.lower().split()
        head = words[-1].rstrip("s") if words else ""
        if head in nouns and head != noun:
            business = head in lexicon.BUSINESS_NOUNS and noun in lexicon.BUSINESS_NOUNS
            if not business:
                return True
    return False


def entity_of(tok: Token) -> SpacySpan | None:
    """The named entity (person, organisation, place, group) ``tok`` belongs to, if any."""
    if tok.ent_type_ not in ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"):
        return None
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end:
            return _comma_part(ent, tok)
    return None


def _comma_part(ent: SpacySpan, tok: Token) -> SpacySpan:
    """ "Cochabamba, Rosa Quispe" tagged as one entity where the parser sees a place and a
    name in apposition: the part ``tok`` is in."""
    commas = [t.i for t in ent if t.text == "," and t.dep_ == "punct"]
    if not commas or not any(t.dep_ == "appos" and t.head in ent for t in ent):
        return ent
    start = max((i + 1 for i in commas if i < tok.i), default=ent.start)
    end = min((i for i in commas if i > tok.i), default=ent.end)
    return SpacySpan(tok.doc, start, end, label=ent.label_) if start < end else ent


def appos_entity(tok: Token) -> SpacySpan | None:
    """ "China's top diplomat, Wang Yi": the named apposition of a description."""
    for c in tok.children:
        if c.dep_ == "appos" and c.pos_ == "PROPN":
            ent = entity_of(c)
            if ent is not None and ent.label_ in ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"):
                return ent
    return None


def looks_like_person(ent: SpacySpan) -> bool:
    """ "Amara Okafor" typed GPE, "Ricardo Almeida" typed ORG: two or three capitalised proper
    nouns, none plural, in capitals or an organisation word, with no article before them."""
    toks = [t for t in ent if not t.is_punct]
    if ent.start > 0 and ent.doc[ent.start - 1].lower_ == "the":
        return False
    return (
        2 <= len(toks) <= 3
        and all(
            t.pos_ == "PROPN"
            and t.text[:1].isupper()
            and not t.text.isupper()
            and t.tag_ != "NNPS"
            and t.lower_ not in lexicon.ORG_NOUNS
            for t in toks
        )
        and not {t.lower_ for t in toks} & _ORG_WORDS
        and lexicon.country_of(toks[-1].text) is None
    )


def is_topic(ent: SpacySpan) -> bool:
    """The main clause's subject, or the sentence's first words: the person a following
    "she said" most likely continues with (centering), so it weighs as much as a speaker."""
    root = ent.root
    return ent.start == ent.sent.start or (
        root.dep_ in ("nsubj", "nsubjpass") and root.head.i == ent.sent.root.i
    )


def _person_subject(ent: SpacySpan) -> bool:
    """A person-like name typed as a place, shown to be a person by the text itself: it is a
    clause subject and a "she"/"he"/"her"/"his" follows in its sentence or the next."""
    if ent.root.dep_ not in ("nsubj", "nsubjpass") or not looks_like_person(ent):
        return False
    if lexicon.country_of(clean_label(ent.text)) is not None:
        return False
    doc = ent.doc
    sents = list(doc.sents)
    n = next(k for k, s in enumerate(sents) if s.start <= ent.start < s.end)
    end = sents[n + 1].end if n + 1 < len(sents) else sents[n].end
    return any(t.lower_ in lexicon.PRONOUN_GENDER for t in doc[ent.end : end])


# Words that take a part of a group: "one of them", "two of the banks", "most of the MPs".
_PARTS = frozenset("one two three four some many most several all both half none".split())
_NAME_PREPS = frozenset("on of for against without".split())


def _name_with_preposition(tok: Token) -> int | None:
    """End of a title-case name that runs on through a preposition ("Action on Sugar",
    "Doctors Without Borders"): every word capitalised but the preposition and "the"."""
    doc = tok.doc
    i = tok.i + 1
    if i >= len(doc) or doc[i].lower_ not in _NAME_PREPS or doc[i].head.i != tok.i:
        return None
    i += 1
    if i < len(doc) and doc[i].lower_ == "the":
        i += 1
    end = i
    while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
        end += 1
    return end if end > i else None


def _apposed_to_person(ent: SpacySpan) -> bool:
    """A name that is not a known place, in apposition with a person noun ("the ambassador,
    X," / "X, the ambassador,")."""
    if lexicon.country_of(clean_label(ent.text)) is not None:
        return False
    # "Maryam, a 42-year-old who sells ...": an age is a person too
    return any(lexicon.is_person_noun(t.lemma_.lower()) or is_age(t) for t in _apposed(ent))


def _apposed_to(ent: SpacySpan, nouns: frozenset[str]) -> bool:
    """The name stands in apposition with a noun of ``nouns``: "the union, X," / "X, the
    union,"."""
    return any(t.lemma_.lower() in nouns for t in _apposed(ent))


def _apposed(ent: SpacySpan) -> list[Token]:
    """Common nouns in apposition with the name, whichever of its words the parser hung the
    apposition on (the name "Sindicato No. 4" may be split over two heads)."""
    inside = range(ent.start, ent.end)
    out = []
    for t in ent:
        if t.dep_ == "appos" and t.head.i not in inside and t.head.pos_ == "NOUN":
            out.append(t.head)
        out += [
            c
            for c in t.children
            if c.dep_ == "appos" and c.i not in inside and (c.pos_ == "NOUN" or is_age(c))
        ]
    return [t for t in out if entity_of(t) is None or is_age(t)]


def _appositions(ent: SpacySpan) -> list[str]:
    """ "the mine's largest union, Sindicato No. 1," / "Acme, the carmaker,": what the text
    calls an organisation beside its name."""
    doc = ent.doc
    out = []
    for h in _apposed(ent):
        s, e = np_range(h)
        if h.i < ent.start:
            e = min(e, ent.start)
        out.append(doc[s:e].text)
    return [r for r in out if r.strip() and len(r) < 160]


def _with_tail(ent: SpacySpan) -> SpacySpan:
    """ "Friends of the | Baltic": the model ends the name on a function word; the name
    runs on through the capitalised words after it."""
    doc = ent.doc
    if ent[-1].lower_ not in ("of", "the", "for", "on", "and") or ent.label_ != "ORG":
        return ent
    end = ent.end
    while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
        end += 1
    return doc[ent.start : end] if end > ent.end else ent


def _with_coordination(ent: SpacySpan) -> SpacySpan:
    """ "the Bangladesh Garment Manufacturers and Exporters Association": the model cuts the
    name at "and"; the second half ends in a body's word and the first half names none."""
    doc = ent.doc
    if ent.label_ == "ORG" and ent.start >= 2 and doc[ent.start - 1].lower_ == "and":
        before = next((e for e in doc.ents if e.end == ent.start - 1), None)
        if (
            before is not None
            and before.label_ == "ORG"
            and before[-1].lower_ not in _ORG_WORDS
            and ent[-1].lower_ in _ORG_WORDS
        ):  # "The National Oil Spill Detection | and Response Agency"
            return doc[before.start : ent.end]
    if ent.label_ != "ORG" or ent.end + 1 >= len(doc) or doc[ent.end].lower_ != "and":
        return ent
    if ent[-1].lower_ in _ORG_WORDS:
        return ent  # "the Council and the Commission": two bodies
    nxt = next((e for e in doc.ents if e.start == ent.end + 1), None)
    if nxt is None or nxt.label_ != "ORG" or nxt[-1].lower_ not in _ORG_WORDS:
        return ent
    if nxt[0].lower_ == "the":
        return ent
    return doc[ent.start : nxt.end]


def _with_number(ent: SpacySpan) -> SpacySpan:
    """ "Sindicato No. 1": the model stops the name before the number."""
    doc = ent.doc
    end = ent.end
    if ent[-1].text in ("No", "Number") and end + 1 < len(doc) and doc[end].text == ".":
        if doc[end + 1].like_num:
            return doc[ent.start : end + 2]
    if ent[-1].text == "No." and end < len(doc) and doc[end].like_num:
        return doc[ent.start : end + 1]
    return ent


def _with_first_names(ent: SpacySpan) -> SpacySpan:
    """The name with the capitalised words just before it that no entity claimed."""
    doc = ent.doc
    start = ent.start
    while (
        start > ent.sent.start
        and doc[start - 1].pos_ == "PROPN"
        and not doc[start - 1].ent_type_
        and doc[start - 1].text[:1].isupper()
    ):
        start -= 1
    return doc[start : ent.end]


def _descriptors(ent: SpacySpan) -> list[str]:
    """ "Scandinavian carrier SkyNordic", "rating agency Moody's": what the text calls it."""
    root = ent.root
    mods = [c for c in root.children if c.dep_ in ("compound", "amod") and c.i < ent.start]
    if not any(m.pos_ == "NOUN" for m in mods):
        return []
    start = min(m.left_edge.i for m in mods)
    return [ent.doc[start : ent.start].text]


def np_range(tok: Token) -> tuple[int, int]:
    """Token range of the noun phrase headed by ``tok``, without appositions or clauses."""
    keep = [tok]
    stack = [c for c in tok.children if c.dep_ not in _NP_DROP and not _circumstance(c)]
    while stack:
        t = stack.pop()
        keep.append(t)
        stack.extend(
            c
            for c in t.children
            if c.dep_ not in ("relcl", "acl", "appos", "advcl") and not _circumstance(c)
        )
    start = min(t.i for t in keep)
    end = max(t.i for t in keep) + 1
    doc = tok.doc
    for i in range(tok.i - 1, start - 1, -1):  # stop at a comma or a spaced dash before it
        if doc[i].text == "," or doc[i].text in ("-", "—", "–") and doc[i].whitespace_:
            start = i + 1
            break
    for i in range(tok.i + 1, end):
        if doc[i].text in (",", "(", "—", "–", "-") and not (
            doc[i].text == "-" and not doc[i].whitespace_
        ):
            end = i
            break
    while start < tok.i and (doc[start].is_punct or doc[start].is_quote):
        start += 1
    while end - 1 > tok.i and (doc[end - 1].is_punct or doc[end - 1].is_quote):
        end -= 1
    return start, end


def _circumstance(t: Token) -> bool:
    """ "on Sunday", "during a visit": a prepositional phrase of time, not part of a name."""
    if t.dep_ != "prep":
        return False
    if t.lower_ in ("on", "during", "after", "before", "since", "until", "last", "this"):
        return True
    return any(c.ent_type_ in ("DATE", "TIME") for c in t.children)


def roles_of(tok: Token, ent: SpacySpan) -> list[str]:
    """Roles the text gives a named person: appositions and titles ("State Councillor")."""
    doc = tok.doc
    roles: list[str] = []
    root = ent.root
    if len(ent) > 1 and ent[-1].text.rstrip(".") in lexicon.POST_NOMINALS:
        ent = _with_first_names(ent)  # "Aoife Brennan SC": "Aoife" is no title
    for c in root.children:
        if c.dep_ == "appos" and entity_of(c) is None:
            s, e = np_range(c)
            roles.append(doc[s:e].text)
    if (
        root.dep_ == "appos"
        and entity_of(root.head) is None
        and (root.head.pos_ == "NOUN" or root.head.lower_ in lexicon.PERSON_NOUNS)
        # "The prosecutor leading the inquiry, Alessandra Ferri": not "the inquiry"
        and not (root.head.dep_ == "dobj" and root.head.head.dep_ == "acl")
    ):
        s, e = np_range(root.head)
        roles.append(doc[s : min(e, ent.start)].text)
    title = [  # on any word of the name: "Climate Minister Joris van der Linden"
        c
        for t in ent
        for c in t.children
        if c.dep_ == "compound" and c.i < ent.start and c.ent_type_ == ""
    ]
    if title:  # "Chief executive Jensen Huang", "Prime Minister Luís Montenegro"
        start = min(t.left_edge.i for t in title)
        while start < ent.start and doc[start].dep_ in ("det", "poss", "case", "punct"):
            start += 1
        words = doc[start : ent.start]
        if all(t.ent_type_ == "" or t.ent_type_ == "ORG" for t in words):
            roles.append(words.text)
        else:
            roles.append(" ".join(t.text for t in sorted(title, key=lambda t: t.i)))
    head = root.head
    if (
        root.dep_ == "nsubj" and head.i != root.i
    ):  # two subjects: "China's top diplomat ... Wang Yi"
        for c in head.children:
            if c.dep_ == "nsubj" and c.i != root.i and c.i < root.i and entity_of(c) is None:
                s, e = np_range(c)
                roles.append(doc[s:e].text)
    # "Van der Linden added": the particles the model left out of the name are no title
    return [
        r
        for r in roles
        if r.strip()
        and len(r) < 160
        and not all(w.lower() in lexicon.NAME_PARTICLES for w in r.split())
    ]


def _actor_like(ent: SpacySpan) -> bool:
    """False for the small model's usual misfires: "Uighur Muslim groups", "Muslims Receiving"."""
    root = ent.root
    if ent.label_ in ("PERSON", "ORG") and root.dep_ == "compound" and root.head.pos_ == "NOUN":
        return False
    if ent.label_ == "PERSON" and any(
        t.tag_ == "VBG" or t.tag_ in ("NNPS", "NNS") and t.lower_.endswith("s") for t in ent
    ):  # a plural inside: not a name ("Seán", tagged a plural, is one)
        return False
    return True


def _is_location(ent: SpacySpan) -> bool:
    """A place named as a location ("in Beijing"), not as an actor ("Beijing said")."""
    head = ent.root.head
    return ent.root.dep_ == "pobj" and head.lower_ in (
        "in",
        "at",
        "to",
        "from",
        "near",
        "across",
        "via",
        "into",
        "around",
        "throughout",
    )


_STATE_BODIES = frozenset("ministry embassy department office agency council".split())


def _of_country(ent: SpacySpan) -> SpacySpan | None:
    """ "Ministry of Foreign Affairs | of the Republic of Kazakhstan": the model ends the
    name before the country it belongs to, which is what tells one ministry from another."""
    doc = ent.doc
    if not any(t.lower_ in _STATE_BODIES for t in ent) or ent.end >= len(doc):
        return None
    if ent[-1].lower_ != "of" and doc[ent.end].lower_ != "of":
        return None  # the model sometimes keeps the "of" in the name
    for other in doc.ents:
        if other.start >= ent.end and other.label_ == "GPE" and other.start - ent.end <= 5:
            between = doc[ent.end : other.start]
            if all(t.lower_ in ("the", "of") or t.is_title for t in between):
                return doc[ent.start : other.end]
            return None
    return None


def _org_label(ent: SpacySpan) -> str:
    if ent[-1].tag_ == "POS" and ent.root.dep_ != "poss":  # "Moody's said": part of the name
        return clean_label(ent.text, possessive=False)
    owner = next((c for c in ent.root.children if c.dep_ == "poss" and c.i < ent.start), None)
    if owner is not None and (
        all(t.text.islower() for t in ent if t.dep_ != "det")
        or any(t.lower_ in _STATE_BODIES for t in ent)
    ):
        # "Russia's defence ministry": the country tells one ministry from another
        if lexicon.country_of(owner.text) is not None:
            return f"{owner.text}'s {clean_label(ent.text)}"
    whole = _of_country(ent)
    if whole is not None:
        return clean_label(whole.text)
    toks = list(ent)
    if toks and toks[0].ent_type_ == "GPE" and len(toks) > 1 and toks[1].tag_ == "POS":
        toks = toks[2:]  # "China's Global Times" -> "Global Times"
    return (
        clean_label("".join(t.text_with_ws for t in toks).strip())
        if toks
        else clean_label(ent.text)
    )


def _span(ent: SpacySpan, base: int) -> Span:
    return Span(base + ent.start_char, base + ent.end_char)
