"""Every place to the common geography: one crosswalk row per link, like the occupation tables.

France: commune (INSEE) → bassin BMO (per zonage vintage) → département → NUTS3 2021.
Belgium: NIS municipality 2020 → NIS 2025 (the 1 January 2025 mergers) → arrondissement →
NUTS3 2021. Built from data/reference/geo/ (the tables the adapters read) and, for the NUTS
codes and the French départements' NUTS3, Eurostat's files in ../shared/data.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

import pandas as pd

from services import paths
from services.harmonizer.mappings import readers as r
from services.harmonizer.mappings.common import normalize_weights
from services.harmonizer.mappings.occupations import links

GEO_DIR: Final = paths.GEO_DIR
GEO_FILES: Final = (
    "fr_commune_bassin.csv", "be_municipalities.csv", "be_arrondissements.csv",
    "be_postcode_nuts3.csv",
)  # fmt: skip
NUTS_ALL: Final = "eurostat/nuts/nuts2021_all.csv"
NUTS_FR_POSTCODES: Final = "eurostat/nuts/postcode_to_nuts3_FR.csv"
NUTS_SOURCES: Final = (NUTS_ALL, NUTS_FR_POSTCODES)
NUTS: Final = ("nuts", "2021")
NUTS_COUNTRIES: Final = ("BE", "FR")
ZONAGE: Final = "France Travail zonage des bassins BMO {vintage} ({file})"
FR_ZONAGE: Final = {
    "2019": ZONAGE.format(vintage="2019", file="mobiville_lexique-bassins_BE19.csv"),
    "2021": ZONAGE.format(vintage="2021", file="odis_France_Travail_Bassin_Emploi_2021.csv"),
}
STATBEL: Final = (
    "Statbel REFNIS 2020 and the 2025 mergers (data/reference/geo/be_municipalities.csv)"
)
STRUCTURE: Final = "Statbel arrondissements, NUTS3 2021 (data/reference/geo/be_arrondissements.csv)"
TERCET: Final = "Eurostat/GISCO TERCET postal code → NUTS3 2021 ({file}); © EuroGeographics"
WEIGHT_RULES: Final = {
    **{
        f"fr_commune_bassin_{v}": f"each commune lies in one bassin of the {v} zonage: weight 1"
        for v in FR_ZONAGE
    },
    **{
        f"fr_bassin_department_{v}": (
            f"share of the bassin's communes (zonage {v}) in each département"
        )
        for v in FR_ZONAGE
    },
    "fr_department_nuts3": "the NUTS3 region of most of the département's postal codes: weight 1",
    "be_municipality_2020_2025": "a municipality of 2020 lies in one of 2025 (mergers): weight 1",
    "be_municipality_arrondissement": "a municipality of 2025 lies in one arrondissement: weight 1",
    "be_arrondissement_nuts3": (
        "the arrondissement's NUTS3 region (weight 1); arrondissement Verviers, two NUTS3 regions,"
        " split by the share of its municipalities whose main postal code falls in each"
    ),
}


def _csv(name: str) -> pd.DataFrame:
    return pd.read_csv(GEO_DIR / name, dtype=str, keep_default_na=False, encoding="utf-8")


def _one(
    frame: pd.DataFrame, source: tuple[str, str], target: tuple[str, str], **extra: str
) -> pd.DataFrame:
    rows = frame.drop_duplicates(["source_code", "target_code"]).assign(weight=1.0, **extra)
    return links(rows, source, target, one_to_one="exact")


def build(base: Path) -> tuple[dict[str, pd.DataFrame], pd.DataFrame]:
    """The geography tables and the NUTS 2021 code list (BE, FR) their targets belong to."""
    tables: dict[str, pd.DataFrame] = {}
    communes = _csv("fr_commune_bassin.csv")
    for vintage, provenance in FR_ZONAGE.items():
        tables.update(_france(communes[communes["vintage"] == vintage], vintage, provenance))
    tables["fr_department_nuts3"] = _department_nuts3(base, set(communes["department_code"]))
    tables.update(_belgium())
    return tables, nuts_codelist(base)


def _france(communes: pd.DataFrame, vintage: str, provenance: str) -> dict[str, pd.DataFrame]:
    bassin = ("fr-bassin-bmo", vintage)
    commune_links = pd.DataFrame(
        {"source_code": communes["commune_insee"], "target_code": communes["bassin_code"]}
    )
    counts = communes.groupby(["bassin_code", "department_code"]).size().reset_index(name="n")
    department_links = pd.DataFrame(
        {"source_code": counts["bassin_code"], "target_code": counts["department_code"],
         "basis": counts["n"].astype(float)}
    )  # fmt: skip
    department_links["weight"] = normalize_weights(department_links, "basis")
    department_links = department_links.drop(columns="basis").assign(
        method="rule:communes-of-bassin", provenance=provenance
    )
    return {
        f"fr_commune_bassin_{vintage}": _one(
            commune_links,
            ("fr-commune", vintage),
            bassin,
            method="published-zonage",
            provenance=provenance,
        ),
        f"fr_bassin_department_{vintage}": links(
            department_links, bassin, ("fr-department", "cog"), one_to_one="exact"
        ),
    }


def _department_nuts3(base: Path, departments: set[str]) -> pd.DataFrame:
    postcodes = r.text_csv(base, NUTS_FR_POSTCODES)
    postcodes = postcodes.assign(department=postcodes["postcode"].str[:2])
    postcodes = postcodes[postcodes["department"].isin(departments)]
    counts = postcodes.groupby(["department", "nuts3"]).size().reset_index(name="n")
    counts = counts.sort_values(["department", "n", "nuts3"], ascending=[True, False, True])
    majority = counts.drop_duplicates("department")
    frame = pd.DataFrame({"source_code": majority["department"], "target_code": majority["nuts3"]})
    return _one(
        frame, ("fr-department", "cog"), NUTS, method="rule:majority-of-postcodes",
        provenance=TERCET.format(file=NUTS_FR_POSTCODES),
    )  # fmt: skip


def _belgium() -> dict[str, pd.DataFrame]:
    municipalities = _csv("be_municipalities.csv")
    merged = municipalities["nis_code_2020"] != municipalities["nis_code_2025"]
    renumbered = pd.DataFrame(
        {
            "source_code": municipalities["nis_code_2020"],
            "target_code": municipalities["nis_code_2025"],
            "method": merged.map({True: "statbel-merger-2025", False: "unchanged-code"}),
            "provenance": STATBEL,
        }
    )
    in_arrondissement = pd.DataFrame(
        {
            "source_code": municipalities["nis_code_2025"],
            "target_code": municipalities["nis_code_2025"].str[:2] + "000",
            "method": "rule:nis-first-two-digits", "provenance": STATBEL,
        }
    )  # fmt: skip
    return {
        "be_municipality_2020_2025": _one(
            renumbered, ("be-municipality", "2020"), ("be-municipality", "2025")
        ),
        "be_municipality_arrondissement": _one(
            in_arrondissement, ("be-municipality", "2025"), ("be-arrondissement", "2025")
        ),
        "be_arrondissement_nuts3": _arrondissement_nuts3(municipalities),
    }


def _arrondissement_nuts3(municipalities: pd.DataFrame) -> pd.DataFrame:
    """Statbel's arrondissement = its NUTS3 region; one that holds a NUTS3 region of its own
    that no arrondissement names (Verviers: BE335 and BE336) is split by its municipalities."""
    structure = _csv("be_arrondissements.csv").set_index("arrondissement_nis")["nuts3_2021"]
    split = _split_arrondissements(municipalities, structure)
    whole = structure[~structure.index.isin(set(split["source_code"]))]
    single = pd.DataFrame(
        {
            "source_code": whole.index, "target_code": whole.to_numpy(), "weight": 1.0,
            "method": "statbel-structure", "provenance": STRUCTURE,
        }
    )  # fmt: skip
    frame = pd.concat([single, split], ignore_index=True)
    return links(frame, ("be-arrondissement", "2025"), NUTS, one_to_one="exact")


def _split_arrondissements(municipalities: pd.DataFrame, structure: pd.Series) -> pd.DataFrame:
    """Links of the arrondissements whose municipalities' main postal codes fall in a NUTS3
    region no arrondissement names, weighted by their municipalities in each region."""
    postcodes = _csv("be_postcode_nuts3.csv").set_index("postcode")["nuts3"]
    located = pd.DataFrame(
        {
            "source_code": municipalities["nis_code_2025"].str[:2] + "000",
            "target_code": municipalities["main_postcode"].map(postcodes),
            "basis": 1.0,
        }
    ).dropna()
    extra = located[~located["target_code"].isin(set(structure))]
    rows = located[located["source_code"].isin(set(extra["source_code"]))]
    own = rows["target_code"] == rows["source_code"].map(structure)
    rows = rows[rows["target_code"].isin(set(extra["target_code"])) | own]
    counts = rows.groupby(["source_code", "target_code"])["basis"].sum().reset_index()
    counts["weight"] = normalize_weights(counts, "basis")
    return counts.drop(columns="basis").assign(
        method="rule:municipalities-by-main-postcode",
        provenance=TERCET.format(file="data/reference/geo/be_postcode_nuts3.csv"),
    )


def nuts_codelist(base: Path) -> pd.DataFrame:
    """NUTS 2021 codes of Belgium and France (levels 0–3) with their Latin-script names."""
    rows = r.text_csv(base, NUTS_ALL)
    rows = rows[rows["CNTR_CODE"].isin(NUTS_COUNTRIES)]
    level = rows["LEVL_CODE"]
    return pd.DataFrame(
        {
            "code": rows["NUTS_ID"],
            "level": level,
            "parent_code": rows["NUTS_ID"]
            .where(level == "0", rows["NUTS_ID"].str[:-1])
            .where(level != "0", ""),
            "label": rows["NAME_LATN"],
        }
    )
