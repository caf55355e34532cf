"""What the offer adapters share: the canonical record, JSON reading and the file outcome."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from schemas.offers import OFFER_COLUMNS, OFFER_SCHEMA
from schemas.raw.forem_offers import iso_day as _iso_day
from services.harmonizer.errors import Finding
from services.offers.occupations import Occupation
from services.offers.places import OfferPlace


@dataclass
class OfferFile:
    """The canonical offers of one file, or the findings that reject it."""

    offers: list[dict[str, Any]]
    findings: list[Finding]
    synthetic: bool
    stats: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def mismatch(cls, file_name: str, contract: str, detail: str) -> OfferFile:
        params = {"contract": contract, "detail": detail}
        return cls([], [Finding("contract-mismatch", file=file_name, params=params)], False)

    @property
    def errors(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.severity == "error"]


def iso_day(value: str) -> str | None:
    return _iso_day(value.strip()) if value else None


def field_text(record: dict[str, Any], name: str) -> str:
    value = record.get(name)
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _number(value: Any) -> float | None:
    try:
        return None if value in (None, "") else float(value)
    except (TypeError, ValueError):
        return None


def new_offer(
    service: str,
    offer_id: str,
    *,
    place: OfferPlace,
    occupation: Occupation,
    latitude: Any = None,
    longitude: Any = None,
    **fields: Any,
) -> dict[str, Any]:
    """One canonical offer; the source's own coordinates win over the commune's."""
    latitude, longitude = _number(latitude), _number(longitude)
    if latitude is None or longitude is None:
        latitude, longitude = place.latitude, place.longitude
    return {
        "source_service": service,
        "source_offer_id": offer_id,
        "country": place.country,
        "commune_code": place.commune_code,
        "commune_name": place.commune_name,
        "postal_code": place.postal_code,
        "nuts3": place.nuts3,
        "zone": place.zone,
        "latitude": latitude,
        "longitude": longitude,
        "occupation_system": occupation.system,
        "occupation_code": occupation.code or None,
        "isco08": occupation.isco08,
        "esco_code": occupation.esco_code,
        "education_isced": None,  # only Le Forem lists it
        **fields,
    }


def duplicate_ids(offers: list[dict[str, Any]], file_name: str, column: str) -> list[Finding]:
    counts = Counter(offer["source_offer_id"] for offer in offers)
    return [
        Finding(
            "duplicate-offer",
            file=file_name,
            row=row,
            column=column,
            value=offer["source_offer_id"],
        )
        for row, offer in enumerate(offers, start=1)
        if counts[offer["source_offer_id"]] > 1
    ]


def offers_frame(offers: list[dict[str, Any]]) -> pd.DataFrame:
    """The canonical frame, checked by the strict schema (a failure here is our bug)."""
    frame = pd.DataFrame(offers, columns=list(OFFER_COLUMNS))
    frame = frame.astype({"latitude": "float64", "longitude": "float64", "synthetic": "bool"})
    return OFFER_SCHEMA.validate(frame, lazy=True)
