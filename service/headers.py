"""The security headers, set on every answer in one place: the app's last after_request.

Set per blueprint, they missed the answers no blueprint makes (a 404 for an unknown path, a
405) and the Graph Store Protocol's; here every response Flask sends gets them, error
answers included. A response that already has a Content-Security-Policy keeps it (the
query editor's is stricter than the pages'). The WSGI fast path of /sparql answers outside
Flask and adds DATA_HEADERS itself.
"""

from __future__ import annotations

from flask import Flask, Response

#: pages: our own scripts, styles and images only; no inline script, no framing
PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
#: anything that is not a page (JSON, RDF, SPARQL results): nothing to load or run
DATA_CSP = "default-src 'none'; base-uri 'none'; frame-ancestors 'none'"

COMMON = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}
DATA_HEADERS = (*COMMON.items(), ("Content-Security-Policy", DATA_CSP))


def security_headers(response: Response) -> Response:
    for name, value in COMMON.items():
        response.headers[name] = value
    if "Content-Security-Policy" not in response.headers:
        csp = PAGE_CSP if response.mimetype == "text/html" else DATA_CSP
        response.headers["Content-Security-Policy"] = csp
    return response


def init_app(app: Flask) -> None:
    """Register last: Flask runs after_request functions in reverse order, so this one runs
    after every other has shaped the response."""
    app.after_request_funcs.setdefault(None, []).insert(0, security_headers)
