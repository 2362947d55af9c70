"""Eight readers on /sparql and the pages while a ninth client posts articles to the ingest
API: no 5xx, and every article the API accepted is found afterwards, by SPARQL and on its page.
(benchmarks/load.py runs the same driver longer and prints the latency percentiles.)"""

from __future__ import annotations

import urllib.parse
from collections.abc import Callable
from typing import Any

from flask import Flask

from kg.pipeline import Ingester
from service.backend import get_store
from tests.api.conftest import with_ingester
from tests.conftest import BASE, EXAMPLES, REPO
from tests.load import driver
from tests.pages.client import get
from tests.writes.conftest import TOKEN

ARTICLES = sorted((REPO / "tests" / "data" / "heldout3").glob("*.txt"))[:8]


def test_readers_and_a_writer_at_once(
    make_app: Callable[..., Flask], extractor: Any, serve: Callable[[Flask], str]
) -> None:
    app = with_ingester(make_app(API_TOKEN=TOKEN, RATE_LIMIT=0, THREADS=8), extractor)
    with app.app_context():  # something to read from the start
        Ingester(get_store(), BASE, extractor).ingest_paths(sorted(EXAMPLES.glob("*.txt")))
    url = serve(app)

    result = driver.run(url, TOKEN, ARTICLES, clients=8, requests=30)

    assert not result.errors, result.errors[:5]
    assert not [s for s in result.statuses if s >= 500]
    assert sum(len(v) for k, v in result.latencies.items() if k != "post article") == 8 * 30
    assert len(result.accepted) == len(ARTICLES), result.refused
    # every accepted article is there afterwards: by SPARQL, and its page answers
    query = "ASK { GRAPH ?g { <%s> a <https://w3id.org/factkg/ns#Source> } }"
    for source in result.accepted:
        reply = get(
            url + "/sparql?" + urllib.parse.urlencode({"query": query % source}),
            "application/sparql-results+json",
        )
        assert reply.status == 200 and b'"boolean":true' in reply.body.replace(b" ", b"")
        assert get(url + source.removeprefix(BASE.rstrip("/"))).status == 200
