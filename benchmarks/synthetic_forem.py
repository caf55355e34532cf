"""SYNTHETIC Le Forem offer records in the real open-data format, for samples, tests and bench.

Nothing here is Forem data: the offers are invented with a fixed seed. Only the reference values
are real — ROME v3 codes and titles (mappings/rome_isco_nace/codelists/rome3.csv) and Walloon
municipalities with their main postal code (data/reference/geo/). Employers are numbered
placeholders: no personal data. `python -m benchmarks.synthetic_forem` rewrites the samples of
data/samples/forem/ (see its README).
"""

from __future__ import annotations

import csv
import io
import json
import random
from collections.abc import Iterator
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any, Final

ROOT: Final = Path(__file__).resolve().parent.parent
ROME3: Final = ROOT / "mappings" / "rome_isco_nace" / "codelists" / "rome3.csv"
GEO: Final = ROOT / "data" / "reference" / "geo"
SAMPLES: Final = ROOT / "data" / "samples" / "forem"
# Walloon arrondissements: Brabant wallon (25), Hainaut (5x), Liège (6x), Luxembourg (8x),
# Namur (9x)
WALLOON_PREFIXES: Final = ("25", "5", "6", "8", "9")
CONTRACTS: Final = ("Durée indéterminée", "Durée déterminée", "Intérimaire",
                    "Intérimaire avec option sur durée indéterminée", "Remplacement")  # fmt: skip
REGIMES: Final = ("Temps plein", "Temps partiel")
STUDIES: Final = ("Secondaire supérieur", "Bachelier", "Master", "Secondaire inférieur")
SOURCES: Final = ("Via site Forem", "Via site Forem", "Via site Forem", "Jobat", "Actiris", "VDAB")
FIRST_NUMBER: Final = 90_000_000  # far from real offer numbers (~2 000 000 – 5 000 000)
CSV_COLUMNS: Final = (
    "numerooffreforem", "titreoffre", "metier", "metiercodedimeco", "lieuxtravaillocalite",
    "lieuxtravailcodepostal", "lieuxtravailregion", "lieuxtravailregionnuts", "lieuxtravailgeo",
    "typecontrat", "regimetravail", "nombrepostes", "niveauxetudes", "langues", "languescodeiso2",
    "experiencerequise", "permisdeconduire", "secteurs", "nomemployeur", "source",
    "referenceexterne", "url", "datedebutdiffusion", "datefindiffusion",
)  # fmt: skip


@lru_cache(maxsize=1)
def rome_codes() -> list[tuple[str, str]]:
    with ROME3.open(encoding="utf-8", newline="") as handle:
        # The code list doubles apostrophes (d''engins); the label is shown with one.
        return [(r["code"], r["label_fr"].replace("''", "'")) for r in csv.DictReader(handle)]


@lru_cache(maxsize=1)
def walloon_places() -> list[tuple[str, str, str]]:
    """(main postal code, French name, NUTS3) of each Walloon municipality."""
    with (GEO / "be_postcode_nuts3.csv").open(encoding="utf-8", newline="") as handle:
        nuts3 = {row["postcode"]: row["nuts3"] for row in csv.DictReader(handle)}
    with (GEO / "be_municipalities.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [
        (row["main_postcode"], row["municipality_fr"], nuts3[row["main_postcode"]])
        for row in rows
        if row["arrondissement_nis"].startswith(WALLOON_PREFIXES) and row["main_postcode"] in nuts3
    ]


def offer(number: int, rng: random.Random, first_day: date, days: int) -> dict[str, Any]:
    code, label = rng.choice(rome_codes())
    postcode, locality, nuts3 = rng.choice(walloon_places())
    start = first_day + timedelta(days=rng.randrange(days))
    return {
        "numerooffreforem": str(FIRST_NUMBER + number),
        "titreoffre": f"{label} (H/F/X)",
        "metier": label,
        "metiercodedimeco": code,
        "lieuxtravaillocalite": [locality.upper()],
        "lieuxtravailcodepostal": [postcode],
        "lieuxtravailregion": ["Belgique", "RÉGION WALLONNE"],
        "lieuxtravailregionnuts": ["BE", nuts3[:3], nuts3[:4]],
        "lieuxtravailgeo": [],  # no real coordinates are at hand; none are invented
        "typecontrat": rng.choice(CONTRACTS),
        "regimetravail": rng.choice(REGIMES),
        "nombrepostes": rng.choice((1, 1, 1, 2, 3)),
        "niveauxetudes": [rng.choice(STUDIES)],
        "langues": ["Français"],
        "languescodeiso2": ["FR"],
        "experiencerequise": rng.choice((None, "Sans expérience", "2 ans")),
        "permisdeconduire": rng.choice(([], ["B"])),
        "secteurs": [],
        "nomemployeur": f"Employeur synthétique {rng.randrange(1, 500):04d}",
        "source": rng.choice(SOURCES),
        "referenceexterne": "",
        "url": f"https://www.leforem.be/recherche-offres/offre-detail/{FIRST_NUMBER + number}",
        "datedebutdiffusion": start.isoformat(),
        "datefindiffusion": (start + timedelta(days=60)).isoformat(),
    }


def offers(count: int, seed: int = 2026, first_day: date = date(2026, 8, 1),
           days: int = 92) -> Iterator[dict[str, Any]]:  # fmt: skip
    rng = random.Random(seed)
    for number in range(count):
        yield offer(number, rng, first_day, days)


def records_page(records: list[dict[str, Any]], total_count: int) -> dict[str, Any]:
    """A records API v2.1 page; `synthetic` is our marker, absent from real pages."""
    return {"synthetic": True, "total_count": total_count, "results": records}


def csv_export(records: list[dict[str, Any]], encoding: str = "utf-8") -> bytes:
    """The `;` CSV export: one column per field, list fields joined by `,`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for record in records:
        cells = [record.get(column) for column in CSV_COLUMNS]
        writer.writerow(
            [
                ",".join(map(str, c)) if isinstance(c, list) else "" if c is None else c
                for c in cells
            ]
        )
    return buffer.getvalue().encode(encoding)


# Real ROME v3 codes for the contract samples (building, industry, care, transport, IT).
CONTRACT_CODES: Final = (
    "F1703",
    "F1602",
    "F1603",
    "H2913",
    "H2901",
    "I1304",
    "I1604",
    "J1506",
    "J1501",
    "N4101",
    "N1103",
    "M1805",
    "K2204",
    "D1502",
    "H1203",
    "G1602",
)
# Municipalities of arr. Tournai-Mouscron (57) and Ath (51), Wallonie picarde.
CONTRACT_MUNICIPALITY_PREFIXES: Final = ("57", "51")


def shortage_csv(seed: int = 2026) -> bytes:
    """A `forem-shortage` file: real codes and titles, INVENTED statuses."""
    rng = random.Random(seed)
    labels = dict(rome_codes())
    lines = [
        "# SYNTHETIC: real ROME v3 codes and titles, invented statuses (not Forem's list)",
        "annee;code_rome;metier;statut",
    ]
    for code in CONTRACT_CODES:
        lines.append(f"2026;{code};{labels[code]};{rng.choice(('critique', 'pénurie'))}")
    return ("\r\n".join(lines) + "\r\n").encode()


def job_seekers_csv(seed: int = 2026) -> bytes:
    """A `forem-job-seekers` file: real codes and municipalities, INVENTED counts."""
    rng = random.Random(seed)
    labels = dict(rome_codes())
    with (GEO / "be_municipalities.csv").open(encoding="utf-8", newline="") as handle:
        places = [
            (r["nis_code_2025"], r["municipality_fr"])
            for r in csv.DictReader(handle)
            if r["arrondissement_nis"].startswith(CONTRACT_MUNICIPALITY_PREFIXES)
        ]
    lines = [
        "# SYNTHETIC: real ROME v3 codes and municipalities, invented counts (not Forem's DEI)",
        "periode;code_rome;metier;code_ins;commune;dei",
    ]
    for nis, name in places:
        for code in CONTRACT_CODES[:6]:
            lines.append(f"2026-09;{code};{labels[code]};{nis};{name};{rng.randrange(0, 40)}")
    return ("\r\n".join(lines) + "\r\n").encode()


def write_samples() -> None:
    records = list(offers(300))
    page = json.dumps(records_page(records[:100], len(records)), ensure_ascii=False, indent=1)
    (SAMPLES / "forem_offres_page1_SYNTHETIC.json").write_text(page + "\n", encoding="utf-8")
    export = json.dumps(records, ensure_ascii=False, indent=1)
    (SAMPLES / "forem_offres_export_SYNTHETIC.json").write_text(export + "\n", encoding="utf-8")
    (SAMPLES / "forem_offres_export_SYNTHETIC.csv").write_bytes(csv_export(records))
    (SAMPLES / "forem_fonctions_critiques_2026_SYNTHETIC.csv").write_bytes(shortage_csv())
    (SAMPLES / "forem_dei_2026-09_SYNTHETIC.csv").write_bytes(job_seekers_csv())


if __name__ == "__main__":
    write_samples()
