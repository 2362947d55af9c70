"""Make docs/img/claim-page.png: the real pipeline on examples/, served, shot in Chromium.

    python scripts/screenshot.py [--out docs/img/claim-page.png] [--width 1100]

Ingests examples/ (the articles and the sample fact-checks, linked to GeoNames offline and
matched with the fact-checks when the sentence model is installed) into a temporary store,
serves the app on 127.0.0.1, opens the page of a claim already fact-checked (else the claim
with the longest quote) and saves a full-page screenshot.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from playwright.sync_api import sync_playwright  # noqa: E402

from kg.link.linking import Linker  # noqa: E402
from kg.match.factchecked import matcher_for  # noqa: E402
from kg.pipeline import Ingester  # noqa: E402
from service import create_app  # noqa: E402
from service.backend import get_store  # noqa: E402
from tests.conftest import start_server  # noqa: E402

BASE = "http://localhost:8080/"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
CHECKED = """SELECT ?c WHERE { ?c <https://w3id.org/factkg/ns#sameClaimAs> ?r ;
  <https://w3id.org/factkg/ns#quote>? ?q } ORDER BY ?c LIMIT 1"""
PICK = """SELECT ?c (STRLEN(?q) AS ?n) WHERE {
  ?c <https://w3id.org/factkg/ns#quote> ?q ; <https://schema.org/author> ?a .
  ?a a <https://w3id.org/factkg/ns#Person> } ORDER BY DESC(?n) LIMIT 1"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "img" / "claim-page.png")
    parser.add_argument("--width", type=int, default=1100)
    args = parser.parse_args()
    suffixes = (".txt", ".html", ".json")
    inputs = sorted(p for p in (REPO / "examples").iterdir() if p.suffix in suffixes)
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"STORE": str(Path(tmp) / "store"), "BASE_URI": BASE})
        with app.app_context():
            store = get_store()
            matcher = matcher_for(store)
            report = Ingester(store, BASE, linker=Linker(None), matcher=matcher).ingest_paths(
                inputs
            )
            print(report.summary())
            rows = store.select(CHECKED) or store.select(PICK)
            if not rows:
                raise SystemExit("no quoted claim by a person in examples/")
            claim = str(rows[0]["c"])
        base_url, stop = start_server(app)
        try:
            url = f"{base_url}/{claim[len(BASE) :]}"
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
                page = browser.new_page(viewport={"width": args.width, "height": 900})
                page.goto(url)
                args.out.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(args.out), full_page=True)
                browser.close()
            print(f"{url} -> {args.out}")
        finally:
            stop()
            with app.app_context():
                get_store().close()


if __name__ == "__main__":
    main()
