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


Parser = Callable[[bytes, str], ParseResult]


def get_parser(source_id: str) -> Parser:
    """The parser of a registered source (imported lazily, so the registry stays declarative)."""
    from services.harmonizer.bmo import parse_bmo

    parsers: dict[str, Parser] = {"france-travail-bmo": parse_bmo}
    return parsers[source_id]
