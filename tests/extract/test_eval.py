"""The evaluation script runs in CI: it fails when scores fall below the thresholds."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from kg.extract import Extractor
from kg.extract.gold import norm_name, overlap_f1

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "eval_extraction.py"


def test_scores_hold(extractor: Extractor, capsys: pytest.CaptureFixture[str]) -> None:
    spec = importlib.util.spec_from_file_location("eval_extraction", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_extraction"] = module
    spec.loader.exec_module(module)
    status = module.main([], extractor=extractor)
    out = capsys.readouterr().out
    assert status == 0, out
    assert "content+speaker" in out


def test_overlap_matching() -> None:
    assert overlap_f1("the plan would fail", "The plan would fail.") == 1.0
    assert overlap_f1("a b c d", "e f g h") == 0.0
    assert norm_name("The “Global Times”") == "global times"
