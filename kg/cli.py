"""The ``factkg`` command.

Every command takes ``--store PATH`` (embedded Oxigraph) or ``--sparql-query URL
--sparql-update URL`` (a remote SPARQL 1.1 server), also read from FACTKG_STORE,
FACTKG_SPARQL_QUERY and FACTKG_SPARQL_UPDATE. Exit status: 0 success, 1 when any input was
refused or anything failed, usage errors included (an unknown command or option, a bad value,
a path that does not exist); ``--help`` and ``--version`` exit 0.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click
from rdflib import URIRef

import kg
from kg import settings
from kg.errors import FactkgError, InputError, QueryError, StoreError
from kg.store.base import ResultFormat, Store
from kg.store.open import open_store

if TYPE_CHECKING:
    from kg.link.linking import Linker

F = TypeVar("F", bound=Callable[..., Any])

# articles, then fact-checks (ClaimReview JSON-LD) and RDF (factkg's own exports)
INPUT_SUFFIXES = (".txt", ".text", ".html", ".htm", ".json", ".jsonld", ".ttl", ".trig", ".nq")


def store_options(func: F) -> F:
    """The store selection every command shares."""

    @click.option(
        "--store",
        "store_path",
        envvar="FACTKG_STORE",
        default=settings.BY_NAME["STORE"].default,
        show_default=True,
        type=click.Path(file_okay=False, path_type=Path),
        help="Directory of the embedded Oxigraph store.",
    )
    @click.option("--sparql-query", envvar="FACTKG_SPARQL_QUERY", help="Remote query endpoint.")
    @click.option("--sparql-update", envvar="FACTKG_SPARQL_UPDATE", help="Remote update endpoint.")
    @click.option(
        "--base-uri",
        envvar="FACTKG_BASE_URI",
        default=settings.BY_NAME["BASE_URI"].default,
        show_default=True,
        help="Base of instance IRIs (FACTKG_BASE_URI).",
    )
    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        return func(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def _open(
    store_path: Path, sparql_query: str | None, sparql_update: str | None, read_only: bool = False
) -> Store:
    return open_store(
        store_path,
        sparql_query,
        sparql_update,
        read_only=read_only,
        search_index=settings.get("SEARCH_INDEX"),
        with_search=not read_only,
    )


def _open_to_read(store_path: Path, sparql_query: str | None, sparql_update: str | None) -> Store:
    """The store, read-only; an embedded one must exist (reading never creates one)."""
    if not sparql_query and not sparql_update and not (store_path / "CURRENT").is_file():
        raise StoreError(f"no store at {store_path}: run `factkg ingest` first")
    return _open(store_path, sparql_query, sparql_update, read_only=True)


def _fail(message: str) -> None:
    click.echo(f"factkg: {message}", err=True)
    sys.exit(1)


@contextlib.contextmanager
def _usage_fails_with_1() -> Iterator[None]:
    try:
        yield
    except click.UsageError as e:
        e.exit_code = 1  # type: ignore[misc]  # click types it per class; this one's exits 1
        raise


class _Commands(click.Group):
    """Click's group, but a usage error (an unknown command or option, a missing argument,
    a bad value, a path that does not exist) exits 1 like any other failure, not 2: the
    README promises 0 on success and 1 otherwise. ``--help`` and ``--version`` still exit 0."""

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        with _usage_fails_with_1():
            return super().make_context(info_name, args, parent, **extra)

    def invoke(self, ctx: click.Context) -> Any:
        with _usage_fails_with_1():  # a command's own arguments are parsed in here
            return super().invoke(ctx)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(kg.__version__, prog_name="factkg")
def main() -> None:
    """factkg: claims in news articles as a validated, linked RDF knowledge graph."""


def _expand(paths: tuple[Path, ...]) -> Iterator[Path]:
    """The article files named: directories walked, ``-`` read as a newline-separated list of
    paths on standard input (each a file or a directory)."""
    for path in paths:
        if str(path) == "-":
            named = (line.strip() for line in sys.stdin)
            yield from _expand(tuple(Path(line) for line in named if line))
        elif path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES
            )
        else:
            yield path


def wikidata_option(func: F) -> F:
    """``--wikidata URL|off``: the endpoint actors are linked against."""
    return click.option(
        "--wikidata",
        "wikidata",
        envvar="FACTKG_WIKIDATA_ENDPOINT",
        default=settings.BY_NAME["WIKIDATA_ENDPOINT"].default,
        show_default=True,
        help="Wikidata SPARQL endpoint to link actors against; 'off' for none "
        "(GeoNames links are made offline either way).",
    )(func)


def _linker(wikidata: str) -> Linker:
    from kg.link.linking import Linker

    return Linker.from_settings({**os.environ, "FACTKG_WIKIDATA_ENDPOINT": wikidata})


@main.command()
@click.argument(
    "paths",
    nargs=-1,
    required=True,
    type=click.Path(exists=True, allow_dash=True, path_type=Path),
)
@store_options
@wikidata_option
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="Processes that extract claims (each loads the language model, ~250 MB); this one "
    "links, validates and writes, in the articles' order. 0: one per CPU core.",
)
def ingest(
    paths: tuple[Path, ...],
    store_path: Path,
    sparql_query: str | None,
    sparql_update: str | None,
    base_uri: str,
    wikidata: str,
    jobs: int,
) -> None:
    """Read, extract, validate and store articles (files or directories; - reads a list of
    paths from standard input); fact-checks (ClaimReview .json/.jsonld) and RDF (.ttl, .trig,
    .nq) are validated and stored as they are. Articles already stored as they are are
    skipped."""
    from kg.pipeline import Ingester

    files = list(_expand(paths))  # the names only: articles are read batch by batch
    jobs = jobs or os.cpu_count() or 1
    if not files:
        _fail(
            f"no articles in {', '.join(str(p) for p in paths)}: "
            f"ingest reads files named *{', *'.join(INPUT_SUFFIXES)}"
        )
    base = settings.base_uri({"FACTKG_BASE_URI": base_uri})
    # An ingest that stores no article leaves no store behind: what it created is removed.
    created = [] if sparql_query or sparql_update else _created_by_opening(store_path)
    try:
        with _open(store_path, sparql_query, sparql_update) as store:
            try:
                from kg.match.factchecked import matcher_for

                ingester = Ingester(
                    store, base, linker=_linker(wikidata), matcher=matcher_for(store)
                )
                if sys.stderr.isatty():
                    with _progress(len(files)) as update:
                        report = ingester.ingest_paths(files, progress=update, jobs=jobs)
                else:
                    report = ingester.ingest_paths(files, jobs=jobs)
            finally:
                if created and _holds_graphs(store):
                    created = []
    except FactkgError as e:
        _fail(str(e))
    finally:  # after any failure or interruption too
        _remove(created)
    click.echo(report.summary())
    if not report.ok:
        sys.exit(1)


@contextlib.contextmanager
def _progress(total: int, label: str = "ingesting") -> Iterator[Callable[[str], None]]:
    """A progress bar on standard error, with the articles per second so far."""
    start = time.monotonic()
    done = 0

    def rate(_: object) -> str:
        elapsed = time.monotonic() - start
        return f"{done / elapsed:.1f} articles/s" if done and elapsed > 0 else ""

    with click.progressbar(length=total, label=label, file=sys.stderr, item_show_func=rate) as bar:

        def update(origin: str) -> None:
            nonlocal done
            done += 1
            bar.update(1, origin)

        yield update


def _created_by_opening(store_path: Path) -> list[tuple[Path, bool]]:
    """What opening a writable store at ``store_path`` creates, as (path, whole): the store
    directory (whole when it does not exist yet; its contents when it exists but is empty)
    and, with a new store, its search and shared-facts indexes unless those files are there
    already."""
    if store_path.exists() and (not store_path.is_dir() or any(store_path.iterdir())):
        return []
    from kg import search, shared_facts

    index = settings.get("SEARCH_INDEX") or search.default_path(store_path)
    created = [(store_path, not store_path.exists())]
    facts = shared_facts.default_path(store_path)
    indexes = [Path(f) for f in (index, facts) if f is not None]  # SQLite, with its WAL files
    for derived in indexes + [c for f in indexes for c in shared_facts.companions(f)]:
        if not derived.exists():
            created.append((derived, True))
    return created


def _holds_graphs(store: Store) -> bool:
    """True unless the store is known to hold no named graph (a failing store: True)."""
    try:
        return bool(store.graph_iris())
    except (FactkgError, OSError, RuntimeError):
        return True


def _remove(created: list[tuple[Path, bool]]) -> None:
    for path, whole in created:
        if path.is_dir():
            for child in [path] if whole else list(path.iterdir()):
                if child.is_dir():
                    shutil.rmtree(child, ignore_errors=True)
                else:
                    child.unlink(missing_ok=True)
        else:
            path.unlink(missing_ok=True)


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the extraction as JSON.")
@click.option(
    "--rules-only",
    is_flag=True,
    help="Leave every speaker to the rules (no trained speaker ranker), to compare.",
)
def extract(file: Path, as_json: bool, rules_only: bool) -> None:
    """Extract claims, actors and events from one article; store nothing.

    In the plain listing, "[model]" marks a speaker the trained speaker ranker chose over
    the rules' choice."""
    from kg.extract import Extractor
    from kg.extract.output import extraction_to_dict
    from kg.readers import read_path

    try:
        article = read_path(file)
    except FactkgError as e:
        _fail(str(e))
    extraction = Extractor(rules_only=rules_only).extract(article)
    data = extraction_to_dict(extraction)
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for claim, found in zip(data["claims"], extraction.claims, strict=True):
        speaker = claim["speaker"]["label"]
        if found.speaker_by == "model":
            speaker += " [model]"
        click.echo(
            f"[{claim['start']}:{claim['end']}] {speaker} ({claim['verb']}): {claim['text']}"
        )


@main.command()
@click.argument("query")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
    help="json prints SPARQL 1.1 Query Results JSON (Turtle for CONSTRUCT/DESCRIBE).",
)
@store_options
def query(
    query: str,
    fmt: str,
    store_path: Path,
    sparql_query: str | None,
    sparql_update: str | None,
    base_uri: str,
) -> None:
    """Run a SPARQL query (a string, @file.rq, or - for standard input) on the union graph."""
    try:
        text = _query_text(query)
        kind = _query_form(text)
        with _open_to_read(store_path, sparql_query, sparql_update) as store:
            if kind in ("CONSTRUCT", "DESCRIBE"):
                out = store.query_serialized(text, ResultFormat.TURTLE)
                click.echo(out.decode("utf-8"), nl=False)
            elif fmt == "json":
                click.echo(store.query_serialized(text, ResultFormat.SPARQL_JSON).decode("utf-8"))
            elif fmt == "csv":
                out = store.query_serialized(text, ResultFormat.CSV)
                click.echo(out.decode("utf-8"), nl=False)
            else:
                results = json.loads(store.query_serialized(text, ResultFormat.SPARQL_JSON))
                click.echo(_table(results))
    except FactkgError as e:
        _fail(str(e))


def _query_text(arg: str) -> str:
    if arg != "-" and not arg.startswith("@"):
        return arg
    origin = "standard input" if arg == "-" else f"the query file {arg[1:]}"
    try:
        if arg == "-":
            return sys.stdin.read()
        return Path(arg[1:]).read_text(encoding="utf-8")
    except OSError as e:
        raise InputError(f"cannot read {origin}: {e.strerror or e}") from None
    except UnicodeDecodeError as e:
        raise InputError(f"{origin} is not UTF-8 text (byte {e.start}: {e.reason})") from None


def _query_form(text: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE, as the engine reads the query (kg.sparql). A text
    nested too deeply is refused here (the engine could crash on it); one with a syntax error
    is left to the store, which explains the error (an embedded store in our words, with the
    line, column and a hint; a remote one as the server said it), and its form is guessed: the
    first form keyword outside comments and IRIs."""
    import re

    from kg.sparql import NestingError, read_query

    try:
        return read_query(text).form
    except NestingError:
        raise
    except QueryError:
        pass
    stripped = re.sub(r"#[^\n]*", " ", text)
    stripped = re.sub(r"<[^>\s]*>", "<>", stripped)
    m = re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", stripped, re.IGNORECASE)
    return m.group(1).upper() if m else "SELECT"


def _table(results: dict[str, Any]) -> str:
    if "boolean" in results:
        return "yes" if results["boolean"] else "no"
    names: list[str] = results["head"]["vars"]
    rows = [[_cell(b.get(n)) for n in names] for b in results["results"]["bindings"]]
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(names)]
    widths = [min(w, 80) for w in widths]

    def line(cells: list[str]) -> str:
        return " | ".join(c[:w].ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    out = [line(names), "-+-".join("-" * w for w in widths)]
    out += [line(r) for r in rows]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def _cell(binding: dict[str, str] | None) -> str:
    if binding is None:
        return ""
    value = binding["value"].replace("\n", " ")
    return f"<{value}>" if binding["type"] == "uri" else value


@main.command()
@store_options
@wikidata_option
def link(
    store_path: Path,
    sparql_query: str | None,
    sparql_update: str | None,
    base_uri: str,
    wikidata: str,
) -> None:
    """Link the actors and places a store holds to Wikidata and GeoNames (a store built
    before linking, or while Wikidata was off or down). Only sources whose links change are
    rewritten: running it twice changes nothing."""
    from kg.relink import relink, source_graphs

    if not (sparql_query or sparql_update) and not store_path.is_dir():
        _fail(f"no store at {store_path}: ingest articles first (factkg ingest)")
    base = settings.base_uri({"FACTKG_BASE_URI": base_uri})
    try:
        with _open(store_path, sparql_query, sparql_update) as store:
            linker = _linker(wikidata)
            if sys.stderr.isatty():
                with _progress(len(source_graphs(store)), "linking") as update:
                    report = relink(store, base, linker, progress=update)
            else:
                report = relink(store, base, linker)
    except FactkgError as e:
        _fail(str(e))
    click.echo(report.summary())
    if report.refused:
        sys.exit(1)


@main.command()
@store_options
def validate(
    store_path: Path, sparql_query: str | None, sparql_update: str | None, base_uri: str
) -> None:
    """Validate every named graph in the store against the shapes."""
    from kg.validate import validate_store

    try:
        with _open_to_read(store_path, sparql_query, sparql_update) as store:
            reports = validate_store(store)
    except FactkgError as e:
        _fail(str(e))
    failed = [r for r in reports if not r.conforms]
    for r in failed:
        click.echo(f"{', '.join(r.focus)} does not conform:\n{r.text}")
    click.echo(f"{len(reports)} graphs validated, {len(failed)} invalid")
    if failed:
        sys.exit(1)


@main.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["trig", "nquads", "claimreview"]),
    default="trig",
    show_default=True,
    help="claimreview: the fact-checks as a schema.org ClaimReview DataFeed (JSON-LD).",
)
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Default: stdout."
)
@store_options
def export(
    fmt: str,
    output: Path | None,
    store_path: Path,
    sparql_query: str | None,
    sparql_update: str | None,
    base_uri: str,
) -> None:
    """Dump every named graph as TriG or N-Quads, with the dataset's VoID description; or the
    fact-checks as ClaimReview JSON-LD (--format claimreview)."""
    if fmt == "claimreview":
        _export_claimreview(output, store_path, sparql_query, sparql_update)
        return
    rf = ResultFormat.TRIG if fmt == "trig" else ResultFormat.NQUADS
    base = settings.base_uri({"FACTKG_BASE_URI": base_uri})
    try:
        with _open_to_read(store_path, sparql_query, sparql_update) as store:
            data = store.dump(rf) + _void(store, base, fmt)
    except FactkgError as e:
        _fail(str(e))
    if output:
        try:
            output.write_bytes(data)
        except OSError as e:
            _fail(f"cannot write {output}: {e.strerror or e}")
    else:
        sys.stdout.buffer.write(data)


def _export_claimreview(
    output: Path | None, store_path: Path, sparql_query: str | None, sparql_update: str | None
) -> None:
    """The fact-checks as a ClaimReview DataFeed, written review by review."""
    from kg.claimreview_export import write_feed

    try:
        with _open_to_read(store_path, sparql_query, sparql_update) as store:
            if output is None:
                write_feed(store, sys.stdout)
                return
            try:
                with output.open("w", encoding="utf-8") as out:
                    write_feed(store, out)
            except OSError as e:
                _fail(f"cannot write {output}: {e.strerror or e}")
    except FactkgError as e:
        _fail(str(e))


def _void(store: Store, base: str, fmt: str) -> bytes:
    """The dataset's VoID description as one more named graph, {base}.well-known/void."""
    from rdflib import Dataset

    from kg.void import void_graph

    ds = Dataset()
    graph = ds.graph(URIRef(f"{base}.well-known/void"))
    for triple in void_graph(store, base):
        graph.add(triple)
    text = ds.serialize(format="trig" if fmt == "trig" else "nquads")
    return ("\n" + text).encode("utf-8")


@main.command()
@click.argument("target", type=click.Path(path_type=Path))
@store_options
def backup(
    target: Path,
    store_path: Path,
    sparql_query: str | None,
    sparql_update: str | None,
    base_uri: str,
) -> None:
    """Copy the embedded store and its search index into TARGET (new or empty), consistently,
    even while `factkg serve` runs on the store. Restore: serve or query `--store TARGET/<name>`."""
    from kg.backup import backup as run

    if sparql_query or sparql_update:
        _fail(
            "backup copies the embedded store only: back up a remote SPARQL store with its own "
            "tools, or `factkg export` its graphs"
        )
    index = settings.get("SEARCH_INDEX")
    try:
        report = run(store_path, target, Path(index) if index else None)
    except FactkgError as e:
        _fail(str(e))
    click.echo(report.summary())


@main.command()
@click.option("--host", envvar="FACTKG_HOST", default=settings.BY_NAME["HOST"].default)
@click.option("--port", envvar="FACTKG_PORT", default=settings.BY_NAME["PORT"].default, type=int)
@store_options
def serve(
    host: str,
    port: int,
    store_path: Path,
    sparql_query: str | None,
    sparql_update: str | None,
    base_uri: str,
) -> None:
    """Serve the SPARQL endpoint and the pages (waitress)."""
    from service.server import serve as run

    config: dict[str, Any] = {"STORE": str(store_path), "BASE_URI": base_uri}
    if sparql_query:
        config.update(SPARQL_QUERY=sparql_query, SPARQL_UPDATE=sparql_update)
    try:
        run(host, port, config)
    except FactkgError as e:
        _fail(str(e))
    except OSError as e:  # the port is taken, or not ours to bind
        _fail(f"cannot serve on {host}:{port}: {e.strerror or e}")


if __name__ == "__main__":
    main()
