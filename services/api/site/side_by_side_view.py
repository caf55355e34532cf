"""The "side by side" section and the French tension table of one zone, shaped for reading:
each figure with its place, period, source credit and definition in the reader's language."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Final

from schemas.canonical import TENSION_FACTORS
from services.api.site.bulletin_view import format_value
from services.api.site.formatting import Formatter
from services.bulletin.indicators import (
    CONTEXT_LABELS,
    DEFINITION_DIFFERENCES,
    INDICATOR_LABELS,
    indicator_definition,
)
from services.bulletin.side_by_side import nuts2_names
from services.harmonizer.sources import SERVICES, SOURCES
from services.i18n import N_, gettext, translate

# The definition each kind of figure is read with (indicators.py DEFINITIONS).
DEFINITION_OF: Final = {"vacancies_received": "vacancies_open"}
FRENCH_JOB_SEEKERS: Final = "job_seekers_fr"
TENSION_ROWS_SHOWN: Final = 15  # the most tense families on the page; all of them in JSON
TYPE_NAMES: Final = {
    "quantitative": N_("too few candidates"),
    "qualitative": N_("skills or qualifications lacking"),
    "working_conditions": N_("working conditions"),
    "hard_to_fill": N_("hard to fill, reason not given"),
}
VDAB_REASONS: Final = {
    "reason_quantitative": N_("kwantitatief (too few job seekers)"),
    "reason_qualitative": N_("kwalitatief (competences or experience lacking)"),
    "reason_working_conditions": N_("arbeidsomstandigheden (working conditions)"),
}
FOREM_STATUSES: Final = {
    "penury": N_("métier en pénurie (too few candidates)"),
    "critical": N_("fonction critique (hard to fill)"),
}


@dataclass(frozen=True)
class Line:
    """One figure of the section as printed."""

    label: str
    value: str
    place: str
    period: str
    credit: str
    definition: str
    note: str = ""


def _credit(source_id: str) -> str:
    credits = []
    for part in source_id.split("+"):
        source = SOURCES.get(part)
        credits.append(source.credit if source else part)
    return "; ".join(dict.fromkeys(credits))


def _label(indicator: str, language: str, region_wide: bool = False) -> str:
    """A zone's own figure by its bulletin label; a region-wide series by its context label
    (which names the sector and the region)."""
    labels = (
        (CONTEXT_LABELS, INDICATOR_LABELS) if region_wide else (INDICATOR_LABELS, CONTEXT_LABELS)
    )
    label = labels[0].get(indicator) or labels[1].get(indicator, indicator)
    return gettext(label, language)


def _definition(figure: dict[str, Any], language: str) -> str:
    indicator = figure["indicator"]
    if indicator == "job_seekers" and figure.get("coverage") == "categories_abc":
        indicator = FRENCH_JOB_SEEKERS
    return indicator_definition(DEFINITION_OF.get(indicator, indicator), language)


def _period(figure: dict[str, Any], fmt: Formatter) -> str:
    period = str(figure.get("reference_period", ""))
    if "-Q" in period:
        return fmt.quarter(period)
    if figure.get("period_type") == "year":
        return translate(N_("{year} (annual)"), fmt.language, year=period)
    return period


def _place(figure: dict[str, Any], zone_name: str, language: str) -> str:
    code = figure.get("geo_code")
    if figure["kind"] == "region_rate":
        names = nuts2_names().get(str(code), {})
        return f"{names.get(language, code)} (NUTS 2 {code})"
    if figure["kind"] == "region_series":
        return translate(N_("{region}, whole region"), language, region=figure.get("geo_label"))
    return zone_name


def _value(figure: dict[str, Any], fmt: Formatter) -> str:
    if figure["kind"] == "municipal_range":
        low = format_value(figure["minimum"], "percent", fmt)
        high = format_value(figure["maximum"], "percent", fmt)
        count = len(figure["municipalities"])
        return translate(N_("{low} to {high} ({count} municipalities)"), fmt.language,
                         low=low, high=high, count=count)  # fmt: skip
    if figure.get("value") is None:
        return "–"
    return format_value(float(figure["value"]), str(figure.get("unit")), fmt)


def _note(figure: dict[str, Any], language: str) -> str:
    if figure.get("provisional") or figure.get("obs_status") == "P":
        return translate(N_("provisional"), language)
    if figure.get("obs_status") == "B":
        return translate(N_("break in series"), language)
    return ""


def _line(figure: dict[str, Any], zone_name: str, fmt: Formatter) -> Line:
    language = fmt.language
    return Line(
        label=_label(figure["indicator"], language, figure.get("kind") == "region_series"),
        value=_value(figure, fmt),
        place=_place(figure, zone_name, language),
        period=_period(figure, fmt),
        credit=_credit(str(figure.get("source_id", ""))),
        definition=_definition(figure, language),
        note=_note(figure, language),
    )


def _defined_once(lines: list[Line]) -> list[Line]:
    """The definition under the first line of each indicator only (the LFS rate of three
    regions is defined once)."""
    seen: set[str] = set()
    result = []
    for line in lines:
        result.append(line if line.label not in seen else replace(line, definition=""))
        seen.add(line.label)
    return result


def _missing(item: dict[str, Any], language: str) -> str:
    source = SOURCES.get(str(item.get("source_id")))
    label = _label(str(item["indicator"]), language)
    if source is None:
        service = SERVICES[str(item["service"])].attribution
        return translate(N_("{indicator}: no exchange file yet ({service})."), language,
                         indicator=label, service=service)  # fmt: skip
    return translate(N_("{indicator}: would come from {source} ({id})."), language,
                     indicator=label, source=source.names[language], id=source.id)  # fmt: skip


def _tension_table(table: dict[str, Any], fmt: Formatter) -> dict[str, Any]:
    language = fmt.language
    families = table["families"]
    rows = [
        {"label": family["occupation_label"], "code": family["occupation_code"],
         "index": _number(family["tension_index"], fmt),
         "category": _number(family["tension_class"], fmt, 0),
         "factors": [_number(family["factors"].get(f), fmt, 0) for f in TENSION_FACTORS]}
        for family in families[:TENSION_ROWS_SHOWN]
    ]  # fmt: skip
    old = ""
    if table.get("old"):
        old = translate(
            N_("These indicators are of {year}, {years} years before the quarter."),
            language, year=table["reference_period"], years=table["years_before"],
        )  # fmt: skip
    return {
        "place": table.get("geo_label") or table["geo_code"],
        "period": table["reference_period"],
        "credit": _credit(str(table["source_id"])),
        "rows": rows,
        "shown": len(rows),
        "total": len(families),
        "old": old,
    }


def _number(value: float | None, fmt: Formatter, digits: int = 2) -> str:
    return "–" if value is None else fmt.number(value, digits=digits)


def _translated(names: dict[str, str], key: str | None, language: str) -> str:
    message = names.get(key) if key else None
    return gettext(message, language) if message else "—"


def typology_rows(document: dict[str, Any], language: str) -> list[dict[str, str]]:
    """Each DARES factor with its common type, VDAB reason and Le Forem status."""
    return [
        {
            "factor": _translated(CONTEXT_LABELS, row.get("factor"), language),
            "type": _translated(TYPE_NAMES, row.get("type"), language),
            "vdab": _translated(VDAB_REASONS, row.get("vdab_reason"), language),
            "forem": _translated(FOREM_STATUSES, row.get("forem_status"), language),
        }
        for row in document.get("tension_typology", [])
    ]


def side_by_side_view(
    document: dict[str, Any], zone: str, zone_name: str, fmt: Formatter
) -> dict[str, Any]:
    """The zone's figures side by side, what is missing, and its tension tables."""
    language = fmt.language
    entry = (document.get("side_by_side") or {}).get(zone) or {}
    tables = document.get("tension_tables") or {}
    return {
        "lines": _defined_once(
            [_line(figure, zone_name, fmt) for figure in entry.get("figures", [])]
        ),
        "missing": [_missing(item, language) for item in entry.get("missing", [])],
        "differences": gettext(DEFINITION_DIFFERENCES, language),
        "tension": [_tension_table(tables[key], fmt) for key in entry.get("tension", [])],
        "factor_names": [gettext(CONTEXT_LABELS[f], language) for f in TENSION_FACTORS],
        "typology": typology_rows(document, language),
    }


OCCUPATION_SYSTEMS: Final = ("rome3", "competent", "arvastat-beroep", "bmo-metier")


def occupation_hint(document: dict[str, Any], zone: str, language: str) -> str:
    """For a zone without figures by occupation: the partner files that would give them."""
    side = next((z.get("side") for z in document.get("zones", []) if z["code"] == zone), None)
    names = [
        f"{source.names[language]} ({source.id})"
        for source in SOURCES.values()
        if source.side == side
        and any(system.split(":")[0] in OCCUPATION_SYSTEMS for system in source.code_systems)
    ]
    if not names:
        return ""
    message = N_("No figure by occupation for this zone yet; it would come from: {sources}.")
    return translate(message, language, sources="; ".join(names))


def zones_with_context(document: dict[str, Any]) -> set[str]:
    """Zones whose side-by-side section or tension table has something to show."""
    entries = document.get("side_by_side") or {}
    return {code for code, entry in entries.items() if entry.get("figures") or entry.get("tension")}
