"""The load test's app: the writes' fixture (a token, an on-disk store, workers stopped after)."""

from tests.writes.conftest import make_app  # noqa: F401  (a fixture)
