"""Per-store memo of read-only answers, emptied by the store's write listener.

A generation counter, bumped by every write, is read before computing and checked before
storing: an answer computed while a write landed is returned but not kept, so a stale value
never outlives the write that made it stale. Entries are bounded (least recently used go).
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Collection, Hashable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from kg.store.base import Store

V = TypeVar("V")


@dataclass
class _Slot(Generic[V]):
    generation: int = 0
    values: OrderedDict[Hashable, V] = field(default_factory=OrderedDict)


class WriteCache(Generic[V]):
    def __init__(self, maxsize: int) -> None:
        self.maxsize = maxsize
        self._slots: weakref.WeakKeyDictionary[Store, _Slot[V]] = weakref.WeakKeyDictionary()
        self._lock = threading.Lock()

    def get(self, store: Store, key: Hashable, compute: Callable[[], V]) -> V:
        with self._lock:
            slot = self._slots.get(store)
            if slot is None:
                slot = self._slots[store] = _Slot()
                store.add_listener(self._written)
            if key in slot.values:
                slot.values.move_to_end(key)
                return slot.values[key]
            generation = slot.generation
        value = compute()  # outside the lock: validation or a scan can take a while
        with self._lock:
            if slot.generation == generation:
                slot.values[key] = value
                while len(slot.values) > self.maxsize:
                    slot.values.popitem(last=False)
        return value

    def _written(self, store: Store, graphs: Collection[str] | None) -> None:
        with self._lock:
            slot = self._slots.get(store)
            if slot is not None:
                # a changed graph can change others' answers too (context, counts): start afresh
                slot.generation += 1
                slot.values.clear()
