"""Derive the small reference tables of data/reference/ (geography, VDAB beroep lookup).

Run from the repository root with ../shared present:
    .venv/bin/python tools/derive_vdab_reference.py
Every output is a mechanical derivation of files in ../shared/data, described in
data/reference/README.md; nothing is typed in by hand except the Eurométropole zone names.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

SHARED = Path("../shared/data")
GEO = Path("data/reference/geo")
VDAB = Path("data/reference/vdab")
# The two Belgian parts of the Eurométropole (editorial names, see data/reference/README.md).
ZONES = {
    "33000": "BE-WVL",
    "34000": "BE-WVL",
    "36000": "BE-WVL",
    "37000": "BE-WVL",
    "51000": "BE-WAPI",
    "57000": "BE-WAPI",
}
RELATION_RANK = {
    "skos:exactMatch": 0,
    "skos:closeMatch": 1,
    "skos:broadMatch": 2,
    "skos:narrowMatch": 3,
}


def read_csv(path: Path, skip: int = 0) -> list[dict[str, str]]:
    lines = path.read_text(encoding="utf-8").splitlines()[skip:]
    return list(csv.DictReader(lines))


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    print(f"{path}: {len(rows)} rows")


def mergers() -> dict[str, tuple[str, str]]:
    """Old NIS code → (new NIS code, new name), from the 2025 merger list."""
    text = (SHARED / "statbel" / "nis_fusies_2025.csv").read_text(encoding="utf-8")
    result = {}
    for line in text.splitlines()[1:]:
        old, new = line.split(",\t")
        new_name, new_code = re.fullmatch(r"(.+) \((\d{5})\)", new.strip()).groups()  # type: ignore[union-attr]
        for code in re.findall(r"\((\d{5})\)", old):
            result[code] = (new_code, new_name)
    return result


def geography() -> None:
    postcodes = {
        r["postcode"]: r["nuts3"]
        for r in read_csv(SHARED / "eurostat/nuts/postcode_to_nuts3_BE.csv")
    }
    write_csv(GEO / "be_postcode_nuts3.csv", ["postcode", "nuts3"], sorted(postcodes.items()))
    merged = mergers()
    write_csv(
        GEO / "be_nis_mergers_2025.csv",
        ["nis_code_2024", "nis_code_2025", "name_2025"],
        sorted([old, new, name] for old, (new, name) in merged.items()),
    )
    municipalities = read_csv(SHARED / "statbel/belgian_municipalities_2020.csv")
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    rows, arrondissements = [], {}
    for m in municipalities:
        arrondissement = m["NIS_code"][:2] + "000"
        zip_code = m["zip"].zfill(4)
        if zip_code in postcodes:
            votes[arrondissement][postcodes[zip_code]] += 1
        rows.append(
            [
                m["NIS_code"],
                merged.get(m["NIS_code"], (m["NIS_code"], ""))[0],
                m["municipality_NL"],
                m["municipality_FR"],
                arrondissement,
                zip_code,
            ]
        )
        arrondissements[arrondissement] = [
            m["arrondissement_NL"],
            m["arrondissement_FR"],
            m["province_NL"],
            m["region_NL"],
        ]
    write_csv(
        GEO / "be_municipalities.csv",
        [
            "nis_code_2020",
            "nis_code_2025",
            "municipality_nl",
            "municipality_fr",
            "arrondissement_nis",
            "main_postcode",
        ],
        rows,
    )
    nuts = {
        r["NUTS_ID"]: r["NAME_LATN"] for r in read_csv(SHARED / "eurostat/nuts/nuts2021_all.csv")
    }
    table = []
    for code, (label_nl, label_fr, province, region) in sorted(arrondissements.items()):
        nuts3 = votes[code].most_common(1)[0][0]
        table.append(
            [
                code,
                label_nl,
                label_fr,
                province,
                region,
                nuts3,
                nuts.get(nuts3, ""),
                ZONES.get(code, ""),
            ]
        )
    write_csv(
        GEO / "be_arrondissements.csv",
        [
            "arrondissement_nis",
            "label_nl",
            "label_fr",
            "province_nl",
            "region_nl",
            "nuts3_2021",
            "nuts3_label",
            "eurometropole_zone",
        ],
        table,
    )


def norm(label: str) -> str:
    text = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"\((m/v/x|m/v|h/f/x|h/f)\)", "", text)
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def competent_isco(blm: list[dict[str, str]]) -> dict[str, tuple[str, str]]:
    """Competent code → (ISCO-08 unit group, rule): the best-ranked relation's most common ISCO."""
    by_code: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for row in blm:
        by_code[row["Classification 2 ID"]].append(
            (RELATION_RANK[row["Mapping relation"]], row["Classification 1 ID"][:4])
        )
    result = {}
    for code, links in by_code.items():
        best = min(rank for rank, _ in links)
        counts = Counter(isco for rank, isco in links if rank == best).most_common()
        relation = next(k for k, v in RELATION_RANK.items() if v == best).split(":")[1]
        overall = Counter(isco for _, isco in links).most_common()
        if len(counts) == 1 or counts[0][1] > counts[1][1]:
            result[code] = (counts[0][0], f"esco-{relation}-majority")
        elif len(overall) == 1 or overall[0][1] > overall[1][1]:
            # A tie among the closest links is broken by all links of the code.
            result[code] = (overall[0][0], "esco-all-relations-majority")
        else:
            result[code] = ("", f"esco-{relation}-tie")
    return result


def beroep_lookup() -> None:
    blm = read_csv(SHARED / "crosswalks/competent_esco/BLM_mapping.csv", skip=16)
    labels = {}
    for row in blm:
        labels.setdefault(
            norm(row["Classification 2 PrefLabel NL"]),
            (
                row["Classification 2 ID"],
                row["Classification 2 PrefLabel NL"],
                row["Classification 2 PrefLabel FR"],
            ),
        )
    by_code = {code: (code, nl, fr) for code, nl, fr in labels.values()}
    esco_to_competent: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for row in blm:
        esco_to_competent[row["Classification 1 URI"]].append(
            (RELATION_RANK[row["Mapping relation"]], row["Classification 2 ID"])
        )
    esco = {}
    for occupation in read_csv(SHARED / "esco/v1.2.0/occupations_nl.csv"):
        uri = occupation["conceptUri"].rsplit("/", 1)[-1]
        names = [occupation["preferredLabel"], *occupation["altLabels"].split("\n")]
        for name in filter(None, names):
            esco.setdefault(norm(name), (uri, occupation["iscoGroup"]))
    isco = competent_isco(blm)
    arvastat = read_csv(SHARED / "vdab/embuild_arvastat_bouw_latest_occupations_2026-04.csv")
    shortage = read_csv(SHARED / "vdab/vdab_knelpuntberoepen_2026_SECONDARY_lexpat.csv")
    beroepen = sorted({r["beroep"] for r in arvastat} | {r["beroep_nl"] for r in shortage})
    rows = []
    for beroep in beroepen:
        key = norm(beroep)
        if key in labels:
            code, nl, fr = labels[key]
            rows.append([beroep, code, nl, fr, *isco[code], "competent-label"])
        elif key in esco and esco[key][0] in esco_to_competent:
            uri, isco_code = esco[key]
            code = min(esco_to_competent[uri])[1]
            _, nl, fr = by_code[code]
            rows.append(
                [beroep, code, nl, fr, isco_code, "esco-occupation-iscoGroup", "esco-label"]
            )
        elif key in esco:
            # An ESCO occupation without a Competent link still gives the ISCO-08 group.
            rows.append(
                [beroep, "", "", "", esco[key][1], "esco-occupation-iscoGroup", "unresolved"]
            )
        else:
            rows.append([beroep, "", "", "", "", "", "unresolved"])
    write_csv(
        VDAB / "arvastat_beroep_competent_isco.csv",
        [
            "beroep_nl",
            "competent_code",
            "competent_label_nl",
            "competent_label_fr",
            "isco08_code",
            "isco08_rule",
            "competent_rule",
        ],
        rows,
    )


if __name__ == "__main__":
    geography()
    beroep_lookup()
