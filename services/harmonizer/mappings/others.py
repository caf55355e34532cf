"""Crosswalks beyond BMO: ROME appellation / Competent → ESCO → ISCO-08, Arvastat labels,
NAF rév. 2 → NACE Rev. 2, NACE-BEL 2025 → NACE Rev. 2.1 and NACE-BEL 2008 → NACE Rev. 2."""

from __future__ import annotations

from pathlib import Path
from typing import Final

import pandas as pd

from services.harmonizer.mappings import beroepen
from services.harmonizer.mappings import readers as r
from services.harmonizer.mappings.common import normalize_weights
from services.harmonizer.mappings.occupations import compose, links

ESCO: Final = ("esco", "1.2.1")
ISCO: Final = ("isco08", "2008")
# The ESCO exports state the relation of ESCO (classification 1) to the other code; our rows
# go the other way, so broad and narrow swap.
INVERSE_SKOS: Final = {
    "skos:exactMatch": "exact", "skos:closeMatch": "close",
    "skos:narrowMatch": "broad", "skos:broadMatch": "narrow",
}  # fmt: skip
EQUAL_SPLIT: Final = "equal split over the targets of a source code (the source gives no sizes)"
WEIGHT_RULES: Final = {
    "rome3ogr_esco": EQUAL_SPLIT,
    "competent_esco": EQUAL_SPLIT,
    "esco_isco08": "one ISCO-08 unit group per ESCO occupation (its iscoGroup): weight 1",
    "competent_isco08": "competent_esco equal split, summed per ISCO group of each ESCO occupation",
    **beroepen.WEIGHT_RULES,
    "naf2_nace2": "one NACE class per NAF sous-classe (drop the final letter): weight 1",
    "nacebel2025_nace21": "one NACE Rev. 2.1 class per NACE-BEL subclass (first four digits): 1",
    "nacebel2008_nace2": (
        "one NACE Rev. 2 class per NACE-BEL 2008 class (its own four digits): weight 1; a NACE-BEL"
        " 2008 subclass takes the link of its first four digits"
    ),
}
NACEBEL2008_PROVENANCE: Final = (
    "Statbel NACE-BEL 2008 = NACE Rev. 2 + a national fifth digit; no NACE-BEL 2008 list in the"
    " reference data, so the table is keyed on the NACE Rev. 2 classes (Eurostat)"
)


def build(
    base: Path, lists: dict[str, pd.DataFrame], rome3: pd.DataFrame
) -> dict[str, pd.DataFrame]:
    esco_isco = esco_isco08(lists["esco"])
    competent = competent_esco(base, set(lists["esco"]["code"]))
    competent_isco = links(
        compose(competent, esco_isco, "composed:competent-esco+esco-isco08"),
        ("competent", "2.0"),
        ISCO,
    )
    arvastat = beroepen.arvastat_links(base, lists, competent, competent_isco, esco_isco)
    return {
        "rome3ogr_esco": rome3ogr_esco(base, set(lists["esco"]["code"])),
        "competent_esco": competent,
        "esco_isco08": esco_isco,
        "competent_isco08": competent_isco,
        **arvastat,
        "naf2_nace2": naf2_nace2(lists["naf2"], set(lists["nace2"]["code"])),
        "nacebel2025_nace21": nacebel_nace21(lists["nacebel2025"], set(lists["nace21"]["code"])),
        "nacebel2008_nace2": nacebel2008_nace2(lists["nace2"]),
    }


def _uuid(uri: pd.Series) -> pd.Series:
    return uri.str.strip().str.rsplit("/", n=1).str[-1]


def _equal(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.drop_duplicates(["source_code", "target_code"]).assign(basis=1.0)
    frame["weight"] = normalize_weights(frame, "basis")
    return frame.drop(columns="basis")


def rome3ogr_esco(base: Path, esco_codes: set[str]) -> pd.DataFrame:
    rows = r.preamble_csv(base, r.ROME_ESCO, r.ROME_ESCO_HEADER_LINE)
    frame = pd.DataFrame(
        {
            "source_code": rows["classification 2 ID"].str.strip(),
            "target_code": _uuid(rows["classification 1 ID"]),
            "relation": rows["mapping relation"].str.strip().map(INVERSE_SKOS),
        }
    )
    # A link to an ESCO occupation withdrawn since ESCO v1.0.9 has no target left.
    frame = frame[frame["target_code"].isin(esco_codes) & frame["relation"].notna()]
    frame = _equal(frame).assign(
        method="published-table",
        provenance="Pôle emploi ESCO–ROME mapping V1.4 (ESCO 1.0.9, ROME v3), FR_20230607",
    )
    return links(frame, ("rome3-ogr", "v3"), ESCO)


def competent_esco(base: Path, esco_codes: set[str]) -> pd.DataFrame:
    rows = r.preamble_csv(base, r.COMPETENT_ESCO, r.COMPETENT_HEADER_LINE)
    frame = pd.DataFrame(
        {
            "source_code": rows["Classification 2 ID"].str.strip(),
            "target_code": rows["Classification 1 URI"].str.strip(),
            "relation": rows["Mapping relation"].str.strip().map(INVERSE_SKOS),
        }
    )
    frame = frame[
        frame["source_code"].str.startswith("OP-")
        & frame["target_code"].isin(esco_codes)
        & frame["relation"].notna()
    ]
    frame = _equal(frame).assign(
        method="published-table",
        provenance="Nalantis/VDAB ESCO–BE NOC mapping V1.0 (ESCO 1.0.3, Competent 2.0 v3.8)",
    )
    return links(frame, ("competent", "2.0"), ESCO)


def esco_isco08(esco: pd.DataFrame) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "source_code": esco["code"], "target_code": esco["parent_code"], "weight": 1.0,
            "method": "esco-iscogroup", "provenance": "ESCO v1.2.1 occupations, column iscoGroup",
        }
    )  # fmt: skip
    return links(frame, ESCO, ISCO)


def naf2_nace2(naf: pd.DataFrame, nace_codes: set[str]) -> pd.DataFrame:
    subclasses = naf[naf["level"] == "5"]
    frame = pd.DataFrame(
        {
            "source_code": subclasses["code"], "target_code": subclasses["code"].str[:5],
            "weight": 1.0, "method": "drop-final-letter",
            "provenance": "Insee NAF rév. 2 = NACE Rev. 2 + a French subclass letter",
        }
    )  # fmt: skip
    frame = frame[frame["target_code"].isin(nace_codes)]
    return links(frame, ("naf2", "rev2"), ("nace2", "rev2"), one_to_one="exact")


def nacebel_nace21(nacebel: pd.DataFrame, nace_codes: set[str]) -> pd.DataFrame:
    subclasses = nacebel[nacebel["level"] == "5"]
    frame = pd.DataFrame(
        {
            "source_code": subclasses["code"], "target_code": subclasses["code"].str[:5],
            "weight": 1.0, "method": "first-four-digits",
            "provenance": "Statbel NACE-BEL 2025 = NACE Rev. 2.1 + a national fifth digit",
        }
    )  # fmt: skip
    frame = frame[frame["target_code"].isin(nace_codes)]
    return links(frame, ("nacebel2025", "2025"), ("nace21", "rev2.1"), one_to_one="exact")


def nacebel2008_nace2(nace2: pd.DataFrame) -> pd.DataFrame:
    """NACE-BEL 2008 classes → NACE Rev. 2 classes by rule (subclasses: first four digits).

    Statbel's NACE-BEL 2008 subclass list is not in the reference data, so the table cannot name
    the subclasses; it names the four-digit classes NACE-BEL 2008 shares with NACE Rev. 2, and
    `nace2_class_of_nacebel2008` reads a subclass such as `62.010` through its first four digits.
    """
    classes = nace2.loc[nace2["level"] == "4", "code"]
    frame = pd.DataFrame(
        {
            "source_code": classes, "target_code": classes, "weight": 1.0,
            "method": "rule:first-four-digits", "provenance": NACEBEL2008_PROVENANCE,
        }
    )  # fmt: skip
    return links(frame, ("nacebel2008", "2008"), ("nace2", "rev2"), one_to_one="exact")
