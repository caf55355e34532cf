"""Derive the bundled VDAB samples of data/samples/vdab/ from ../shared/data/vdab/.

Run from the repository root with ../shared present:
    .venv/bin/python tools/derive_vdab_samples.py
- The Arvastat workbook is REBUILT in the export layout (sheet `Data`, title in A1, period label
  in A4, header, one row per beroep, final `Totaal` row) from embuild's processed CSV: the
  figures and labels are the real ones, the layout is the one documented for real exports.
- The knelpuntberoepen list is rewritten in the `vdab-shortage` contract format; the secondary
  transcription has no reasons, so the reason columns stay empty (unknown), never invented.
- No real `vdab-vacancies` file exists: a SYNTHETIC one (named so, `"synthetic": true`) is
  drawn with a fixed seed from real Competent codes and real West-Flemish postal codes, and a
  SYNTHETIC shortage list with reason flags goes to tests/fixtures/vdab/ for the tests only.
"""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path

from openpyxl import Workbook

SHARED = Path("../shared/data/vdab")
OUT = Path("data/samples/vdab")
ARVASTAT_CSV = SHARED / "embuild_arvastat_bouw_latest_occupations_2026-04.csv"
SHORTAGE_CSV = SHARED / "vdab_knelpuntberoepen_2026_SECONDARY_lexpat.csv"
ARVASTAT_XLSX = OUT / "arvastat_ontvangen_vacatures_bouw_2026-04_REBUILT_from_embuild_csv.xlsx"
SHORTAGE_OUT = OUT / "vdab_knelpuntberoepen_2026_SECONDARY_lexpat_contract.csv"
SHORTAGE_HEADER = (
    "jaar",
    "beroep",
    "hoofdberoepsgroep",
    "competent_code",
    "kwantitatief",
    "kwalitatief",
    "arbeidsomstandigheden",
)


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def rebuild_arvastat() -> None:
    rows = read(ARVASTAT_CSV)
    labels = {row["period_label"] for row in rows}
    assert len(labels) == 1, labels
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Data"
    sheet["A1"] = "Ontvangen vacatures"
    # Row 2: the sector filter of this extract (embuild metadata: "ontvangen vacatures, sector
    # bouw"); real exports keep their filters above the header, their exact wording is unknown.
    sheet["A2"] = "Sector: bouw"
    sheet["A4"] = labels.pop()
    sheet.append([])
    sheet.append(["Hoofdberoepsgroep", "Beroepsgroep", "Beroep", "Totaal"])
    key = ("hoofdberoepsgroep", "beroepsgroep", "beroep")
    for row in sorted(rows, key=lambda r: tuple(r[k] for k in key)):
        sheet.append([*(row[k] for k in key), int(row["vacatures"])])
    sheet.append([None, None, "Totaal", sum(int(row["vacatures"]) for row in rows)])
    workbook.save(ARVASTAT_XLSX)
    print(f"{ARVASTAT_XLSX}: {len(rows)} beroepen")


def shortage_contract() -> None:
    rows = read(SHORTAGE_CSV)
    with SHORTAGE_OUT.open("w", encoding="utf-8", newline="") as handle:
        handle.write(
            "# VDAB knelpuntberoepen 2026, SECONDARY transcription (lexpat-connect), "
            "labels only: reasons unknown (empty), not invented.\n"
        )
        writer = csv.writer(handle, delimiter=";", lineterminator="\n")
        writer.writerow(SHORTAGE_HEADER)
        for row in rows:
            writer.writerow(
                ["2026", row["beroep_nl"], row["hoofdberoepsgroep_as_given"], "", "", "", ""]
            )
    print(f"{SHORTAGE_OUT}: {len(rows)} beroepen")


VACANCIES_OUT = OUT / "vdab_vacancies_2026-Q1_SYNTHETIC.json"
SYNTHETIC_SHORTAGE = Path("tests/fixtures/vdab/vdab_knelpuntberoepen_2026_SYNTHETIC_reasons.csv")
EUROMETROPOLE_FLANDERS = ("BE253", "BE254", "BE256", "BE257")
CIRCUITS = ("gewoon", "gewoon", "gewoon", "werken_en_leren", "tijdelijk")


def synthetic_vacancies() -> None:
    rng = random.Random(20260331)
    # The beroep → Competent lookup is the crosswalk of mappings/ (rin-v3); the committed sample
    # was drawn from the earlier lookup table it replaced, so a re-run draws other occupations.
    links = read(Path("mappings/rome_isco_nace/crosswalks/arvastat_competent.csv"))
    heaviest: dict[str, dict[str, str]] = {}
    for link in links:
        best = heaviest.get(link["source_code"])
        if best is None or float(link["weight"]) > float(best["weight"]):
            heaviest[link["source_code"]] = link
    lookup = [
        {"beroep_nl": label, "competent_code": link["target_code"]}
        for label, link in sorted(heaviest.items())
    ]
    postcodes = [
        row["postcode"]
        for row in read(Path("data/reference/geo/be_postcode_nuts3.csv"))
        if row["nuts3"] in EUROMETROPOLE_FLANDERS
    ]
    occupations = rng.sample(lookup, 25)
    records = []
    for number in range(1, 151):
        occupation = rng.choice(occupations)
        records.append(
            {
                "vacancy_id": f"SYNTHETIC-{number:04d}",
                "received_date": f"2026-{rng.randint(1, 3):02d}-{rng.randint(1, 28):02d}",
                "competent_code": occupation["competent_code"],
                "beroep": occupation["beroep_nl"],
                "postal_code": rng.choice(postcodes),
                "circuit": rng.choice(CIRCUITS),
            }
        )
    document = {
        "contract": "vdab-vacancies",
        "version": "1.0",
        "period": "2026-Q1",
        "period_type": "quarter",
        "synthetic": True,
        "note": "SYNTHETIC: invented records in the contract format; not VDAB figures.",
        "vacancies": records,
    }
    VACANCIES_OUT.write_text(
        json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    print(f"{VACANCIES_OUT}: {len(records)} records")


def synthetic_shortage() -> None:
    rng = random.Random(2026)
    rows = read(SHORTAGE_CSV)[:40]
    SYNTHETIC_SHORTAGE.parent.mkdir(parents=True, exist_ok=True)
    with SYNTHETIC_SHORTAGE.open("w", encoding="utf-8", newline="") as handle:
        handle.write(
            "# SYNTHETIC test fixture: real 2026 labels, INVENTED reason flags; "
            "not VDAB's list, never shown as real.\n"
        )
        writer = csv.writer(handle, delimiter=";", lineterminator="\n")
        writer.writerow(SHORTAGE_HEADER)
        for row in rows:
            flags = [str(rng.randint(0, 1)) for _ in range(3)]
            writer.writerow(
                ["2026", row["beroep_nl"], row["hoofdberoepsgroep_as_given"], "", *flags]
            )
    print(f"{SYNTHETIC_SHORTAGE}: {len(rows)} beroepen")


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    rebuild_arvastat()
    shortage_contract()
    synthetic_vacancies()
    synthetic_shortage()
