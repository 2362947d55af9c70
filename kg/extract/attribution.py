"""Find attributions in a parsed sentence: who (a token) reported what (a token range).

Patterns, all read off the dependency parse:

- a reporting verb with a subject and a clause: "X said (that) ...", "..., X said",
  "X, who said ...", "..., adding that ..." (subject taken from the verb it hangs on);
- a reporting verb with an object and its complement: "X urged Turkey to back ...",
  "X reported citizens travelling to Iraq", "X denied the allegations";
- the passive "Y was quoted as saying by Z" (speaker Y, relayed by Z);
- "according to X, ..." (content: the rest of the sentence).

What the speaker token refers to is the caller's business (kg.extract.speakers).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from kg.extract import lexicon

_SUBJECTS = ("nsubj", "csubj")
# Subordinate clauses that set a scene: no attribution inside them is a claim ("before the
# club announced her departure"), and some are cut off the end of reported content
# ("..., after Ankara criticised Beijing") while others belong to it ("until rains return").
_BACKGROUND_MARKS = frozenset(
    "after before since until when while as because although though if once".split()
)
_CUT_MARKS = frozenset("after since while as because although though".split())
# time clauses belong to what was said unless a comma sets them off: "called off the strike
# after the government agreed ..."
_WHEN_MARKS = frozenset("after since because".split())
# "A said X, while B said Y": with a reporting verb, "while" contrasts two speakers
_CONTRAST_MARKS = frozenset("while whereas though although".split())
_COMPLEMENT_DEPS = frozenset({"ccomp", "xcomp", "dobj", "attr", "oprd", "prep", "dative", "acomp"})
_CONTENT_PREPS = frozenset({"on", "of", "for", "that", "about"})
_GERUND_VERBS = frozenset({"deny", "admit", "acknowledge", "confirm", "allege"})
_SPEECH_ACTS = frozenset("goodbye farewell hello thanks sorry grace prayer yes no amen".split())
_EDGE_SKIP = frozenset({"that", ",", ":", "-", "—", "–"})
_OPENING = frozenset({'"', "“", "‘", "'"})
_CLOSING = frozenset({'"', "”", "’", "'"})
_KEEP_AT_END = _CLOSING | {"%"}  # "improved to 41.5%": the sign is part of the figure


@dataclass(slots=True)
class Attribution:
    verb: Token  # the reporting verb, or "according" / "quoted"
    lemma: str  # "say", "according to", "quote" ...
    speaker: Token | None  # head of the speaker's noun phrase
    relay: Token | None  # head of the intermediary's noun phrase
    start: int  # content token range [start, end) in the doc
    end: int
    relay_named: bool = False  # relay came from "according to Y", not an addressee


def find(sent: SpacySpan, in_quote: list[int]) -> list[Attribution]:
    """Every attribution whose verb lies outside quotation marks in ``sent``."""
    found: list[Attribution] = []
    for tok in sent:
        if in_quote[tok.i] >= 0:
            continue
        if tok.lower_ == "according" and tok.i + 1 < sent.end and tok.nbor().lower_ == "to":
            att = _according(tok, sent)
        elif reports(tok) and tok.pos_ in ("VERB", "AUX"):
            att = _verb(tok, sent)
        elif tok.lemma_.lower() in lexicon.LIGHT_VERBS and tok.pos_ == "VERB":
            att = _light(tok)
        elif tok.pos_ == "NOUN" and tok.lemma_.lower() in lexicon.REPORTING_NOUNS:
            att = _noun(tok)
        else:
            continue
        if att is not None:
            found.append(att)
    return found


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


def _verb(v: Token, sent: SpacySpan) -> Attribution | None:
    lemma = v.lemma_.lower()
    if v.dep_ == "pcomp" and v.head.lower_ == "as":  # "... quoted as saying": the quote verb's
        return None
    if _that_conj(v):
        return None  # "said A and that B would respond": B is said, "respond" reports nothing
    gapped = _gapped_report(v)
    if v.dep_ in ("amod", "compound", "acl") and not gapped or v.tag_ in ("JJ",):
        return None  # "alleged militants", "so-called", "the report said to be"
    passive = any(c.dep_ == "auxpass" for c in v.children)
    if lemma == "quote":
        return _quoted(v, sent) if passive else None
    if passive:
        return None  # "he was told that ...": the subject is the addressee
    if any(c.dep_ == "neg" for c in v.children):
        return None  # "had not said where she was taken", "did not say"
    if any(c.dep_ == "dobj" and c.lower_ in ("other", "another") for c in v.children):
        return None  # "blamed each other for ...": mutual blame asserts nothing checkable
    if lemma == "call" and any(_a_name(c) for c in v.children):
        return None  # "they call it borsha": naming; "called the plan a disaster" judges
    if (
        v.dep_ == "advcl"
        and any(c.dep_ == "mark" and c.lower_ in _BACKGROUND_MARKS for c in v.children)
        and not _contrast(v)
        and not _that_clause(v)
        and not _meanwhile(v)
    ):
        return None  # "after talks broke down", but "after he told RMF FM that ...": a claim
    if v.dep_ == "xcomp" and v.tag_ in ("VB",):  # "declined to say", "is expected to announce"
        return None
    if (
        v.dep_ == "relcl"
        and not any(c.dep_ in _SUBJECTS and c.lower_ in lexicon.RELATIVE for c in v.children)
        and not _embedded_report(v)
        and not gapped
    ):
        return None  # "a programme that officials hope will reach ...": no claim of theirs
    if (
        v.tag_ == "VBG"
        and lemma not in lexicon.NP_CLAIM_VERBS
        and not any(c.dep_ == "ccomp" for c in v.children)
    ):
        return None  # "..., citing weak demand": a participle reports only with a clause
    if (
        v.dep_ == "conj"
        and v.tag_ in ("VBZ", "VBP")
        and v.head.tag_ in ("VBD", "VBN")
        and v.head.dep_ not in ("relcl", "acl")
        and v.lemma_.lower() in ("charge", "claim", "report", "allege", "state")
        and not any(c.dep_ in _SUBJECTS for c in v.children)
    ):
        return None  # "... of killing civilians, charges both sides deny": a noun misread
    own = any(c.dep_ in _SUBJECTS for c in v.children)
    trailing = None if own or v.dep_ != "conj" else _trailing(v, sent, lemma)
    if trailing is not None:  # '..., Saudi Arabia and the United States said' lost its subject
        return trailing
    speaker = subject(v)
    if speaker is None:
        return _trailing(v, sent, lemma)
    if _only_wishes(v):
        return None  # "said she hoped Juice would settle it": a hope, not a claim
    content = _content(v, lemma)
    if content is None:
        return None
    if gapped:  # the relative pronoun before the speaker is the noun's, not said, and
        # "which the regulator said in October had failed": nor when it was said
        clause = next(c for c in v.children if c.dep_ == "ccomp" and c.i > v.i)
        first = min(t.i for t in clause.subtree if t.i > v.i)
        content = (max(content[0], first), content[1])
        if content[1] - content[0] < 2:
            return None
        if speaker.pos_ == "PRON" and speaker.lower_ in ("they", "he", "she"):
            # "residents blocked roads to protest against outages that they said had
            # lasted 20 hours": the sentence's own subject
            speaker = _main_subject(v) or speaker
    start = content[0]
    if (
        v.dep_ == "conj"
        and v.head.i < start
        and start >= 2
        and v.doc[start - 1].lower_ in ("but", "and")
        and v.doc[start - 1].head.i == v.head.i
        and v.doc[start - 2].text == ","
        and v.head.left_edge.i < start
    ):  # "The leak was reported on Sunday, but it was not shut until Tuesday, leaders said":
        # the parser gave "said" only the second half of what was said
        content = (v.head.left_edge.i, content[1])
    if speaker.pos_ == "PRON" and _what_called(v) is not None:
        speaker = _main_subject(v) or speaker  # "Canberra hailed what it called ...": Canberra
    if _object_first(v, lemma, content):
        content = (v.i, content[1])
    closer = _closing_report(v)
    relay = subject(closer) if closer is not None else _outlet(v, lemma)
    quoted_by = _quoted_by(speaker)
    if relay is None and quoted_by is not None:  # "X, quoted by the Financial Times, said"
        return Attribution(v, lemma, speaker, quoted_by, content[0], content[1], relay_named=True)
    cited = _cited(v, speaker)
    if relay is None and cited is not None:  # "ORTM, citing the army, said": the army's words
        return Attribution(v, lemma, cited, speaker, content[0], content[1], relay_named=True)
    return Attribution(v, lemma, speaker, relay, content[0], content[1])


# verbs written with whom they were said to: "told reporters" ("warned" may be followed by
# the subject of what was warned: "warn Ningaloo reef faces ...")
_TELLING = frozenset("tell assure reassure inform notify remind".split())
# words before a reporting verb that belong to it as written: "has said", "also told"
_VERB_COMPANIONS = frozenset({"aux", "auxpass", "neg", "advmod"})


def as_written(v: Token, lemma: str) -> str:
    """The reporting verb as the article writes it, for people to read: with its auxiliaries
    and adverbs ("has also said"), its particle ("pointed out"), the noun of a light verb
    ("raised fears"), "as saying" after "quoted" ("was quoted by Xinhua as saying"), and
    whom it was told ("told reporters", "told a regular news briefing"). ``lemma`` is the
    lemma the claim records. The verb is in lower case (headlines capitalise it), names as
    written."""
    if lemma == "according to":
        return lemma
    doc = v.doc
    if v.pos_ == "NOUN":  # "the ministry's claim that ...", "warnings from economists"
        return v.text
    start = v.i
    while (
        start > v.sent.start
        and doc[start - 1].head.i == v.i
        and doc[start - 1].dep_ in _VERB_COMPANIONS
        and doc[start - 1].is_alpha
    ):
        start -= 1
    verb = " ".join(t.lower_ for t in doc[start : v.i + 1])
    after = v.i + 1
    saying = next(
        (t for t in v.children if t.dep_ == "prep" and t.lower_ == "as" and t.i > v.i),
        None,
    )
    if lemma != "quote" and saying is not None and v.lemma_.lower() == "quote":
        # "was quoted as saying", "was quoted by state media as saying"
        between = doc[after : saying.i]
        if len(between) > 8 or any(t.is_punct and t.text != "." for t in between):
            return f"{verb} as saying"
        return " ".join(w for w in (verb, between.text, "as saying") if w)
    if after < len(doc) and doc[after].dep_ == "prt" and doc[after].head.i == v.i:
        return f"{verb} {doc[after].lower_}"  # "pointed out"
    if " " in lemma:  # a light verb: "raised fears", "cast doubt"
        noun = next((c for c in v.children if c.dep_ == "dobj" and c.i >= after), None)
        if noun is not None and noun.left_edge.i == after:
            return f"{verb} {doc[after : noun.i + 1].text}"
    elif lemma in _TELLING:
        whom = next(
            (c for c in v.children if c.dep_ in ("dobj", "dative") and c.left_edge.i == after),
            None,
        )
        if whom is not None and not any(
            t.text in (",", ";", ":", "(", ")") or t.is_quote for t in doc[after : whom.i + 1]
        ):
            return f"{verb} {doc[after : whom.i + 1].text}"
    return verb


def _object_first(v: Token, lemma: str, content: tuple[int, int]) -> bool:
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


def _cited(v: Token, speaker: Token) -> Token | None:
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


def _quoted_by(speaker: Token) -> Token | None:
    for c in speaker.children:
        if c.dep_ == "acl" and c.lemma_.lower() == "quote":
            for agent in c.children:
                if agent.dep_ == "agent":
                    return next((g for g in agent.children if g.dep_ == "pobj"), None)
    return None


def _that_clause(v: Token) -> bool:
    """A complement introduced by "that", with its own subject: something was asserted, even
    in a background clause ("after the court found that he had ...")."""
    return not any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in v.children) and any(
        c.dep_ == "ccomp"
        and c.i > v.i
        and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
        for c in v.children
    )


def _closing_report(v: Token) -> Token | None:
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


def _trailing(v: Token, sent: SpacySpan, lemma: str) -> Attribution | None:
    """'A will happen, Saudi Arabia and the United States said.' when the parser lost the
    subject: the names between the last comma and the verb speak; what precedes, is said."""
    doc = v.doc
    commas = [i for i in range(v.i - 1, sent.start, -1) if doc[i].text == ","][:3]
    if not commas or commas[0] - sent.start < 3 or v.i - commas[0] > 8:
        return None
    comma = commas[0]
    if comma == v.i - 1 and len(commas) == 3 and v.i - commas[2] <= 16:
        # "..., the mine's largest union, Sindicato No. 1, said": a description and its name
        comma = commas[2]
    names = doc[comma + 1 : v.i]
    if not names or any(t.pos_ in ("VERB", "AUX", "PRON") for t in names):
        return None
    named = [t for t in names if t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")]
    # "..., a source familiar with the matter said": an unnamed person by their role
    described = [t for t in names if t.pos_ == "NOUN" and t.lemma_.lower() in _SOURCE_NOUNS]
    if not named and not described:
        return None
    rest = doc[v.i + 1 : sent.end]
    for t in rest:  # "..., asking not to be named because ...": how it was said;
        # "..., after talks broke down": the background
        if (
            t.i > v.i + 1
            and doc[t.i - 1].text == ","
            and (t.tag_ == "VBG" or t.lower_ in _BACKGROUND_MARKS)
        ):
            rest = doc[v.i + 1 : t.i]
            break
    if any(t.pos_ in ("VERB", "AUX") and t.dep_ != "prep" for t in rest):
        return None  # the sentence goes on: not a closing attribution
    if named:
        ent_end = named[0]
        while ent_end.i + 1 < v.i and doc[ent_end.i + 1].ent_iob_ == "I":
            ent_end = doc[ent_end.i + 1]
    else:
        ent_end = described[0]
    start, end = _trim(doc, sent.start, comma)
    if end - start < 3:
        return None
    return Attribution(v, lemma, ent_end, None, start, end)


_SOURCE_NOUNS = lexicon.PERSON_NOUNS | lexicon.GROUP_NOUNS


def _outlet(v: Token, lemma: str) -> Token | None:
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


def _noun(n: Token) -> Attribution | None:
    """ "warnings from economists that ...", "the ministry's claim that ..."."""
    source = next((c for c in n.children if c.dep_ == "poss"), None)
    edge = n.right_edge.i
    if source is None:
        # "warnings from economists": the prepositional phrase may hang on the noun's verb
        sibling = [p for p in n.head.children if p.i == n.right_edge.i + 1] if n.head != n else []
        for prep in [*n.children, *sibling]:
            if prep.dep_ == "prep" and prep.lower_ in ("from", "by", "of"):
                source = next((c for c in prep.children if c.dep_ == "pobj"), None)
                edge = max(edge, prep.right_edge.i)
                break
    if source is None or source.pos_ == "PRON" and source.lower_ in ("its", "their"):
        return None

    def that_clause(t: Token) -> bool:
        return t.dep_ in ("acl", "ccomp") and any(
            c.dep_ == "mark" and c.lower_ == "that" for c in t.children
        )

    clause = next((c for c in n.children if that_clause(c)), None)
    if clause is None and n.head != n:
        # the parser often hangs the clause on the verb governing the noun
        clause = next(
            (
                c
                for c in n.head.children
                if that_clause(c)
                and c.left_edge.i == edge + 1
                and n.head.lemma_.lower() not in lexicon.REPORTING_VERBS
            ),
            None,
        )
    if clause is None and source.i > n.i:
        # "warnings from business groups that shops would close": the parser read the
        # that-clause as a relative clause of the source
        clause = next(
            (
                c
                for c in source.children
                if c.dep_ == "relcl"
                and c.left_edge.i == source.i + 1
                and c.doc[c.left_edge.i].lower_ == "that"
                and any(
                    g.dep_ in ("nsubj", "nsubjpass") and g.lower_ not in lexicon.RELATIVE
                    for g in c.children
                )
            ),
            None,
        )
    if clause is None:
        return None
    start, end = _range([clause])
    if clause.dep_ == "relcl" and clause.doc[start].lower_ == "that":
        start += 1  # not the "that"
    if end - start < 3:
        return None
    return Attribution(n, lexicon.REPORTING_NOUNS[n.lemma_.lower()], source, None, start, end)


def _light(v: Token) -> Attribution | None:
    """ "cast doubt on whether ...", "raised fears that ...": a noun carries the reporting."""
    noun = next(
        (c for c in v.children if c.dep_ == "dobj" and c.lemma_.lower() in lexicon.LIGHT_NOUNS),
        None,
    )
    if noun is None:
        return None
    clause = [c for c in noun.children if c.dep_ in ("acl", "ccomp") and c.i > noun.i]
    preps = [c for c in list(noun.children) + list(v.children) if c.dep_ == "prep" and c.i > noun.i]
    for p in preps:
        if p.lower_ in ("on", "about", "over"):
            clause += [c for c in p.children if c.dep_ in ("pcomp", "pobj")]
    clause = [c for c in clause if any(t.pos_ in ("VERB", "AUX") for t in c.subtree)]
    speaker = subject(v)
    if not clause or speaker is None or v.dep_ == "advcl":
        return None
    start, end = _range(clause)
    if end - start < 2:
        return None
    return Attribution(v, f"{v.lemma_.lower()} {noun.lemma_.lower()}", speaker, None, start, end)


def _quoted(v: Token, sent: SpacySpan) -> Attribution | None:
    subjects = [c for c in v.children if c.dep_ == "nsubjpass"]
    speaker = subjects[-1] if subjects else None  # the one next to the verb
    relay = None
    for t in v.subtree:
        if t.dep_ in ("agent", "prep") and t.lower_ == "by" and t.i > v.i:
            relay = next((c for c in t.children if c.dep_ == "pobj"), None)
            break
    content = _content(v, "quote")
    if content is None:  # "was quoted as saying by Bloomberg that ..."
        saying = [t for t in v.subtree if t.dep_ == "pcomp" and t.lemma_.lower() == "say"]
        content = _content(saying[0], "say") if saying else None
    if content is None:
        return None
    if speaker is None:
        return None
    # "quoted as saying": the speaker said it; "quoted" alone keeps its own lemma
    as_saying = next((t for t in v.subtree if t.dep_ == "pcomp" and t.head.lower_ == "as"), None)
    lemma = as_saying.lemma_.lower() if as_saying is not None else "quote"
    return Attribution(v, lemma, speaker, relay, content[0], content[1], relay_named=True)


# "a memo seen by", "documents obtained by": an outlet that had the document, not its author
_SEEN = frozenset("see obtain review read publish leak".split())
_CONTRAST_OPENERS = frozenset("although though while whereas but however".split())


def _according(tok: Token, sent: SpacySpan) -> Attribution | None:
    to = tok.nbor()
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    if source is None:
        return None
    relay: Token | None = None
    if source.lemma_.lower() in lexicon.DOCUMENT_NOUNS:  # "according to a report by X"
        document = source
        seen = next(
            (
                g
                for c in document.children
                if c.dep_ == "acl" and c.lemma_.lower() in _SEEN
                for a in c.children
                if a.dep_ == "agent"
                for g in a.children
                if g.dep_ == "pobj"
            ),
            None,
        )
        if seen is not None:
            # "according to an internal memo seen by Handelsblatt": the paper passes on
            # what the document says; it is the company's own when the sentence is about it
            relay = seen
            subj = next(
                (c for c in tok.head.children if c.dep_ == "nsubj" and c.ent_type_ == "ORG"),
                None,
            )
            if subj is not None and not any(c.dep_ == "poss" for c in document.children):
                source = subj
        owner = next((c for c in source.children if c.dep_ == "poss"), None)
        if owner is not None and owner.pos_ != "PRON":  # "the bank's weekly survey"
            source = owner
        for prep in source.children:
            if prep.dep_ == "prep" and prep.lower_ in ("by", "from", "of"):
                author = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if author is not None:
                    source = author
                    break
        if source is document and document.lower_ == "statement":
            # "Volvo will cut 500 jobs, according to a statement": the company's own
            subj = next(
                (c for c in tok.head.children if c.dep_ == "nsubj" and c.ent_type_ == "ORG"),
                None,
            )
            if subj is not None:
                source = subj
    phrase_start = tok.i
    phrase_end = max(t.i for t in tok.subtree) + 1
    lo, hi = sent.start, sent.end
    clause = tok.head
    if clause.pos_ in ("VERB", "AUX") and clause.dep_ == "relcl":
        # "the forum, which, according to the organisers, will bring ...": the source
        # vouches for the clause it sits in, not for the sentence around it
        lo, hi = clause.left_edge.i, clause.right_edge.i + 1
        while lo < phrase_start and (
            sent.doc[lo].lower_ in lexicon.RELATIVE or sent.doc[lo].is_punct
        ):
            lo += 1
    before = (lo, phrase_start)
    after = (phrase_end, hi)
    doc = sent.doc
    first_after = next((t for t in doc[phrase_end:hi] if not t.is_punct), None)
    if (
        first_after is not None
        and first_after.lower_ in _CONTRAST_OPENERS
        and before[1] - before[0] >= 3
    ):
        # "A, according to Y, although the company denied B": Y vouches for A
        start, end = before
    else:
        start, end = after if after[1] - after[0] >= before[1] - before[0] else before
    start, end = _trim(sent.doc, start, end)
    if end - start < 3:
        return None
    return Attribution(tok, "according to", source, relay, start, end)


def subject(v: Token) -> Token | None:
    """The speaker of reporting verb ``v``: its subject, or that of the verb it depends on."""
    subjects = [c for c in v.children if c.dep_ in _SUBJECTS]
    if subjects:
        named = [s for s in subjects if s.ent_type_ in ("PERSON", "ORG")]
        s = (named or subjects)[-1]
        if s.lower_ in lexicon.RELATIVE and v.dep_ == "relcl":
            return antecedent(v)
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
            subs = [g for g in c.children if g.dep_ in _SUBJECTS and g.i < c.i]
            if subs:
                return _after_dateline(subs[-1])
    if v.dep_ == "conj" and any(c.dep_ == "auxpass" for c in v.head.children):
        # "The decision was welcomed by UKAD, which ... and said ...": the agent speaks
        agent = next((c for c in v.head.children if c.dep_ == "agent"), None)
        by = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent else None
        if by is not None:
            return by
    if _second_report(v):
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
            subs = [c for c in a.children if c.dep_ in _SUBJECTS]
            if subs and a.lemma_.lower() in lexicon.REPORTING_VERBS:
                return subject(a)
            if subs and fallback is None:
                fallback = subs[-1]
            if a.head == a:
                return fallback
            a = a.head
    return None


def is_age(tok: Token) -> bool:
    """ "old" in "the 54-year-old": a person referred to by their age."""
    doc = tok.doc
    return (
        tok.lower_ == "old"
        and tok.i >= 2
        and doc[tok.i - 1].text == "-"
        and doc[tok.i - 2].lower_ in ("year", "years")
    )


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


def _content(v: Token, lemma: str) -> tuple[int, int] | None:
    """The token range of what ``v`` reports, or None when it reports nothing ("said goodbye")."""
    found = _what_called(v)
    if found is None:
        found = _complement(v, lemma)
    if found is None:
        found = _fronted(v)
    if found is None:
        found = _fronted_as_subject(v)
    if found is None:
        found = _parenthetical(v)
    return found


def _main_subject(v: Token) -> Token | None:
    """The subject of the clause ``v`` hangs from, when it is no pronoun itself."""
    head = v.head
    while head.i != head.head.i and not any(c.dep_ in _SUBJECTS for c in head.children):
        head = head.head
    subj = next((c for c in head.children if c.dep_ in _SUBJECTS and c.i != v.i), None)
    return subj if subj is not None and subj.pos_ != "PRON" and head.i != v.i else None


def _what_called(v: Token) -> tuple[int, int] | None:
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
    start, end = _trim(doc, start, v.right_edge.i + 1)
    if end < len(doc) and doc[end].is_quote and sum(t.is_quote for t in doc[start:end]) % 2:
        end += 1  # the closing mark the parser hung on the main verb
    return (start, end) if end > start else None


def _parenthetical(v: Token) -> tuple[int, int] | None:
    """ "Her brother, she said, had left for Lagos": the attribution sits inside the clause
    it reports; the content is what follows it (the words before are the subject)."""
    head = v.head
    if v.dep_ != "parataxis" or head.i <= v.i or head.left_edge.i >= v.left_edge.i:
        return None
    if not any(c.dep_ in _SUBJECTS for c in v.children):
        return None
    start, end = _trim(v.doc, v.right_edge.i + 1, head.right_edge.i + 1)
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
    start, end = _trim(v.doc, start, end)
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
    start, end = _trim(doc, first.left_edge.i, commas[-1])
    return (start, end) if end - start >= 3 else None


def _complement(v: Token, lemma: str) -> tuple[int, int] | None:
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
    closer = _closing_report(v)
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
            and any(g.dep_ in _SUBJECTS for g in c.children)
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
            and not any(g.dep_ in _SUBJECTS for g in c.children)
            and not any(t.is_quote for t in c.subtree)
        )
    ]
    # "asked that her name not be published", "demanded that he resign": a request
    if ccomps and all(_subjunctive(c) for c in ccomps):
        return None
    # "said A but warned that B": the parser made the second report a second clause said
    ccomps = [c for c in ccomps if not _second_report(c)] or ccomps
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
                    not any(g.dep_ in _SUBJECTS for g in c.children)
                    and any(g.dep_ == "aux" and g.lower_ in _BACKSHIFT for g in c.children)
                    and not _reports_something(c)
                    # "said A and that B": the parser joined the second clause to "said"
                    or _that_conj(c)
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
        return _range(heads)
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
        start, end = _range([g])
        for c in g.children:
            if c.dep_ in ("prep", "advcl") and c.i > g.i and c.lower_ in _BACKGROUND_MARKS:
                end = min(end, c.i)
        return (start, end) if end > start else None

    if xcomp_only and not (
        lemma in lexicon.OBJECT_CONTENT
        and any(c.dep_ == "dobj" or c.dep_ == "prep" and c.lower_ == "on" for c in right)
    ):
        # "agreed to resume talks", "threatened to publish": an intention, not a statement;
        # "urged Turkey to ...", "called on Turkey to ..." address someone and are claims
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
        return _range([obj, judged[0]])
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
        start, end = _range(heads)
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
    start, end = _range(right)
    if end - start < 2:
        return None
    return start, end


# with their inflections: the small model lemmatises "hoped" as "hop"
_WISHES = frozenset(
    "hope hopes hoped hoping wish wishes wished want wants wanted pray prays prayed".split()
)


def _only_wishes(v: Token) -> bool:
    """All ``v`` reports is the speaker's hope or wish ("said she hoped ..."); a quoted
    '"We hope ..."' is still the speaker's words."""
    clauses = [c for c in v.children if c.dep_ == "ccomp" and c.i > v.i]
    return bool(clauses) and all(
        (c.lemma_.lower() in _WISHES or c.lower_ in _WISHES)
        and not any(t.is_quote for t in c.subtree)
        and any(g.dep_ == "nsubj" and g.pos_ == "PRON" for g in c.children)
        for c in clauses
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
            m.dep_ == "mark" and m.lower_ in _BACKGROUND_MARKS for m in c.children
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
                and any(g.dep_ in (*_SUBJECTS, "nsubjpass") for g in c.children)
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


def _range(heads: list[Token]) -> tuple[int, int]:
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
    return _trim(doc, start, end)


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


def _a_name(c: Token) -> bool:
    """The bare name given by "call X Y" ("call it borsha"), not a judgement ("a disaster",
    "illegal")."""
    return (
        c.dep_ in ("oprd", "xcomp")
        and c.pos_ in ("NOUN", "PROPN")
        and not any(g.dep_ in ("det", "amod", "poss") for g in c.children)
    )


def _contrast(v: Token) -> bool:
    """ "..., while the Automobile Association said ...": a second speaker, not a scene."""
    return (
        v.dep_ == "advcl"
        and v.lemma_.lower() in lexicon.REPORTING_VERBS
        and any(c.dep_ == "mark" and c.lower_ in _CONTRAST_MARKS for c in v.children)
        and any(c.dep_ in _SUBJECTS for c in v.children)
        # "although industry groups have questioned that": doubt, with nothing said of its own
        and (
            any(c.dep_ == "mark" and c.lower_ in ("while", "whereas") for c in v.children)
            or any(c.dep_ == "ccomp" for c in v.children)
        )
    )


def _meanwhile(v: Token) -> bool:
    """ "..., as press freedom groups accused the government of failing ...": another
    speaker's claim made at the same time, not the background of the main clause."""
    return (
        any(c.dep_ == "mark" and c.lower_ == "as" for c in v.children)
        and any(c.dep_ in _SUBJECTS and c.pos_ in ("NOUN", "PROPN") for c in v.children)
        and _reports_something(v)
    )


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


def _that_conj(c: Token) -> bool:
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


def _second_report(c: Token) -> bool:
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
        and not any(g.dep_ in _SUBJECTS for g in c.children)
        and c.i > 0
        and doc[c.i - 1].lower_ in ("but", "and")
        and any(g.dep_ == "ccomp" for g in c.children)
    )


def _gapped_report(v: Token) -> bool:
    """ "an outbreak that the WHO says has killed 400 people", "a move its supporters said
    would make Oslo car-free": a speaker of the relative clause's own says the rest of it of
    the noun (the reported clause's subject is the relative pronoun, or missing)."""
    if v.dep_ not in ("relcl", "acl") or v.tag_ not in ("VBD", "VBZ", "VBP"):
        return False
    if v.lemma_.lower() not in lexicon.REPORTING_VERBS:
        return False
    if not any(
        c.dep_ == "nsubj" and c.i < v.i and c.lower_ not in lexicon.RELATIVE for c in v.children
    ):
        return False
    return any(
        c.dep_ == "ccomp"
        and c.i > v.i
        and c.pos_ in ("VERB", "AUX")
        and not any(g.dep_ in ("nsubj", "nsubjpass", "expl") and g.i > v.i for g in c.children)
        for c in v.children
    )


def _embedded_report(v: Token) -> bool:
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


_DISCLOSE = frozenset(
    "give say elaborate provide specify disclose comment explain offer name identify reveal "
    "detail confirm answer".split()
)


# "..., a view the Commissioners reject": another party's take on the content
_VIEW_NOUNS = frozenset(
    "view position account assessment version characterisation charge accusation".split()
)


def _reports_something(t: Token) -> bool:
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


def _withheld(t: Token) -> bool:
    """ "did not give details", "declined to say", "refused to comment"."""
    lemma = t.lemma_.lower()
    if lemma in ("decline", "refuse"):
        return any(c.dep_ == "xcomp" and c.lemma_.lower() in _DISCLOSE for c in t.children)
    return lemma in _DISCLOSE and any(c.dep_ == "neg" for c in t.children)


def _detachable(t: Token) -> bool:
    if _contrast(t):
        return True
    if (
        t.dep_ in ("appos", "npadvmod")
        and t.i > 0
        and t.doc[t.left_edge.i - 1].text == ","
        and any(_embedded_report(c) for c in t.children)
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
    if t.dep_ == "conj" and not any(c.dep_ in _SUBJECTS for c in t.children) and _withheld(t):
        return True  # "... but did not give a figure", "... but declined to say how": the
        # speaker's reticence, not what was said
    if (
        t.dep_ == "conj"
        and reporting
        and not any(c.dep_ in _SUBJECTS for c in t.children)
        and _reports_something(t)
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


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
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
