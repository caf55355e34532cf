"""ISCO-08 links of any occupation code system stored in observations (for the bulletin).

`isco_links_for(system, version)` answers, for the occupation system and version an observation
carries, its weighted links to ISCO-08 unit groups from the committed crosswalk tables. The
weights of one source code sum to 1, so a figure split by them keeps its total.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Final

import pandas as pd

from services.harmonizer.mappings.codelists import load_codelist
from services.harmonizer.mappings.tables import load_crosswalk

LINK_COLUMNS: Final = ("source_code", "target_code", "weight")
# (occupation_system, occupation_version) → crosswalk table to ISCO-08.
VERSIONED_ROUTES: Final[dict[tuple[str, str], str]] = {
    ("bmo-metier", "fap2009"): "fap2009_isco08",
    ("bmo-metier", "fap2021"): "fap2021_isco08",
    ("rome3", "v3"): "rome3_isco08",
    ("rome4", "4.0"): "rome4_isco08",
    ("competent", "2.0"): "competent_isco08",
    ("esco", "1.2.1"): "esco_isco08",
}
# Systems whose publisher gives no version of the code list: an Arvastat beroep is its label (the
# observation's version is the export month) and a Forem DIMECO code is a ROME-like code.
UNVERSIONED_ROUTES: Final[dict[str, str]] = {
    "arvastat-beroep": "arvastat_isco08",
    "forem-dimeco": "forem_dimeco_isco08",
}


# Systems whose codes reach ISCO-08 through a stem of the code, tried in order (length, table):
# Le Forem's DIMECO codes in their Competent form (H250201-1) take the Competent link of their
# 7-character stem (H250201), else the ROME v3 link of their first 5 characters (H2502).
STEM_ROUTES: Final[dict[str, tuple[tuple[int, str], ...]]] = {
    "forem-competent": ((7, "competent_isco08"), (5, "rome3_isco08")),
}


class UnknownOccupationSystem(KeyError):
    """No crosswalk to ISCO-08 exists for this occupation system and version."""

    def __init__(self, system: str, version: str) -> None:
        self.system = system
        self.version = version
        known = sorted(
            {s for s, _ in VERSIONED_ROUTES} | set(UNVERSIONED_ROUTES) | set(STEM_ROUTES)
        )
        super().__init__(
            f"no ISCO-08 crosswalk for occupation system {system!r} version {version!r} "
            f"(known systems: {', '.join(known)})"
        )

    def __str__(self) -> str:
        return str(self.args[0])


def isco_table_for(occupation_system: str, occupation_version: str) -> str:
    """The name of the crosswalk table that takes this system and version to ISCO-08."""
    if occupation_system in UNVERSIONED_ROUTES:
        return UNVERSIONED_ROUTES[occupation_system]
    try:
        return VERSIONED_ROUTES[(occupation_system, occupation_version)]
    except KeyError:
        raise UnknownOccupationSystem(occupation_system, occupation_version) from None


def isco_links_for(
    occupation_system: str, occupation_version: str, codes: Iterable[str] = ()
) -> pd.DataFrame:
    """Links `source_code` → `target_code` (ISCO-08 unit group) with their `weight`.

    The weights of each source code sum to 1. Raises UnknownOccupationSystem (a KeyError) for a
    system or version without a crosswalk. A system reached through code stems (STEM_ROUTES)
    has no table of its own: its links are built for ``codes``.
    """
    if occupation_system in STEM_ROUTES:
        return stem_links(STEM_ROUTES[occupation_system], codes)
    table = load_crosswalk(isco_table_for(occupation_system, occupation_version))
    return table.loc[:, list(LINK_COLUMNS)].reset_index(drop=True).copy()


def stem_links(routes: tuple[tuple[int, str], ...], codes: Iterable[str]) -> pd.DataFrame:
    """Each code's links through the first route whose table has its stem."""
    tables = [(length, load_crosswalk(table)) for length, table in routes]
    parts = []
    for code in sorted(set(codes)):
        for length, table in tables:
            found = table[table["source_code"] == code[:length]]
            if not found.empty:
                parts.append(found.assign(source_code=code))
                break
    if not parts:
        return pd.DataFrame(columns=list(LINK_COLUMNS))
    return pd.concat(parts, ignore_index=True).loc[:, list(LINK_COLUMNS)]


@lru_cache(maxsize=1)
def _nacebel2008_classes() -> dict[str, str]:
    table = load_crosswalk("nacebel2008_nace2")
    return dict(zip(table["source_code"], table["target_code"], strict=True))


def nace2_class_of_nacebel2008(code: str) -> str | None:
    """The NACE Rev. 2 class of a NACE-BEL 2008 class or subclass: its first four digits
    (`62.010`, `62010`, `62.01` → `62.01`); None when they name no NACE Rev. 2 class."""
    digits = re.sub(r"[.\s]", "", code)
    if not re.fullmatch(r"\d{4,5}", digits):
        return None
    return _nacebel2008_classes().get(f"{digits[:2]}.{digits[2:4]}")


@lru_cache(maxsize=1)
def _nace2_sections() -> dict[str, str]:
    nace = load_codelist("nace2")
    divisions = nace[nace["level"].astype(str) == "2"]
    return dict(zip(divisions["code"], divisions["parent_code"], strict=True))


def nace_section_of(code: str) -> str | None:
    """The NACE Rev. 2 section of a NACE Rev. 2 or NACE-BEL 2008 code of any depth (`41`,
    `41.2`, `41.201`, `41201` → `F`): the section of its division (the first two digits, the
    same in both lists); None when they name no NACE Rev. 2 division."""
    digits = re.sub(r"[.\s]", "", code)
    if not re.fullmatch(r"\d{2,5}", digits):
        return None
    return _nace2_sections().get(digits[:2])
