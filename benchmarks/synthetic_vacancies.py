"""SYNTHETIC `vdab-vacancies` documents for the bulletin benchmark: vacancies with an employer
activity code in every arrondissement of West and East Flanders (the Flemish side of the
Interreg area), so that a quarter is built by zone × ISCO-08 unit group × NACE section.

Real parts only (postal codes, Competent codes with an ISCO-08 crosswalk, NACE Rev. 2
divisions); the records, their spread and dates are invented with a fixed seed, marked SYNTHETIC
in every id and in the document (`"synthetic": true`). Never shown to anyone as VDAB figures.
"""

from __future__ import annotations

import json
import random
from typing import Any, Final

from services.harmonizer.geography import place_of_postal_code
from services.harmonizer.mappings.codelists import load_codelist
from services.harmonizer.mappings.tables import load_crosswalk

SEED: Final = 20251
FLEMISH_INTERREG: Final = ("3", "4")  # NIS provinces West-Vlaanderen 30000, Oost-Vlaanderen 40000
CIRCUITS: Final = ("gewoon", "werken_en_leren", "vervanging_swt", "tijdelijk")
NO_ACTIVITY_CODE: Final = 0.05  # share of records without an activity code (sector unknown)


def _postal_codes() -> list[str]:
    codes = []
    for number in range(8000, 10000):
        place = place_of_postal_code(str(number))
        if place and place.arrondissement.nis_code[0] in FLEMISH_INTERREG:
            codes.append(str(number))
    return codes


def _competent_codes() -> list[str]:
    table = load_crosswalk("competent_isco08")
    return sorted(set(table.loc[table["source_code"].str.startswith("OP-"), "source_code"]))


def _nace_divisions() -> list[str]:
    nace = load_codelist("nace2")
    return sorted(nace.loc[nace["level"].astype(str) == "2", "code"])


def vacancies_document(count: int, quarter: str = "2025-Q2") -> bytes:
    """One quarter's SYNTHETIC vacancies; a few occupations and sectors are common, most rare."""
    generator = random.Random(SEED)
    postal_codes, occupations, divisions = _postal_codes(), _competent_codes(), _nace_divisions()
    year, number = int(quarter[:4]), int(quarter[-1])
    months = [3 * number - 2 + offset for offset in range(3)]
    records: list[dict[str, Any]] = []
    for index in range(count):
        nace = "" if generator.random() < NO_ACTIVITY_CODE else _skewed(generator, divisions)
        month, day = generator.choice(months), generator.randint(1, 28)
        records.append({
            "vacancy_id": f"SYNTHETIC-{index:07d}",
            "received_date": f"{year}-{month:02d}-{day:02d}",
            "competent_code": _skewed(generator, occupations),
            "beroep": "",
            "postal_code": generator.choice(postal_codes),
            "circuit": generator.choice(CIRCUITS),
            "nace": nace,
        })  # fmt: skip
    document = {
        "contract": "vdab-vacancies", "version": "1.0", "period": quarter,
        "period_type": "quarter", "synthetic": True,
        "note": "SYNTHETIC: invented records in the contract format; not VDAB figures.",
        "vacancies": records,
    }  # fmt: skip
    return json.dumps(document).encode()


def _skewed(generator: random.Random, items: list[str]) -> str:
    """Skewed towards the first items: a few common, most rare (as real vacancies are)."""
    return items[int(len(items) * generator.random() ** 3)]
