"""The store an app serves, opened once per app (never at import) and closed with it."""

from __future__ import annotations

from flask import Flask, current_app

from kg.store import Store
from kg.store.open import open_store

KEY = "factkg.store"


def init_app(app: Flask) -> None:
    app.extensions[KEY] = open_store(
        path=app.config.get("STORE"),
        query_url=app.config.get("SPARQL_QUERY"),
        update_url=app.config.get("SPARQL_UPDATE"),
        search_index=app.config.get("SEARCH_INDEX"),
    )


def get_store() -> Store:
    store: Store = current_app.extensions[KEY]
    return store
