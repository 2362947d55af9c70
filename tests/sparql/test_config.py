"""The endpoint's settings are checked once, naming the setting that cannot work."""

from __future__ import annotations

from typing import Any

import pytest

from kg.errors import ConfigError
from kg.settings import SETTINGS
from service.config import from_mapping

DEFAULTS = {s.name: s.default for s in SETTINGS}


def test_defaults_work() -> None:
    cfg = from_mapping(DEFAULTS)
    assert cfg.query_timeout == 30.0 and cfg.federation_allowlist == () and not cfg.writable
    assert cfg.query_workers >= 2


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("QUERY_TIMEOUT", "soon"),
        ("QUERY_TIMEOUT", -1),
        ("MAX_BODY_BYTES", 0),
        ("QUERY_WORKERS", 0),
        ("CONNECTION_LIMIT", 0),
        ("CLIENT_TIMEOUT", 0),
        ("HEADER_TIMEOUT", "soon"),
        ("BODY_TIMEOUT", -1),
        ("BASE_URI", "http://example.org/no-slash"),
        ("FEDERATION_ALLOWLIST", 42),
    ],
)
def test_bad_values_name_the_setting(name: str, value: Any) -> None:
    with pytest.raises(ConfigError, match=name):
        from_mapping({**DEFAULTS, name: value})


def test_allowlist_forms() -> None:
    spaced = from_mapping({**DEFAULTS, "FEDERATION_ALLOWLIST": "https://a.example/ https://b/"})
    listed = from_mapping(
        {**DEFAULTS, "FEDERATION_ALLOWLIST": ["https://a.example/", "https://b/"]}
    )
    assert spaced.federation_allowlist == listed.federation_allowlist
    assert spaced.allowed("https://a.example/sparql") and not spaced.allowed("https://c/")


def test_allowlist_prefix_ends_at_a_boundary() -> None:
    cfg = from_mapping({**DEFAULTS, "FEDERATION_ALLOWLIST": "http://example.org"})
    assert cfg.allowed("http://example.org/sparql") and cfg.allowed("http://example.org")
    assert not cfg.allowed("http://example.org.evil/sparql")
    assert not cfg.allowed("http://example.organisation/")
