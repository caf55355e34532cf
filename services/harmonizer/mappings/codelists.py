"""Code lists (ISCO-08, NACE, ESCO, ROME, FAP, Competent, NAF, NACE-BEL): build and load."""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Final

import pandas as pd

from services.harmonizer.mappings import readers as r
from services.harmonizer.mappings.common import CODELIST_COLUMNS, CODELISTS_DIR, read_table


@dataclass(frozen=True)
class CodeSystem:
    id: str
    version: str
    names: dict[str, str]
    source: str  # publisher and file(s), for the README and the API
    attribution: str = ""


ESCO_ATTRIBUTION: Final = "This service uses the ESCO classification of the European Commission."
SYSTEMS: Final = {
    s.id: s
    for s in (
        CodeSystem("isco08", "2008", {"en": "ISCO-08", "fr": "CITP-08", "nl": "ISCO-08"},
                   "ILO ISCO-08; fr/nl labels: ESCO translations (isco08/isco08_en_fr_nl.csv)",
                   ESCO_ATTRIBUTION),
        CodeSystem("nace2", "rev2", {"en": "NACE Rev. 2", "fr": "NACE rév. 2", "nl": "NACE Rev. 2"},
                   "Eurostat (eurostat/nace/rev2/nace_rev2_en_fr_nl.csv)"),
        CodeSystem("nace21", "rev2.1", {"en": "NACE Rev. 2.1", "fr": "NACE rév. 2.1",
                                        "nl": "NACE Rev. 2.1"},
                   "Eurostat (eurostat/nace/rev2.1/nace_rev2.1_en_fr_nl.csv)"),
        CodeSystem("esco", "1.2.1", {"en": "ESCO occupations", "fr": "Professions ESCO",
                                     "nl": "ESCO-beroepen"},
                   "European Commission, ESCO v1.2.1 (en), v1.2.0 (nl), v1.2.1 API labels (fr)",
                   ESCO_ATTRIBUTION),
        CodeSystem("rome3", "v3", {"en": "ROME v3", "fr": "ROME v3", "nl": "ROME v3"},
                   "France Travail, ROME v3.47 and ROME–ISCO table"),
        CodeSystem("rome3-ogr", "v3", {"en": "ROME v3 job titles (OGR)",
                                       "fr": "Appellations ROME v3 (OGR)",
                                       "nl": "ROME v3-benamingen (OGR)"},
                   "France Travail, ROME v3.47 appellations"),
        CodeSystem("rome4", "4.0", {"en": "ROME 4.0", "fr": "ROME 4.0", "nl": "ROME 4.0"},
                   "France Travail, ROME v4.60"),
        CodeSystem("fap2009", "fap2009", {"en": "BMO occupations (FAP2009)",
                                          "fr": "Métiers BMO (FAP2009)",
                                          "nl": "BMO-beroepen (FAP2009)"},
                   "Dares, FAP2009 labels"),
        CodeSystem("fap2021", "fap2021", {"en": "BMO occupations (FAP2021)",
                                          "fr": "Métiers BMO (FAP2021)",
                                          "nl": "BMO-beroepen (FAP2021)"},
                   "Dares, FAP2021 nomenclature"),
        CodeSystem("competent", "2.0", {"en": "Competent 2.0", "fr": "Competent 2.0",
                                        "nl": "Competent 2.0"},
                   "VDAB/Nalantis ESCO–Competent mapping V1.0 (OP codes, nl/fr labels)",
                   ESCO_ATTRIBUTION),
        CodeSystem("arvastat-beroep", "2026-04", {"en": "VDAB Arvastat occupations (labels)",
                                                  "fr": "Métiers VDAB Arvastat (libellés)",
                                                  "nl": "VDAB Arvastat-beroepen (labels)"},
                   "VDAB Arvastat, construction extract May 2025 – April 2026 (Bron: VDAB "
                   "Arvastat); Arvastat names its beroepen by label only: code = label",
                   "Bron: VDAB Arvastat"),
        CodeSystem("naf2", "rev2", {"en": "NAF rev. 2", "fr": "NAF rév. 2", "nl": "NAF rev. 2"},
                   "Insee, NAF rév. 2 (2008)"),
        CodeSystem("nacebel2025", "2025", {"en": "NACE-BEL 2025", "fr": "NACE-BEL 2025",
                                           "nl": "NACE-BEL 2025"},
                   "Statbel, NACE-BEL 2025 (NACE Rev. 2.1 national version)"),
    )
}  # fmt: skip
ESCO_EXTRA: Final = ("uri",)


def _frame(rows: pd.DataFrame) -> pd.DataFrame:
    return rows.loc[:, list(CODELIST_COLUMNS)].drop_duplicates("code")


def isco08(base: Path) -> pd.DataFrame:
    source = r.text_csv(base, r.ISCO).rename(columns={"isco08_code": "code"})
    return _frame(source)


def nace2(base: Path) -> pd.DataFrame:
    return _frame(r.text_csv(base, r.NACE2))


def nace21(base: Path) -> pd.DataFrame:
    return _frame(r.text_csv(base, r.NACE21))


def fap2009(base: Path) -> pd.DataFrame:
    labels = r.text_csv(base, r.FAP2009_LABELS)
    levels = {"FAP9_1L": "1", "FAP9_3L": "2", "FAP9_5L": "3"}
    rows = labels[labels["sas_format"].isin(levels)]
    parents = {"1": 0, "2": 1, "3": 3}
    level = rows["sas_format"].map(levels)
    return _frame(
        pd.DataFrame(
            {
                "code": rows["code"],
                "level": level,
                "parent_code": [
                    code[: parents[lv]] for code, lv in zip(rows["code"], level, strict=True)
                ],
                "label_fr": rows["libelle"].str.split(" : ", n=1).str[1].str.strip(),
                "label_nl": "",
                "label_en": "",
            }
        )
    )


def fap2021(base: Path) -> pd.DataFrame:
    source = r.text_csv(base, r.FAP2021)
    parts = []
    for level, (code, label, parent) in enumerate(
        (
            ("code_fap_22", "intitule_fap_22", None),
            ("code_fap_86", "intitule_fap_86", "code_fap_22"),
            ("code_fap_228", "intitule_fap_228", "code_fap_86"),
            ("code_fap_341", "intitule_fap_341", "code_fap_228"),
        ),
        start=1,
    ):
        part = pd.DataFrame(
            {
                "code": source[code],
                "level": str(level),
                "parent_code": "" if parent is None else source[parent],
                "label_fr": source[label].str.strip(),
                "label_nl": "",
                "label_en": "",
            }
        )
        parts.append(part)
    # A 341-level code equal to its 228-level parent is the same family: keep the 228 row.
    return _frame(pd.concat(parts))


def _undouble_apostrophes(labels: pd.Series) -> pd.Series:
    # The ROME v3.47 "unix" exports escape apostrophes SQL-style: "Conduite d''engins".
    return labels.str.replace("''", "'", regex=False)


def rome3(base: Path) -> pd.DataFrame:
    codes = r.text_csv(base, r.ROME3)[["code_rome", "libelle_rome"]]
    codes["libelle_rome"] = _undouble_apostrophes(codes["libelle_rome"])
    isco = r.rome_isco(base).rename(columns={"rome": "code_rome", "rome_label": "libelle_rome"})
    rows = pd.concat([codes, isco[["code_rome", "libelle_rome"]]])
    return _frame(_fr_only(rows["code_rome"], rows["libelle_rome"], "1", ""))


def rome3_ogr(base: Path) -> pd.DataFrame:
    rows = r.text_csv(base, r.ROME3_OGR)
    labels = _undouble_apostrophes(rows["libelle_appellation_long"])
    return _frame(_fr_only(rows["code_ogr"], labels, "2", rows["code_rome"]))


def rome4(base: Path) -> pd.DataFrame:
    rows = r.text_csv(base, r.ROME4)
    parent = rows["code_rome_parent"].where(rows["code_rome_parent"] != rows["code_rome"], "")
    return _frame(_fr_only(rows["code_rome"], rows["libelle_rome"], "1", parent))


def naf2(base: Path) -> pd.DataFrame:
    rows = r.text_csv(base, r.NAF2)
    levels = (
        ("section", "libelle_section", None, "1"),
        ("division", "libelle_division", "section", "2"),
        ("groupe", "libelle_groupe", "division", "3"),
        ("classe", "libelle_classe", "groupe", "4"),
        ("sousclasse", "libelle_sousclasse", "classe", "5"),
    )
    parts = [
        _fr_only(rows[code], rows[label], level, "" if parent is None else rows[parent])
        for code, label, parent, level in levels
    ]
    return _frame(pd.concat(parts))


def nacebel2025(base: Path) -> pd.DataFrame:
    rows = r.text_csv(base, r.NACEBEL)
    rows = rows[rows["level"].isin(["1", "2", "3", "4", "5"])]
    return _frame(
        pd.DataFrame(
            {
                "code": rows["code"],
                "level": rows["level"],
                "parent_code": _nacebel_parents(rows),
                "label_fr": rows["title_fr"],
                "label_nl": rows["title_nl"],
                "label_en": rows["title_en"],
            }
        )
    )


def _nacebel_parents(rows: pd.DataFrame) -> list[str]:
    """Divisions follow their section in the file, which is the only place that says so."""
    parents, section = [], ""
    for level, code in zip(rows["level"], rows["code"], strict=True):
        if level == "1":
            section = code
        parents.append(section if level == "2" else _nace_parent(code))
    return parents


def _nace_parent(code: str) -> str:
    """Parent of a NACE-style code: 01.11 → 01.1 → 01; divisions name no section here."""
    if "." not in code:
        return ""
    head, tail = code.split(".")
    return head if len(tail) <= 1 else f"{head}.{tail[:-1]}"


def _fr_only(
    code: pd.Series, label: pd.Series, level: str, parent: pd.Series | str
) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "code": code.str.strip(),
            "level": level,
            "parent_code": parent,
            "label_fr": label.str.strip(),
            "label_nl": "",
            "label_en": "",
        }
    )


def esco(base: Path) -> pd.DataFrame:
    """ESCO occupations: code = the URI's UUID, parent_code = its ISCO-08 unit group."""
    en = r.text_csv(base, r.ESCO_EN)[["conceptUri", "iscoGroup", "preferredLabel"]]
    nl = r.text_csv(base, r.ESCO_NL).set_index("conceptUri")["preferredLabel"]
    fr = r.text_csv(base, r.ESCO_FR).set_index("conceptUri")["preferredLabel"]
    fr_old = r.text_csv(base, r.ESCO_FR_OLD).set_index("conceptUri")["preferredLabel"]
    uri = en["conceptUri"]
    frame = pd.DataFrame(
        {
            "code": uri.str.rsplit("/", n=1).str[1],
            "level": "5",
            "parent_code": en["iscoGroup"].str.zfill(4),
            # French labels of the v1.2.1 API, else the v1.0.x export (the only French CSV).
            "label_fr": uri.map(fr).fillna(uri.map(fr_old)).fillna(""),
            "label_nl": uri.map(nl).fillna(""),
            "label_en": en["preferredLabel"],
            "uri": uri,
        }
    )
    return frame.drop_duplicates("code")


def competent(base: Path) -> pd.DataFrame:
    rows = r.preamble_csv(base, r.COMPETENT_ESCO, r.COMPETENT_HEADER_LINE)
    frame = pd.DataFrame(
        {
            "code": rows["Classification 2 ID"].str.strip(),
            "level": "1",
            "parent_code": "",
            "label_fr": rows["Classification 2 PrefLabel FR"].str.strip(),
            "label_nl": rows["Classification 2 PrefLabel NL"].str.strip(),
            "label_en": "",
        }
    )
    return _frame(frame[frame["code"].str.startswith("OP-")])


def arvastat_beroep(base: Path) -> pd.DataFrame:
    """The beroepen of the real Arvastat extract; parent_code = their beroepsgroep (a label)."""
    rows = r.text_csv(base, r.ARVASTAT)
    frame = pd.DataFrame(
        {
            "code": rows["beroep"].str.strip(),
            "level": "3",
            "parent_code": rows["beroepsgroep"].str.strip(),
            "label_fr": "",
            "label_nl": rows["beroep"].str.strip(),
            "label_en": "",
        }
    )
    return _frame(frame)


BUILDERS: Final[dict[str, Callable[[Path], pd.DataFrame]]] = {
    "isco08": isco08, "nace2": nace2, "nace21": nace21, "esco": esco, "rome3": rome3,
    "rome3-ogr": rome3_ogr,
    "rome4": rome4, "fap2009": fap2009, "fap2021": fap2021, "competent": competent,
    "arvastat-beroep": arvastat_beroep, "naf2": naf2, "nacebel2025": nacebel2025,
}  # fmt: skip


def codelist_path(system: str, directory: Path = CODELISTS_DIR) -> Path:
    return directory / f"{system}.csv"


@lru_cache(maxsize=len(SYSTEMS))
def load_codelist(system: str) -> pd.DataFrame:
    """The committed code list of ``system`` (KeyError for an unknown system)."""
    if system not in SYSTEMS:
        raise KeyError(system)
    return read_table(codelist_path(system))


@lru_cache(maxsize=1)
def fap2009_labels() -> dict[str, str]:
    """FAP2009 code (family A0Z or occupation A0Z40) → its French label."""
    with (CODELISTS_DIR / "fap2009.csv").open(encoding="utf-8", newline="") as handle:
        return {row["code"]: row["label_fr"] for row in csv.DictReader(handle)}


def isco_unit_groups() -> frozenset[str]:
    isco = load_codelist("isco08")
    return frozenset(isco.loc[isco["level"] == "4", "code"])


@lru_cache(maxsize=3)
def isco_labels(language: str = "fr") -> dict[str, str]:
    """ISCO-08 code → label, every level (the BMO side of the store is French)."""
    isco = load_codelist("isco08")
    return dict(zip(isco["code"], isco[f"label_{language}"], strict=True))
