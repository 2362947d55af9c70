"""W3C SPARQL 1.1 Graph Store HTTP Protocol tests (direct and indirect manifests)."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask

from tests.conftest import W3C
from tests.w3c import manifest, runner
from tests.w3c.conftest import TOKEN, preload

ENTRIES = manifest.read(W3C / "graph-store-protocol" / "manifest.ttl")

#: entries that cannot pass by design; each is listed in NOT_APPLICABLE.md
NOT_APPLICABLE = {
    "put_get_default": "factkg's default graph is the union of the named graphs (the data "
    "model: one named graph per source); writes to it are refused with 400",
}


def test_not_applicable_entries_are_documented() -> None:
    text = (Path(__file__).with_name("NOT_APPLICABLE.md")).read_text()
    for entry_id in NOT_APPLICABLE:
        assert f"`{entry_id}`" in text


def _param(entry: manifest.Entry) -> object:
    reason = NOT_APPLICABLE.get(entry.id)
    marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
    return pytest.param(entry, id=entry.id, marks=marks)


@pytest.mark.parametrize("entry", [_param(e) for e in ENTRIES])
def test_graph_store(entry: manifest.Entry, w3c_app: Flask, w3c_url: str) -> None:
    preload(w3c_app, entry.graph_data)
    runner.run(entry, w3c_url, TOKEN)
