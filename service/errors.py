"""The one place where errors become HTTP answers.

factkg's error tree (kg.errors) maps to a status by class; HTTP errors raised by Flask and
Werkzeug (404, 405, 406, 413, 415, ...) keep theirs. Machines get one JSON shape,
``{"error": {"status", "title", "detail"}}``; a browser (Accept prefers text/html) gets the
same content as a page. A bug is a 500, never a 400: nothing here catches ``Exception``.

A 5xx answer says what failed in words of ours and never quotes the error's own text, which
can hold an upstream service's reply (its URL, its HTML error page) or Python's: that text
is logged with the request's method and path. A 4xx answer keeps its message, which is
written for the client, but a Python message quoted in it ("'utf-8' codec can't decode
byte 0xff in position 24", "maximum recursion depth exceeded") is put in plain words.
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
from service.audit import note_reason
from service.conneg import HTML, Offer, negotiate
from service.query.runner import QueryTimeoutError, ResultTooLargeError

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
#: what a 5xx answer says, by class (the most specific wins); the error's text is logged
PUBLIC_DETAIL: dict[type[FactkgError], str] = {
    FactkgError: "the server failed to answer this request; the failure has been logged",
    ConfigError: "the server is misconfigured; the failure has been logged",
    StoreError: "the store failed to answer this request; the failure has been logged. "
    "Try again later",
    StoreLockedError: "the store is busy (open for writing by another process); try again later",
}
#: 5xx errors whose messages are ours alone, written for the client (a timeout's names the limit)
OWN_WORDS: tuple[type[FactkgError], ...] = (QueryTimeoutError,)
JSON = Offer("application/json", ("json",))
_PAGE_OR_JSON = (JSON, HTML)


def status_of(error: FactkgError) -> tuple[int, str]:
    for cls in type(error).__mro__:
        if cls in STATUS:
            return STATUS[cls]
    return STATUS[FactkgError]  # pragma: no cover - FactkgError is in every MRO


def public_detail(error: FactkgError) -> str:
    """What an answer may say about ``error``: its message for a 4xx (Python's own wording
    in it put plainly), a fixed text for a 5xx (see the module docstring)."""
    status, _ = status_of(error)
    if status < 500:
        return plain_words(str(error), error)
    if isinstance(error, OWN_WORDS):
        return str(error)
    for cls in type(error).__mro__:
        if cls in PUBLIC_DETAIL:
            return PUBLIC_DETAIL[cls]
    return PUBLIC_DETAIL[FactkgError]  # pragma: no cover - FactkgError is in every MRO


def plain_words(detail: str, error: BaseException) -> str:
    """``detail`` with the text of a Python exception it quotes (the error's cause) replaced
    by words for people: the client sent bytes that are not UTF-8, or nesting too deep to
    read; it gains nothing from a codec's name or the interpreter's recursion limit."""
    cause = error.__cause__
    if cause is None and not error.__suppress_context__:
        cause = error.__context__
    if isinstance(cause, UnicodeDecodeError):
        plain = f"byte {cause.start} (0x{cause.object[cause.start]:02x}) cannot be decoded"
    elif isinstance(cause, RecursionError):
        plain = "it is nested too deeply to be read"
    else:
        return detail
    said = str(cause)
    return detail.replace(said, plain) if said and said in detail else detail


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
    note_reason(detail)
    if wants_html():
        page = render_template("error.html", status=status, title=title, detail=detail)
        response = Response(page, status=status, mimetype="text/html")
    else:
        response = jsonify({"error": {"status": status, "title": title, "detail": detail}})
        response.status_code = status
    response.headers["Vary"] = "Accept"  # the shape depends on Accept
    return response


def log_failure(status: int, detail: str) -> None:
    """Log what a 5xx answer does not say (its real cause), with the request it answered."""
    current_app.logger.error("%s %s answered %d: %s", request.method, request.path, status, detail)


def _factkg_error(error: FactkgError) -> Response:
    status, title = status_of(error)
    detail = public_detail(error)
    if isinstance(error, ValidationError) and error.report_text:
        detail = f"{detail}\n\n{error.report_text}"
    if status >= 500:
        log_failure(status, str(error))
    return error_response(status, title, detail)


def _http_error(error: HTTPException) -> Response:
    status = error.code or 500
    detail = error.description or error.name
    if status >= 500:
        # werkzeug's own wording of the status, e.g. for an unhandled exception (a bug, which
        # Flask logs with its traceback)
        if detail != type(error).description:
            log_failure(status, detail)
        detail = type(error).description or error.name
    else:
        detail = plain_words(detail, error)
    response = error_response(status, error.name, detail)
    # keep what the exception's own response carries, e.g. Allow on a 405
    for name, value in error.get_headers():
        if name.lower() not in ("content-type", "content-length"):
            response.headers[name] = value
    return response


def init_app(app: Flask) -> None:
    app.register_error_handler(FactkgError, _factkg_error)
    app.register_error_handler(HTTPException, _http_error)
