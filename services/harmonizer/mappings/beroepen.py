"""VDAB beroep labels (Arvastat exports, knelpuntberoepen lists) → Competent 2.0 and ISCO-08.

VDAB names its beroepen by label only, in Arvastat and in the knelpuntberoepen list alike. A
label is resolved by exact normalized label only, never by likeness, in this order:

1. a Competent 2.0 Dutch label → that Competent code (→ ISCO-08 through competent_isco08);
2. an ESCO v1.2.0 Dutch preferred label, then an alternative label → that ESCO occupation
   (→ ISCO-08 through its iscoGroup; → Competent through the BLM links of the closest relation).

These two tables are the only label lookup of the project: the VDAB adapters read them
(services/harmonizer/vdab_beroepen.py).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Final

import pandas as pd

from services.harmonizer.mappings import readers as r
from services.harmonizer.mappings.common import normalize_weights
from services.harmonizer.mappings.occupations import compose, links

SYSTEM: Final = ("arvastat-beroep", "2026-04")
COMPETENT: Final = ("competent", "2.0")
ISCO: Final = ("isco08", "2008")
# Closest first, in the BLM file's own direction (our rows swap its broad and narrow).
RELATION_RANK: Final = {"exact": 0, "close": 1, "narrow": 2, "broad": 3}
PROVENANCE: Final = (
    "VDAB beroep labels of the Arvastat construction extract 2026-04 (embuild) and the "
    "knelpuntberoepen 2026 list (lexpat transcription); labels matched to "
)
WEIGHT_RULES: Final = {
    "arvastat_competent": (
        "equal split over the Competent codes of a label: exact (normalized) Competent nl label "
        "matches, else the BLM links of the closest relation of the ESCO occupation whose nl "
        "preferred, then alternative, label matches"
    ),
    "arvastat_isco08": (
        "arvastat_competent × competent_isco08 for Competent label matches, else the iscoGroup of "
        "the ESCO occupations matched by nl preferred, then alternative, label (equal split)"
    ),
}
ESCO_ROUTES: Final = (
    ("esco-nl", "ESCO v1.2.0 nl preferred labels"),
    ("esco-nl-altlabel", "ESCO v1.2.0 nl alternative labels"),
)


def beroep_labels(base: Path) -> list[str]:
    """Every beroep label of the Arvastat extract and of the knelpuntberoepen list."""
    arvastat = r.text_csv(base, r.ARVASTAT)["beroep"].str.strip()
    shortage = r.text_csv(base, r.KNELPUNTBEROEPEN)["beroep_nl"].str.strip()
    return sorted((set(arvastat) | set(shortage)) - {""})


def arvastat_links(
    base: Path,
    lists: dict[str, pd.DataFrame],
    competent_esco: pd.DataFrame,
    competent_isco: pd.DataFrame,
    esco_isco: pd.DataFrame,
) -> dict[str, pd.DataFrame]:
    labels = beroep_labels(base)
    comp = _equal(_matches(labels, _by_label(lists["competent"], "label_nl"))).assign(
        method="exact-label-match:competent-nl", provenance=PROVENANCE + "Competent 2.0 nl labels"
    )
    comp_parts = [comp]
    isco_parts = [compose(comp, competent_isco, "composed:arvastat-competent+competent-isco08")]
    resolved = set(comp["source_code"])
    esco_competent = _closest_competent(competent_esco)
    for index, (route, source) in zip(
        (_by_label(lists["esco"], "label_nl"), _esco_alt_labels(base)), ESCO_ROUTES, strict=True
    ):
        pairs = _equal(_matches([label for label in labels if label not in resolved], index))
        provenance = PROVENANCE + source
        isco_parts.append(
            compose(pairs, esco_isco, f"exact-label-match:{route}+esco-isco08").assign(
                provenance=provenance
            )
        )
        comp_parts.append(
            compose(pairs, esco_competent, f"exact-label-match:{route}+esco-competent").assign(
                provenance=provenance + " and the BLM links of their ESCO occupation"
            )
        )
        resolved |= set(pairs["source_code"])
    return {
        "arvastat_competent": links(pd.concat(comp_parts, ignore_index=True), SYSTEM, COMPETENT),
        "arvastat_isco08": links(pd.concat(isco_parts, ignore_index=True), SYSTEM, ISCO),
    }


def _closest_competent(competent_esco: pd.DataFrame) -> pd.DataFrame:
    """ESCO occupation → the Competent codes linked to it by its closest BLM relation."""
    rank = competent_esco["relation"].map(RELATION_RANK)
    best = rank.groupby(competent_esco["target_code"]).transform("min")
    kept = competent_esco[rank == best]
    inverse = pd.DataFrame({"source_code": kept["target_code"], "target_code": kept["source_code"]})
    return _equal(inverse)


def _equal(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.drop_duplicates(["source_code", "target_code"]).assign(basis=1.0)
    frame["weight"] = normalize_weights(frame, "basis")
    return frame.drop(columns="basis")


def normalize_label(label: str) -> str:
    text = unicodedata.normalize("NFKD", label.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"\(.*?\)", " ", text)  # "(h/f/x)", "(m/v/x)"
    return " ".join(re.findall(r"[a-z0-9]+", text))


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
