"""Precision and recall of the Wikidata links, against annotated actors and a fixture.

Each evaluation set in tests/data/wikidata/ has three files, written by annotators who never
saw the linker: ``actors-{set}.jsonl`` (actors the extractor found in the evaluation
articles), ``gold-{set}.tsv`` (the Wikidata item each one is, or NIL) and ``eval-{set}.ttl``
(a fixture in Wikidata's data model holding the gold items and their confusable namesakes).
The fixture is served by a real ``oxigraph serve-read-only``; every article is extracted and
linked as ingest does, and the link chosen for each annotated actor is compared with the gold.

    python benchmarks/link_precision.py dev            # the development set (tuned on)
    python benchmarks/link_precision.py test-a test-b  # the test sets (scored once)

Precision: correct links / links made. Recall: correct links / actors with a gold item.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.extract import Extractor  # noqa: E402
from kg.link.linking import Linker  # noqa: E402
from kg.link.wikidata import ENTITY, WikidataClient  # noqa: E402
from kg.model import Extraction  # noqa: E402
from kg.readers import read_path  # noqa: E402
from tests.servers import WikidataFixture  # noqa: E402

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
WIKIDATA = DATA / "wikidata"


def load(name: str) -> tuple[list[dict[str, object]], dict[str, str]]:
    actors = [json.loads(line) for line in (WIKIDATA / f"actors-{name}.jsonl").open()]
    gold = {}
    for line in (WIKIDATA / f"gold-{name}.tsv").read_text().splitlines()[1:]:
        if line.strip():
            cells = line.split("\t")
            gold[cells[0]] = cells[2].strip()
    return actors, gold


def evaluate(name: str, extractor: Extractor, verbose: bool) -> Counter[str]:
    actors, gold = load(name)
    tally: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        fixture = WikidataFixture(Path(tmp) / "wd", [WIKIDATA / f"eval-{name}.ttl"])
        fixture.start()
        try:
            linker = Linker(WikidataClient(fixture.url))
            files = sorted({(str(a["set"]), str(a["file"])) for a in actors})
            articles = [read_path(DATA / s / f) for s, f in files]
            extractions: dict[tuple[str, str], Extraction] = {}
            for key, x in zip(files, extractor.extract_many(articles), strict=True):
                linker.link(x)
                extractions[key] = x
        finally:
            fixture.stop()
    for a in actors:
        x = extractions[(str(a["set"]), str(a["file"]))]
        actor = next((b for b in x.actors if b.label == a["label"]), None)
        found = "NIL"
        if actor is not None:
            found = next(
                (k.target.removeprefix(ENTITY) for k in actor.links if k.target.startswith(ENTITY)),
                "NIL",
            )
        expected = gold.get(str(a["id"]), "NIL")
        if found != "NIL":
            tally["linked"] += 1
            tally["correct" if found == expected else "wrong"] += 1
        if expected != "NIL":
            tally["gold"] += 1
        tally["actors"] += 1
        if verbose and found != expected:
            print(f"  {a['id']} {a['label']!r} ({a['kind']}): linked {found}, gold {expected}")
    return tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sets", nargs="+", help="dev, test-a, test-b")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every mistake")
    args = parser.parse_args()
    extractor = Extractor()
    total: Counter[str] = Counter()
    for name in args.sets:
        tally = evaluate(name, extractor, args.verbose)
        total += tally
        print(_line(name, tally))
    if len(args.sets) > 1:
        print(_line("pooled", total))


def _line(name: str, t: Counter[str]) -> str:
    p = t["correct"] / t["linked"] if t["linked"] else 1.0
    r = t["correct"] / t["gold"] if t["gold"] else 1.0
    return (
        f"{name}: {t['actors']} actors, {t['gold']} with a gold item; {t['linked']} linked, "
        f"{t['correct']} correct, {t['wrong']} wrong: precision {p:.3f}, recall {r:.3f}"
    )


if __name__ == "__main__":
    main()
