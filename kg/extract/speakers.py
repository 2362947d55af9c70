"""Turn the token heading a noun phrase into an actor of the article's registry.

Named entities become people, organisations or governments (a country or its capital as the
subject of a statement is its government); pronouns and definite descriptions go to the most
salient earlier actor of a compatible kind; unnamed plurals ("rights groups") become groups.
What a noun phrase spans and which names it holds is read by kg.extract.noun_phrases.

>>> from kg.extract import Extractor
>>> from kg.readers import read_bytes
>>> extractor = Extractor()
>>> def speakers(text: str) -> list[str]:
...     article = read_bytes(f"Headline\\n17 May, 2019\\n{text}\\n".encode(), "a.txt")
...     x = extractor.extract(article)
...     return [x.actor(c.speaker).label for c in x.claims]
>>> speakers("Tokyo claims the tariffs violate international trade rules.")
['Government of Japan']
>>> speakers('Farmer Lucia Mendes said the rains had failed. "We have sold half of our cattle '
...     'to buy feed," she added.')
['Lucia Mendes', 'Lucia Mendes']
>>> speakers("A spokeswoman for the Red Cross said the convoy had reached the city.")
['Red Cross']
>>> speakers("Human rights groups say thousands of people are held without trial.")
['human rights groups']
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
from kg.extract.entities import entities, person_start
from kg.extract.noun_phrases import (
    acronym_after,
    actor_like,
    appos_entity,
    apposed_to,
    apposed_to_person,
    appositions,
    author_of,
    calling_itself,
    descriptors,
    entity_of,
    full_name,
    is_age,
    is_location,
    is_topic,
    looks_like_person,
    media_name,
    name_given,
    name_with_preposition,
    np_range,
    org_label,
    person_subject,
    span_in_article,
    with_coordination,
    with_first_names,
    with_number,
    with_tail,
    within_phrase,
)
from kg.model import ActorKind, Span

# words that end the names of bodies: "Amnesty International", "Kenya Wildlife Service"
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
        # a round-up's sub-heading: its "councillor says" is whoever the item below names
        self.in_subheading = False

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
        """Decides which actor the noun phrase headed by ``tok`` names, trying in turn:

        - a pronoun: the person of its gender in view ("she added" after "Farmer Lucia
          Mendes said"), the thing ("it") or the group that just spoke ("they wrote");
        - a part of a group: "one of them told Reuters", "two of the big four banks said";
        - a title the headline capitalised, with no name ("CEO says"): a description;
        - a person by nationality ("the Italian told Sky Sports"): the person in view;
        - a named entity, or a name in apposition ("the carmaker Voltana"): ``entity``;
        - a proper noun the model did not tag: a capital speaks for its country's government
          ("Lisbon insisted"), another word is a name;
        - a surname the tagger read as a plural noun ("Anders added"): that person;
        - a name hung on the wrong word ("The head of the UN climate secretariat, Amal Reyes,
          said"), a group "calling itself" a name, a description "known as" one;
        - a media noun beside its outlet's name ("the Interfax news agency"): the outlet;
        - a document ("the lawsuit filed by the family claims"): who filed it;
        - an age ("the 54-year-old said"): the person in view;
        - a spokesperson: the body spoken for ("a spokesperson for X", "a Chelsea
          spokesperson", or the body that just spoke);
        - a bare capitalised noun opening a sentence ("Arianespace said"): a name;
        - anything else: a description (``_description``).

        None when it names nobody (a pronoun with no one of its kind in view, "8 million
        times"). A country found here is turned into its government by ``resolve``.
        """
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
                    # "'The court can fine them ...,' she said": the woman quoted before,
                    # paragraphs back, when no one in view can be "she"
                    return reg.last_speaker_of_gender(gender, pos)
                return found[0]
            if lower in lexicon.PRONOUNS_THING:
                return reg.salient(THINGS, sentence, pos)
            if lower in lexicon.PRONOUNS_PLURAL:
                # '"...," they wrote': the group that spoke last, if it spoke just now
                last = reg.last_speaker(COLLECTIVES, pos)
                if last is not None and any(
                    m.sentence >= sentence - 1 for m in reg.mentions_of(last)
                ):
                    return last
                salient = reg.salient(COLLECTIVES, sentence, pos)
                if salient is None:
                    # "Hundreds of farmers protested ... They said": the group the sentence
                    # before was about, though it said nothing
                    group = _group_just_described(tok)
                    if group is not None:
                        return self._resolve(group, base, sentence - 1)
                return salient
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
                    clean_label(ent.text),
                    ActorKind.ORGANIZATION,
                    span_in_article(ent, base),
                    sentence,
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
                    and within_phrase(t, tok)
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
        calling = calling_itself(tok)
        if calling is not None:  # "A ransomware gang calling itself Nullsector": Nullsector
            return self.unrecognised_name(calling, base, sentence, ActorKind.ORGANIZATION)
        known = self._known_as(tok, base, sentence)
        if known is not None:
            return known
        named = media_name(tok)
        if named is not None:  # "the Interfax news agency" is Interfax
            return self.unrecognised_name(named, base, sentence, ActorKind.ORGANIZATION)
        if tok.lemma_.lower() in lexicon.DOCUMENT_NOUNS | {"lawsuit", "complaint", "petition"}:
            author = author_of(tok)
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
        named = media_name(tok)
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
        name = name_given(tok)
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
            if m.dep_ == "compound" and (
                (ent is not None and ent.label_ == "PERSON")
                or (ent is None and m.pos_ == "PROPN" and m.text[:1].isupper())
            ):
                # "a Chelsea spokesperson", "a Nationals WA spokesman", "a Commission
                # spokesperson": whoever the model took the name for, or if it took it for
                # no name, a spokesperson speaks for a body
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
        """Decides what kind of actor the named entity ``ent`` is and registers the mention;
        None for entity types that are not actors. ``as_speaker``: the entity speaks, so a
        place is a government and an oddly typed name still someone.

        The small model's types are corrected from the text: a seat of power speaks for its
        body ("Brussels said": the European Union); a name with honours is a person with a
        role ("Siobhan Geraghty SC", typed an organisation); a name that looks like a person's
        or a known surname is a person ("Ricardo Almeida", typed ORG; "Imboden laughs", typed
        a place); a name ending in a body's word is an organisation ("Amnesty
        International", typed PERSON); "the Uighurs" is a people, not an organisation; a
        shortened company name is the company named in full before ("Atlantic Delta" after
        "Atlantic Delta Petroleum"). Titles before a person's name are roles ("Dr Amir
        Haddad": Amir Haddad, role "Dr"); a country or its capital that speaks is its
        government ("Tokyo claims": Government of Japan), elsewhere the country; an
        organisation takes the descriptions beside it as roles ("Scandinavian carrier
        SkyNordic") and a bracketed acronym as an alias ("Korean Central News Agency (KCNA)").
        """
        reg = self.reg
        span = span_in_article(ent, base)
        text = ent.text
        label = ent.label_
        if not as_speaker and not actor_like(ent):
            return None
        seat = lexicon.SEATS.get(text.lower())
        if seat is not None and not is_location(ent):  # "Brussels said" -> the EU
            return reg.add(seat, ActorKind.ORGANIZATION, span, sentence, alias=text)
        described_as = appositions(ent)  # before the name grows: the parse is of the words
        org_by_text = apposed_to(ent, lexicon.BODY_NOUNS)
        classed = _classed_as_body(ent)
        ent = full_name(with_coordination(with_number(with_tail(ent))))
        span, text = span_in_article(ent, base), ent.text
        if label == "ORG" and org_by_text:
            pass  # "the mine's largest union, Sindicato No. 1": an organisation by the text
        elif (
            label == "ORG"
            and len(ent) > 2
            and ent[-1].text.rstrip(".") in lexicon.POST_NOMINALS
            and (apposed_to_person(ent) or looks_like_person(ent[:-1]))
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
        elif label in ("GPE", "LOC", "FAC") and person_subject(ent):
            label = "PERSON"  # "Margrit Imboden was 16 when she first led": typed FAC
        elif label in ("GPE", "LOC", "FAC", "NORP") and apposed_to_person(ent):
            # "The ambassador, Gergely Varsanyi, was quoted": the model typed the surname a
            # place and left the first name out
            label = "PERSON"
            ent = with_first_names(ent)
            span, text = span_in_article(ent, base), ent.text
        if label == "PERSON" and classed:
            label = "ORG"  # "owned by Austrian group Steinfeld Papier": a body by the text
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
                    ent = with_first_names(ent.doc[ent.start : ent.end - 1])
                    span, text = span_in_article(ent, base), ent.text
                toks = list(ent)
                while len(toks) > 2 and toks[0].lower_.rstrip(".") in lexicon.TITLES:
                    toks = toks[1:]  # "Farmer Lucia Mendes", "Dr Amir Haddad": a title
                cut = next((t.i for t in toks[2:] if t.lower_ == "of"), None)
                if cut is not None:  # "Ueda Kenji of Keio University": the name, then where
                    reg_role = ent.doc[cut + 1 : ent.end].text
                    toks = [t for t in toks if t.i < cut]
                    span = Span(span.start, base + toks[-1].idx + len(toks[-1]))
                    text = ent.doc[ent.start : cut].text
                if len(toks) < len(ent) and toks[0].i > ent.start:
                    first = toks[0]
                    span = Span(base + first.idx, span.end)
                    text = ent.doc[first.i : toks[-1].i + 1].text
                if weight is None:
                    weight = 2.0 if as_speaker or is_topic(ent) else 1.0
                key = reg.person(text, span, sentence, weight)
                if toks[0].i > ent.start:
                    reg.add_role(key, ent.doc[ent.start : toks[0].i].text)
                if cut is not None:
                    reg.add_role(key, reg_role)
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
                and is_location(ent)
                and ent.root.head.lower_ in ("in", "near", "outside", "across", "around")
                and len(ent) == 1
                and ent[0].lower_ not in _ORG_WORDS
            ):
                return None  # "a youth leader in Otuabagi": a village the model took for a body
            if label == "ORG":
                key = reg.add(org_label(ent), ActorKind.ORGANIZATION, span, sentence)
                for role in descriptors(ent) + described_as:
                    reg.add_role(key, role)
                acronym = acronym_after(ent)
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
        if (
            len(toks) > 1 and toks[0].text in lexicon.BODY_ACRONYMS
        ):  # "NGO Repubblika": a kind of body
            toks, kind = toks[1:], ActorKind.ORGANIZATION
        doc = tok.doc
        at = person_start(toks) if kind is None else None
        if at is not None:  # "FCCC Chief Executive Ravinesh Chand": a titled person
            first, last = doc[toks[at - 1].i + 1], toks[-1]  # "Dr Monjur-e-Murshed": all of it
            span = Span(base + first.idx, base + last.idx + len(last.text))
            key = self.reg.person(doc[first.i : last.i + 1].text, span, sentence, 2.0)
            self.reg.add_role(key, doc[toks[0].i : first.i].text)
            return key
        start, end = toks[0].i, toks[-1].i + 1
        inner = name_with_preposition(tok)
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
            whole = full_name(SpacySpan(doc, start, end, label="ORG"))
            if (whole.start, whole.end) != (start, end) and bracket is None:
                text = whole.text  # "the Franklin County Prosecutor's | Office"
                span = Span(base + whole.start_char, base + whole.end_char)
            key = self.reg.add(clean_label(text), ActorKind.ORGANIZATION, span, sentence)
            if acronym:
                self.reg.add_alias(key, acronym)
            return key
        return self.reg.person(text, span, sentence, 2.0)

    def _description(self, tok: Token, base: int, sentence: int) -> str | None:
        """Decides who a noun phrase with no name is: an actor named before that it refers
        back to, or a new unnamed actor, and of which kind.

        A definite description refers back: "the minister" to the person of that role,
        "the airline" to the body so named or the salient organisation, "the island nation"
        to the country in view, "the paper" to the outlet last quoted, "both clubs" to the
        pair just named. Otherwise it is a new actor, local to the article when the phrase
        holds no name: "rights groups" a group, "a police officer" and "her brother"
        ("brother of Nasrin Karimi") a person, "the Sierra Leone government" that country's
        government, "the opposition Congress party" the Congress party, "the utility" some
        organisation. None for a measure ("40 percent") or a noun that says nothing of who
        speaks ("the data", "the law").
        """
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
        if (
            definite
            and not specific
            and (not plural or lemma in lexicon.MEDIA_NOUNS)
            and not kin
            and not self.in_subheading
        ):
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
            and first.ent_type_ in ("", "CARDINAL")  # "Two officials said": "two officials"
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
                ent = next((e for e in entities(doc) if e.start >= start and e.end <= tok.i), None)
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
        if bare and lemma in lexicon.ORG_NOUNS and lemma not in _FORCES:
            # the most salient body, but not one only known by another noun: "the company"
            # is not the "union" of the headline; "the army" is the country's own, not the
            # aid agency or militia last named
            salient = next(
                (
                    k
                    for k in reg.candidates(INSTITUTIONS, sentence, pos)
                    if reg.described.get(k, (lemma, True))[0] == lemma
                    and not _other_body(reg.actors[k].label, lemma, reg.actors[k].roles)
                    and (k not in reg.outlets or lemma in lexicon.MEDIA_NOUNS)
                ),
                None,
            )
            if key is None or (
                salient is not None
                and salient != key
                and _business_only(reg.actors[key].label, lemma)
                and _last_sentence(reg, salient, pos)
                >= max(sentence - 2, _last_sentence(reg, key, pos) + 1)
            ):
                # "Steinfeld Papier blamed ... In a statement, the company said": the body
                # just named, not "Codexa Systems" a brief before, a company only by its
                # name's "Systems"
                key = salient
        return key


def _group_just_described(pron: Token) -> Token | None:
    """The plural subject of the sentence before ("Hundreds of farmers protested"), when it
    names people ("farmers", "residents") rather than things."""
    sent = pron.sent
    if sent.start == 0:
        return None
    before = pron.doc[sent.start - 1].sent
    for t in before:
        if t.dep_ != "nsubj" or t.head.dep_ != "ROOT" or t.tag_ not in ("NNS", "NNPS"):
            continue
        of = [g for p in t.children if p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]
        people = of[0] if of and t.lower_ in _HOW_MANY else t
        lemma = people.lemma_.lower()
        if lexicon.is_person_noun(lemma) or lemma in lexicon.GROUP_NOUNS:
            return t
    return None


# "Hundreds of farmers", "dozens of residents": how many, then who
_HOW_MANY = frozenset("hundreds thousands dozens scores millions tens".split())


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


_FORCES = frozenset("army military police navy force".split())
_PUBLIC_BODIES = frozenset(
    "ministry department agency authority council court commission government police".split()
)


def _classed_as_body(ent: SpacySpan) -> bool:
    """The word right before the name says it is a body: "Austrian group Steinfeld Papier",
    "payments firm Vantapay" (the parse makes the noun a compound of the name)."""
    if ent.start == 0:
        return False
    prev = ent.doc[ent.start - 1]
    return (
        prev.dep_ == "compound"
        and prev.pos_ == "NOUN"
        and ent.start <= prev.head.i < ent.end
        and prev.text.islower()
        and prev.lemma_.lower() in lexicon.BODY_NOUNS
    )


def _business_only(label: str, noun: str) -> bool:
    """Whether ``label`` answers to "the <noun>" only as some business ("the company" for
    "Codexa Systems"), not by the noun itself ("the airline" for "Aegean Airlines")."""
    words = {w.lower() for w in label.split()}
    return noun in lexicon.BUSINESS_NOUNS and noun not in words and noun + "s" not in words


def _last_sentence(reg: Registry, key: str, before: int) -> int:
    """The sentence of the last mention of ``key`` before offset ``before`` (-1 if none)."""
    return max((m.sentence for m in reg.mentions_of(key) if m.pos < before), default=-1)


def _other_body(label: str, noun: str, roles: list[str] | None = None) -> bool:
    """ "Union" (a headline's bare noun), or "the mine's largest union, Sindicato No. 1", is
    not what "the company" refers to."""
    nouns = lexicon.ORG_NOUNS | lexicon.GROUP_NOUNS | lexicon.BUSINESS_NOUNS
    for name in [label, *(roles or [])]:
        words = name.lower().split()
        if noun in lexicon.BUSINESS_NOUNS and _PUBLIC_BODIES.intersection(words):
            return True  # "the company" is not "Indonesia's Ministry of Environment"
        head = words[-1].rstrip("s") if words else ""
        if head in nouns and head != noun:
            business = head in lexicon.BUSINESS_NOUNS and noun in lexicon.BUSINESS_NOUNS
            if not business:
                return True
    return False


# Words that take a part of a group: "one of them", "two of the banks", "most of the MPs".
_PARTS = frozenset("one two three four some many most several all both half none".split())
