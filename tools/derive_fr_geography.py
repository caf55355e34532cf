"""Derive data/reference/geo/fr_commune_bassin.csv: French commune → bassin BMO → département.

Run from the repository root with ../shared present:
    .venv/bin/python tools/derive_fr_geography.py
Inputs: France Travail's bassin zonages of 2021 and 2019 (../shared/data/france_travail/bassins/),
kept for the départements of the cross-border area; described in data/reference/README.md. It also
prints how many bassins of the national BMO workbooks the 2021 zonage covers.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
from collections import defaultdict
from pathlib import Path

from services.harmonizer.adapters.france_travail_bmo_sheet import read_bmo

SHARED = Path("../shared/data")
OUT = Path("data/reference/geo/fr_commune_bassin.csv")
BASSINS = Path("france_travail/bassins")
ZONAGE_2021 = BASSINS / "odis_France_Travail_Bassin_Emploi_2021.csv"
ZONAGE_2019 = BASSINS / "mobiville_lexique-bassins_BE19.csv"
# Aisne, Ardennes, Nord, Oise, Pas-de-Calais, Somme.
DEPARTMENTS = ("02", "08", "59", "60", "62", "80")
HEADER = [
    "vintage",
    "commune_insee",
    "commune_name",
    "bassin_code",
    "bassin_label",
    "department_code",
    "region_code",
]
# The 2019 lexique lost every "œ" to an "S" (Marcq-en-BarSul, CrèvecSur); in these départements an
# "S" between two lower-case letters is always such an "œ".
LOST_OE = re.compile(r"(?<=[a-zà-ÿ])S(?=[a-zà-ÿ])")


def read_rows(path: Path) -> list[dict[str, str]]:
    # utf-8-sig: the 2021 file opens with a byte-order mark.
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def zonage_2019(shared: Path) -> list[list[str]]:
    return [
        [
            "2019",
            row["CODE_COMMUNE_INSEE"],
            LOST_OE.sub("œ", row["NOMCOM"]),
            row["BE19"],
            row["NOMBE19"],
            row["DEP"],
            row["REG"],
        ]
        for row in read_rows(shared / ZONAGE_2019)
        if row["DEP"] in DEPARTMENTS
    ]


def zonage_2021(shared: Path, names: dict[str, str]) -> list[list[str]]:
    """The 2021 table has no commune names: they come from the 2019 lexique, by code."""
    rows = []
    for row in read_rows(shared / ZONAGE_2021):
        # The file drops leading zeros (dep 2, codgeo 2691 for Saint-Quentin 02691).
        department, commune = row["dep"].zfill(2), row["codgeo"].zfill(5)
        if department in DEPARTMENTS:
            rows.append(
                [
                    "2021",
                    commune,
                    names.get(commune, ""),
                    row["codbe"],
                    row["libbe"],
                    department,
                    row["reg"],
                ]
            )
    return rows


def check(rows: list[list[str]]) -> None:
    """One row per commune, one label per bassin in each vintage; print multi-département ones."""
    communes = {(row[0], row[1]) for row in rows}
    if len(communes) != len(rows):
        raise SystemExit("a commune appears twice in one vintage")
    labels: dict[tuple[str, str], set[str]] = defaultdict(set)
    departments: dict[tuple[str, str], set[str]] = defaultdict(set)
    for vintage, _, _, bassin, label, department, _ in rows:
        labels[vintage, bassin].add(label)
        departments[vintage, bassin].add(department)
    if any(len(found) > 1 for found in labels.values()):
        raise SystemExit(f"a bassin has several labels: {labels}")
    for (vintage, bassin), found in sorted(departments.items()):
        if len(found) > 1:
            print(f"{vintage} bassin {bassin} spans départements {sorted(found)}")


def derive(shared: Path) -> list[list[str]]:
    rows_2019 = zonage_2019(shared)
    names = {row[1]: row[2] for row in rows_2019}
    rows = sorted(rows_2019 + zonage_2021(shared, names))
    check(rows)
    return rows


def render(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return buffer.getvalue()


def bmo_coverage(shared: Path, rows: list[list[str]]) -> None:
    """Bassins of the BMO workbooks (BE23, BE25) in these départements vs the 2021 zonage."""
    zoned = {row[3] for row in rows if row[0] == "2021"}
    for path in sorted((shared / "france_travail" / "bmo").glob("*.xlsx")):
        frame = read_bmo(path.read_bytes(), path.name).frame
        inside = frame["department_code"].str.zfill(2).isin(DEPARTMENTS)
        codes = set(frame.loc[inside, "bassin_code"])
        missing = sorted(codes - zoned)
        found = len(codes) - len(missing)
        print(f"{path.name}: {found}/{len(codes)} bassins zoned, missing {missing}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared data directory")
    parser.add_argument("--out", type=Path, default=OUT, help="the CSV file to write")
    args = parser.parse_args()
    rows = derive(args.shared)
    with args.out.open("w", encoding="utf-8", newline="") as handle:
        handle.write(render(rows))
    print(f"{args.out}: {len(rows)} rows")
    bmo_coverage(args.shared, rows)


if __name__ == "__main__":
    main()
