"""Check the hand-written gold files against their articles and the format in README.md.

Usage: python tests/data/eval/check_gold.py [DIR ...]   (default: this folder and ../seeds_gold)

Every ``content``, ``text`` and ``trigger`` must be an exact substring of the article; names of
phenomena, kinds and event types must come from the lists below. For the eval folder it also
checks the article length and prints how many gold claims show each phenomenon (each needs at
least 3). Exits 1 and names the file and the problem when anything is wrong.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SEEDS_TEXT = HERE.parents[3] / "shared" / "seeds"

PHENOMENA = {
    "direct_quote_after",
    "direct_quote_before",
    "split_quote",
    "multi_sentence_quote",
    "quote_in_reported",
    "curly_quotes",
    "straight_quotes",
    "reported_speech",
    "according_to",
    "said_in_statement",
    "passive_quoted",
    "relative_clause",
    "pronoun_speaker",
    "description_speaker",
    "capital_government",
    "vague_group",
    "role_apposition",
    "intermediary",
    "headline_claim",
}
SPEAKER_KINDS = {"person", "organization", "government", "country", "group"}
NON_CLAIM_KINDS = {
    "dateline",
    "byline",
    "caption",
    "copyright",
    "narration",
    "headline",
    "not_attribution",
}
EVENT_TYPES = {
    "arrest",
    "detention",
    "attack",
    "protest",
    "meeting",
    "vote",
    "statement",
    "election",
    "conflict",
}
CLAIM_KEYS = {
    "speaker",
    "speaker_kind",
    "speaker_accept",
    "role",
    "verb",
    "content",
    "quote",
    "relayed_by",
    "in_headline",
    "phenomena",
}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# the part a participant takes (optional "roles" of an event): who acted, who was acted upon,
# whom a statement was addressed to
EVENT_ROLES = {"agent", "patient", "addressee"}
TIME = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
QUOTE_MARKS = "\"'“”‘’"
MIN_WORDS, MAX_WORDS, MIN_PER_PHENOMENON = 150, 450, 3


def check_file(gold_path: Path, text: str, problems: list[str]) -> dict[str, Any]:
    def bad(msg: str) -> None:
        problems.append(f"{gold_path.name}: {msg}")

    try:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        bad(f"not readable JSON: {exc}")
        return {}
    if set(gold) != {"date", "claims", "non_claims", "events"}:
        bad(f"top-level keys are {sorted(gold)}")
        return {}
    if gold["date"] is not None and not DATE.match(gold["date"]):
        bad(f"date {gold['date']!r} is not YYYY-MM-DD or null")
    lead = len(text) - len(text.lstrip())
    headline_end = lead + len(text[lead:].split("\n", 1)[0])
    for i, c in enumerate(gold["claims"]):
        where = f"claim {i} ({c.get('speaker')!r})"
        if set(c) != CLAIM_KEYS:
            bad(f"{where}: keys differ by {sorted(set(c) ^ CLAIM_KEYS)}")
            continue
        content = c["content"]
        if not content or content not in text:
            bad(f"{where}: content is not a substring: {content!r}")
            continue
        if content != content.strip() or (c["quote"] and content[0] in QUOTE_MARKS):
            bad(f"{where}: content has surrounding blanks or quote marks: {content!r}")
        if c["in_headline"] != (text.index(content) < headline_end):
            bad(f"{where}: in_headline does not match where the content first occurs")
        if c["speaker_kind"] not in SPEAKER_KINDS:
            bad(f"{where}: speaker_kind {c['speaker_kind']!r}")
        if not isinstance(c["speaker_accept"], list) or not c["speaker"].strip():
            bad(f"{where}: speaker/speaker_accept")
        if not isinstance(c["quote"], bool) or not isinstance(c["in_headline"], bool):
            bad(f"{where}: quote and in_headline must be booleans")
        if not c["verb"] or c["verb"] != c["verb"].lower():
            bad(f"{where}: verb must be a lower-case lemma: {c['verb']!r}")
        unknown = set(c["phenomena"]) - PHENOMENA
        if unknown or not c["phenomena"]:
            bad(f"{where}: phenomena {sorted(unknown) or 'empty'}")
        if ("intermediary" in c["phenomena"]) != (c["relayed_by"] is not None):
            bad(f"{where}: relayed_by and the intermediary phenomenon must go together")
        if ("headline_claim" in c["phenomena"]) != c["in_headline"]:
            bad(f"{where}: in_headline and the headline_claim phenomenon must go together")
        if c["role"] is not None and c["role"] not in text:
            bad(f"{where}: role is not a substring: {c['role']!r}")
    for i, n in enumerate(gold["non_claims"]):
        if n.get("kind") not in NON_CLAIM_KINDS:
            bad(f"non_claim {i}: kind {n.get('kind')!r}")
        if not n.get("text") or n["text"] not in text:
            bad(f"non_claim {i}: text is not a substring: {n.get('text')!r}")
    for i, e in enumerate(gold["events"]):
        if e.get("type") not in EVENT_TYPES:
            bad(f"event {i}: type {e.get('type')!r}")
        trigger = e.get("trigger")
        if not trigger or trigger not in text:
            bad(f"event {i}: trigger is not a substring: {trigger!r}")
        elif text.count(trigger) < e.get("occurrence", 1):
            bad(f"event {i}: trigger {trigger!r} has no occurrence {e['occurrence']}")
        if e.get("time") is not None and not TIME.match(e["time"]):
            bad(f"event {i}: time {e['time']!r}")
        if not isinstance(e.get("participants"), list):
            bad(f"event {i}: participants must be a list")
        roles = e.get("roles", {})
        if not isinstance(roles, dict):
            bad(f"event {i}: roles must be an object (participant -> role)")
        else:
            for who, role in roles.items():
                if who not in e.get("participants", []):
                    bad(f"event {i}: role for {who!r}, who is not a participant")
                if role not in EVENT_ROLES:
                    bad(f"event {i}: role {role!r} of {who!r}")
    return dict(gold)


def check_dir(folder: Path, problems: list[str], counts: Counter[str]) -> int:
    golds = sorted(folder.glob("*.gold.json"))
    # an article set keeps its texts beside the gold; the seeds' gold points at ../shared
    eval_set = any(folder.glob("*.txt"))
    for gold_path in golds:
        stem = gold_path.name.removesuffix(".gold.json")
        txt = (folder if eval_set else SEEDS_TEXT) / f"{stem}.txt"
        if not txt.exists():
            problems.append(f"{gold_path.name}: no article {txt}")
            continue
        text = txt.read_text(encoding="utf-8")
        gold = check_file(gold_path, text, problems)
        if eval_set:
            words = len(text.split())
            if not MIN_WORDS <= words <= MAX_WORDS:
                problems.append(f"{txt.name}: {words} words, not {MIN_WORDS}-{MAX_WORDS}")
            for c in gold.get("claims", []):
                counts.update(c["phenomena"])
            counts["(events)"] += len(gold.get("events", []))
            counts["(claims)"] += len(gold.get("claims", []))
            counts["(non_claims)"] += len(gold.get("non_claims", []))
    if eval_set:
        for txt in folder.glob("*.txt"):
            if not (folder / f"{txt.stem}.gold.json").exists():
                problems.append(f"{txt.name}: no gold file")
    return len(golds)


def main(argv: list[str]) -> int:
    folders = [Path(a) for a in argv] or [HERE, HERE.parent / "seeds_gold"]
    problems: list[str] = []
    counts: Counter[str] = Counter()
    files = sum(check_dir(f, problems, counts) for f in folders)
    if counts:
        for name in sorted(PHENOMENA | {k for k in counts if k.startswith("(")}):
            flag = "" if name.startswith("(") or counts[name] >= MIN_PER_PHENOMENON else "  <- few"
            print(f"{name:24} {counts[name]:4}{flag}")
            if not flag:
                continue
            problems.append(f"phenomenon {name} has {counts[name]} gold claims")
    for p in problems:
        print(p, file=sys.stderr)
    print(f"{files} gold files, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
