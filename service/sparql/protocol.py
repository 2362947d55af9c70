"""What both sides of /sparql share: the Flask view (endpoint.py) and the WSGI fast path in
front of it (fast_path.py). Kept apart so neither imports the other."""

from __future__ import annotations

from service import conneg

FORM = "application/x-www-form-urlencoded"
QUERY_DIRECT = "application/sparql-query"
UPDATE_DIRECT = "application/sparql-update"
#: what SELECT/ASK and CONSTRUCT/DESCRIBE answers may be, a page included
RESULT_OFFERS = (*conneg.RESULTS, conneg.HTML)
GRAPH_OFFERS = (*conneg.GRAPHS, conneg.HTML)
CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "Content-Type, Content-Length",
}
PREFLIGHT = {
    **CORS,
    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
    "Access-Control-Allow-Headers": "Accept, Content-Type",
    "Access-Control-Max-Age": "86400",
}
#: environ key: an error the fast path met, handed to the view to raise in one shape
STASH = "factkg.sparql_error"
