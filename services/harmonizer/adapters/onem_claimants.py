"""`onem-claimants`: ONEM/RVA's *chômeurs complets indemnisés demandeurs d'emploi* (CCI-DE /
UVW-WZ), the annual average of the monthly counts per arrondissement, province, region and the
whole of Belgium (NIS codes, 2025 map applied by ONEM to every year).

- Benefit claimants, not registered job seekers: indicator `benefit_claimants` (unit `persons`),
  never summed with VDAB's, Le Forem's or France Travail's job seekers.
- Averages are stored as published (not rounded); only arrondissements are placed in zones, the
  province, region and country rows are kept in their own geo_system, never added to them.
- A year whose December cannot be published yet (before 1 March of the next year) averages the
  months published so far: `obs_status = P` (provisional).
- ONEM masks municipalities below 10 claimants and leaves them out of the sums: a row summing
  fewer municipalities than it has (`coverage_n < coverage_of`) is stored with a
  `partial-coverage` warning.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import ClassVar, Final

import pandas as pd

from schemas.canonical import ALL_OCCUPATIONS
from schemas.raw.codes import COUNT, PLAUSIBLE_YEAR
from schemas.raw.onem_claimants import COLUMNS, NIS_AREA, REQUIRED
from services.harmonizer.adapters.base import (
    ContractCsvAdapter,
    Harmonized,
    RawTable,
    observation_frame,
)
from services.harmonizer.adapters.checks import repeated_keys, span_of
from services.harmonizer.errors import Finding
from services.harmonizer.geography import NIS_VINTAGE, arrondissement

# The areas above the arrondissement, as ONEM codes them (NIS), with their French and Dutch names.
AREAS: Final[dict[str, dict[str, tuple[str, str]]]] = {
    "province": {
        "10000": ("Province d'Anvers", "Provincie Antwerpen"),
        "20001": ("Province du Brabant flamand", "Provincie Vlaams-Brabant"),
        "20002": ("Province du Brabant wallon", "Provincie Waals-Brabant"),
        "30000": ("Province de Flandre occidentale", "Provincie West-Vlaanderen"),
        "40000": ("Province de Flandre orientale", "Provincie Oost-Vlaanderen"),
        "50000": ("Province de Hainaut", "Provincie Henegouwen"),
        "60000": ("Province de Liège", "Provincie Luik"),
        "70000": ("Province de Limbourg", "Provincie Limburg"),
        "80000": ("Province de Luxembourg", "Provincie Luxemburg"),
        "90000": ("Province de Namur", "Provincie Namen"),
    },
    "region": {
        "02000": ("Région flamande", "Vlaams Gewest"),
        "03000": ("Région wallonne", "Waals Gewest"),
        "04000": ("Région de Bruxelles-Capitale", "Brussels Hoofdstedelijk Gewest"),
    },
    "country": {"01000": ("Belgique", "België")},
}
GEO_SYSTEMS: Final = {
    "arrondissement": "be-arrondissement",
    "province": "be-province",
    "region": "be-region",
    "country": "be-country",
}
ALL_OCCUPATIONS_LABEL: Final = "Toutes professions / Alle beroepen"
FINAL_FROM: Final = (3, 1)  # a year is complete once its December is out: 1 March of the next


def is_provisional(year: int, today: date) -> bool:
    """Whether ONEM's average of ``year`` still misses months on ``today``."""
    return today < date(year + 1, *FINAL_FROM)


def area_name(level: str, code: str) -> str | None:
    """`French / Dutch` name of a NIS area of ``level``, None when it is not one."""
    if level == "arrondissement":
        found = arrondissement(code)
        return None if found is None else _bilingual(found.label_fr, found.label_nl)
    names = AREAS.get(level, {}).get(code)
    return None if names is None else _bilingual(*names)


def _bilingual(french: str, dutch: str) -> str:
    return french if french == dutch else f"{french} / {dutch}"


class OnemClaimants(ContractCsvAdapter):
    columns = COLUMNS
    required = REQUIRED
    # The date a year's completeness is judged on; a test sets its own.
    today: ClassVar[Callable[[], date]] = staticmethod(date.today)

    def content_checks(self, table: RawTable) -> list[Finding]:
        frame, name = table.frame, table.file_name
        return (
            _unknown_areas(frame, name)
            + _coverage_over(frame, name)
            + repeated_keys(
                frame, ["nis_code", "period"], code="duplicate-place-period", column="nis_code",
                file_name=name, filled="nis_code", params={"period": "period"},
            )
        )  # fmt: skip

    def harmonize(self, table: RawTable, period: str | None) -> Harmonized:
        frame = table.frame
        observations = self.observations(frame)
        years = sorted(set(observations["period"]))
        provisional = sorted(set(observations.loc[observations["obs_status"] == "P", "period"]))
        stats = {
            "observations": len(observations),
            "years": years,
            "provisional_years": provisional,
            "partial_rows": int((frame["coverage_n"] != frame["coverage_of"]).sum()),
        }
        return Harmonized(
            observations=observations, findings=_partial(frame, table.file_name), stats=stats,
            period=span_of(years),
        )  # fmt: skip

    def observations(self, frame: pd.DataFrame) -> pd.DataFrame:
        today = type(self).today()
        provisional = frame["period"].map(lambda year: is_provisional(int(year), today))
        names = [area_name(level, code) for level, code in zip(frame["level"], frame["nis_code"],
                                                                   strict=True)]  # fmt: skip
        observations = observation_frame(
            {
                "dataset": self.source.dataset,
                "period": frame["period"],
                "period_type": "year",
                "geo_system": frame["level"].map(GEO_SYSTEMS),
                "geo_vintage": NIS_VINTAGE,
                "geo_code": frame["nis_code"],
                "geo_label": names,
                "occupation_system": ALL_OCCUPATIONS["system"],
                "occupation_version": ALL_OCCUPATIONS["version"],
                "occupation_code": ALL_OCCUPATIONS["code"],
                "occupation_label": ALL_OCCUPATIONS_LABEL,
                "indicator": "benefit_claimants",
                "unit": "persons",
                "value": frame["value"].astype("float64"),
                "obs_status": provisional.map({True: "P", False: "A"}),
            },
            index=frame.index,
        )
        return observations.reset_index(names="source_row")


def _unknown_areas(frame: pd.DataFrame, file_name: str) -> list[Finding]:
    """Each NIS code must name an area of its level (the raw schema checks the shapes)."""
    findings = []
    for row, code, level in zip(frame.index, frame["nis_code"], frame["level"], strict=True):
        if NIS_AREA.fullmatch(code) and level in GEO_SYSTEMS and area_name(level, code) is None:
            findings.append(Finding("unknown-nis-area", file=file_name, row=int(row),
                                    column="nis_code", value=code))  # fmt: skip
    return findings


def _coverage_over(frame: pd.DataFrame, file_name: str) -> list[Finding]:
    """More municipalities summed than the area has: the row cannot be right."""
    findings = []
    for row, covered, total in zip(frame.index, frame["coverage_n"], frame["coverage_of"],
                                   strict=True):  # fmt: skip
        if COUNT.fullmatch(covered) and COUNT.fullmatch(total) and int(covered) > int(total):
            findings.append(Finding("coverage-out-of-range", file=file_name, row=int(row),
                                    column="coverage_n", value=covered,
                                    params={"reference": total}))  # fmt: skip
    return findings


def _partial(frame: pd.DataFrame, file_name: str) -> list[Finding]:
    partial = frame[(frame["coverage_n"] != frame["coverage_of"]) & frame["period"].map(
        lambda year: PLAUSIBLE_YEAR.fullmatch(year) is not None)]  # fmt: skip
    return [
        Finding(
            "partial-coverage",
            file=file_name,
            row=int(row),
            column="coverage_n",
            value=code,
            severity="warning",
            params={"period": year, "count": covered, "total": total},
        )
        for row, code, year, covered, total in zip(
            partial.index,
            partial["nis_code"],
            partial["period"],
            partial["coverage_n"],
            partial["coverage_of"],
            strict=True,
        )
    ]
