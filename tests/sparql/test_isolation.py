"""The second wall: workers that run client SPARQL have no network (ISOLATE_WORKERS).

The reading of each request (kg.sparql.reach) refuses SERVICE and LOAD outside the
allowlist; behind it, query and update workers run in a network namespace of their own. To
see the wall alone, these tests let the reading pass (the listener is on the job's
allowlist) and check that the call still cannot leave the process; the control runs the
same job in a worker with its network, which does connect.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator

import pytest

from kg.errors import StoreError
from kg.no_network import FLAG
from kg.store import OxigraphStore
from service.query import runner as query_runner
from service.query.worker import Job
from service.writes import update_worker
from tests.conftest import BASE
from tests.sparql import data
from tests.sparql.conftest import Listener

JSON = "application/sparql-results+json"


def _platform_isolates() -> str | None:
    probe = "from kg.no_network import isolate_network; print(isolate_network() or '')"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    return done.stdout.strip() or None


WHY_NOT = _platform_isolates()
needs_namespaces = pytest.mark.skipif(
    WHY_NOT is not None, reason=f"no network namespace here: {WHY_NOT}"
)


@pytest.fixture
def store_path(store: OxigraphStore) -> Iterator[str]:
    store.replace_graphs(data.graphs(BASE, 2))
    yield str(store.path)


def _service_job(listener: Listener) -> Job:
    query = f"SELECT * WHERE {{ SERVICE <{listener.url}sparql> {{ ?s ?p ?o }} }}"
    return Job(0, query, JSON, None, None, None, 1 << 20, None, [listener.url])


@needs_namespaces
@pytest.mark.parametrize("isolate", [True, False], ids=["isolated", "control"])
def test_a_query_worker_without_network_cannot_call_out(
    store_path: str, listener: Listener, isolate: bool
) -> None:
    pool = query_runner.QueryPool(store_path, 1, isolate=isolate)
    try:
        with pytest.raises(StoreError):  # no SPARQL answer either way
            pool.run(_service_job(listener), 30)
    finally:
        pool.close()
    assert len(listener.calls()) == (0 if isolate else 1)


@needs_namespaces
@pytest.mark.parametrize("isolate", [True, False], ids=["isolated", "control"])
def test_an_update_worker_without_network_cannot_load(listener: Listener, isolate: bool) -> None:
    job = {
        "base": BASE,
        "ops": [{"text": f"LOAD <{listener.url}data.ttl> INTO GRAPH <{BASE}g>", "union": False}],
        "graphs": [],
        "nquads": "",
    }
    done = subprocess.run(
        [sys.executable, update_worker.__file__, *([FLAG] if isolate else [])],
        input=json.dumps(job).encode(),
        capture_output=True,
        timeout=60,
        check=True,
    )
    assert json.loads(done.stdout)["error"] == "failed"
    assert len(listener.calls()) == (0 if isolate else 1)
