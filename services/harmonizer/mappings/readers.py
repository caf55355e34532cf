"""Read the reference files of ../shared/data into tidy frames (build time only)."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Final

import pandas as pd

ISCO: Final = "isco08/isco08_en_fr_nl.csv"
NACE2: Final = "eurostat/nace/rev2/nace_rev2_en_fr_nl.csv"
NACE21: Final = "eurostat/nace/rev2.1/nace_rev2.1_en_fr_nl.csv"
NAF2: Final = "eurostat/nace/naf_rev2_fr/naf_rev2_sousclasses.csv"
NACEBEL: Final = "eurostat/nace/nacebel2025/nacebel2025_nl_fr_de_en.csv"
FAP2009_LABELS: Final = "dares/fap/dares_intitules_fap2009_DERIVED.csv"
FAP2009_ROME: Final = "dares/fap/dares_passage_romev3_fap2009_DERIVED.csv"
FAP2021: Final = "dares/fap/odis_dares_nomenclature_fap2021.csv"
ROME_ISCO: Final = "france_travail/rome/bob_Correspondance_ROME_ISCO08.xlsx"
ROME3: Final = "france_travail/rome/bob_unix_referentiel_code_rome_v347_utf8.csv"
ROME3_OGR: Final = "france_travail/rome/bob_unix_referentiel_appellation_v347_utf8.csv"
ROME4: Final = "france_travail/rome/unix_referentiel_code_rome_v460_utf8.csv"
TENSION: Final = "france_travail/tension/mobiville_cities-tension-utf8_ROME_bassin.csv"
ESCO_EN: Final = "esco/v1.2.1/occupations_en.csv"
ESCO_NL: Final = "esco/v1.2.0/occupations_nl.csv"
ESCO_FR: Final = "esco/fr_labels_v1.2.1/occupations_fr.csv"
ESCO_FR_OLD: Final = "esco/v1.0.x/occupations_fr.csv"
ROME_ESCO: Final = "crosswalks/rome_esco/FR_20230607_mapping_esco_rome.csv"
COMPETENT_ESCO: Final = "crosswalks/competent_esco/BLM_mapping.csv"
ARVASTAT: Final = "vdab/embuild_arvastat_bouw_latest_occupations_2026-04.csv"
KNELPUNTBEROEPEN: Final = "vdab/vdab_knelpuntberoepen_2026_SECONDARY_lexpat.csv"
ROME_ESCO_HEADER_LINE: Final = 15  # zero-based: the metadata preamble ends with a blank line
COMPETENT_HEADER_LINE: Final = 16


def text_csv(base: Path, name: str, sep: str = ",", skiprows: int = 0) -> pd.DataFrame:
    return pd.read_csv(
        base / name, sep=sep, dtype=str, keep_default_na=False, skiprows=skiprows, encoding="utf-8"
    )


def rome_isco(base: Path) -> pd.DataFrame:
    """France Travail's ROME v3 → ISCO-08 sheet; `Code ISCO08` (not `ISCO08 14SI4`) is the group.

    The sheet stores codes as numbers, so armed-forces groups lost their leading zero (110 = 0110).
    """
    sheet = pd.read_excel(
        base / ROME_ISCO, sheet_name="ROME to ISCO-08", dtype=str, engine="calamine"
    )
    return pd.DataFrame(
        {
            "rome": sheet["Code ROME"].str.strip(),
            "rome_label": sheet["Libellé codes ROME"].str.strip(),
            "isco": sheet["Code ISCO08"]
            .str.strip()
            .str.replace(r"\.0$", "", regex=True)
            .str.zfill(4),
        }
    )


def job_seekers_by_rome(base: Path) -> pd.DataFrame:
    """Registered job seekers (categories A, B, C) per ROME code, summed over all bassins."""
    tension = text_csv(base, TENSION, sep=";")
    latest = tension[tension["annee"] == tension["annee"].max()]
    seekers = pd.to_numeric(latest["defm_abc"]).groupby(latest["ROME"]).sum()
    frame = pd.DataFrame({"rome": seekers.index.astype(str), "job_seekers": seekers.to_numpy()})
    frame.attrs["year"] = str(latest["annee"].iloc[0])
    return frame


def preamble_csv(base: Path, name: str, header_line: int) -> pd.DataFrame:
    """A mapping export whose table starts after a metadata preamble."""
    text = (base / name).read_text(encoding="utf-8-sig")
    lines = text.splitlines(keepends=True)[header_line:]
    rows = list(csv.reader(io.StringIO("".join(lines))))
    header, body = rows[0], [row for row in rows[1:] if any(cell.strip() for cell in row)]
    width = len(header)
    return pd.DataFrame([row[:width] + [""] * (width - len(row)) for row in body], columns=header)
