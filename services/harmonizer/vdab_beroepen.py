"""Resolve VDAB beroep labels (Arvastat, knelpuntberoepen) to Competent and ISCO-08 codes.

Arvastat exports carry labels only. The lookup in data/reference/vdab/ was derived by
tools/derive_vdab_reference.py from the Competent ↔ ESCO crosswalk (BLM_mapping, Competent 3.8)
and ESCO's iscoGroup; see data/reference/README.md for the rules. It is meant to be replaced by
the versioned crosswalks of mappings/ once they cover Competent.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Final

LOOKUP: Final = (
    Path(__file__).resolve().parents[2]
    / "data"
    / "reference"
    / "vdab"
    / "arvastat_beroep_competent_isco.csv"
)
LOOKUP_VERSION: Final = "competent-3.8+esco-1.2.0/2026-11"


@dataclass(frozen=True)
class Resolution:
    competent_code: str | None
    isco08_code: str | None

    @property
    def complete(self) -> bool:
        return bool(self.competent_code and self.isco08_code)


@lru_cache(maxsize=1)
def _lookup() -> dict[str, Resolution]:
    with LOOKUP.open(encoding="utf-8", newline="") as handle:
        return {
            row["beroep_nl"].strip().lower(): Resolution(
                row["competent_code"] or None, row["isco08_code"] or None
            )
            for row in csv.DictReader(handle)
        }


def resolve(label: str) -> Resolution:
    """The codes of a beroep label (case-insensitive); empty when the label is not known."""
    return _lookup().get(label.strip().lower(), Resolution(None, None))
