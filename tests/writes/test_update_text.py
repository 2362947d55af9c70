"""Cutting an update into operations (the engine's reading) and adding the protocol's USING."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.sparql import SparqlSyntaxError, read_update
from service.writes.operations import Operation, split, with_dataset

BASE = "http://factkg.test/sparql"


def ops_of(text: str) -> list[Operation]:
    return split(text, read_update(text, BASE))


def test_split_respects_strings_iris_comments_and_braces() -> None:
    text = """PREFIX ex: <http://ex/a;b>
    INSERT DATA { GRAPH ex:g { ex:s ex:p "a ; b } {", ex:o ; ex:q '''x;y''' } } ; # c ; d
    CLEAR GRAPH <g> ;
    """
    ops = ops_of(text)
    assert [op.keyword for op in ops] == ["INSERT DATA", "CLEAR"]
    assert ops[0].prologue.strip() == "PREFIX ex: <http://ex/a;b>"
    assert ops[1].prologue == ops[0].prologue
    assert '"a ; b } {"' in ops[0].text
    assert ops[0].graphs == ("http://ex/a;bg",)


def test_a_prologue_between_operations_is_refused_as_the_engine_refuses_it() -> None:
    text = (
        "INSERT DATA { GRAPH <http://g> { <http://s> <http://p> 1 } } ; BASE <http://b/> CLEAR ALL"
    )
    with pytest.raises(SyntaxError):
        ox.Store().update(text)
    with pytest.raises(SparqlSyntaxError, match="line 1, column"):
        read_update(text)


def test_less_than_is_not_an_iri() -> None:
    ops = ops_of(
        "DELETE { GRAPH <g> { ?s ?p ?o } } "
        "WHERE { GRAPH <g> { ?s ?p ?o FILTER(?o < 3) } } ; CLEAR ALL"
    )
    assert [op.keyword for op in ops] == ["MODIFY", "CLEAR"]


def test_using_goes_before_where() -> None:
    (op,) = ops_of(
        "PREFIX ex: <http://ex/> INSERT { GRAPH ex:g { ?s a ex:T } } WHERE { ?s a ex:D }"
    )
    text = with_dataset(op, ["http://u"], ["http://n"])
    assert text.endswith(
        "INSERT { GRAPH ex:g { ?s a ex:T } } "
        "USING <http://u> USING NAMED <http://n> WHERE { ?s a ex:D }"
    )
    ox.Store().update(text)  # the engine reads what we wrote


def test_delete_where_is_expanded_to_take_using() -> None:
    (op,) = ops_of("DELETE WHERE { GRAPH <http://g> { ?s ?p ?o } }")
    text = with_dataset(op, [], ["http://g"])
    assert "DELETE { GRAPH <http://g> { ?s ?p ?o } } USING NAMED <http://g> WHERE { GRAPH" in text
    ox.Store().update(text)


def test_escaped_hash_in_a_prefixed_name_is_not_a_comment() -> None:
    ops = ops_of(
        "PREFIX ex: <http://ex/> "
        "INSERT DATA { GRAPH <http://g> { <http://s> <http://p> ex:a\\#b } } ; CLEAR ALL"
    )
    assert [op.keyword for op in ops] == ["INSERT DATA", "CLEAR"]


def test_data_blocks_name_their_graphs_and_default_triples() -> None:
    (op,) = ops_of(
        "INSERT DATA { <http://s> <http://p> 1 . GRAPH <http://g1> { <http://s> <http://p> 2 } "
        "GRAPH <http://g2> { } }"
    )
    assert op.graphs == ("http://g1", "http://g2")
    assert op.default_triples
