"""Shared vocabulary of the crosswalk tables: paths, columns, relations, byte-stable CSV."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Final

import pandas as pd

from services import paths

ROOT: Final = paths.ROOT
MAPPINGS_DIR: Final = paths.MAPPINGS_DIR
CODELISTS_DIR: Final = MAPPINGS_DIR / "codelists"
CROSSWALKS_DIR: Final = MAPPINGS_DIR / "crosswalks"
REVIEW_DIR: Final = MAPPINGS_DIR / "review"
GEOGRAPHY_DIR: Final = MAPPINGS_DIR / "geography"
MANIFEST: Final = MAPPINGS_DIR / "manifest.json"

CROSSWALK_COLUMNS: Final = (
    "source_system", "source_version", "source_code", "target_system", "target_version",
    "target_code", "relation", "weight", "method", "provenance",
)  # fmt: skip
CODELIST_COLUMNS: Final = ("code", "level", "parent_code", "label_fr", "label_nl", "label_en")
RELATIONS: Final = ("exact", "broad", "narrow", "close")
# Ten decimals: the rounding residue of a source code's weights stays far below one project
# even on the national BMO total (3 × 10^6 projects × 10^-10).
WEIGHT_DECIMALS: Final = 10


def shared_data_dir() -> Path:
    """The shared reference data (only the build and `shared_data` tests read it)."""
    return Path(os.environ.get("CROSSBMO_SHARED_DATA", ROOT.parent / "shared" / "data"))


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """Byte-stable CSV: fixed column order, sorted rows, `\\n` endings, fixed weight format."""
    path.parent.mkdir(parents=True, exist_ok=True)
    frame = frame.sort_values(list(frame.columns), kind="stable").reset_index(drop=True)
    if "weight" in frame.columns:
        frame = frame.assign(weight=frame["weight"].map(_format_weight))
    frame.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")


def _format_weight(weight: float) -> str:
    text = f"{weight:.{WEIGHT_DECIMALS}f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


def read_table(path: Path) -> pd.DataFrame:
    """A generated table as text, except the weight column (float)."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    if "weight" in frame.columns:
        frame["weight"] = frame["weight"].astype(float)
    return frame


def relation_of_links(links: pd.DataFrame, one_to_one: str = "close") -> pd.Series:
    """SKOS-style relation of each link from the fan-out on both sides.

    A source split over several targets is broader than each (the target is *narrow*); several
    sources pooled into one target make the target *broad*; both at once only overlap (*close*).
    One-to-one links get ``one_to_one``: *exact* only where the code is the same concept.
    """
    targets = links.groupby("source_code")["target_code"].transform("nunique")
    sources = links.groupby("target_code")["source_code"].transform("nunique")
    relation = pd.Series(one_to_one, index=links.index, dtype=object)
    relation[(targets > 1) & (sources == 1)] = "narrow"
    relation[(targets == 1) & (sources > 1)] = "broad"
    relation[(targets > 1) & (sources > 1)] = "close"
    return relation


def normalize_weights(links: pd.DataFrame, basis: str) -> pd.Series:
    """Weights ∝ ``basis`` within each source code; an all-zero source gets an equal split."""
    totals = links.groupby("source_code")[basis].transform("sum")
    counts = links.groupby("source_code")[basis].transform("size")
    weights = (links[basis] / totals).where(totals > 0, 1.0 / counts)
    return _round_to_one(links.assign(_w=weights))


def _round_to_one(links: pd.DataFrame) -> pd.Series:
    """Round to WEIGHT_DECIMALS, the largest weight of each source absorbing the residue."""
    rounded = links["_w"].round(WEIGHT_DECIMALS)
    residue = 1.0 - rounded.groupby(links["source_code"]).transform("sum")
    largest = rounded.groupby(links["source_code"]).transform("max") == rounded
    first_largest = largest & ~links.loc[largest, "source_code"].duplicated().reindex(
        links.index, fill_value=True
    )
    return (rounded + residue.where(first_largest, 0.0)).round(WEIGHT_DECIMALS)
