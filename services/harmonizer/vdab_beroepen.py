"""Resolve VDAB beroep labels (Arvastat, knelpuntberoepen) to Competent and ISCO-08 codes.

Arvastat exports and knelpuntberoepen lists carry labels only. The one lookup is the pair of
versioned crosswalks `arvastat_competent` and `arvastat_isco08` of mappings/rome_isco_nace/
(built by `crossbmo mappings build`; method and weight of every link there). A label resolves
to the code of greatest weight in each table, the lowest code on a tie; the weights stay in the
tables for figures that are split.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Final

import pandas as pd

from services.harmonizer.mappings.tables import load_crosswalk, mapping_version

COMPETENT_TABLE: Final = "arvastat_competent"
ISCO_TABLE: Final = "arvastat_isco08"
TIE_TOLERANCE: Final = 1e-9  # weights are rounded to ten decimals, the residue on one of them


@dataclass(frozen=True)
class Resolution:
    competent_code: str | None
    isco08_code: str | None

    @property
    def complete(self) -> bool:
        return bool(self.competent_code and self.isco08_code)


def lookup_version() -> str:
    """The mapping version of the tables that resolved the labels (for the reports)."""
    return mapping_version()


def heaviest_targets(links: pd.DataFrame) -> dict[str, str]:
    """Source code → its target of greatest weight (the lowest code among equal weights)."""
    top = links.groupby("source_code")["weight"].transform("max")
    best = links[links["weight"] >= top - TIE_TOLERANCE]
    chosen = best.sort_values(["source_code", "target_code"]).drop_duplicates("source_code")
    return dict(zip(chosen["source_code"], chosen["target_code"], strict=True))


def _key(label: str) -> str:
    return label.strip().lower()


@lru_cache(maxsize=1)
def _lookup() -> dict[str, Resolution]:
    competent = heaviest_targets(load_crosswalk(COMPETENT_TABLE))
    isco = heaviest_targets(load_crosswalk(ISCO_TABLE))
    return {
        _key(label): Resolution(competent.get(label), isco.get(label))
        for label in sorted(set(competent) | set(isco))
    }


def resolve(label: str) -> Resolution:
    """The codes of a beroep label (case-insensitive); empty when the label is not known."""
    return _lookup().get(_key(label), Resolution(None, None))
