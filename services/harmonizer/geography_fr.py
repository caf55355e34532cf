"""French geography: INSEE commune → bassin BMO (by zonage vintage) → département → zone.

Reference table data/reference/geo/fr_commune_bassin.csv (France Travail bassin zonages 2019 and
2021, départements 02, 08, 59, 60, 62, 80), see data/reference/README.md. The BE23–BE25 bassin
columns of the BMO workbooks follow the 2021 zonage, hence the default vintage.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from services import paths

GEO_FILE: Final = paths.GEO_DIR / "fr_commune_bassin.csv"
BASSIN_VINTAGE: Final = "2021"
VINTAGES: Final = ("2019", "2021")
# BMO figures exist per bassin only, so the French side of the Eurométropole (the MEL,
# docs/domain.md §5) is the two bassins around Lille; they reach a little beyond the MEL itself.
# The French places of the covered area whose own figures are stored (the départements of
# fr_commune_bassin.csv and the Ardennes of the Interreg area, their regions).
DEPARTMENTS: Final = {
    "02": "Aisne", "08": "Ardennes", "59": "Nord", "60": "Oise", "62": "Pas-de-Calais",
    "80": "Somme",
}  # fmt: skip
REGIONS: Final = {"32": "Hauts-de-France", "44": "Grand Est"}
EUROMETROPOLE_BASSINS: Final = {"3216": "FR-MEL", "3217": "FR-MEL"}
ZONE_LABELS: Final = {
    "FR-MEL": "Métropole européenne de Lille (bassins Lille, Versant nord-est Roubaix-Tourcoing)",
}


@dataclass(frozen=True)
class FrPlace:
    """Where a commune lies in one bassin zonage."""

    commune_insee: str
    commune_name: str | None  # from the 2019 lexique; unknown for codes it lacks
    bassin_code: str
    bassin_label: str
    department_code: str
    region_code: str
    vintage: str


@dataclass(frozen=True)
class _Tables:
    places: dict[tuple[str, str], FrPlace]  # (vintage, commune) → place
    communes: dict[tuple[str, str], tuple[str, ...]]  # (vintage, bassin) → communes, sorted
    departments: dict[tuple[str, str], tuple[str, ...]]  # (vintage, bassin) → most communes first


def _place(row: dict[str, str]) -> FrPlace:
    return FrPlace(
        row["commune_insee"],
        row["commune_name"] or None,
        row["bassin_code"],
        row["bassin_label"],
        row["department_code"],
        row["region_code"],
        row["vintage"],
    )


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    places: dict[tuple[str, str], FrPlace] = {}
    communes: dict[tuple[str, str], list[str]] = defaultdict(list)
    departments: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    with GEO_FILE.open(encoding="utf-8", newline="") as handle:
        for place in map(_place, csv.DictReader(handle)):
            places[place.vintage, place.commune_insee] = place
            communes[place.vintage, place.bassin_code].append(place.commune_insee)
            departments[place.vintage, place.bassin_code][place.department_code] += 1
    return _Tables(
        places,
        {key: tuple(sorted(codes)) for key, codes in communes.items()},
        {
            key: tuple(sorted(counts, key=lambda code: (-counts[code], code)))
            for key, counts in departments.items()
        },
    )


def normalize_insee(code: str) -> str:
    """An INSEE commune code with its leading zero back (spreadsheets drop it: 2691 → 02691)."""
    text = code.strip().upper()
    return text.zfill(5) if text.isdigit() else text


def bassin_of_commune(insee: str, vintage: str = BASSIN_VINTAGE) -> FrPlace | None:
    """None for a commune outside the six départements, an unknown code or vintage."""
    return _tables().places.get((vintage, normalize_insee(insee)))


def communes_of_bassin(bassin_code: str, vintage: str = BASSIN_VINTAGE) -> tuple[str, ...]:
    """The INSEE codes of a bassin's communes, sorted; empty for an unknown bassin."""
    return _tables().communes.get((vintage, bassin_code.strip()), ())


def departments_of_bassin(bassin_code: str, vintage: str = BASSIN_VINTAGE) -> tuple[str, ...]:
    """Every département a bassin reaches, the one holding most of its communes first."""
    return _tables().departments.get((vintage, bassin_code.strip()), ())


def department_of_bassin(bassin_code: str, vintage: str = BASSIN_VINTAGE) -> str | None:
    """The département of a bassin, as the BMO workbooks give it.

    A bassin across départements counts in the one of most of its communes: 3222 Cambrésis
    (2021) is Nord, its one Aisne code 02285 aside.
    """
    found = departments_of_bassin(bassin_code, vintage)
    return found[0] if found else None


def eurometropole_zone_of_bassin(bassin_code: str) -> str | None:
    """`FR-MEL` for the bassins of the Eurométropole's French side, None elsewhere."""
    return EUROMETROPOLE_BASSINS.get(bassin_code.strip())
