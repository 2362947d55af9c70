"""Events mentioned in a sentence: arrests, detentions, attacks, protests, meetings, votes,
statements at a body; with participants in their roles (who acted, who was acted upon, whom a
statement was made to), place and time read off the parse."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from kg.extract import lexicon, timex
from kg.extract.entities import entities_in
from kg.model import EventType

_PATIENT = ("dobj", "nsubjpass")
_AGENT = ("nsubj",)
_DURATION = re.compile(r"^\w+-(?:day|week|month|year|hour)s?(?:-long)?$", re.IGNORECASE)
_PLACE_PREPS = frozenset("in at near across inside outside throughout".split())
_TIME_PREPS = frozenset("on in at during since until till by before from between".split())
# places within a place: "on the highway outside San Pedro", "at the port in Mombasa"
_WITHIN_PREPS = _PLACE_PREPS | frozenset("on through along off into from to".split())
_ARGUMENTS = ("nsubj", "nsubjpass", "dobj")
# nouns a place name can be "of": "in the city of Cúcuta", "the province of Khuzestan"
_PLACE_NOUNS = frozenset(
    """city town village province region state district county capital port island area
    municipality commune suburb neighbourhood neighborhood""".split()
)
# verbs whose object is the event and whose subject does it: "police made two arrests",
# "staged a protest", "held talks with"; not who "condemned the detention" or "suspended talks"
# ("stag" is how the small model lemmatises "staged")
_DOING_VERBS = frozenset(
    """make carry conduct stage stag hold launch mount organise organize lead call begin start
    join attend host resume wage order continue""".split()
)
# what one meets that is no meeting: "met our uptime target", "meet the goals agreed in Paris"
_MET_THINGS = frozenset(
    """target goal standard demand requirement deadline need expectation criterion condition
    obligation commitment threshold permit test challenge cost""".split()
)
# prepositions by which a trigger noun is part of its verb's event ("said in a statement",
# "told reporters on a conference call"), unlike "before the vote", "after talks"
_PART_PREPS = frozenset("in at on to with by".split())
# events whose sides take part alike: "Kuhn will meet Brandt", "police clashed with villagers"
_TOGETHER = frozenset({EventType.MEETING, EventType.CONFLICT})
# speech addressed to someone: "told reporters", "speaking to journalists", "briefed MPs"
_ADDRESSING = frozenset("tell speak talk brief address".split())
_SPEECH = (
    lexicon.REPORTING_VERBS
    | lexicon.STATEMENT_VERBS
    | lexicon.REACTION_VERBS
    | lexicon.CRITICISM_VERBS
)


@dataclass(slots=True)
class EventMention:
    type: EventType
    trigger: Token
    agents: list[Token] = field(default_factory=list)  # who acted: "police" arrested
    patients: list[Token] = field(default_factory=list)  # who was acted upon: the arrested
    addressees: list[Token] = field(default_factory=list)  # whom a statement was made to
    place: SpacySpan | None = None
    place_prep: str = "in"  # the preposition the text puts before the place: "near", "at"
    time: SpacySpan | None = None
    time_prep: str | None = None  # the preposition before the time, if any: "on", "since"
    body: SpacySpan | None = None  # the body a statement was made at
    body_prep: str = "at"  # "at the UN Human Rights Council", "to" when it was told


def find(sent: SpacySpan, in_quote: list[int]) -> list[EventMention]:
    """Event mentions of ``sent``, at most one per event type."""
    found: dict[EventType, EventMention] = {}
    for tok in sent:
        if tok.pos_ not in ("VERB", "NOUN"):
            continue  # only verbs and nouns trigger (the checks below drop the rest)
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
        found[etype] = _unquoted(_describe(etype, tok, sent), in_quote)
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
        if body.root.head.lower_ in ("before", "to") or body.root.dep_ in ("dobj", "dative"):
            mention.body_prep = "before" if body.root.head.lower_ == "before" else "to"
        clause = _clause_verb(trigger)
        if clause is not None:
            mention.agents = [c for c in clause.children if c.dep_ in _AGENT]
        # when the statement was made: said of the speech act, of the body, or beside the body
        # ("raised concern about the camps in February at the Council")
        anchors = _anchors(body.root) | _anchors(trigger)
        if body.root.dep_ == "pobj":
            anchors.add(body.root.head.head.i)
        mention.time, mention.time_prep = _time(sent, body.root, anchors)
        found[EventType.STATEMENT] = mention
    return list(found.values())


def _unquoted(m: EventMention, in_quote: list[int]) -> EventMention:
    """Without pronouns inside a quotation: "They were attacked with stones," the minister
    said: "they" are whoever the speaker meant, not whoever the article named last."""
    for role in (m.agents, m.patients, m.addressees):
        role[:] = [
            t for t in role if t.pos_ != "PRON" or t.lower_ in lexicon.RELATIVE or in_quote[t.i] < 0
        ]
    return m


def _type_of(tok: Token, lemma: str) -> EventType | None:
    """Decides the event type ``tok`` triggers, from the word and, for some, who does it:
    "thousands gathered outside parliament" is a protest, "a petition has gathered
    signatures" none; "troops fought" a conflict, "the club fought the ruling" none;
    "Israel struck Hezbollah sites" an attack, "the earthquake struck" none; "Ankara
    criticised Beijing", "told reporters" and "Budapest rejected the criticism" statements;
    "a no-confidence motion" a vote; "a strike" a protest, "an air strike" an attack."""
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
    if lemma == "meet" and any(
        c.dep_ == "dobj" and c.lemma_.lower() in _MET_THINGS for c in tok.children
    ):
        return None  # "met our uptime target"
    if tok.pos_ == "NOUN" and _occasion_of_speech(tok, lemma):
        return EventType.STATEMENT
    if lemma == "strike" and tok.pos_ == "NOUN":
        mods = {c.lemma_.lower() for c in tok.children if c.dep_ in ("compound", "amod")}
        return EventType.ATTACK if mods & lexicon.ATTACK_STRIKE else EventType.PROTEST
    if lemma == "protest" and tok.pos_ == "NOUN" and tok.head.lemma_.lower() in lexicon.LODGE_VERBS:
        return EventType.STATEMENT
    if lemma == "shell" and tok.pos_ == "NOUN" and any(c.lower_ == "of" for c in tok.children):
        return None  # "a shell of a man"
    if lemma == "strike" and tok.pos_ == "VERB":
        if any(c.dep_ == "dobj" for c in tok.children):
            return EventType.ATTACK  # "Israel struck Hezbollah sites"
        if not any(c.dep_ == "nsubj" and c.pos_ != "PRON" and _people(c) for c in tok.children):
            return None  # "the earthquake struck": no one struck work
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
    if subjects & lexicon.PROTESTERS and lemma not in _SPEECH:
        # "activists blocked the runways"; "campaigners said", "welcomed" is speech
        return EventType.PROTEST
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


def _people(tok: Token) -> bool:
    """ "pilots", "the union", "Lufthansa": someone who can strike, not "the earthquake"."""
    lemma = tok.lemma_.lower()
    return (
        tok.ent_type_ in ("ORG", "PERSON", "NORP")
        or lemma in lexicon.GROUP_NOUNS
        or lemma in lexicon.PERSON_NOUNS
        or lemma in lexicon.ORG_NOUNS
        or lemma in lexicon.CROWDS
    )


def _describe(etype: EventType, tok: Token, sent: SpacySpan) -> EventMention:
    m = EventMention(etype, tok)
    if tok.pos_ == "VERB":
        _verb_roles(m, tok)
    else:
        _noun_roles(m, tok)
    for role in (m.agents, m.patients, m.addressees):
        for t in _conjuncts(role):  # "Lindqvist and Okafor met"
            if t not in role:
                role.append(t)
    anchors = _anchors(tok)
    m.place, m.place_prep = _place(tok, sent, anchors)
    if m.type is EventType.ELECTION:  # "Portugal has held four general elections": where
        where = [a for a in m.agents if a.ent_type_ == "GPE"]
        m.agents = [a for a in m.agents if a not in where]
        if where and m.place is None:
            m.place = next((e for e in entities_in(sent) if e.start <= where[0].i < e.end), None)
    m.time, m.time_prep = _time(sent, tok, anchors)
    return m


def _verb_roles(m: EventMention, tok: Token) -> None:
    """ "police arrested X", "X was detained by police", "she told reporters"."""
    m.agents = _subjects(tok)
    objects = [c for c in tok.children if c.dep_ in _PATIENT]
    lemma = tok.lemma_.lower()
    if m.type is EventType.ELECTION and tok.tag_ == "VBN" and not objects:
        objects, m.agents = m.agents, []  # "he would review the deal if elected": he was
    done_to = m.type not in _TOGETHER | {EventType.PROTEST, EventType.VOTE}
    bare = not any(c.dep_ in ("aux", "auxpass", "dobj") for c in tok.children)
    if tok.tag_ == "VBN" and done_to and bare and m.agents and not objects:
        # "Police said 14 workers detained during a clash had been released": a participle
        # the model took for a verb with a subject; they were detained
        objects, m.agents = [a for a in m.agents if a.dep_ != "pobj"], []
        m.agents = [a for a in _subjects(tok) if a.dep_ == "pobj"]
    if tok.dep_ == "acl" and tok.tag_ == "VBN" and done_to:
        # "14 workers detained during a clash", "the government elected that year"
        m.agents = [a for a in m.agents if a.dep_ == "pobj"]  # "by police"
        objects = [tok.head]
    elif tok.dep_ == "acl" and not m.agents:
        # "villagers protesting against the mine"; "Hundreds of commuters protested at ..."
        # (a sentence's verb the model took for a participle)
        m.agents = [tok.head]
    if m.type is EventType.PROTEST:
        m.agents = [a for a in m.agents if not _place_name(a)]  # "Georgia protests": where
    if m.type is EventType.STATEMENT and lemma in _ADDRESSING:
        # whom it was said to, not whom it was about: "told reporters", "speaking to MPs"
        m.addressees = [c for c in tok.children if c.dep_ in ("dobj", "dative")]
        m.addressees += _pobjs(tok, ("to",))
        objects = [o for o in objects if o not in m.addressees]
    elif m.type in _TOGETHER and lemma != "summon":
        # "Kuhn will meet Brandt", "police clashed with villagers": both sides alike; what
        # was visited is a place ("visited Lampedusa")
        m.agents += [o for o in objects if o.dep_ == "dobj" and _met(o, lemma)]
        m.agents += _pobjs(tok, ("with", "against"))
        objects = [o for o in objects if o.dep_ != "dobj"]
    m.patients = objects


def _noun_roles(m: EventMention, tok: Token) -> None:
    """ "the arrest of X by police", "talks between A and B", "his arrest", "police made two
    arrests", "X said in a statement"."""
    etype = m.type
    for c in tok.children:
        if c.dep_ != "prep":
            continue
        pobjs = [g for g in c.children if g.dep_ == "pobj"]
        word = c.lower_
        if word == "of":  # "arrest of X" was done to X; "a meeting of the committee" by it
            (m.agents if etype in _TOGETHER | {EventType.PROTEST} else m.patients).extend(pobjs)
        elif word in ("by", "between"):
            m.agents += pobjs
        elif word == "with" and etype in _TOGETHER:
            m.agents += pobjs
        elif word in ("on", "against") and etype is EventType.ATTACK:
            m.patients += pobjs
        elif word in ("to", "with") and etype is EventType.STATEMENT:
            m.addressees += pobjs
    head = tok.head
    head_lemma = head.lemma_.lower()
    if tok.dep_ in ("dobj", "nsubjpass", "dative") and head.pos_ == "VERB":
        naming = any(c.dep_ in ("oprd", "ccomp") for c in head.children)
        if etype is EventType.STATEMENT or head_lemma in _DOING_VERBS and not naming:
            # "police made two arrests", "issued a statement"; not "condemned the detention",
            # nor who "called the detention 'a blatant act of repression'"
            m.agents += _subjects(head)
            if etype in _TOGETHER:
                m.agents += _pobjs(head, ("with",))  # "held talks with X"
            if etype is EventType.STATEMENT:
                m.addressees += _pobjs(head, ("to", "with"))  # "lodged a protest with X"
        elif etype is EventType.ELECTION and head_lemma == "win":
            m.patients += _subjects(head)  # "won re-election"
    elif tok.dep_ == "pobj" and etype is EventType.STATEMENT:  # "X said in a statement"
        verb = tok.head.head
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        m.agents += subjects[-1:]  # the speaker, not a fronted clause's subject
    elif tok.dep_ == "pobj" and head.lower_ == "in" and etype is EventType.PROTEST:
        m.agents += _subjects(head.head)  # "shopkeepers shut their stores in protest"
    owner = next((c for c in tok.children if c.dep_ == "poss"), None)
    if owner is not None and owner.ent_type_ not in ("DATE", "TIME"):
        taken = etype in (EventType.ARREST, EventType.DETENTION, EventType.ELECTION)
        if taken and not m.patients:
            m.patients.append(owner)  # "his arrest", "her election"
        elif etype is EventType.ELECTION and _place_name(owner):
            pass  # "Portugal's elections": where (see _place)
        elif etype is not EventType.STATEMENT or not m.agents:
            # "Beijing's abuses", "the union's strike"; "Cho said in her statement": Cho
            m.agents.append(owner)


def _subjects(verb: Token) -> list[Token]:
    """Who did what ``verb`` says: its subject, the agent of a passive ("by police"), or the
    subject of the verb it completes ("Israel has continued to carry out strikes")."""
    found = [c for c in verb.children if c.dep_ in _AGENT]
    for c in verb.children:
        if c.dep_ == "agent":
            found += [g for g in c.children if g.dep_ == "pobj"]
    node = verb
    for _ in range(3):  # "Moss is due to meet", "said X, speaking to reporters", "and called"
        if found or node.dep_ not in ("xcomp", "advcl", "acomp", "conj") or node.head.i == node.i:
            break
        if node.dep_ == "conj" and (_passive(node) or _passive(node.head)):
            break  # "officers fired rubber bullets, and three people had been arrested"
        node = node.head
        found = [c for c in node.children if c.dep_ in _AGENT]
    return found


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _pobjs(tok: Token, preps: tuple[str, ...]) -> list[Token]:
    return [
        g
        for c in tok.children
        if c.dep_ == "prep" and c.lower_ in preps
        for g in c.children
        if g.dep_ == "pobj"
    ]


def _place_name(tok: Token) -> bool:
    return tok.ent_type_ in ("GPE", "LOC", "FAC")


def _met(obj: Token, lemma: str) -> bool:
    """Whether the object of a meeting verb is someone met ("met Brandt", "met the
    hospital's management"), not a place visited ("visited Lampedusa", "the site")."""
    if lemma != "visit":
        return not _place_name(obj)
    return obj.ent_type_ == "PERSON" or lexicon.is_person_noun(obj.lemma_.lower())


def _conjuncts(toks: list[Token]) -> list[Token]:
    out: list[Token] = []
    for t in toks:
        out.extend(c for c in t.children if c.dep_ == "conj")
    return out


def _anchors(tok: Token) -> set[int]:
    """Tokens a place or time must hang on to be the event's: the trigger, and the verb of
    its clause when the trigger is that verb's argument ("made arrests in X", "said in a
    statement on Monday"), not when it lies deeper ("after a week of talks")."""
    anchors = {tok.i}
    # "held a protest outside the hospital": the event noun the verb governs
    anchors |= {
        c.i for c in tok.children if c.dep_ == "dobj" and c.lemma_ in lexicon.EVENT_TRIGGERS
    }
    node = tok
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.dep_ in _ARGUMENTS:
        node = tok.head.head  # "the next round of talks is due to be held in Mexico"
    verb = _clause_verb(node)
    if verb is not None and (
        node.head.i == verb.i
        or node.dep_ == "pobj"
        and node.head.head.i == verb.i
        and node.head.lower_ in _PART_PREPS
    ):
        anchors.add(verb.i)
        chain = [verb] if node.dep_ in ("nsubj", "nsubjpass") else []
        while chain:  # "is due to be held in Mexico", "will strike for 48 hours from Friday"
            v = chain.pop()
            for c in v.children:
                if c.dep_ in ("xcomp", "acomp") and c.i not in anchors:
                    anchors.add(c.i)
                    chain.append(c)
    return anchors


def _place(tok: Token, sent: SpacySpan, anchors: set[int]) -> tuple[SpacySpan | None, str]:
    """The first place named "in X" (or "near X", "in the city of X", "outside the hall in X")
    on the trigger or its clause's verb; "Georgia protests"; "visited Lampedusa"."""
    for ent in entities_in(sent):
        if ent.label_ not in ("GPE", "LOC", "FAC"):
            continue
        root = ent.root
        if root.dep_ in ("compound", "poss") and root.head.i == tok.i and tok.pos_ == "NOUN":
            return ent, "in"  # "Georgia protests", "Sri Lanka detentions", "Portugal's vote"
        if root.dep_ == "nsubj" and root.head.i == tok.i and tok.lemma_.lower() == "protest":
            return ent, "in"  # "Georgia protests live"
    for ent in entities_in(sent):
        root = ent.root
        if (
            ent.label_ != "PERSON"
            and root.dep_ == "dobj"
            and root.head.i == tok.i
            and tok.lemma_.lower() == "visit"
        ):
            return ent, "to"  # "visited Lampedusa"
    for ent in entities_in(sent):
        if ent.label_ not in ("GPE", "LOC", "FAC", "ORG"):
            continue
        prep = _located(ent.root, anchors, ent.label_ != "ORG")
        if prep is not None:
            return ent, prep
    return None, "in"


def _located(root: Token, anchors: set[int], is_place: bool) -> str | None:
    """The preposition that puts the event at the place ``root`` names, or None."""
    if root.dep_ != "pobj":
        return None
    prep = root.head
    if prep.lower_ == "of" and prep.head.lemma_.lower() in _PLACE_NOUNS:
        node = prep.head  # "in the city of Cúcuta" (the model may call Cúcuta anything)
        if node.dep_ != "pobj":
            return None
        prep = node.head
    elif not is_place:
        return None
    if prep.lower_ not in _PLACE_PREPS:
        return None
    word = prep.lower_
    head = prep.head
    for _ in range(4):
        if head.i in anchors:
            return word
        if head.dep_ == "pobj" and head.head.lower_ in _WITHIN_PREPS:
            head = head.head.head  # "outside the town hall in Sistranda": a place within one
            continue
        return None
    return None


def _time(
    sent: SpacySpan, tok: Token, anchors: set[int] | None = None
) -> tuple[SpacySpan | None, str | None]:
    """The date the trigger or its clause's verb is said to happen at, with the preposition
    before it; not a duration ("for three days", "six months"), an age ("Desai, 34,"), a date
    inside a name ("the 1951 treaty") or one of another clause ("which runs until 2030")."""
    if anchors is None:
        anchors = _anchors(tok)
    for ent in entities_in(sent):
        if ent.label_ not in ("DATE", "TIME") or ent.start <= tok.i < ent.end:
            continue  # "Election night" is the election, not when it was
        ent = _whole_date(ent)
        text = timex.clean(ent.text)
        if _DURATION.search(text) or timex.not_a_time(text):
            continue
        root = ent.root
        if root.dep_ in ("poss", "compound", "nmod", "amod", "nummod"):
            if root.head.i == tok.i:
                return ent, None  # "Tuesday's meeting", "the April 14 attack"
            continue
        if root.dep_ in ("npadvmod", "advmod", "tmod", "nsubj", "attr") and root.head.i in anchors:
            return ent, None  # "Earlier this year, police arrested"
        if (
            root.dep_ == "pobj"
            and root.head.lower_ in _TIME_PREPS
            and root.head.head.i in anchors
            and root.head.i < ent.start
        ):
            return ent, root.head.lower_  # "on Monday", "since January 2023"
    return None, None


def _whole_date(ent: SpacySpan) -> SpacySpan:
    """ "Thursday evening" when the model made "Thursday" a date and "evening" a time."""
    doc, root = ent.doc, ent.root
    start, end = ent.start, ent.end
    while start > root.left_edge.i and doc[start - 1].ent_type_ in ("DATE", "TIME"):
        start -= 1
    while end <= root.right_edge.i and doc[end].ent_type_ in ("DATE", "TIME"):
        end += 1
    return ent if (start, end) == (ent.start, ent.end) else doc[start:end]


def _clause_verb(tok: Token) -> Token | None:
    t = tok
    for _ in range(8):
        if t.pos_ in ("VERB", "AUX"):
            return t
        if t.head == t:
            return None
        t = t.head
    return None


def _statement_body(sent: SpacySpan) -> SpacySpan | None:
    """ "... at the UN Human Rights Council": a body at which a statement was made."""
    has_speech = any(t.lemma_.lower() in lexicon.STATEMENT_VERBS for t in sent)
    if not has_speech:
        return None
    for ent in entities_in(sent):
        words = {t.lower_ for t in ent}
        if ent.label_ in ("ORG", "FAC", "EVENT") and words & lexicon.BODY_WORDS:
            root = ent.root
            if root.dep_ == "pobj" and root.head.lower_ in ("at", "before", "to"):
                return ent
            if root.dep_ in ("dobj", "dative") and root.head.lemma_.lower() in ("tell", "address"):
                return ent  # "told the UN Security Council"
    return None
