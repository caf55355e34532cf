"""The result every source parser returns, and the registry from source id to parser."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from services.harmonizer.errors import Finding


@dataclass
class ParseResult:
    """Canonical observations of a file, or the findings that reject it."""

    period: str | None
    observations: pd.DataFrame | None
    findings: list[Finding]
    stats: dict[str, Any] = field(default_factory=dict)
    # A shortage list yields signals instead of observations (schemas/canonical.py).
    shortage_signals: pd.DataFrame | None = None


Parser = Callable[[bytes, str], ParseResult]


def get_parser(source_id: str) -> Parser:
    """The parser of a registered source (imported lazily, so the registry stays declarative)."""
    from services.harmonizer.bmo import parse_bmo
    from services.harmonizer.forem_job_seekers import parse_forem_job_seekers
    from services.harmonizer.forem_offers import parse_forem_offers
    from services.harmonizer.forem_shortage import parse_forem_shortage
    from services.harmonizer.france_travail_job_seekers import parse_france_travail_job_seekers
    from services.harmonizer.france_travail_tension import parse_france_travail_tension
    from services.harmonizer.france_travail_tension_list import (
        parse_france_travail_tension_list,
    )
    from services.harmonizer.vdab_arvastat import parse_vdab_arvastat
    from services.harmonizer.vdab_shortage import parse_vdab_shortage
    from services.harmonizer.vdab_vacancies import parse_vdab_vacancies

    parsers: dict[str, Parser] = {
        "france-travail-bmo": parse_bmo,
        "vdab-arvastat": parse_vdab_arvastat,
        "vdab-shortage": parse_vdab_shortage,
        "vdab-vacancies": parse_vdab_vacancies,
        "forem-offers": parse_forem_offers,
        "forem-shortage": parse_forem_shortage,
        "forem-job-seekers": parse_forem_job_seekers,
        "france-travail-tension": parse_france_travail_tension,
        "france-travail-job-seekers": parse_france_travail_job_seekers,
        "france-travail-tension-list": parse_france_travail_tension_list,
    }
    return parsers[source_id]
