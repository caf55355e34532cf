"""Names and definitions of the bulletin's indicators (msgids in English, see i18n/)."""

from __future__ import annotations

from typing import Final

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
