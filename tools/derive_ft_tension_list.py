"""Derive the bundled list of métiers en tension: the Hauts-de-France and national rows.

Run from the repository root with ../shared present:
    .venv/bin/python tools/derive_ft_tension_list.py
The header and the lines whose `Region` is `Hauts-de-France` or `France Entière` are copied byte
for byte in the source's order; the year stays in the file name (the list has no year column).
"""

from __future__ import annotations

import sys
from pathlib import Path

SOURCE = Path("../shared/data/dares/fap/odis_metiers_en_tension_mars_2024.csv")
OUT = Path(
    "data/samples/france_travail_tension/"
    "odis_metiers_en_tension_mars_2024_Hauts-de-France_DERIVED.csv"
)
REGIONS = (b"Hauts-de-France,", "France Entière,".encode())


def derive(source: Path = SOURCE, out: Path = OUT) -> int:
    """Write the sample; returns its number of data lines."""
    header, *lines = source.read_bytes().splitlines(keepends=True)
    kept = [line for line in lines if line.startswith(REGIONS)]
    out.write_bytes(header + b"".join(kept))
    return len(kept)


if __name__ == "__main__":
    if not SOURCE.is_file():
        sys.exit(f"{SOURCE} is absent: run from the repository root with ../shared present")
    print(f"{OUT}: {derive()} rows")
