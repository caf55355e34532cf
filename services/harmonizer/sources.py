"""Declarative registry of the sources crossbmo reads; code exists only for their quirks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True)
class Source:
    """One partner export: who sends it, what it holds, which formats are read."""

    id: str
    service: str
    dataset: str
    names: dict[str, str]
    formats: tuple[str, ...]
    code_systems: tuple[str, ...]


SOURCES: Final[dict[str, Source]] = {
    source.id: source
    for source in (
        Source(
            id="france-travail-bmo",
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
    )
}


def get_source(source_id: str) -> Source:
    """The registered source, or KeyError naming the known ones."""
    try:
        return SOURCES[source_id]
    except KeyError:
        known = ", ".join(sorted(SOURCES))
        raise KeyError(f"unknown source {source_id!r}; known: {known}") from None
