"""Derive the bundled France Travail job-seekers sample: the Hauts-de-France rows.

Run from the repository root with ../shared present:
    .venv/bin/python tools/derive_ft_job_seekers.py
Kept, byte for byte and in the source's order: the header; the communes of départements 02, 59,
60, 62 and 80 (`codgeo` of 5 characters starting with one of them); the rows of those départements
themselves (`codgeo` = the département code) and of the region (`reg32`).
Left out: Valenciennes (59606), which the source gives twice with two different figures every
month (5960 and 780 for janvier_2020); the adapter rejects such a file (`conflicting-duplicate`)
and which figure is right cannot be told from the file.
"""

from __future__ import annotations

import sys
from pathlib import Path

SOURCE = Path("../shared/data/france_travail/job_seekers/odis_emploi_demandeur_communes.csv")
OUT = Path(
    "data/samples/france_travail_job_seekers/"
    "odis_emploi_demandeur_communes_Hauts-de-France_REG32_DERIVED.csv"
)
DEPARTMENTS = (b"02", b"59", b"60", b"62", b"80")
REGION = b"reg32"
AMBIGUOUS = (b"59606",)  # two different figures per month in the source


def keep(line: bytes) -> bool:
    code = line.split(b",")[0]
    if code in AMBIGUOUS:
        return False
    is_commune = len(code) == 5 and code[:2] in DEPARTMENTS
    return is_commune or code in DEPARTMENTS or code == REGION


def derive(source: Path = SOURCE, out: Path = OUT) -> int:
    """Write the sample; returns its number of data lines."""
    header, *lines = source.read_bytes().splitlines(keepends=True)
    kept = [line for line in lines if keep(line)]
    out.write_bytes(header + b"".join(kept))
    return len(kept)


if __name__ == "__main__":
    if not SOURCE.is_file():
        sys.exit(f"{SOURCE} is absent: run from the repository root with ../shared present")
    print(f"{OUT}: {derive()} rows")
