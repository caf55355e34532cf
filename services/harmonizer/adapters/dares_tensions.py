"""`dares-tensions`: the DARES / Pôle emploi tension indicators (method of 2020) per FAP family
and place: average employment, the standardised tension index, the tension category and the six
complementary factors (classes 1–5: hiring intensity, training–job link, lack of available
labour, non-durable employment, constraining working conditions, geographic mismatch).

- `fap 87` rows are families (`occupation_system = fap87`), `fap 225` rows occupations
  (`bmo-metier`), both FAP2009 (`occupation_version = fap2009`), labelled from
  mappings/rome_isco_nace/codelists/fap2009.csv; a code missing there is
  `unknown-occupation-code`.
- `nat` → `fr-country` FR, `reg` → `fr-region` (`32.0` → `32`), `dep` → `fr-department`. Only
  France, the covered regions and départements are stored (services/harmonizer/geography_fr.py);
  the other places are counted in one `outside-reference-area` warning.
- An empty cell was not measured (a small occupation): no value, `obs_status = O`, never 0.
  Classes and the index are never summed (units `class`, `index`).
"""

from __future__ import annotations

from typing import Final

import pandas as pd

from schemas.canonical import TENSION_FACTORS
from schemas.raw.dares_tensions import (
    COLUMNS,
    FACTOR_COLUMNS,
    FAP_LEVELS,
    REGION,
    REQUIRED,
    is_fap_code,
)
from services.harmonizer.adapters.base import (
    ContractCsvAdapter,
    Harmonized,
    RawTable,
    checked_observations,
    observation_frame,
)
from services.harmonizer.adapters.checks import outside_area, span_of
from services.harmonizer.errors import Finding
from services.harmonizer.geography_fr import DEPARTMENTS, REGIONS
from services.harmonizer.mappings.codelists import fap2009_labels
from services.i18n import N_

# Column → (indicator, unit), in the order of the file.
MEASURES: Final = {
    "emploi moyen": ("employment", "persons"),
    "tension": ("tension_index", "index"),
    "catégorie tension": ("tension_class", "class"),
    **{column: (factor, "class") for column, factor in zip(FACTOR_COLUMNS, TENSION_FACTORS,
                                                           strict=True)},
}  # fmt: skip
SYSTEMS: Final = {"fap 87": "fap87", "fap 225": "bmo-metier"}
AREA: Final = N_("France, regions 32 and 44, départements 02, 08, 59, 60, 62, 80")
KEY: Final = ("fap", "niveau_geo", "niveau_fap", "reg", "dep", "année")


def _region(value: str) -> str:
    return f"{int(float(value)):02d}" if REGION.fullmatch(value) else value


def place_of_row(level: str, region: str, department: str) -> tuple[str, str, str] | None:
    """(geo_system, geo_code, geo_label) of a covered place, None otherwise."""
    level = level.strip()
    if level == "nat":
        return "fr-country", "FR", "France"
    if level == "reg":
        code = _region(region)
        return ("fr-region", code, REGIONS[code]) if code in REGIONS else None
    if level == "dep" and department in DEPARTMENTS:
        return "fr-department", department, DEPARTMENTS[department]
    return None


class DaresTensions(ContractCsvAdapter):
    columns = COLUMNS
    required = REQUIRED

    def content_checks(self, table: RawTable) -> list[Finding]:
        frame, name = table.frame, table.file_name
        return _codes(frame, name) + _places(frame, name) + _repeats(frame, name)

    def harmonize(self, table: RawTable, period: str | None) -> Harmonized:
        frame = table.frame
        places = [place_of_row(*cells) for cells in zip(frame["niveau_geo"], frame["reg"],
                                                        frame["dep"], strict=True)]  # fmt: skip
        placed = pd.Series(places, index=frame.index, dtype=object)
        covered = frame[placed.notna()]
        observations = self.observations(covered, placed[placed.notna()])
        years = sorted(set(covered["année"]))
        outside = len(frame) - len(covered)
        stats = {"observations": len(observations), "rows_outside_area": outside,
                 "not_measured": int(observations["value"].isna().sum())}  # fmt: skip
        return Harmonized(
            observations=observations, stats=stats,
            findings=outside_area(outside, table.file_name, AREA),
            period=span_of(years),
        )  # fmt: skip

    def observations(self, frame: pd.DataFrame, places: pd.Series) -> pd.DataFrame:
        columns = ["geo_system", "geo_code", "geo_label"]
        where = pd.DataFrame(places.tolist(), index=frame.index, columns=columns)
        level = frame["niveau_fap"].str.strip()
        parts = []
        for column, (indicator, unit) in MEASURES.items():
            missing = frame[column] == ""
            parts.append(
                observation_frame(
                    {
                        "source_row": frame.index,
                        "dataset": self.source.dataset,
                        "period": frame["année"],
                        "period_type": "year",
                        **{name: where[name] for name in columns},
                        "geo_vintage": "2019",
                        "occupation_system": level.map(SYSTEMS),
                        "occupation_version": "fap2009",
                        "occupation_code": frame["fap"],
                        "occupation_label": frame["fap"].map(fap2009_labels()),
                        "indicator": indicator,
                        "unit": unit,
                        "value": pd.to_numeric(frame[column].where(~missing)).astype("float64"),
                        "obs_status": missing.map({True: "O", False: "A"}),
                    },
                    index=frame.index,
                    check=False,
                )
            )
        return checked_observations(pd.concat(parts, ignore_index=True))


def _codes(frame: pd.DataFrame, file_name: str) -> list[Finding]:
    """A code of the shape of its level (family or occupation) that FAP2009 has."""
    findings = []
    for row, code, level in zip(frame.index, frame["fap"], frame["niveau_fap"], strict=True):
        shape = FAP_LEVELS.get(level.strip())
        if shape is None or not is_fap_code(code):
            continue  # the raw schema reported it
        if shape.fullmatch(code) is None:
            findings.append(Finding("malformed-fap-code", file=file_name, row=int(row),
                                    column="fap", value=code))  # fmt: skip
        elif code not in fap2009_labels():
            findings.append(Finding("unknown-occupation-code", file=file_name, row=int(row),
                                    column="fap", value=code,
                                    params={"system": "FAP2009"}))  # fmt: skip
    return findings


def _places(frame: pd.DataFrame, file_name: str) -> list[Finding]:
    """A regional row names its region, a départemental row its département."""
    findings = []
    for row, level, region, department in zip(
        frame.index, frame["niveau_geo"], frame["reg"], frame["dep"], strict=True
    ):
        column = {"reg": "reg", "dep": "dep"}.get(level.strip())
        if column is not None and (region if column == "reg" else department) == "":
            findings.append(Finding("missing-value", file=file_name, row=int(row),
                                    column=column))  # fmt: skip
    return findings


def _repeats(frame: pd.DataFrame, file_name: str) -> list[Finding]:
    keys = frame.assign(niveau_geo=frame["niveau_geo"].str.strip(),
                        reg=frame["reg"].map(_region))[list(KEY)]  # fmt: skip
    repeated = keys[keys.duplicated(keep="first") & (keys["fap"] != "")]
    return [
        Finding(
            "duplicate-occupation-area",
            file=file_name,
            row=int(row),
            column="fap",
            value=code,
            params={"place": f"{level} {reg or dep}".strip()},
        )
        for row, code, level, reg, dep in zip(
            repeated.index,
            repeated["fap"],
            repeated["niveau_geo"],
            repeated["reg"],
            repeated["dep"],
            strict=True,
        )
    ]
