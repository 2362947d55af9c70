"""Error answers of the write side, in the service's one error shape (service/errors.py),
and the SHACL report for refused writes."""

from __future__ import annotations

import json

from flask import Request, Response

from kg.errors import ValidationError
from service import errors
from service.audit import note_reason

TITLES = {
    400: "Bad request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not found",
    406: "Not acceptable",
    413: "Payload too large",
    415: "Unsupported media type",
    422: "Result too large",
}


def error_response(status: int, detail: str) -> Response:
    return errors.error_response(status, TITLES.get(status, "Error"), detail)


def validation_response(request: Request, error: ValidationError) -> Response:
    """400 with the SHACL report: Turtle, plain text, or JSON holding both (the default)."""
    note_reason(str(error))
    best = request.accept_mimetypes.best_match(
        ["application/json", "text/turtle", "text/plain"], default="application/json"
    )
    if best == "text/turtle":
        return Response(error.report_turtle, 400, mimetype="text/turtle")
    if best == "text/plain":
        text = f"{error}\n\n{error.report_text}\n\n{error.report_turtle}"
        return Response(text, 400, mimetype="text/plain")
    body = {
        "error": {
            "status": 400,
            "title": "Invalid data",
            "detail": str(error),
            "report": error.report_text,
            "report_turtle": error.report_turtle,
        }
    }
    return Response(json.dumps(body, ensure_ascii=False), 400, mimetype="application/json")
