"""Occupation crosswalks: ROME v3 / 4.0 → ISCO-08; BMO métiers (FAP2009, FAP2021) → ISCO-08."""

from __future__ import annotations

from pathlib import Path
from typing import Final

import pandas as pd

from services.harmonizer.mappings import fap_match
from services.harmonizer.mappings import readers as r
from services.harmonizer.mappings.common import (
    CROSSWALK_COLUMNS,
    REVIEW_DIR,
    normalize_weights,
    read_table,
    relation_of_links,
)

DIRECT_ISCO_FILE: Final = REVIEW_DIR / "fap_isco_reviewed.csv"
ROME_ISCO_PROVENANCE: Final = (
    "France Travail, Correspondance ROME/ISCO-08 (bob_Correspondance_ROME_ISCO08.xlsx, "
    "sheet 'ROME to ISCO-08', column 'Code ISCO08')"
)
PASSAGE_PROVENANCE: Final = (
    "Dares/C2RP passage ROME v3 → FAP2009 (dares_passage_romev3_fap2009_DERIVED.csv)"
)
TENSION_PROVENANCE: Final = (
    "weights: France Travail job seekers A, B, C per ROME (mobiville tension file, {year})"
)


def links(
    frame: pd.DataFrame, source: tuple[str, str], target: tuple[str, str], one_to_one: str = "close"
) -> pd.DataFrame:
    """Complete link rows from columns source_code, target_code, weight, method, provenance.

    A link whose weight is 0 (a ROME code without registered job seekers beside others that
    have some) is no link: the table keeps only targets that carry part of the source.
    """
    out = frame[frame["weight"] > 0].assign(
        source_system=source[0], source_version=source[1],
        target_system=target[0], target_version=target[1],
    )  # fmt: skip
    if "relation" not in out.columns:
        out["relation"] = relation_of_links(out, one_to_one)
    return out.loc[:, list(CROSSWALK_COLUMNS)]


def rome3_isco(base: Path) -> pd.DataFrame:
    table = r.rome_isco(base)
    frame = pd.DataFrame(
        {
            "source_code": table["rome"], "target_code": table["isco"], "weight": 1.0,
            "method": "published-table", "provenance": ROME_ISCO_PROVENANCE,
        }
    )  # fmt: skip
    return links(frame, ("rome3", "v3"), ("isco08", "2008"))


def rome4_isco(base: Path, rome3: pd.DataFrame) -> pd.DataFrame:
    """ROME 4.0 fiches keep their v3 code, or name it as parent: ISCO of that v3 code."""
    fiches = r.text_csv(base, r.ROME4)
    isco = dict(zip(rome3["source_code"], rome3["target_code"], strict=True))
    same = fiches["code_rome"].isin(isco)
    via = fiches["code_rome"].where(same, fiches["code_rome_parent"])
    frame = pd.DataFrame(
        {
            "source_code": fiches["code_rome"],
            "target_code": via.map(isco),
            "weight": 1.0,
            "method": same.map({True: "same-code-as-rome-v3", False: "via-rome4-parent-code"}),
            "provenance": "France Travail ROME v4.60 (code_rome_parent) + " + ROME_ISCO_PROVENANCE,
        }
    ).dropna(subset=["target_code"])
    return links(frame, ("rome4", "4.0"), ("isco08", "2008"))


def fap2009_rome(base: Path, fap_codes: pd.Series) -> pd.DataFrame:
    """FAP2009 → ROME v3 with a job-seeker basis: a ROME split by qualification level over
    several FAP counts in each for the share of its qualification codes passing there."""
    passage = r.text_csv(base, r.FAP2009_ROME)
    passage = passage.assign(rome=passage["rome_v3_or_rome_plus_qualification"].str[:5])
    passage = passage[passage["fap2009"].isin(set(fap_codes))]
    pairs = passage.groupby(["fap2009", "rome"]).size().rename("rows").reset_index()
    pairs["share"] = pairs["rows"] / pairs.groupby("rome")["rows"].transform("sum")
    seekers = r.job_seekers_by_rome(base)
    pairs = pairs.merge(seekers, on="rome", how="left").fillna({"job_seekers": 0.0})
    pairs["basis"] = pairs["share"] * pairs["job_seekers"]
    frame = pairs.rename(columns={"fap2009": "source_code", "rome": "target_code"})
    frame["weight"] = normalize_weights(frame, "basis")
    frame["method"] = "published-passage"
    frame["provenance"] = (
        PASSAGE_PROVENANCE + "; " + TENSION_PROVENANCE.format(year=seekers.attrs["year"])
    )
    frame.attrs["basis"] = frame[["source_code", "target_code", "basis"]]
    return frame


def fap2009_isco(fap_rome: pd.DataFrame, rome3: pd.DataFrame, direct: pd.DataFrame) -> pd.DataFrame:
    """Compose FAP2009 → ROME (job-seeker basis) with ROME → ISCO; add the reviewed direct links."""
    isco = dict(zip(rome3["source_code"], rome3["target_code"], strict=True))
    basis = fap_rome.attrs["basis"].assign(isco=lambda f: f["target_code"].map(isco))
    basis = basis.dropna(subset=["isco"])
    by_isco = basis.groupby(["source_code", "isco"], as_index=False)["basis"].sum()
    by_isco = by_isco.rename(columns={"isco": "target_code"})
    by_isco["weight"] = normalize_weights(by_isco, "basis")
    by_isco["method"] = "composed:fap2009-rome3(job-seekers)+rome3-isco08"
    by_isco["provenance"] = fap_rome["provenance"].iloc[0] + "; " + ROME_ISCO_PROVENANCE
    reviewed = _direct(direct, "fap2009", set(by_isco["source_code"]))
    frame = pd.concat([by_isco.drop(columns="basis"), reviewed], ignore_index=True)
    return links(frame, ("fap2009", "fap2009"), ("isco08", "2008"))


def _direct(direct: pd.DataFrame, system: str, already: set[str]) -> pd.DataFrame:
    """Reviewed links for codes that no published table reaches (equal split if several)."""
    rows = direct[(direct["source_system"] == system) & ~direct["source_code"].isin(already)]
    rows = rows.assign(basis=1.0)
    rows["weight"] = normalize_weights(rows, "basis")
    return rows.assign(
        method="reviewed-label-match", provenance="crossbmo review: " + rows["note"]
    )[["source_code", "target_code", "weight", "method", "provenance"]]


def load_direct(path: Path = DIRECT_ISCO_FILE) -> pd.DataFrame:
    return read_table(path)


def fap2021_fap2009(review: pd.DataFrame, fap_rome: pd.DataFrame) -> pd.DataFrame:
    """FAP2021 → FAP2009 from the (reviewed) decisions; weights ∝ job seekers of each family."""
    pairs = fap_match.decided_links(review)
    family = fap_rome.attrs["basis"].groupby("source_code")["basis"].sum()
    frame = pd.DataFrame(
        {
            "source_code": pairs["fap2021"].to_numpy(),
            "target_code": pairs["fap2009"].to_numpy(),
            "basis": pairs["fap2009"].map(family).fillna(0.0).to_numpy(),
            "method": pairs["method"].to_numpy(),
        }
    )
    frame["weight"] = normalize_weights(frame, "basis")
    frame["provenance"] = (
        "Dares FAP2021 and FAP2009 labels (odis_dares_nomenclature_fap2021.csv, "
        "dares_intitules_fap2009_DERIVED.csv); review list review/fap2021_fap2009_review.csv; "
        + fap_rome["provenance"].iloc[0].split("; ", 1)[1]
    )
    return links(frame.drop(columns="basis"), ("fap2021", "fap2021"), ("fap2009", "fap2009"))


def compose(first: pd.DataFrame, second: pd.DataFrame, method: str) -> pd.DataFrame:
    """A → C from A → B and B → C: weights multiply, paths to the same C add up."""
    joined = first.merge(second, left_on="target_code", right_on="source_code", suffixes=("", "_2"))
    joined["product"] = joined["weight"] * joined["weight_2"]
    sums = joined.groupby(["source_code", "target_code_2"])["product"].sum()
    frame = pd.DataFrame(
        {
            "source_code": sums.index.get_level_values(0),
            "target_code": sums.index.get_level_values(1),
            "product": sums.to_numpy(),
        }
    )
    frame["weight"] = normalize_weights(frame, "product")
    frame["method"] = method
    frame["provenance"] = "composition of the two tables named in the method"
    result: pd.DataFrame = frame.drop(columns="product")
    return result


def fap2021_isco(f21_f09: pd.DataFrame, f09_isco: pd.DataFrame) -> pd.DataFrame:
    frame = compose(f21_f09, f09_isco, "composed:fap2021-fap2009+fap2009-isco08")
    return links(frame, ("fap2021", "fap2021"), ("isco08", "2008"))
