"""A small thread-safe LRU cache for things built from a stored revision (which never changes)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

Value = TypeVar("Value")
REVISION_FIELDS = ("period", "revision", "created_at", "state", "published_at")


class RevisionCache(Generic[Value]):
    """Values keyed by a revision (its content and state are in the key) and request details."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._values: OrderedDict[Hashable, Value] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, build: Callable[[], Value]) -> Value:
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
        value = build()  # outside the lock: two misses at once build twice, harmlessly
        with self._lock:
            self._values[key] = value
            while len(self._values) > self._size:
                self._values.popitem(last=False)
        return value


def revision_key(document: dict[str, object], *details: Hashable) -> tuple[Hashable, ...]:
    """A key naming one revision of a document (with its state) and the request details."""
    return (*(str(document.get(name)) for name in REVISION_FIELDS), *details)
