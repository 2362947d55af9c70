"""Settings come from the typed table; a bad value names the variable."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from kg import settings
from kg.errors import ConfigError


def test_values_are_typed_and_defaults_apply() -> None:
    env = {"FACTKG_QUERY_TIMEOUT": "2.5", "FACTKG_PORT": "9000"}
    assert settings.get("QUERY_TIMEOUT", env) == 2.5
    assert settings.get("PORT", env) == 9000
    assert settings.get("THREADS", env) == settings.BY_NAME["THREADS"].default
    assert settings.get("API_TOKEN", {"FACTKG_API_TOKEN": "0123"}) == "0123"


def test_a_bad_number_is_a_config_error_naming_the_variable() -> None:
    with pytest.raises(ConfigError, match="FACTKG_PORT='eighty'"):
        settings.get("PORT", {"FACTKG_PORT": "eighty"})


def test_base_uri_gets_its_trailing_slash() -> None:
    assert settings.base_uri({"FACTKG_BASE_URI": "https://kg.example"}) == "https://kg.example/"


@pytest.mark.parametrize(("given", "used"), [(None, "1"), ("2", "2")])
def test_numpy_blas_runs_one_thread_unless_the_user_says_otherwise(
    given: str | None, used: str
) -> None:
    """Claim matching's small matrices waited for a busy second core (kg/__init__.py)."""
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    if given is not None:
        env["OPENBLAS_NUM_THREADS"] = given
    code = "import kg, numpy, os; print(os.environ['OPENBLAS_NUM_THREADS'])"
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == used
