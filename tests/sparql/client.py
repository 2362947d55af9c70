"""A plain HTTP client for the endpoint tests (http.client: no retries, no redirects)."""

from __future__ import annotations

import http.client
import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def media_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def error(self) -> dict[str, Any]:
        """The JSON error object, checked for its shape."""
        assert self.media_type == "application/json", self.body[:300]
        doc = self.json()
        assert set(doc) == {"error"} and set(doc["error"]) == {"status", "title", "detail"}
        assert doc["error"]["status"] == self.status
        return dict(doc["error"])


def request(
    method: str,
    url: str,
    body: bytes | str | None = None,
    headers: dict[str, str] | None = None,
) -> Reply:
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=60)
    try:
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        data = body.encode() if isinstance(body, str) else body
        conn.request(method, target, body=data, headers=headers or {})
        resp = conn.getresponse()
        return Reply(resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read())
    finally:
        conn.close()


def get(url: str, accept: str | None = None, **params: str | list[str]) -> Reply:
    query = urlencode(params, doseq=True)
    headers = {"Accept": accept} if accept else {}
    return request("GET", f"{url}?{query}" if query else url, headers=headers)


def post_form(url: str, fields: dict[str, Any], accept: str | None = None) -> Reply:
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if accept:
        headers["Accept"] = accept
    return request("POST", url, urlencode(fields, doseq=True), headers)


def post_query(url: str, query: str, accept: str | None = None, params: str = "") -> Reply:
    headers = {"Content-Type": "application/sparql-query"}
    if accept:
        headers["Accept"] = accept
    return request("POST", url + (f"?{params}" if params else ""), query, headers)
