"""The factkg web service: SPARQL endpoint, Graph Store Protocol, Linked Data pages.

``create_app()`` is the only entry point; nothing is opened at import time.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask

from kg import settings


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app: defaults, then ``FACTKG_*`` environment, then ``config`` (tests)."""
    app = Flask(__name__)
    # the declared table, typed: Flask's from_prefixed_env would read a token of digits as JSON
    for setting in settings.SETTINGS:
        app.config[setting.name] = settings.get(setting.name)
    if config:
        app.config.update(config)

    from service import api, audit, dumps, errors, headers, rate_limit, void
    from service import backend as store
    from service import config as endpoint_config
    from service.pages import tallies
    from service.pages import views as pages
    from service.query import runner as query_runner
    from service.sparql import endpoint as sparql
    from service.sparql import fast_path as sparql_fast
    from service.writes import graph_store

    endpoint_config.init_app(app)
    limits = rate_limit.configured(app)
    store.init_app(app)
    if app.extensions[store.KEY].embedded:  # a remote store's is counted by its first reader
        tallies.warm(app.extensions[store.KEY])  # the pages' whole-store counts
    query_runner.init_app(app, app.extensions[store.KEY])
    errors.init_app(app)
    audit.init_app(app)
    headers.init_app(app)
    app.register_blueprint(sparql.bp)
    app.register_blueprint(pages.bp)
    app.register_blueprint(graph_store.bp)
    app.register_blueprint(void.bp)
    app.register_blueprint(dumps.bp)
    app.register_blueprint(api.bp)
    sparql_fast.install(app)
    rate_limit.install(app, limits)  # after the fast path: the limit is checked before it
    return app
