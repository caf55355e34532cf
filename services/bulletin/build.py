"""Compute a quarter's bulletin from the store: count cells, disclosure control, derived
indicators, shortage signals and opportunities (nothing is stored here: see release.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy.orm import Session

from services.bulletin import derived, disclosure, signals, tension_factors
from services.bulletin.candidates import candidate_cells
from services.bulletin.cells import leaf_cells, with_reference_periods, zone_cells
from services.bulletin.inputs import Inputs, read_inputs, with_sections
from services.bulletin.periods import Quarter
from services.bulletin.side_by_side import side_by_side, tension_places
from services.bulletin.zones import zone_tree

CELL_COLUMNS = (
    "zone", "occupation_level", "occupation_code", "nace_section", "indicator", "unit",
    "coverage", "source_id", "reference_period", "period_type", "value", "obs_status",
    "conf_status", "flags",
)  # fmt: skip


@dataclass(frozen=True)
class Computed:
    inputs: Inputs
    cells: pd.DataFrame  # CELL_COLUMNS
    summary: dict[str, Any]


def compute(session: Session, quarter: Quarter) -> Computed:
    tree = zone_tree()
    inputs = read_inputs(session, quarter)
    observations, incomplete = with_reference_periods(inputs.observations, quarter)
    counts, unmapped = leaf_cells(observations, tree)
    counts = zone_cells(counts, tree).reset_index(drop=True)
    suppression = disclosure.protect(
        counts["value"].to_numpy(dtype=float), disclosure.relations(counts, tree)
    )
    published = derived.published_counts(counts, suppression)
    cells = pd.concat(
        [published, derived.shares(published), derived.tension(published)], ignore_index=True
    )
    cells = cells[list(CELL_COLUMNS)]
    cells = cells.sort_values(
        ["zone", "indicator", "occupation_level", "occupation_code", "nace_section", "coverage"],
        kind="stable",
    )
    listed = signals.shortage_signals(session, quarter) + signals.bmo_signals(cells)
    candidates, candidate_ids = candidate_cells(session, quarter, tree)
    lists = {int(item["submission_id"]) for item in listed if "submission_id" in item}
    inputs = with_sections(session, inputs, lists | candidate_ids)
    tables = tension_factors.tension_tables(inputs.context, tension_places(), quarter)
    summary = {
        "shortage_signals": listed,
        "shortage_typology": signals.typology(listed),
        "opportunities": signals.opportunities(listed, candidates),
        "disclosure": {
            "primary_threshold": disclosure.PRIMARY_THRESHOLD,
            "small_base": derived.SMALL_BASE,
            "primary_suppressed": len(suppression.primary),
            "secondary_suppressed": len(suppression.secondary),
        },
        "side_by_side": side_by_side(cells, inputs.context, quarter, tree, tables),
        "tension_tables": tables,
        "tension_typology": tension_factors.typology(),
        "unmapped_occupations": unmapped,
        "incomplete_flows": incomplete,
    }
    return Computed(inputs, cells.reset_index(drop=True), summary)
