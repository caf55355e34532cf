"""Crosswalks beyond BMO: ROME appellation / Competent → ESCO → ISCO-08, Arvastat labels,
NAF rév. 2 → NACE Rev. 2 and NACE-BEL 2025 → NACE Rev. 2.1."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Final

import pandas as pd

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
    "arvastat_competent": EQUAL_SPLIT + "; only exact (normalized) label matches",
    "arvastat_isco08": (
        "arvastat_competent × competent_isco08, else an exact ESCO nl preferred, then alternative,"
        " label (equal split over the matched occupations)"
    ),
    "naf2_nace2": "one NACE class per NAF sous-classe (drop the final letter): weight 1",
    "nacebel2025_nace21": "one NACE Rev. 2.1 class per NACE-BEL subclass (first four digits): 1",
}


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
    arvastat = arvastat_links(base, lists, competent_isco, esco_isco)
    return {
        "rome3ogr_esco": rome3ogr_esco(base, set(lists["esco"]["code"])),
        "competent_esco": competent,
        "esco_isco08": esco_isco,
        "competent_isco08": competent_isco,
        **arvastat,
        "naf2_nace2": naf2_nace2(lists["naf2"], set(lists["nace2"]["code"])),
        "nacebel2025_nace21": nacebel_nace21(lists["nacebel2025"], set(lists["nace21"]["code"])),
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


def normalize_label(label: str) -> str:
    text = unicodedata.normalize("NFKD", label.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"\(.*?\)", " ", text)  # "(h/f/x)", "(m/v/x)"
    return " ".join(re.findall(r"[a-z0-9]+", text))


def arvastat_links(
    base: Path,
    lists: dict[str, pd.DataFrame],
    competent_isco: pd.DataFrame,
    esco_isco: pd.DataFrame,
) -> dict[str, pd.DataFrame]:
    """Arvastat beroep labels (no codes) resolved by exact normalized label only, in this
    order: a Competent label, an ESCO Dutch preferred label, an ESCO Dutch alternative label."""
    labels = sorted(set(r.text_csv(base, r.ARVASTAT)["beroep"].str.strip()))
    provenance = "VDAB Arvastat construction extract 2026-04 (embuild); labels matched to "
    comp = _equal(_matches(labels, _by_label(lists["competent"], "label_nl"))).assign(
        method="exact-label-match:competent-nl", provenance=provenance + "Competent 2.0 nl labels"
    )
    parts = [compose(comp, competent_isco, "composed:arvastat-competent+competent-isco08")]
    resolved = set(comp["source_code"])
    for index, method, source in (
        (_by_label(lists["esco"], "label_nl"), "esco-nl", "ESCO v1.2.0 nl preferred labels"),
        (_esco_alt_labels(base), "esco-nl-altlabel", "ESCO v1.2.0 nl alternative labels"),
    ):
        pairs = _matches([label for label in labels if label not in resolved], index)
        method_name = f"exact-label-match:{method}+esco-isco08"
        parts.append(
            compose(_equal(pairs), esco_isco, method_name).assign(provenance=provenance + source)
        )
        resolved |= set(pairs["source_code"])
    return {
        "arvastat_competent": links(comp, ("arvastat-beroep", "2026-04"), ("competent", "2.0")),
        "arvastat_isco08": links(
            pd.concat(parts, ignore_index=True), ("arvastat-beroep", "2026-04"), ISCO
        ),
    }


def _matches(labels: list[str], index: dict[str, list[str]]) -> pd.DataFrame:
    pairs = [(label, code) for label in labels for code in index.get(normalize_label(label), [])]
    return pd.DataFrame(pairs, columns=["source_code", "target_code"])


def _esco_alt_labels(base: Path) -> dict[str, list[str]]:
    """Dutch alternative labels of ESCO occupations (read at build time, not committed)."""
    rows = r.text_csv(base, r.ESCO_NL)
    index: dict[str, set[str]] = {}
    for uri, alternatives in zip(rows["conceptUri"], rows["altLabels"], strict=True):
        for label in alternatives.splitlines():
            if label.strip():
                index.setdefault(normalize_label(label), set()).add(uri.rsplit("/", 1)[-1])
    return {key: sorted(value) for key, value in index.items()}


def _by_label(codes: pd.DataFrame, column: str) -> dict[str, list[str]]:
    index: dict[str, list[str]] = {}
    for code, label in zip(codes["code"], codes[column], strict=True):
        if label:
            index.setdefault(normalize_label(label), []).append(code)
    return {key: sorted(set(value)) for key, value in index.items()}


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
