"""Score the claim extractor against the hand-written gold: precision, recall, speaker accuracy.

Usage: python benchmarks/eval_extraction.py [-v] [--rules-only] [FOLDER ...]

``--rules-only`` leaves every speaker to the rules (no trained speaker ranker), for the
comparison docs/benchmarks.md gives beside each score.

With FOLDER arguments, scores each folder (NN_slug.txt next to NN_slug.gold.json) and prints
its report without applying any threshold. Without them, reads tests/data/eval/NN_slug.txt +
NN_slug.gold.json, and the seeds' gold in tests/data/seeds_gold/ against the articles in
../shared/seeds/ (next to the repository) when that folder exists.

Matching: a predicted claim matches a gold claim when the token-overlap F1 between the gold
``content`` and the predicted claim's text (or its quote, whichever is higher) is at least
0.5; pairs are matched one-to-one, best overlap first. The speaker is right when the predicted
speaker's label equals the gold speaker or one of ``speaker_accept``, ignoring case, quotation
marks and a leading "the"; ``relayed_by`` is right by the same normalisation against the gold
``relayed_by`` or one of ``relayed_by_accept`` when the gold has that list. An *attributed*
claim is right when both content and speaker match.

Events: a gold event is found when a predicted event has its type and a trigger sharing a word
with the gold trigger. Where the gold gives ``roles`` (agent, patient, addressee of each
participant), each is scored on the predicted event at the gold trigger (else any found one):
a gold participant is found when a predicted participant's label shares at least half its
content words (F1 >= 0.5, "the", "of", "government" ... aside), and its role is right when the
predicted role is the gold one. Role accuracy is right / found; the share of gold roles right
is right / all gold roles of found events.

Exit status 1 when, on the eval set or on a development set (held-out sets since tuned on:
``DEV_DIRS``), attributed precision or recall is below 0.9, or when on a seed a gold claim is
missed (or gets the wrong speaker) or a claim is invented.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kg.extract import Extractor  # noqa: E402
from kg.extract.gold import (  # noqa: E402
    MIN_F1,
    accepted_speakers,
    match_claims,
    norm_name,
    tokens,
)
from kg.model import Event, Extraction  # noqa: E402
from kg.readers import read_path  # noqa: E402

EVAL_DIR = REPO / "tests" / "data" / "eval"
SEEDS_GOLD = REPO / "tests" / "data" / "seeds_gold"
SEEDS_TEXT = REPO.parent / "shared" / "seeds"
THRESHOLD = 0.9
# Held-out sets the extractor has since been tuned on: gated like the eval set, so that a fix
# for one article does not quietly break another. The sets kept for the honest measure of
# unseen news (see docs/benchmarks.md) are not listed here and gate nothing.
# held-out sets since tuned on, each at or above the thresholds (heldout7, 11, 12 and 13 are
# tuned on too but not yet there: they are scored with FOLDER mode, not gated)
DEV_DIRS = [
    REPO / "tests" / "data" / name
    for name in ("heldout", "heldout2", "heldout3", "heldout6", "heldout8", "heldout9", "heldout10")
]


@dataclass
class Score:
    predicted: int = 0
    gold: int = 0
    matched: int = 0
    attributed: int = 0
    per_phenomenon: dict[str, list[int]] = field(
        default_factory=lambda: defaultdict(lambda: [0, 0, 0])
    )
    verbs: int = 0
    relays: list[int] = field(default_factory=lambda: [0, 0])
    events: list[int] = field(default_factory=lambda: [0, 0])
    roles: list[int] = field(default_factory=lambda: [0, 0, 0])  # right, found, gold
    non_claim_hits: int = 0

    def add(self, other: Score) -> None:
        self.predicted += other.predicted
        self.gold += other.gold
        self.matched += other.matched
        self.attributed += other.attributed
        self.verbs += other.verbs
        self.non_claim_hits += other.non_claim_hits
        for i in range(2):
            self.relays[i] += other.relays[i]
            self.events[i] += other.events[i]
        for i in range(3):
            self.roles[i] += other.roles[i]
        for k, v in other.per_phenomenon.items():
            for i in range(3):
                self.per_phenomenon[k][i] += v[i]


def _ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def score_article(x: Extraction, gold: dict[str, Any], log: list[str]) -> Score:
    s = Score(predicted=len(x.claims), gold=len(gold["claims"]))
    match = match_claims(x, gold)
    used_p = set(match.values())
    for gi, g in enumerate(gold["claims"]):
        pi_ = match.get(gi)
        ok_speaker = False
        if pi_ is not None:
            c = x.claims[pi_]
            label = norm_name(x.actor(c.speaker).label)
            ok_speaker = label in accepted_speakers(g)
            s.matched += 1
            s.attributed += ok_speaker
            s.verbs += c.verb == g["verb"]
            if g["relayed_by"]:
                s.relays[1] += 1
                relay = x.actor(c.relayed_by).label if c.relayed_by else ""
                relays = [g["relayed_by"], *g.get("relayed_by_accept", [])]
                s.relays[0] += norm_name(relay) in {norm_name(r) for r in relays}
            if not ok_speaker:
                log.append(
                    f"  WRONG SPEAKER {x.actor(c.speaker).label!r} (gold {g['speaker']!r}): "
                    f"{g['content'][:70]!r}"
                )
        else:
            log.append(f"  MISSED [{g['speaker']}] {g['content'][:90]!r}")
        for ph in g["phenomena"]:
            row = s.per_phenomenon[ph]
            row[0] += 1
            row[1] += pi_ is not None
            row[2] += ok_speaker
    for pi, c in enumerate(x.claims):
        if pi not in used_p:
            log.append(f"  INVENTED [{x.actor(c.speaker).label}] {c.text[:90]!r}")
    text = x.article.text
    for n in gold["non_claims"]:
        start = text.find(n["text"])
        if start < 0:
            continue
        end = start + len(n["text"])
        for pi, c in enumerate(x.claims):
            if pi not in used_p and c.span.start < end and c.span.end > start:
                s.non_claim_hits += 1
    for e in gold["events"]:
        s.events[1] += 1
        found = [
            ev
            for ev in x.events
            if ev.type.value == e["type"] and _overlaps(ev.span.text(text), e["trigger"])
        ]
        s.events[0] += bool(found)
        if not found:
            log.append(f"  (event missed: {e['type']} {e['trigger']!r})")
            continue
        at = _position(text, e["trigger"], e.get("occurrence", 1))
        event = next((ev for ev in found if ev.span.start < at[1] and at[0] < ev.span.end), None)
        _score_roles(x, event or found[0], e.get("roles", {}), s, log)
    return s


_NOT_NAMES = frozenset("the a an of and in at for government".split())


def _name_words(name: str) -> set[str]:
    return set(tokens(name)) - _NOT_NAMES


def _score_roles(
    x: Extraction, event: Event, roles: dict[str, str], s: Score, log: list[str]
) -> None:
    """The roles of the gold participants the predicted ``event`` has too."""
    predicted = [(x.actor(k).label, event.roles.get(k)) for k in event.participants]
    for who, role in roles.items():
        s.roles[2] += 1
        gold_words = _name_words(who)
        best, best_f1 = None, 0.0
        for label, got in predicted:
            words = _name_words(label)
            common = len(gold_words & words)
            f1 = 2 * common / (len(gold_words) + len(words)) if common else 0.0
            if f1 > best_f1:
                best, best_f1 = (label, got), f1
        if best is None or best_f1 < MIN_F1:
            continue
        s.roles[1] += 1
        got = best[1].value if best[1] is not None else None
        s.roles[0] += got == role
        if got != role:
            log.append(f"  (role: {best[0]!r} is {got} in {event.label!r}; gold {who!r} {role})")


def _position(text: str, trigger: str, occurrence: int) -> tuple[int, int]:
    at = -1
    for _ in range(occurrence):
        at = text.find(trigger, at + 1)
    return at, at + len(trigger)


def _overlaps(predicted: str, trigger: str) -> bool:
    a, b = set(tokens(predicted)), set(tokens(trigger))
    return bool(a & b) or any(t.startswith(u[:5]) for t in a for u in b)


def _pairs(folder: Path, texts: Path) -> list[tuple[Path, Path]]:
    out = []
    for gold in sorted(folder.glob("*.gold.json")):
        txt = texts / (gold.name.removesuffix(".gold.json") + ".txt")
        if txt.exists():
            out.append((txt, gold))
    return out


def run(folder: Path, texts: Path, extractor: Extractor, verbose: bool) -> tuple[Score, list[str]]:
    total = Score()
    problems: list[str] = []
    pairs = _pairs(folder, texts)
    articles = [read_path(t) for t, _ in pairs]
    for (txt, gold_path), x in zip(pairs, extractor.extract_many(articles), strict=True):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        log: list[str] = []
        s = score_article(x, gold, log)
        total.add(s)
        claims_log = [line for line in log if not line.startswith(("  (event", "  (role"))]
        if claims_log:
            problems.append(f"{txt.name}:")
            problems.extend(claims_log)
        if verbose and log:
            print(f"{txt.name}:", *log, sep="\n")
    return total, problems


def report(name: str, s: Score) -> tuple[float, float]:
    p = _ratio(s.attributed, s.predicted)
    r = _ratio(s.attributed, s.gold)
    print(f"== {name}: {s.gold} gold claims, {s.predicted} predicted")
    print(
        f"   content only     precision {_ratio(s.matched, s.predicted):.3f}  "
        f"recall {_ratio(s.matched, s.gold):.3f}"
    )
    print(f"   content+speaker  precision {p:.3f}  recall {r:.3f}")
    print(
        f"   speaker accuracy {_ratio(s.attributed, s.matched):.3f}  "
        f"verb accuracy {_ratio(s.verbs, s.matched):.3f}  "
        f"relayed_by {s.relays[0]}/{s.relays[1]}  events found {s.events[0]}/{s.events[1]}  "
        f"claims on non-claim text {s.non_claim_hits}"
    )
    if s.roles[2]:
        right, found, gold = s.roles
        print(
            f"   event roles      {right}/{found} right where the participant was found "
            f"(accuracy {_ratio(right, found):.3f}), {right}/{gold} of the gold roles of "
            f"found events ({_ratio(right, gold):.3f})"
        )
    if s.per_phenomenon:
        print(f"   {'phenomenon':24} {'gold':>5} {'recall':>7} {'attributed':>10} {'speaker':>8}")
        for ph, (n, m, a) in sorted(s.per_phenomenon.items()):
            print(f"   {ph:24} {n:5} {m / n:7.2f} {a / n:10.2f} {_ratio(a, m):8.2f}")
    return p, r


def score_folders(folders: list[Path], extractor: Extractor, verbose: bool) -> int:
    """Report on each folder of texts with their gold; no thresholds (held-out measurement)."""
    for folder in folders:
        if not folder.is_dir() or not _pairs(folder, folder):
            print(f"error: {folder}: no NN_slug.txt with NN_slug.gold.json in this folder")
            return 2
        score, _ = run(folder, folder, extractor, verbose)
        report(str(folder), score)
    return 0


def main(argv: list[str], extractor: Extractor | None = None) -> int:
    verbose = "-v" in argv
    extractor = extractor or Extractor(rules_only="--rules-only" in argv)
    folders = [Path(a) for a in argv if a not in ("-v", "--rules-only")]
    if folders:
        return score_folders(folders, extractor, verbose)
    failed = False
    if _pairs(EVAL_DIR, EVAL_DIR):
        score, problems = run(EVAL_DIR, EVAL_DIR, extractor, verbose)
        p, r = report("eval set", score)
        if p < THRESHOLD or r < THRESHOLD:
            print(f"FAIL: attributed precision/recall below {THRESHOLD}")
            failed = True
    else:
        print(f"FAIL: no eval set in {EVAL_DIR}")
        failed = True
    for folder in DEV_DIRS:
        if not _pairs(folder, folder):
            print(f"FAIL: no development set in {folder}")
            failed = True
            continue
        score, _ = run(folder, folder, extractor, verbose)
        p, r = report(f"development set {folder.name}", score)
        if p < THRESHOLD or r < THRESHOLD:
            print(f"FAIL: {folder.name}: attributed precision/recall below {THRESHOLD}")
            failed = True
    if SEEDS_TEXT.is_dir() and _pairs(SEEDS_GOLD, SEEDS_TEXT):
        score, problems = run(SEEDS_GOLD, SEEDS_TEXT, extractor, verbose)
        report("seeds", score)
        if problems:
            print("FAIL: on the seeds a claim was missed, misattributed or invented:")
            print(*problems, sep="\n")
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
