"""Names and definitions of the bulletin's indicators (msgids in English, see i18n/)."""

from __future__ import annotations

from functools import lru_cache
from typing import Final

from schemas.canonical import TOTAL
from services.harmonizer.mappings.codelists import load_codelist
from services.i18n import N_, gettext

INDICATOR_LABELS: Final = {
    "hiring_projects": N_("Hiring projects (BMO survey, annual)"),
    "difficult_hiring_projects": N_("Hiring projects judged difficult (BMO survey, annual)"),
    "seasonal_hiring_projects": N_("Seasonal hiring projects (BMO survey, annual)"),
    "difficult_share": N_("Share of difficult hiring projects"),
    "seasonal_share": N_("Share of seasonal hiring projects"),
    "vacancies_received": N_("Vacancies received in the quarter"),
    "offers_published": N_("Job offers published in the quarter"),
    "job_seekers": N_("Job seekers at the end of the quarter"),
    "tension_ratio": N_("Tension: offers or vacancies per job seeker"),
}
DEFINITIONS: Final = {
    "hiring_projects": N_(
        "Employers' hiring intentions for the year from France Travail's annual BMO survey "
        "(fieldwork October–December of the year before); shown in every quarter of its year."
    ),
    "difficult_share": N_("Hiring projects judged difficult divided by all hiring projects, in %."),
    "seasonal_share": N_("Seasonal hiring projects divided by all hiring projects, in %."),
    "vacancies_received": N_(
        "Vacancies received by the service over the three months of the quarter."
    ),
    "offers_published": N_(
        "Job offers published by the service over the three months of the quarter."
    ),
    "job_seekers": N_(
        "Registered job seekers at the end of the quarter; persons for France Travail and "
        "Le Forem, aspirations (one per occupation sought) for VDAB: never added together."
    ),
    "tension_ratio": N_(
        "Offers or vacancies of the quarter per job seeker, within one service's figures."
    ),
}


def indicator_definition(code: str, language: str) -> str:
    text = DEFINITIONS.get(code)
    return gettext(text, language) if text else gettext(INDICATOR_LABELS[code], language)


ALL_SECTORS: Final = N_("All sectors")
UNKNOWN_SECTOR: Final = N_("Sector unknown")


def sector_label(code: str, language: str) -> str:
    """`_T` all sectors, `_U` unknown, else the NACE Rev. 2 section's title in ``language``."""
    if code == TOTAL:
        return gettext(ALL_SECTORS, language)
    if code == "_U":
        return gettext(UNKNOWN_SECTOR, language)
    return _section_titles(language).get(code, code)


@lru_cache(maxsize=3)
def _section_titles(language: str) -> dict[str, str]:
    nace = load_codelist("nace2")
    sections = nace[nace["level"].astype(str) == "1"]
    column = f"label_{language}" if f"label_{language}" in nace.columns else "label_en"
    return {
        str(code): str(title).capitalize()
        for code, title in zip(sections["code"], sections[column], strict=True)
    }
