""" "In what X described as Y", "on what X called Y" (issue 3, second held-out set): news keeps
its distance from a characterisation by attributing it; Y is X's claim."""

from __future__ import annotations

from collections.abc import Callable

from kg.model import Extraction
from tests.extract.helpers import check

Extract = Callable[[str], Extraction]

DATED = "Headline\n17 May, 2019\n"


def test_what_they_described_as(extract: Extract) -> None:
    x = extract(
        DATED + "Floods cut off dozens of villages in the north, in what engineers described "
        "as the worst damage to the network in decades.\n"
    )
    check(x, "the worst damage to the network in decades", "engineers", "describe")


def test_what_she_called_keeps_the_quotation_whole(extract: Extract) -> None:
    x = extract(
        DATED + 'The union signed the deal on Friday, on what Mayor Ines Kaur called a "historic '
        'day for the port".\n'
    )
    check(x, 'a "historic day for the port"', "Ines Kaur", "call")


def test_a_plain_what_clause_is_no_claim(extract: Extract) -> None:
    x = extract(DATED + "The inspectors found what the workers had built in secret.\n")
    assert x.claims == []


def test_pronoun_in_what_it_called_is_the_main_subject(extract: Extract) -> None:
    x = extract(
        DATED + "Analysts at Northgate University said the turnout of 78 percent was the highest "
        "in decades, and the university published a full breakdown.\n\n"
        'Ottawa congratulated Pike on what it called a "clear result".\n'
    )
    check(x, 'a "clear result"', "Government of Canada", "call")
