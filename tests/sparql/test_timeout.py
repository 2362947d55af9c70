"""QUERY_TIMEOUT: a runaway query is stopped (its process killed, so its CPU use ends), the
client gets a 503 that says so, and the server answers other queries meanwhile."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable

import pytest
from flask import Flask

from service import query_runner
from tests.conftest import BASE
from tests.sparql import data
from tests.sparql.client import Reply, get
from tests.sparql.conftest import N_ARTICLES, load

JSON = "application/sparql-results+json"
#: a 4-way cartesian product over a few hundred triples: ~10^10 rows, never finishes
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
QUICK = "ASK { ?s ?p ?o }"


def wait_for(condition: Callable[[], bool]) -> None:
    """Poll until ``condition`` holds (bounded only so a broken build cannot hang CI)."""
    for _ in range(6000):
        if condition():
            return
        time.sleep(0.005)
    raise AssertionError("condition never held")


def pid_alive(pid: int) -> bool:
    return os.path.exists(f"/proc/{pid}")


@pytest.fixture
def slow_app(make_app: Callable[..., Flask]) -> Flask:
    app = make_app(QUERY_TIMEOUT=1.5, QUERY_WORKERS=2)
    load(app, data.graphs(BASE, N_ARTICLES))
    return app


def test_runaway_query_is_stopped_and_the_server_stays_responsive(
    slow_app: Flask, serve: Callable[[Flask], str]
) -> None:
    url = serve(slow_app) + "/sparql"
    pool = slow_app.extensions[query_runner.KEY]
    replies: list[Reply] = []
    runaway = threading.Thread(target=lambda: replies.append(get(url, JSON, query=RUNAWAY)))
    runaway.start()
    wait_for(lambda: pool.busy == 1)
    (busy_pid,) = pool.pids
    assert pid_alive(busy_pid)

    quick = get(url, JSON, query=QUICK)  # served by the second worker
    assert quick.status == 200
    assert runaway.is_alive(), "the runaway query answered before the quick one"

    runaway.join()
    (reply,) = replies
    assert reply.status == 503
    detail = reply.error["detail"]
    assert "timeout" in detail and "QUERY_TIMEOUT" in detail
    assert not pid_alive(busy_pid), "the runaway query's process still runs"
    assert busy_pid not in pool.pids
    assert get(url, JSON, query=QUICK).status == 200  # a fresh worker took its place


def test_html_page_shows_the_timeout(slow_app: Flask, serve: Callable[[Flask], str]) -> None:
    url = serve(slow_app) + "/sparql"
    reply = get(url, "text/html", query=RUNAWAY)
    assert reply.status == 503
    assert b"Query timeout" in reply.body and b"QUERY_TIMEOUT" in reply.body


def test_all_workers_busy_is_a_503(
    make_app: Callable[..., Flask], serve: Callable[[Flask], str]
) -> None:
    app = make_app(QUERY_TIMEOUT=1.0, QUERY_WORKERS=1)
    load(app, data.graphs(BASE, N_ARTICLES))
    url = serve(app) + "/sparql"
    pool = app.extensions[query_runner.KEY]
    replies: list[Reply] = []
    runaway = threading.Thread(target=lambda: replies.append(get(url, JSON, query=RUNAWAY)))
    runaway.start()
    wait_for(lambda: pool.busy == 1)
    waiting = get(url, JSON, query=QUICK)
    runaway.join()
    statuses = sorted([waiting.status, replies[0].status])
    assert statuses[1] == 503
    # the queued query either found the worker freed by the kill or gave up: never a hang
    assert statuses[0] in (200, 503)


def test_workers_see_writes(app: Flask, serve: Callable[[Flask], str]) -> None:
    url = serve(app) + "/sparql"
    count = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"

    def graphs() -> int:
        return int(get(url, JSON, query=count).json()["results"]["bindings"][0]["n"]["value"])

    assert graphs() == N_ARTICLES
    load(app, dict([data.article(BASE, 100)]))
    assert graphs() == N_ARTICLES + 1


def test_concurrent_reads_during_writes(app: Flask, serve: Callable[[Flask], str]) -> None:
    """More clients than workers while graphs are added: every answer is whole and right,
    and once the writes are done every worker answers from the newest snapshot."""
    url = serve(app) + "/sparql"
    count = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    seen: list[list[int]] = [[] for _ in range(6)]
    failures: list[str] = []

    def reader(k: int) -> None:
        for _ in range(15):
            reply = get(url, JSON, query=count)
            if reply.status != 200:
                failures.append(f"{reply.status}: {reply.body[:200]!r}")
                return
            seen[k].append(int(reply.json()["results"]["bindings"][0]["n"]["value"]))

    threads = [threading.Thread(target=reader, args=(k,)) for k in range(6)]
    for t in threads:
        t.start()
    for i in range(5):
        load(app, dict([data.article(BASE, 200 + i)]))
    for t in threads:
        t.join()
    assert failures == []
    for counts in seen:
        assert len(counts) == 15
        assert all(N_ARTICLES <= n <= N_ARTICLES + 5 for n in counts)
    for _ in range(4):  # whichever worker answers
        final = get(url, JSON, query=count).json()["results"]["bindings"][0]["n"]["value"]
        assert final == str(N_ARTICLES + 5)
