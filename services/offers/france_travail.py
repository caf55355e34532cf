"""France Travail *Offres d'emploi v2* JSON → canonical offers.

Quirks, dated 2026-11: a search response `{"resultats": [offer, …]}`, a plain list of offers
and one offer (`GET /offres/{id}`) are all read. Offer i of the list is row i (1-based). The
`contact` object (recruiter name, e-mail, phone, application URL) and `entreprise.description`
are never read; e-mail addresses and phone numbers inside the description are removed.
"""

from __future__ import annotations

import re
from typing import Any, Final

from services.harmonizer.errors import Finding
from services.harmonizer.readers.json_document import read_json
from services.harmonizer.sources import Source
from services.offers.occupations import of_rome
from services.offers.places import france_place
from services.offers.privacy import scrub
from services.offers.records import OfferFile, field_text, iso_day, new_offer
from services.offers.vocabulary import france_travail_contract, language_code, working_time

SERVICE: Final = "france-travail"
ROME_CODE: Final = re.compile(r"[A-N]\d{4}")
REQUIRED: Final = ("id", "intitule", "romeCode", "dateCreation")
OFFER_URL: Final = "https://candidat.francetravail.fr/offres/recherche/detail/{id}"


def _records(document: Any) -> list[Any] | None:
    if isinstance(document, list):
        return document
    if isinstance(document, dict) and isinstance(document.get("resultats"), list):
        results: list[Any] = document["resultats"]
        return results
    if isinstance(document, dict) and "intitule" in document:
        return [document]
    return None


def _nace(record: dict[str, Any]) -> str | None:
    naf = field_text(record, "codeNAF")  # 47.52Z: NAF rév. 2 sous-classe → NACE class
    if naf:
        return naf[:5]
    return field_text(record, "secteurActivite") or None  # a NACE division (2 digits)


def _languages(record: dict[str, Any]) -> str:
    names = [
        item.get("libelle", "") for item in record.get("langues") or [] if isinstance(item, dict)
    ]
    codes = {code for code in map(language_code, names) if code}
    return ",".join(sorted(codes))


def _republished_from(record: dict[str, Any]) -> str | None:
    origin = record.get("origineOffre") or {}
    if str(origin.get("origine", "1")) == "1":
        return None
    partners = [p.get("nom", "") for p in origin.get("partenaires") or [] if isinstance(p, dict)]
    return ", ".join(name for name in partners if name) or "partner"


def _offer(record: dict[str, Any], synthetic: bool) -> dict[str, Any]:
    where = record.get("lieuTravail") or {}
    label = str(where.get("libelle") or "")
    place = france_place(
        str(where.get("commune") or ""),
        str(where.get("codePostal") or ""),
        label.split(" - ", 1)[-1].title() or None,
    )
    occupation = of_rome(field_text(record, "romeCode"), field_text(record, "appellationlibelle"))
    origin = record.get("origineOffre") or {}
    return new_offer(
        SERVICE,
        field_text(record, "id"),
        title=field_text(record, "intitule"),
        description=scrub(field_text(record, "description") or None),
        employer=scrub(field_text(record.get("entreprise") or {}, "nom") or None),
        text_language="fr",
        place=place,
        latitude=where.get("latitude"),
        longitude=where.get("longitude"),
        occupation=occupation,
        nace=_nace(record),
        contract_type=france_travail_contract(
            field_text(record, "typeContrat"),
            field_text(record, "natureContrat"),
            record.get("alternance") is True,
        ),
        working_time=working_time(field_text(record, "dureeTravailLibelleConverti")),
        languages=_languages(record),
        valid_from=iso_day(field_text(record, "dateCreation")),
        valid_through=None,
        republished_from=_republished_from(record),
        external_reference=None,
        original_url=str(origin.get("urlOrigine") or OFFER_URL.format(id=record.get("id"))),
        synthetic=synthetic,
    )


def _findings(record: Any, row: int, file_name: str) -> list[Finding]:
    if not isinstance(record, dict):
        return [Finding("missing-value", file=file_name, row=row, column="id")]
    findings = [
        Finding("missing-value", file=file_name, row=row, column=name)
        for name in REQUIRED
        if not field_text(record, name)
    ]
    rome = field_text(record, "romeCode")
    if rome and ROME_CODE.fullmatch(rome) is None:
        findings.append(
            Finding("malformed-rome-code", file=file_name, row=row, column="romeCode", value=rome)
        )
    created = field_text(record, "dateCreation")
    if created and iso_day(created) is None:
        findings.append(
            Finding("invalid-date", file=file_name, row=row, column="dateCreation", value=created)
        )
    return findings


def read_france_travail_offers(source: Source, content: bytes, file_name: str) -> OfferFile:
    """Every offer of the file, or the findings that reject it (nothing is half-read)."""
    document = read_json(content, file_name)
    records = _records(document)
    if records is None:
        return OfferFile.mismatch(file_name, source.id, "no resultats list")
    synthetic = "SYNTHETIC" in file_name.upper() or (
        isinstance(document, dict) and document.get("synthetic") is True
    )
    findings = [
        f for row, record in enumerate(records, 1) for f in _findings(record, row, file_name)
    ]
    if findings:
        return OfferFile([], findings, synthetic)
    return OfferFile([_offer(record, synthetic) for record in records], [], synthetic)
