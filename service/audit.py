"""One log line per write and per refused request, through the app's logger.

A write (SPARQL Update, Graph Store ``PUT``/``POST``/``DELETE``: every request that reaches
``service/writes/auth.py``) is logged once, when its answer is sent: who (whether a bearer
token came and whether it was the right one, the client's address), what (the named graphs
it changed or would have changed, when known) and the result (``written``, or ``refused``
with the status and the reason the answer gave). Any other request answered with a 4xx or
5xx status is logged as ``refused`` with its status, method, path and reason. The bearer
token itself is never logged.

A line is ``key=value`` pairs (values with spaces or quotes JSON-quoted), e.g.
``event=write result=written status=204 method=PUT path=/rdf-graph-store client=10.0.0.7
token=valid graphs=<http://example.org/g1>``; the same fields are on the log record as
``record.factkg`` (a dict), for handlers that write JSON.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable

from flask import Flask, Response, current_app, g, has_request_context, request

#: the levels: a write is worth an INFO line, a refusal a WARNING (a 5xx is also logged as
#: an ERROR with its real cause by service/errors.py)
WRITE_LEVEL = logging.INFO
REFUSED_LEVEL = logging.WARNING
MAX_REASON = 300


def note_write(token: str) -> None:
    """This request is a write; ``token``: 'valid', 'invalid', 'missing' or 'unconfigured'."""
    if has_request_context():
        g.factkg_audit_token = token


def note_graphs(iris: Iterable[str]) -> None:
    """The named graphs this write changes (or would have)."""
    if has_request_context():
        known: list[str] = g.setdefault("factkg_audit_graphs", [])
        known.extend(i for i in iris if i not in known)


def note_reason(reason: str) -> None:
    """Why this request is refused: the detail its error answer gives."""
    if has_request_context() and not g.get("factkg_audit_reason"):
        g.factkg_audit_reason = reason


def format_fields(fields: dict[str, object]) -> str:
    parts = []
    for key, value in fields.items():
        text = str(value)
        if not text or any(c.isspace() or c in "\"'=\\" for c in text):
            text = json.dumps(text, ensure_ascii=False)
        parts.append(f"{key}={text}")
    return " ".join(parts)


def _client() -> str:
    return request.remote_addr or "-"


def _reason() -> str:
    reason = " ".join(str(g.get("factkg_audit_reason") or "").split())
    return reason[:MAX_REASON] + ("…" if len(reason) > MAX_REASON else "")


def _log(response: Response) -> Response:
    status = response.status_code
    token = g.get("factkg_audit_token")
    if token is None and status < 400:
        return response
    fields: dict[str, object] = {}
    if token is not None:
        fields["event"] = "write"
        fields["result"] = "written" if status < 400 else "refused"
    else:
        fields["event"] = "refused"
    fields.update(status=status, method=request.method, path=request.path, client=_client())
    if token is not None:
        fields["token"] = token
        graphs = g.get("factkg_audit_graphs") or []
        fields["graphs"] = ",".join(f"<{i}>" for i in graphs) or "-"
    if status >= 400:
        fields["reason"] = _reason() or response.status
    level = REFUSED_LEVEL if status >= 400 else WRITE_LEVEL
    current_app.logger.log(level, "%s", format_fields(fields), extra={"factkg": fields})
    return response


def init_app(app: Flask) -> None:
    app.after_request(_log)
    if app.logger.level == logging.NOTSET:
        # Flask's logger passes records on at WARNING and above by default: writes are INFO
        app.logger.setLevel(logging.INFO)
