"""The one place where errors become HTTP answers.

factkg's error tree (kg.errors) maps to a status by class; HTTP errors raised by Flask and
Werkzeug (404, 405, 406, 413, 415, ...) keep theirs. Machines get one JSON shape,
``{"error": {"status", "title", "detail"}}``; a browser (Accept prefers text/html) gets the
same content as a page. A bug is a 500, never a 400: nothing here catches ``Exception``.
"""

from __future__ import annotations

from flask import Flask, Response, current_app, g, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from kg.errors import (
    ConfigError,
    FactkgError,
    InputError,
    QueryError,
    StoreError,
    StoreLockedError,
    ValidationError,
)
from service.conneg import HTML, Offer, negotiate
from service.query_runner import QueryTimeoutError, ResultTooLargeError

#: (status, title) by class; the most specific class in an error's MRO wins.
STATUS: dict[type[FactkgError], tuple[int, str]] = {
    FactkgError: (500, "Internal error"),
    InputError: (400, "Bad input"),
    ValidationError: (400, "Invalid data"),
    QueryError: (400, "Bad query"),
    ResultTooLargeError: (422, "Result too large"),
    ConfigError: (500, "Configuration error"),
    StoreError: (500, "Store failure"),
    StoreLockedError: (503, "Store busy"),
    QueryTimeoutError: (503, "Query timeout"),
}
JSON = Offer("application/json", ("json",))
_PAGE_OR_JSON = (JSON, HTML)


def status_of(error: FactkgError) -> tuple[int, str]:
    for cls in type(error).__mro__:
        if cls in STATUS:
            return STATUS[cls]
    return STATUS[FactkgError]  # pragma: no cover - FactkgError is in every MRO


def answer_errors_as_html() -> None:
    """A route whose own negotiation chose HTML (e.g. a resource URL asked with no Accept) has
    its errors rendered as a page too, so the answer's type does not flip on a 404."""
    g.factkg_error_html = True


def wants_html() -> bool:
    """True when the client prefers a page to JSON (a browser), or the route chose HTML."""
    if g.get("factkg_error_html"):
        return True
    return negotiate(request.headers.get("Accept"), _PAGE_OR_JSON) is HTML


def error_response(status: int, title: str, detail: str) -> Response:
    if wants_html():
        page = render_template("error.html", status=status, title=title, detail=detail)
        response = Response(page, status=status, mimetype="text/html")
    else:
        response = jsonify({"error": {"status": status, "title": title, "detail": detail}})
        response.status_code = status
    response.headers["Vary"] = "Accept"  # the shape depends on Accept
    return response


def _factkg_error(error: FactkgError) -> Response:
    status, title = status_of(error)
    detail = str(error)
    if isinstance(error, ValidationError) and error.report_text:
        detail = f"{detail}\n\n{error.report_text}"
    if status >= 500:
        current_app.logger.error("%s %s: %s", request.method, request.path, detail)
    return error_response(status, title, detail)


def _http_error(error: HTTPException) -> Response:
    status = error.code or 500
    response = error_response(status, error.name, error.description or error.name)
    # keep what the exception's own response carries, e.g. Allow on a 405
    for name, value in error.get_headers():
        if name.lower() not in ("content-type", "content-length"):
            response.headers[name] = value
    return response


def init_app(app: Flask) -> None:
    app.register_error_handler(FactkgError, _factkg_error)
    app.register_error_handler(HTTPException, _http_error)
