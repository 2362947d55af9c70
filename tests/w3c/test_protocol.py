"""W3C SPARQL 1.1 Protocol tests (protocol/manifest.ttl), one case per manifest entry."""

from __future__ import annotations

import pytest
from flask import Flask

from tests.conftest import W3C
from tests.w3c import manifest, runner
from tests.w3c.conftest import TOKEN, preload

ENTRIES = manifest.read(W3C / "protocol" / "manifest.ttl")


def test_manifest_has_all_34_tests() -> None:
    assert len(ENTRIES) == 34


@pytest.mark.parametrize("entry", ENTRIES, ids=[e.id for e in ENTRIES])
def test_protocol(entry: manifest.Entry, w3c_app: Flask, w3c_url: str) -> None:
    preload(w3c_app, entry.graph_data)
    runner.run(entry, w3c_url, TOKEN)
