"""Derive the bundled France Travail tension sample: the Hauts-de-France bassins (32xx).

Run from the repository root with ../shared present:
    .venv/bin/python tools/derive_ft_tension.py
The header and every line whose bassin code (`cbassin`, 4th field) starts with 32 are copied
byte for byte, in the source's order: the sample is the published file, only shorter.
"""

from __future__ import annotations

import sys
from pathlib import Path

SOURCE = Path("../shared/data/france_travail/tension/mobiville_cities-tension-utf8_ROME_bassin.csv")
OUT = Path(
    "data/samples/france_travail_tension/"
    "mobiville_cities-tension-utf8_ROME_bassin_Hauts-de-France_REG32_DERIVED.csv"
)
REGION_PREFIX = b"32"


def derive(source: Path = SOURCE, out: Path = OUT) -> int:
    """Write the sample; returns its number of data lines."""
    header, *lines = source.read_bytes().splitlines(keepends=True)
    kept = [line for line in lines if line.split(b";")[3].startswith(REGION_PREFIX)]
    out.write_bytes(header + b"".join(kept))
    return len(kept)


if __name__ == "__main__":
    if not SOURCE.is_file():
        sys.exit(f"{SOURCE} is absent: run from the repository root with ../shared present")
    print(f"{OUT}: {derive()} rows")
