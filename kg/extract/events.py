"""Events mentioned in a sentence: arrests, detentions, attacks, protests, meetings, votes,
statements at a body; with participants, place and time read off the parse."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from kg.extract import lexicon
from kg.model import EventType

_PATIENT = ("dobj", "nsubjpass")
_AGENT = ("nsubj",)
_DURATION = re.compile(r"^\w+-(?:day|week|month|year|hour)s?(?:-long)?$", re.IGNORECASE)
_PLACE_PREPS = frozenset("in at near across inside outside throughout".split())


@dataclass(slots=True)
class EventMention:
    type: EventType
    trigger: Token
    agents: list[Token] = field(default_factory=list)
    patients: list[Token] = field(default_factory=list)
    place: SpacySpan | None = None
    time: SpacySpan | None = None
    body: SpacySpan | None = None  # the body a statement was made at


def find(sent: SpacySpan, in_quote: list[int]) -> list[EventMention]:
    """Event mentions of ``sent``, at most one per event type."""
    found: dict[EventType, EventMention] = {}
    for tok in sent:
        lemma = tok.lemma_.lower()
        etype = _type_of(tok, lemma)
        if etype is None or etype in found or tok.tag_ == "JJ":
            continue
        is_verb = tok.pos_ == "VERB"
        if is_verb and lemma in lexicon.NOUN_ONLY_TRIGGERS and not _crowd_acts(tok, lemma):
            continue  # "stocks rallied", but "300 protesters rallied outside the ministry"
        if not is_verb and (tok.pos_ != "NOUN" or lemma in lexicon.VERB_ONLY_TRIGGERS):
            continue
        if _negated(tok):
            continue  # "no arrests were made", "police did not detain anyone"
        found[etype] = _describe(etype, tok, sent)
    body = _statement_body(sent)
    if body is not None and EventType.STATEMENT not in found:
        # the speech act itself ("expressed concern ... at the Council"), else "at"
        trigger = next(
            (
                t
                for t in sent
                if t.lemma_.lower() in lexicon.STATEMENT_VERBS
                and t.pos_ == "VERB"
                and in_quote[t.i] < 0
            ),
            body.root.head,
        )
        mention = EventMention(EventType.STATEMENT, trigger, body=body)
        clause = _clause_verb(trigger)
        if clause is not None:
            mention.agents = [c for c in clause.children if c.dep_ in _AGENT]
        mention.time = _time(sent, body.root)
        found[EventType.STATEMENT] = mention
    return list(found.values())


def _type_of(tok: Token, lemma: str) -> EventType | None:
    """The event type ``tok`` triggers, from the word and, for some, who does it."""
    if lemma == "motion" and any(
        c.lower_ in ("no-confidence", "censure", "confidence") or c.lower_ == "no"
        for c in tok.subtree
        if c.i < tok.i
    ):
        return EventType.VOTE  # "a no-confidence motion"
    if lemma in ("exchange", "exchanges") and any(
        g.lower_ in ("fire", "gunfire") for c in tok.children for g in c.children
    ):
        return EventType.CONFLICT  # "exchanges of fire"
    if lemma == "talk" and tok.lower_ != "talks":
        return None  # "talk" is speech; "talks" are a meeting
    if tok.pos_ == "NOUN" and _occasion_of_speech(tok, lemma):
        return EventType.STATEMENT
    if lemma == "strike" and tok.pos_ == "NOUN":
        mods = {c.lemma_.lower() for c in tok.children if c.dep_ in ("compound", "amod")}
        return EventType.ATTACK if mods & lexicon.ATTACK_STRIKE else EventType.PROTEST
    if lemma == "protest" and tok.pos_ == "NOUN" and tok.head.lemma_.lower() in lexicon.LODGE_VERBS:
        return EventType.STATEMENT
    etype = lexicon.EVENT_TRIGGERS.get(lemma)
    if etype is not None or tok.pos_ != "VERB":
        return etype
    subjects = {c.lemma_.lower() for c in tok.children if c.dep_ == "nsubj"}
    counted = any(
        c.dep_ == "nsubj" and c.tag_ == "NNS" and any(g.dep_ == "nummod" for g in c.children)
        for c in tok.children
    )  # "about 80 parents gathered outside the school"
    if (
        lemma in lexicon.GATHER_VERBS
        and (subjects & lexicon.CROWDS or counted)
        and not any(c.dep_ == "dobj" for c in tok.children)
    ):
        return EventType.PROTEST  # "thousands gathered outside parliament"
    if subjects & lexicon.PROTESTERS:
        return EventType.PROTEST  # "activists blocked the runways"
    if lemma == "fight" and subjects & lexicon.FIGHTERS:
        return EventType.CONFLICT  # "Indian and Chinese troops fought for hours"
    if lemma == "fire" and any(
        c.dep_ == "dobj" and c.lemma_.lower() in lexicon.FIRED_AT_PEOPLE for c in tok.children
    ):
        return EventType.ATTACK  # "police fired tear gas", "fired rubber bullets"
    if lemma in lexicon.VOTE_VERBS and subjects & lexicon.VOTERS:
        return EventType.VOTE  # "parliament approved the bill"
    if lemma in lexicon.CRITICISM_VERBS and any(
        c.dep_ == "nsubj"
        and (c.ent_type_ in ("GPE", "ORG", "PERSON") or c.pos_ == "PROPN")
        or c.dep_ == "agent"
        and any(g.ent_type_ in ("GPE", "ORG", "PERSON") for g in c.subtree)
        for c in tok.children
    ):
        # "Ankara criticised Beijing", "The strike was condemned by Minister Sophie Lemaire"
        return EventType.STATEMENT
    if lemma in ("tell", "speak", "brief", "address") and any(
        g.lower_ in lexicon.PRESS_AUDIENCE
        for c in tok.children
        if c.dep_ in ("dobj", "dative", "prep")
        for g in [c, *c.children]
    ):
        return EventType.STATEMENT  # "told reporters", "speaking to journalists"
    if (
        lemma in lexicon.REACTION_VERBS
        and any(
            c.dep_ == "nsubj"
            and (
                c.ent_type_ in ("GPE", "ORG", "PERSON")
                # "Conservation groups welcomed the seizure", "Residents rejected that account"
                or c.tag_ == "NNS"
                and c.lemma_.lower() in lexicon.GROUP_NOUNS | lexicon.CROWDS
            )
            for c in tok.children
        )
        and any(c.dep_ == "dobj" and c.pos_ == "NOUN" for c in tok.children)
        and not any(c.dep_ in ("ccomp", "xcomp") for c in tok.children)
    ):
        return EventType.STATEMENT  # "Budapest rejected the criticism"
    return None


def _crowd_acts(tok: Token, lemma: str) -> bool:
    """ "300 protesters rallied", "crowds rallied": a verb that is only an event with people
    protesting as its subject."""
    subjects = [c for c in tok.children if c.dep_ == "nsubj"]
    return lemma == "rally" and any(
        s.lemma_.lower() in lexicon.PROTESTERS | lexicon.CROWDS
        or s.tag_ == "NNS"
        and any(g.dep_ == "nummod" for g in s.children)
        for s in subjects
    )


def _occasion_of_speech(tok: Token, lemma: str) -> bool:
    """ "said in a statement", "issued a statement", "told a news conference": the occasion
    at which a claim was made (not "the statement was false")."""
    press = lemma in ("conference", "briefing") and any(
        c.dep_ in ("compound", "amod") and c.lower_ in lexicon.PRESS_WORDS for c in tok.children
    )
    if lemma not in lexicon.STATEMENT_NOUNS and not press:
        return False
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ in ("in", "at") and head.head.pos_ == "VERB":
        return head.head.lemma_.lower() in lexicon.REPORTING_VERBS
    if tok.dep_ in ("dobj", "dative") and head.pos_ == "VERB":
        return head.lemma_.lower() in lexicon.REPORTING_VERBS or head.lemma_.lower() in (
            "issue",
            "release",
            "hold",
            "give",
            "publish",
        )
    return False


def _negated(tok: Token) -> bool:
    if any(c.dep_ == "neg" or c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
        return True
    head = tok.head  # "no arrests were made": the verb the noun is subject or object of
    return tok.dep_ in ("nsubj", "nsubjpass", "dobj") and any(
        c.dep_ == "neg" for c in head.children
    )


def _describe(etype: EventType, tok: Token, sent: SpacySpan) -> EventMention:
    m = EventMention(etype, tok)
    if tok.pos_ == "VERB":
        m.agents = [c for c in tok.children if c.dep_ in _AGENT]
        m.patients = [c for c in tok.children if c.dep_ in _PATIENT]
        for c in tok.children:
            if c.dep_ == "agent":
                m.agents += [g for g in c.children if g.dep_ == "pobj"]
    else:
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                m.patients += [g for g in c.children if g.dep_ == "pobj"]
            elif c.dep_ == "prep" and c.lower_ in ("by", "between", "with"):
                m.agents += [g for g in c.children if g.dep_ == "pobj"]
            elif c.dep_ == "poss":
                m.agents.append(c)
        if (
            tok.dep_ in ("dobj", "nsubjpass", "dative")
            and tok.head.pos_ == "VERB"
            and (
                tok.head.lemma_.lower() not in lexicon.REPORTING_VERBS
                or etype is EventType.STATEMENT
            )
        ):  # "police made two arrests"; but who "condemned the detention" did not detain
            m.agents += [c for c in tok.head.children if c.dep_ == "nsubj"]
        elif tok.dep_ == "pobj" and etype is EventType.STATEMENT:  # "X said in a statement"
            verb = tok.head.head
            subjects = [c for c in verb.children if c.dep_ == "nsubj"]
            m.agents += subjects[-1:]  # the speaker, not a fronted clause's subject
    for t in _conjuncts(m.patients):
        if t not in m.patients:
            m.patients.append(t)
    for t in _conjuncts(m.agents):  # "Lindqvist and Okafor met"
        if t not in m.agents:
            m.agents.append(t)
    m.place = _place(tok, sent)
    m.time = _time(sent, tok)
    return m


def _conjuncts(toks: list[Token]) -> list[Token]:
    out: list[Token] = []
    for t in toks:
        out.extend(c for c in t.children if c.dep_ == "conj")
    return out


def _place(tok: Token, sent: SpacySpan) -> SpacySpan | None:
    """The first place named "in X" in the trigger's phrase, else its clause."""
    scopes = [tok]
    verb = _clause_verb(tok)
    if verb is not None and verb.i != tok.i:
        scopes.append(verb)
    for scope in scopes:
        for ent in sent.ents:
            if ent.label_ not in ("GPE", "LOC", "FAC"):
                continue
            root = ent.root
            if root.dep_ == "pobj" and root.head.lower_ in _PLACE_PREPS and _under(root, scope):
                return ent
    return None


def _time(sent: SpacySpan, tok: Token) -> SpacySpan | None:
    verb = _clause_verb(tok) or tok
    # "a five-day strike", "a two-week delay" say how long, not when
    # and "for several hours", "for three days" too
    dates = [
        e
        for e in sent.ents
        if e.label_ in ("DATE", "TIME")
        and not _DURATION.search(e.text)
        and not (e.start > 0 and sent.doc[e.start - 1].lower_ in ("for", "over", "within"))
    ]
    for ent in dates:
        if _under(ent.root, verb) or _under(ent.root, tok):
            return ent
    # "Earlier this year X said ...": a date fronting the sentence governs it
    for ent in dates:
        if ent.start == sent.start or ent.root.head.dep_ == "ROOT" and ent.root.head == verb:
            return ent
    return None


def _clause_verb(tok: Token) -> Token | None:
    t = tok
    for _ in range(8):
        if t.pos_ in ("VERB", "AUX"):
            return t
        if t.head == t:
            return None
        t = t.head
    return None


def _under(tok: Token, ancestor: Token) -> bool:
    return tok.i == ancestor.i or ancestor in tok.ancestors


def _statement_body(sent: SpacySpan) -> SpacySpan | None:
    """ "... at the UN Human Rights Council": a body at which a statement was made."""
    has_speech = any(t.lemma_.lower() in lexicon.STATEMENT_VERBS for t in sent)
    if not has_speech:
        return None
    for ent in sent.ents:
        words = {t.lower_ for t in ent}
        if ent.label_ in ("ORG", "FAC", "EVENT") and words & lexicon.BODY_WORDS:
            root = ent.root
            if root.dep_ == "pobj" and root.head.lower_ in ("at", "before", "to"):
                return ent
            if root.dep_ in ("dobj", "dative") and root.head.lemma_.lower() in ("tell", "address"):
                return ent  # "told the UN Security Council"
    return None
