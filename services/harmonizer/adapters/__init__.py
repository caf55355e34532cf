"""Adapters, one module per source: read a partner's file as it comes, check it, harmonize it."""

from __future__ import annotations

from functools import cache

from services.harmonizer.adapters.base import Adapter, RawTable
from services.harmonizer.sources import get_source, resolve


@cache
def adapter_for(source_id: str) -> Adapter[RawTable]:
    """The adapter of a registered source, as its record names it (KeyError if unknown)."""
    source = get_source(source_id)
    if source.adapter is None:
        raise KeyError(f"source {source_id!r} has no adapter")
    adapter: Adapter[RawTable] = resolve(source.adapter)(source)
    return adapter
