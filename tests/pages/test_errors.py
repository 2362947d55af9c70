"""Page errors come from service/errors.py: a page for browsers, one JSON shape for machines."""

from __future__ import annotations

import json

from tests.pages.client import get


def _error(reply_body: bytes) -> dict[str, object]:
    body = json.loads(reply_body)
    assert set(body["error"]) == {"status", "title", "detail"}
    return dict(body["error"])


def test_bad_list_parameter_is_json_for_machines(site_url: str) -> None:
    reply = get(f"{site_url}/claims?page=x", accept="application/json")
    assert reply.status == 400
    assert reply.headers["Content-Type"].startswith("application/json")
    error = _error(reply.body)
    assert error["status"] == 400 and "page must be a whole number" in str(error["detail"])


def test_bad_list_parameter_is_a_page_for_browsers(site_url: str) -> None:
    reply = get(f"{site_url}/actors?kind=Spaceship", accept="text/html")
    assert reply.status == 400
    assert reply.headers["Content-Type"].startswith("text/html")
    assert "Spaceship" in reply.text


def test_missing_resource_with_rdf_accept_is_the_json_shape(site_url: str) -> None:
    reply = get(f"{site_url}/claim/no-such-claim", accept="text/turtle")
    assert reply.status == 404
    assert reply.headers["Content-Type"].startswith("application/json")
    assert "no-such-claim" in str(_error(reply.body)["detail"])
    assert reply.headers["Vary"] == "Accept"


def test_unservable_accept_is_a_json_406(site_url: str) -> None:
    reply = get(f"{site_url}/claim/anything", accept="image/png")
    assert reply.status == 406
    assert reply.headers["Content-Type"].startswith("application/json")
    assert "text/turtle" in str(_error(reply.body)["detail"])


def test_missing_resource_is_a_page_for_browsers(site_url: str) -> None:
    reply = get(f"{site_url}/actor/nobody-at-all", accept="text/html,*/*;q=0.8")
    assert reply.status == 404
    assert reply.headers["Content-Type"].startswith("text/html")
    assert "nobody-at-all" in reply.text
