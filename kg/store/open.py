"""Choose and open the configured store backend."""

from __future__ import annotations

from pathlib import Path

from kg.errors import ConfigError
from kg.store.base import Store
from kg.store.oxigraph import OxigraphStore


def open_store(
    path: str | Path | None = None,
    query_url: str | None = None,
    update_url: str | None = None,
    *,
    read_only: bool = False,
) -> Store:
    """The remote store when endpoints are given, else the embedded one at ``path``."""
    if query_url:
        from kg.store.remote import RemoteStore

        return RemoteStore(query_url, update_url, read_only=read_only or not update_url)
    if update_url:
        raise ConfigError("a SPARQL update endpoint needs a query endpoint too")
    if path is None:
        raise ConfigError("no store configured: give --store PATH or --sparql-query URL")
    return OxigraphStore(path, read_only=read_only)
