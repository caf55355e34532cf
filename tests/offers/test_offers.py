"""Job offers without a database: adapters of the three services, personal data, vocabulary,
occupations from keywords, places and distances."""

from __future__ import annotations

import json

import pytest

from services.harmonizer.errors import ValidationFailed
from services.harmonizer.sources import OFFER_SOURCES
from services.offers.belgium import read_forem_offers, read_vdab_vacancies
from services.offers.france_travail import read_france_travail_offers
from services.offers.occupations import esco_of_keywords, isco_of_keywords
from services.offers.places import distance_km, search_origin
from services.offers.privacy import scrub
from services.offers.records import offers_frame
from services.offers.store import fingerprint, read_file
from tests.conftest import ROOT

FT_DIR = ROOT / "data" / "samples" / "france_travail_offers"
FT_REAL = FT_DIR / "offres_v2_search_response_2019_contacts_redacted.json"
FT_WELDERS = FT_DIR / "offres_v2_soudeurs_SYNTHETIC.json"
FOREM_WELDERS = ROOT / "data" / "samples" / "forem" / "forem_offres_soudeurs_SYNTHETIC.json"
FOREM_EXPORT = ROOT / "data" / "samples" / "forem" / "forem_offres_export_SYNTHETIC.json"
VDAB_WELDERS = ROOT / "data" / "samples" / "vdab" / "vdab_vacancies_lassers_2026-Q4_SYNTHETIC.json"
SHARED_FT = (
    ROOT.parent
    / "shared"
    / "data"
    / "france_travail"
    / "offers"
    / "offres_v2_search_response_2019_contacts_redacted.json"
)
WELDER_ESCO = "7aedaa07-3884-4c5b-88f9-80997b2aa54b"

FT, FOREM, VDAB = (
    OFFER_SOURCES[source] for source in ("france-travail-offers", "forem-offers", "vdab-vacancies")
)


def test_the_real_france_travail_sample_becomes_canonical_offers() -> None:
    offers = read_france_travail_offers(FT, FT_REAL.read_bytes(), FT_REAL.name)
    assert offers.findings == []
    frame = offers_frame(offers.offers)
    assert len(frame) == 8
    first = frame.iloc[0].to_dict()
    assert first["source_offer_id"] == "082SGKK"
    assert first["title"] == "conseiller de vente (H/F)"
    assert first["employer"] == "ISEAH FORMATION"
    assert first["commune_code"] == "57463"
    assert first["nuts3"] == "FRF33"
    assert first["occupation_code"] == "D1212"
    assert first["isco08"] == "5223"
    assert first["contract_type"] == "apprenticeship"  # a contrat de professionnalisation
    assert first["valid_from"] == "2019-01-23"
    assert first["original_url"].endswith("/detail/082SGKK")
    assert set(frame["contract_type"]) <= {"apprenticeship", "fixed_term"}


@pytest.mark.shared_data
def test_the_bundled_copy_is_the_shared_file() -> None:
    assert FT_REAL.read_bytes() == SHARED_FT.read_bytes()


def test_no_contact_data_is_kept_from_france_travail_offers() -> None:
    """The real sample has contact objects (redacted); the synthetic one has names, e-mails and
    phones in the real format: none of them reaches a canonical offer."""
    for path in (FT_REAL, FT_WELDERS):
        offers = read_france_travail_offers(FT, path.read_bytes(), path.name).offers
        stored = json.dumps(offers, ensure_ascii=False)
        assert "[redacted]" not in stored
        assert "Synthétique" not in stored.replace("ENTREPRISE SYNTHETIQUE", "")
        assert "@" not in stored
        assert "03 20 00 00 00" not in stored and "0320000000" not in stored
        assert "06 00 00 00 00" not in stored
    welders = read_france_travail_offers(FT, FT_WELDERS.read_bytes(), FT_WELDERS.name).offers
    assert welders[0]["description"].endswith("Candidature : […] ou […].")


def test_scrub_removes_emails_and_phones_but_keeps_dates_and_amounts() -> None:
    text = "Écrire à a.b@c.be ou au +32 56 12 34 56, 06.12.34.56.78 ; 35H, 2 000 €, 2026-11-02."
    assert scrub(text) == "Écrire à […] ou au […], […] ; 35H, 2 000 €, 2026-11-02."


def test_forem_offers_reuse_the_harmonizer_reader() -> None:
    offers = read_forem_offers(FOREM, FOREM_WELDERS.read_bytes(), FOREM_WELDERS.name)
    assert offers.errors == []
    by_id = {offer["source_offer_id"]: offer for offer in offers.offers}
    mouscron = by_id["91000001"]
    assert (mouscron["commune_code"], mouscron["zone"], mouscron["isco08"]) == (
        "57096",
        "BE-WAPI",
        "7212",
    )
    assert mouscron["valid_through"] == "2027-01-02"
    assert mouscron["republished_from"] is None
    tournai = by_id["91000002"]
    assert tournai["commune_code"] == "57081"  # by the locality: 7500 is not a main postal code
    assert tournai["languages"] == "fr,nl"
    assert tournai["contract_type"] == "temporary_agency"
    copy = by_id["91000005"]
    assert (copy["republished_from"], copy["external_reference"]) == ("VDAB", "SYNTHETIC-L001")
    assert copy["text_language"] == "nl"
    assert (
        len(
            offers_frame(
                read_forem_offers(FOREM, FOREM_EXPORT.read_bytes(), FOREM_EXPORT.name).offers
            )
        )
        == 300
    )


def test_vdab_vacancies_become_offers_with_competent_occupations() -> None:
    offers = read_vdab_vacancies(VDAB, VDAB_WELDERS.read_bytes(), VDAB_WELDERS.name)
    assert offers.findings == []
    first = offers.offers[0]
    assert (first["title"], first["text_language"], first["occupation_code"]) == (
        "TIG-lasser",
        "nl",
        "OP-620",
    )
    assert (first["isco08"], first["esco_code"]) == ("7212", WELDER_ESCO)
    assert (first["commune_code"], first["zone"]) == ("34041", "BE-WVL")
    assert offers.offers[2]["contract_type"] == "apprenticeship"


def test_a_bad_france_travail_file_is_rejected_with_located_findings() -> None:
    document = json.loads(FT_REAL.read_text(encoding="utf-8"))
    document["resultats"][2]["romeCode"] = "D12"
    document["resultats"][4]["dateCreation"] = "28/05/2019"
    del document["resultats"][5]["intitule"]
    document["resultats"][6]["id"] = document["resultats"][7]["id"]
    content = json.dumps(document).encode()
    found = read_file("france-travail-offers", content, "bad.json")
    located = sorted((f.row, f.column, f.code) for f in found.findings)
    assert located == [
        (3, "romeCode", "malformed-rome-code"),
        (5, "dateCreation", "invalid-date"),
        (6, "intitule", "missing-value"),
    ]
    document["resultats"][2]["romeCode"] = "D1212"
    document["resultats"][4]["dateCreation"] = "2019-05-28"
    document["resultats"][5]["intitule"] = "Vendeur"
    found = read_file("france-travail-offers", json.dumps(document).encode(), "bad.json")
    assert [(f.row, f.code) for f in found.findings] == [
        (7, "duplicate-offer"),
        (8, "duplicate-offer"),
    ]
    assert found.findings[0].message("nl") != found.findings[0].message("en")


def test_unreadable_offer_files_raise_coded_findings() -> None:
    with pytest.raises(ValidationFailed) as empty:
        read_file("france-travail-offers", b"", "empty.json")
    assert empty.value.findings[0].code == "empty-file"
    with pytest.raises(ValidationFailed) as broken:
        read_file("france-travail-offers", b"{not json", "broken.json")
    assert broken.value.findings[0].code == "not-json"
    assert read_file("france-travail-offers", b'{"a": 1}', "x.json").findings[0].code == (
        "contract-mismatch"
    )


@pytest.mark.parametrize("keyword", ["soudeur", "Soudeuse", "lasser", "welder", "WELDER"])
def test_welding_keywords_in_three_languages_name_isco_7212(keyword: str) -> None:
    assert isco_of_keywords(keyword) == frozenset({"7212"})
    assert WELDER_ESCO in esco_of_keywords(keyword)


def test_keywords_without_an_exact_label_match_every_word() -> None:
    assert isco_of_keywords("soudeur tuyaux") == frozenset({"7212"})
    assert isco_of_keywords("zzz unknown") == frozenset()


def test_search_origins_and_distances() -> None:
    (roubaix,) = search_origin("Roubaix")
    assert search_origin("59512") == [roubaix] == search_origin("FR:59512")
    (kortrijk,) = search_origin("Courtrai")
    assert search_origin("Kortrijk") == [kortrijk]
    assert 15 < distance_km(roubaix, kortrijk.latitude, kortrijk.longitude) < 20
    assert len(search_origin("62063")) == 2  # Liège (NIS) and Avesnes-le-Comte (INSEE)
    assert search_origin("Atlantis") == []


def test_fingerprints_ignore_gender_marks_case_and_accents() -> None:
    assert fingerprint("Soudeur (H/F)", "59512", "7212") == fingerprint("SOUDEUR", "59512", "7212")
    assert fingerprint("Lasser (m/v/x)", "34041", "7212") != fingerprint("Lasser", "34027", "7212")
