"""Job seekers by occupation on each side of the Eurométropole, for the opportunities: the
latest figures each service has up to the end of the quarter (their period is shown with
them), counts below the primary threshold left out."""

from __future__ import annotations

from typing import Final

import pandas as pd
from sqlalchemy.orm import Session

from schemas.canonical import TOTAL
from services.bulletin.cells import leaf_cells, zone_cells
from services.bulletin.disclosure import PRIMARY_THRESHOLD
from services.bulletin.inputs import COLUMNS
from services.bulletin.periods import Quarter
from services.bulletin.signals import SIDE_ZONES
from services.bulletin.zones import ZoneTree
from services.harmonizer.store import bulletins

UNMAPPABLE: Final = ("isco08", "all")


def _period_end(period: str) -> str:
    if "-Q" in period:
        return Quarter.parse(period).last_month
    return f"{period}-M12" if len(period) == 4 else period


def candidate_cells(
    session: Session, quarter: Quarter, tree: ZoneTree
) -> tuple[pd.DataFrame, set[int]]:
    """The cells, and the submissions they come from (the release lists them in its inputs)."""
    rows = bulletins.current_job_seekers(session, COLUMNS, UNMAPPABLE)
    frame = pd.DataFrame(rows, columns=[*COLUMNS, "source_id"])
    if frame.empty:
        columns = ["zone", "occupation_code", "value", "reference_period", "source_id"]
        return pd.DataFrame(columns=columns), set()
    frame["end"] = frame["period"].map(_period_end)
    frame = frame[frame["end"] <= quarter.last_month]
    latest = frame.groupby("source_id")["end"].transform("max")
    frame = frame[frame["end"] == latest].assign(reference_period=lambda rows: rows["period"])
    cells, _ = leaf_cells(frame, tree)
    cells = zone_cells(cells, tree)
    chosen = cells[
        cells["zone"].isin(SIDE_ZONES.values()) & (cells["occupation_level"] == 4)
        & (cells["nace_section"] == TOTAL)
    ]  # fmt: skip
    chosen = chosen[chosen["value"] >= PRIMARY_THRESHOLD].rename(columns={"sources": "source_id"})
    chosen = chosen.assign(value=chosen["value"].round())
    used = {int(value) for value in frame["submission_id"].unique()}
    return chosen[["zone", "occupation_code", "value", "reference_period", "source_id"]], used
