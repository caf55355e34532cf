"""The bulletin's "side by side" section: for each zone, each side's own job-seeker or
unemployment figure with its source and period, the comparable LFS rate (Eurostat, ILO: the one
definition shared by both sides) of the NUTS 2 regions it lies in, the administrative rates of
its municipalities as a range, and the Flemish construction vacancies (region-wide, labelled
so). Figures of different concepts are listed next to each other, never added up; a figure a
zone lacks names the partner file that would fill it.

Which NUTS 2 regions and which DARES geography belong to a zone is editorial, in
data/reference/zones/zone_context.csv (with the regions' fr/nl/en names in nuts2_regions.csv).
"""

from __future__ import annotations

import csv
from functools import lru_cache
from typing import Any, Final

import pandas as pd

from schemas.canonical import TOTAL
from services import paths
from services.bulletin.inputs import RATES, REGION_SERIES
from services.bulletin.periods import Quarter
from services.bulletin.tension_factors import place_key
from services.bulletin.zones import ZoneTree, geo_keys
from services.harmonizer.sources import SOURCES

CONTEXT_FILE: Final = paths.ZONES_DIR / "zone_context.csv"
NUTS2_FILE: Final = paths.ZONES_DIR / "nuts2_regions.csv"
# Each side's own count of people out of work, as the bulletin's cells hold it.
COUNTS: Final = ("job_seekers", "benefit_claimants")
LFS_RATE, ADMIN_RATE = RATES
# What a zone of each side should show, as (indicator, service, dataset) of the source that
# would fill it; a service with no exchange file for it yet has no dataset (None).
EXPECTED: Final[dict[str, tuple[tuple[str, str, str | None], ...]]] = {
    "FR": (("job_seekers", "france-travail", "job-seekers"),),
    "BE-VL": (
        ("benefit_claimants", "onem", "benefit-claimants"),
        ("job_seekers", "vdab", None),  # NWWZ by arrondissement: no exchange file yet
        (ADMIN_RATE, "steunpunt-werk", "admin-unemployment-rate"),
    ),
    "BE-WA": (
        ("benefit_claimants", "onem", "benefit-claimants"),
        ("job_seekers", "forem", "job-seekers"),
    ),
}
LFS_SOURCE: Final = ("eurostat", "lfs-unemployment-rate")
TENSION_SOURCE: Final = ("dares", "tension-indicators")


def _rows(name: str) -> list[dict[str, str]]:
    path = CONTEXT_FILE if name == "context" else NUTS2_FILE
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@lru_cache(maxsize=1)
def context_places() -> dict[str, dict[str, list[tuple[str, str]]]]:
    """zone → role (`lfs`, `tension`) → its (geo_system, geo_code) places."""
    places: dict[str, dict[str, list[tuple[str, str]]]] = {}
    for row in _rows("context"):
        roles = places.setdefault(row["zone"], {})
        roles.setdefault(row["role"], []).append((row["geo_system"], row["geo_code"]))
    return places


@lru_cache(maxsize=1)
def nuts2_names() -> dict[str, dict[str, str]]:
    """NUTS 2 code → its fr/nl/en names."""
    return {
        row["code"]: {language: row[f"name_{language}"] for language in ("fr", "nl", "en")}
        for row in _rows("nuts2")
    }


def source_of(service: str, dataset: str | None) -> str | None:
    """The registered source of a service's dataset (None: no exchange file yet)."""
    for source in SOURCES.values():
        if source.service == service and source.dataset == dataset:
            return source.id
    return None


def _value(value: Any) -> float | None:
    return None if pd.isna(value) else float(value)


def _figure(row: Any, kind: str, **extra: Any) -> dict[str, Any]:
    return {
        "kind": kind, "indicator": row.indicator, "unit": row.unit, "coverage": row.coverage,
        "source_id": row.source_id, "reference_period": row.reference_period,
        "period_type": row.period_type, "value": _value(row.value),
        "obs_status": row.obs_status, "conf_status": row.conf_status, **extra,
    }  # fmt: skip


def _counts(cells: pd.DataFrame, zone: str, provisional: set[str]) -> list[dict[str, Any]]:
    """The zone's own counts; ``provisional``: the sources whose figures of the year are still
    provisional (ONEM's average of the months published so far), which the cells do not say."""
    own = cells[
        (cells["zone"] == zone) & (cells["occupation_code"] == TOTAL)
        & (cells["nace_section"] == TOTAL) & cells["indicator"].isin(COUNTS)
    ]  # fmt: skip
    return [
        _figure(row, "count", provisional=row.source_id in provisional) for row in own.itertuples()
    ]


def _provisional(context: pd.DataFrame) -> set[str]:
    claimants = context[(context["indicator"] == "benefit_claimants")]
    return set(claimants.loc[claimants["obs_status"] == "P", "source_id"].astype(str))


def _latest(frame: pd.DataFrame) -> pd.DataFrame:
    """Per place and source, the latest period (the one closest to the quarter)."""
    if frame.empty:
        return frame
    latest = frame.groupby(["geo_code", "source_id"])["period"].transform("max")
    return frame[frame["period"] == latest]


def _lfs(context: pd.DataFrame, places: list[tuple[str, str]]) -> list[dict[str, Any]]:
    codes = [code for system, code in places if system == "nuts"]
    rates = context[(context["indicator"] == LFS_RATE) & context["geo_code"].isin(codes)]
    rates = _latest(rates).assign(
        reference_period=lambda rows: rows["period"],
        place=lambda rows: rows["geo_code"].map({code: n for n, code in enumerate(codes)}),
    )
    rates = rates.sort_values(["place", "source_id"], kind="stable")
    return [_figure(row, "region_rate", geo_code=row.geo_code) for row in rates.itertuples()]


def _municipal_rates(context: pd.DataFrame, tree: ZoneTree, zone: str) -> list[dict[str, Any]]:
    """The administrative rates of the zone's municipalities: a range and a list, no total."""
    rates = _latest(context[context["indicator"] == ADMIN_RATE])
    leaves = _leaves(tree, zone)
    inside = pd.Series(
        [
            bool(set(tree.leaf_zones_of(geo_keys(system, code, None))) & leaves)
            for system, code in zip(rates["geo_system"], rates["geo_code"], strict=True)
        ],
        index=rates.index,
        dtype=bool,
    )
    rates = rates[inside]
    figures = []
    for source_id, rows in rates.groupby("source_id"):
        known = rows[rows["value"].notna()].sort_values("value", kind="stable")
        if known.empty:
            continue
        first = known.iloc[0]
        figures.append(
            {"kind": "municipal_range", "indicator": ADMIN_RATE, "unit": first["unit"],
             "coverage": first["coverage"], "source_id": str(source_id),
             "reference_period": first["period"], "period_type": first["period_type"],
             "minimum": float(known["value"].min()), "maximum": float(known["value"].max()),
             "municipalities": [
                 {"geo_code": row.geo_code, "name": row.geo_label, "value": _value(row.value),
                  "obs_status": row.obs_status}
                 for row in known.itertuples()
             ]}
        )  # fmt: skip
    return figures


def _leaves(tree: ZoneTree, zone: str) -> set[str]:
    if zone in tree.members:
        return {zone}
    return set().union(*(_leaves(tree, child) for child in tree.children(zone)))


def _region_series(context: pd.DataFrame, quarter: Quarter) -> list[dict[str, Any]]:
    """Flemish construction vacancies: received over the quarter's three months (all three
    needed), open at its last month; region-wide, never a zone's own figure."""
    figures = []
    series = context[context["indicator"].isin(REGION_SERIES)]
    for (source_id, indicator, geo_code, nace), rows in series.groupby(
        ["source_id", "indicator", "geo_code", "nace_section"]
    ):
        stock = indicator == "vacancies_open"
        chosen = rows[rows["period"] == quarter.last_month] if stock else rows
        if chosen.empty or (not stock and chosen["period"].nunique() < len(quarter.months)):
            continue
        first = chosen.iloc[0]
        figures.append(
            {"kind": "region_series", "indicator": indicator, "unit": first["unit"],
             "coverage": first["coverage"], "source_id": str(source_id),
             "reference_period": quarter.last_month if stock else str(quarter),
             "period_type": "month" if stock else "quarter", "geo_code": geo_code,
             "geo_label": first["geo_label"], "nace_section": nace,
             "value": float(chosen["value"].sum(min_count=1)),
             "obs_status": "A", "conf_status": "F"}
        )  # fmt: skip
    return figures


def _missing(side: str, figures: list[dict[str, Any]], lfs_wanted: bool) -> list[dict[str, Any]]:
    """The figures a zone of ``side`` lacks, each with the partner file that would fill it."""
    present = {figure["indicator"] for figure in figures}
    wanted = list(EXPECTED.get(side, ()))
    if lfs_wanted:
        wanted.append((LFS_RATE, *LFS_SOURCE))
    return [
        {"indicator": indicator, "service": service, "source_id": source_of(service, dataset)}
        for indicator, service, dataset in wanted
        if indicator not in present
    ]


def tension_places() -> set[tuple[str, str]]:
    """Every French département or region a zone takes its DARES tension table from."""
    return {place for roles in context_places().values() for place in roles.get("tension", [])}


def _tension(code: str, tables: dict[str, Any]) -> tuple[list[str], list[dict[str, Any]]]:
    """The zone's tension tables (place keys), or the source that would fill the missing one."""
    wanted = [place_key(*place) for place in context_places().get(code, {}).get("tension", [])]
    missing = [
        {"indicator": "tension_index", "service": TENSION_SOURCE[0],
         "source_id": source_of(*TENSION_SOURCE), "place": key}
        for key in wanted if key not in tables
    ]  # fmt: skip
    return [key for key in wanted if key in tables], missing


def side_by_side(
    cells: pd.DataFrame, context: pd.DataFrame, quarter: Quarter, tree: ZoneTree,
    tables: dict[str, Any],
) -> dict[str, dict[str, Any]]:  # fmt: skip
    """zone → its figures side by side, its tension tables (keys of ``tables``) and what is
    missing (see the module docstring)."""
    places = context_places()
    regional = _region_series(context, quarter)
    provisional = _provisional(context)
    result = {}
    for code, zone in tree.zones.items():
        lfs_places = places.get(code, {}).get("lfs", [])
        figures = [
            *_counts(cells, code, provisional),
            *_lfs(context, lfs_places),
            *_municipal_rates(context, tree, code),
            *(regional if zone.side == "BE-VL" else []),
        ]
        tension, no_tension = _tension(code, tables)
        result[code] = {
            "figures": figures,
            "tension": tension,
            "missing": [*_missing(zone.side, figures, bool(lfs_places)), *no_tension],
            "nuts2": [geo_code for _, geo_code in lfs_places],
        }
    return result
