"""Where the ontology and shapes are, installed or in a source checkout.

A wheel carries them as ``kg/ontology`` and ``kg/shapes`` (see pyproject.toml); an editable
install or a plain checkout reads them from the repository root, their single source.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"factkg is installed without its {name}/ directory")


@cache
def ontology_path() -> Path:
    return _data_dir("ontology") / "factkg.ttl"


@cache
def shapes_dir() -> Path:
    return _data_dir("shapes")


def shape_files() -> list[Path]:
    return sorted(shapes_dir().glob("*.ttl"))
