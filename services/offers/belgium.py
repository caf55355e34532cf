"""Le Forem open-data offers and VDAB vacancies → canonical offers.

Both reuse their source's adapter (services/harmonizer/adapters/forem_offers.py,
vdab_vacancies.py): a file it rejects is rejected here with the same findings.
Forem: the first work place is the offer's place; `source` other than Forem's own marks a
republished offer (kept with `republished_from`, see the deduplication rule in store.py); a
title marked "(m/v/x)" or "(m/v)" (Flemish usage) is Dutch, any other French. VDAB: the
vacancies contract has no title, employer or address, so the title is the beroep (Dutch), the
place the postal code.
"""

from __future__ import annotations

from typing import Any, Final

import pandas as pd

from schemas.raw.forem_offers import LIST_SEPARATOR, first_postal_code
from services.harmonizer.adapters import adapter_for
from services.harmonizer.adapters.forem_offers import FOREM_OWN_SOURCES, ForemOffers
from services.harmonizer.adapters.vdab_vacancies import VdabVacancies
from services.harmonizer.sources import Source
from services.offers.occupations import codelist, of_competent, of_dimeco
from services.offers.places import OfferPlace, belgium_place
from services.offers.records import OfferFile, iso_day, new_offer
from services.offers.vocabulary import VDAB_CIRCUITS, forem_contract, language_code, working_time

NO_PLACE: Final = OfferPlace("BE", None, None, None, None, None, None, None)
DUTCH_MARKS: Final = ("(m/v/x)", "(m/v)", "(v/m/x)")


def _first(joined: str) -> str:
    return joined.split(LIST_SEPARATOR, 1)[0].strip()


def _geo_point(extra: dict[str, Any]) -> tuple[Any, Any]:
    """The first `lieuxtravailgeo` point: {"lat", "lon"} (Opendatasoft geo_point) or "lat,lon"."""
    points = extra.get("lieuxtravailgeo") or []
    point = points[0] if isinstance(points, list) and points else None
    if isinstance(point, dict):
        return point.get("lat"), point.get("lon")
    if isinstance(point, str) and "," in point:
        latitude, longitude = point.split(",", 1)
        return latitude, longitude
    return None, None


def _languages(extra: dict[str, Any]) -> str:
    values = extra.get("languescodeiso2") or extra.get("langues") or []
    names = values if isinstance(values, list) else str(values).split(LIST_SEPARATOR)
    return ",".join(sorted({code for code in map(language_code, map(str, names)) if code}))


def _title_language(title: str) -> str:
    return "nl" if any(mark in title.lower() for mark in DUTCH_MARKS) else "fr"


def _forem_offer(row: pd.Series, extra: dict[str, Any], synthetic: bool) -> dict[str, Any]:
    source = row["source"]
    place = (
        belgium_place(
            first_postal_code(row["lieuxtravailcodepostal"]), _first(row["lieuxtravaillocalite"])
        )
        or NO_PLACE
    )
    latitude, longitude = _geo_point(extra)
    return new_offer(
        "forem",
        row["numerooffreforem"],
        title=row["titreoffre"] or row["metier"],
        description=None,
        employer=row["nomemployeur"] or None,
        text_language=_title_language(row["titreoffre"]),
        place=place,
        latitude=latitude,
        longitude=longitude,
        occupation=of_dimeco(row["metiercodedimeco"], row["metier"]),
        nace=_first(row["secteurscodenace"]) or None,  # a NACE Rev. 2 division (18)
        education_isced=row["niveauxetudesisced2011"] or None,  # ISCED 2011 levels (3,4)
        contract_type=forem_contract(row["typecontrat"]),
        working_time=working_time(row["regimetravail"]),
        languages=_languages(extra),
        valid_from=iso_day(row["datedebutdiffusion"]),
        valid_through=iso_day(row["datefindiffusion"]),
        republished_from=None if source in FOREM_OWN_SOURCES else (source or None),
        external_reference=row["referenceexterne"] or None,
        original_url=row["url"] or None,
        synthetic=synthetic,
    )


def _forem_extras(
    adapter: ForemOffers, content: bytes, file_name: str, count: int
) -> list[dict[str, Any]]:
    """The list fields the harmonizer's frame leaves out (languages, coordinates), JSON only."""
    start = content.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if start not in (b"{", b"["):
        return [{} for _ in range(count)]
    records, _stats = adapter.records(content, file_name)
    return [record if isinstance(record, dict) else {} for record in records]


def read_forem_offers(source: Source, content: bytes, file_name: str) -> OfferFile:
    adapter = adapter_for(source.id)
    assert isinstance(adapter, ForemOffers)
    parsed = adapter.parse(content, file_name)
    synthetic = bool(parsed.stats.get("synthetic"))
    errors = [finding for finding in parsed.findings if finding.severity == "error"]
    if errors or parsed.observations is None:
        return OfferFile([], parsed.findings, synthetic)
    frame = adapter.read(content, file_name).frame
    extras = _forem_extras(adapter, content, file_name, len(frame))
    offers = [
        _forem_offer(row, extra, synthetic)
        for (_index, row), extra in zip(frame.iterrows(), extras, strict=True)
    ]
    return OfferFile(offers, parsed.findings, synthetic, {"sources": parsed.stats.get("sources")})


def _vdab_offer(record: dict[str, Any], synthetic: bool) -> dict[str, Any]:
    code = str(record["competent_code"]).strip()
    label = str(record.get("beroep") or "").strip()
    title = label or (codelist("competent").get(code) or {}).get("label_nl") or code
    return new_offer(
        "vdab",
        str(record["vacancy_id"]).strip(),
        title=title,
        description=None,
        employer=None,
        text_language="nl",
        place=belgium_place(str(record["postal_code"]).strip()) or NO_PLACE,
        occupation=of_competent(code),
        nace=None,
        contract_type=VDAB_CIRCUITS.get(str(record.get("circuit") or "")),
        working_time=None,
        languages="",
        valid_from=iso_day(str(record["received_date"])),
        valid_through=None,
        republished_from=None,
        external_reference=None,
        original_url=None,
        synthetic=synthetic,
    )


def read_vdab_vacancies(source: Source, content: bytes, file_name: str) -> OfferFile:
    adapter = adapter_for(source.id)
    assert isinstance(adapter, VdabVacancies)
    parsed = adapter.parse(content, file_name)
    synthetic = bool(parsed.stats.get("synthetic")) or "SYNTHETIC" in file_name.upper()
    if parsed.findings or parsed.observations is None:
        return OfferFile([], parsed.findings, synthetic)
    records = adapter.read_document(content, file_name)["vacancies"]
    return OfferFile([_vdab_offer(record, synthetic) for record in records], [], synthetic)
