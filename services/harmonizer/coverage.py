"""How much reaches ISCO-08: share of codes per code system, of hiring projects per BMO year."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

import pandas as pd

from schemas.raw.france_travail_bmo import published_counts
from services.harmonizer.adapters.france_travail_bmo import occupation_version
from services.harmonizer.adapters.france_travail_bmo_sheet import read_bmo
from services.harmonizer.mappings.codelists import isco_unit_groups, load_codelist
from services.harmonizer.mappings.tables import BMO_TO_ISCO, load_crosswalk

# Code system → (its level that carries codes in use, table to ISCO-08 or None via parent_code).
SYSTEM_ROUTES: Final[dict[str, tuple[str | None, str | None]]] = {
    "fap2009": ("3", "fap2009_isco08"),
    "fap2021": ("3", "fap2021_isco08"),
    "rome3": (None, "rome3_isco08"),
    "rome4": (None, "rome4_isco08"),
    "forem-dimeco": (None, "forem_dimeco_isco08"),
    "competent": (None, "competent_isco08"),
    "esco": (None, None),
    "arvastat-beroep": (None, "arvastat_isco08"),
}

# Systems without a code list of their own, measured on the list their codes are read as: no
# DIMECO list is published; its codes are ROME v3 codes.
CODES_OF: Final = {"forem-dimeco": "rome3"}


@dataclass(frozen=True)
class Coverage:
    subject: str  # a code system, or a BMO file and its year
    total: float  # codes, or hiring projects
    reached: float
    missing: dict[str, float] = field(default_factory=dict)  # code → codes (1) or projects

    @property
    def share(self) -> float:
        return self.reached / self.total if self.total else 1.0


def reached_codes(system: str) -> frozenset[str]:
    """The codes of ``system`` that reach a valid ISCO-08 unit group."""
    units = isco_unit_groups()
    _level, table = SYSTEM_ROUTES[system]
    if table is None:
        codes = _codes(system)
        return frozenset(codes.loc[codes["parent_code"].isin(units), "code"])
    links = load_crosswalk(table)
    return frozenset(links.loc[links["target_code"].isin(units), "source_code"])


def _codes(system: str) -> pd.DataFrame:
    return load_codelist(CODES_OF.get(system, system))


def system_coverage(system: str) -> Coverage:
    level, _table = SYSTEM_ROUTES[system]
    codes = _codes(system)
    if level is not None:
        codes = codes[codes["level"] == level]
    reached = reached_codes(system)
    missing = {code: 1.0 for code in sorted(set(codes["code"]) - reached)}
    return Coverage(system, float(len(codes)), float(len(codes) - len(missing)), missing)


def bmo_coverage(path: Path) -> Coverage:
    """Share of a BMO file's published hiring projects whose métier reaches an ISCO group."""
    raw = read_bmo(path.read_bytes(), path.name)
    table = BMO_TO_ISCO[occupation_version(raw.survey_year)]
    reached = frozenset(load_crosswalk(table)["source_code"])
    projects = published_counts(raw.frame["met"]).groupby(raw.frame["occupation_code"]).sum()
    missing = projects[~projects.index.isin(reached)]
    return Coverage(
        f"BMO {raw.survey_year} ({table})",
        float(projects.sum()),
        float(projects.sum() - missing.sum()),
        {str(code): float(value) for code, value in missing.sort_index().items()},
    )


def all_system_coverage() -> list[Coverage]:
    return [system_coverage(system) for system in SYSTEM_ROUTES]
