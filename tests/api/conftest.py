"""Fixtures of the ingest API tests: the app with a token over an on-disk store, served on a
real socket, its one Ingester given the session's extractor (the model loads once a session,
not once an app) and no Wikidata (tests touch no network)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask

from kg.link.linking import Linker
from kg.pipeline import Ingester
from service import api
from service.backend import get_store
from service.config import get_config_of
from tests.writes.conftest import AUTH, TOKEN, Client, make_app  # noqa: F401  (fixture)

ARTICLE = (
    "Harbour council approves the Quarrington sea wall\n\n"
    "PORTSMOUTH, March 2 (Reuters) - The harbour council voted on Tuesday to build a new sea "
    "wall along the eastern docks.\n\n"
    '"The wall will protect four thousand homes from flooding," said Mayor Helena Quarrington.\n\n'
    "Opposition leader Tobias Fenwick said the plan would cost twice what the council had "
    "promised.\n"
)


def with_ingester(app: Flask, extractor: Any) -> Flask:
    """Give ``app`` its Ingester now, with the session's extractor (see service/api.py)."""
    with app.app_context():
        app.extensions[api.KEY] = Ingester(
            get_store(), get_config_of(app).base_uri, extractor=extractor, linker=Linker(None)
        )
    return app


@pytest.fixture
def app(make_app: Callable[..., Flask], extractor: Any) -> Flask:  # noqa: F811
    return with_ingester(make_app(API_TOKEN=TOKEN, RATE_LIMIT=0), extractor)


@pytest.fixture
def client(app: Flask, serve: Callable[[Flask], str]) -> Client:
    return Client(serve(app))


def post_article(
    client: Client,
    body: str | bytes = ARTICLE,
    content_type: str = "text/plain; charset=utf-8",
    query: str = "",
    token: str | None = TOKEN,
) -> Any:
    headers = {"Content-Type": content_type}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    return client.request("POST", f"/api/sources{query}", body, headers)


__all__ = ["AUTH", "ARTICLE", "post_article", "with_ingester"]
