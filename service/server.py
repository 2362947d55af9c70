"""``factkg serve``: the app under waitress (a production WSGI server), until SIGINT or SIGTERM.

Shutdown is clean: the listening socket closes, the query workers stop, the store is flushed
and closed (its lock released, so ``factkg ingest`` can open it right after).
"""

from __future__ import annotations

import signal
import sys
import time
from collections.abc import Mapping
from types import FrameType
from typing import Any

from flask import Flask
from waitress.adjustments import Adjustments
from waitress.channel import HTTPChannel
from waitress.parser import HTTPRequestParser
from waitress.server import BaseWSGIServer, create_server

from service import backend as app_store
from service import config as endpoint_config
from service import create_app
from service.query import runner as query_runner


class _Stop(SystemExit):
    """Raised in the main thread by the signal handler to leave the server loop (a
    SystemExit: waitress's loop lets it through, where it would swallow an Exception)."""


def _stop(signum: int, frame: FrameType | None) -> None:
    raise _Stop(signal.Signals(signum).name)


class _TimedParser(HTTPRequestParser):
    """waitress's request parser, noting when the request began: waitress makes one per
    request, when the request's first byte arrives."""

    def __init__(self, adj: Adjustments) -> None:
        super().__init__(adj)
        self.started = time.monotonic()


class _DeadlineChannel(HTTPChannel):
    """A waitress connection that is closed when its client is too slow to send a request.

    waitress only closes a connection that is idle for channel_timeout: a client sending one
    header byte every few seconds is never idle, and 110 of them held every connection
    waitress would open, so nobody else was answered. The deadlines are checked in
    readable(), which the server loop calls for every connection on every turn (at least
    once a second); a connection still serving a request is left alone.
    """

    parser_class = _TimedParser
    header_timeout = 10.0  # set per server by make_server
    body_timeout = 60.0

    def readable(self) -> bool:
        request = self.request
        if isinstance(request, _TimedParser) and not self.requests and not self.will_close:
            limit = self.body_timeout if request.headers_finished else self.header_timeout
            if time.monotonic() - request.started > limit:
                self.will_close = True  # writable() from now on: handle_write closes it
        return super().readable()


def make_server(app: Flask, host: str, port: int) -> Any:
    """waitress over ``app``, with limits on slow and idle clients and on request sizes.

    It refuses bodies over MAX_BODY_BYTES itself (413) rather than spooling up to its default
    1 GiB to disk before the app can say no. It holds CONNECTION_LIMIT connections at most
    and closes those idle for CLIENT_TIMEOUT, checked every second (waitress: 120 s, checked
    every 30 s), and those slower than HEADER_TIMEOUT/BODY_TIMEOUT to send their request.
    """
    cfg = endpoint_config.get_config_of(app)
    socket_map: dict[int, Any] = {}
    server = create_server(
        app,
        map=socket_map,
        host=host,
        port=port,
        threads=cfg.threads,
        ident="factkg",
        asyncore_use_poll=True,  # poll(): ~100 µs less per request than select() (measured)
        max_request_body_size=cfg.max_body_bytes,
        connection_limit=cfg.connection_limit,
        channel_timeout=cfg.client_timeout,
        cleanup_interval=1,
        expose_tracebacks=False,
    )
    channel = type(
        "DeadlineChannel",
        (_DeadlineChannel,),
        {"header_timeout": cfg.header_timeout, "body_timeout": cfg.body_timeout},
    )
    for listener in socket_map.values():  # one per address the host resolves to
        if isinstance(listener, BaseWSGIServer):
            listener.channel_class = channel
    return server


def serve(host: str, port: int, config: Mapping[str, Any] | None = None) -> None:
    """Serve create_app(config) on host:port, blocking until SIGINT or SIGTERM."""
    app = create_app(config)
    server = make_server(app, host, port)
    pool = app.extensions.get(query_runner.KEY)
    if pool is not None:
        pool.warm()  # the first queries should not wait for interpreters to start
    previous = {s: signal.signal(s, _stop) for s in (signal.SIGINT, signal.SIGTERM)}
    where = f"http://{host}:{getattr(server, 'effective_port', port)}/"
    print(f"factkg: serving on {where} (SPARQL at {where}sparql)", file=sys.stderr, flush=True)
    try:
        server.run()  # returns when a _Stop reaches its loop; raises it when raised elsewhere
        print("factkg: stopped, shutting down", file=sys.stderr, flush=True)
    except _Stop as e:
        print(f"factkg: {e}, shutting down", file=sys.stderr, flush=True)
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
        server.close()
        query_runner.shutdown(app)
        store = app.extensions.pop(app_store.KEY, None)
        if store is not None:
            store.close()
