"""A semicolon joins two clauses (issue 3, second held-out set): the clause before it is
never what the verb after it reports, in headlines or in the body."""

from __future__ import annotations

from collections.abc import Callable

from kg.model import Extraction
from tests.extract.helpers import check

Extract = Callable[[str], Extraction]


def test_clause_before_a_semicolon_is_not_reported_content(extract: Extract) -> None:
    x = extract(
        "Norway scraps fuel tax rise; hauliers call it a reprieve\n2024-10-24\nBy Anna Rossi\n\n"
        "OSLO - The government dropped a planned rise in diesel duty on Monday; the truckers "
        "association said the move would save jobs.\n"
    )
    check(x, "the move would save jobs", "truckers association", "say")
    # "call it a reprieve" judges (a claim, as "called the plan a disaster"); what the
    # semicolon closes off is never content
    assert sorted(c.text for c in x.claims) == ["call it a reprieve", "the move would save jobs"]


def test_fronted_content_before_a_comma_still_counts(extract: Extract) -> None:
    x = extract(
        "Headline\n17 May, 2019\nThe levy will be dropped next year, the Dutch farmers union "
        "said on Monday.\n"
    )
    check(x, "The levy will be dropped next year", "Dutch farmers union", "say")
