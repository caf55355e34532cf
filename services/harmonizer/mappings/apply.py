"""Post-harmonization step: BMO métier observations → ISCO-08 unit-group observations.

Rule for secret cells (signed off in mappings/rome_isco_nace/README.md): a weighted share of a
secret cell is still secret, so it never enters a figure. An ISCO aggregate is the weighted sum
of its *published* parts only; when some part is secret the aggregate carries
``obs_status = "D"`` (definition differs: published parts only, a lower bound of the true total),
and when every part is secret it is ``value = null``, ``obs_status = "O"``, ``conf_status = "C"``.
No secret cell can be recomputed from these figures, since none of its value enters them.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd

from schemas.canonical import OBSERVATION_COLUMNS, OBSERVATION_SCHEMA
from services.harmonizer.mappings.codelists import load_codelist
from services.harmonizer.mappings.tables import BMO_TO_ISCO, load_crosswalk, mapping_version

ISCO_SYSTEM: Final = "isco08"
PARTIAL: Final = "D"  # SDMX CL_OBS_STATUS "definition differs": published parts only
# Every descriptive column but the occupation's: concepts (indicator, unit, coverage, period
# type) and places are never pooled, whatever columns the canonical schema grows.
CELL: Final = tuple(
    column
    for column in OBSERVATION_COLUMNS
    if column not in ("occupation_system", "occupation_version", "occupation_code")
    and column not in ("occupation_label", "value", "obs_status", "conf_status")
)


def isco_links(occupation_version: str) -> pd.DataFrame:
    """source_code → ISCO unit group with weight, for a BMO métier list (fap2009 / fap2021)."""
    table = load_crosswalk(BMO_TO_ISCO[occupation_version])
    return table[["source_code", "target_code", "weight"]]


def isco_observations(observations: pd.DataFrame) -> pd.DataFrame:
    """ISCO-08 observations of BMO métier observations, one per place × unit group × indicator."""
    # The split and the sums work on a small integer id per place × indicator: joining and
    # grouping the text columns of 150 000 rows cost most of the time and memory.
    cell_id = observations.groupby(list(CELL), dropna=False, sort=True, observed=True).ngroup()
    slim = pd.DataFrame(
        {
            "cell": cell_id.to_numpy(),
            "version": observations["occupation_version"].to_numpy(),
            "source_code": observations["occupation_code"].to_numpy(),
            "value": observations["value"].to_numpy(dtype=float),
            "secret": (observations["conf_status"] == "C").to_numpy(),
        }
    )
    parts = [
        rows.merge(isco_links(str(version)), on="source_code")
        for version, rows in slim.groupby("version", sort=True)
    ]
    joined = pd.concat(parts, ignore_index=True)
    joined["weighted"] = joined["value"].to_numpy() * joined["weight"].to_numpy()
    sums = joined.groupby(["cell", "target_code"], sort=True).agg(
        value=("weighted", "sum"), secret=("secret", "sum"), parts=("secret", "size")
    )
    cells = observations.loc[:, list(CELL)].assign(cell=cell_id.to_numpy())
    cells = cells.drop_duplicates("cell").set_index("cell")
    frame = cells.loc[sums.index.get_level_values("cell")].reset_index(drop=True)
    frame["occupation_code"] = sums.index.get_level_values("target_code").to_numpy()
    for column in ("value", "secret", "parts"):
        frame[column] = sums[column].to_numpy()
    return _finish(frame)


def _finish(frame: pd.DataFrame) -> pd.DataFrame:
    all_secret = (frame["secret"] == frame["parts"]).to_numpy()
    some_secret = (frame["secret"] > 0).to_numpy()
    labels = load_codelist(ISCO_SYSTEM).set_index("code")["label_fr"]
    frame = frame.assign(
        value=np.where(all_secret, np.nan, frame["value"].to_numpy()),
        obs_status=np.where(all_secret, "O", np.where(some_secret, PARTIAL, "A")),
        conf_status=np.where(all_secret, "C", "F"),
        occupation_system=ISCO_SYSTEM,
        occupation_version=mapping_version(),
        occupation_label=frame["occupation_code"].map(labels),
        source_row=None,
    )
    frame["geo_department"] = (
        frame["geo_department"].astype(object).where(frame["geo_department"].notna(), None)
    )
    frame = frame.loc[:, ["source_row", *OBSERVATION_COLUMNS]]
    OBSERVATION_SCHEMA.validate(frame[list(OBSERVATION_COLUMNS)], lazy=True)
    return frame


def unmapped_codes(observations: pd.DataFrame) -> list[str]:
    """Métier codes that no ISCO link reaches: their figures stay on the métier only."""
    missing: set[str] = set()
    for version, rows in observations.groupby("occupation_version", sort=True):
        known = set(isco_links(str(version))["source_code"])
        missing |= set(rows["occupation_code"]) - known
    return sorted(missing)
