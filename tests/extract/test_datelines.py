"""Wire datelines ("LISBON —", "CARDIFF, May 16 (Reuters) -", "BERGEN, Norway, ... /Newswire/
--") name where a story was filed: they are neither claim text nor speakers."""

from __future__ import annotations

import pytest

from tests.extract.helpers import DATED, Extract, check


def test_dateline_is_not_the_speaker(extract: Extract) -> None:
    x = extract(
        DATED + "BERGEN, Norway, May 17, 2019 /Newswire/ -- Fjordline Shipping AS, an operator "
        "of coastal ferries, today announced that bookings for the summer rose 12% on last "
        "year.\n"
    )
    check(x, "bookings for the summer rose 12% on last year", "Fjordline Shipping AS", "announce")


@pytest.mark.parametrize(
    "dateline",
    ["LISBON — ", "Porto Alegre (AFP) - ", "CARDIFF, May 16 (Reuters) - "],
)
def test_wire_dateline_is_not_claim_text_nor_an_actor(extract: Extract, dateline: str) -> None:
    x = extract(
        DATED + dateline + "Ferry fares will rise by a fifth in June, the harbour authority "
        "said on Thursday.\n"
    )
    check(x, "Ferry fares will rise by a fifth in June", "harbour authority", "say")
    labels = {a.label for a in x.actors}
    assert not labels & {"Reuters", "AFP", "Lisbon", "LISBON", "Porto Alegre", "CARDIFF"}
