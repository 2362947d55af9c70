"""A non-editable install carries the ontology, the shapes and the templates."""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--quiet",
            "-w",
            str(out),
            str(REPO),
        ],
        check=True,
        timeout=600,
    )
    return next(out.glob("factkg-*.whl"))


def test_wheel_contains_data_files(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "kg/ontology/factkg.ttl" in names
    for shape in ("claim", "source", "actor", "event", "span"):
        assert f"kg/shapes/{shape}.ttl" in names
    assert "service/templates/base.html" in names
    assert any(n.startswith("factkg-") and n.endswith("entry_points.txt") for n in names)


def test_installed_package_finds_its_ontology_and_shapes(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--quiet",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        timeout=600,
    )
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); from kg import resources as r; "
        "print(r.ontology_path()); print(len(r.shape_files()))"
    )
    out = subprocess.run(
        [str(python), "-c", code, str(target)],
        check=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    ).stdout.split()
    assert out[0].startswith(str(target)) and out[0].endswith("kg/ontology/factkg.ttl")
    assert int(out[1]) >= 5
