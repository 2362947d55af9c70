"""A plain HTTP client over a real socket (http.client: no redirects, no exceptions on 4xx)."""

from __future__ import annotations

import http.client
import re
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass
class Reply:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    def links(self, prefix: str) -> list[str]:
        """Distinct hrefs starting with ``prefix``, in page order."""
        found = re.findall(r'href="(' + re.escape(prefix) + r'[^"#]*)"', self.text)
        return list(dict.fromkeys(f.replace("&amp;", "&") for f in found))


def get(url: str, accept: str | None = None) -> Reply:
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=60)
    try:
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        conn.request("GET", path, headers={"Accept": accept} if accept else {})
        resp = conn.getresponse()
        return Reply(resp.status, resp.headers, resp.read())
    finally:
        conn.close()
