"""The store an app serves, opened once per app (never at import) and closed with it."""

from __future__ import annotations

from flask import Flask, current_app

from kg.store import Store
from kg.store.open import open_store
from kg.store.remote import RemoteStore
from service.config import get_config_of

KEY = "factkg.store"


def init_app(app: Flask) -> None:
    """Open the app's store (after service.config.init_app: it reads the limits)."""
    store = open_store(
        path=app.config.get("STORE"),
        query_url=app.config.get("SPARQL_QUERY"),
        update_url=app.config.get("SPARQL_UPDATE"),
        search_index=app.config.get("SEARCH_INDEX"),
    )
    if isinstance(store, RemoteStore):
        # queries go to it directly, not through the killable query pool: the same limits
        cfg = get_config_of(app)
        store.timeout = cfg.query_timeout
        store.max_answer_bytes = cfg.max_result_bytes
    app.extensions[KEY] = store


def get_store() -> Store:
    store: Store = current_app.extensions[KEY]
    return store
