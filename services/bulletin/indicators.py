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
    "benefit_claimants": N_("Benefit claimants (ONEM/RVA, annual average)"),
}
# Figures shown side by side but never summed into zones (side_by_side.py, tension_factors.py).
CONTEXT_LABELS: Final = {
    "ilo_unemployment_rate": N_("Unemployment rate (LFS, ILO definition)"),
    "admin_unemployment_rate": N_("Administrative unemployment rate by municipality"),
    "vacancies_received": N_("Construction vacancies received in the quarter, Flemish Region"),
    "vacancies_open": N_("Construction vacancies open at the end of the quarter, Flemish Region"),
    "tension_index": N_("Tension index"),
    "tension_class": N_("Tension category (1–5)"),
    "tension_hiring_intensity": N_("Hiring intensity"),
    "tension_training_link": N_("Training–job link"),
    "tension_lack_of_labour": N_("Lack of available labour"),
    "tension_non_durable_employment": N_("Non-durable employment"),
    "tension_working_conditions": N_("Constraining working conditions"),
    "tension_geographic_mismatch": N_("Geographic mismatch"),
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
    "benefit_claimants": N_(
        "ONEM/RVA: unemployed persons receiving full unemployment benefit and registered as "
        "job seekers (CCI-DE / UVW-WZ), annual average of the monthly counts, by place of "
        "residence; benefit claimants, not registered job seekers: never added to France "
        "Travail, Le Forem or VDAB job seekers. The average of a year still running is "
        "provisional. From 2026 the Walloon figures fall with the time-limitation of "
        "unemployment benefits, not only with the labour market."
    ),
    "job_seekers_fr": N_(
        "France Travail: registered job seekers of categories A, B and C (DEFM ABC: no or "
        "reduced activity in the month, all required to look for work), at the end of the "
        "month."
    ),
    "ilo_unemployment_rate": N_(
        "Eurostat Labour Force Survey: unemployed persons aged 15–74 (ILO definition: without "
        "work, available, looking for work) as a share of the labour force, annual, for the "
        "whole NUTS 2 region. The one rate defined the same way on both sides of the border; "
        "a survey estimate, not the zone's own figure."
    ),
    "admin_unemployment_rate": N_(
        "Steunpunt Werk: registered unemployed job seekers aged 15–64 as a share of the labour "
        "force, from the regional employment services' registers, per municipality; rates are "
        "shown as a range, never summed or averaged."
    ),
    "vacancies_open": N_(
        "VDAB Arvastat: construction vacancies (NACE F) of the whole Flemish Region, received "
        "over the quarter's three months and open at the end of its last month (a stock): "
        "region-wide figures, not the zone's own."
    ),
    "tension_index": N_(
        "DARES / France Travail tension indicators (method of 2020): the tension index combines "
        "online offers per job seeker, the rate at which job seekers leave the registers and "
        "the share of hiring projects judged difficult; its category and the six factors are "
        "classes from 1 (easing tension) to 5 (strong tension), quintiles of 2014–2018. A "
        "factor not measured is left empty, never 0."
    ),
}
DEFINITION_DIFFERENCES: Final = N_(
    "Each side counts people out of work its own way: France Travail counts registered job "
    "seekers (categories A, B, C), ONEM/RVA benefit claimants who are job seekers, VDAB "
    "(NWWZ) and Le Forem (DEI) their unemployed registered job seekers. Benefit and "
    "registration rules differ, so these counts are shown next to each other and never "
    "added; only the LFS rate is defined the same way on both sides."
)


def indicator_definition(code: str, language: str) -> str:
    text = DEFINITIONS.get(code)
    label = INDICATOR_LABELS.get(code) or CONTEXT_LABELS[code]
    return gettext(text, language) if text else gettext(label, language)


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
