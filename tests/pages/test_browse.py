"""Home, browsing lists, paging and facets on a store of 2,000 claims."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from datetime import date

import pytest
from flask import Flask

from tests.conftest import BASE
from tests.pages import synth
from tests.pages.client import get
from tests.pages.conftest import Site

N_CLAIMS = 500 * 4 + 1  # the synthetic articles and the one hostile article


@pytest.fixture
def big_url(big_site: Site, serve: Callable[[Flask], str]) -> str:
    return serve(big_site.app)


def expected() -> tuple[Counter[str], Counter[str], list[date]]:
    """Claims per speaker and per publisher, and each claim's date, from the generator."""
    speakers: Counter[str] = Counter()
    publishers: Counter[str] = Counter()
    dates: list[date] = []
    for i in range(500):
        ext = synth.article_extraction(i)
        for c in ext.claims:
            speakers[ext.actor(c.speaker).label] += 1
            publishers[ext.article.publisher or ""] += 1
            assert ext.article.published is not None
            dates.append(ext.article.published)
    return speakers, publishers, dates


def walk(base: str, path: str) -> list[str]:
    """Follow rel=next from ``path``; every claim link of every page, in order."""
    seen: list[str] = []
    while True:
        page = get(base + path)
        assert page.status == 200, path
        seen += re.findall(r'<a class="claim-link" href="(/claim/[0-9a-f]+)"', page.text)
        nxt = re.search(r'<a rel="next" href="([^"]+)"', page.text)
        if not nxt:
            return seen
        path = nxt.group(1).replace("&amp;", "&")


def test_home_counts_and_recent_sources(big_url: str) -> None:
    page = get(big_url + "/").text
    assert f'<strong class="n-claims">{N_CLAIMS}</strong>' in page
    assert '<strong class="n-sources">501</strong>' in page
    assert len(re.findall(r'href="/source/', page)) == 10


def test_paging_visits_every_claim_once(big_url: str) -> None:
    claims = walk(big_url, "/claims")
    assert len(claims) == N_CLAIMS
    assert len(set(claims)) == N_CLAIMS


def test_speaker_facet(big_url: str) -> None:
    speakers, _, _ = expected()
    speaker = BASE + "actor/jonas-lindqvist"
    first = get(f"{big_url}/claims?speaker={speaker}")
    assert f'Claims <span class="total">{speakers["Jonas Lindqvist"]}</span>' in first.text
    assert "by <strong>Jonas Lindqvist</strong>" in first.text
    # the facet list counts the same number
    assert re.search(r"Jonas Lindqvist \(" + str(speakers["Jonas Lindqvist"]) + r"\)", first.text)
    claims = walk(big_url, f"/claims?speaker={speaker}")
    assert len(set(claims)) == len(claims) == speakers["Jonas Lindqvist"]


def test_publisher_and_date_facets(big_url: str) -> None:
    _, publishers, dates = expected()
    pub = BASE + "actor/harbour-times"
    page = get(f"{big_url}/claims?publisher={pub}")
    assert f'<span class="total">{publishers["Harbour Times"]}</span>' in page.text
    since, until = date(2021, 3, 1), date(2021, 4, 30)
    in_range = sum(since <= d <= until for d in dates)
    page = get(f"{big_url}/claims?since={since}&until={until}")
    assert f'<span class="total">{in_range}</span>' in page.text
    assert len(walk(big_url, f"/claims?since={since}&until={until}")) == in_range
    assert get(f"{big_url}/claims?since=yesterday").status == 400
    assert get(f"{big_url}/claims?speaker=not%20an%20iri").status == 400


def test_actor_kind_facet_and_paging(big_url: str) -> None:
    page = get(big_url + "/actors?kind=Government").text
    assert "Government of Kenya" in page and "Amara Okafor" not in page
    assert get(big_url + "/actors?kind=Wizard").status == 400
    events = get(big_url + "/events").text
    assert '<span class="total">500</span>' in events and "page 1 of 10" in events
    last = get(big_url + "/events?page=10").text
    assert len(re.findall(r'href="/event/', last)) == 50
    assert get(big_url + "/events?kind=Arrest").status == 200


def test_prolific_actor_pages_by_keyset(big_url: str) -> None:
    speakers, _, _ = expected()
    seen = walk(big_url, "/actor/amara-okafor")
    assert len(seen) == len(set(seen)) == speakers[synth.PROLIFIC]
