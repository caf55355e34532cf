"""The French tension table: the DARES / France Travail tension indicators (method of 2020) of
a French zone's département (or region), per FAP family — the tension category and the six
complementary factors, each a class from 1 (eases tension) to 5 (strong tension) — next to the
common typology of the shortage signals (signals.py). The typology says which French factor
meets which VDAB knelpunt reason or Le Forem status:

| DARES factor                    | common type        | VDAB reason           | Le Forem          |
|---------------------------------|--------------------|-----------------------|-------------------|
| lack of available labour        | quantitative       | kwantitatief          | métier en pénurie |
| geographic mismatch             | quantitative       | kwantitatief (local)  | —                 |
| training–job link               | qualitative        | kwalitatief           | —                 |
| constraining working conditions | working_conditions | arbeidsomstandigheden | —                 |
| non-durable employment          | working_conditions | arbeidsomstandigheden | —                 |
| hiring intensity                | hard_to_fill       | —                     | fonction critique |

A factor DARES did not measure (a small occupation) stays missing, never 0. The indicators are
of their own year (2019 for the published file): the table says how many years lie between it
and the quarter.
"""

from __future__ import annotations

from typing import Any, Final

import pandas as pd

from schemas.canonical import TENSION_FACTORS
from services.bulletin.periods import Quarter

FACTOR_TYPES: Final = {
    "tension_lack_of_labour": "quantitative",
    "tension_geographic_mismatch": "quantitative",
    "tension_training_link": "qualitative",
    "tension_working_conditions": "working_conditions",
    "tension_non_durable_employment": "working_conditions",
    "tension_hiring_intensity": "hard_to_fill",
}
# The VDAB reason and the Le Forem status each factor meets through its type (None: none).
COUNTERPARTS: Final = {
    "quantitative": ("reason_quantitative", "penury"),
    "qualitative": ("reason_qualitative", None),
    "working_conditions": ("reason_working_conditions", None),
    "hard_to_fill": (None, "critical"),
}
MEASURES: Final = ("tension_index", "tension_class", *TENSION_FACTORS)
# Evidence this many years or more before the quarter is flagged as old.
YEARS_APART: Final = 2


def place_key(geo_system: str, geo_code: str) -> str:
    return f"{geo_system}:{geo_code}"


def typology() -> list[dict[str, Any]]:
    """Each factor with its common type and its VDAB and Le Forem counterparts."""
    return [
        {"factor": factor, "type": FACTOR_TYPES[factor],
         "vdab_reason": COUNTERPARTS[FACTOR_TYPES[factor]][0],
         "forem_status": COUNTERPARTS[FACTOR_TYPES[factor]][1]}
        for factor in TENSION_FACTORS
    ]  # fmt: skip


def _value(value: Any) -> float | None:
    return None if pd.isna(value) else float(value)


def _family(rows: pd.DataFrame) -> dict[str, Any]:
    by_measure = {row.indicator: row for row in rows.itertuples()}
    first = rows.iloc[0]

    def value(measure: str) -> float | None:
        row = by_measure.get(measure)
        return None if row is None else _value(row.value)

    return {
        "occupation_system": first["occupation_system"],
        "occupation_code": first["occupation_code"],
        "occupation_label": first["occupation_label"],
        "tension_index": value("tension_index"),
        "tension_class": value("tension_class"),
        "factors": {factor: value(factor) for factor in TENSION_FACTORS},
    }


def _table(rows: pd.DataFrame, quarter: Quarter) -> dict[str, Any]:
    latest = rows[rows["period"] == rows["period"].max()]
    first = latest.iloc[0]
    families = [_family(group) for _, group in latest.groupby("occupation_code", sort=True)]
    families.sort(key=lambda item: (item["tension_index"] is None, -(item["tension_index"] or 0)))
    years_before = quarter.year - int(str(first["period"])[:4])
    return {
        "geo_system": first["geo_system"],
        "geo_code": first["geo_code"],
        "geo_label": first["geo_label"],
        "source_id": first["source_id"],
        "reference_period": first["period"],
        "years_before": years_before,
        "old": years_before >= YEARS_APART,
        "families": families,
    }


def tension_tables(
    context: pd.DataFrame, places: set[tuple[str, str]], quarter: Quarter
) -> dict[str, dict[str, Any]]:
    """place key → the tension table of that French département or region."""
    measures = context[context["indicator"].isin(MEASURES)]
    tables = {}
    for system, code in sorted(places):
        rows = measures[(measures["geo_system"] == system) & (measures["geo_code"] == code)]
        if not rows.empty:
            tables[place_key(system, code)] = _table(rows, quarter)
    return tables
