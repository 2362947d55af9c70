"""Run inside a private mount namespace (tests/ingest/test_failures.py): fill a small tmpfs
with a store, then grow it, and print what happened as JSON.

    unshare -rm python tests/ingest/full_disk.py MOUNTPOINT ARTICLE...
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from kg.errors import FactkgError
from kg.pipeline import Ingester
from kg.store import OxigraphStore
from kg.validate import validate_store

BASE = "http://factkg.test/"


def mount(point: Path, size: str, *, remount: bool = False) -> None:
    options = f"remount,size={size}" if remount else f"size={size}"
    subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(point)], check=True)


def sources(store: OxigraphStore) -> int:
    rows = store.select(
        "SELECT (COUNT(?s) AS ?n) WHERE { ?s a <https://w3id.org/factkg/ns#Source> }"
    )
    return int(rows[0]["n"])


def main() -> None:
    point, articles = Path(sys.argv[1]), [Path(a) for a in sys.argv[2:]]
    out: dict[str, object] = {}
    mount(point, "4m")
    store = OxigraphStore(point / "store")
    ingester = Ingester(store, BASE)
    accepted: list[str] = []
    for article in articles:
        try:
            report = ingester.ingest_paths([article])
        except FactkgError as e:
            out["error"] = str(e)
            out["failed_on"] = article.name
            break
        accepted += report.sources
    out["accepted"] = len(accepted)
    try:
        store.close()
    except FactkgError as e:  # a store whose disk filled up may fail to flush on close
        out["close_error"] = str(e)
    # the operator frees space; the store opens with everything it accepted, valid
    mount(point, "256m", remount=True)
    store = OxigraphStore(point / "store")
    out["after_reopen"] = sources(store)
    out["valid"] = all(r.conforms for r in validate_store(store))
    report = Ingester(store, BASE, ingester.extractor).ingest_paths(articles)
    out["rerun_ok"] = report.ok
    out["after_rerun"] = sources(store)
    out["skipped"] = len(report.skipped)
    store.close()
    print(json.dumps(out))


if __name__ == "__main__":
    main()
