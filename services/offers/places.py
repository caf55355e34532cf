"""Where an offer is: commune code, NUTS3, Eurométropole zone and coordinates, on both sides of
the border; and the point a search measures distances from (a commune or a postal code).

Coordinates of communes: data/reference/geo/commune_coordinates.csv (GeoNames, matched by name,
see data/reference/README.md). An offer's own coordinates win when its source gives them.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from services import paths
from services.harmonizer.geography import (
    _key,
    municipality_name,
    place_of_locality,
    place_of_postal_code,
)
from services.harmonizer.geography_fr import (
    bassin_of_commune,
    eurometropole_zone_of_bassin,
    normalize_insee,
)

KM_PER_DEGREE_LATITUDE: Final = 110.574
KM_PER_DEGREE_LONGITUDE_AT_EQUATOR: Final = 111.320


@dataclass(frozen=True)
class OfferPlace:
    country: str
    commune_code: str | None
    commune_name: str | None
    postal_code: str | None
    nuts3: str | None
    zone: str | None
    latitude: float | None
    longitude: float | None


@dataclass(frozen=True)
class Point:
    """The origin of a distance search."""

    label: str
    latitude: float
    longitude: float


@lru_cache(maxsize=1)
def _coordinates() -> dict[tuple[str, str], tuple[float, float, int, str]]:
    with (paths.GEO_DIR / "commune_coordinates.csv").open(encoding="utf-8", newline="") as handle:
        return {
            (row["country"], row["code"]): (
                float(row["latitude"]),
                float(row["longitude"]),
                int(row["population"]),
                row["name"],
            )
            for row in csv.DictReader(handle)
        }


@lru_cache(maxsize=1)
def _fr_postcode_nuts3() -> dict[str, str]:
    with (paths.GEO_DIR / "fr_postcode_nuts3.csv").open(encoding="utf-8", newline="") as handle:
        return {row["postcode"]: row["nuts3"] for row in csv.DictReader(handle)}


@lru_cache(maxsize=1)
def _fr_names() -> dict[str, str]:
    """Normalised French commune name → INSEE code (communes with coordinates only)."""
    return {
        _key(name): code
        for (country, code), (_lat, _lon, _pop, name) in _coordinates().items()
        if country == "FR"
    }


def commune_coordinates(country: str, code: str | None) -> tuple[float, float] | None:
    found = _coordinates().get((country, code or ""))
    return (found[0], found[1]) if found else None


def france_place(insee: str, postal_code: str, name: str | None) -> OfferPlace:
    code = normalize_insee(insee) if insee else None
    bassin = bassin_of_commune(code) if code else None
    zone = eurometropole_zone_of_bassin(bassin.bassin_code) if bassin else None
    point = commune_coordinates("FR", code)
    return OfferPlace(
        "FR",
        code,
        name or (bassin.commune_name if bassin else None),
        postal_code or None,
        _fr_postcode_nuts3().get(postal_code),
        zone,
        point[0] if point else None,
        point[1] if point else None,
    )


def belgium_place(postal_code: str, locality: str = "") -> OfferPlace | None:
    """A Belgian work place by postal code (its municipality through the main postal code or the
    locality name); None for a postal code that does not exist."""
    place = place_of_postal_code(postal_code)
    if place is None:
        return None
    nis = place.municipality_nis
    if nis is None and locality:
        by_name = place_of_locality(locality)
        nis = by_name.municipality_nis if by_name else None
    point = commune_coordinates("BE", nis)
    name = municipality_name(nis, "fr") if nis else None
    return OfferPlace(
        "BE",
        nis,
        locality.strip().title() or name,
        postal_code,
        place.nuts3,
        place.arrondissement.eurometropole_zone,
        point[0] if point else None,
        point[1] if point else None,
    )


def _point(country: str, code: str) -> Point | None:
    found = _coordinates().get((country, code))
    return Point(found[3], found[0], found[1]) if found else None


def _by_code(text: str) -> list[Point]:
    country, _, code = text.rpartition(":")
    countries = [country.upper()] if country else ["BE", "FR"]
    points = []
    if len(code) == 4 and "BE" in countries:
        place = place_of_postal_code(code)
        nis = place.municipality_nis if place else None
        points.append(_point("BE", nis) if nis else None)
    elif len(code) == 5:
        for candidate in countries:
            points.append(_point(candidate, code))
    return [point for point in points if point is not None]


def _by_name(text: str) -> list[Point]:
    """The commune of that name; the same name on both sides (Lille): the more populated."""
    codes = []
    place = place_of_locality(text)
    if place is not None and place.municipality_nis:
        codes.append(("BE", place.municipality_nis))
    if _key(text) in _fr_names():
        codes.append(("FR", _fr_names()[_key(text)]))
    known = [code for code in codes if code in _coordinates()]
    known.sort(key=lambda code: -_coordinates()[code][2])
    return [point for point in (_point(*code) for code in known[:1]) if point is not None]


def search_origin(text: str) -> list[Point]:
    """The communes a search origin names: a Belgian postal code (4 digits), a NIS or INSEE code
    (5 characters, `BE:`/`FR:` to choose), or a commune name. Several means ambiguous."""
    cleaned = text.strip()
    code = cleaned.rpartition(":")[2]
    if code.isdigit() or (len(code) == 5 and code[:2] in ("2A", "2B")):
        return _by_code(cleaned)
    return _by_name(cleaned)


def box(point: Point, radius_km: float) -> tuple[float, float, float, float]:
    """(south, north, west, east) degrees around a point: a box the radius fits in."""
    dlat = radius_km / KM_PER_DEGREE_LATITUDE
    dlon = radius_km / (KM_PER_DEGREE_LONGITUDE_AT_EQUATOR * math.cos(math.radians(point.latitude)))
    return (
        point.latitude - dlat,
        point.latitude + dlat,
        point.longitude - dlon,
        point.longitude + dlon,
    )


def distance_km(point: Point, latitude: float, longitude: float) -> float:
    """Great-circle distance (haversine, Earth radius 6 371 km)."""
    phi1, phi2 = math.radians(point.latitude), math.radians(latitude)
    dphi, dlambda = phi2 - phi1, math.radians(longitude - point.longitude)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))
