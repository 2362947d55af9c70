"""SPARQL 1.1 Update on /sparql: bearer token, then validate-before-write.

How an update is run (the store must never hold an invalid graph, not even for a moment):

0. The request is read with the engine's grammar (kg.sparql): a syntax error, nesting past
   its limit, or a LOAD / SERVICE outside FEDERATION_ALLOWLIST is refused (400) before any
   other parser sees the text. The reading also cuts it into operations.
1. Each operation is analysed to find the graphs it writes and reads: INSERT/DELETE DATA
   graph names come from the reading (rdflib's parser is quadratic on large data blocks);
   for the others rdflib's algebra gives WITH, USING, GRAPH clauses, CLEAR/DROP/CREATE/ADD/
   COPY/MOVE targets. ``GRAPH ?g`` templates, ``CLEAR ALL`` and reads of the default graph
   cannot be pinned down statically: they take every graph of the store as candidate.
2. The candidate graphs are copied into an in-memory pyoxigraph store whose default graph is
   their union (our default graph is the union of the named graphs), and the operations run
   there, one by one, in order, in a child process (service/writes/update_worker.py): pyoxigraph
   parses the client's text only there, so a crash of its parser costs one request; the child
   is killed at QUERY_TIMEOUT (503, nothing written, the write lock free again), and while
   FEDERATION_ALLOWLIST is empty it has no network at all (ISOLATE_WORKERS).
3. Every named graph whose content differs is validated against the shapes; any failure
   refuses the whole request (400 with the SHACL report) and nothing is written.
4. The difference is applied to the real store in one update (one transaction), with
   ``touched=`` so listeners (the search index) refresh.

Refused on purpose (400): writes to the default graph (it is the union view: write inside
``GRAPH <iri> { }`` or use ``WITH``), ``CLEAR/DROP DEFAULT``, ``MOVE DEFAULT``, and ``LOAD`` /
``SERVICE`` to anything outside ``FEDERATION_ALLOWLIST`` (the server never opens a URL or file
on a client's behalf).
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox
from flask import Request, Response
from rdflib.plugins.sparql.algebra import translateUpdate
from rdflib.plugins.sparql.parser import parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import Variable
from werkzeug.exceptions import UnsupportedMediaType

from kg.errors import QueryError, StoreError, ValidationError
from kg.no_network import FLAG
from kg.sparql import reach
from kg.sparql.grammar import read_update
from kg.store.terms import checked_iri
from service import request_limits
from service.backend import get_store
from service.config import get_config
from service.query.runner import QueryTimeoutError
from service.writes import operations as update_text
from service.writes import update_worker
from service.writes.auth import check_write
from service.writes.commit import WRITE_LOCK, Change, commit, read_graph
from service.writes.responses import validation_response

FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-update"
DEFAULT_GRAPH_REFUSAL = (
    "the default graph is the union of the named graphs and cannot be written to: "
    "put the triples inside GRAPH <iri> { ... } (or use WITH <iri>)"
)


@dataclass
class Plan:
    """What one operation writes and reads, as far as its text tells."""

    text: str
    writes: set[str] = field(default_factory=set)
    reads: set[str] = field(default_factory=set)
    everything: bool = False  # needs every graph of the store
    union_default: bool = False  # reads our default graph (the union)
    pattern: bool = False  # has a WHERE clause (may run away: run it in a killable child)


def handle_update(request: Request) -> Response:
    """Run the update in ``request`` (POST form ``update=`` or direct) and answer it."""
    denied = check_write(request)
    if denied is not None:
        return denied
    try:
        text, using, using_named = _read_request(request)
        cfg = get_config()
        base = cfg.endpoint_iri
        reading = read_update(text, base)
        reach.check_update(reading, cfg.federation_allowlist)
        ops = update_text.split(text, reading)
        plans = [_plan(op, base, using, using_named) for op in ops]
        with WRITE_LOCK:
            changed = _run(plans, base)
    except ValidationError as e:  # 400 with the SHACL report; other errors: service/errors.py
        return validation_response(request, e)
    response = Response(status=204)
    response.headers["X-Factkg-Changed-Graphs"] = str(len(changed))
    return response


# request ----------------------------------------------------------------------------------


def _read_request(request: Request) -> tuple[str, list[str], list[str]]:
    """The update string and the protocol's USING dataset, per SPARQL 1.1 Protocol 2.2."""
    request_limits.check_body(request, "the update")
    mimetype = request.mimetype
    if mimetype == FORM:
        updates = request.form.getlist("update")
        if len(updates) != 1:
            raise QueryError(f"expected exactly one 'update' parameter, got {len(updates)}")
        text = updates[0]
        using = request.form.getlist("using-graph-uri") + request.args.getlist("using-graph-uri")
        named = request.form.getlist("using-named-graph-uri") + request.args.getlist(
            "using-named-graph-uri"
        )
    elif mimetype == DIRECT:
        try:
            text = request.get_data().decode("utf-8")
        except UnicodeDecodeError as e:
            raise QueryError(f"the update body is not valid UTF-8: {e}") from e
        using = request.args.getlist("using-graph-uri")
        named = request.args.getlist("using-named-graph-uri")
    else:
        raise UnsupportedMediaType(
            f"an update is POSTed as {FORM} or {DIRECT}, not {mimetype or 'no content type'}"
        )
    for iri in using + named:
        checked_iri(iri, "using-graph-uri")
    return text, using, named


# analysis ---------------------------------------------------------------------------------


def _plan(op: update_text.Operation, base: str, using: list[str], named: list[str]) -> Plan:
    if op.keyword in ("INSERT DATA", "DELETE DATA"):
        return _plan_data(op)
    try:
        algebra = translateUpdate(parseUpdate(op.full), base=base).algebra
    except Exception as e:  # rdflib raises bare Exceptions (unknown prefix, ...): bad input
        raise QueryError(f"SPARQL update syntax error: {e}") from e
    if len(algebra) != 1:
        raise QueryError("could not separate the operations of the update")
    node = algebra[0]
    name = node.name
    plan = Plan(op.full)
    if name in ("InsertData", "DeleteData"):
        if node.triples:
            keyword = "INSERT" if name == "InsertData" else "DELETE"
            raise QueryError(f"{keyword} DATA into the default graph: {DEFAULT_GRAPH_REFUSAL}")
        plan.writes |= {str(g) for g in node.quads}
    elif name in ("Modify", "DeleteWhere"):
        _plan_pattern_update(node, op, plan, using, named)
    elif name in ("Clear", "Drop"):
        target = node.graphiri
        if target == "DEFAULT":
            raise QueryError(
                f"{name.upper()} DEFAULT: the default graph is the union of the named graphs; "
                f"name the graph (GRAPH <iri>) or use ALL or NAMED"
            )
        if target in ("ALL", "NAMED"):
            plan.everything = True
        else:
            plan.writes.add(str(target))
    elif name == "Create":
        plan.writes.add(str(node.graphiri))
    elif name in ("Add", "Copy", "Move"):
        source, target = node.graph
        if target == "DEFAULT":
            raise QueryError(f"{name.upper()} ... TO DEFAULT: {DEFAULT_GRAPH_REFUSAL}")
        plan.writes.add(str(target))
        if source == "DEFAULT":
            if name == "Move":
                raise QueryError("MOVE DEFAULT would empty every graph; use COPY or ADD")
            plan.everything = plan.union_default = True
        else:
            plan.reads.add(str(source))
            if name == "Move":
                plan.writes.add(str(source))
    elif name == "Load":
        source = str(node.iri)
        if not _allowed(source):
            raise QueryError(
                f"LOAD <{source}> is refused: the server does not fetch URLs or files "
                "outside FEDERATION_ALLOWLIST"
            )
        if node.graphiri is None:
            raise QueryError(f"LOAD into the default graph: {DEFAULT_GRAPH_REFUSAL}")
        plan.writes.add(str(node.graphiri))
    else:
        raise QueryError(f"unsupported update operation {name}")
    return plan


def _plan_data(op: update_text.Operation) -> Plan:
    """INSERT DATA / DELETE DATA write the graphs their GRAPH blocks name (the reading
    found them; rdflib's parser is quadratic on large DATA blocks)."""
    if op.default_triples:
        raise QueryError(f"{op.keyword} into the default graph: {DEFAULT_GRAPH_REFUSAL}")
    return Plan(op.full, writes=set(op.graphs))


def _plan_pattern_update(
    node: CompValue, op: update_text.Operation, plan: Plan, using: list[str], named: list[str]
) -> None:
    plan.pattern = True
    own_using = list(node.using or [])
    with_graph = node.withClause
    if (using or named) and (own_using or with_graph is not None):
        raise QueryError(
            "using-graph-uri/using-named-graph-uri cannot be combined with USING or WITH "
            "in the update (SPARQL 1.1 Protocol 2.2.3)"
        )
    if using or named:
        plan.text = update_text.with_dataset(op, using, named)
        defaults, nameds = list(using), list(named)
    else:
        defaults = [str(u.default) for u in own_using if u.default is not None]
        nameds = [str(u.named) for u in own_using if u.named is not None]
    has_dataset = bool(using or named or own_using)

    templates = [node] if node.name == "DeleteWhere" else [node.delete, node.insert]
    for template in templates:
        if template is None:
            continue
        if template.triples:
            if with_graph is None:
                raise QueryError(f"a DELETE/INSERT template outside GRAPH: {DEFAULT_GRAPH_REFUSAL}")
            plan.writes.add(str(with_graph))
        for g in template.quads or {}:
            if isinstance(g, Variable):
                plan.everything = True
            else:
                plan.writes.add(str(g))

    reads = _Reads()
    if node.name == "DeleteWhere":
        reads.walk_template(node)
    else:
        reads.walk(node.where, in_graph=False)
    for service in reads.services:
        if service is None or not _allowed(service):
            raise QueryError(
                f"SERVICE <{service or '?var'}> is refused: the server does not call out to "
                "endpoints outside FEDERATION_ALLOWLIST"
            )
    plan.reads |= reads.graphs | set(defaults) | set(nameds)
    if with_graph is not None:
        plan.reads.add(str(with_graph))
    if reads.any_named and not nameds:
        plan.everything = True
    if reads.default and not has_dataset and with_graph is None:
        plan.everything = plan.union_default = True


class _Reads:
    """The graphs a WHERE pattern reads (rdflib algebra, including EXISTS and subqueries)."""

    def __init__(self) -> None:
        self.graphs: set[str] = set()
        self.any_named = False  # GRAPH ?var
        self.default = False  # a pattern outside any GRAPH
        self.services: list[str | None] = []

    def walk(self, node: Any, in_graph: bool) -> None:
        if isinstance(node, CompValue):
            if node.name in ("Graph", "GraphGraphPattern"):
                self._graph(node.term)
                self.walk(node.p if node.name == "Graph" else node.graph, True)
                return
            if node.name == "ServiceGraphPattern":
                term = node.term
                self.services.append(None if isinstance(term, Variable) else str(term))
                return
            if node.name in ("BGP", "TriplesBlock") and node.triples and not in_graph:
                self.default = True
            for value in node.values():
                self.walk(value, in_graph)
        elif isinstance(node, list | tuple):
            for item in node:
                self.walk(item, in_graph)

    def walk_template(self, node: CompValue) -> None:
        if node.triples:
            self.default = True
        for g in node.quads or {}:
            self._graph(g)

    def _graph(self, term: object) -> None:
        if isinstance(term, Variable):
            self.any_named = True
        else:
            self.graphs.add(str(term))


def _allowed(iri: str) -> bool:
    return get_config().allowed(iri)


# execution --------------------------------------------------------------------------------


def _run(plans: list[Plan], base: str) -> list[str]:
    """Run ``plans`` on a copy of the graphs they need, validate, apply; the changed IRIs."""
    store = get_store()
    candidates: set[str] = set()
    for plan in plans:
        candidates |= plan.writes | plan.reads
    if any(p.everything for p in plans):
        candidates |= set(store.graph_iris())
    before = {iri: read_graph(store, iri) for iri in candidates}
    existed = {iri for iri in candidates if before[iri] or store.has_graph(iri)}

    ops = [(p.text, p.union_default) for p in plans]
    after = _evaluate_in_child(existed, before, ops, base)

    stray = sorted(set(after) - candidates)
    for iri in stray:
        if store.has_graph(iri):  # the analysis missed a graph it should have copied
            raise QueryError(f"could not determine statically that the update touches <{iri}>")
        before[iri] = set()
    changes = [
        Change(iri, iri in existed, before[iri], after.get(iri))
        for iri in sorted(candidates | set(stray))
    ]
    return commit(store, changes)


Graphs = dict[str, set[ox.Quad]]


def _evaluate_in_child(
    existed: set[str], before: Graphs, ops: list[tuple[str, bool]], base: str
) -> Graphs:
    """In a child: killed at QUERY_TIMEOUT (a WHERE clause can run away), the only process
    where pyoxigraph parses the client's text, and without network (ISOLATE_WORKERS)."""
    cfg = get_config()
    timeout = cfg.query_timeout
    nquads = "".join(f"{q} .\n" for iri in existed for q in before[iri])
    job = {
        "base": base,
        "ops": [{"text": text, "union": union} for text, union in ops],
        "graphs": sorted(existed),
        "nquads": nquads,
    }
    try:
        done = subprocess.run(
            [sys.executable, update_worker.__file__, *([FLAG] if cfg.isolate_workers else [])],
            input=json.dumps(job).encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as e:  # subprocess.run has killed the child
        raise QueryTimeoutError(
            f"the update ran past QUERY_TIMEOUT ({timeout:g} s) and was stopped; "
            "nothing was written"
        ) from e
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace")[-500:]
        raise StoreError(f"the update worker failed: {detail}")
    answer = json.loads(done.stdout)
    if "error" in answer:
        raise _failure(answer["error"], answer["message"])
    after: Graphs = {iri: set() for iri in answer["graphs"]}
    for q in ox.parse(answer["nquads"].encode("utf-8"), format=ox.RdfFormat.N_QUADS):
        after.setdefault(q.graph_name.value, set()).add(q)
    return after


def _failure(kind: str, message: str) -> QueryError:
    if kind == "syntax":
        return QueryError(f"SPARQL update syntax error: {message}")
    return QueryError(f"the update failed: {message}")
