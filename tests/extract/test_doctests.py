"""The examples in the extractor's docstrings are run, so they stay true."""

from __future__ import annotations

import doctest
from types import ModuleType

import pytest

from kg import acronyms
from kg.extract import (
    article,
    attribution,
    content,
    dateline,
    entities,
    headlines,
    noun_phrases,
    quotes,
    reporting,
    speakers,
    subjects,
    timex,
)

MODULES = [
    acronyms,
    article,
    attribution,
    content,
    dateline,
    entities,
    headlines,
    noun_phrases,
    quotes,
    reporting,
    speakers,
    subjects,
    timex,
]


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
def test_docstring_examples_hold(module: ModuleType) -> None:
    result = doctest.testmod(module)
    assert result.attempted > 0
    assert result.failed == 0
