"""How --jobs N feeds its workers: the first batches small, every article once, in order."""

from __future__ import annotations

from typing import Any

from kg.extract_pool import ramped


def test_batches_are_cut_into_pieces_growing_to_a_bound_and_nothing_is_lost() -> None:
    batches: list[list[Any]] = [list(range(32)), list(range(32, 64)), list(range(64, 70))]
    out = list(ramped(batches, first=2, most=8))
    assert [len(b) for b in out] == [2, 4, 8, 8, 8, 2, 8, 8, 8, 8, 6]
    assert [a for b in out for a in b] == list(range(70))


def test_a_short_run_is_not_cut_past_its_size() -> None:
    assert [len(b) for b in ramped([list(range(5))], first=2, most=8)] == [2, 3]
    assert list(ramped([])) == []
