"""Fixtures shared by the claim-matching tests."""

from __future__ import annotations

import pytest

from kg.match.align import WordVectors
from kg.match.encoder import get_encoder


@pytest.fixture(scope="module")
def vectors() -> WordVectors:
    """Word vectors of the shared encoder (its cache filled per test module)."""
    return WordVectors(get_encoder())
