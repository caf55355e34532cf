"""Runtime access to the committed crosswalk tables and the mapping version (never ../shared)."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any, Final

import pandas as pd

from services.harmonizer.mappings.common import (
    CROSSWALKS_DIR,
    GEOGRAPHY_DIR,
    MANIFEST,
    read_table,
)

BMO_TO_ISCO: Final = {"fap2009": "fap2009_isco08", "fap2021": "fap2021_isco08"}


@lru_cache(maxsize=1)
def manifest() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(MANIFEST.read_text(encoding="utf-8"))
    return loaded


def mapping_version() -> str:
    return str(manifest()["version"])


def table_names() -> list[str]:
    return sorted(manifest()["tables"])


@lru_cache(maxsize=32)
def load_crosswalk(name: str) -> pd.DataFrame:
    """One committed crosswalk table (KeyError for a table the manifest does not list)."""
    if name not in manifest()["tables"]:
        raise KeyError(name)
    return read_table(CROSSWALKS_DIR / f"{name}.csv")


def place_table_names() -> list[str]:
    """The geography crosswalks (places to the common geography)."""
    return sorted(manifest().get("geography", {}))


@lru_cache(maxsize=16)
def load_place_crosswalk(name: str) -> pd.DataFrame:
    """One committed geography table (KeyError for a table the manifest does not list)."""
    if name not in manifest().get("geography", {}):
        raise KeyError(name)
    return read_table(GEOGRAPHY_DIR / f"{name}.csv")


def nuts_codes() -> pd.DataFrame:
    """The NUTS 2021 codes of Belgium and France that the geography tables reach."""
    return read_table(GEOGRAPHY_DIR / "nuts2021.csv")
