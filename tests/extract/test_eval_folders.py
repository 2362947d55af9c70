"""The evaluation script on folders of its caller's choice: a report, no thresholds."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from kg.extract import Extractor

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "eval_extraction.py"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("eval_extraction_f", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_extraction_f"] = module
    spec.loader.exec_module(module)
    return module


def _gold(relay: str, accept: list[str] | None) -> dict[str, object]:
    claim: dict[str, object] = {
        "speaker": "Aino Virtanen",
        "speaker_accept": [],
        "verb": "say",
        "content": "the harbour will close for repairs in March",
        "relayed_by": relay,
        "phenomena": ["intermediary"],
    }
    if accept is not None:
        claim["relayed_by_accept"] = accept
    return {"claims": [claim], "non_claims": [], "events": []}


@pytest.mark.parametrize(
    ("relay", "accept", "found"),
    [
        ("Finnish Broadcasting Company", None, "relayed_by 1/1"),
        ("the Finnish Broadcasting Company", None, "relayed_by 1/1"),
        ("Yleisradio", ["Finnish Broadcasting Company"], "relayed_by 1/1"),
        ("Yleisradio", None, "relayed_by 0/1"),
    ],
)
def test_folder_report_without_thresholds(
    extractor: Extractor,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    relay: str,
    accept: list[str] | None,
    found: str,
) -> None:
    (tmp_path / "01_harbour.txt").write_text(
        "Harbour to close\n17 May, 2019\n"
        "The harbour will close for repairs in March, Aino Virtanen told the Finnish "
        "Broadcasting Company.\n",
        encoding="utf-8",
    )
    (tmp_path / "01_harbour.gold.json").write_text(json.dumps(_gold(relay, accept)))
    status = _script().main([str(tmp_path)], extractor=extractor)
    out = capsys.readouterr().out
    assert status == 0, out
    assert f"== {tmp_path}: 1 gold claims, 1 predicted" in out
    assert "content+speaker  precision 1.000  recall 1.000" in out
    assert found in out


def test_folder_without_gold_is_an_error(
    extractor: Extractor, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status = _script().main([str(tmp_path / "nowhere")], extractor=extractor)
    assert status == 2
    assert "nowhere: no NN_slug.txt with NN_slug.gold.json" in capsys.readouterr().out
