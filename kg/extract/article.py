"""Extraction of one parsed article: claims, actors and events, in one pass over its sentences.

Sentences are visited in reading order so that pronouns and descriptions resolve against what
came before. Quotations are found on the characters (kg.extract.quotes) and matched to the
attributions found on the parse (kg.extract.attribution); a quotation with no verb of its own
takes the speaker of the attribution next to it ("…," she said, "…") or, as a paragraph of its
own, of the quotation just before it.
"""

from __future__ import annotations

import re

from spacy.attrs import IDX
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from kg.extract import attribution, events, lexicon
from kg.extract.actors import Registry
from kg.extract.attribution import Attribution
from kg.extract.binding import bind_late, link
from kg.extract.dateline import dateline_end
from kg.extract.entities import entities_in
from kg.extract.eventbuild import Wording, build_event
from kg.extract.eventbuild import label as event_label
from kg.extract.headlines import Headlines
from kg.extract.noun_phrases import appos_entity, entity_of, is_age, is_topic, np_range, roles_of
from kg.extract.quotes import asserts_nothing, quote_spans, trim, whole_quotations, words_in
from kg.extract.speaker_ranker import Docs, SpeakerRanker
from kg.extract.speakers import Speakers
from kg.extract.subjects import subject
from kg.model import ActorKind, Article, Block, BlockKind, Claim, Cue, Event, Extraction, Span

_MIN_QUOTE_WORDS = 4


class ArticleRun:
    """State of the extraction of one article (registry, salience, last quotation)."""

    def __init__(self, article: Article, ranker: SpeakerRanker | None = None) -> None:
        self.article = article
        self.ranker = ranker
        self.reg = Registry()
        self.speakers = Speakers(self.reg, article.text)
        self.claims: list[Claim] = []
        # claims of headlines the parse could not read, added to ``self.claims``
        self.headlines = Headlines(self.speakers, self.claims)
        self.events: list[Event] = []
        self._wordings: dict[str, Wording] = {}  # event key -> how its label is worded
        self.sentence = 0
        self._last_quote: Claim | None = None  # for quotations continued in a new paragraph
        self._body_seen = False
        self._dateline = 0  # end of the wire dateline opening the current paragraph, if any
        self._subheadings: list[Span] = []  # sub-headings of the body that gave a claim
        self._text = ""  # the text of the block being read

    def run(self, parsed: list[tuple[Block, Doc]]) -> Extraction:
        for block, doc in parsed:
            self._block(block, doc)
        self.headlines.place_findings()
        bind_late(self.article, self.claims, self.events, self.reg, self._subheadings)
        for event in self.events:  # with the names of the actors descriptions were bound to
            event.label = event_label(event, self._wordings[event.key], self.reg.actors)
        for key in self.reg.local:
            self.reg.actors[key].local = True
        actors = list(self.reg.actors.values())
        if self.ranker is not None:
            docs = Docs([(block.span.start, doc) for block, doc in parsed])
            self.ranker.decide(self.claims, actors, self.reg.gender, docs)
        link(self.claims, self.events, self.reg)
        return Extraction(
            article=self.article, claims=self.claims, actors=actors, events=self.events
        )

    # -- one paragraph --------------------------------------------------------------------

    def _block(self, block: Block, doc: Doc) -> None:
        base = block.span.start
        self._text = doc.text  # spaCy joins the tokens' texts again at every doc.text
        headline = block.kind is BlockKind.HEADLINE
        self.speakers.in_headline = headline
        self._dateline = 0
        if block.kind is BlockKind.BODY and not self._body_seen:
            self._body_seen = True
            self._dateline = dateline_end(self._text)
        quotes = quote_spans(self._text)
        in_quote = _token_quotes(doc, quotes)
        used: set[int] = set()
        sents = list(doc.sents)
        found: list[tuple[int, Token | None, Claim]] = []
        for n, sent in enumerate(sents):
            atts = _wrap_according(attribution.find(sent, in_quote))
            if not headline:  # title case misleads the tagger; headline speakers still count
                said = [(a.start, a.end) for a in atts]
                self._entities(sent, base, in_quote, said)
            nested = _nested(atts)
            for att in atts:
                if att.verb.pos_ != "NOUN" and id(att) in nested:
                    continue  # "X said Y claimed Z": one claim, X's
                claim = self._claim(att, doc, base, quotes, used, headline)
                if claim is not None:
                    found.append((n, att.verb, claim))
            for mention in events.find(sent, in_quote):
                self._event(mention, base)
            self.sentence += 1
        if headline and not found:
            self.headlines.read(doc, base, self.sentence)
        elif not found and self._body_seen and _subheading(doc, self._text):
            # written as a headline (no articles), about the item below it
            self.speakers.in_headline = self.speakers.in_subheading = True
            if self.headlines.read_subheading(doc, base, self.sentence):
                self._subheadings.append(block.span)
            self.speakers.in_headline = self.speakers.in_subheading = False
        self._orphans(doc, base, sents, quotes, in_quote, used, found, headline)
        if found:
            last = max(found, key=lambda f: f[2].span.start)[2]
            self._last_quote = last if last.quote_span is not None else None
        elif not quotes:
            self._last_quote = None

    def _entities(
        self,
        sent: SpacySpan,
        base: int,
        in_quote: list[int],
        said: list[tuple[int, int]] | None = None,
    ) -> None:
        """Register the sentence's named actors (with their roles) and the people it refers
        to by role ("the minister's resignation"), so that salience follows the text; a name
        inside what someone said ("the price of Olmedo's alliances") is less in view than
        the one who said it."""
        for ent in entities_in(sent):
            if ent.start_char < self._dateline:
                continue  # the filing place and agency are nobody's words
            inside = any(s <= ent.start and ent.end <= e for s, e in said or [])
            key = self.speakers.entity(ent, base, self.sentence, weight=0.5 if inside else None)
            if key is None or in_quote[ent.root.i] >= 0:
                continue
            if ent.label_ == "PERSON" and self.reg.actors[key].kind is ActorKind.PERSON:
                for role in roles_of(ent.root, ent):
                    self.reg.add_role(key, role)
        for tok in sent:
            if tok.pos_ == "NOUN":
                lemma = tok.lemma_.lower()
                if (
                    lemma in lexicon.PERSON_NOUNS
                    and in_quote[tok.i] < 0
                    and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)
                ):
                    pos = base + tok.idx
                    key = self.reg.by_role(lemma, self.sentence, pos)
                    if key is not None:
                        span = Span(pos, pos + len(tok))
                        self.reg.add(
                            self.reg.actors[key].label, ActorKind.PERSON, span, self.sentence
                        )
                continue
            if tok.pos_ != "PROPN" or tok.ent_type_:
                continue
            if (
                self.reg.surnames.get(tok.lower_) in self.reg.actors
                and in_quote[tok.i] < 0
                and not any(c.dep_ == "compound" for c in tok.children)
                and tok.dep_ != "compound"
            ):  # "Whitmore rejected that": a named person's surname the tagger missed
                key = self.reg.surnames[tok.lower_]
                pos = base + tok.idx
                weight = 2.0 if is_topic(sent[tok.i - sent.start : tok.i - sent.start + 1]) else 1.0
                self.reg.add(
                    self.reg.actors[key].label,
                    self.reg.actors[key].kind,
                    Span(pos, pos + len(tok)),
                    self.sentence,
                    weight,
                )
            if tok.dep_ == "compound" or in_quote[tok.i] >= 0:
                continue
            described = next(
                (
                    c
                    for c in tok.children
                    if c.dep_ == "appos" and c.i > tok.i and c.lemma_.lower() in lexicon.BODY_NOUNS
                ),
                None,
            )
            if described is not None:
                # "Ofwat, the industry regulator, is investigating": a body the model missed
                key = self.speakers.unrecognised_name(
                    tok, base, self.sentence, ActorKind.ORGANIZATION
                )
                s, e = np_range(described)
                self.reg.add_role(key, sent.doc[s:e].text)

    # -- claims ---------------------------------------------------------------------------

    def _claim(
        self,
        att: Attribution,
        doc: Doc,
        base: int,
        quotes: list[tuple[int, int]],
        used: set[int],
        headline: bool,
    ) -> Claim | None:
        """Decides the claim attribution ``att`` makes, or None: who says it (the speaker and
        relay resolved to actors; None when the speaker names nobody), its text, whether it
        is a direct quotation, and the span it covers.

        It is a direct quotation when one quotation is most of the content and opens it
        ('"We will stay out," Maria Lopez said'); a paraphrase with quoted phrases stays
        reported speech with its longest quotation kept as ``quote`` ('warned that Chile
        risked "missing the boom"'), and a quotation the content opens runs on to its
        closing mark. None when that quotation was already claimed or asserts nothing (a
        question). The span covers the speaker, the verb and the content.
        """
        if att.speaker is None:
            return None
        speaker = self.speakers.resolve(att.speaker, base, self.sentence)
        if speaker is None:
            return None
        relay = None
        if att.relay is not None:
            relay = (
                self.speakers.resolve(att.relay, base, self.sentence)
                if att.relay_named
                else self.speakers.outlet(att.relay, base, self.sentence)
            )
        self.reg.spoke(speaker, base + att.verb.idx)
        self._learn_gender(speaker, doc, att.start, att.end)
        if self.reg.actors[speaker].kind is ActorKind.PERSON:
            ent = entity_of(att.speaker) or appos_entity(att.speaker)
            if ent is not None:
                for role in roles_of(ent.root, ent):
                    self.reg.add_role(speaker, role)
        if relay is not None:
            self.reg.spoke(relay, base + att.verb.idx)
            self.reg.outlets.add(relay)
        cs = max(doc[att.start].idx, self._dateline)
        ce = doc[att.end - 1].idx + len(doc[att.end - 1].text)
        if ce <= cs:
            return None
        overlapping = [i for i, (qs, qe) in enumerate(quotes) if qs < ce and qe > cs]
        share = [(min(quotes[i][1], ce) - max(quotes[i][0], cs)) / (ce - cs) for i in overlapping]
        quote_text: str | None = None
        quote_span: Span | None = None
        # a direct quotation when one quotation is most of what was said and the words start
        # with it; a few quoted phrases inside a paraphrase ('warned that Chile risked
        # "missing the boom"') stay reported speech with a quotation in it
        opens = any(quotes[i][0] <= cs + 1 for i in overlapping)
        if overlapping and opens and (max(share) >= 0.6 or sum(share) >= 0.85):
            qi = max(overlapping, key=lambda i: quotes[i][1] - quotes[i][0])
            if qi in used:
                return None
            used.add(qi)  # the other parts of a split quotation are claimed as orphans
            qs, qe = trim(self._text, *quotes[qi])
            cs, ce = qs, qe
            quote_text = self._text[qs:qe]
            quote_span = Span(base + qs, base + qe)
        else:
            for qs, qe in quotes:  # 'said it would give "a route to ... wrong."': the
                # quotation the content opened closes it, with the stop inside the marks
                if cs <= qs < ce < qe and self._text[ce:qe] in (".", "?", "!"):
                    ce = qe + 1 if qe < len(self._text) else qe
                elif cs < qs and ce == qe and qe < len(self._text):
                    ce = qe + 1  # "demand 'remains strong'": keep the closing mark
            cs, ce = whole_quotations(self._text, cs, ce, quotes)
            if ce <= cs:
                return None
            inside = [i for i in overlapping if quotes[i][0] >= cs and quotes[i][1] <= ce]
            used.update(inside)
            long = [i for i in inside if words_in(self._text, quotes[i]) >= 3]
            if long:
                qi = max(long, key=lambda i: quotes[i][1] - quotes[i][0])
                qs, qe = trim(self._text, *quotes[qi])
                quote_text = self._text[qs:qe]
                quote_span = Span(base + qs, base + qe)
        if quote_span is None or quote_span.start - base != cs:
            # a reported clause that opens with a quotation keeps its opening mark
            if cs > 0 and any(q[0] == cs for q in quotes) and self._text[cs - 1] in "\"“‘'«":
                cs -= 1
        text = self._text[cs:ce]
        if not text.strip() or (quote_text == text and asserts_nothing(text)):
            return None
        ss, se = np_range(att.speaker)
        marks = 1 if quote_span is not None and quote_span.start - base == cs else 0
        start = min(cs - marks, doc[ss].idx, att.verb.idx)
        end = max(ce + marks, doc[se - 1].idx + len(doc[se - 1].text), att.verb.idx + len(att.verb))
        claim = Claim(
            text=text,
            speaker=speaker,
            verb=att.lemma,
            verb_text=attribution.as_written(att.verb, att.lemma),
            span=Span(base + start, base + min(end, len(self._text))),
            quote=quote_text,
            quote_span=quote_span,
            relayed_by=relay if relay != speaker else None,
            in_headline=headline,
            cue=Cue(
                verb=base + att.verb.idx,
                content=Span(base + cs, base + ce),
                sentence=Span(base + att.verb.sent.start_char, base + att.verb.sent.end_char),
                block=base,
                pronoun=att.speaker.lower_ if att.speaker.pos_ == "PRON" else "",
                orphan=False,
            ),
        )
        self.claims.append(claim)
        return claim

    def _learn_gender(self, speaker: str, doc: Doc, start: int, end: int) -> None:
        """ "Dana Whitman said her sales would fall": a possessive in what a person reports
        is, far more often than not, the speaker's own."""
        if self.reg.actors[speaker].kind is not ActorKind.PERSON or speaker in self.reg.gender:
            return
        for tok in doc[start:end]:
            if tok.dep_ == "poss" and tok.lower_ in ("his", "her"):
                self.reg.gender[speaker] = lexicon.PRONOUN_GENDER[tok.lower_]
                return

    def _orphans(
        self,
        doc: Doc,
        base: int,
        sents: list[SpacySpan],
        quotes: list[tuple[int, int]],
        in_quote: list[int],
        used: set[int],
        found: list[tuple[int, Token | None, Claim]],
        headline: bool,
    ) -> None:
        """Decides who says the quotations no verb took, and makes them claims.

        A quotation next to a claimed one is: the second half of a split quotation ('"A,"
        she said, "B."': merged into A's claim, whose span runs to the end of B), or said by
        that claim's speaker; a bare attribution in its sentence or the next ("... he said.")
        or before a colon ("X said:") gives its speaker; a paragraph that opens with a
        quotation continues the last quotation's speaker. Quotations of fewer than four
        words, text on a sign or a title ('banners that read "..."'), questions and the
        quotation a headline claim already holds are not claimed.
        """
        for qi, (qs, qe) in enumerate(quotes):
            if qi in used or words_in(self._text, (qs, qe)) < _MIN_QUOTE_WORDS:
                continue
            if _NAMING.search(self._text[max(0, qs - 24) : qs]):
                continue  # 'banners that read "Hands off ..."', 'a report titled "..."'
            held = Span(base + trim(self._text, qs, qe)[0], base + trim(self._text, qs, qe)[1])
            if any(c.quote_span == held for c in self.claims):
                continue  # a headline claim's quotation already ('insists race "not over"')
            n = next((k for k, s in enumerate(sents) if s.end_char > qs), len(sents) - 1)
            last = next((k for k, s in enumerate(sents) if s.end_char >= qe), len(sents) - 1)
            speaker: str | None = None
            verb = "say"
            verb_text: str | None = None
            anchor: Token | None = None
            pronoun = ""
            near = [f for f in found if n - 1 <= f[0] <= last + 1]
            near.sort(key=lambda f: abs(f[2].span.start - (base + qs)))
            merged = False
            for k, att_verb, claim in near:
                if claim.quote_span is not None and claim.quote == claim.text and k >= n - 1:
                    # '"A," she said, "B."': one statement in two parts; the claim is A and
                    # its span runs to the end of B
                    te = min(qe + 1, len(self._text))
                    claim.span = Span(
                        min(claim.span.start, base + qs - 1), max(claim.span.end, base + te)
                    )
                    used.add(qi)
                    merged = True
                    break
                if claim.quote_span is not None or k in (n, last):
                    speaker, verb, anchor = claim.speaker, claim.verb, att_verb
                    verb_text = claim.verb_text
                    break
            if merged:
                continue
            if speaker is None:
                for k in (last, last + 1, n - 1):
                    if not 0 <= k < len(sents):
                        continue
                    s = sents[k]
                    if k == last + 1 and len(s) > 8:
                        continue
                    if k == n - 1 and not s.text.rstrip().endswith(":"):
                        continue
                    bare = _bare_attribution(s, in_quote)
                    if bare is not None:
                        speaker = self.speakers.resolve(bare[1], base, self.sentence)
                        pronoun = bare[1].lower_ if bare[1].pos_ == "PRON" else ""
                        verb, anchor = bare[0].lemma_.lower(), bare[0]
                        verb_text = attribution.as_written(anchor, verb)
                        break
            if speaker is None and qs <= 1 and self._last_quote is not None:
                speaker, verb = self._last_quote.speaker, self._last_quote.verb
                verb_text = self._last_quote.verb_text
            if speaker is None:
                continue
            used.add(qi)
            ts, te = trim(self._text, qs, qe)
            if asserts_nothing(self._text[ts:te]):
                continue
            start, end = max(ts - 1, 0), min(te + 1, len(self._text))
            if anchor is not None:
                start = min(start, anchor.idx)
                end = max(end, anchor.idx + len(anchor))
            claim = Claim(
                text=self._text[ts:te],
                speaker=speaker,
                verb=verb,
                verb_text=verb_text,
                span=Span(base + start, base + end),
                quote=self._text[ts:te],
                quote_span=Span(base + ts, base + te),
                in_headline=headline,
                cue=Cue(
                    verb=base + anchor.idx if anchor is not None else -1,
                    content=Span(base + ts, base + te),
                    sentence=Span(base + sents[n].start_char, base + sents[n].end_char),
                    block=base,
                    pronoun=pronoun,
                    orphan=True,
                ),
            )
            self.claims.append(claim)
            found.append((last, anchor, claim))

    # -- events ---------------------------------------------------------------------------

    def _event(self, m: events.EventMention, base: int) -> None:
        event, wording = build_event(
            m, f"event-{len(self.events) + 1}", base, self.sentence, self.speakers, self.article
        )
        self.events.append(event)
        self._wordings[event.key] = wording


def _nested(atts: list[Attribution]) -> set[int]:
    """Ids of attributions inside what another, itself not nested, reports: in "X said the
    memo revealed A, ... Y, who said B", Y's words lie in the memo's range only, not X's."""
    within = {
        id(a): {id(o) for o in atts if o is not a and o.start <= a.verb.i < o.end} for a in atts
    }
    nested: set[int] = set()
    for _ in range(len(atts)):  # to a fixed point; two that contain each other both nest
        now = {
            a
            for a, outer in within.items()
            if any(o not in nested or a in within[o] for o in outer)
        }
        if now == nested:
            break
        nested = now
    return nested


def _wrap_according(atts: list[Attribution]) -> list[Attribution]:
    """ "X said A, according to Y": X's claim, relayed by Y (not Y's claim about X)."""
    out = []
    for att in atts:
        if att.lemma == "according to":
            inner = [
                o
                for o in atts
                if o is not att and att.start <= o.verb.i < att.end and not _contrast_after(o, att)
            ]
            second = _contrasted_clause(att, inner)
            if second is not None:
                # "X said A, while India sent B, according to Y": Y vouches for B only
                att.start, att.end = second
                out.append(att)
                continue
            if inner:
                for o in inner:
                    if o.relay is None:
                        o.relay = att.speaker
                        o.relay_named = True
                continue
        out.append(att)
    return out


def _contrast_after(o: Attribution, att: Attribution) -> bool:
    """ "A, according to Y, although the company denied B": the denial is a claim of its own,
    not one Y passed on."""
    return o.verb.i > att.verb.i and any(
        c.dep_ == "mark" and c.lower_ in ("although", "though", "while", "whereas", "but")
        for c in o.verb.children
    )


def _contrasted_clause(att: Attribution, inner: list[Attribution]) -> tuple[int, int] | None:
    """The "while ..." clause standing between an attribution and a closing "according
    to" phrase, as a token range without its "while"."""
    if not inner:
        return None
    doc = att.verb.doc
    last = max(o.verb.i for o in inner)
    for t in doc[last + 1 : att.verb.i]:
        joined = any(c.dep_ == "mark" and c.lower_ in ("while", "whereas") for c in t.children) or (
            t.dep_ == "conj" and doc[t.left_edge.i - 1].lower_ in ("and", "but")
        )  # "..., residents said, and at least three people were killed, according to X"
        if (
            t.dep_ in ("advcl", "conj")
            and joined
            and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)
            and (t.right_edge.i < att.verb.i or att.verb.head.i == t.i)
        ):
            start = t.left_edge.i
            while doc[start].lower_ in ("while", "whereas") or doc[start].is_punct:
                start += 1
            end = min(t.right_edge.i + 1, att.verb.i)
            while end > start and doc[end - 1].is_punct:
                end -= 1
            return start, end
    return None


def _token_quotes(doc: Doc, quotes: list[tuple[int, int]]) -> list[int]:
    """For each token, the index of the quotation it lies in, or -1 (one merge pass).

    >>> import spacy
    >>> doc = spacy.blank("en")('He said "no way" today')
    >>> _token_quotes(doc, [(9, 15)])
    [-1, -1, -1, 0, 0, -1, -1]
    """
    out = [-1] * len(doc)
    if not quotes:
        return out  # most paragraphs: no token objects made at all
    qi = 0
    for i, idx in enumerate(doc.to_array(IDX).tolist()):  # offsets without token objects
        while qi < len(quotes) and quotes[qi][1] <= idx:
            qi += 1
        if qi < len(quotes) and quotes[qi][0] <= idx < quotes[qi][1]:
            out[i] = qi
    return out


# Words that put a text on a sign or a name on a work, not in anyone's mouth.
_NAMING = re.compile(
    r"\b(?:read|reads|reading|titled|entitled|headlined|labelled|labeled|marked|dubbed"
    r"|slogan|motto|hashtag)[\s,:]*[\"“‘']$",
    re.IGNORECASE,
)


def _bare_attribution(sent: SpacySpan, in_quote: list[int]) -> tuple[Token, Token] | None:
    """A reporting verb with a subject and no content of its own: '... he said.'"""
    for tok in sent:
        if in_quote[tok.i] >= 0 or tok.pos_ != "VERB":
            continue
        if tok.lemma_.lower() not in lexicon.REPORTING_VERBS:
            continue
        if any(c.dep_ == "ccomp" and in_quote[c.i] < 0 for c in tok.children):
            continue  # "Police said the march was peaceful": it says something else
        if tok.lemma_.lower() in lexicon.CALL_VERBS and any(
            c.dep_ == "xcomp" for c in tok.children
        ):
            continue  # 'urged police not to "inflate numbers"': the quotation is the call's
        subj = subject(tok) or _after_quote(tok)
        if subj is not None:
            return tok, subj
    return None


def _after_quote(verb: Token) -> Token | None:
    """'"...," the 29-year-old told reporters': the words between a closing quotation mark
    and the verb name who spoke, however the parser hung them."""
    doc = verb.doc
    i = verb.i - 1
    while i >= 0 and (doc[i].pos_ in ("DET", "NUM", "ADJ", "NOUN", "PROPN") or doc[i].text == "-"):
        i -= 1
    if i < 0 or i == verb.i - 1 or not doc[i].is_quote:
        return None
    return next(
        (t for t in reversed(doc[i + 1 : verb.i]) if t.pos_ in ("NOUN", "PROPN") or is_age(t)),
        None,
    )


def _subheading(doc: Doc, text: str) -> bool:
    """A line of the body written as a headline: one short sentence, capitalised, with no
    full stop ("Cocaine seizures in Rotterdam down by a third, customs says")."""
    text = text.rstrip()
    return (
        bool(text)
        and text[0].isupper()
        and text[-1] not in ".!?\"”’'…:;"
        and len(text.split()) <= 16
        and len(list(doc.sents)) == 1
    )
