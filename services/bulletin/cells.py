"""Count cells of a bulletin: observations mapped to ISCO-08 unit groups, summed up the ISCO
levels (4 → 2 → 1 → all) and up the zone tree.

A cell keeps its *concept* (indicator, unit, coverage, period type, reference period, NACE
section: `_T` for all sectors): a parent
zone is the sum of its children only when every child has the same concept, so BMO survey
projects, VDAB vacancies and Forem offers are never added up. A secret source cell is unknown:
its share of a sum is left out and the sum is flagged partial (obs_status D); a sum of secret
parts only has no value (conf_status C).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

import pandas as pd

from schemas.canonical import TOTAL
from services.bulletin.inputs import FLOWS
from services.bulletin.periods import Quarter
from services.bulletin.zones import ZoneTree, geo_keys
from services.harmonizer.mappings.links import UnknownOccupationSystem, isco_links_for

# The sector is part of the concept: a parent zone gets a section's figure only when every child
# has that section (the figures of a source filtered on one sector never pass for a whole zone's).
CONCEPT: Final = (
    "indicator", "unit", "coverage", "period_type", "reference_period", "nace_section"
)  # fmt: skip
CELL_KEY: Final = (*CONCEPT, "zone", "occupation_level", "occupation_code")
SECTOR: Final = CONCEPT.index("nace_section")
ALL_OCCUPATIONS: Final = "all"  # occupation system of figures for all occupations together
LEVELS: Final = ((2, 2), (1, 1), (0, 0))  # (ISCO level, code prefix length; 0 = all)


def isco_links(system: str, version: str, codes: Iterable[str] = ()) -> pd.DataFrame | None:
    """Weighted links to ISCO-08 unit groups; None for a system no crosswalk reaches."""
    try:
        return isco_links_for(system, version, codes)
    except UnknownOccupationSystem:
        return None


def with_reference_periods(
    observations: pd.DataFrame, quarter: Quarter
) -> tuple[pd.DataFrame, list[str]]:
    """Label each observation with the period it stands for; drop flows missing a month."""
    frame = observations.copy()
    monthly_flow = frame["indicator"].isin(FLOWS) & (frame["period_type"] == "month")
    frame["reference_period"] = frame["period"].where(
        ~(monthly_flow | (frame["period_type"] == "quarter")), str(quarter)
    )
    frame.loc[monthly_flow, "period_type"] = "quarter"
    incomplete: list[str] = []
    if monthly_flow.any():
        months = (
            frame[monthly_flow].groupby(["source_id", "indicator", "coverage"])["period"].nunique()
        )
        short = months[months < len(quarter.months)]
        for source_id, indicator, coverage in short.index:
            incomplete.append(f"{source_id}:{indicator}:{coverage}")
            drop = (
                monthly_flow
                & (frame["source_id"] == source_id)
                & (frame["indicator"] == indicator)
                & (frame["coverage"] == coverage)
            )
            frame = frame[~drop]
            monthly_flow = monthly_flow[~drop]
    return frame, incomplete


def _with_zones(frame: pd.DataFrame, tree: ZoneTree) -> pd.DataFrame:
    places = frame[["geo_system", "geo_code", "geo_department"]].drop_duplicates()
    rows = [
        (system, code, department, zone)
        for system, code, department in places.itertuples(index=False)
        for zone in tree.leaf_zones_of(
            geo_keys(system, code, department if isinstance(department, str) else None)
        )
    ]
    zones = pd.DataFrame(rows, columns=["geo_system", "geo_code", "geo_department", "zone"])
    return frame.merge(zones, on=["geo_system", "geo_code", "geo_department"], how="inner")


def _with_isco(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    parts: list[pd.DataFrame] = []
    unmapped: list[str] = []
    for (system, version), rows in frame.groupby(["occupation_system", "occupation_version"]):
        links = isco_links(str(system), str(version), rows["occupation_code"].astype(str))
        if links is None:
            unmapped.append(f"{system}:{version}")
            continue
        joined = rows.merge(links, left_on="occupation_code", right_on="source_code", how="left")
        lost = joined["target_code"].isna()
        unmapped.extend(
            sorted({f"{system}:{version}:{code}" for code in joined.loc[lost, "occupation_code"]})
        )
        parts.append(joined[~lost])
    if not parts:
        return frame.iloc[0:0].assign(target_code="", weight=1.0), unmapped
    return pd.concat(parts, ignore_index=True), unmapped


def leaf_cells(observations: pd.DataFrame, tree: ZoneTree) -> tuple[pd.DataFrame, list[str]]:
    """Unit-group cells of the leaf zones, then their ISCO parents (levels 2, 1 and all)."""
    placed = _with_zones(observations, tree)
    whole = placed["occupation_system"] == ALL_OCCUPATIONS
    mapped, unmapped = _with_isco(placed[~whole])
    mapped = mapped.assign(
        secret=mapped["conf_status"] == "C",
        weighted=mapped["value"].astype(float) * mapped["weight"].astype(float),
        occupation_code=mapped["target_code"].astype(str),
        occupation_level=4,
    )
    unit_groups = _sum(
        mapped, [*CONCEPT, "zone", "occupation_level", "occupation_code"], "weighted", "secret"
    )
    levels = [unit_groups]
    for level, width in LEVELS:
        upper = unit_groups.assign(
            occupation_level=level,
            occupation_code=unit_groups["occupation_code"].str[:width] if width else TOTAL,
        )
        levels.append(_sum(upper, list(CELL_KEY), "value", "secret", "parts", "sources"))
    if whole.any():  # figures for all occupations together: the total level only
        totals = placed[whole].assign(
            secret=placed["conf_status"] == "C", occupation_code=TOTAL, occupation_level=0
        )
        levels.append(_sum(totals, list(CELL_KEY), "value", "secret"))
    return pd.concat(levels, ignore_index=True), unmapped


def _sum(
    frame: pd.DataFrame,
    keys: list[str],
    value: str,
    secret: str,
    parts: str | None = None,
    sources: str | None = None,
) -> pd.DataFrame:
    names = frame[sources or "source_id"].astype(str)
    split = {joined: set(joined.split("+")) for joined in names.unique()}
    every = sorted(set().union(*split.values())) if split else []
    bits = {
        f"_source_{bit}": names.map({joined: name in held for joined, held in split.items()})
        for bit, name in enumerate(every)
    }
    grouped = frame.assign(**bits).groupby(keys, sort=True, dropna=False)
    result = pd.DataFrame(
        {
            "value": grouped[value].sum(min_count=1),
            "secret": grouped[secret].sum(),
            "parts": grouped[parts].sum() if parts else grouped.size(),
        }
    )
    result["sources"] = _joined(grouped[list(bits)].max(), every) if every else ""
    return result.reset_index()


def _joined(present: pd.DataFrame, names: list[str]) -> pd.Series:
    """ "a+b" for the groups where sources a and b are present (the columns of ``present``)."""
    codes = pd.Series(0, index=present.index, dtype="int64")
    for bit, column in enumerate(present):
        codes += present[column].astype("int64") * (1 << bit)
    text = {
        code: "+".join(name for bit, name in enumerate(names) if code >> bit & 1)
        for code in pd.unique(codes)
    }
    return codes.map(text)


def zone_cells(cells: pd.DataFrame, tree: ZoneTree) -> pd.DataFrame:
    """Add each parent zone where every child has the concept, bottom-up."""
    for parent in tree.parents_bottom_up():
        children = tree.children(parent)
        rows = cells[cells["zone"].isin(children)]
        complete = _complete_concepts(rows, set(children))
        if not complete:
            continue
        keep = pd.MultiIndex.from_frame(rows[list(CONCEPT)]).isin(complete)
        summed = _sum(
            rows[keep].assign(zone=parent), list(CELL_KEY), "value", "secret", "parts", "sources"
        )
        cells = pd.concat([cells, summed], ignore_index=True)
    return cells


def _complete_concepts(rows: pd.DataFrame, children: set[str]) -> list[tuple[object, ...]]:
    """The concepts every child has. A child that breaks an all-sector figure down by NACE
    section (it has the `_T` total and sections of the same concept) has every section of it:
    the ones it lacks are zero. A source filtered on one sector has no such total."""
    had = rows[[*CONCEPT, "zone"]].drop_duplicates()
    zones_of: dict[tuple[object, ...], set[str]] = {}
    for row in had.itertuples(index=False, name=None):
        zones_of.setdefault(tuple(row[:-1]), set()).add(str(row[-1]))
    breakdown: dict[tuple[object, ...], set[str]] = {}
    for concept, zones in zones_of.items():
        if concept[SECTOR] != TOTAL:
            total = zones_of.get(_all_sectors(concept), set())
            breakdown.setdefault(_all_sectors(concept), set()).update(zones & total)
    return [
        concept for concept, zones in zones_of.items()
        if zones | (breakdown.get(_all_sectors(concept), set())
                    if concept[SECTOR] != TOTAL else set()) >= children
    ]  # fmt: skip


def _all_sectors(concept: tuple[object, ...]) -> tuple[object, ...]:
    return (*concept[:SECTOR], TOTAL, *concept[SECTOR + 1 :])
