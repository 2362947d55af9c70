"""Cutting an update into operations and adding the protocol's USING clauses."""

from __future__ import annotations

from service.update_text import split, with_dataset


def test_split_respects_strings_iris_comments_and_braces() -> None:
    text = """PREFIX ex: <http://ex/a;b>
    INSERT DATA { GRAPH ex:g { ex:s ex:p "a ; b } {", ex:o ; ex:q '''x;y''' } } ; # c ; d
    BASE <http://base/>
    CLEAR GRAPH <g> ;
    """
    ops = split(text)
    assert [op.text.split()[0] for op in ops] == ["INSERT", "CLEAR"]
    assert ops[0].prologue == "PREFIX ex: <http://ex/a;b>"
    assert ops[1].prologue == "PREFIX ex: <http://ex/a;b>\nBASE <http://base/>"
    assert '"a ; b } {"' in ops[0].text


def test_less_than_is_not_an_iri() -> None:
    ops = split(
        "DELETE { GRAPH <g> { ?s ?p ?o } } "
        "WHERE { GRAPH <g> { ?s ?p ?o FILTER(?o < 3) } } ; CLEAR ALL"
    )
    assert len(ops) == 2


def test_using_goes_before_where() -> None:
    (op,) = split("PREFIX ex: <http://ex/> INSERT { GRAPH ex:g { ?s a ex:T } } WHERE { ?s a ex:D }")
    text = with_dataset(op, ["http://u"], ["http://n"])
    assert text.endswith(
        "INSERT { GRAPH ex:g { ?s a ex:T } } "
        "USING <http://u> USING NAMED <http://n> WHERE { ?s a ex:D }"
    )


def test_delete_where_is_expanded_to_take_using() -> None:
    (op,) = split("DELETE WHERE { GRAPH <http://g> { ?s ?p ?o } }")
    text = with_dataset(op, [], ["http://g"])
    assert "DELETE { GRAPH <http://g> { ?s ?p ?o } } USING NAMED <http://g> WHERE { GRAPH" in text


def test_escaped_hash_in_a_prefixed_name_is_not_a_comment() -> None:
    ops = split("INSERT DATA { GRAPH <g> { <s> <p> ex:a\\#b } } ; CLEAR ALL")
    assert [op.text.split()[0] for op in ops] == ["INSERT", "CLEAR"]
