"""Every query parameter of the pages is checked as what it says it is: a bad one is a 400
naming it, never a 500 (issue: ``speaker=foo``, ``speaker=http://x/%00`` and ``page=²``
answered 500 from a SPARQL syntax error or ``int('²')``)."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from tests.conftest import BASE
from tests.security.conftest import request

BAD_IRIS = [
    "foo",
    ":",
    "http://x/\x00",
    "http://x/\x01",
    "http://x/\x7f",
    "http://x/a b",
    "http://x/a>b",
    "http://[x/",
    "\ud800",  # sent as UTF-8 of a surrogate: decoded by werkzeug to U+FFFD
]
BAD_DATES = ["2024-13-01", "20240501", "2024-W01-1", "²", "2024-05-0٣", "yesterday"]
BAD_PAGES = ["²", "٣", "0", "-1", "100001", "1e3", " 1", "1.5", "9" * 40, ""]

# (path, parameter, bad value): every page that reads parameters, every parameter it reads
CASES = (
    [
        (path, name, v)
        for path in ("/claims",)
        for name in ("speaker", "publisher")
        for v in BAD_IRIS
    ]
    + [("/sources", "publisher", v) for v in BAD_IRIS]
    + [
        (path, name, v)
        for path in ("/claims", "/sources")
        for name in ("since", "until")
        for v in BAD_DATES
    ]
    + [(path, "kind", "Spaceship") for path in ("/actors", "/events", "/search")]
    + [("/search", "q", "x" * 501)]
    + [
        (path, "page", v)
        for path in ("/claims", "/actors", "/sources", "/events", "/search", "/actor/li-wei")
        for v in BAD_PAGES
    ]
)


def _target(path: str, name: str, value: str) -> str:
    raw = value.encode("utf-8", "surrogatepass")
    return f"{path}?{name}={quote(raw, safe='')}" + ("&q=arrest" if path == "/search" else "")


@pytest.mark.parametrize(("path", "name", "value"), CASES)
def test_a_bad_parameter_is_a_400_naming_it(
    base_url: str, path: str, name: str, value: str
) -> None:
    reply = request(base_url, "GET", _target(path, name, value), headers={"Accept": "text/html"})
    assert reply.status == 400, reply.body[:300]
    assert f"parameter {name}" in reply.text


@pytest.mark.parametrize(("path", "name", "value"), CASES[:3])
def test_the_400_is_the_json_error_shape_for_machines(
    base_url: str, path: str, name: str, value: str
) -> None:
    reply = request(
        base_url, "GET", _target(path, name, value), headers={"Accept": "application/json"}
    )
    assert reply.status == 400
    assert f"parameter {name}" in reply.error["detail"]


@pytest.mark.parametrize(
    "target",
    [
        f"/claims?speaker={quote(BASE + 'actor/li-wei', safe='')}&since=2024-05-01&page=1",
        f"/claims?publisher={quote(BASE + 'actor/daily-courier', safe='')}&until=2024-12-31",
        "/claims?speaker=urn:x:someone",  # any absolute IRI the store could hold
        f"/sources?publisher={quote(BASE + 'actor/morning-post', safe='')}&page=01",
        "/actors?kind=Person&page=1",
        "/events?kind=Arrest",
        "/search?q=arrest&kind=claim&page=2",
        "/actor/li-wei?page=2",
    ],
)
def test_good_parameters_are_answered(base_url: str, target: str) -> None:
    assert request(base_url, "GET", target, headers={"Accept": "text/html"}).status == 200


@pytest.mark.parametrize(
    "target",
    [
        "/claims?endpoint=x",  # url_for(endpoint=...) twice: a TypeError
        "/claims?_method=POST",  # url_for found no POST rule: a BuildError
        "/claims?_external=1&_scheme=javascript",
        "/claims?_anchor=%22",
        "/search?q=arrest&endpoint=x&values=1",
    ],
)
def test_other_parameters_do_not_reach_the_links(base_url: str, target: str) -> None:
    """The list pages' links kept every query parameter and passed it to url_for, where
    ``endpoint`` broke the build and ``_external`` made links absolute to the Host header."""
    reply = request(
        base_url, "GET", target, headers={"Accept": "text/html", "Host": "evil.example"}
    )
    assert reply.status == 200, reply.body[:300]
    assert "evil.example" not in reply.text
    assert "javascript:" not in reply.text
