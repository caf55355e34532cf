"""`isco_links_for`: weighted ISCO-08 links of every occupation system stored in observations;
NACE-BEL 2008 codes to NACE Rev. 2 classes."""

from __future__ import annotations

import pytest

from services.harmonizer.mappings.codelists import isco_unit_groups, load_codelist
from services.harmonizer.mappings.links import (
    LINK_COLUMNS,
    UnknownOccupationSystem,
    isco_links_for,
    nace2_class_of_nacebel2008,
)
from services.harmonizer.mappings.tables import load_crosswalk

SYSTEMS = [
    ("bmo-metier", "fap2009"),
    ("bmo-metier", "fap2021"),
    ("rome3", "v3"),
    ("rome4", "4.0"),
    ("competent", "2.0"),
    ("esco", "1.2.1"),
    ("arvastat-beroep", "2026-04"),
    ("forem-dimeco", "v3"),
]


@pytest.mark.parametrize(("system", "version"), SYSTEMS)
def test_links_reach_unit_groups_with_weights_summing_to_one(system: str, version: str) -> None:
    links = isco_links_for(system, version)
    assert tuple(links.columns) == LINK_COLUMNS
    assert len(links) > 0
    assert set(links["target_code"]) <= isco_unit_groups()
    totals = links.groupby("source_code")["weight"].sum()
    assert ((totals - 1.0).abs() <= 1e-9).all()
    assert not links.duplicated(["source_code", "target_code"]).any()


def _targets(system: str, version: str, code: str) -> dict[str, float]:
    links = isco_links_for(system, version)
    rows = links[links["source_code"] == code]
    return dict(zip(rows["target_code"], rows["weight"], strict=True))


def test_known_codes_reach_their_published_unit_group() -> None:
    assert _targets("rome3", "v3", "A1101") == {"8341": 1.0}
    assert _targets("bmo-metier", "fap2021", "A0X40") == {"6114": 1.0}
    assert _targets("competent", "2.0", "OP-10") == {"7511": 1.0}
    assert _targets("arvastat-beroep", "2026-04", "Aankoper") == {"3323": 1.0}


def test_a_forem_dimeco_code_follows_the_rome_v3_code_it_equals() -> None:
    assert _targets("forem-dimeco", "v3", "M1805") == _targets("rome3", "v3", "M1805")
    assert _targets("forem-dimeco", "v3", "M1805") != {}


def test_arvastat_labels_do_not_depend_on_the_export_month() -> None:
    assert isco_links_for("arvastat-beroep", "2024-12").equals(
        isco_links_for("arvastat-beroep", "2026-04")
    )


def test_the_caller_gets_a_copy_it_may_change() -> None:
    first = isco_links_for("rome3", "v3")
    first.loc[0, "weight"] = 0.0
    assert isco_links_for("rome3", "v3").loc[0, "weight"] == 1.0


@pytest.mark.parametrize(
    ("system", "version"), [("naf2", "rev2"), ("bmo-metier", "fap2015"), ("rome3", "v4")]
)
def test_an_unknown_system_or_version_is_a_clear_key_error(system: str, version: str) -> None:
    with pytest.raises(UnknownOccupationSystem) as caught:
        isco_links_for(system, version)
    assert isinstance(caught.value, KeyError)
    assert (caught.value.system, caught.value.version) == (system, version)
    assert str(caught.value).startswith(f"no ISCO-08 crosswalk for occupation system '{system}'")
    assert "bmo-metier" in str(caught.value)


@pytest.mark.parametrize(
    ("code", "nace2"),
    [("62.010", "62.01"), ("62010", "62.01"), ("62.01", "62.01"), ("01.110", "01.11")],
)
def test_a_nacebel_2008_code_reaches_its_nace_class_by_its_first_four_digits(
    code: str, nace2: str
) -> None:
    assert nace2_class_of_nacebel2008(code) == nace2


@pytest.mark.parametrize("code", ["99.999", "62", "62.0", "abc", "62.0101"])
def test_a_nacebel_2008_code_without_a_nace_class_has_none(code: str) -> None:
    assert nace2_class_of_nacebel2008(code) is None


def test_the_nacebel_2008_table_is_one_rule_link_per_nace_class() -> None:
    table = load_crosswalk("nacebel2008_nace2")
    classes = load_codelist("nace2").query("level == '4'")["code"]
    assert sorted(table["source_code"]) == sorted(classes)
    assert (table["source_code"] == table["target_code"]).all()
    assert set(table["method"]) == {"rule:first-four-digits"}
    assert set(table["relation"]) == {"exact"}
