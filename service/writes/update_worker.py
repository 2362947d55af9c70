"""Run an update's operations on an in-memory copy of graphs, in process or in a child.

``python service/writes/update_worker.py`` reads a job (JSON: base IRI, operations, the graphs as
N-Quads) on stdin and writes the resulting named graphs on stdout. The service runs updates
with a WHERE clause this way, as a fresh interpreter it can kill when QUERY_TIMEOUT passes
(pyoxigraph cannot cancel a query, and a thread cannot be stopped), and so that pyoxigraph
parses the client's text in a process whose crash costs one request. With ``--no-network``
(FEDERATION_ALLOWLIST empty) it first moves into a network namespace of its own. It imports
nothing from factkg but kg.no_network.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable

import pyoxigraph as ox

from kg.no_network import FLAG, isolate_network

#: our default graph is the union of the named graphs: rebuilt before an operation reads it
REFRESH_UNION = "CLEAR DEFAULT ; INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"


class UpdateFailed(Exception):
    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind  # "syntax" or "failed"


def apply_ops(copy: ox.Store, ops: Iterable[tuple[str, bool]], base: str) -> None:
    """Run each (update text, reads the union default graph) on ``copy``, in order."""
    for text, union in ops:
        if union:
            copy.update(REFRESH_UNION)
        try:
            copy.update(text, base_iri=base)
        except SyntaxError as e:
            raise UpdateFailed("syntax", str(e)) from e
        except (OSError, RuntimeError) as e:  # a LOAD that cannot be read, CREATE of an
            raise UpdateFailed("failed", str(e)) from e  # existing graph, DROP of a missing one


def named_graphs(copy: ox.Store) -> list[str]:
    return [g.value for g in copy.named_graphs() if isinstance(g, ox.NamedNode)]


def main() -> None:
    job = json.loads(sys.stdin.buffer.read())
    copy = ox.Store()
    for iri in job["graphs"]:
        copy.add_graph(ox.NamedNode(iri))
    # parse() keeps blank node labels (Store.load renames them), so the parent can diff
    copy.extend(ox.parse(job["nquads"].encode("utf-8"), format=ox.RdfFormat.N_QUADS))
    answer: dict[str, object]
    try:
        apply_ops(copy, [(op["text"], op["union"]) for op in job["ops"]], job["base"])
    except UpdateFailed as e:
        answer = {"error": e.kind, "message": str(e)}
    else:
        copy.update("CLEAR DEFAULT")
        dump = copy.dump(format=ox.RdfFormat.N_QUADS)
        answer = {"graphs": named_graphs(copy), "nquads": (dump or b"").decode("utf-8")}
    sys.stdout.write(json.dumps(answer))


if __name__ == "__main__":
    if FLAG in sys.argv[1:]:
        why = isolate_network()
        if why is not None:
            print(f"factkg update worker: network not isolated: {why}", file=sys.stderr)
    main()
