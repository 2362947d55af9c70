"""The ingest API: articles and fact-checkers' verdicts posted over HTTP, with the token.

``POST /api/sources`` runs the same pipeline as ``factkg ingest`` (kg/pipeline.py) on one
body (plain text, HTML or ClaimReview JSON-LD, by ``Content-Type``); ``POST
/api/claims/<id>/reviews`` adds a verdict to a claim the store holds. Both need the bearer
token as the other writes do (service/writes/auth.py), are logged by service/audit.py, and
hold :data:`~service.writes.commit.WRITE_LOCK` while they read and write the store, so they
never interleave with a SPARQL Update or a Graph Store write.

One :class:`~kg.pipeline.Ingester` serves the app (``app.extensions[KEY]``): the spaCy model
loads once per process, on the first article, not when the app starts. Tests put their own
there (with the session's extractor) before the first request.
"""

from __future__ import annotations

import json
import re
import threading
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from flask import Blueprint, Response, current_app, jsonify, request
from werkzeug.exceptions import BadRequest, NotFound, RequestEntityTooLarge, UnsupportedMediaType

from kg.errors import InputError, ReaderError
from kg.namespace import FK, SCHEMA
from kg.nesting import MAX_JSON_DEPTH, json_depth
from service import request_limits
from service.audit import note_graphs, note_reason
from service.backend import get_store
from service.config import get_config
from service.pages import params
from service.writes.auth import check_write
from service.writes.commit import WRITE_LOCK

if TYPE_CHECKING:
    from kg.model import Review
    from kg.pipeline import Ingester, IngestReport
    from kg.store import Store

bp = Blueprint("api", __name__, url_prefix="/api")

KEY = "factkg.ingester"
#: what a source may be posted as; pyoxigraph's RDF types go to the Graph Store Protocol
SOURCE_TYPES = ("text/plain", "text/html", "application/ld+json")
REVIEW_TYPES = ("application/json", "application/ld+json")
#: a claim id as kg/ids.py makes them; anything else cannot name a stored claim (and must not
#: reach a query)
_CLAIM_ID = re.compile(r"[A-Za-z0-9._~-]{1,200}")
_ingester_lock = threading.Lock()


def get_ingester() -> Ingester:
    """The app's one Ingester, made on first use: the linker is built from the app's settings."""
    app = current_app
    with _ingester_lock:
        ingester: Ingester | None = app.extensions.get(KEY)
        if ingester is None:
            from kg.link.linking import Linker
            from kg.match.factchecked import matcher_for
            from kg.pipeline import Ingester

            names = ("WIKIDATA_ENDPOINT", "WIKIDATA_CACHE", "WIKIDATA_TIMEOUT", "CLAIM_MATCHING")
            environ = {f"FACTKG_{n}": str(app.config.get(n) or "") for n in names}
            store = get_store()
            ingester = Ingester(
                store,
                get_config().base_uri,
                linker=Linker.from_settings(environ),
                matcher=matcher_for(store, environ),
            )
            app.extensions[KEY] = ingester
    return ingester


# POST /api/sources --------------------------------------------------------------------------


@bp.post("/sources")
def post_source() -> Response:
    denied = check_write(request)
    if denied is not None:
        return denied
    url = _article_url()
    if request.mimetype not in SOURCE_TYPES:
        raise UnsupportedMediaType(
            f"cannot ingest {request.mimetype or 'a body without Content-Type'}; "
            f"send one of {', '.join(SOURCE_TYPES)} (RDF goes to /rdf-graph-store)"
        )
    data = _body()
    origin = url or "the request body"
    if request.mimetype == "application/ld+json":
        _check_json_depth(data, origin)
    ingester = get_ingester()
    try:
        _check_kind(data, origin)
        if request.mimetype in ("text/plain", "text/html"):
            ingester.extractor  # noqa: B018  (spaCy loads once, before the lock, not under it)
        with WRITE_LOCK:
            report = ingester.ingest_bytes(data, origin, request.mimetype, url=url)
    except InputError as e:
        return _refused("the article was refused; nothing was written", [_problem(e)])
    store = get_store()
    graphs = report.sources + _graphs_of(store, report.review_iris)
    note_graphs(graphs)
    if not graphs and report.refused:
        return _refused(
            "the article was refused; nothing was written", [r.reason for r in report.refused]
        )
    if graphs:
        status = 201
    elif report.skipped:  # the same text, already stored by this software and model
        graphs, status = list(report.skipped), 200
    else:
        return _refused("nothing in the body could be stored", ["no article or review found"])
    body = _report_body(store, report, graphs)
    if status == 200:
        body["unchanged"] = True
    if report.refused:  # several items in one body, some stored (a list of ClaimReviews)
        body["refused"] = [r.reason for r in report.refused]
    response = jsonify(body)
    response.status_code = status
    response.headers["Location"] = body["source"] or graphs[0]
    return response


def _check_kind(data: bytes, origin: str) -> None:
    """415 for JSON-LD that is RDF but no ClaimReview: the pipeline would import it as graphs
    that this answer cannot name; the Graph Store Protocol is the way to write RDF."""
    from kg.readers.sniff import sniff

    kind = sniff(data, origin, request.mimetype)
    if kind.startswith("rdf:"):
        raise UnsupportedMediaType(
            f"{origin} is RDF ({kind.removeprefix('rdf:')}), not a ClaimReview: "
            "write RDF through /rdf-graph-store"
        )


def _article_url() -> str | None:
    """``?url=``: the article's own address, an absolute http(s) IRI (its source id derives
    from it, so a new version of one page replaces the old)."""
    url = params.iri("url")
    if url is not None:
        parts = urlsplit(url)
        if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
            raise BadRequest(
                f"{request.path}: the parameter url must be an absolute http(s) IRI, "
                f"not {url[: params.SHOWN]!r}"
            )
    return url


def _body() -> bytes:
    """The body, no larger than MAX_BODY_BYTES nor MAX_ARTICLE_BYTES (413), as UTF-8 when its
    Content-Type names another charset (the readers know UTF-8 and UTF-16 by their marks only)."""
    request_limits.check_size(request)
    limit = int(current_app.config["MAX_ARTICLE_BYTES"])
    request.max_content_length = min(limit, request.max_content_length or limit)
    too_large = RequestEntityTooLarge(
        f"the article is larger than MAX_ARTICLE_BYTES ({limit} bytes); nothing was written"
    )
    if (request.content_length or 0) > limit:
        raise too_large
    data = request.get_data()
    charset = request.mimetype_params.get("charset", "").strip().lower()
    if charset and charset not in request_limits.UTF8:
        data = _transcode(data, charset)
    if len(data) > limit:
        raise too_large
    return data


def _transcode(data: bytes, charset: str) -> bytes:
    try:
        return data.decode(charset).encode("utf-8")
    except LookupError:  # unknown, or not a text encoding (base64, rot13 ...)
        reason = f"unknown charset {charset!r}"
    except UnicodeDecodeError as e:
        reason = f"not valid {charset}: byte {e.start} cannot be decoded"
    except ValueError:  # e.g. unicode_escape decoding to lone surrogates
        reason = f"does not decode as {charset} to Unicode text"
    raise _Refused("the body cannot be read; nothing was written", [f"the request body: {reason}"])


def _check_json_depth(data: bytes, origin: str) -> None:
    if json_depth(data) > MAX_JSON_DEPTH:
        raise _Refused(
            "the body was not read",
            [f"{origin} is nested more than {MAX_JSON_DEPTH} levels of arrays and objects"],
        )


def _report_body(store: Store, report: IngestReport, graphs: list[str]) -> dict[str, Any]:
    return {
        "source": _source_of(store, graphs),
        "graphs": graphs,
        "claims": report.claims,
        "actors": len(report.actors),
        "events": report.events,
        "reviews": report.reviews,
        "links": {"wikidata": report.links.wikidata, "geonames": report.links.geonames},
    }


def _source_of(store: Store, graphs: list[str]) -> str | None:
    """The fk:Source of the first graph that has one (None for fact-checks alone)."""
    for graph in graphs:
        rows = store.select(
            f"SELECT ?s WHERE {{ GRAPH <{graph}> {{ ?s a <{FK.Source}> }} }} LIMIT 1"
        )
        if rows:
            return str(rows[0]["s"])
    return None


def _graphs_of(store: Store, reviews: list[str]) -> list[str]:
    """The named graphs that hold ``reviews`` (the report names the reviews, not their graphs),
    for the answer and the audit log."""
    graphs: list[str] = []
    for review in reviews:
        rows = store.select(
            f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ <{review}> a <{FK.Review}> }} }}"
        )
        graphs += [str(r["g"]) for r in rows if str(r["g"]) not in graphs]
    return graphs


# POST /api/claims/<id>/reviews ---------------------------------------------------------------


@bp.post("/claims/<claim_id>/reviews")
def post_review(claim_id: str) -> Response:
    denied = check_write(request)
    if denied is not None:
        return denied
    store = get_store()
    claim = f"{get_config().base_uri}claim/{claim_id}"
    if not _CLAIM_ID.fullmatch(claim_id) or not store.ask(f"ASK {{ <{claim}> a <{FK.Claim}> }}"):
        raise NotFound(f"no claim <{claim}> in the store")
    if request.mimetype not in REVIEW_TYPES:
        raise UnsupportedMediaType(
            f"a review is JSON: send {' or '.join(REVIEW_TYPES)}, not "
            f"{request.mimetype or 'a body without Content-Type'}"
        )
    review = _review(store, claim, _body())
    with WRITE_LOCK:
        report = get_ingester().add_review(claim, review)
    graphs = _graphs_of(store, report.review_iris)
    note_graphs(graphs)
    if report.refused or not report.review_iris:
        reasons = [r.reason for r in report.refused] or ["the review was not stored"]
        return _refused("the review was refused; nothing was written", reasons)
    iri = report.review_iris[0]
    verdict = report.verdicts[0] if report.verdicts else None
    response = jsonify(
        {
            "review": iri,
            "claim": claim,
            "verdict": str(verdict) if verdict is not None else None,
            "rating": review.rating.alternate_name or review.rating.name,
            "graphs": graphs,
        }
    )
    response.status_code = 201
    response.headers["Location"] = iri
    return response


def _review(store: Store, claim: str, data: bytes) -> Review:
    """The one Review in the body: the short form (reviewer, url, datePublished, rating,
    claimReviewed) or a whole ClaimReview; the claim's own text when it names none."""
    from kg.readers.claimreview import read_claimreview_json

    origin = "the request body"
    _check_json_depth(data, origin)
    try:
        body = json.loads(data)
    except ValueError as e:  # UnicodeDecodeError included
        raise _Refused("the body is not JSON", [f"{origin}: {_short(e)}"]) from None
    if not isinstance(body, dict):
        raise _Refused("the body is not a review", [f"{origin} must be one JSON object"])
    if "@type" not in body and "@context" not in body:
        body = _claimreview_of(body)
    if not body.get("claimReviewed"):
        rows = store.select(f"SELECT ?t WHERE {{ <{claim}> <{SCHEMA.text}> ?t }} LIMIT 1")
        if rows:
            body["claimReviewed"] = str(rows[0]["t"])
    try:
        reviews = read_claimreview_json(json.dumps(body).encode("utf-8"), origin)
    except InputError as e:
        raise _Refused("the review was refused; nothing was written", [_problem(e)]) from None
    if len(reviews) != 1:
        found = f"{len(reviews)} ClaimReviews" if reviews else "no ClaimReview"
        raise _Refused(
            "the review was refused; nothing was written", [f"{origin}: {found}, expected one"]
        )
    return reviews[0]


def _claimreview_of(short: dict[str, Any]) -> dict[str, Any]:
    """The short form as schema.org's ClaimReview, which the reader knows."""
    review: dict[str, Any] = {"@context": "https://schema.org", "@type": "ClaimReview"}
    for key in ("url", "datePublished", "claimReviewed", "inLanguage"):
        if key in short:
            review[key] = short[key]
    reviewer = short.get("reviewer")
    if isinstance(reviewer, str):
        review["author"] = {"@type": "Organization", "name": reviewer}
    elif reviewer is not None:
        review["author"] = reviewer
    rating = short.get("rating")
    if isinstance(rating, dict):
        review["reviewRating"] = {"@type": "Rating", **rating}
    elif rating is not None:
        review["reviewRating"] = {"@type": "Rating", "alternateName": str(rating)}
    return review


# answers ------------------------------------------------------------------------------------


class _Refused(Exception):
    """Input refused before anything was written: a 400 with the reasons."""

    def __init__(self, error: str, reasons: list[str]) -> None:
        super().__init__(error)
        self.reasons = reasons


def _refused(error: str, reasons: list[str]) -> Response:
    """400 in the service's error shape, with each reason the input was refused for."""
    note_reason(f"{error}: {'; '.join(reasons)}")
    detail = f"{error}: {reasons[0]}" if len(reasons) == 1 else error
    response = jsonify(
        {"error": {"status": 400, "title": "Refused", "detail": detail}, "reasons": reasons}
    )
    response.status_code = 400
    return response


def _problem(error: InputError) -> str:
    return error.problem if isinstance(error, ReaderError) else str(error)


def _short(error: Exception) -> str:
    return str(error).split("\n")[0][:200]


@bp.errorhandler(_Refused)
def _on_refused(error: _Refused) -> Response:
    return _refused(str(error), error.reasons)
