"""SPARQL text as the query engine reads it: a parser of pyoxigraph's own grammar.

:mod:`kg.sparql.grammar` reads a query or update exactly as pyoxigraph 0.5's parser does
(same rules, same ordered choices, same character classes) and reports what it would make
the server reach (SERVICE, FROM, LOAD, USING, WITH), how deeply it nests, and where a
syntax error is, with what was expected there.
"""

from kg.sparql.grammar import (
    MAX_DEPTH,
    NestingError,
    Reading,
    SparqlSyntaxError,
    explain,
    may_nest_deeper_than,
    read_query,
    read_update,
)

__all__ = [
    "MAX_DEPTH",
    "NestingError",
    "Reading",
    "SparqlSyntaxError",
    "explain",
    "may_nest_deeper_than",
    "read_query",
    "read_update",
]
