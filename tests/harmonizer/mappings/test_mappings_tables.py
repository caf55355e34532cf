"""The committed code lists and crosswalks pass their Pandera schemas; the schemas catch faults."""

from __future__ import annotations

import hashlib
import json

import pandas as pd
import pandera.errors
import pytest

from schemas.mappings import codelist_schema, crosswalk_schema
from services.harmonizer.mappings.codelists import SYSTEMS, isco_unit_groups, load_codelist
from services.harmonizer.mappings.common import MAPPINGS_DIR
from services.harmonizer.mappings.tables import load_crosswalk, manifest, table_names

# Code lists whose parent codes live in another list (ESCO → ISCO-08, OGR → ROME v3).
PARENTS_ELSEWHERE = {"esco", "rome3-ogr", "arvastat-beroep"}
ESCO_STATEMENT = "This service uses the ESCO classification of the European Commission."


def _schema_for(table: pd.DataFrame) -> object:
    source, target = table["source_system"].iloc[0], table["target_system"].iloc[0]
    return crosswalk_schema(source, target, set(load_codelist(target)["code"]))


def _failed_checks(schema: object, frame: pd.DataFrame) -> set[str]:
    with pytest.raises(pandera.errors.SchemaErrors) as caught:
        schema.validate(frame, lazy=True)  # type: ignore[attr-defined]
    return set(caught.value.failure_cases["check"].astype(str))


@pytest.mark.parametrize("system", sorted(SYSTEMS))
def test_every_code_list_is_valid(system: str) -> None:
    codes = load_codelist(system)
    assert len(codes) > 0
    codelist_schema(system, system not in PARENTS_ELSEWHERE).validate(codes, lazy=True)


@pytest.mark.parametrize("name", table_names())
def test_every_crosswalk_is_valid(name: str) -> None:
    table = load_crosswalk(name)
    assert len(table) > 0
    _schema_for(table).validate(table, lazy=True)  # type: ignore[attr-defined]


def test_isco_has_the_four_levels_of_isco08() -> None:
    levels = load_codelist("isco08")["level"].value_counts().to_dict()
    assert levels == {"1": 10, "2": 43, "3": 130, "4": 436}
    assert len(isco_unit_groups()) == 436


def test_every_isco_target_of_the_bmo_tables_is_a_unit_group() -> None:
    units = isco_unit_groups()
    for name in ("fap2009_isco08", "fap2021_isco08", "rome3_isco08", "rome4_isco08"):
        assert set(load_crosswalk(name)["target_code"]) <= units, name


def test_rome_v3_armed_forces_keep_their_leading_zero() -> None:
    rome = load_crosswalk("rome3_isco08").set_index("source_code")["target_code"]
    assert rome["K1703"] == "0110" and rome["K1701"] == "0310"
    assert rome["A1101"] == "8341"  # the `Code ISCO08` column, not `ISCO08 14SI4`


def test_fap2021_codes_differing_by_z_to_x_link_to_their_fap2009_twin() -> None:
    links = load_crosswalk("fap2021_fap2009")
    a0x40 = links[links["source_code"] == "A0X40"]
    assert a0x40[["target_code", "weight", "method"]].values.tolist() == [
        ["A0Z40", 1.0, "z-to-x-code"]
    ]


def test_every_ambiguous_fap2021_code_has_been_reviewed() -> None:
    review = pd.read_csv(
        MAPPINGS_DIR / "review" / "fap2021_fap2009_review.csv", dtype=str, keep_default_na=False
    )
    automatic = review["auto_method"].isin(["identical-code", "z-to-x-code"])
    assert (review.loc[~automatic, "reviewed"] != "").all()
    assert set(review["fap2021_code"]) == set(
        load_codelist("fap2021").query("level == '3'")["code"]
    )


def test_the_schema_rejects_weights_that_do_not_sum_to_one() -> None:
    table = load_crosswalk("fap2009_isco08").copy()
    first = table.index[table["source_code"] == "A0Z41"][0]
    table.loc[first, "weight"] = table.loc[first, "weight"] / 2
    assert "weights-do-not-sum-to-one" in _failed_checks(_schema_for(table), table)


def test_the_schema_rejects_zero_weights_unknown_targets_bad_codes_and_duplicates() -> None:
    table = load_crosswalk("rome3_isco08").copy()
    table.loc[0, "weight"] = 0.0
    table.loc[1, "target_code"] = "9999"  # well formed, but no such unit group
    table.loc[2, "source_code"] = "A11"  # not a ROME code
    table = pd.concat([table, table.iloc[[3]]], ignore_index=True)
    failed = _failed_checks(_schema_for(table), table)
    assert {"greater_than(0.0)", "unknown-target-code", "malformed-rome3-code"} <= failed
    assert "duplicate-link" in failed


def test_the_schema_rejects_isco_targets_above_unit_group_level() -> None:
    table = load_crosswalk("rome3_isco08").copy()
    table.loc[0, "target_code"] = "834"  # a minor group: in the code list, not a unit group
    assert "not-an-isco-unit-group" in _failed_checks(_schema_for(table), table)


def test_the_manifest_names_the_version_rules_and_hashes_of_the_committed_files() -> None:
    data = manifest()
    assert data["version"].startswith("rin-v") and len(data["version"]) <= 16
    assert data["history"][-1]["version"] == data["version"]
    for name, entry in data["tables"].items():
        assert entry["weight_rule"], name
    for relative, digest in data["files"].items():
        assert hashlib.sha256((MAPPINGS_DIR / relative).read_bytes()).hexdigest() == digest
    assert len(data["sources"]) >= 15
    assert json.loads((MAPPINGS_DIR / "manifest.json").read_text(encoding="utf-8")) == data


def test_the_readme_carries_the_esco_statement_and_every_table() -> None:
    readme = (MAPPINGS_DIR / "README.md").read_text(encoding="utf-8")
    assert ESCO_STATEMENT in readme
    missing = [name for name in table_names() if f"`{name}`" not in readme]
    assert missing == []


def test_committed_files_stay_small() -> None:
    sizes = {path.name: path.stat().st_size for path in MAPPINGS_DIR.rglob("*.csv")}
    assert max(sizes.values()) < 5_000_000, sizes
