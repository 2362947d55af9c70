"""Choose and open the configured store backend, with its full-text search index attached."""

from __future__ import annotations

from pathlib import Path

from kg import search, shared_facts
from kg.errors import ConfigError
from kg.store.base import Store
from kg.store.oxigraph import OxigraphStore


def open_store(
    path: str | Path | None = None,
    query_url: str | None = None,
    update_url: str | None = None,
    *,
    read_only: bool = False,
    search_index: str | Path | None = None,
    with_search: bool = True,
) -> Store:
    """The remote store when endpoints are given, else the embedded one at ``path``.

    The search index (kg.search) is ``search_index``, else beside an embedded store, else in
    memory; a read-only store reads it as it is, a writable one keeps it in step. Callers that
    only read and never search (``factkg query``/``validate``/``export``) pass
    ``with_search=False``: building an in-memory index of a remote store is work for nothing.
    """
    store: Store
    if query_url:
        from kg.store.remote import RemoteStore

        store = RemoteStore(query_url, update_url, read_only=read_only or not update_url)
        index_path = search_index
    elif update_url:
        raise ConfigError("a SPARQL update endpoint needs a query endpoint too")
    elif path is None:
        raise ConfigError("no store configured: give --store PATH or --sparql-query URL")
    else:
        store = OxigraphStore(path, read_only=read_only)
        index_path = search_index if search_index is not None else search.default_path(path)
    if with_search or not read_only:  # a writer must keep the index in step
        search.attach(store, index_path, sync=not read_only or index_path is None)
    if not read_only and not query_url:
        # what validation and reconciliation read of shared nodes, without a row per source;
        # the one writer of an embedded store keeps it exact (a remote store may have others)
        shared_facts.attach(store, shared_facts.default_path(path))
    return store
