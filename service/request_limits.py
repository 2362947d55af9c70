"""The one check of request bodies: size (MAX_BODY_BYTES) and charset, before anything reads
them. Used by the query endpoint, SPARQL Update and the Graph Store Protocol alike.

waitress also refuses bodies over MAX_BODY_BYTES (service/server.py sets its
max_request_body_size), so a huge body is not even spooled to disk; this check gives the
client a clear 413 in the one error shape, and ``max_content_length`` caps a chunked body
(no Content-Length) while werkzeug reads it.
"""

from __future__ import annotations

from flask import Request
from werkzeug.exceptions import RequestEntityTooLarge, UnsupportedMediaType

from service.config import get_config

UTF8 = ("utf-8", "utf8")


def check_size(req: Request, what: str = "the request body") -> None:
    """413 when the body is larger than MAX_BODY_BYTES."""
    limit = get_config().max_body_bytes
    req.max_content_length = limit
    if (req.content_length or 0) > limit:
        raise RequestEntityTooLarge(
            f"{what} ({req.content_length} bytes) is larger than MAX_BODY_BYTES ({limit} bytes)"
        )


def check_utf8(req: Request, what: str = "the request body") -> None:
    """415 when the body declares a charset other than UTF-8 (SPARQL is UTF-8)."""
    charset = req.mimetype_params.get("charset", "utf-8").lower()
    if charset not in UTF8:
        raise UnsupportedMediaType(f"{what} must be UTF-8 encoded, not {charset}")


def check_body(req: Request, what: str = "the request body") -> None:
    check_size(req, what)
    check_utf8(req, what)
