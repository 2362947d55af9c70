"""The held-out gold stays consistent with its articles, checked by the eval set's own checker."""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
CHECKER = HERE.parent / "eval" / "check_gold.py"


def _checker() -> ModuleType:
    spec = importlib.util.spec_from_file_location("factkg_check_gold_heldout", CHECKER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_heldout_gold_matches_articles_and_covers_every_phenomenon() -> None:
    # the checker's per-file rules, with this set's own length bounds (200-450 words)
    check = _checker()
    problems: list[str] = []
    counts: Counter[str] = Counter()
    golds = sorted(HERE.glob("*.gold.json"))
    assert len(golds) == 12
    for gold_path in golds:
        txt = HERE / (gold_path.name.removesuffix(".gold.json") + ".txt")
        assert txt.exists(), f"{gold_path.name}: no article {txt.name}"
        text = txt.read_text(encoding="utf-8")
        words = len(text.split())
        assert 200 <= words <= 450, f"{txt.name}: {words} words, not 200-450"
        gold = check.check_file(gold_path, text, problems)
        for claim in gold.get("claims", []):
            counts.update(claim["phenomena"])
    assert not problems, "\n".join(problems)
    missing = {p for p in check.PHENOMENA if counts[p] < check.MIN_PER_PHENOMENON}
    assert not missing, f"phenomena with fewer than 3 gold claims: {sorted(missing)}"


def test_every_article_has_a_gold_file() -> None:
    orphans = [t.name for t in HERE.glob("*.txt") if not (HERE / f"{t.stem}.gold.json").exists()]
    assert not orphans, f"articles without gold: {orphans}"
