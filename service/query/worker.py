"""The child side of the query pool: one process that runs SPARQL queries on a read-only store.

Started as ``python service/query/worker.py STORE_PATH [--no-network]`` (a script, not
``-m``, so it imports nothing but pyoxigraph, the standard library and factkg's pure-Python
SPARQL reader, and a replacement starts fast). Before running a query it reads it with the
engine's grammar (kg.sparql) and refuses what would reach outside the store or nest too
deeply: that parse happens here, in a process the parent kills at QUERY_TIMEOUT, not in the
server. With ``--no-network`` (FEDERATION_ALLOWLIST empty) it first moves into a network
namespace of its own, where no connection can be opened at all: a second wall behind the
reading. It serialises in Rust, stops serialising as soon as the answer passes the size
cap, and writes the bytes to its stdout. ``Store.read_only`` sees the store as of opening, so
the process reopens it whenever the parent's write generation has moved.

Wire format, both ways a length-prefixed message (:func:`write_message`). Parent -> child: a
:class:`Job` as a JSON array. Child -> parent: a status byte, then for ``R`` a kind byte
(``s`` solutions, ``b`` boolean, ``g`` graph) and the serialised answer; for ``N`` the kind
byte (its format is not acceptable); for ``L`` the size cap; for ``S`` (syntax), ``Q`` (a
query refused: it reaches outside the store or nests too deeply) and ``E`` (other failure) a
UTF-8 message. An empty message asks the child to exit.
"""

from __future__ import annotations

import ctypes
import json
import os
import signal
import struct
import sys
import time
from typing import IO, NamedTuple, cast

import pyoxigraph as ox

from kg.errors import QueryError
from kg.no_network import FLAG, isolate_network
from kg.sparql import reach
from kg.sparql.grammar import explain

PR_SET_PDEATHSIG = 1  # linux/prctl.h
OPEN_ATTEMPTS = 20
NO_NETWORK = FLAG


class Job(NamedTuple):
    generation: int
    query: str
    results_format: str | None  # media type for SELECT/ASK; None: not acceptable
    graph_format: str | None  # media type for CONSTRUCT/DESCRIBE; None: not acceptable
    default_graphs: list[str] | None  # None: the union of all named graphs, or FROM
    named_graphs: list[str] | None
    max_bytes: int
    base_iri: str | None  # relative IRIs resolve against it (BASE_URI + "sparql")
    allowlist: list[str]  # FEDERATION_ALLOWLIST: what SERVICE may call


class _TooLarge(Exception):
    pass


class _CappedBuffer:
    """A binary sink for pyoxigraph's serialisers that refuses to grow past ``cap``."""

    def __init__(self, cap: int) -> None:
        self.parts: list[bytes] = []
        self.size = 0
        self.cap = cap

    def write(self, data: bytes) -> int:
        self.size += len(data)
        if self.size > self.cap:
            raise _TooLarge
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass


def run(store: ox.Store, job: Job) -> bytes:
    """The reply message for ``job`` (see the module docstring)."""
    dataset_given = job.default_graphs is not None or job.named_graphs is not None
    try:
        uses_from = reach.check_query(
            job.query,
            base_iri=job.base_iri,
            allowlist=job.allowlist,
            has_graph=lambda iri: store.contains_named_graph(ox.NamedNode(iri)),
            dataset_given=dataset_given,
        )
    except QueryError as e:
        return (b"S" if "syntax error" in str(e) else b"Q") + str(e).encode("utf-8", "replace")
    kwargs: dict[str, object] = {"base_iri": job.base_iri}
    if dataset_given:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in job.default_graphs or ()]
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs or ()]
    elif not uses_from:  # our default graph is the union of the named graphs
        kwargs["use_default_graph_as_union"] = True
    try:
        results = store.query(job.query, **kwargs)  # type: ignore[arg-type]
        sink = _CappedBuffer(job.max_bytes)
        if isinstance(results, ox.QueryTriples):
            kind, graph_format = b"g", _rdf_format(job.graph_format)
            if graph_format is None:
                return b"N" + kind
            results.serialize(cast(IO[bytes], sink), format=graph_format)
        else:
            kind = b"b" if isinstance(results, ox.QueryBoolean) else b"s"
            results_format = _results_format(job.results_format)
            if results_format is None:
                return b"N" + kind
            results.serialize(cast(IO[bytes], sink), format=results_format)
        return b"R" + kind + b"".join(sink.parts)
    except _TooLarge:
        return b"L" + str(job.max_bytes).encode()
    except SyntaxError as e:
        return b"S" + explain(job.query, e, base_iri=job.base_iri).encode("utf-8", "replace")
    except (OSError, ValueError, RuntimeError, TypeError) as e:
        return b"E" + f"{type(e).__name__}: {e}".encode("utf-8", "replace")


def _rdf_format(media_type: str | None) -> ox.RdfFormat | None:
    return ox.RdfFormat.from_media_type(media_type) if media_type else None


def _results_format(media_type: str | None) -> ox.QueryResultsFormat | None:
    return ox.QueryResultsFormat.from_media_type(media_type) if media_type else None


def write_message(fd: int, payload: bytes) -> None:
    data = memoryview(struct.pack(">Q", len(payload)) + payload)
    while data:
        data = data[os.write(fd, data) :]


def read_message(fd: int) -> bytes | None:
    """One message from ``fd``; None at end of file (the other side is gone)."""
    header = _read_exactly(fd, 8)
    if header is None:
        return None
    body = _read_exactly(fd, struct.unpack(">Q", header)[0])
    if body is None:
        return None
    return body


def _read_exactly(fd: int, n: int) -> bytes | None:
    parts: list[bytes] = []
    while n:
        chunk = os.read(fd, min(n, 1 << 20))
        if not chunk:
            return None
        parts.append(chunk)
        n -= len(chunk)
    return b"".join(parts)


def _die_with_parent() -> None:
    """Linux: be killed when the parent dies, even mid-query (a crashed or SIGKILLed server
    must not leave a runaway query burning CPU). Elsewhere a worker exits at its next read."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the parent died before prctl took effect
        os._exit(0)


def open_read_only(path: str) -> ox.Store:
    """``Store.read_only``, retried while the writer's background flush or compaction swaps
    the files it opens: RocksDB then raises RuntimeError "Corruption ... No such file", or an
    OSError "No such file" for a WAL file gone between listing and stat (about one open in
    ten under load, never twice running; kg/store/oxigraph.py measured it). Every
    write makes every worker reopen, so without the retry a busy store kills workers."""
    for attempt in range(OPEN_ATTEMPTS):
        try:
            return ox.Store.read_only(path)
        except (OSError, RuntimeError) as e:
            if "No such file" not in str(e) or attempt == OPEN_ATTEMPTS - 1:
                raise
            time.sleep(0.001 * (attempt + 1))
    raise AssertionError("unreachable")


def main(path: str, fd_in: int = 0, fd_out: int = 1) -> None:
    """Serve jobs from ``fd_in`` until it closes (the parent exited or shut the pool down)."""
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when workers stop
    store: ox.Store | None = None
    generation = -1
    while True:
        message = read_message(fd_in)
        if not message:
            return
        job = Job(*json.loads(message))
        if store is None or job.generation != generation:
            try:
                store = open_read_only(path)
                generation = job.generation
            except (OSError, RuntimeError) as e:
                write_message(fd_out, b"E" + f"cannot open the store {path}: {e}".encode())
                continue
        write_message(fd_out, run(store, job))


if __name__ == "__main__":
    if NO_NETWORK in sys.argv[2:]:
        why = isolate_network()
        if why is not None:
            print(f"factkg query worker: network not isolated: {why}", file=sys.stderr)
    # Answers go out on a private copy of stdout; anything else that prints (a library, a
    # warning) lands on stderr instead of corrupting the protocol.
    answers = os.dup(1)
    os.dup2(2, 1)
    main(sys.argv[1], 0, answers)
