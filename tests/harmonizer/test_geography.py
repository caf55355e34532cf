"""Belgian postal codes, localities and NIS codes (2025 mergers) → arrondissement → NUTS3 → zone."""

from __future__ import annotations

import pytest

from services.harmonizer.geography import (
    arrondissement,
    current_nis,
    place_of_locality,
    place_of_nis,
    place_of_postal_code,
)


@pytest.mark.parametrize(
    ("postal_code", "arrondissement_nis", "nuts3", "zone"),
    [
        ("8500", "34000", "BE254", "BE-WVL"),  # Kortrijk
        ("8900", "33000", "BE253", "BE-WVL"),  # Ieper
        ("8800", "36000", "BE256", "BE-WVL"),  # Roeselare
        ("8700", "37000", "BE257", "BE-WVL"),  # Tielt
        ("7500", "57000", "BE328", "BE-WAPI"),  # Tournai
        ("7700", "57000", "BE328", "BE-WAPI"),  # Mouscron
        ("7800", "51000", "BE32A", "BE-WAPI"),  # Ath
        ("7000", "53000", "BE323", None),  # Mons: outside the Eurométropole
        ("9000", "44000", "BE234", None),  # Gent
        ("4700", "63000", "BE336", None),  # Eupen: German-speaking part of arr. Verviers
    ],
)
def test_postal_code_to_arrondissement_nuts3_and_zone(
    postal_code: str, arrondissement_nis: str, nuts3: str, zone: str | None
) -> None:
    place = place_of_postal_code(postal_code)
    assert place is not None
    assert (
        place.arrondissement.nis_code,
        place.nuts3,
        place.arrondissement.eurometropole_zone,
    ) == (
        arrondissement_nis,
        nuts3,
        zone,
    )


@pytest.mark.parametrize("postal_code", ["9999", "0000", "8501x", "", "75000"])
def test_postal_codes_that_do_not_exist(postal_code: str) -> None:
    assert place_of_postal_code(postal_code) is None


def test_2025_mergers_map_old_codes_to_the_new_municipality() -> None:
    assert current_nis("37007") == "37022"  # Meulebeke → Tielt
    assert current_nis("37015") == "37022"  # Tielt → Tielt
    assert current_nis("37012") == "37021"  # Ruiselede → Wingene
    assert current_nis("34022") == "34022"  # Kortrijk, unchanged
    old, new = place_of_nis("37007"), place_of_nis("37022")
    assert old == new
    assert old is not None and (old.municipality_nis, old.nuts3) == ("37022", "BE257")


def test_merger_across_arrondissements_follows_the_new_code() -> None:
    place = place_of_nis("11056")  # Zwijndrecht (arr. Antwerpen) → Beveren-Kruibeke-Zwijndrecht
    assert place is not None
    assert (place.municipality_nis, place.arrondissement.nis_code) == ("46030", "46000")


def test_localities_by_dutch_or_french_name() -> None:
    kortrijk, courtrai = place_of_locality("Kortrijk"), place_of_locality("courtrai")
    assert kortrijk == courtrai
    assert kortrijk is not None and kortrijk.municipality_nis == "34022"
    mouscron = place_of_locality("Moeskroen")
    assert mouscron is not None and mouscron.arrondissement.label_fr == "Tournai-Mouscron"
    assert place_of_locality("Meulebeke") == place_of_nis("37022")
    assert place_of_locality("Atlantis") is None


def test_unknown_nis_code() -> None:
    assert place_of_nis("99999") is None


def test_eurometropole_perimeter_has_six_belgian_arrondissements() -> None:
    inside = {
        code
        for code in ("33000", "34000", "36000", "37000", "51000", "53000", "57000", "44000")
        if (found := arrondissement(code)) is not None and found.eurometropole_zone
    }
    assert inside == {"33000", "34000", "36000", "37000", "51000", "57000"}
