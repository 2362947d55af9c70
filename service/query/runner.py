"""Run user SPARQL queries in killable worker processes, so a runaway query can be stopped.

pyoxigraph has no cancellation, and a thread cannot be killed, so queries run in a small pool
of long-lived processes (service/query/worker.py), started on demand as fresh interpreters
(never ``fork`` from this process: it has RocksDB open, and threads; and not multiprocessing's
spawn, which re-imports the parent's main module in every child). Each worker reads each query
with the engine's grammar and refuses what would reach outside the store (so that parse, too,
is killable and off the server's threads), and, while FEDERATION_ALLOWLIST is empty, runs
without network (ISOLATE_WORKERS). Each worker opens the store with
``Store.read_only`` and reopens it when the write generation, bumped by the store's write
listener, has moved. A query past QUERY_TIMEOUT gets its process killed (its CPU use ends
there) and replaced on the next demand; the other workers go on serving.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import subprocess
import sys
import threading
import time
import weakref
from dataclasses import dataclass

from flask import Flask, current_app

from kg.errors import QueryError, StoreError
from kg.store import Store
from kg.store.base import ResultTooLargeError as ResultTooLargeError
from service import config as endpoint_config
from service.query import worker as query_worker
from service.query.worker import Job

KEY = "factkg.query_pool"
WORKER_SCRIPT = query_worker.__file__
KINDS = {b"s": "solutions", b"b": "boolean", b"g": "graph"}


class QueryTimeoutError(StoreError):
    """A query ran past QUERY_TIMEOUT and was stopped (or no worker freed up in time)."""


@dataclass(frozen=True)
class Answer:
    kind: str  # "solutions", "boolean" or "graph"
    data: bytes | None  # None: the requested format does not fit this kind of answer


class _Worker:
    """One ``service/query/worker.py`` process, spoken to over two pipes.

    The pipes are raw descriptors, and a pool that is garbage-collected without close()
    stops its workers (weakref.finalize), so an app nobody shut down leaks neither
    processes nor files.
    """

    def __init__(self, path: str, isolate: bool) -> None:
        child_in, self.fd_in = os.pipe()
        self.fd_out, child_out = os.pipe()
        flags = [query_worker.NO_NETWORK] if isolate else []
        try:
            self.process = subprocess.Popen(
                [sys.executable, WORKER_SCRIPT, path, *flags], stdin=child_in, stdout=child_out
            )
        except OSError:
            os.close(self.fd_in)
            os.close(self.fd_out)
            raise
        finally:
            os.close(child_in)
            os.close(child_out)
        self.poller = select.poll()
        self.poller.register(self.fd_out, select.POLLIN)

    def send(self, job: Job) -> None:
        query_worker.write_message(self.fd_in, json.dumps(job).encode())

    def ready(self, timeout: float) -> bool:
        """True when an answer is waiting (or the process is gone) within ``timeout`` s."""
        return bool(self.poller.poll(max(timeout, 0.0) * 1000))

    def receive(self) -> bytes | None:
        return query_worker.read_message(self.fd_out)

    def stop(self, kill: bool) -> None:
        if not kill:
            try:
                query_worker.write_message(self.fd_in, b"")  # asks it to exit when idle
                self.process.wait(1.0)
            except (OSError, subprocess.TimeoutExpired):
                pass
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(5.0)
        for fd in (self.fd_in, self.fd_out):
            with contextlib.suppress(OSError):
                os.close(fd)


def _stop_all(workers: set[_Worker]) -> None:
    for worker in list(workers):
        worker.stop(kill=True)
    workers.clear()


class QueryPool:
    """Up to ``size`` worker processes over the on-disk store at ``path``; ``isolate``: they
    run without network."""

    def __init__(self, path: str, size: int, isolate: bool = False) -> None:
        self.path = path
        self.size = size
        self.isolate = isolate
        self.generation = 0
        self._idle: list[_Worker] = []  # last in, first out: warm caches stay in use
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        # notified whenever capacity frees up: a worker goes idle or a slot is discarded
        self._freed = threading.Condition(self._lock)
        self._closed = False
        self._finalizer = weakref.finalize(self, _stop_all, self._all)

    def bump(self, *_: object) -> None:
        """A write happened: workers reopen their snapshot before their next query."""
        with self._lock:
            self.generation += 1

    @property
    def pids(self) -> list[int]:
        with self._lock:
            return [w.process.pid for w in self._all]

    @property
    def busy(self) -> int:
        """Workers running a query right now."""
        with self._lock:
            return len(self._all) - len(self._idle)

    def warm(self) -> None:
        """Start every worker now rather than on first demand (the server does, at start)."""
        with self._lock:
            while not self._closed and len(self._all) < self.size:
                worker = _Worker(self.path, self.isolate)
                self._all.add(worker)
                self._idle.append(worker)

    def _acquire(self, deadline: float) -> _Worker:
        """A live idle worker, or a new one if a slot is free; else wait for either.

        Both a returned worker and a discarded one notify ``_freed``, so a waiter takes the
        slot of a killed runaway query at once instead of sleeping to its own deadline."""
        dead: list[_Worker] = []
        try:
            with self._freed:
                while True:
                    if self._closed:
                        raise StoreError("the query pool is shut down")
                    while self._idle:
                        worker = self._idle.pop()
                        if worker.process.poll() is None:
                            return worker
                        self._all.discard(worker)  # it died while idle: its slot is free
                        dead.append(worker)
                    if len(self._all) < self.size:
                        worker = _Worker(self.path, self.isolate)
                        self._all.add(worker)
                        return worker
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        raise QueryTimeoutError(
                            f"all {self.size} query workers stayed busy past the query "
                            "timeout; try again later"
                        )
                    self._freed.wait(remaining)
        finally:
            for worker in dead:
                worker.stop(kill=True)

    def _release(self, worker: _Worker) -> None:
        with self._freed:
            if not self._closed:  # close() already stopped every worker, busy ones too
                self._idle.append(worker)
                self._freed.notify()

    def _discard(self, worker: _Worker, kill: bool) -> None:
        with self._freed:
            self._all.discard(worker)
            self._freed.notify()
        worker.stop(kill=kill)

    def run(self, job: Job, timeout: float) -> Answer:
        """Run ``job`` in a worker; stop it (kill the process) after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        worker = self._acquire(deadline)
        try:
            worker.send(job._replace(generation=self.generation))
            if not worker.ready(deadline - time.monotonic()):
                self._discard(worker, kill=True)
                raise QueryTimeoutError(
                    f"the query ran past the {timeout:g} s timeout (QUERY_TIMEOUT) and was "
                    "stopped; narrow it down or add a LIMIT"
                )
            reply = worker.receive()
        except OSError as e:
            self._discard(worker, kill=True)
            raise StoreError(f"the query process failed ({e}); try again") from e
        if reply is None:
            self._discard(worker, kill=True)
            raise StoreError("the query process exited before answering; try again")
        self._release(worker)
        return _answer(reply)

    def close(self) -> None:
        with self._freed:
            self._closed = True
            workers = list(self._all)
            self._all.clear()
            self._idle.clear()
            self._freed.notify_all()
        for worker in workers:
            worker.stop(kill=False)
        self._finalizer.detach()


def _answer(reply: bytes) -> Answer:
    status, rest = reply[:1], reply[1:]
    if status == b"R":
        return Answer(KINDS[rest[:1]], rest[1:])
    if status == b"N":
        return Answer(KINDS[rest[:1]], None)
    if status in (b"S", b"Q"):  # the worker wrote the whole message (kg.sparql)
        raise QueryError(rest.decode("utf-8", "replace"))
    if status == b"L":
        raise ResultTooLargeError(
            f"the answer is larger than {rest.decode()} bytes (MAX_RESULT_BYTES); "
            "add a LIMIT or select fewer variables"
        )
    raise StoreError(f"the store failed the query: {rest.decode('utf-8', 'replace')}")


def init_app(app: Flask, store: Store) -> None:
    """Give an app over an embedded store its pool (remote stores are queried directly)."""
    if store.shared_directory is not None:
        cfg = endpoint_config.get_config_of(app)
        pool = QueryPool(str(store.shared_directory), cfg.query_workers, cfg.isolate_workers)
        store.add_listener(pool.bump, first=True)
        app.extensions[KEY] = pool


def get_pool() -> QueryPool | None:
    pool: QueryPool | None = current_app.extensions.get(KEY)
    return pool


def shutdown(app: Flask) -> None:
    """Stop the app's query workers (server shutdown, end of a test)."""
    pool: QueryPool | None = app.extensions.pop(KEY, None)
    if pool is not None:
        pool.close()
