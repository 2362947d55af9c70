"""After the last sentence: bind descriptions to the names the article gives later, and link
claims to the events and actors they mention.

News introduces people by role before naming them ("Britain's finance minister insisted ...";
two paragraphs on, "Chancellor Oliver Grant said ...") and headlines name speakers loosely
("Minister says ...", "Hospital says ..."); only the whole article tells who they are.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kg.extract import lexicon
from kg.extract.actors import INSTITUTIONS, Registry
from kg.model import Actor, ActorKind, Article, BlockKind, Claim, Event, Span


def bind_late(
    article: Article,
    claims: list[Claim],
    events: list[Event],
    reg: Registry,
    subheadings: Sequence[Span] = (),
) -> None:
    """Decides, once the whole article is read, who a description or a headline's word that
    spoke is, and re-points its claims, relays and event roles at that actor, folding the
    description into it as a role.

    "Britain's finance minister insisted ..." in the lede is the person named later with a
    fitting role ("Chancellor Oliver Grant said"); "Minister says" in a headline, the
    person the body names; "says Bailey", Andrew Bailey; the lede's "South Korea's main
    opposition party", the party named further down. A name the body uses too stays who
    spoke ("Lumora Foods says ..."), and a government is bound to no person by role
    ("Seoul says" is the South Korean government, not a researcher at a Korea institute).
    """
    named_speakers: list[tuple[int, str]] = []
    for c in claims:
        a = reg.actors.get(c.speaker)
        if a is not None and a.kind is ActorKind.PERSON and c.speaker not in reg.described:
            first = min(m.start for m in a.mentions) if a.mentions else c.span.start
            named_speakers.append((first, c.speaker))
    named_speakers.sort()
    body = [b for b in article.blocks if b.kind is BlockKind.BODY]
    lede_end = body[0].span.end if body else 0
    lede_start = body[0].span.start if body else 0
    headline_end = article.blocks[0].span.end if article.blocks else 0
    body_text = article.text[headline_end:]
    for c in claims:
        key = c.speaker
        actor = reg.actors.get(key)
        if actor is None:
            continue
        target = _named_in_body(actor, reg, headline_end) if c.in_headline else None
        if (
            c.in_headline
            and key not in reg.described
            and _in_body(actor, body_text)
            and (target is None or actor.kind is not ActorKind.PERSON)
        ):
            # "Lumora Foods says ...": a name the body uses too is already who spoke ("UN
            # says" is not the UN Security Council); but "says Bailey" is Andrew Bailey
            continue
        if (
            target is None
            and (key in reg.described or c.in_headline)
            and actor.kind not in (ActorKind.GOVERNMENT, ActorKind.COUNTRY)
            # a body described is no person: "Ukraine's military" is not "a military analyst"
            and (actor.kind is ActorKind.PERSON or c.in_headline)
        ):  # "Seoul says" is the South Korean government, not a researcher of a Korea institute
            head = reg.described.get(key, (actor.label.split()[-1].lower(), True))[0]
            target = next(
                (
                    other.key
                    for other in reg.actors.values()
                    if other.key != key
                    and other.kind is ActorKind.PERSON
                    and other.key not in reg.described
                    and any(lexicon.role_fits(head, r) for r in other.roles)
                ),
                None,
            )
            # a round-up's sub-heading ("..., councillor says") heads its item as the
            # headline heads the article
            heading = c.in_headline or c.span in subheadings
            if target is None and (heading or c.span.start < lede_end):
                definite = reg.described.get(key, ("", heading))[1]
                # "A veteran Irish radio presenter has sued ...": the lede's subject is the
                # story's protagonist, named further down
                opens = bool(actor.mentions) and (
                    min(m.start for m in actor.mentions) < lede_start + _LEDE_OPENING
                )
                if (
                    (definite or opens)
                    and actor.kind is ActorKind.PERSON
                    # "Minister says", not "Rapporteur Lefèvre": a name binds by name only
                    and (lexicon.is_person_noun(head) or head in lexicon.TITLES)
                ):
                    # the lede's "Britain's finance minister" is the next person named, unless
                    # the text gave that person another role ("a researcher at ...")
                    target = next(
                        (
                            k
                            for p, k in named_speakers
                            if p > c.span.start and _may_be(reg.actors[k], head)
                        ),
                        None,
                    )
                    if not c.in_headline and heading:
                        # a sub-heading's "lawyer says" is the first person its item quotes
                        # ("Rebecca Trott, a partner at the law firm"), whatever their role
                        end = min(
                            (h.start for h in subheadings if h.start > c.span.start),
                            default=len(article.text),
                        )
                        target = next(
                            (k for p, k in named_speakers if c.span.start < p < end), None
                        )
        if (
            target is None
            and not c.in_headline
            and c.span.start < lede_end
            and reg.described.get(key, ("", False))[1]
            and actor.kind is ActorKind.ORGANIZATION
        ):  # the lede's "South Korea's main opposition party" is the People Power Party
            target = _named_later(reg.described[key][0], reg, c.span.end)
        if target is not None and target != key:
            for claim in claims:
                if claim.speaker == key:
                    claim.speaker = target
                if claim.relayed_by == key:
                    claim.relayed_by = target
            for e in events:
                if key in e.participants:
                    role = e.roles.pop(key)
                    e.participants = list(
                        dict.fromkeys(target if p == key else p for p in e.participants)
                    )
                    e.roles.setdefault(target, role)
            reg.merge(key, target)


# How far into the lede its subject starts: room for a wire dateline ("SEOUL (Reuters) - ")
# and an article; a description there is what the story is about.
_LEDE_OPENING = 40
_GENERIC = lexicon.TITLES | lexicon.PERSON_NOUNS | lexicon.ORG_NOUNS | lexicon.BUSINESS_NOUNS
_JOINERS = frozenset("of and for the de du la".split())


def _may_be(person: Actor, head: str) -> bool:
    """Whether a named person may be the one a description with head noun ``head`` meant:
    the text gave them no role (an age is none), or one that fits."""
    roles = [r for r in person.roles if not r.strip().isdigit()]
    return not roles or any(lexicon.role_fits(head, r) for r in roles)


def _in_body(actor: Actor, body_text: str) -> bool:
    """The body repeats the headline's proper name itself (the tagger may miss it there); a
    role or kind of body ("Minister", "Central Bank") still names someone the body says."""
    words = actor.label.split()
    if not words or any(
        not w[:1].isupper() or w.lower() in _GENERIC for w in words if w not in _JOINERS
    ):
        return False
    return re.search(rf"(?<!\w){re.escape(actor.label)}(?!\w)", body_text) is not None


def _named_in_body(actor: Actor, reg: Registry, headline_end: int) -> str | None:
    """The body's actor a headline speaker names: "Grant says" -> Oliver Grant,
    "Hospital says" -> St Brigid's Hospital, "Kenya confirms" -> Government of Kenya."""
    described = reg.described.get(actor.key)
    if described is not None and actor.kind is not ActorKind.PERSON:
        # "South Africa's central bank holds rates" -> the bank the body names
        return reg.by_label(described[0], INSTITUTIONS, 1 << 62, after=headline_end)
    words = {w.lower() for w in actor.label.split()}
    found = _bearing(words, actor, reg, headline_end)
    name = words - lexicon.TITLES
    if found is None and actor.kind is ActorKind.PERSON and name and name != words:
        # "Rapporteur Lefèvre says" is Claire Lefèvre: a title and a surname
        found = _bearing(name, actor, reg, headline_end, ActorKind.PERSON)
    return found


def _bearing(
    words: set[str],
    actor: Actor,
    reg: Registry,
    headline_end: int,
    kind: ActorKind | None = None,
) -> str | None:
    """The first body actor (of ``kind``) whose name, aliases or roles hold all ``words``."""
    for other in reg.actors.values():
        if other is actor or not any(m.start >= headline_end for m in other.mentions):
            continue
        if kind is not None and other.kind is not kind:
            continue
        names = {w.lower() for w in other.label.split()}
        for alias in other.aliases:
            names.update(w.lower() for w in alias.split())
        if other.kind is not ActorKind.PERSON:
            for r in other.roles:
                names.update(w.lower() for w in r.split())
        if words <= names:
            return other.key
    return None


def _named_later(noun: str, reg: Registry, after: int) -> str | None:
    """The one body named after ``after`` whose name has ``noun`` in it ("party")."""
    found = {
        other.key
        for other in reg.actors.values()
        if other.kind in INSTITUTIONS
        and other.key not in reg.described
        and noun in (w.lower() for w in other.label.split())
        and any(m.start >= after for m in other.mentions)
    }
    return found.pop() if len(found) == 1 else None


def link(claims: list[Claim], events: list[Event], reg: Registry) -> None:
    """Claims are about the events mentioned in them and mention the actors named in them."""
    for claim in claims:
        content = claim.quote_span or claim.span
        for event in events:
            if claim.span.contains(event.span) or content.contains(event.span):
                claim.about.append(event.key)
        for actor in reg.actors.values():
            if actor.key != claim.speaker and any(content.contains(m) for m in actor.mentions):
                claim.mentions.append(actor.key)
