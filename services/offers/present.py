"""Offers as API items and schema.org JobPosting JSON-LD, labels in the reader's language."""

from __future__ import annotations

from typing import Any, Final

from services.harmonizer.store.models import JobOffer
from services.offers.occupations import codelist, esco_label, isco_label
from services.offers.search import OfferRow
from services.offers.vocabulary import contract_label, working_time_label

SERVICE_NAMES: Final = {"france-travail": "France Travail", "forem": "Le Forem", "vdab": "VDAB"}
# schema.org employmentType of each contract type (working time adds FULL_TIME / PART_TIME).
EMPLOYMENT_TYPES: Final = {
    "fixed_term": "TEMPORARY",
    "temporary_agency": "TEMPORARY",
    "seasonal": "TEMPORARY",
    "internship": "INTERN",
    "freelance": "CONTRACTOR",
    "apprenticeship": "OTHER",
    "other": "OTHER",
}


def _esco_uri(code: str | None) -> str | None:
    row = codelist("esco").get(code or "")
    return row["uri"] if row else None


def offer_item(
    offer: JobOffer | OfferRow, language: str, distance_km: float | None = None
) -> dict[str, Any]:
    """An offer, stored (JobOffer) or a search result's row (search_sql.SHOWN columns)."""
    return {
        "id": offer.id,
        "title": offer.title,
        "description": offer.description,
        "text_language": offer.text_language,
        "employer": offer.employer,
        "place": {
            "country": offer.country,
            "commune_code": offer.commune_code,
            "commune_name": offer.commune_name,
            "postal_code": offer.postal_code,
            "nuts3": offer.nuts3,
            "zone": offer.zone,
            "latitude": offer.latitude,
            "longitude": offer.longitude,
        },
        "distance_km": distance_km,
        "occupation": {
            "system": offer.occupation_system,
            "code": offer.occupation_code,
            "isco08": offer.isco08,
            "isco08_label": isco_label(offer.isco08, language),
            "esco_uri": _esco_uri(offer.esco_code),
            "esco_label": esco_label(offer.esco_code, language),
        },
        "nace": offer.nace,
        "contract_type": offer.contract_type,
        "contract_type_label": contract_label(offer.contract_type, language),
        "working_time": offer.working_time,
        "working_time_label": working_time_label(offer.working_time, language),
        "languages": [code for code in offer.languages.split(",") if code],
        "valid_from": offer.valid_from.isoformat(),
        "valid_through": offer.valid_through.isoformat() if offer.valid_through else None,
        "source_service": offer.source_service,
        "source_offer_id": offer.source_offer_id,
        "republished_from": offer.republished_from,
        "original_url": offer.original_url,
        "synthetic": offer.synthetic,
    }


def _employment_type(offer: JobOffer) -> list[str]:
    types = [{"full_time": "FULL_TIME", "part_time": "PART_TIME"}.get(offer.working_time or "")]
    types.append(EMPLOYMENT_TYPES.get(offer.contract_type or ""))
    return [kind for kind in types if kind]


def job_posting(offer: JobOffer, language: str) -> dict[str, Any]:
    """schema.org JobPosting of an offer (serialised safely by the page, see offers/offer.html)."""
    posting: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": offer.title,
        "description": offer.description or offer.title,
        "datePosted": offer.valid_from.isoformat(),
        "inLanguage": offer.text_language,
        "employmentType": _employment_type(offer),
        "occupationalCategory": offer.isco08 and f"ISCO-08 {offer.isco08}",
        "jobLocation": {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressCountry": offer.country,
                "postalCode": offer.postal_code,
                "addressLocality": offer.commune_name,
            },
        },
        "identifier": {
            "@type": "PropertyValue",
            "name": SERVICE_NAMES[offer.source_service],
            "value": offer.source_offer_id,
        },
    }
    if offer.latitude is not None and offer.longitude is not None:
        posting["jobLocation"]["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": offer.latitude,
            "longitude": offer.longitude,
        }
    if offer.employer:
        posting["hiringOrganization"] = {"@type": "Organization", "name": offer.employer}
    if offer.valid_through:
        posting["validThrough"] = offer.valid_through.isoformat()
    if offer.original_url:
        posting["url"] = offer.original_url
    return {key: value for key, value in posting.items() if value not in (None, [])}
