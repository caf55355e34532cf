"""What every Eurostat table shares once read: NUTS places of the covered area, their names, and
Eurostat's flags mapped to SDMX statuses."""

from __future__ import annotations

import csv
from functools import lru_cache
from typing import Final

from services import paths
from services.i18n import N_

GEO_SYSTEM: Final = "nuts"
# The covered area: Belgium and France at every NUTS level; other countries are not stored.
COUNTRIES: Final = ("BE", "FR")
AREA: Final = N_("NUTS regions of Belgium and France")
# A flag letter after a Eurostat value → the SDMX OBS_STATUS it gives; `c` is confidentiality.
OBS_FLAGS: Final = {"b": "B", "u": "U", "e": "E", "p": "P", "d": "D", "s": "E"}
CONFIDENTIAL: Final = "c"
NOT_SIGNIFICANT: Final = ("n", "z", "f", "i", "r")  # read, not carried (no SDMX status here)
# When a value carries several flags, the one that says most about its reliability wins.
FLAG_ORDER: Final = ("U", "P", "E", "B", "D")


def is_covered(code: str) -> bool:
    return code[:2].upper() in COUNTRIES


def nuts_vintage(codes: set[str]) -> str:
    """NUTS 2013 while French codes are the old regions (FR30 Nord-Pas-de-Calais), else 2021
    (FRE1): the file does not say, its codes do."""
    old = any(code.upper().startswith("FR") and code[2:3].isdigit() for code in codes)
    return "2013" if old else "2021"


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    with (paths.ZONES_DIR / "nuts2_regions.csv").open(encoding="utf-8", newline="") as handle:
        return {row["code"]: row["name_fr"] for row in csv.DictReader(handle)}


def nuts_label(code: str) -> str:
    """The region's French name where the reference table has it, else its code."""
    return _names().get(code, code)


def status_of_flags(flags: str) -> str:
    """The SDMX OBS_STATUS of a published value with Eurostat ``flags`` (`bu` → `U`)."""
    found = {OBS_FLAGS[flag] for flag in flags if flag in OBS_FLAGS}
    return next((status for status in FLAG_ORDER if status in found), "A")
