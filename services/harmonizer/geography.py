"""Belgian geography: postal code, locality or NIS code → arrondissement → NUTS3 → zone.

Reference tables in data/reference/geo/ (Statbel municipalities 2019–2024 with the 2025 mergers,
Eurostat/GISCO TERCET postal codes → NUTS 2021), see data/reference/README.md. A postal code
reaches its arrondissement through its NUTS3 region (one arrondissement each in Belgium, Verviers
excepted: BE335 and BE336 split it by language community). Codes carry their vintage: NIS 2025.
"""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from services import paths

GEO_DIR: Final = paths.GEO_DIR
NIS_VINTAGE: Final = "2025"
NUTS_VINTAGE: Final = "2021"
# Arrondissement Verviers (63000) is two NUTS3 regions; the tables give it the larger, BE335.
SPLIT_NUTS3: Final = {"BE336": "63000"}
ZONE_LABELS: Final = {
    "BE-WVL": "Zuid-West-Vlaanderen (Kortrijk, Ieper, Roeselare, Tielt)",
    "BE-WAPI": "Wallonie picarde (Tournai-Mouscron, Ath)",
}


@dataclass(frozen=True)
class Arrondissement:
    nis_code: str
    label_nl: str
    label_fr: str
    nuts3: str
    eurometropole_zone: str | None


@dataclass(frozen=True)
class Place:
    """Where a postal code, locality or municipality lies (NIS codes of 2025)."""

    arrondissement: Arrondissement
    nuts3: str
    municipality_nis: str | None = None  # known for a municipality, or its main postal code


def _read(name: str) -> list[dict[str, str]]:
    with (GEO_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _key(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return " ".join(text.lower().replace("-", " ").split())


@dataclass(frozen=True)
class _Tables:
    arrondissements: dict[str, Arrondissement]
    by_nuts3: dict[str, str]
    postcodes: dict[str, str]  # postal code → NUTS3
    municipalities: dict[str, str]  # NIS 2025 → arrondissement
    renamed: dict[str, str]  # NIS 2024 (merged away) → NIS 2025
    localities: dict[str, str]  # name (nl or fr, normalised) → NIS 2025
    main_postcodes: dict[str, str]  # postal code → NIS 2025 of the municipality it is main of


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    arrondissements = {
        row["arrondissement_nis"]: Arrondissement(
            row["arrondissement_nis"],
            row["label_nl"],
            row["label_fr"],
            row["nuts3_2021"],
            row["eurometropole_zone"] or None,
        )
        for row in _read("be_arrondissements.csv")
    }
    by_nuts3 = {a.nuts3: code for code, a in arrondissements.items()} | SPLIT_NUTS3
    municipalities: dict[str, str] = {}
    localities: dict[str, str] = {}
    main_postcodes: dict[str, str] = {}
    for row in _read("be_municipalities.csv"):
        code = row["nis_code_2025"]
        # The first two digits of a NIS code are its arrondissement's; a 2025 merger across
        # arrondissements (Zwijndrecht 11056 → Beveren-Kruibeke-Zwijndrecht 46030) follows it.
        municipalities[code] = code[:2] + "000"
        localities[_key(row["municipality_nl"])] = code
        localities[_key(row["municipality_fr"])] = code
        main_postcodes.setdefault(row["main_postcode"], code)
    renamed = {
        row["nis_code_2024"]: row["nis_code_2025"] for row in _read("be_nis_mergers_2025.csv")
    }
    for row in _read("be_nis_mergers_2025.csv"):
        municipalities.setdefault(row["nis_code_2025"], row["nis_code_2025"][:2] + "000")
        localities.setdefault(_key(row["name_2025"]), row["nis_code_2025"])
    postcodes = {row["postcode"]: row["nuts3"] for row in _read("be_postcode_nuts3.csv")}
    return _Tables(
        arrondissements, by_nuts3, postcodes, municipalities, renamed, localities, main_postcodes
    )


def current_nis(code: str) -> str:
    """The 2025 code of a municipality (a code merged away on 1 January 2025 → its new one)."""
    return _tables().renamed.get(code.strip(), code.strip())


def place_of_postal_code(postal_code: str) -> Place | None:
    """None when the postal code does not exist (error `unknown-postal-code`)."""
    tables = _tables()
    code = postal_code.strip()
    nuts3 = tables.postcodes.get(code)
    if nuts3 is None or nuts3 not in tables.by_nuts3:
        return None
    arrondissement = tables.arrondissements[tables.by_nuts3[nuts3]]
    municipality = tables.main_postcodes.get(code)
    return Place(arrondissement, nuts3, municipality)


def place_of_nis(nis_code: str) -> Place | None:
    """A municipality by NIS code, before or after the 2025 mergers; None when unknown."""
    tables = _tables()
    code = current_nis(nis_code)
    arrondissement_code = tables.municipalities.get(code)
    if arrondissement_code is None:
        return None
    arrondissement = tables.arrondissements[arrondissement_code]
    return Place(arrondissement, arrondissement.nuts3, code)


def place_of_locality(name: str) -> Place | None:
    """A municipality by its Dutch or French name (accents, case and hyphens ignored)."""
    code = _tables().localities.get(_key(name))
    return place_of_nis(code) if code else None


def arrondissement(nis_code: str) -> Arrondissement | None:
    return _tables().arrondissements.get(nis_code)


@lru_cache(maxsize=1)
def _municipality_names() -> dict[str, tuple[str, str]]:
    """NIS 2025 → (Dutch, French) name; a municipality born of a 2025 merger has one name."""
    names = {
        row["nis_code_2025"]: (row["municipality_nl"], row["municipality_fr"])
        for row in _read("be_municipalities.csv")
    }
    for row in _read("be_nis_mergers_2025.csv"):
        names.setdefault(row["nis_code_2025"], (row["name_2025"], row["name_2025"]))
    return names


def municipality_name(nis_code: str, language: str = "fr") -> str | None:
    """The name of a municipality (NIS 2025 code) in French or Dutch; None when unknown."""
    names = _municipality_names().get(nis_code)
    if names is None:
        return None
    return names[0] if language == "nl" else names[1]
