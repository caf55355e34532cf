"""The common lists of job offers: contract types and working time, with fr/nl/en labels, and
how each service's own values map to them."""

from __future__ import annotations

from typing import Final

from services.i18n import N_, translate

CONTRACT_TYPES: Final[dict[str, str]] = {
    "permanent": N_("Permanent contract"),
    "fixed_term": N_("Fixed-term contract"),
    "temporary_agency": N_("Temporary agency work"),
    "seasonal": N_("Seasonal work"),
    "apprenticeship": N_("Apprenticeship or work-study"),
    "internship": N_("Internship"),
    "freelance": N_("Self-employed or freelance"),
    "other": N_("Other contract"),
}
WORKING_TIMES: Final[dict[str, str]] = {
    "full_time": N_("Full time"),
    "part_time": N_("Part time"),
}
# France Travail `typeContrat` codes (Offres d'emploi v2 referential `typesContrats`).
FRANCE_TRAVAIL_CONTRACTS: Final = {
    "CDI": "permanent",
    "CDD": "fixed_term",
    "MIS": "temporary_agency",
    "SAI": "seasonal",
    "LIB": "freelance",
    "FRA": "freelance",
    "REP": "freelance",
    "CCE": "permanent",
    "DDI": "fixed_term",
    "DIN": "temporary_agency",
    "TTI": "temporary_agency",
}
# France Travail `natureContrat` values that make a work-study contract whatever its type.
FRANCE_TRAVAIL_WORK_STUDY: Final = ("apprentissage", "professionnalisation")
# Le Forem `typecontrat` (open data, formats-belgium.md §2.2), compared lower-cased.
FOREM_CONTRACTS: Final = {
    "durée indéterminée": "permanent",
    "durée déterminée": "fixed_term",
    "remplacement": "fixed_term",
    "intérimaire": "temporary_agency",
    "intérimaire avec option sur durée indéterminée": "temporary_agency",
    "contrat d'apprentissage": "apprenticeship",
    "formation en alternance": "apprenticeship",
    "stage": "internship",
    "indépendant": "freelance",
    "saisonnier": "seasonal",
}
# VDAB vacancies contract `circuit`: only two circuits say something about the contract.
VDAB_CIRCUITS: Final = {"werken_en_leren": "apprenticeship", "tijdelijk": "fixed_term"}
WORKING_TIME_WORDS: Final = {
    "temps plein": "full_time",
    "temps partiel": "part_time",
    "voltijds": "full_time",
    "deeltijds": "part_time",
}
# Language names France Travail writes in `langues[].libelle`, → ISO 639-1.
LANGUAGE_NAMES: Final = {
    "français": "fr",
    "anglais": "en",
    "néerlandais": "nl",
    "allemand": "de",
    "espagnol": "es",
    "italien": "it",
    "portugais": "pt",
    "arabe": "ar",
    "flamand": "nl",
}


def france_travail_contract(type_code: str, nature: str, work_study: bool) -> str | None:
    if work_study or any(word in nature.lower() for word in FRANCE_TRAVAIL_WORK_STUDY):
        return "apprenticeship"
    if not type_code:
        return None
    return FRANCE_TRAVAIL_CONTRACTS.get(type_code.strip().upper(), "other")


def forem_contract(value: str) -> str | None:
    text = value.strip().lower()
    return FOREM_CONTRACTS.get(text, "other") if text else None


def working_time(value: str) -> str | None:
    return WORKING_TIME_WORDS.get(value.strip().lower())


def language_code(name: str) -> str | None:
    """ISO 639-1 of a language name or code (`Anglais`, `EN`, `nl`); None when unknown."""
    text = name.strip().lower()
    if len(text) == 2 and text.isalpha():
        return text
    return LANGUAGE_NAMES.get(text)


def contract_label(code: str | None, language: str) -> str | None:
    return translate(CONTRACT_TYPES[code], language) if code in CONTRACT_TYPES else None


def working_time_label(code: str | None, language: str) -> str | None:
    return translate(WORKING_TIMES[code], language) if code in WORKING_TIMES else None
