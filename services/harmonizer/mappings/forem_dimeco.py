"""Le Forem `metiercodedimeco` → ISCO-08, through the ROME v3 code a DIMECO code equals.

No DIMECO code list is published. The codes seen in Le Forem's open offers are five-character
ROME v3 fiche codes (`M1805`, `M1203`; docs/formats-belgium.md §2.1), so a DIMECO code that
equals a ROME v3 code takes that code's ISCO-08 link (method `inferred:rome-like-code`). A
well-formed code that is a ROME 4.0 fiche but no ROME v3 code is *not* resolved: nothing says
DIMECO follows ROME 4.0. Those codes are listed for review with the ISCO-08 group that their
ROME 4.0 parent would give.
"""

from __future__ import annotations

from typing import Final

import pandas as pd

from schemas.raw.codes import ROME_CODE
from services.harmonizer.mappings.occupations import ROME_ISCO_PROVENANCE, links

SYSTEM: Final = ("forem-dimeco", "v3")
ISCO: Final = ("isco08", "2008")
TABLE: Final = "forem_dimeco_isco08"
REVIEW_NAME: Final = "forem_dimeco_unresolved.csv"
METHOD: Final = "inferred:rome-like-code"
WEIGHT_RULE: Final = "the ROME v3 code the DIMECO code equals: its one ISCO-08 unit group, weight 1"
PROVENANCE: Final = (
    "Le Forem open offers (offres-d-emploi-forem, field metiercodedimeco): codes equal to ROME v3 "
    "fiche codes; + " + ROME_ISCO_PROVENANCE
)
REVIEW_COLUMNS: Final = ("code", "label_fr", "rome4_parent", "candidate_isco08", "reason")
REASON: Final = (
    "a ROME 4.0 fiche code that is no ROME v3 code: DIMECO is not known to follow ROME 4.0"
)


def dimeco_isco(rome3_isco: pd.DataFrame) -> pd.DataFrame:
    """One link per ROME v3 code, with the relation and weight of the published ROME link."""
    frame = rome3_isco.loc[:, ["source_code", "target_code", "relation", "weight"]].assign(
        method=METHOD, provenance=PROVENANCE
    )
    return links(frame, SYSTEM, ISCO)


def unresolved(
    rome4: pd.DataFrame, rome3_isco: pd.DataFrame, rome4_isco: pd.DataFrame
) -> pd.DataFrame:
    """ROME-like codes a Forem file may carry that this table does not resolve, for review."""
    fiches = rome4[~rome4["code"].isin(set(rome3_isco["source_code"]))]
    candidates = rome4_isco.groupby("source_code")["target_code"].agg(" ".join)
    return pd.DataFrame(
        {
            "code": fiches["code"],
            "label_fr": fiches["label_fr"],
            "rome4_parent": fiches["parent_code"],
            "candidate_isco08": fiches["code"].map(candidates).fillna(""),
            "reason": REASON,
        }
    ).loc[:, list(REVIEW_COLUMNS)]


# Le Forem's codes in their Competent form (H250201-1) are kept as given, in their own system;
# they reach ISCO-08 through their stem (mappings/links.py STEM_ROUTES).
COMPETENT_FORM: Final = ("forem-competent", "1")
ROME_FORM: Final = ("rome3", "v3")


def system_of_code(code: str) -> tuple[str, str]:
    """(occupation_system, occupation_version) of a `metiercodedimeco` as Forem gives it."""
    return ROME_FORM if ROME_CODE.fullmatch(code) else COMPETENT_FORM
