"""A WSGI fast path for the commonest machine request: ``GET /sparql?query=...``.

Flask's request handling costs a few hundred microseconds, more than running a small query
(measured by benchmarks/sparql_latency.py against the Oxigraph server). A plain GET with only
a ``query`` parameter and an Accept header that wants data (not a page) is answered here,
straight from the query worker's bytes; the worker reads the query with the engine's
grammar and refuses what reaches outside the store, as for every query. Everything else (and
every error) goes through the Flask view: an error met here is handed to the view, which
raises it, so error answers still have one shape and one place (service/errors.py), and a
query never runs twice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qs

from flask import Flask
from werkzeug.exceptions import NotAcceptable

from kg.errors import FactkgError
from service import config as endpoint_config
from service import conneg
from service.headers import DATA_HEADERS
from service.query import runner as query_runner
from service.query.worker import Job
from service.rate_limit import RETRY_AFTER
from service.sparql.protocol import CORS, GRAPH_OFFERS, RESULT_OFFERS, STASH

PATHS = frozenset({"/sparql", "/sparql/"})

StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


class FastPath:
    def __init__(self, app: Flask, wsgi_app: WSGIApp) -> None:
        self.app = app
        self.next = wsgi_app

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        if (
            environ.get("REQUEST_METHOD") != "GET"
            or environ.get("PATH_INFO") not in PATHS
            or RETRY_AFTER in environ  # over its rate limit: Flask answers 429
        ):
            return self.next(environ, start_response)
        answer = self._try(environ)
        if answer is None:
            return self.next(environ, start_response)
        content_type, data = answer
        start_response(
            "200 OK",
            [
                ("Content-Type", content_type),
                ("Content-Length", str(len(data))),
                *CORS.items(),
                ("Vary", "Accept"),
                *DATA_HEADERS,  # what service/headers.py sets on every Flask answer
            ],
        )
        return [data]

    def _try(self, environ: dict[str, Any]) -> tuple[str, bytes] | None:
        """(content type, body), or None to let the Flask view answer."""
        pool: query_runner.QueryPool | None = self.app.extensions.get(query_runner.KEY)
        if pool is None:
            return None
        params = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        queries = params.get("query")
        if len(params) != 1 or not queries or len(queries) != 1 or not queries[0].strip():
            return None
        query = queries[0]
        accept = environ.get("HTTP_ACCEPT")
        results_offer = conneg.negotiate(accept, RESULT_OFFERS)
        graph_offer = conneg.negotiate(accept, GRAPH_OFFERS)
        if conneg.HTML in (results_offer, graph_offer) or results_offer is graph_offer is None:
            return None
        cfg: endpoint_config.EndpointConfig = self.app.extensions[endpoint_config.KEY]
        job = Job(
            generation=0,
            query=query,
            results_format=results_offer.media_type if results_offer else None,
            graph_format=graph_offer.media_type if graph_offer else None,
            default_graphs=None,
            named_graphs=None,
            max_bytes=cfg.max_result_bytes,
            base_iri=cfg.endpoint_iri,
            allowlist=list(cfg.federation_allowlist),
        )
        try:
            answer = pool.run(job, cfg.query_timeout)
        except FactkgError as e:
            environ[STASH] = e
            return None
        offer = graph_offer if answer.kind == "graph" else results_offer
        if answer.data is None or offer is None:
            kind = "a graph" if answer.kind == "graph" else "results"
            environ[STASH] = NotAcceptable(conneg.not_acceptable(kind, accept))
            return None
        return offer.content_type, answer.data


def install(app: Flask) -> None:
    app.wsgi_app = FastPath(app, app.wsgi_app)  # type: ignore[method-assign]
