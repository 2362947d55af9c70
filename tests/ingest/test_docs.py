"""The README documents every setting and the CLI commands (datasette's test_docs idea)."""

from __future__ import annotations

import pytest

from kg.cli import main
from kg.settings import SETTINGS
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", [s.name for s in SETTINGS])
def test_every_setting_is_documented(name: str) -> None:
    assert f"`FACTKG_{name}`" in README


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_is_documented(command: str) -> None:
    assert f"factkg {command}" in README


def test_changelog_has_an_unreleased_head() -> None:
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## Unreleased" in changelog
