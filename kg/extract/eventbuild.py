"""Event mentions (from kg.extract.events) -> model Events: participants as actors in their
roles, a readable label, the place, and the time resolved against the article's date.

The label says in plain English who did what to whom, where and when, from the roles: "arrest
of a senior ELN financier by police in Cúcuta earlier this year", "statement by Clara Restrepo
to reporters", "talks between Sudan's army and the Rapid Support Forces in Jeddah on Sunday".
It is worded again once the article is read (:func:`label`), because a description ("the
minister") may be bound to the person it meant only later.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from spacy.tokens import Token

from kg.extract import lexicon, timex
from kg.extract.actors import clean_label
from kg.extract.events import EventMention
from kg.extract.noun_phrases import appos_entity, entity_of, np_range
from kg.extract.speakers import Speakers
from kg.extract.subjects import antecedent
from kg.model import Actor, ActorKind, Article, Event, EventRole, EventType, Span

_ACTOR_NOUNS = (
    lexicon.PERSON_NOUNS
    | lexicon.GROUP_NOUNS
    | lexicon.ORG_NOUNS
    | lexicon.KIN_NOUNS
    | lexicon.FIGHTERS  # "troops fired tear gas"
)
_CRITICISM = {
    "criticise": "criticism",
    "criticize": "criticism",
    "condemn": "condemnation",
    "denounce": "denunciation",
    "reject": "rejection",
    "dismiss": "rejection",
    "deny": "denial",
    "welcome": "welcome",
}
_LABEL_NOUN = {
    EventType.ARREST: "arrest",
    EventType.DETENTION: "detention",
    EventType.ATTACK: "attack",
    EventType.PROTEST: "protest",
    EventType.MEETING: "meeting",
    EventType.VOTE: "vote",
    EventType.STATEMENT: "statement",
    EventType.ELECTION: "election",
    EventType.CONFLICT: "conflict",
    EventType.OTHER: "event",
}
# what a verb trigger's event is called: "police detained X" -> "detention of X by police"
_VERB_NOUN = {
    "detain": "detention",
    "jail": "jailing",
    "imprison": "imprisonment",
    "intern": "internment",
    "shell": "shelling",
    "bomb": "bombing",
    "strike": "strike",
    "raid": "raid",
    "ambush": "ambush",
    "assault": "assault",
    "stab": "stabbing",
    "shoot": "shooting",
    "rally": "rally",
    "march": "march",
    "demonstrate": "demonstration",
    "visit": "visit",
    "summon": "summons",
    "elect": "election",
    "fight": "fighting",
    "clash": "clashes",
    **_CRITICISM,
}
# "attack on a supply boat", "strike on Kharkiv"; otherwise "arrest of", "shelling of"
_ON = frozenset("attack attacks strike strikes airstrike airstrikes raid raids assault".split())
# people whatever the noun: who is arrested or detained ("a senior ELN financier")
_TAKEN = frozenset({EventType.ARREST, EventType.DETENTION})
# nouns for anyone: "the man" who was arrested is not whichever man the article named last
_ANYONE = frozenset("man woman person boy girl suspect youth teenager men women".split())
# "whose members": the body they belong to
_MEMBERS = frozenset("member supporter fighter worker employee staff activist".split())
_LOWER_FIRST = frozenset(
    """a an the about around some more nearly almost over up several many hundreds thousands
    dozens tens at least police""".split()
)


@dataclass(slots=True)
class Wording:
    """What an event's label says besides the names of its participants, kept until the
    article is read and every description is bound to the actor it meant."""

    noun: str  # "arrest", "talks", "news conference", "criticism"
    surfaces: dict[str, str] = field(default_factory=dict)  # key -> "a senior ELN financier"
    taken_words: str | None = None  # who was acted upon when no actor is: "five", "hundreds"
    sole_prep: str | None = None  # how a sole side of talks was named: "talks with X"
    addressee_prep: str = "to"  # "to reporters", "at the UN Human Rights Council"
    place: str | None = None  # "in Cúcuta", "near Second Thomas Shoal"
    time: str | None = None  # "earlier this year", "on Monday"


def build_event(
    m: EventMention, key: str, base: int, sentence: int, speakers: Speakers, article: Article
) -> tuple[Event, Wording]:
    """The Event for mention ``m`` of a block starting at ``base`` in ``article``, and the
    wording its label is made from: decides which actors take part and in which role
    (agent, patient, addressee), where and when, and how the label will name them.

    "Earlier this year, police arrested a senior ELN financier in the city of Cúcuta": an
    arrest with police as agent and the financier as patient, in Cúcuta, at a time resolved
    against the article's date; a phrase already taken is not a second participant
    ("about 200 business owners and residents"), a number taken names no actor ("police
    arrest five"), and "its fighters" is worded with whose they are.
    """
    reg = speakers.reg
    participants: list[str] = []
    roles: dict[str, EventRole] = {}
    wording = Wording(_noun(m))
    covered: list[tuple[int, int, str]] = []  # phrases taken, with the label they gave
    for tokens, role in (
        (m.agents, EventRole.AGENT),
        (m.patients, EventRole.PATIENT),
        (m.addressees, EventRole.ADDRESSEE),
    ):
        for tok in tokens:
            if any(s <= tok.i < e and tok.lower_ in words for s, e, words in covered):
                continue  # "about 200 business owners and residents": residents are in it
            person = role is EventRole.PATIENT and m.type in _TAKEN
            if role is EventRole.PATIENT and tok.pos_ == "PRON":
                # "They were condemned by Lin": the drills; "when it was ambushed": the convoy
                if m.type is EventType.STATEMENT or tok.lower_ == "it":
                    continue
            doc = tok.doc
            if tok.text == "-" or (
                not tok.whitespace_ and tok.i + 1 < len(doc) and doc[tok.i + 1].text == "-"
            ):
                continue  # "arrests ex-mayor" parsed as three objects: the last one is it
            # "criticised Beijing's abuses": Beijing; "met the hospital's management": it
            owner_ok = (
                role is EventRole.PATIENT
                and m.type is EventType.STATEMENT
                or role is EventRole.AGENT
                and m.type in (EventType.MEETING, EventType.CONFLICT)
                and tok.dep_ == "dobj"
            )
            actor = _participant(tok, base, sentence, speakers, person, owner_ok)
            if actor is None:
                if person and (tok.like_num or tok.ent_type_ == "CARDINAL"):
                    wording.taken_words = _phrase(tok)  # "Indonesian police arrest five"
                continue
            if actor in roles:
                continue
            participants.append(actor)
            roles[actor] = role
            if role is EventRole.AGENT and tok.dep_ == "pobj":
                wording.sole_prep = tok.head.lower_
            surface = _surface(tok, reg.actors[actor], actor in reg.local)
            owner = next((c for c in tok.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
            if surface and owner is not None and surface.lower().startswith(owner.lower_ + " "):
                # "its fighters": whose, as the label must say it out of context
                whose = speakers.resolve(owner, base, sentence)
                if whose is not None:
                    surface = f"{_name(reg.actors[whose])}'s {surface[len(owner.text) + 1 :]}"
            if surface:
                wording.surfaces[actor] = surface
            s, e = np_range(tok)
            covered.append((s, e, reg.actors[actor].label.lower()))
    if m.body is not None:
        body = reg.add(
            clean_label(m.body.text),
            ActorKind.ORGANIZATION,
            Span(base + m.body.start_char, base + m.body.end_char),
            sentence,
        )
        if body not in roles:
            participants.append(body)
        roles[body] = EventRole.ADDRESSEE
        doc = m.body.doc
        the = m.body.start > 0 and doc[m.body.start - 1].lower_ == "the"
        wording.surfaces[body] = ("the " if the else "") + clean_label(m.body.text)
        wording.addressee_prep = m.body_prep
    place = clean_label(m.place.text) if m.place is not None else None
    if place:
        wording.place = f"{m.place_prep} {place}"
    time_text = timex.clean(m.time.text) if m.time is not None else None
    when, precision = timex.resolve(time_text, article.published) if time_text else (None, None)
    if time_text:
        wording.time = timex.phrase(time_text, m.time_prep)
    trigger = m.trigger
    event = Event(
        key=key,
        type=m.type,
        label="",
        span=Span(base + trigger.idx, base + trigger.idx + len(trigger)),
        participants=participants,
        roles=roles,
        place=place,
        time_text=time_text,
        time=when,
        time_precision=precision,
    )
    event.label = label(event, wording, reg.actors)
    return event, wording


def label(event: Event, wording: Wording, actors: Mapping[str, Actor]) -> str:
    """ "arrest of a senior ELN financier by police in Cúcuta earlier this year": what
    happened, to whom, by whom, to whom it was said, where and when."""

    def names(role: EventRole) -> list[str]:
        return [
            wording.surfaces.get(k) or _name(actors[k])
            for k in event.participants
            if event.roles.get(k) is role and k in actors
        ]

    agents, patients = names(EventRole.AGENT), names(EventRole.PATIENT)
    addressees = names(EventRole.ADDRESSEE)
    words = [wording.noun]
    if event.type in (EventType.MEETING, EventType.CONFLICT) and not patients:
        noun = wording.noun.split()[-1]
        if len(agents) > 1:
            words.append("between " + _and(agents))  # "talks between A and B"
        elif agents and wording.sole_prep in ("with", "of", "by", "between"):
            words.append(f"{wording.sole_prep} {agents[0]}")  # "talks with Minera Andina"
        elif agents and noun in ("meeting", "meetings", "summit", "conference", "session"):
            words.append("of " + agents[0])  # "meeting of the committee"
        elif agents and event.type is EventType.MEETING:
            words.append("by " + agents[0])  # "visit by journalists"
        elif agents:
            words.append("involving " + agents[0])
    else:
        taken = _and(patients) if patients else wording.taken_words
        if taken:
            on = event.type is EventType.ATTACK and wording.noun.split()[-1] in _ON
            words.append(("on " if on else "of ") + taken)
        if agents:
            words.append("by " + _and(agents))
    if addressees:
        words.append(f"{wording.addressee_prep} {_and(addressees)}")
    text = " ".join(words)
    if wording.place and wording.place.split(" ", 1)[1] not in text:
        text += " " + wording.place  # not "Sweden's ambassador in Ankara in Ankara"
    if wording.time:
        text += " " + wording.time
    return text


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _name(actor: Actor) -> str:
    """An actor's label as a label's phrase says it: "the Government of China"."""
    label = actor.label
    if label.startswith("Government of"):
        return f"the {label}"
    first, _, rest = label.partition(" ")
    if rest and first.lower() in _LOWER_FIRST:
        return f"{first.lower()} {rest}"  # "About 200 members of ..." opened a sentence
    return label


def _noun(m: EventMention) -> str:
    """What the event is called: the trigger noun as written ("talks", "news conference",
    "walkout"), or a noun for the verb ("detained" -> "detention")."""
    t = m.trigger
    lemma = t.lemma_.lower()
    if m.body is not None:
        return "statement"
    if t.pos_ == "VERB":
        if lemma == "fire":  # "police fired tear gas"
            shot = next((c for c in t.children if c.dep_ == "dobj"), None)
            if shot is not None:
                return "firing of " + _phrase(shot).lower()
        if m.type is EventType.STATEMENT and lemma not in _CRITICISM:
            return "statement"  # "told reporters", "speaking to journalists"
        return _VERB_NOUN.get(lemma, _LABEL_NOUN[m.type])
    doc = t.doc
    found = {t.i}
    j = t.i - 1
    while (
        j >= 0
        and len(found) < 3
        and doc[j].dep_ == "compound"
        and doc[j].pos_ == "NOUN"
        and doc[j].tag_ != "NNS"
        and not doc[j].ent_type_
        and doc[j].head.i in found
    ):
        found.add(j)  # "news conference", "water cannon attack"
        j -= 1
    start = min(found)
    if start >= 2 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_:
        start -= 2  # "full-scale invasion", "48-hour strike", "closed-door talks"
    noun = "".join(doc[i].lower_ + doc[i].whitespace_ for i in range(start, t.i + 1)).strip()
    if t.lower_ == "conference" and t.dep_ == "compound" and t.head.lower_ == "call":
        noun += " call"  # "a conference call"
    if t.lemma_.lower() == "exchange":
        noun += " of fire"
    return noun


def _phrase(tok: Token) -> str:
    s, e = np_range(tok)
    return tok.doc[s:e].text


def _surface(tok: Token, actor: Actor, local: bool) -> str | None:
    """The words the article used for a participant known only by a description ("a senior
    ELN financier", "about 300 people"); None where its label says it better."""
    if not local or tok.pos_ != "NOUN" or any(c.lower_ == "whose" for c in tok.children):
        return None
    text = _phrase(tok)
    doc = tok.doc
    start = np_range(tok)[0]
    first = doc[start]
    if (first.pos_ != "PROPN" or first.lower_ in _LOWER_FIRST) and first.text[1:].islower():
        text = text[:1].lower() + text[1:]  # "About 300 people" opened the sentence; not "MPs"
    if start >= 2 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_:
        text = doc[start - 2].lower_ + "-" + text  # "ex-mayor"
    return text


def _participant(
    tok: Token,
    base: int,
    sentence: int,
    speakers: Speakers,
    person: bool = False,
    owner_ok: bool = False,
) -> str | None:
    """Decides which actor, if any, the participant ``tok`` names, and registers it;
    ``person``: the noun names people whatever it is (who is arrested or detained: "a
    senior ELN financier", "dozens of climate activists"); ``owner_ok``: a thing stands for
    its owner ("criticised Beijing's abuses": Beijing).

    A relative pronoun is its antecedent, "it" the subject it stands for ("Israel says it
    struck": Israel); a count ("dozens of ...") and a people ("around a million Muslims")
    are groups; a date is nobody ("Wednesday's debate"); a named entity is registered by
    the speaker resolver; a noun that names no actor ("the abuses") is nobody, or its
    owner when ``owner_ok``.
    """
    if tok.lower_ in lexicon.RELATIVE and tok.head.dep_ == "relcl":
        tok = antecedent(tok.head)
    if (
        any(c.lower_ == "whose" for c in tok.children)
        and tok.head.dep_ == "relcl"
        and tok.lemma_.lower() in _MEMBERS
    ):
        # "The PTI, whose members boycotted the meeting": the party
        return _participant(antecedent(tok.head), base, sentence, speakers)
    if tok.pos_ == "PRON" and tok.dep_ in ("nsubj", "nsubjpass"):
        speaker = _speaker_of(tok)
        if speaker is not None:  # "Israel says it struck ...": Israel; "Neither side said it"
            return _participant(speaker, base, sentence, speakers) if speaker.i != tok.i else None
    counted = any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children) and (
        tok.like_num or tok.lemma_.lower() in ("dozen", "hundred", "thousand", "ten", "score")
    )
    if person and tok.pos_ == "NOUN" and tok.lemma_.lower() in _ANYONE:
        # "the man ... was later arrested": not whoever "man" last named
        return _someone(tok, base, sentence, speakers)
    if person and counted:
        # "dozens of climate activists", "hundreds of suspected militants": a group
        s, e = np_range(tok)
        doc = tok.doc
        label = clean_label(doc[s:e].text)
        span = Span(base + doc[s].idx, base + doc[e - 1].idx + len(doc[e - 1].text))
        return speakers.reg.add(label, ActorKind.GROUP, span, sentence) if label else None
    if tok.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"):
        return None  # "Wednesday's debate": when, not who
    ent = entity_of(tok)
    if ent is not None and ent.label_ == "NORP" or tok.ent_type_ == "NORP":
        # "around a million Muslims": the people, as a group, not the religion
        s, e = np_range(tok)
        doc = tok.doc
        label = clean_label(doc[s:e].text)
        span = Span(base + doc[s].idx, base + doc[e - 1].idx + len(doc[e - 1].text))
        return speakers.reg.add(label, ActorKind.GROUP, span, sentence) if label else None
    if ent is not None:
        return speakers.entity(ent, base, sentence, as_speaker=False)
    named = next((c for c in tok.children if c.dep_ == "nmod" and c.ent_type_ == "ORG"), None)
    if tok.pos_ == "NOUN" and named is not None and named.i < tok.i and not appos_entity(tok):
        # "The CGT, Argentina's largest labour confederation, said" (parsed as one phrase)
        ent = entity_of(named)
        if ent is not None:
            return speakers.entity(ent, base, sentence, as_speaker=True)
    if tok.pos_ == "NOUN":
        lemma = tok.lemma_.lower()
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        counted = any(
            c.dep_ in ("nummod", "quantmod") or c.ent_type_ == "NORP" for c in tok.children
        )
        apposed = appos_entity(tok) is not None  # "the government's chief negotiator, Clara R."
        audience = tok.lower_ in lexicon.PRESS_AUDIENCE  # "told MPs"
        if (
            lemma not in _ACTOR_NOUNS
            and not (counted and tok.tag_ == "NNS")
            and not apposed
            and not audience
        ):
            # "four Chinese nationals" and "three journalists" take part;
            # "Beijing's abuses": the owner takes part, not the abuses
            if person:
                return speakers.resolve(tok, base, sentence) or _someone(
                    tok, base, sentence, speakers
                )
            if owner is None or not owner_ok:
                return None
            return _participant(owner, base, sentence, speakers)
    if tok.pos_ in ("PRON", "NOUN", "PROPN"):
        return speakers.resolve(tok, base, sentence)
    return None


def _speaker_of(pron: Token) -> Token | None:
    """The subject of the reporting verb whose complement ``pron`` is the subject of:
    "Israel says it struck": Israel; the pronoun itself when it opens no such clause."""
    verb = pron.head
    if verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in lexicon.REPORTING_VERBS:
        return None
    subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ == "PRON":
        return None
    return subject


def _someone(tok: Token, base: int, sentence: int, speakers: Speakers) -> str | None:
    """Who was arrested or detained, described by a noun that names no one in particular
    elsewhere: "a senior ELN financier", "the captain of a Russian-flagged trawler"."""
    s, e = np_range(tok)
    doc = tok.doc
    label = clean_label(doc[s:e].text)
    if not label:
        return None
    first = doc[s]
    if first.is_sent_start and first.pos_ != "PROPN" and label.startswith(first.text):
        label = first.text.lower() + label[len(first.text) :]
    plural = tok.tag_ in ("NNS", "NNPS")
    span = Span(base + doc[s].idx, base + doc[e - 1].idx + len(doc[e - 1].text))
    key = speakers.reg.add(
        label, ActorKind.GROUP if plural else ActorKind.PERSON, span, sentence, weight=0.5
    )
    if not any(t.pos_ == "PROPN" or t.ent_type_ for t in doc[s:e]):
        speakers.reg.local.add(key)  # no name in it: an actor of this article only
    return key
