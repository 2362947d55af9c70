"""The annotated pairs the pairwise model is trained and evaluated on.

They live in the repository's tests/data/match (not in the package): training reads them,
loading the shipped model does not.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "tests" / "data" / "match"
#: The development set (132 pairs), the sets written blind afterwards (131 and 130 x 6;
#: pairs-fresh2 to -fresh6 were each a sealed set a model was scored on once, then joined
#: the training data) and four sets written blind as training data (485 pairs).
SETS: tuple[Path, ...] = (
    DATA / "pairs.tsv",
    DATA / "pairs-fresh.tsv",
    DATA / "pairs-fresh2.tsv",
    DATA / "pairs-fresh3.tsv",
    DATA / "pairs-fresh4.tsv",
    DATA / "pairs-fresh5.tsv",
    DATA / "pairs-fresh6.tsv",
    DATA / "pairs-train-r.tsv",
    DATA / "pairs-train-s.tsv",
    DATA / "pairs-train-t.tsv",
    DATA / "pairs-train-u.tsv",
)


@dataclass(frozen=True)
class Pair:
    """A claim as news reports it, a claim as a fact-checker words it, and whether the review
    applies (``same``); ``kind`` says how the annotator made it."""

    id: str
    claim: str
    reviewed: str
    same: bool
    kind: str
    claim_speaker: str | None
    reviewed_speaker: str | None
    source: str = ""


def load_pairs(path: Path) -> list[Pair]:
    """The pairs of one TSV file (id, claim, reviewed, same, kind, speakers)."""
    with path.open(encoding="utf-8", newline="") as f:
        return [
            Pair(
                r["id"],
                r["claim"],
                r["reviewed"],
                r["same"] == "1",
                r["kind"],
                r.get("claim_speaker") or None,
                r.get("reviewed_speaker") or None,
                path.name,
            )
            for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        ]


def training_pairs() -> list[Pair]:
    """All annotated pairs of the training sets, in file order."""
    return [p for path in SETS for p in load_pairs(path)]
