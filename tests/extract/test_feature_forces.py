""" "The army", "the police" (issue 3, second held-out set): a country's own forces, never the
aid agency or company last named in the story."""

from __future__ import annotations

from collections.abc import Callable

from kg.model import Extraction
from tests.extract.helpers import check

Extract = Callable[[str], Extraction]

DATED = "Headline\n17 May, 2019\n"


def test_the_army_is_not_the_agency_last_named(extract: Extract) -> None:
    x = extract(
        DATED + "UNHCR said the road to the camp had reopened. The army accused the rebels of "
        "laying mines on the bridge.\n"
    )
    check(x, "the road to the camp had reopened", "UNHCR", "say")
    check(x, "accused the rebels of laying mines on the bridge", "army", "accuse")


def test_the_army_named_before_is_still_found(extract: Extract) -> None:
    x = extract(
        DATED + "The Sahel Army said on Monday that its convoy had been ambushed. The army "
        "added that two soldiers were missing.\n"
    )
    check(x, "two soldiers were missing", "Sahel Army", "add")
