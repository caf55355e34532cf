"""Zones of the bulletin as data (data/reference/zones/): a tree with fr/nl/en names.

Leaf zones list their members (a BMO bassin, a département, an arrondissement, a province);
a parent zone is the sum of its children, and only of figures of one concept (see cells.py).
Each observation's place is turned into *geo keys* (its own code and the larger units it lies
in); a leaf zone holds the observations whose keys meet its members.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Final

from services import paths
from services.harmonizer import geography

ZONES_DIR: Final = paths.ZONES_DIR
ZONES_FILE: Final = ZONES_DIR / "zones.csv"
MEMBERS_FILE: Final = ZONES_DIR / "zone_members.csv"
GeoKey = tuple[str, str]


@dataclass(frozen=True)
class Zone:
    code: str
    parent: str | None
    side: str  # FR, BE-VL, BE-WA or cross-border
    names: dict[str, str]

    def name(self, language: str) -> str:
        return self.names.get(language, self.names["fr"])


@dataclass(frozen=True)
class ZoneTree:
    zones: dict[str, Zone]
    members: dict[str, frozenset[GeoKey]]  # leaf zone → its member keys

    def children(self, code: str) -> list[str]:
        return [zone.code for zone in self.zones.values() if zone.parent == code]

    def parents_bottom_up(self) -> list[str]:
        """Parent zones, each after all of its children."""
        depth = {code: self._depth(code) for code in self.zones if code not in self.members}
        return sorted(depth, key=lambda code: (-depth[code], code))

    def _depth(self, code: str) -> int:
        parent = self.zones[code].parent
        return 0 if parent is None else 1 + self._depth(parent)

    def leaf_zones_of(self, keys: frozenset[GeoKey]) -> list[str]:
        return [zone for zone, members in self.members.items() if keys & members]


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@lru_cache(maxsize=1)
def zone_tree() -> ZoneTree:
    zones = {
        row["code"]: Zone(
            code=row["code"],
            parent=row["parent"] or None,
            side=row["side"],
            names={language: row[f"name_{language}"] for language in ("fr", "nl", "en")},
        )
        for row in _rows(ZONES_FILE)
    }
    members: dict[str, set[GeoKey]] = {}
    for row in _rows(MEMBERS_FILE):
        members.setdefault(row["zone"], set()).add((row["geo_system"], row["geo_code"]))
    return ZoneTree(zones, {zone: frozenset(keys) for zone, keys in members.items()})


def _belgian_keys(arrondissement: str) -> frozenset[GeoKey]:
    return frozenset({("be-arrondissement", arrondissement), ("be-province", arrondissement[0])})


def geo_keys(geo_system: str, geo_code: str, geo_department: str | None) -> frozenset[GeoKey]:
    """The units a place lies in; empty for a place no zone can hold (a whole region)."""
    if geo_system == "fr-bassin-bmo":
        keys = {("fr-bassin-bmo", geo_code)}
        if geo_department:
            keys.add(("fr-department", geo_department))
        return frozenset(keys)
    if geo_system == "fr-department":
        return frozenset({("fr-department", geo_code)})
    if geo_system == "fr-commune":
        # Not summed into zones: a commune file may list only some communes (France Travail's
        # STMT export: communes over 5 000 inhabitants), and their sum is no zone's total. The
        # same files give the départements' own figures, which are.
        return frozenset()
    if geo_system == "be-arrondissement":
        return _belgian_keys(geo_code)
    if geo_system == "be-municipality":
        place = geography.place_of_nis(geo_code)
        return _belgian_keys(place.arrondissement.nis_code) if place else frozenset()
    return frozenset()
