"""List filters take their kinds from kg.convert: every class conversion writes is a filter."""

from __future__ import annotations

from kg.vocab import ACTOR_CLASSES, EVENT_TYPES
from tests.pages.client import get


def test_every_actor_kind_and_event_type_is_a_filter(site_url: str) -> None:
    for classes in ACTOR_CLASSES.values():
        kind = str(classes[0]).rsplit("#", 1)[-1]
        assert get(f"{site_url}/actors?kind={kind}", accept="text/html").status == 200, kind
    for cls in EVENT_TYPES.values():
        kind = str(cls).rsplit("#", 1)[-1]
        assert get(f"{site_url}/events?kind={kind}", accept="text/html").status == 200, kind
    assert get(f"{site_url}/events?kind=Person", accept="text/html").status == 400
    assert get(f"{site_url}/actors?kind=Arrest", accept="text/html").status == 400
