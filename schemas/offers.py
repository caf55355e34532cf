"""Canonical job offer, aligned with schema.org JobPosting: one row per offer of one service.

schema.org mapping: title → `title`, description → `description`, employer →
`hiringOrganization.name` (a company name, never a person), place → `jobLocation` (coordinates,
INSEE or NIS code, NUTS3, zone), isco08 / esco → `occupationalCategory`, contract_type and
working_time → `employmentType`, languages → `applicantLocationRequirements`-like list of ISO 639-1
codes, valid_from → `datePosted`, valid_through → `validThrough`, original_url → `url`.
No personal data: recruiter names, e-mail addresses and phone numbers have no column.
"""

from __future__ import annotations

import re
from typing import Final

import pandera.pandas as pa

SOURCE_SERVICES: Final = ("france-travail", "forem", "vdab")
TEXT_LANGUAGES: Final = ("fr", "nl", "en", "de")
COUNTRIES: Final = ("FR", "BE")
CONTRACT_TYPES: Final = (
    "permanent",
    "fixed_term",
    "temporary_agency",
    "seasonal",
    "apprenticeship",
    "internship",
    "freelance",
    "other",
)
WORKING_TIMES: Final = ("full_time", "part_time")
ISCO_UNIT_GROUP: Final = re.compile(r"\d{4}")
NUTS3: Final = re.compile(r"(FR|BE)[0-9A-Z]{3}")
ISO_DATE: Final = re.compile(r"\d{4}-\d{2}-\d{2}")
LANGUAGE_LIST: Final = re.compile(r"([a-z]{2}(,[a-z]{2})*)?")
OFFER_COLUMNS: Final = (
    "source_service",
    "source_offer_id",
    "republished_from",
    "external_reference",
    "title",
    "description",
    "employer",
    "text_language",
    "country",
    "commune_code",
    "commune_name",
    "postal_code",
    "nuts3",
    "zone",
    "latitude",
    "longitude",
    "occupation_system",
    "occupation_code",
    "isco08",
    "esco_code",
    "nace",
    "education_isced",
    "contract_type",
    "working_time",
    "languages",
    "valid_from",
    "valid_through",
    "original_url",
    "synthetic",
)


def _optional(values: object, pattern: re.Pattern[str]) -> pa.Check:
    return pa.Check(
        lambda v: v.isna() | v.astype(str).str.fullmatch(pattern.pattern), name=str(values)
    )


OFFER_SCHEMA: Final = pa.DataFrameSchema(
    {
        "source_service": pa.Column(str, pa.Check.isin(SOURCE_SERVICES)),
        "source_offer_id": pa.Column(str, pa.Check.str_length(1, 64), unique=True),
        "republished_from": pa.Column(str, nullable=True),
        "external_reference": pa.Column(str, nullable=True),
        "title": pa.Column(str, pa.Check.str_length(1, 500)),
        "description": pa.Column(str, nullable=True),
        "employer": pa.Column(str, nullable=True),
        "text_language": pa.Column(str, pa.Check.isin(TEXT_LANGUAGES)),
        "country": pa.Column(str, pa.Check.isin(COUNTRIES)),
        "commune_code": pa.Column(str, nullable=True),
        "commune_name": pa.Column(str, nullable=True),
        "postal_code": pa.Column(str, nullable=True),
        "nuts3": pa.Column(str, _optional("nuts3", NUTS3), nullable=True),
        "zone": pa.Column(str, nullable=True),
        "latitude": pa.Column(float, pa.Check.in_range(-90, 90), nullable=True),
        "longitude": pa.Column(float, pa.Check.in_range(-180, 180), nullable=True),
        "occupation_system": pa.Column(str, nullable=True),
        "occupation_code": pa.Column(str, nullable=True),
        "isco08": pa.Column(str, _optional("isco08", ISCO_UNIT_GROUP), nullable=True),
        "esco_code": pa.Column(str, nullable=True),
        "nace": pa.Column(str, nullable=True),
        # ISCED 2011 levels asked for (Le Forem lists them: "3,4"); None when not given.
        "education_isced": pa.Column(str, nullable=True),
        "contract_type": pa.Column(str, pa.Check.isin(CONTRACT_TYPES), nullable=True),
        "working_time": pa.Column(str, pa.Check.isin(WORKING_TIMES), nullable=True),
        "languages": pa.Column(str, pa.Check.str_matches(LANGUAGE_LIST.pattern)),
        "valid_from": pa.Column(str, pa.Check.str_matches(ISO_DATE.pattern)),
        "valid_through": pa.Column(str, _optional("valid_through", ISO_DATE), nullable=True),
        "original_url": pa.Column(str, pa.Check.str_startswith("http"), nullable=True),
        "synthetic": pa.Column(bool),
    },
    strict=True,
    ordered=False,
    name="job-offer",
)
