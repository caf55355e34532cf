"""The national shortage signals side by side, one common typology, and the cross-border
opportunities: occupations short on one side with job seekers on the other.

Common typology (documented in README, "Bulletin"):
- `quantitative` — too few candidates: VDAB reason "kwantitatief"; Forem "métier en pénurie"
  (fewer than 1.5 job seekers per offer handled); the French official list of métiers en
  tension (regional or national);
- `qualitative` — candidates lack the skills or qualifications: VDAB reason "kwalitatief";
- `working_conditions` — the job deters candidates: VDAB reason "arbeidsomstandigheden";
- `hard_to_fill` — recruitment reported difficult, reason not given: Forem "fonction
  critique"; BMO, at least half the projects of an occupation judged difficult in a zone;
- `unspecified` — on a shortage list that gives no reason (a transcription without them).
"""

from __future__ import annotations

from typing import Any, Final

import pandas as pd
from sqlalchemy.orm import Session

from schemas.canonical import TOTAL
from services.bulletin.cells import isco_links
from services.bulletin.periods import Quarter
from services.harmonizer.sources import SOURCES
from services.harmonizer.store import bulletins

# The BMO survey, whose difficult-hiring shares are a signal of their own.
BMO: Final = next(source for source in SOURCES.values() if source.dataset == "bmo")
SIDE_ZONES: Final = {"FR": "EMLKT-FR", "BE-VL": "EMLKT-VL", "BE-WA": "EMLKT-WA"}
STATUS_TYPES: Final = {
    "penury": ("quantitative",),
    "critical": ("hard_to_fill",),
    # The official French list (arrêté of March 2024) is drawn from tension indicators.
    "tension-regional": ("quantitative",),
    "tension-national": ("quantitative",),
}
REASON_TYPES: Final = {
    "reason_quantitative": "quantitative",
    "reason_qualitative": "qualitative",
    "reason_working_conditions": "working_conditions",
}
TYPES: Final = ("quantitative", "qualitative", "working_conditions", "hard_to_fill", "unspecified")
BMO_DIFFICULT: Final = 50.0  # % of a zone's projects judged difficult
# A signal reaches an ISCO-08 group only through a major link of its crosswalk: the code's
# largest weight, or one of at least this share ("Kapper" is 5141 hairdressers at 0.8, not
# 7531 tailors at 0.2; "Bewakingsagent" is 5414 security guards, not 8322 drivers).
MAJOR_WEIGHT: Final = 0.25
# Evidence of two sides this many years apart or more is flagged in the opportunities.
YEARS_APART: Final = 2


def _types(row: Any) -> list[str]:
    if row.status in STATUS_TYPES:
        return list(STATUS_TYPES[row.status])
    types = [name for column, name in REASON_TYPES.items() if getattr(row, column)]
    return types or ["unspecified"]


def _chosen_lists(session: Session, quarter: Quarter) -> dict[int, str]:
    """Per source: the list of the quarter's year, else the latest before, else the next."""
    rows = bulletins.shortage_lists(session)
    chosen: dict[str, tuple[int, str]] = {}
    for submission_id, source_id, period in rows:
        rank = _list_rank(int(period[:4]), quarter.year)
        best = chosen.get(source_id)
        if best is None or rank < _list_rank(int(best[1][:4]), quarter.year):
            chosen[source_id] = (submission_id, period)
    return {submission_id: source_id for source_id, (submission_id, _) in chosen.items()}


def _list_rank(list_year: int, year: int) -> tuple[int, int]:
    return (0, year - list_year) if list_year <= year else (1, list_year - year)


def shortage_signals(session: Session, quarter: Quarter) -> list[dict[str, Any]]:
    """Every signal of the chosen lists, with its ISCO-08 unit groups and common types."""
    chosen = _chosen_lists(session, quarter)
    rows = bulletins.signals_of(session, list(chosen))
    signals = []
    for row in rows:
        source_id = chosen[row.submission_id]
        signals.append(
            {
                "source_id": source_id,
                "side": SOURCES[source_id].side,
                "list_period": row.period,
                "submission_id": row.submission_id,
                "occupation_system": row.occupation_system,
                "occupation_code": row.occupation_code,
                "occupation_label": row.occupation_label,
                "status": row.status,
                "reasons": {name: getattr(row, name) for name in REASON_TYPES},
                "types": _types(row),
                "isco": _isco_of(
                    row.occupation_system, row.occupation_version, row.occupation_code
                ),
            }
        )
    return signals


def _isco_of(system: str, version: str, code: str) -> list[str]:
    links = isco_links(system, version, (code,))
    if links is None:
        return []
    own = links[links["source_code"] == code]
    major = (own["weight"] >= MAJOR_WEIGHT) | (own["weight"] == own["weight"].max())
    return sorted(set(own.loc[major, "target_code"].astype(str)))


def bmo_signals(cells: pd.DataFrame) -> list[dict[str, Any]]:
    """Occupations of the French Eurométropole zone with at least half the projects difficult."""
    share = cells[
        (cells["indicator"] == "difficult_share") & (cells["zone"] == SIDE_ZONES["FR"])
        & (cells["occupation_level"] == 4) & (cells["nace_section"] == TOTAL)
        & (cells["flags"] != "small_base")
        & (cells["value"] >= BMO_DIFFICULT)
    ]  # fmt: skip
    return [
        {"source_id": BMO.id, "side": BMO.side, "list_period": row.reference_period,
         "occupation_system": "isco08", "occupation_code": row.occupation_code,
         "status": "difficult", "value": float(str(row.value)), "types": ["hard_to_fill"],
         "isco": [row.occupation_code]}
        for row in share.itertuples()
    ]  # fmt: skip


def typology(signals: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Signals side by side: per source and list, how many occupations fall in each type."""
    rows: dict[tuple[str, str, str], dict[str, int]] = {}
    totals: dict[tuple[str, str, str], int] = {}
    for signal in signals:
        key = (signal["source_id"], signal["side"], signal["list_period"])
        counts = rows.setdefault(key, dict.fromkeys(TYPES, 0))
        totals[key] = totals.get(key, 0) + 1
        for name in signal["types"]:
            counts[name] += 1
    return [
        {"source_id": source, "side": side, "list_period": period, "types": counts,
         "signals": totals[(source, side, period)]}
        for (source, side, period), counts in sorted(rows.items())
    ]  # fmt: skip


def opportunities(signals: list[dict[str, Any]], candidates: pd.DataFrame) -> list[dict[str, Any]]:
    """Occupations short on one side with job seekers on another, most candidates first.

    `candidates`: published job-seeker cells (zone, occupation_code, value, reference_period,
    source_id) of the Eurométropole side zones at ISCO level 4."""
    by_code: dict[str, list[dict[str, Any]]] = {}
    for signal in signals:
        for code in signal["isco"]:
            by_code.setdefault(code, []).append(signal)
    found = []
    for code, evidence in sorted(by_code.items()):
        short_sides = sorted({signal["side"] for signal in evidence})
        for side in short_sides:
            pool = candidates[
                (candidates["occupation_code"] == code) & (candidates["zone"] != SIDE_ZONES[side])
            ]
            pool = pool[pool["value"].notna()]
            if pool.empty:
                continue
            found.append(_opportunity(code, side, evidence, pool))
    found.sort(key=lambda item: (-item["candidates"], item["occupation_code"], item["short_side"]))
    for rank, item in enumerate(found, start=1):
        item["rank"] = rank
    return found


def _opportunity(
    code: str, side: str, evidence: list[dict[str, Any]], pool: pd.DataFrame
) -> dict[str, Any]:
    zone_sides = {zone: zone_side for zone_side, zone in SIDE_ZONES.items()}
    signals = [signal for signal in evidence if signal["side"] == side]
    signal_periods = sorted({str(signal["list_period"]) for signal in signals})
    seeker_periods = sorted({str(period) for period in pool["reference_period"]})
    apart = max(
        abs(int(first[:4]) - int(second[:4]))
        for first in signal_periods for second in seeker_periods
    )  # fmt: skip
    return {
        "occupation_code": code,
        "short_side": side,
        "candidate_side": "+".join(sorted({zone_sides[zone] for zone in pool["zone"]})),
        "candidate_zones": sorted(pool["zone"].unique()),
        "candidates": float(pool["value"].sum()),
        "signals": signals,
        "signal_periods": signal_periods,
        "job_seeker_periods": seeker_periods,
        "years_apart": apart,
        "evidence_apart": apart >= YEARS_APART,
        "job_seekers": pool[["zone", "value", "reference_period", "source_id"]].to_dict("records"),
    }
