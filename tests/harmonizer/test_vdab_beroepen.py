"""VDAB beroep labels resolve through the versioned crosswalks of mappings/ (one lookup only)."""

from __future__ import annotations

import pandas as pd

from services.harmonizer.mappings.common import ROOT
from services.harmonizer.mappings.tables import load_crosswalk, mapping_version
from services.harmonizer.vdab_beroepen import heaviest_targets, lookup_version, resolve

SHORTAGE_SAMPLE = (
    ROOT / "data" / "samples" / "vdab" / "vdab_knelpuntberoepen_2026_SECONDARY_lexpat_contract.csv"
)


def test_there_is_no_second_label_table() -> None:
    assert not (ROOT / "data" / "reference" / "vdab").exists()


def test_every_label_resolves_to_the_heaviest_link_of_the_crosswalks() -> None:
    competent = heaviest_targets(load_crosswalk("arvastat_competent"))
    isco = heaviest_targets(load_crosswalk("arvastat_isco08"))
    assert len(competent) > 250
    for label, code in competent.items():
        found = resolve(label)
        assert (found.competent_code, found.isco08_code) == (code, isco.get(label)), label


def test_a_label_is_found_whatever_its_case_and_surrounding_spaces() -> None:
    assert resolve("  werfleider ") == resolve("Werfleider")
    assert (resolve("Werfleider").competent_code, resolve("Werfleider").isco08_code) == (
        "OP-47",
        "3123",
    )


def test_labels_of_the_knelpuntberoepen_list_resolve_too() -> None:
    shortage = pd.read_csv(SHORTAGE_SAMPLE, sep=";", comment="#", dtype=str)
    labels = set(shortage["beroep"])
    resolved = {label for label in labels if resolve(label).complete}
    assert "Brood- en banketbakker" in resolved  # in the list, not in the Arvastat extract
    assert resolve("Brood- en banketbakker").competent_code == "OP-6"
    assert len(resolved) > len(labels) // 2


def test_an_equal_split_resolves_to_its_lowest_code_despite_the_rounding_residue() -> None:
    links = pd.DataFrame(
        {
            "source_code": ["a", "a", "a", "b", "b"],
            "target_code": ["9312", "7126", "8111", "2", "1"],
            "weight": [0.3333333333, 0.3333333333, 0.3333333334, 0.75, 0.25],
        }
    )
    assert heaviest_targets(links) == {"a": "7126", "b": "2"}


def test_unknown_labels_stay_unresolved() -> None:
    assert not resolve("Onbekend").complete
    assert resolve("no such beroep").competent_code is None


def test_reports_name_the_mapping_version_as_the_lookup() -> None:
    assert lookup_version() == mapping_version()
