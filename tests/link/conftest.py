"""Linking fixtures: a real SPARQL server standing in for Wikidata's Query Service."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.link.linking import Linker
from kg.link.wikidata import WikidataClient
from tests.conftest import REPO
from tests.servers import WikidataFixture

SEED_FIXTURE = REPO / "tests" / "data" / "wikidata" / "seed.ttl"
SEEDS = REPO / "tests" / "data" / "seeds"


@pytest.fixture(scope="session")
def wikidata(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WikidataFixture]:
    """`oxigraph serve-read-only` on 127.0.0.1 holding tests/data/wikidata/seed.ttl."""
    server = WikidataFixture(tmp_path_factory.mktemp("wikidata"), [SEED_FIXTURE])
    server.start()
    yield server
    server.stop()


@pytest.fixture
def linker(wikidata: WikidataFixture, tmp_path: Path) -> Linker:
    return Linker(WikidataClient(wikidata.url, cache=tmp_path / "wikidata.sqlite"))
