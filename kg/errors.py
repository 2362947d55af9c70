"""One error tree for factkg; the service maps it to HTTP in one place (service/errors.py).

::

    FactkgError
    ├── InputError            bad input from a user: names the file and the problem   -> 4xx
    │   └── ReaderError       a file that is empty, binary, undecodable or unparsable
    ├── ValidationError       a graph that does not conform to the shapes (carries the report)
    ├── QueryError            a malformed or refused SPARQL query or update            -> 400
    │   ├── SparqlSyntaxError    the engine's grammar refuses it (kg.sparql)
    │   ├── NestingError         nested deeper than kg.sparql.MAX_DEPTH (kg.sparql)
    │   ├── RefusedError         reaches outside the store (kg.sparql.reach)
    │   └── ResultTooLargeError  past MAX_RESULT_BYTES (kg.store.base)             -> 422
    ├── ConfigError           a setting that cannot work
    └── StoreError            the backend failed                                        -> 5xx
        ├── StoreLockedError  the on-disk store is open read-write elsewhere       -> 503
        └── QueryTimeoutError past QUERY_TIMEOUT, its worker killed (service.query.runner) -> 503

The subclasses defined elsewhere live beside the code that raises them; service/errors.py maps
every class to its status in one table.
"""

from __future__ import annotations


class FactkgError(Exception):
    """Base of every error factkg raises on purpose."""


class InputError(FactkgError):
    """Bad input; the message names what was wrong and where."""


class ReaderError(InputError):
    def __init__(self, origin: str, problem: str) -> None:
        super().__init__(f"{origin}: {problem}")
        self.origin = origin
        self.problem = problem


class ValidationError(FactkgError):
    """A graph failed SHACL validation; ``report_text`` is pyshacl's readable report."""

    def __init__(self, message: str, report_text: str, report_turtle: str = "") -> None:
        super().__init__(message)
        self.report_text = report_text
        self.report_turtle = report_turtle


class QueryError(FactkgError):
    """A SPARQL query or update that is malformed or not allowed here."""


class ConfigError(FactkgError):
    pass


class StoreError(FactkgError):
    pass


class StoreLockedError(StoreError):
    pass
