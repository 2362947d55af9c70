"""Bearer-token check for every write (SPARQL Update, Graph Store Protocol).

The token comes from ``FACTKG_API_TOKEN`` (``app.config["API_TOKEN"]``). With no token
configured the service is read-only: writes are refused 403, whoever asks. A missing or wrong
token is 401 with ``WWW-Authenticate: Bearer`` (RFC 6750), compared in constant time.
"""

from __future__ import annotations

import hmac

from flask import Request, Response, current_app

from service.audit import note_write
from service.writes.responses import error_response as _error


def check_write(request: Request) -> Response | None:
    """None when ``request`` may write; otherwise the 401/403 response to send."""
    expected = current_app.config.get("API_TOKEN")
    if not expected:
        note_write("unconfigured")
        return _error(403, "this endpoint is read-only (no FACTKG_API_TOKEN is configured)")
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        note_write("missing")
        response = _error(401, "writes need an 'Authorization: Bearer <token>' header")
        response.headers["WWW-Authenticate"] = 'Bearer realm="factkg"'
        return response
    if not hmac.compare_digest(token.strip().encode(), str(expected).encode()):
        note_write("invalid")
        response = _error(401, "the bearer token is not valid")
        response.headers["WWW-Authenticate"] = 'Bearer realm="factkg", error="invalid_token"'
        return response
    note_write("valid")
    return None
