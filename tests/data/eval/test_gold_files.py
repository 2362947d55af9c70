"""The hand-written gold stays consistent with its articles (check_gold.py is the checker)."""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

HERE = Path(__file__).resolve().parent


def _checker() -> ModuleType:
    spec = importlib.util.spec_from_file_location("factkg_check_gold", HERE / "check_gold.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_eval_gold_matches_articles_and_covers_every_phenomenon() -> None:
    check = _checker()
    problems: list[str] = []
    counts: Counter[str] = Counter()
    assert check.check_dir(HERE, problems, counts) >= 30
    assert not problems, "\n".join(problems)
    missing = {p for p in check.PHENOMENA if counts[p] < check.MIN_PER_PHENOMENON}
    assert not missing, f"phenomena with fewer than 3 gold claims: {sorted(missing)}"


@pytest.mark.parametrize(
    "folder",
    sorted(
        p.name
        for g in ("heldout*", "fresh-*", "train-*")
        for p in HERE.parent.glob(g)
        if p.is_dir()
    ),
)
def test_every_held_out_set_matches_its_articles(folder: str) -> None:
    check = _checker()
    problems: list[str] = []
    assert check.check_dir(HERE.parent / folder, problems, Counter()) >= 8
    assert not problems, "\n".join(problems)


def test_seed_gold_matches_the_seed_articles() -> None:
    check = _checker()
    if not check.SEEDS_TEXT.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout (a user's clone)")
    problems: list[str] = []
    assert check.check_dir(HERE.parent / "seeds_gold", problems, Counter()) == 2
    assert not problems, "\n".join(problems)


def test_checker_rejects_a_content_that_is_not_in_the_article(tmp_path: Path) -> None:
    check = _checker()
    problems: list[str] = []
    gold = tmp_path / "x.gold.json"
    gold.write_text(
        '{"date": null, "non_claims": [], "events": [], "claims": [{"speaker": "A",'
        ' "speaker_kind": "person", "speaker_accept": [], "role": null, "verb": "say",'
        ' "content": "not there", "quote": false, "relayed_by": null, "in_headline": false,'
        ' "phenomena": ["reported_speech"]}]}',
        encoding="utf-8",
    )
    check.check_file(gold, "Headline\nA said it rained.\n", problems)
    assert problems and "not a substring" in problems[0]
