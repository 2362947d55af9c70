"""The factkg web service: SPARQL endpoint, Linked Data pages, JSON API.

``create_app()`` is the only entry point; nothing is opened at import time.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask

from kg.settings import SETTINGS


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app: defaults, then ``FACTKG_*`` environment, then ``config`` (tests)."""
    app = Flask(__name__)
    for setting in SETTINGS:
        app.config[setting.name] = setting.default
    app.config.from_prefixed_env("FACTKG")
    if config:
        app.config.update(config)

    from service import errors, pages, sparql, store

    store.init_app(app)
    errors.init_app(app)
    app.register_blueprint(sparql.bp)
    app.register_blueprint(pages.bp)
    return app
