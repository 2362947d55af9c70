"""Clients too slow to send their request are dropped, so they cannot lock everyone else out
(issue: 110 connections trickling a request's headers held every connection waitress would
open, and normal requests waited until they gave up).

The server is the one ``factkg serve`` runs (service.server.make_server), with the slow-client
deadlines set short through the settings so the test is quick; assertions are on behaviour
(was the normal request answered while the slow clients were still at it), not on time.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable

from flask import Flask

from service.server import make_server
from tests.conftest import BASE, run_server
from tests.security.conftest import load, request
from tests.sparql import data

SLOW_CLIENTS = 120  # more than CONNECTION_LIMIT (100)
ROUNDS = 600  # how long the slow clients keep at it: one byte each per round
PAUSE = 0.1  # seconds between rounds


def closed_by_server(sock: socket.socket) -> bool:
    """True when the server has closed this connection (EOF or reset), without blocking."""
    try:
        return sock.recv(4096, socket.MSG_DONTWAIT) == b""
    except BlockingIOError:
        return False
    except OSError:
        return True


class SlowClients:
    """Connections that send a request line and then one header byte per round, never
    finishing the headers, for at most ROUNDS rounds or until the server closed them all."""

    def __init__(self, port: int) -> None:
        self.socks: list[socket.socket] = []
        self.port = port
        self.dropped: set[int] = set()
        self.rounds = 0
        self.done = threading.Event()
        self.stop = threading.Event()

    def connect(self) -> None:
        for _ in range(SLOW_CLIENTS):
            sock = socket.create_connection(("127.0.0.1", self.port))
            self.socks.append(sock)
            sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")

    def trickle(self) -> None:
        try:
            while self.rounds < ROUNDS and not self.stop.is_set():
                for i, sock in enumerate(self.socks):
                    if i in self.dropped:
                        continue
                    if closed_by_server(sock):
                        self.dropped.add(i)
                        continue
                    try:
                        sock.send(b"a")
                    except OSError:
                        self.dropped.add(i)
                if len(self.dropped) == len(self.socks):
                    break
                self.rounds += 1
                self.stop.wait(PAUSE)
        finally:
            self.close()  # a server that never drops them gets its connections back here
            self.done.set()

    def close(self) -> None:
        for sock in self.socks:
            sock.close()


def test_slow_clients_are_dropped_and_others_still_answered(
    make_app: Callable[..., Flask],
) -> None:
    app = make_app(HEADER_TIMEOUT=1.0, BODY_TIMEOUT=2.0, CLIENT_TIMEOUT=1)
    load(app, data.graphs(BASE, 1))
    server = make_server(app, "127.0.0.1", 0)
    base, shut = run_server(server)
    slow = SlowClients(server.effective_port)
    thread = threading.Thread(target=slow.trickle, daemon=True)
    try:
        slow.connect()
        thread.start()
        reply = request(base, "GET", "/claims", headers={"Accept": "text/html"})
        still_attacking = not slow.done.is_set()
        assert reply.status == 200
        assert still_attacking, "the request was only answered once the slow clients gave up"
        thread.join()
        # every slow client was dropped by the server before the slow clients gave up
        assert len(slow.dropped) == SLOW_CLIENTS and slow.rounds < ROUNDS
    finally:
        slow.stop.set()
        if thread.is_alive():
            thread.join()
        slow.close()
        shut()


def test_a_slow_body_is_dropped_too(make_app: Callable[..., Flask]) -> None:
    """Headers in time, then a body trickled a byte at a time: dropped at BODY_TIMEOUT."""
    app = make_app(HEADER_TIMEOUT=1.0, BODY_TIMEOUT=2.0, CLIENT_TIMEOUT=1)
    server = make_server(app, "127.0.0.1", 0)
    _, shut = run_server(server)
    sock = socket.create_connection(("127.0.0.1", server.effective_port))
    try:
        sock.sendall(
            b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/sparql-query\r\nContent-Length: 900\r\n\r\n"
        )
        sent = 0
        while sent < 900 and not closed_by_server(sock):
            try:
                sock.send(b" ")
            except OSError:
                break
            sent += 1
            time.sleep(PAUSE)
        assert sent < 900, "the server read the whole slow body"
    finally:
        sock.close()
        shut()
