"""Extraction of one parsed article: claims, actors and events, in one pass over its sentences.

Sentences are visited in reading order so that pronouns and descriptions resolve against what
came before. Quotations are found on the characters (kg.extract.quotes) and matched to the
attributions found on the parse (kg.extract.attribution); a quotation with no verb of its own
takes the speaker of the attribution next to it ("…," she said, "…") or, as a paragraph of its
own, of the quotation just before it.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from kg.extract import attribution, events, lexicon
from kg.extract.actors import Registry
from kg.extract.attribution import Attribution, is_age
from kg.extract.binding import bind_late, link
from kg.extract.dateline import dateline_end
from kg.extract.eventbuild import Wording, build_event
from kg.extract.eventbuild import label as event_label
from kg.extract.quotes import asserts_nothing, quote_spans, trim
from kg.extract.speakers import (
    Speakers,
    appos_entity,
    entity_of,
    is_topic,
    np_range,
    roles_of,
)
from kg.model import ActorKind, Article, Block, BlockKind, Claim, Event, Extraction, Span

_MIN_QUOTE_WORDS = 4


class ArticleRun:
    """State of the extraction of one article (registry, salience, last quotation)."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.reg = Registry()
        self.speakers = Speakers(self.reg, article.text)
        self.claims: list[Claim] = []
        self.events: list[Event] = []
        self._wordings: dict[str, Wording] = {}  # event key -> how its label is worded
        self.sentence = 0
        self._last_quote: Claim | None = None  # for quotations continued in a new paragraph
        # "..., study finds": a headline finding whose speaker the body names later
        self._findings: list[Claim] = []
        self._body_seen = False
        self._dateline = 0  # end of the wire dateline opening the current paragraph, if any

    def run(self, parsed: list[tuple[Block, Doc]]) -> Extraction:
        for block, doc in parsed:
            self._block(block, doc)
        self._place_findings()
        self._link()
        for key in self.reg.local:
            self.reg.actors[key].local = True
        return Extraction(
            article=self.article,
            claims=self.claims,
            actors=list(self.reg.actors.values()),
            events=self.events,
        )

    # -- one paragraph --------------------------------------------------------------------

    def _block(self, block: Block, doc: Doc) -> None:
        base = block.span.start
        headline = block.kind is BlockKind.HEADLINE
        self.speakers.in_headline = headline
        self._dateline = 0
        if block.kind is BlockKind.BODY and not self._body_seen:
            self._body_seen = True
            self._dateline = dateline_end(doc.text)
        quotes = quote_spans(doc.text)
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
            (
                self._headline_colon(doc, base)
                or self._headline_quote_first(doc, base)
                or self._headline_trailing(doc, base)
                or self._headline_leading(doc, base)
                or self._headline_verbless(doc, base)
            )
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
        for ent in sent.ents:
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
            lemma = tok.lemma_.lower()
            if (
                tok.pos_ == "PROPN"
                and not tok.ent_type_
                and self.reg.surnames.get(tok.lower_) in self.reg.actors
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
            described = next(
                (
                    c
                    for c in tok.children
                    if c.dep_ == "appos"
                    and c.i > tok.i
                    and (
                        c.lemma_.lower() in lexicon.ORG_NOUNS
                        or c.lemma_.lower() in lexicon.BUSINESS_NOUNS
                    )
                ),
                None,
            )
            if (
                tok.pos_ == "PROPN"
                and not tok.ent_type_
                and described is not None
                and in_quote[tok.i] < 0
                and tok.dep_ != "compound"
            ):  # "Ofwat, the industry regulator, is investigating": a body the model missed
                key = self.speakers.unrecognised_name(
                    tok, base, self.sentence, ActorKind.ORGANIZATION
                )
                s, e = np_range(described)
                self.reg.add_role(key, sent.doc[s:e].text)
            if (
                tok.pos_ == "NOUN"
                and lemma in lexicon.PERSON_NOUNS
                and in_quote[tok.i] < 0
                and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)
            ):
                pos = base + tok.idx
                key = self.reg.by_role(lemma, self.sentence, pos)
                if key is not None:
                    span = Span(pos, pos + len(tok))
                    self.reg.add(self.reg.actors[key].label, ActorKind.PERSON, span, self.sentence)

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
            qs, qe = trim(doc.text, *quotes[qi])
            cs, ce = qs, qe
            quote_text = doc.text[qs:qe]
            quote_span = Span(base + qs, base + qe)
        else:
            for qs, qe in quotes:  # 'said it would give "a route to ... wrong."': the
                # quotation the content opened closes it, with the stop inside the marks
                if cs <= qs < ce < qe and doc.text[ce:qe] in (".", "?", "!"):
                    ce = qe + 1 if qe < len(doc.text) else qe
                elif cs < qs and ce == qe and qe < len(doc.text):
                    ce = qe + 1  # "demand 'remains strong'": keep the closing mark
            cs, ce = whole_quotations(doc.text, cs, ce, quotes)
            if ce <= cs:
                return None
            inside = [i for i in overlapping if quotes[i][0] >= cs and quotes[i][1] <= ce]
            used.update(inside)
            long = [i for i in inside if _words(doc.text, quotes[i]) >= 3]
            if long:
                qi = max(long, key=lambda i: quotes[i][1] - quotes[i][0])
                qs, qe = trim(doc.text, *quotes[qi])
                quote_text = doc.text[qs:qe]
                quote_span = Span(base + qs, base + qe)
        if quote_span is None or quote_span.start - base != cs:
            # a reported clause that opens with a quotation keeps its opening mark
            if cs > 0 and any(q[0] == cs for q in quotes) and doc.text[cs - 1] in "\"“‘'«":
                cs -= 1
        text = doc.text[cs:ce]
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
            span=Span(base + start, base + min(end, len(doc.text))),
            quote=quote_text,
            quote_span=quote_span,
            relayed_by=relay if relay != speaker else None,
            in_headline=headline,
        )
        self.claims.append(claim)
        return claim

    def _headline_colon(self, doc: Doc, base: int) -> bool:
        """Headline style "Police: suspect acted alone", "Minister: 'Schools will reopen'"."""
        colon = next((t for t in doc if t.text == ":"), None)
        if colon is None or not 1 <= colon.i <= 4 or len(doc) - colon.i < 4:
            return False
        left = doc[: colon.i]
        root = next((t for t in left if t.head.i >= colon.i or t.head.i == t.i), None)
        if root is None or root.pos_ not in ("NOUN", "PROPN"):
            return False
        if root.lower_ in lexicon.HEADLINE_LABELS:
            return False  # "Analysis: ...", "Explainer: ...": a rubric, not a speaker
        speaker = self.speakers.resolve(root, base, self.sentence)
        if speaker is None:
            return False
        start = colon.i + 1
        cs, ce = trim(doc.text, doc[start].idx, len(doc.text))
        quoted = doc.text[cs] in "\"“‘'" and doc.text[ce - 1] in "\"”’'"
        if quoted:
            cs, ce = trim(doc.text, cs + 1, ce - 1)
        self.claims.append(
            Claim(
                text=doc.text[cs:ce],
                speaker=speaker,
                verb="say",
                span=Span(base, base + len(doc.text)),
                quote=doc.text[cs:ce] if quoted else None,
                quote_span=Span(base + cs, base + ce) if quoted else None,
                in_headline=True,
            )
        )
        return True

    def _headline_trailing(self, doc: Doc, base: int) -> bool:
        """Headline style "Mayor guilty of bribery, court rules", "..., prosecutor tells
        jury", "Inflation to fall by spring - central bank": the title case of headlines
        defeats the parser, so read the words."""
        marks = [t for t in doc if t.text in (",", "-", "—", "–") and t.whitespace_]
        if not marks or marks[-1].i < 3:
            return False
        mark = marks[-1]
        tail = [t for t in doc[mark.i + 1 :] if not t.is_punct]
        if mark.text != ",":  # "... - central bank": the speaker alone, no verb
            if not 1 <= len(tail) <= 4 or any(t.pos_ in ("VERB", "AUX") for t in tail):
                return False
            head = tail[-1]
            lemma = head.lemma_.lower()
            speaking = (
                head.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
                or lemma in lexicon.PERSON_NOUNS
                or lemma in lexicon.ORG_NOUNS
                or lemma in lexicon.BUSINESS_NOUNS
            )  # "... - central bank", not "... - live updates" or "... - in pictures"
            if not speaking or not any(t.pos_ in ("VERB", "AUX") for t in doc[: mark.i]):
                return False
            return self._headline_claim(doc, base, tail[-1], None, "say", (0, mark.idx))
        verb_at = next(
            (n for n, t in enumerate(tail) if _present_report(t.lower_) or t.lower_ == "shows"),
            None,
        )
        if verb_at is None or not 1 <= verb_at <= 5 or len(tail) - verb_at - 1 > 3:
            return False
        verb = tail[verb_at]
        if tail[verb_at - 1].lemma_.lower() in lexicon.FINDING_NOUNS and verb_at + 1 == len(tail):
            return self._headline_finding(doc, base, verb, mark)
        if any(t.pos_ == "VERB" and t.i != verb.i for t in tail):
            return False
        lemma = _present_report(verb.lower_) or "say"
        addressee = tail[-1] if verb_at + 1 < len(tail) else None  # "..., minister tells BBC"
        return self._headline_claim(
            doc, base, tail[verb_at - 1], verb, lemma, (0, mark.idx), addressee
        )

    def _headline_finding(self, doc: Doc, base: int, verb: Token, mark: Token) -> bool:
        """ "Vaccine cuts deaths by a third, trial shows": a study is no speaker; the claim is
        whoever reports the finding in the body, decided once the body is read."""
        cs, ce = trim(doc.text, 0, mark.idx)
        if len(doc.text[cs:ce].split()) < 3:
            return False
        lemma = _present_report(verb.lower_) or "find"
        self._findings.append(
            Claim(
                text=doc.text[cs:ce],
                speaker="",
                verb=lemma,
                verb_text=verb.lower_,
                span=Span(base, base + len(doc.text)),
                in_headline=True,
            )
        )
        return True

    def _headline_quote_first(self, doc: Doc, base: int) -> bool:
        """ "'The ice is leaving us': a mountain guide on fifty summers": a quotation headline
        whose speaker is the person the story is about, known once the body is read."""
        text = doc.text
        if not text or text[0] not in "\"“‘'":
            return False
        spans = [q for q in quote_spans(text) if q[0] == 1]
        if not spans:
            return False
        qs, qe = trim(text, *spans[0])
        rest = text[qe + 1 :].lstrip()
        if not rest.startswith(":") or len(text[qs:qe].split()) < 3:
            return False
        self._findings.append(
            Claim(
                text=text[qs:qe],
                speaker="",
                verb="say",
                span=Span(base, base + len(text)),
                quote=text[qs:qe],
                quote_span=Span(base + qs, base + qe),
                in_headline=True,
            )
        )
        return True

    def _place_findings(self) -> None:
        """Give each headline finding the speaker of the body claim that says most nearly
        the same thing; drop it when no body claim does."""
        for finding in self._findings:
            if finding.quote is not None:
                speaker = self._quoted_in_body(finding.quote) or self._main_voice()
                if speaker is None:
                    continue
                twin = next(
                    (c for c in self.claims if c.in_headline and c.text == finding.text), None
                )
                if twin is not None:  # read already from the headline's own verb: who said it
                    twin.speaker = speaker
                else:
                    finding.speaker = speaker
                    self.claims.insert(0, finding)
                continue
            words = _content_words(finding.text)
            best, score = None, 0.0
            for claim in self.claims:
                if claim.in_headline or not claim.speaker:
                    continue
                other = _content_words(claim.text)
                overlap = len(words & other) / max(1, min(len(words), len(other)))
                if overlap > score:
                    best, score = claim, overlap
            if best is not None and score >= 0.5:
                finding.speaker = best.speaker
                self.claims.insert(0, finding)

    def _quoted_in_body(self, quote: str) -> str | None:
        """Who says a headline's quotation in the body, if anyone does."""
        said = _normal(quote)
        return next(
            (
                c.speaker
                for c in self.claims
                if not c.in_headline and c.speaker and said in _normal(c.quote or c.text)
            ),
            None,
        )

    def _main_voice(self) -> str | None:
        """The person quoted most often: whom a quotation headline is taken to be from."""
        people = [
            c.speaker
            for c in self.claims
            if not c.in_headline
            and c.speaker
            and self.reg.actors[c.speaker].kind is ActorKind.PERSON
        ]
        # the first quoted wins a tie: the same answer on every run
        return max(dict.fromkeys(people), key=people.count) if people else None

    def _headline_leading(self, doc: Doc, base: int) -> bool:
        """ "Opposition claims vote was rigged; commission rejects ...": a speaker, a
        present-tense reporting verb the tagger took for a noun, and the statement."""
        verb_at = next(
            (t.i for t in doc[:5] if t.i > 0 and _headline_report(t.lower_)),
            None,
        )
        if verb_at is None or doc[verb_at].pos_ == "VERB" and doc[verb_at].dep_ != "compound":
            # a verb the parser saw was already read as an attribution ("Toulouse deny deal
            # agreed ..." it made a noun's modifier)
            return False
        if any(t.pos_ not in ("NOUN", "PROPN", "ADJ", "DET") for t in doc[:verb_at]):
            return False
        end = next((t.idx for t in doc[verb_at + 1 :] if t.text == ";"), len(doc.text))
        rest = [t for t in doc[verb_at + 1 :] if t.idx < end]
        # a clause of its own ("vote was rigged"), not a second headline verb after a comma
        # ("Reports Record Revenue, Raises Outlook")
        if len(rest) < 3 or not any(
            t.pos_ in ("VERB", "AUX") and doc[t.i - 1].text != "," for t in rest
        ):
            return False
        verb = doc[verb_at]
        lemma = _headline_report(verb.lower_) or "say"
        return self._headline_claim(doc, base, doc[verb_at - 1], verb, lemma, (rest[0].idx, end))

    def _headline_verbless(self, doc: Doc, base: int) -> bool:
        """ "Maresca insists title race 'not over' after Villa defeat": headlines drop the
        verb of what was said; the words after the reporting verb, up to a background
        phrase, are the claim."""
        verb = next(
            (
                t
                for t in doc
                if t.pos_ == "VERB"
                and t.lemma_.lower() in _VERBLESS_REPORTS
                and any(c.dep_ == "nsubj" and c.i < t.i for c in t.children)
            ),
            None,
        )
        if verb is None:
            return False
        end = next(
            (t.idx for t in doc[verb.i + 1 :] if t.lower_ in _HEADLINE_BACKGROUND),
            len(doc.text),
        )
        words = [t for t in doc[verb.i + 1 :] if t.idx < end and not t.is_punct]
        if len(words) < 2 or not any(
            t.pos_ in ("ADJ", "ADV", "NUM") or t.is_quote for t in doc[verb.i + 1 :] if t.idx < end
        ):
            return False
        subj = next(c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i)
        lemma = verb.lemma_.lower()
        return self._headline_claim(
            doc, base, subj, verb, lemma, (doc[verb.i + 1].idx, end), min_words=2
        )

    def _headline_claim(
        self,
        doc: Doc,
        base: int,
        head: Token,
        verb: Token | None,
        lemma: str,
        content: tuple[int, int],
        addressee: Token | None = None,
        min_words: int = 3,
    ) -> bool:
        speaker = self.speakers.resolve(head, base, self.sentence)
        if (
            speaker is None
            and head.i == 0
            and head.tag_ in ("NN", "NNP")
            and not any(head.lemma_.lower() in words for words in _COMMON_SPEAKER_WORDS)
        ):  # "Toulouse deny deal ...": a name the tagger did not know opens the headline
            speaker = self.speakers.unrecognised_name(head, base, self.sentence)
        if speaker is None:
            return False
        relay = self.speakers.outlet(addressee, base, self.sentence) if addressee else None
        cs, ce = trim(doc.text, *content)
        quoted = ce > cs and doc.text[cs] in "\"“‘'" and doc.text[ce - 1] in "\"”’'"
        qs, qe = cs, ce
        if quoted:
            cs, ce = qs, qe = trim(doc.text, cs + 1, ce - 1)
        else:  # 'insists title race "not over after this defeat"': cut at a background word
            quotes = quote_spans(doc.text)  # inside the marks, the quotation still closes
            cs, ce = whole_quotations(doc.text, cs, ce, quotes)
            held = [q for q in quotes if cs <= q[0] and q[1] <= ce and _words(doc.text, q) >= 3]
            if held:  # the quotation it holds is its quote (and no claim of its own)
                qs, qe = trim(doc.text, *max(held, key=lambda q: q[1] - q[0]))
                quoted = True
        if len(doc.text[cs:ce].split()) < min_words:
            return False
        self.reg.spoke(speaker, base + (verb or head).idx)
        self.claims.append(
            Claim(
                text=doc.text[cs:ce],
                speaker=speaker,
                verb=lemma,
                verb_text=attribution.as_written(verb, lemma) if verb is not None else None,
                span=Span(base, base + len(doc.text)),
                quote=doc.text[qs:qe] if quoted else None,
                quote_span=Span(base + qs, base + qe) if quoted else None,
                relayed_by=relay if relay != speaker else None,
                in_headline=True,
            )
        )
        return True

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
        """Quotations no verb took: split quotes, "X said:" before, continued paragraphs."""
        for qi, (qs, qe) in enumerate(quotes):
            if qi in used or _words(doc.text, (qs, qe)) < _MIN_QUOTE_WORDS:
                continue
            if _NAMING.search(doc.text[max(0, qs - 24) : qs]):
                continue  # 'banners that read "Hands off ..."', 'a report titled "..."'
            held = Span(base + trim(doc.text, qs, qe)[0], base + trim(doc.text, qs, qe)[1])
            if any(c.quote_span == held for c in self.claims):
                continue  # a headline claim's quotation already ('insists race "not over"')
            n = next((k for k, s in enumerate(sents) if s.end_char > qs), len(sents) - 1)
            last = next((k for k, s in enumerate(sents) if s.end_char >= qe), len(sents) - 1)
            speaker: str | None = None
            verb = "say"
            verb_text: str | None = None
            anchor: Token | None = None
            near = [f for f in found if n - 1 <= f[0] <= last + 1]
            near.sort(key=lambda f: abs(f[2].span.start - (base + qs)))
            merged = False
            for k, att_verb, claim in near:
                if claim.quote_span is not None and claim.quote == claim.text and k >= n - 1:
                    # '"A," she said, "B."': one statement in two parts; the claim is A and
                    # its span runs to the end of B
                    te = min(qe + 1, len(doc.text))
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
                        verb, anchor = bare[0].lemma_.lower(), bare[0]
                        verb_text = attribution.as_written(anchor, verb)
                        break
            if speaker is None and qs <= 1 and self._last_quote is not None:
                speaker, verb = self._last_quote.speaker, self._last_quote.verb
                verb_text = self._last_quote.verb_text
            if speaker is None:
                continue
            used.add(qi)
            ts, te = trim(doc.text, qs, qe)
            if asserts_nothing(doc.text[ts:te]):
                continue
            start, end = max(ts - 1, 0), min(te + 1, len(doc.text))
            if anchor is not None:
                start = min(start, anchor.idx)
                end = max(end, anchor.idx + len(anchor))
            claim = Claim(
                text=doc.text[ts:te],
                speaker=speaker,
                verb=verb,
                verb_text=verb_text,
                span=Span(base + start, base + end),
                quote=doc.text[ts:te],
                quote_span=Span(base + ts, base + te),
                in_headline=headline,
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

    def _link(self) -> None:
        bind_late(self.article, self.claims, self.events, self.reg)
        for event in self.events:  # with the names of the actors descriptions were bound to
            event.label = event_label(event, self._wordings[event.key], self.reg.actors)
        link(self.claims, self.events, self.reg)


_COMMON_SPEAKER_WORDS = (
    lexicon.NOT_SPEAKERS,
    lexicon.FINDING_NOUNS,
    lexicon.COLLECTIVE_NOUNS,
    lexicon.PERSON_NOUNS,
    lexicon.ORG_NOUNS,
    lexicon.GROUP_NOUNS,
    lexicon.DOCUMENT_NOUNS,
)


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


# Reporting verbs whose headline object is a statement with its verb dropped.
_VERBLESS_REPORTS = frozenset("say insist claim warn admit argue maintain predict".split())
# Words that start the background of a headline: "... after Villa defeat".
_HEADLINE_BACKGROUND = frozenset("after as amid despite following ahead before while".split())
_STOP = frozenset(
    "a an the of in on at by for to from and or but is are was were be been has have had it its "
    "this that these those with as than".split()
)


def _normal(text: str) -> str:
    """Words only, lower case: a headline quotes the body with other marks and capitals."""
    return " ".join(re.findall(r"\w+", text.lower()))


def _content_words(text: str) -> set[str]:
    """Lower-case words of a claim without function words, crudely stemmed ("children" and
    "child", "deaths" and "death" meet)."""
    words = re.findall(r"[\w%]+", text.lower())
    return {w[:5] for w in words if w not in _STOP}


def _headline_report(word: str) -> str | None:
    """The lemma of a headline's present reporting verb, singular ("says") or, for a team in
    British headlines, plural ("Toulouse deny")."""
    return _present_report(word) or (word if word in lexicon.REPORTING_VERBS else None)


def _present_report(word: str) -> str | None:
    """The lemma of a third-person present reporting verb ("says", "denies", "rules")."""
    for lemma in (word[:-1], word[:-2], word[:-3] + "y"):
        if lemma in lexicon.REPORTING_VERBS and word in (
            lemma + "s",
            lemma + "es",
            lemma[:-1] + "ies",
        ):
            return lemma
    return None


def _token_quotes(doc: Doc, quotes: list[tuple[int, int]]) -> list[int]:
    """For each token, the index of the quotation it lies in, or -1 (one merge pass)."""
    out = [-1] * len(doc)
    qi = 0
    for tok in doc:
        while qi < len(quotes) and quotes[qi][1] <= tok.idx:
            qi += 1
        if qi < len(quotes) and quotes[qi][0] <= tok.idx < quotes[qi][1]:
            out[tok.i] = qi
    return out


# Words that put a text on a sign or a name on a work, not in anyone's mouth.
_NAMING = re.compile(
    r"\b(?:read|reads|reading|titled|entitled|headlined|labelled|labeled|marked|dubbed"
    r"|slogan|motto|hashtag)[\s,:]*[\"“‘']$",
    re.IGNORECASE,
)


def whole_quotations(text: str, cs: int, ce: int, quotes: list[tuple[int, int]]) -> tuple[int, int]:
    """The content ``[cs, ce)`` of ``text`` made whole: a quotation it opens runs on to its
    closing mark ('risked "missing the boom' -> 'risked "missing the boom while we argue"');
    one left open to the end of the paragraph (a quotation continued in the next) is cut
    off before its opening mark.

    >>> t = 'He warned Chile risked "missing the boom while we argue". Then he left.'
    >>> cs, ce = whole_quotations(t, 10, 38, [(24, 55)])
    >>> t[cs:ce]
    'Chile risked "missing the boom while we argue"'
    >>> t = 'He said the plan was "a disaster for all'
    >>> cs, ce = whole_quotations(t, 8, 32, [(22, 40)])
    >>> t[cs:ce]
    'the plan was'
    """
    for qs, qe in quotes:
        if not cs <= qs < ce < qe:
            continue
        if qe < len(text):
            ce = qe + 1
        else:
            ce = qs - 1
            while ce > cs and (text[ce - 1].isspace() or text[ce - 1] in ",;:"):
                ce -= 1
    return cs, ce


def _words(text: str, span: tuple[int, int]) -> int:
    return len(text[span[0] : span[1]].split())


def _bare_attribution(sent: SpacySpan, in_quote: list[int]) -> tuple[Token, Token] | None:
    """A reporting verb with a subject and no content of its own: '... he said.'"""
    for tok in sent:
        if in_quote[tok.i] >= 0 or tok.pos_ != "VERB":
            continue
        if tok.lemma_.lower() not in lexicon.REPORTING_VERBS:
            continue
        if any(c.dep_ == "ccomp" and in_quote[c.i] < 0 for c in tok.children):
            continue  # "Police said the march was peaceful": it says something else
        subj = attribution.subject(tok) or _after_quote(tok)
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
