"""Event mentions (from kg.extract.events) -> model Events: participants as actors, a readable
label, the place, and the time resolved against the article's date."""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract import attribution, lexicon, timex
from kg.extract.actors import clean_label
from kg.extract.events import EventMention
from kg.extract.speakers import Speakers, entity_of, np_range
from kg.model import ActorKind, Article, Event, EventType, Span

_ACTOR_NOUNS = lexicon.PERSON_NOUNS | lexicon.GROUP_NOUNS | lexicon.ORG_NOUNS | lexicon.KIN_NOUNS
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


def build_event(
    m: EventMention, key: str, base: int, sentence: int, speakers: Speakers, article: Article
) -> Event:
    """The Event for mention ``m`` of a block starting at ``base`` in ``article``."""
    reg = speakers.reg
    participants: list[str] = []
    patients: list[str] = []
    for tok in m.agents + m.patients:
        actor = _participant(tok, base, sentence, speakers)
        if actor is not None and actor not in participants:
            participants.append(actor)
            if tok in m.patients:
                patients.append(actor)
    if m.body is not None:
        body = reg.add(
            clean_label(m.body.text),
            ActorKind.ORGANIZATION,
            Span(base + m.body.start_char, base + m.body.end_char),
            sentence,
        )
        participants.append(body)
    place = clean_label(m.place.text) if m.place is not None else None
    time_text = m.time.text if m.time is not None else None
    when, precision = timex.resolve(time_text, article.published) if time_text else (None, None)
    label = _LABEL_NOUN[m.type]
    if m.type is EventType.STATEMENT and m.body is not None:
        label += f" at {clean_label(m.body.text)}"
        names = [reg.actors[k].label for k in participants[:-1]]
        if names:
            label = f"{' and '.join(names)} {label}"
    elif m.type is EventType.STATEMENT:  # "Ankara criticised Beijing"
        by = [reg.actors[k].label for k in participants if k not in patients]
        noun = _CRITICISM.get(m.trigger.lemma_.lower(), "statement")
        label = noun
        if patients:
            label += " of " + " and ".join(reg.actors[k].label for k in patients)
        if by:  # "statement by the Hungarian foreign ministry" (said in a statement)
            label += " by " + " and ".join(by)
        if place:
            label += f" in {place}"
    else:
        who = patients or participants
        if who:
            label += " of " + " and ".join(reg.actors[k].label for k in who)
        if place:
            label += f" in {place}"
    if time_text:
        label += f" ({time_text})"
    trigger = m.trigger
    return Event(
        key=key,
        type=m.type,
        label=label,
        span=Span(base + trigger.idx, base + trigger.idx + len(trigger)),
        participants=participants,
        place=place,
        time_text=time_text,
        time=when,
        time_precision=precision,
    )


def _participant(tok: Token, base: int, sentence: int, speakers: Speakers) -> str | None:
    if tok.lower_ in lexicon.RELATIVE and tok.head.dep_ == "relcl":
        tok = attribution.antecedent(tok.head)
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
    if tok.pos_ == "NOUN":
        lemma = tok.lemma_.lower()
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        counted = any(
            c.dep_ in ("nummod", "quantmod") or c.ent_type_ == "NORP" for c in tok.children
        )
        if lemma not in _ACTOR_NOUNS and not (counted and tok.tag_ == "NNS"):
            # "four Chinese nationals" and "three journalists" take part;
            # "Beijing's abuses": the owner takes part, not the abuses
            return _participant(owner, base, sentence, speakers) if owner is not None else None
    if tok.pos_ in ("PRON", "NOUN", "PROPN"):
        return speakers.resolve(tok, base, sentence)
    return None
