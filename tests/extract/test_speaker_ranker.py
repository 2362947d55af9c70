"""The trained speaker ranker: it overrules the rules where they are wrong in ways it learned,
says so on the claim, ships as a file the training command makes again byte for byte, and
refuses weights trained on other features."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import srsly

from kg.extract import Extractor
from kg.extract.actors import person_label
from kg.extract.gold import accepted_speakers, match_claims, norm_name
from kg.extract.speaker_ranker import WEIGHTS, SpeakerRanker, is_place
from kg.extract.wordlists import name_gender
from kg.model import Extraction
from kg.readers import read_path

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data"


def _extract(extractor: Extractor, name: str) -> tuple[Extraction, dict[str, object]]:
    gold = DATA / f"{name}.gold.json"
    text = gold.with_name(gold.name.removesuffix(".gold.json") + ".txt")
    return extractor.extract(read_path(text)), json.loads(gold.read_text(encoding="utf-8"))


def _speaker_of(x: Extraction, words: str) -> tuple[str, str]:
    claim = next(c for c in x.claims if words in c.text)
    return x.actor(claim.speaker).label, claim.speaker_by


@pytest.mark.parametrize(
    ("article", "words", "speaker"),
    [
        # '"...," she said' after a man's words: the woman the paragraph named before him
        ("train-a/06_mexico_ine_judicial_vote_budget", "The INE will receive", "Rocío Salgado"),
        ("train-d/06_toronto_sleep_sack_recall", "We pulled it the same day", "Megan Tsai"),
        # "she told the Inquirer" after the police's account: the mother named just before
        ("train-c/04_quezon_city_custody_death", "He was not sick", "Lorna"),
    ],
)
def test_the_model_overrules_the_rules_and_says_so(
    extractor: Extractor, article: str, words: str, speaker: str
) -> None:
    x, _ = _extract(extractor, article)
    rules_x, _ = _extract(Extractor(extractor.nlp, rules_only=True), article)
    assert _speaker_of(x, words) == (speaker, "model")
    rules_label, by = _speaker_of(rules_x, words)
    assert by == "rules" and rules_label != speaker


def test_where_the_model_is_not_sure_the_rules_decide(extractor: Extractor) -> None:
    x, gold = _extract(extractor, "eval/01_chancellor_tax_cuts")
    assert x.claims and all(c.speaker_by == "rules" for c in x.claims)
    matched = match_claims(x, gold)  # type: ignore[arg-type]
    claims = gold["claims"]
    assert isinstance(claims, list)
    for gi, pi in matched.items():
        label = norm_name(x.actor(x.claims[pi].speaker).label)
        assert label in accepted_speakers(claims[gi])


def test_the_model_s_overrides_on_training_sets_are_mostly_right(extractor: Extractor) -> None:
    """In-sample, a check of the wiring, not of the model: at least four in five of the claims
    the model decided have the speaker the annotator wrote (the honest figures are
    leave-one-set-out and the sealed sets', in docs/benchmarks.md)."""
    right = wrong = 0
    for name in ("train-c", "train-d"):
        for gold_path in sorted((DATA / name).glob("*.gold.json")):
            article = name + "/" + gold_path.name.removesuffix(".gold.json")
            x, gold = _extract(extractor, article)
            claims = gold["claims"]
            assert isinstance(claims, list)
            by_claim = {pi: gi for gi, pi in match_claims(x, gold).items()}  # type: ignore[arg-type]
            for pi, claim in enumerate(x.claims):
                if claim.speaker_by == "model":
                    label = norm_name(x.actor(claim.speaker).label)
                    ok = pi in by_claim and label in accepted_speakers(claims[by_claim[pi]])
                    right += ok
                    wrong += not ok
    assert right >= 5 and right >= 4 * wrong


def test_training_gives_the_same_weights_again(tmp_path: Path) -> None:
    """Two trainings give the same file byte for byte, and one like the shipped file.

    Byte for byte against the shipped file holds only where it was trained: on 2026-12-08
    the same command at the same commit gave other weights on a new machine (AMD EPYC, a
    fresh install; numpy picks its SIMD kernels by CPU, and disabling AVX2 alone changed the
    weights again), while the shipped weights still gave the documented extraction figures
    there. So what is tested everywhere is that training is deterministic."""
    runs = [tmp_path / f"{n}-{WEIGHTS}" for n in (1, 2)]
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "kg.extract.train", "-o", str(out)],
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for out in runs
    ]
    assert [p.wait() for p in procs] == [0, 0]
    assert runs[0].read_bytes() == runs[1].read_bytes()
    fresh = srsly.msgpack_loads(runs[0].read_bytes())
    shipped = srsly.msgpack_loads((REPO / "kg" / "extract" / WEIGHTS).read_bytes())
    assert fresh["features"] == shipped["features"]
    assert len(fresh["model"]) == len(shipped["model"])


def test_weights_for_other_features_are_refused(tmp_path: Path) -> None:
    import srsly

    saved = srsly.msgpack_loads((REPO / "kg" / "extract" / WEIGHTS).read_bytes())
    saved["features"] = saved["features"][:-1]
    other = tmp_path / "other.bin"
    other.write_bytes(srsly.msgpack_dumps(saved))
    with pytest.raises(ValueError, match="other features"):
        SpeakerRanker.load(other)


@pytest.mark.parametrize(
    ("label", "gender"),
    [
        ("Rocío Salgado", "f"),
        ("Prof. Abubakar Dangana", "m"),
        ("Nguyen Thi Lan Anh", "f"),
        ("the company spokesman", None),  # lower-case words are not names
    ],
)
def test_given_names_tell_a_gender(label: str, gender: str | None) -> None:
    assert name_gender(label) == gender


@pytest.mark.parametrize(
    ("label", "name"),
    [
        ("Councillor Kjartan Már Ólafsson", "Kjartan Már Ólafsson"),
        ("NDRF Assistant Commandant Vikram Rathore", "Vikram Rathore"),
        ("Professor Ueda Kenji of Keio University", "Ueda Kenji"),
        ("Kristin Aho of", "Kristin Aho"),
        ("Dr Amir Haddad", "Amir Haddad"),
        ("Mr Lemos", "Mr Lemos"),  # a title and a surname: kept whole
    ],
)
def test_person_labels_lose_titles_and_bodies(label: str, name: str) -> None:
    assert person_label(label) == name


def test_the_listing_marks_the_model_s_choices() -> None:
    from click.testing import CliRunner

    from kg.cli import main

    article = str(DATA / "train-d" / "06_toronto_sleep_sack_recall.txt")
    learned = CliRunner().invoke(main, ["extract", article])
    rules = CliRunner().invoke(main, ["extract", "--rules-only", article])
    assert learned.exit_code == 0 and rules.exit_code == 0, learned.output + rules.output
    assert "Megan Tsai [model] (say): We pulled it the same day" in learned.output
    assert "[model]" not in rules.output
    assert "Megan Tsai" not in next(
        line for line in rules.output.splitlines() if "We pulled it the same day" in line
    )


@pytest.mark.parametrize(
    ("label", "place"),
    [("Dunfermline", True), ("Diourbel", True), ("Megan Tsai", False), ("Mali Thomas", False)],
)
def test_place_names_are_known(label: str, place: bool) -> None:
    assert is_place(label) is place
