"""Differential fuzzing of kg.sparql against pyoxigraph: random edits of the W3C syntax tests,
each read by both, every disagreement printed. A longer run than CI's hypothesis test
(tests/sparql/test_grammar.py); the process first drops its network (kg/no_network.py), since
some texts name remote services and pyoxigraph would call them.

    python scripts/fuzz_grammar.py --seed 1 --count 30000
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kg.no_network import isolate_network  # noqa: E402

PIECES = list("{}()[]<>?$:;.,'\"#\\ \n\t*+-/!=&|^@_aAeE019") + [
    "SERVICE", "FROM", "<<", ">>", "<<(", ")>>", "{|", "|}", "~", "\u00b7", "\u0300",
    "\u2118", "\U0001d538", "\\u0041", "%41", "NAMED", "SILENT", "WHERE", "SELECT", "GRAPH",
    "BIND", "AS", "VALUES", "UNDEF", "ex:", ":",
]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--count", type=int, default=20_000)
    args = parser.parse_args()
    why = isolate_network()
    if why is not None:
        sys.exit(f"cannot drop the network here ({why}): not fuzzing")
    import pyoxigraph as ox

    from kg.errors import QueryError
    from kg.sparql import read_query, read_update

    root = REPO / "tests" / "data" / "w3c-sparql11" / "syntax"
    texts = [
        (p.read_text(encoding="utf-8"), p.suffix == ".ru", p.as_uri())
        for p in sorted(root.rglob("*"))
        if p.suffix in (".rq", ".ru")
    ]
    rnd = random.Random(args.seed)
    disagreements = accepted = 0
    for _ in range(args.count):
        text, update, base = rnd.choice(texts)
        for _ in range(rnd.randint(1, 3)):
            at = rnd.randrange(len(text) + 1)
            edit = rnd.random()
            if edit < 0.4:
                text = text[:at] + rnd.choice(PIECES) + text[at:]
            elif edit < 0.7:
                text = text[:at] + text[at + rnd.randint(1, 3) :]
            else:
                source = rnd.randrange(len(text) + 1)
                text = text[:at] + text[source : source + 5] + text[at:]
        store = ox.Store()
        try:
            (store.update if update else store.query)(text, base_iri=base)
            engine = True
        except SyntaxError:
            engine = False
        except Exception:  # parsed, failed while running
            engine = True
        try:
            (read_update if update else read_query)(text, base)
            ours = True
        except QueryError:
            ours = False
        accepted += engine and ours
        if engine != ours:
            disagreements += 1
            print(f"DISAGREE engine={engine} ours={ours} update={update}: {text[:400]!r}")
    print(f"{args.count} texts, {disagreements} disagreements, {accepted} accepted by both")
    sys.exit(1 if disagreements else 0)


if __name__ == "__main__":
    main()
