"""The endpoint's settings, read once per app from its Flask config and checked.

The settings themselves (name, default, help) are declared in one table, kg.settings.SETTINGS;
this module turns the raw values (from the environment they arrive as strings or JSON) into
typed values, and names the setting when a value cannot work.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from flask import Flask, current_app

from kg.errors import ConfigError
from kg.sparql import reach

KEY = "factkg.endpoint_config"


@dataclass(frozen=True)
class EndpointConfig:
    base_uri: str
    query_timeout: float
    max_body_bytes: int
    max_result_bytes: int
    federation_allowlist: tuple[str, ...]
    query_workers: int
    threads: int
    # how long waitress lets a client take (service/server.py), and how many it holds at once
    connection_limit: int
    client_timeout: int
    header_timeout: float
    body_timeout: float
    isolate: str  # ISOLATE_WORKERS: "auto" or "off"
    writable: bool  # an API token is configured, so updates can be accepted
    # relative IRIs in queries and updates resolve against it: configured, never the client's
    # Host header (a Host of "a>b" made every query fail; any Host chose where IRIs landed)
    endpoint_iri: str

    def allowed(self, iri: str) -> bool:
        """True when ``iri`` is under a prefix of FEDERATION_ALLOWLIST (kg.sparql.reach)."""
        return reach.allowed(iri, self.federation_allowlist)

    @property
    def isolate_workers(self) -> bool:
        """Run query and update workers without network (ISOLATE_WORKERS)."""
        return self.isolate == "auto" and not self.federation_allowlist


def _number(config: Mapping[str, Any], name: str, kind: type, minimum: float) -> Any:
    raw = config.get(name)
    try:
        value = kind(raw)
    except (TypeError, ValueError) as e:
        raise ConfigError(f"setting {name}={raw!r} is not a {kind.__name__}") from e
    if value < minimum:
        raise ConfigError(f"setting {name}={raw!r} must be at least {minimum}")
    return value


def _allowlist(raw: object) -> tuple[str, ...]:
    if raw is None or raw == "":
        return ()
    if isinstance(raw, str):
        return tuple(raw.split())
    if isinstance(raw, list | tuple):
        return tuple(str(p) for p in raw)
    raise ConfigError(f"setting FEDERATION_ALLOWLIST={raw!r} is not a list of IRI prefixes")


def _isolate(raw: object) -> str:
    value = str(raw or "auto").strip().lower()
    if value not in ("auto", "off"):
        raise ConfigError(f"setting ISOLATE_WORKERS={raw!r} must be 'auto' or 'off'")
    return value


def from_mapping(config: Mapping[str, Any]) -> EndpointConfig:
    base = str(config.get("BASE_URI") or "")
    if not base.endswith(("/", "#")):
        raise ConfigError(f"setting BASE_URI={base!r} must end with '/'")
    return EndpointConfig(
        base_uri=base,
        query_timeout=_number(config, "QUERY_TIMEOUT", float, 0.001),
        max_body_bytes=_number(config, "MAX_BODY_BYTES", int, 1),
        max_result_bytes=_number(config, "MAX_RESULT_BYTES", int, 1),
        federation_allowlist=_allowlist(config.get("FEDERATION_ALLOWLIST")),
        query_workers=_number(config, "QUERY_WORKERS", int, 1),
        threads=_number(config, "THREADS", int, 1),
        connection_limit=_number(config, "CONNECTION_LIMIT", int, 1),
        client_timeout=_number(config, "CLIENT_TIMEOUT", int, 1),
        header_timeout=_number(config, "HEADER_TIMEOUT", float, 0.001),
        body_timeout=_number(config, "BODY_TIMEOUT", float, 0.001),
        isolate=_isolate(config.get("ISOLATE_WORKERS")),
        writable=bool(config.get("API_TOKEN")),
        endpoint_iri=base + "sparql",
    )


def init_app(app: Flask) -> EndpointConfig:
    cfg = from_mapping(app.config)
    app.extensions[KEY] = cfg
    return cfg


def get_config() -> EndpointConfig:
    cfg: EndpointConfig = current_app.extensions[KEY]
    return cfg


def get_config_of(app: Flask) -> EndpointConfig:
    """The settings of ``app`` outside a request or app context."""
    cfg: EndpointConfig = app.extensions[KEY]
    return cfg
