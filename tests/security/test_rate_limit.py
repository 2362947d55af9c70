"""Per-client rate limit: a token bucket per address, 429 with Retry-After, on a real socket.

Every address of 127.0.0.0/8 reaches the server on 127.0.0.1 (Linux routes the whole block to
the loopback interface), so a client binding 127.0.0.2 or 127.0.0.3 is another client.
"""

from __future__ import annotations

import http.client
import json
import logging
from collections.abc import Callable
from urllib.parse import quote, urlsplit

import pytest
from flask import Flask

from kg.errors import ConfigError
from service.rate_limit import TokenBuckets
from tests.security.conftest import new_app
from tests.sparql.client import Reply

QUERY = "/sparql?query=" + quote("ASK { ?s ?p ?o }")
JSON_ACCEPT = {"Accept": "application/sparql-results+json"}


def send(base: str, target: str, source: str, headers: dict[str, str] | None = None) -> Reply:
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(
        parts.hostname or "127.0.0.1", parts.port, timeout=60, source_address=(source, 0)
    )
    try:
        conn.request("GET", target, headers=headers or {})
        resp = conn.getresponse()
        return Reply(resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read())
    finally:
        conn.close()


@pytest.fixture
def tight(make_app: Callable[..., Flask], serve: Callable[[Flask], str]) -> str:
    """A tiny limit (a burst of 3, then one request every 100 s); only 127.0.0.1 exempt."""
    return serve(make_app(RATE_LIMIT=0.01, RATE_BURST=3, RATE_LIMIT_EXEMPT="127.0.0.1"))


@pytest.mark.parametrize(
    ("target", "headers"),
    [(QUERY, JSON_ACCEPT), ("/claims", {"Accept": "text/html"}), ("/claims", {})],
    ids=["sparql-fast-path", "page", "api-json"],
)
def test_past_the_burst_429_with_retry_after(
    tight: str, target: str, headers: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="service")
    for _ in range(3):
        assert send(tight, target, "127.0.0.2", headers).status == 200
    refused = send(tight, target, "127.0.0.2", headers)
    assert refused.status == 429
    assert 90 <= int(refused.headers["retry-after"]) <= 100
    assert refused.headers["x-content-type-options"] == "nosniff"  # a Flask answer
    if headers.get("Accept") == "text/html":
        assert refused.headers["content-type"].startswith("text/html")
        assert "Too Many Requests" in refused.text
    else:
        error = json.loads(refused.body)["error"]
        assert error["status"] == 429 and "try again in" in error["detail"]
    # other clients are not affected: another address, and the exempt loopback one
    assert send(tight, target, "127.0.0.3", headers).status == 200
    for _ in range(5):
        assert send(tight, target, "127.0.0.1", headers).status == 200
    [line] = [r for r in caplog.records if getattr(r, "factkg", {}).get("status") == 429]
    assert line.factkg["client"] == "127.0.0.2"  # type: ignore[attr-defined]


def test_static_files_are_not_counted(tight: str) -> None:
    for _ in range(6):
        assert send(tight, "/static/site.css", "127.0.0.2").status == 200
    assert send(tight, "/claims", "127.0.0.2").status == 200


def test_loopback_is_exempt_by_default(
    make_app: Callable[..., Flask], serve: Callable[[Flask], str]
) -> None:
    base = serve(make_app(RATE_LIMIT=0.01, RATE_BURST=1))
    for source in ("127.0.0.1", "127.0.0.2"):
        for _ in range(4):
            assert send(base, QUERY, source, JSON_ACCEPT).status == 200


def test_zero_turns_it_off(make_app: Callable[..., Flask], serve: Callable[[Flask], str]) -> None:
    base = serve(make_app(RATE_LIMIT=0, RATE_BURST=1, RATE_LIMIT_EXEMPT=""))
    for _ in range(5):
        assert send(base, QUERY, "127.0.0.2", JSON_ACCEPT).status == 200


def test_bucket_refills_at_the_rate() -> None:
    now = [0.0]
    buckets = TokenBuckets(rate=2.0, burst=2, clock=lambda: now[0])
    assert buckets.take("a") == 0 and buckets.take("a") == 0
    assert buckets.take("a") == pytest.approx(0.5)
    assert buckets.take("b") == 0
    now[0] = 0.5
    assert buckets.take("a") == 0
    assert buckets.take("a") == pytest.approx(0.5)


@pytest.mark.parametrize(
    "config",
    [{"RATE_LIMIT": -1}, {"RATE_LIMIT": 1, "RATE_BURST": 0}, {"RATE_LIMIT_EXEMPT": "not-an-ip"}],
)
def test_bad_settings_are_named(tmp_path: object, config: dict[str, object]) -> None:
    from pathlib import Path

    with pytest.raises(ConfigError, match="RATE_"):
        new_app(Path(str(tmp_path)) / "store", **config)
