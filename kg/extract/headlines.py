"""Claims of a headline: the forms the parser cannot read as a sentence, and the headline
findings and quotations whose speaker only the body names.

Headlines drop articles and verbs and are written in title case, which defeats the tagger:
"Police: suspect acted alone", "Mayor guilty of bribery, court rules", "Inflation to fall by
spring - central bank", "Opposition claims vote was rigged; commission rejects ...", "Maresca
insists title race 'not over' after Villa defeat". These are read off the words when the parse
found no attribution in the headline. "Vaccine cuts deaths by a third, trial shows" and
"'The ice is leaving us': a mountain guide on fifty summers" name no speaker: they are kept
until the body is read and go to whoever says the same thing there.

>>> from kg.extract import Extractor
>>> from kg.readers import read_bytes
>>> extractor = Extractor()
>>> def headline_claims(headline: str, body: str) -> list[tuple[str, str, str]]:
...     article = read_bytes(f"{headline}\\n17 May, 2019\\n\\n{body}\\n".encode(), "a.txt")
...     x = extractor.extract(article)
...     return [(c.text, x.actor(c.speaker).label, c.verb) for c in x.claims if c.in_headline]
>>> headline_claims("Police: suspect acted alone", "The attack happened on Sunday.")
[('suspect acted alone', 'police', 'say')]
>>> headline_claims("Former mayor lied about contracts, prosecutor tells jury",
...     "The hearing lasted two days.")
[('Former mayor lied about contracts', 'prosecutor', 'tell')]
>>> headline_claims("Daily walks cut heart attacks by a fifth, study finds",
...     "A daily walk of 30 minutes cut heart attacks by about a fifth among adults over 60, "
...     "researchers at Lund University said on Tuesday.")
[('Daily walks cut heart attacks by a fifth', 'researchers at Lund University', 'find')]
>>> headline_claims("Pope visits Lisbon - live updates", "The hearing lasted two days.")
[]
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from kg.extract import lexicon
from kg.extract.attribution import as_written
from kg.extract.quotes import quote_spans, trim, whole_quotations, words_in
from kg.extract.speakers import Speakers
from kg.model import ActorKind, Claim, Span


class Headlines:
    """The headline claims of one article, appended to the article's list of claims."""

    def __init__(self, speakers: Speakers, claims: list[Claim]) -> None:
        self.speakers = speakers
        self.reg = speakers.reg
        self.claims = claims  # the article's claims: headline claims are added to them
        self.sentence = 0
        # "..., study finds": a headline finding whose speaker the body names later
        self._findings: list[Claim] = []
        self.heading = True  # False while reading a sub-heading of the body

    def read(self, doc: Doc, base: int, sentence: int) -> bool:
        """Read a headline in which the parse found no attribution, trying its forms in turn;
        whether one of them gave a claim (or a finding kept for the body)."""
        self.sentence = sentence
        return (
            self._dash_source(doc, base)
            or self._colon(doc, base)
            or self._quote_first(doc, base)
            or self._trailing(doc, base)
            or self._leading(doc, base)
            or self._verbless(doc, base)
        )

    def read_subheading(self, doc: Doc, base: int, sentence: int) -> bool:
        """Read a round-up's sub-heading in the body ("Cocaine seizures in Rotterdam down by
        a third, customs says") as a headline of its own: its claims are the body's."""
        self.sentence = sentence
        self.heading = False
        try:
            # only "..., customs says": a round-up's "Oistins: ..." or "Name - Reporter" is
            # a label or a byline
            return self._trailing(doc, base)
        finally:
            self.heading = True

    def _colon(self, doc: Doc, base: int) -> bool:
        """Headline style "Police: suspect acted alone", "Minister: 'Schools will reopen'"."""
        colon = next((t for t in doc if t.text == ":"), None)
        if colon is None or not 1 <= colon.i <= 4 or len(doc) - colon.i < 4:
            return False
        left = doc[: colon.i]
        root = next((t for t in left if t.head.i >= colon.i or t.head.i == t.i), None)
        if root is None or root.pos_ not in ("NOUN", "PROPN"):
            return False
        if (
            root.pos_ == "NOUN"
            and root.lemma_.lower() not in _SPEAKER_NOUNS
            and not (root.text.isupper() and len(root.text) > 1)  # "NAMEM: ...", an acronym
        ):
            return False  # "Boxer's collapse: ...": a topic before the colon, not a speaker
        if any(t.lower_ in lexicon.HEADLINE_LABELS for t in left):
            # "Analysis: ...", "Business briefs: ...", "Belgium in Brief: ...": a rubric
            return False
        speaker = self.speakers.resolve(root, base, self.sentence)
        if speaker is None and root.text.isupper() and len(root.text) > 1:
            # "DA: ASF vaccine rollout ...": a body's acronym the model did not know
            speaker = self.speakers.unrecognised_name(
                root, base, self.sentence, ActorKind.ORGANIZATION
            )
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
                in_headline=self.heading,
            )
        )
        return True

    def _trailing(self, doc: Doc, base: int) -> bool:
        """Headline style "Mayor guilty of bribery, court rules", "..., prosecutor tells
        jury", "Inflation to fall by spring - central bank": the title case of headlines
        defeats the parser, so read the words."""
        marks = [t for t in doc if t.text in (",", "-", "—", "–", ":") and t.whitespace_]
        if not marks or marks[-1].i < 3:
            return False
        mark = marks[-1]
        if not self.heading and mark.text != ",":
            return False
        tail = [t for t in doc[mark.i + 1 :] if not t.is_punct]
        claimed = (_after_topic(doc, mark), mark.idx)
        first = _present_report(tail[0].lower_) if tail else None
        if first and mark.text == "," and 1 < len(tail) <= 5:
            # "E-scooter trauma cases more than double, says trauma chief": the verb first
            if any(t.pos_ in ("VERB", "AUX") for t in tail[1:]):
                return False
            return self._claim(doc, base, tail[-1], tail[0], first, claimed)
        if mark.text != ",":
            # "... - central bank", "Strike will go on until ...: NLC": the speaker alone
            if not 1 <= len(tail) <= 4 or any(t.pos_ in ("VERB", "AUX") for t in tail):
                return False
            head = tail[-1]
            lemma = head.lemma_.lower()
            speaking = (
                head.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
                or lemma in lexicon.PERSON_NOUNS
                or lemma in lexicon.ORG_NOUNS
                or lemma in lexicon.BUSINESS_NOUNS
                # "... - TOPAN", "... - Ghana Water": an acronym or a name the model missed
                or all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in tail)
                and (head.text.isupper() and len(head.text) > 1 or len(tail) > 1)
            )  # "... - central bank", not "... - live updates" or "... - in pictures"
            if (
                not speaking
                or any(t.lower_ in _NOT_SOURCES for t in tail)
                or not any(t.pos_ in ("VERB", "AUX") for t in doc[: mark.i])
            ):
                return False
            return self._claim(doc, base, tail[-1], None, "say", claimed)
        verb_at = next(
            (
                n
                for n, t in enumerate(tail)
                if _present_report(t.lower_)
                or t.lower_ == "shows"
                # "..., aid groups say": a plural speaker, the verb without its "s"
                or n > 0
                and t.lower_ in lexicon.REPORTING_VERBS
                and tail[n - 1].tag_ in ("NNS", "NNPS")
            ),
            None,
        )
        if verb_at is None or not 1 <= verb_at <= 5 or len(tail) - verb_at - 1 > 3:
            return False
        verb = tail[verb_at]
        if tail[verb_at - 1].lemma_.lower() in lexicon.FINDING_NOUNS and verb_at + 1 == len(tail):
            return self._finding(doc, base, verb, mark)
        if any(t.pos_ == "VERB" and t.i != verb.i for t in tail):
            return False
        lemma = _present_report(verb.lower_) or verb.lower_
        addressee = tail[-1] if verb_at + 1 < len(tail) else None  # "..., minister tells BBC"
        return self._claim(doc, base, tail[verb_at - 1], verb, lemma, claimed, addressee)

    def _finding(self, doc: Doc, base: int, verb: Token, mark: Token) -> bool:
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
                in_headline=self.heading,
            )
        )
        return True

    def _dash_source(self, doc: Doc, base: int) -> bool:
        """Headline style "Boxer's collapse: 'Doctors were not at ringside' - GBA": a
        quotation, then a dash and who said it."""
        text = doc.text
        m = _DASH_SOURCE.search(text)
        if m is None:
            return False
        source = [t for t in doc if t.idx >= m.start(1)]
        if not source or len(source) > 5 or not source[0].text[:1].isupper():
            return False
        quotes = [q for q in quote_spans(text) if q[1] <= m.start()]
        if not quotes:
            return False
        qs, qe = trim(text, *quotes[-1])
        if len(text[qs:qe].split()) < 3:
            return False
        root = next(
            (t for t in source if not source[0].i <= t.head.i <= source[-1].i or t.head == t), None
        )
        if root is None:
            return False
        if root.text.isupper() and len(root.text) > 1:  # "- GBA": a body by its acronym
            speaker: str | None = self.speakers.unrecognised_name(
                root, base, self.sentence, ActorKind.ORGANIZATION
            )
        else:
            speaker = self.speakers.resolve(root, base, self.sentence)
        if speaker is None:
            return False
        self.claims.append(_headline_quotation(text, qs, qe, base, speaker))
        return True

    def _quote_first(self, doc: Doc, base: int) -> bool:
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
        self._findings.append(_headline_quotation(text, qs, qe, base, ""))
        return True

    def place_findings(self) -> None:
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

    def _leading(self, doc: Doc, base: int) -> bool:
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
        return self._claim(doc, base, doc[verb_at - 1], verb, lemma, (rest[0].idx, end))

    def _verbless(self, doc: Doc, base: int) -> bool:
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
        if words and words[0].lower_ in _SPEECH_ACTS:
            return False  # "Club says goodbye to coach": what was done by saying, no claim
        if len(words) < 2 or not any(
            t.pos_ in ("ADJ", "ADV", "NUM", "VERB") or t.is_quote
            for t in doc[verb.i + 1 :]
            if t.idx < end
        ):
            # "says contractor error behind outage": a noun phrase with where it stands
            if len(words) < 4 or not any(
                t.pos_ == "ADP" and t.lower_ not in ("to", "for") for t in words[1:-1]
            ):
                return False  # "says goodbye to coach", "says thanks for support": no claim
        subj = next(c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i)
        lemma = verb.lemma_.lower()
        return self._claim(doc, base, subj, verb, lemma, (doc[verb.i + 1].idx, end), min_words=2)

    def _claim(
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
            held = [q for q in quotes if cs <= q[0] and q[1] <= ce and words_in(doc.text, q) >= 3]
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
                verb_text=as_written(verb, lemma) if verb is not None else None,
                span=Span(base, base + len(doc.text)),
                quote=doc.text[qs:qe] if quoted else None,
                quote_span=Span(base + qs, base + qe) if quoted else None,
                relayed_by=relay if relay != speaker else None,
                in_headline=self.heading,
            )
        )
        return True


_COMMON_SPEAKER_WORDS = (
    lexicon.NOT_SPEAKERS,
    lexicon.FINDING_NOUNS,
    lexicon.COLLECTIVE_NOUNS,
    lexicon.PERSON_NOUNS,
    lexicon.ORG_NOUNS,
    lexicon.GROUP_NOUNS,
    lexicon.DOCUMENT_NOUNS,
)

# What follows a headline's dash that is no source: "... - Live Updates", "... - In Pictures".
_NOT_SOURCES = frozenset(
    "update updates picture pictures photo photos video videos live report analysis opinion "
    "podcast explainer review interview".split()
)

# What a headline "says" that is an act, not a statement: "says goodbye", "says sorry".
_SPEECH_ACTS = frozenset("goodbye farewell thanks sorry yes no hello".split())

# Reporting verbs whose headline object is a statement with its verb dropped.
_VERBLESS_REPORTS = frozenset("say insist claim warn admit argue maintain predict".split())

# Words that start the background of a headline: "... after Villa defeat".
_HEADLINE_BACKGROUND = frozenset("after as amid despite following ahead before while".split())

_STOP = frozenset(
    "a an the of in on at by for to from and or but is are was were be been has have had it its "
    "this that these those with as than".split()
)


# "... 'Doctors were not at ringside' - GBA": a spaced dash, then a short source at the end
_DASH_SOURCE = re.compile(r"[\"”’']\s+[-–—]\s+(\S.{0,60})$")
# common nouns that can stand for a speaker before a headline's colon ("Police: ...")
_SPEAKER_NOUNS = (
    lexicon.PERSON_NOUNS
    | lexicon.ORG_NOUNS
    | lexicon.BUSINESS_NOUNS
    | lexicon.COLLECTIVE_NOUNS
    | lexicon.GROUP_NOUNS
    | lexicon.SPOKES_NOUNS
    | lexicon.KIN_NOUNS
)


def _after_topic(doc: Doc, mark: Token) -> int:
    """Where a trailing-source headline's claim starts: after a topic label and its colon
    ("HPV vaccination: more than 61,000 girls vaccinated ..., officials say"), else at 0."""
    colon = next((t for t in doc[: min(mark.i, 5)] if t.text == ":"), None)
    if colon is None or colon.i == 0 or colon.i + 1 >= mark.i:
        return 0
    if any(t.pos_ in ("VERB", "AUX") for t in doc[: colon.i]):
        return 0
    return doc[colon.i + 1].idx


def _headline_quotation(text: str, qs: int, qe: int, base: int, speaker: str) -> Claim:
    """The quotation at ``qs:qe`` of a headline as a claim of ``speaker`` ("" until known)."""
    return Claim(
        text=text[qs:qe],
        speaker=speaker,
        verb="say",
        span=Span(base, base + len(text)),
        quote=text[qs:qe],
        quote_span=Span(base + qs, base + qe),
        in_headline=True,
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
    """The lemma of a third-person present reporting verb ("says", "denies", "rules").

    >>> [_present_report(w) for w in ("says", "denies", "rules", "shows", "Reuters")]
    ['say', 'deny', 'rule', None, None]
    """
    for lemma in (word[:-1], word[:-2], word[:-3] + "y"):
        if lemma in lexicon.REPORTING_VERBS and word in (
            lemma + "s",
            lemma + "es",
            lemma[:-1] + "ies",
        ):
            return lemma
    return None
