"""Declarative registry of the services and sources crossbmo reads: every per-source fact lives
in its record; code exists only for a source's quirks (its adapter, named by a dotted path)."""

from __future__ import annotations

from typing import Final

from services.harmonizer.source_model import SERVICES, PullEndpoint, Service, Source, resolve
from services.i18n import N_

__all__ = [
    "OFFER_SOURCES", "REGISTRY", "SERVICES", "SOURCES", "PullEndpoint", "Service", "Source",
    "get_source", "open_sources", "resolve",
]  # fmt: skip

# Open Data Wallonie-Bruxelles (Opendatasoft), no API key (formats-belgium.md §2.2).
ODWB_DATASETS: Final = "https://www.odwb.be/api/explore/v2.1/catalog/datasets"


ADAPTERS: Final = "services.harmonizer.adapters"
RAW: Final = "schemas.raw"

REGISTRY: Final[tuple[Source, ...]] = (
    Source(
        id="france-travail-bmo",
        signal_name=N_("BMO survey: at least half the projects difficult"),
        adapter=f"{ADAPTERS}.france_travail_bmo:FranceTravailBmo",
        raw_schema=f"{RAW}.france_travail_bmo:raw_schema",
        attribution="Source : France Travail, enquête BMO (Licence Ouverte / Etalab 2.0)",
        derives_isco=True,
        open_data=True,
        service="france-travail",
        dataset="bmo",
        names={
            "fr": "France Travail – enquête Besoins en main-d'œuvre (BMO)",
            "nl": "France Travail – enquête naar personeelsbehoeften (BMO)",
            "en": "France Travail – Labour Needs survey (BMO)",
        },
        formats=("xlsx", "xls"),
        code_systems=("bmo-metier:fap2009", "bmo-metier:fap2021", "fr-bassin-bmo"),
    ),
    Source(
        id="vdab-arvastat",
        adapter=f"{ADAPTERS}.vdab_arvastat:VdabArvastat",
        raw_schema=f"{RAW}.vdab_arvastat:raw_schema",
        attribution="Bron: VDAB Arvastat",
        open_data=True,
        service="vdab",
        dataset="arvastat-vacancies",
        names={
            "fr": "VDAB – export Arvastat (offres d'emploi reçues par métier)",
            "nl": "VDAB – Arvastat-export (ontvangen vacatures per beroep)",
            "en": "VDAB – Arvastat export (vacancies received by occupation)",
        },
        formats=("xlsx", "xls", "csv"),
        code_systems=("arvastat-beroep", "competent", "isco08", "nuts:2021"),
    ),
    Source(
        id="vdab-shortage",
        signal_name=N_("VDAB shortage occupations (knelpuntberoepen)"),
        adapter=f"{ADAPTERS}.vdab_shortage:VdabShortage",
        raw_schema=f"{RAW}.vdab_shortage:raw_schema",
        open_data=True,
        service="vdab",
        dataset="shortage-list",
        names={
            "fr": "VDAB – liste des métiers en pénurie (knelpuntberoepen)",
            "nl": "VDAB – knelpuntberoepenlijst",
            "en": "VDAB – shortage occupations list (knelpuntberoepen)",
        },
        formats=("csv",),
        code_systems=("arvastat-beroep", "competent"),
    ),
    Source(
        id="vdab-vacancies",
        adapter=f"{ADAPTERS}.vdab_vacancies:VdabVacancies",
        raw_schema=f"{RAW}.vdab_vacancies:raw_schema",
        offer_reader="services.offers.belgium:read_vdab_vacancies",
        service="vdab",
        dataset="vacancies",
        names={
            "fr": "VDAB – offres d'emploi reçues (contrat d'échange JSON)",
            "nl": "VDAB – ontvangen vacatures (JSON-uitwisselingscontract)",
            "en": "VDAB – vacancies received (JSON exchange contract)",
        },
        formats=("json",),
        code_systems=("competent", "be-postcode", "be-arrondissement:2025"),
    ),
    Source(
        id="forem-offers",
        adapter=f"{ADAPTERS}.forem_offers:ForemOffers",
        raw_schema=f"{RAW}.forem_offers:raw_schema",
        offer_reader="services.offers.belgium:read_forem_offers",
        open_data=True,
        service="forem",
        dataset="job-offers",
        names={
            "fr": "Le Forem – offres d'emploi (open data offres-d-emploi-forem)",
            "nl": "Le Forem – vacatures (open data offres-d-emploi-forem)",
            "en": "Le Forem – job offers (open data offres-d-emploi-forem)",
        },
        formats=("json", "csv"),
        code_systems=("rome3", "be-postcode", "be-arrondissement:2025"),
        pull=PullEndpoint(
            contract="forem-offers",
            url=f"{ODWB_DATASETS}/offres-d-emploi-forem/records",
            export_url=f"{ODWB_DATASETS}/offres-d-emploi-forem/exports/json",
            order_by="numerooffreforem",
        ),
    ),
    Source(
        id="forem-shortage",
        signal_name=N_("Le Forem critical and shortage occupations"),
        adapter=f"{ADAPTERS}.forem_shortage:ForemShortage",
        raw_schema=f"{RAW}.forem_shortage:raw_schema",
        open_data=True,
        service="forem",
        dataset="shortage-list",
        names={
            "fr": "Le Forem – fonctions critiques et métiers en pénurie",
            "nl": "Le Forem – kritieke functies en knelpuntberoepen",
            "en": "Le Forem – critical occupations and shortage occupations",
        },
        formats=("csv",),
        code_systems=("rome3",),
    ),
    Source(
        id="forem-job-seekers",
        adapter=f"{ADAPTERS}.forem_job_seekers:ForemJobSeekers",
        raw_schema=f"{RAW}.forem_job_seekers:raw_schema",
        service="forem",
        dataset="job-seekers",
        names={
            "fr": "Le Forem – demandeurs d'emploi inoccupés (DEI) par métier et commune",
            "nl": "Le Forem – niet-werkende werkzoekenden per beroep en gemeente",
            "en": "Le Forem – unemployed job seekers by occupation and municipality",
        },
        formats=("csv",),
        code_systems=("rome3", "be-municipality:2025"),
    ),
    Source(
        id="france-travail-tension",
        adapter=f"{ADAPTERS}.france_travail_tension:FranceTravailTension",
        raw_schema=f"{RAW}.france_travail_tension:raw_schema",
        open_data=True,
        service="france-travail",
        dataset="tension",
        names={
            "fr": "France Travail – offres, demandeurs d'emploi, tension par métier et bassin",
            "nl": "France Travail – vacatures, werkzoekenden en krapte per beroep en bekken",
            "en": "France Travail – offers, job seekers and tension by occupation and bassin",
        },
        formats=("csv",),
        code_systems=("rome3", "fr-bassin-bmo:BE19"),
    ),
    Source(
        id="france-travail-job-seekers",
        adapter=f"{ADAPTERS}.france_travail_job_seekers:FranceTravailJobSeekers",
        raw_schema=f"{RAW}.france_travail_job_seekers:raw_schema",
        open_data=True,
        service="france-travail",
        dataset="job-seekers",
        names={
            "fr": "France Travail – demandeurs d'emploi inscrits par commune et mois",
            "nl": "France Travail – ingeschreven werkzoekenden per gemeente en maand",
            "en": "France Travail – registered job seekers by municipality and month",
        },
        formats=("csv",),
        code_systems=("fr-commune:2021", "fr-department", "fr-region"),
    ),
    Source(
        id="onem-claimants",
        adapter=f"{ADAPTERS}.onem_claimants:OnemClaimants",
        raw_schema=f"{RAW}.onem_claimants:raw_schema",
        open_data=True,
        service="onem",
        dataset="benefit-claimants",
        names={
            "fr": "ONEM – chômeurs complets indemnisés demandeurs d'emploi (CCI-DE), "
            "moyenne annuelle par arrondissement",
            "nl": "RVA – uitkeringsgerechtigde volledig werklozen werkzoekenden (UVW-WZ), "
            "jaargemiddelde per arrondissement",
            "en": "ONEM/RVA – fully unemployed benefit claimants seeking work (CCI-DE), "
            "annual average by arrondissement",
        },
        formats=("csv",),
        code_systems=("be-arrondissement:2025", "be-province", "be-region", "be-country"),
    ),
    Source(
        id="eurostat-lfs-rate",
        adapter=f"{ADAPTERS}.eurostat_lfs_rate:EurostatLfsRate",
        raw_schema=f"{RAW}.eurostat_lfs_rate:raw_schema",
        open_data=True,
        service="eurostat",
        dataset="lfs-unemployment-rate",
        names={
            "fr": "Eurostat – taux de chômage BIT (enquête sur les forces de travail) par région "
            "NUTS",
            "nl": "Eurostat – IAO-werkloosheidsgraad (enquête naar de beroepsbevolking) per "
            "NUTS-regio",
            "en": "Eurostat – ILO unemployment rate (Labour Force Survey) by NUTS region",
        },
        formats=("csv",),
        code_systems=("nuts:2021",),
    ),
    Source(
        id="eurostat-tsv",
        adapter=f"{ADAPTERS}.eurostat_tsv:EurostatTsv",
        raw_schema=f"{RAW}.eurostat_tsv:raw_schema",
        open_data=True,
        service="eurostat",
        dataset="regional-tables",
        names={
            "fr": "Eurostat – tableaux régionaux (téléchargement en masse TSV : chômage, emploi, "
            "par âge, sexe, NACE et NUTS)",
            "nl": "Eurostat – regionale tabellen (bulkdownload TSV: werkloosheid, werkgelegenheid, "
            "naar leeftijd, geslacht, NACE en NUTS)",
            "en": "Eurostat – regional tables (bulk download TSV: unemployment, employment, by "
            "age, sex, NACE and NUTS)",
        },
        formats=("csv", "gzip"),  # delimited text (TAB), or gzip-compressed as Eurostat serves it
        code_systems=("nuts:2013", "nuts:2021", "nace_r2"),
    ),
    Source(
        id="dares-tensions",
        adapter=f"{ADAPTERS}.dares_tensions:DaresTensions",
        raw_schema=f"{RAW}.dares_tensions:raw_schema",
        open_data=True,
        service="dares",
        dataset="tension-indicators",
        names={
            "fr": "Dares, Pôle emploi – indicateurs de tension et leurs six facteurs par famille "
            "professionnelle",
            "nl": "Dares, Pôle emploi – krapte-indicatoren en hun zes factoren per beroepsfamilie",
            "en": "Dares, Pôle emploi – tension indicators and their six factors by occupational "
            "family",
        },
        formats=("csv",),
        code_systems=("fap87:fap2009", "bmo-metier:fap2009", "fr-region", "fr-department"),
    ),
    Source(
        id="steunpunt-werk-rates",
        adapter=f"{ADAPTERS}.steunpunt_werk_rates:SteunpuntWerkRates",
        raw_schema=f"{RAW}.steunpunt_werk_rates:raw_schema",
        open_data=True,
        service="steunpunt-werk",
        dataset="admin-unemployment-rate",
        names={
            "fr": "Steunpunt Werk – taux de chômage administratif (15–64 ans) par commune",
            "nl": "Steunpunt Werk – administratieve werkloosheidsgraad (15–64 jaar) per gemeente",
            "en": "Steunpunt Werk – administrative unemployment rate (ages 15–64) by municipality",
        },
        formats=("csv",),
        code_systems=("be-municipality",),
    ),
    Source(
        id="vdab-arvastat-construction",
        adapter=f"{ADAPTERS}.vdab_arvastat_construction:VdabArvastatConstruction",
        raw_schema=f"{RAW}.vdab_arvastat_construction:raw_schema",
        open_data=True,
        service="vdab",
        dataset="construction-vacancies",
        names={
            "fr": "VDAB Arvastat – offres d'emploi reçues et ouvertes dans la construction, "
            "Région flamande, par mois",
            "nl": "VDAB Arvastat – ontvangen en openstaande vacatures in de bouw, Vlaams Gewest, "
            "per maand",
            "en": "VDAB Arvastat – construction vacancies received and open, Flemish Region, by "
            "month",
        },
        formats=("csv",),
        code_systems=("nuts:2021",),
    ),
    Source(
        id="dares-tension-history",
        adapter=f"{ADAPTERS}.dares_tension_history:DaresTensionHistory",
        raw_schema=f"{RAW}.dares_tension_history:raw_schema",
        open_data=True,
        service="dares",
        dataset="tension-index-history",
        names={
            "fr": "Dares, Pôle emploi – indicateur de tension national par famille "
            "professionnelle, 2011–2019",
            "nl": "Dares, Pôle emploi – nationale krapte-indicator per beroepsfamilie, 2011–2019",
            "en": "Dares, Pôle emploi – national tension index by occupational family, 2011–2019",
        },
        formats=("csv",),
        code_systems=("fap87:fap2009", "bmo-metier:fap2009"),
    ),
    Source(
        id="france-travail-tension-list",
        signal_name=N_("French official list of occupations in shortage"),
        adapter=f"{ADAPTERS}.france_travail_tension_list:FranceTravailTensionList",
        raw_schema=f"{RAW}.france_travail_tension_list:raw_schema",
        open_data=True,
        service="france-travail",
        dataset="shortage-list",
        names={
            "fr": "Liste officielle des métiers en tension (arrêté de mars 2024)",
            "nl": "Officiële Franse lijst van knelpuntberoepen (besluit van maart 2024)",
            "en": "Official French list of occupations in tension (order of March 2024)",
        },
        formats=("csv",),
        code_systems=("bmo-metier:fap2009",),
    ),
    Source(
        id="france-travail-offers",
        service="france-travail",
        dataset="job-offers",
        names={
            "fr": "France Travail – offres d'emploi (API Offres d'emploi v2)",
            "nl": "France Travail – vacatures (API Offres d'emploi v2)",
            "en": "France Travail – job offers (Offres d'emploi API v2)",
        },
        formats=("json",),
        code_systems=("rome3",),
        offer_reader="services.offers.france_travail:read_france_travail_offers",
    ),
)
# Sources whose files are ingested as figures (observations or shortage signals).
SOURCES: Final[dict[str, Source]] = {source.id: source for source in REGISTRY if source.adapter}
# Sources whose files are loaded as job offers for the cross-border offer search.
OFFER_SOURCES: Final[dict[str, Source]] = {
    source.id: source for source in REGISTRY if source.offer_reader
}


def open_sources() -> tuple[str, ...]:
    """Sources whose figures anyone may read."""
    return tuple(sorted(source.id for source in SOURCES.values() if source.open_data))


def get_source(source_id: str) -> Source:
    """The registered source, or KeyError naming the known ones."""
    try:
        return SOURCES[source_id]
    except KeyError:
        known = ", ".join(sorted(SOURCES))
        raise KeyError(f"unknown source {source_id!r}; known: {known}") from None
