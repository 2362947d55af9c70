"""A helper that extracts from a small article, with the session's one extractor (the
``extractor`` fixture of tests/conftest.py: the spaCy model loads once per session)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kg.extract import Extractor
from kg.model import Extraction
from kg.readers import read_bytes


@pytest.fixture(scope="session")
def extract(extractor: Extractor) -> Callable[[str], Extraction]:
    def run(text: str) -> Extraction:
        return extractor.extract(read_bytes(text.encode("utf-8"), "test.txt"))

    return run
