"""Every place to the common geography: the geography crosswalks pass their Pandera schema,
chain up to NUTS3 2021 and carry the known links (Lille, the 2025 mergers, Verviers)."""

from __future__ import annotations

import itertools

import pandas as pd
import pandera.errors
import pytest

from schemas.mappings import crosswalk_schema
from services.harmonizer.mappings.common import GEOGRAPHY_DIR
from services.harmonizer.mappings.places import GEO_DIR, WEIGHT_RULES
from services.harmonizer.mappings.tables import (
    load_place_crosswalk,
    manifest,
    nuts_codes,
    place_table_names,
)


def _reference(name: str) -> pd.DataFrame:
    return pd.read_csv(GEO_DIR / name, dtype=str, keep_default_na=False)


def _known_targets(system: str) -> set[str]:
    """The codes each target system has in the repository's reference tables."""
    communes = _reference("fr_commune_bassin.csv")
    known = {
        "fr-bassin-bmo": set(communes["bassin_code"]),
        "fr-department": set(communes["department_code"]),
        "be-municipality": set(_reference("be_municipalities.csv")["nis_code_2025"]),
        "be-arrondissement": set(_reference("be_arrondissements.csv")["arrondissement_nis"]),
        "nuts": set(nuts_codes().query("level == '3'")["code"]),
    }
    return known[system]


def _schema_for(table: pd.DataFrame) -> object:
    source, target = table["source_system"].iloc[0], table["target_system"].iloc[0]
    return crosswalk_schema(source, target, _known_targets(target))


def _weights(name: str, source: str) -> dict[str, float]:
    table = load_place_crosswalk(name)
    rows = table[table["source_code"] == source]
    return dict(zip(rows["target_code"], rows["weight"], strict=True))


def test_the_manifest_lists_the_place_tables_with_their_rules() -> None:
    assert place_table_names() == sorted(WEIGHT_RULES)
    for name, entry in manifest()["geography"].items():
        assert entry["weight_rule"] == WEIGHT_RULES[name]
        assert (GEOGRAPHY_DIR.parent / entry["file"]).is_file()


@pytest.mark.parametrize("name", sorted(WEIGHT_RULES))
def test_every_place_table_is_valid(name: str) -> None:
    table = load_place_crosswalk(name)
    assert len(table) > 0
    _schema_for(table).validate(table, lazy=True)  # type: ignore[attr-defined]


def test_every_place_reaches_a_nuts3_region() -> None:
    chains = [
        ["fr_commune_bassin_2021", "fr_bassin_department_2021", "fr_department_nuts3"],
        ["fr_commune_bassin_2019", "fr_bassin_department_2019", "fr_department_nuts3"],
        ["be_municipality_2020_2025", "be_municipality_arrondissement", "be_arrondissement_nuts3"],
    ]
    for chain in chains:
        for current, following in itertools.pairwise(chain):
            targets = set(load_place_crosswalk(current)["target_code"])
            assert targets <= set(load_place_crosswalk(following)["source_code"]), current


def test_lille_lies_in_bassin_lille_in_nord_in_fre11() -> None:
    assert _weights("fr_commune_bassin_2021", "59350") == {"3216": 1.0}
    assert _weights("fr_bassin_department_2021", "3216") == {"59": 1.0}
    assert _weights("fr_department_nuts3", "59") == {"FRE11": 1.0}


def test_a_bassin_over_two_departements_is_split_by_its_communes() -> None:
    cambresis = _weights("fr_bassin_department_2021", "3222")
    assert set(cambresis) == {"02", "59"}
    communes = _reference("fr_commune_bassin.csv").query(
        "vintage == '2021' and bassin_code == '3222'"
    )
    assert cambresis["02"] == pytest.approx(1 / len(communes))
    assert sum(cambresis.values()) == pytest.approx(1.0, abs=1e-9)


def test_merged_municipalities_reach_their_2025_municipality_and_arrondissement() -> None:
    table = load_place_crosswalk("be_municipality_2020_2025")
    zwijndrecht = table[table["source_code"] == "11056"].iloc[0]
    assert (zwijndrecht["target_code"], zwijndrecht["method"]) == ("46030", "statbel-merger-2025")
    assert zwijndrecht["relation"] == "broad"  # Beveren and Kruibeke join it
    assert _weights("be_municipality_arrondissement", "46030") == {"46000": 1.0}
    assert _weights("be_arrondissement_nuts3", "46000") == {"BE236": 1.0}


def test_eurometropole_arrondissements_are_their_nuts3_regions() -> None:
    expected = {"34000": "BE254", "33000": "BE253", "36000": "BE256", "37000": "BE257"}
    for arrondissement, nuts3 in expected.items():
        assert _weights("be_arrondissement_nuts3", arrondissement) == {nuts3: 1.0}


def test_verviers_is_split_between_its_two_nuts3_regions() -> None:
    verviers = _weights("be_arrondissement_nuts3", "63000")
    assert set(verviers) == {"BE335", "BE336"}
    assert verviers["BE335"] > verviers["BE336"] > 0
    assert sum(verviers.values()) == pytest.approx(1.0, abs=1e-9)


def test_the_schema_rejects_an_unknown_region_and_a_malformed_municipality() -> None:
    table = load_place_crosswalk("be_municipality_arrondissement").copy()
    table.loc[0, "target_code"] = "99000"
    table.loc[1, "source_code"] = "1101"
    with pytest.raises(pandera.errors.SchemaErrors) as caught:
        _schema_for(table).validate(table, lazy=True)  # type: ignore[attr-defined]
    failed = set(caught.value.failure_cases["check"].astype(str))
    assert {"unknown-target-code", "malformed-be-municipality-code"} <= failed


def test_nuts_codes_are_those_of_belgium_and_france() -> None:
    codes = nuts_codes()
    assert set(codes["code"].str[:2]) == {"BE", "FR"}
    assert {"BE254", "FRE11", "BE336"} <= set(codes["code"])
    assert codes.set_index("code").loc["BE254", "parent_code"] == "BE25"
