"""What each page shows, built from release documents: plain functions, no HTTP."""

from __future__ import annotations

from typing import Any, Final

from markupsafe import Markup

from schemas.canonical import TOTAL
from services.api.site.bulletin_view import (
    CellIndex,
    Row,
    Table,
    child_zones,
    headline,
    indicators_in,
    occupation_table,
    occupations,
    sector_table,
    shown,
    sides_table,
    top_zone,
    zone_names,
    zone_table,
)
from services.api.site.charts import Bar, Series, bar_chart, line_chart
from services.api.site.formatting import Formatter
from services.api.site.maps import Shade, zone_map
from services.api.site.side_by_side_view import (
    occupation_hint,
    side_by_side_view,
    zones_with_context,
)
from services.harmonizer.sources import SOURCES
from services.i18n import N_, translate

# The name (msgid) of each list of shortage signals, as its source record gives it.
SIGNAL_SOURCES: Final = {
    source.id: source.signal_name for source in SOURCES.values() if source.signal_name
}
SIDES: Final = {
    "FR": N_("France"),
    "BE-VL": N_("Flanders"),
    "BE-WA": N_("Wallonia"),
    "cross-border": N_("Both sides"),
}
MAIN_INDICATOR: Final = "hiring_projects"
# Shown for each side when a zone spans the border (its own figures would add up concepts).
KEY_INDICATORS: Final = frozenset(
    {"hiring_projects", "difficult_share", "vacancies_received", "offers_published",
     "job_seekers", "tension_ratio"}
)  # fmt: skip
STATES: Final = {
    "draft": N_("Draft"),
    "preview": N_("Preview under embargo"),
    "public": N_("Public"),
}


def main_indicator(indicators: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Hiring projects when the release has them, else its first indicator."""
    for item in indicators:
        if item["code"] == MAIN_INDICATOR:
            return item
    return indicators[0] if indicators else None


def selected_zone(document: dict[str, Any], requested: str | None) -> str | None:
    """The requested zone if the release has it, else the whole Eurométropole."""
    if requested and requested in zone_names(document):
        return requested
    return top_zone(document)


def _map(
    index: CellIndex, indicator: dict[str, Any], fmt: Formatter, names: dict[str, str]
) -> Markup:
    shades = {}
    for zone, occupation, nace, code in index.cells:
        if code == indicator["code"] and occupation == nace == TOTAL:
            item = shown(index.get(zone, code), fmt)
            shades[zone] = Shade(item.text or item.mark or "", item.value)
    title = translate(N_("{indicator} by zone, all occupations"), fmt.language,
                      indicator=indicator["label"])  # fmt: skip
    description = "; ".join(
        f"{names.get(zone, zone)}: {shade.text}" for zone, shade in shades.items()
    )
    border = translate(N_("Border between France and Belgium"), fmt.language)
    return zone_map(shades, title, description, border, fmt)


def _occupation_chart(
    document: dict[str, Any], index: CellIndex, zone: str, indicator: dict[str, Any],
    fmt: Formatter, zone_name: str,
) -> Markup:  # fmt: skip
    bars = []
    for code, label in occupations(document, 1):
        item = shown(index.get(zone, indicator["code"], code), fmt)
        if item.value is not None or item.mark != "–":
            bars.append(Bar(label, item.value, item.text or item.mark or ""))
    bars.sort(key=lambda bar: -(bar.value or 0.0))
    title = translate(N_("{indicator} by occupation group, {zone}"), fmt.language,
                      indicator=indicator["label"], zone=zone_name)  # fmt: skip
    description = "; ".join(f"{bar.label}: {bar.text}" for bar in bars)
    return bar_chart(bars, title, description, fmt, ident="occupation-chart")


def zones_with_figures(index: CellIndex, zones: list[dict[str, Any]]) -> list[dict[str, Any]]:
    present = {key[0] for key in index.cells}
    return [zone for zone in zones if zone["code"] in present]


def _key_figures(
    index: CellIndex, zone: dict[str, Any], indicators: list[dict[str, Any]], fmt: Formatter,
    only_key: bool,
) -> dict[str, Any]:  # fmt: skip
    chosen = [i for i in indicators if not only_key or i["code"] in KEY_INDICATORS]
    return {"zone": zone, "figures": headline(index, zone["code"], chosen, fmt)}


def pickable_zones(document: dict[str, Any], index: CellIndex) -> list[dict[str, Any]]:
    """Zones with figures (counted, or side by side), and the zones above them."""
    zones = document.get("zones", [])
    with_figures = {zone["code"] for zone in zones_with_figures(index, zones)}
    with_figures |= zones_with_context(document)
    parents = {zone.get("parent") for zone in zones if zone["code"] in with_figures}
    return [zone for zone in zones if zone["code"] in with_figures | parents]


def key_figures(
    document: dict[str, Any], index: CellIndex, zone: str, indicators: list[dict[str, Any]],
    fmt: Formatter,
) -> list[dict[str, Any]]:  # fmt: skip
    """The zone's own figures, or, for a zone without (the whole Eurométropole: concepts of
    both sides are never added up), the key figures of each of its zones that has some."""
    own = [z for z in document.get("zones", []) if z["code"] == zone]
    if zones_with_figures(index, own):
        return [_key_figures(index, own[0], indicators, fmt, only_key=False)]
    children = zones_with_figures(index, child_zones(document, zone))
    return [_key_figures(index, child, indicators, fmt, only_key=True) for child in children]


def _occupations(
    document: dict[str, Any], index: CellIndex, zone: str, zone_name: str,
    indicators: list[dict[str, Any]], main: dict[str, Any] | None, fmt: Formatter,
) -> Table:  # fmt: skip
    """Occupation groups × indicators for a zone with figures; × its zones side by side (the
    main indicator) for a zone without."""
    language = fmt.language
    link = "/occupations/{code}?period=" + document["period"]
    corner = translate(N_("Occupation group (ISCO-08)"), language)
    if zones_with_figures(index, [{"code": zone}]) or main is None:
        caption = translate(N_("Figures by occupation group, {zone}"), language, zone=zone_name)
        return occupation_table(document, index, zone, indicators, fmt, caption, corner, link)
    children = zones_with_figures(index, child_zones(document, zone))
    caption = translate(N_("{indicator} by occupation group and zone"), language,
                        indicator=main["label"])  # fmt: skip
    rows = [
        Row(label, [shown(index.get(child["code"], main["code"], code), fmt) for child in children],
            link.format(code=code))
        for code, label in occupations(document, 1)
    ]  # fmt: skip
    return Table(caption, corner, [child["name"] for child in children], rows)


def bulletin_context(
    document: dict[str, Any], requested_zone: str | None, fmt: Formatter
) -> dict[str, Any]:
    """Key figures, map, tables and chart of one release for one zone."""
    language = fmt.language
    index = CellIndex.of(document)
    indicators = indicators_in(document, index)
    zone = selected_zone(document, requested_zone) or ""
    zone_name = zone_names(document).get(zone, zone)
    main = main_indicator(indicators)
    zones_shown = zones_with_figures(
        index, [z for z in document.get("zones", []) if z["code"] == zone]
        + child_zones(document, zone),
    )  # fmt: skip
    by_zone = zone_table(
        index, zones_shown, indicators, fmt,
        translate(N_("Figures by zone, all occupations"), language),
        translate(N_("Zone"), language),
    )  # fmt: skip
    chart_zone = (zones_shown or [{"code": zone, "name": zone_name}])[0]
    return {
        "document": document,
        "signal_sources": SIGNAL_SOURCES,
        "quarter": fmt.quarter(document["period"]),
        "zone": zone,
        "zone_name": zone_name,
        "zones": pickable_zones(document, index),
        "key_figures": key_figures(document, index, zone, indicators, fmt),
        "zone_table": by_zone,
        "occupation_table": _occupations(document, index, zone, zone_name, indicators, main, fmt),
        "sector_table": sector_table(
            document, index, zone, fmt,
            translate(N_("Figures by sector (NACE), all occupations, {zone}"), language,
                      zone=zone_name),
            translate(N_("Sector (NACE Rev. 2 section)"), language),
        ),
        "opportunities": opportunities(document, language),
        "side": side_by_side_view(document, zone, zone_name, fmt),
        "occupation_hint": occupation_hint(document, zone, language),
        "map": _map(index, main, fmt, zone_names(document)) if main else None,
        "chart": _occupation_chart(document, index, chart_zone["code"], main, fmt,
                                   chart_zone["name"]) if main else None,
    }  # fmt: skip


def opportunities(document: dict[str, Any], language: str) -> list[dict[str, Any]]:
    """Cross-border opportunities with the sides named in the reader's language."""

    def side(code: str) -> str:
        return translate(SIDES[code], language) if code in SIDES else code

    return [
        {**item, "short_side_name": side(item.get("short_side", "")),
         "candidate_side_name": side(item.get("candidate_side", ""))}
        for item in sorted(document.get("opportunities", []), key=lambda o: o.get("rank", 0))
    ]  # fmt: skip


def border_zones(document: dict[str, Any]) -> list[dict[str, Any]]:
    """The zones right under the top zone: one per side of the border."""
    top = top_zone(document)
    return child_zones(document, top) if top else []


def occupation_context(
    document: dict[str, Any], code: str, series_documents: list[dict[str, Any]], fmt: Formatter
) -> dict[str, Any] | None:
    """One occupation on both sides of the border, and its series across the releases."""
    index = CellIndex.of(document)
    label = next((lbl for c, lbl in occupations(document, 1) + occupations(document, 2)
                  + occupations(document, 4) if c == code), None)  # fmt: skip
    if label is None:
        return None
    indicators = indicators_in(document, index)
    zones = border_zones(document)
    table = sides_table(index, zones, indicators, code, fmt,
                        translate(N_("{occupation} on both sides of the border"), fmt.language,
                                  occupation=label),
                        translate(N_("Indicator"), fmt.language))  # fmt: skip
    main = main_indicator(indicators)
    return {
        "document": document,
        "quarter": fmt.quarter(document["period"]),
        "code": code,
        "label": label,
        "table": table,
        "series": _series(series_documents, code, zones, main, fmt) if main else None,
    }


def _series(
    documents: list[dict[str, Any]], code: str, zones: list[dict[str, Any]],
    indicator: dict[str, Any], fmt: Formatter,
) -> dict[str, Any]:  # fmt: skip
    quarters = [fmt.quarter(doc["period"]) for doc in documents]
    indexes = [CellIndex.of(doc) for doc in documents]
    lines = [
        Series(zone.get("name") or zone["code"],
               [shown(ix.get(zone["code"], indicator["code"], code), fmt).value for ix in indexes])
        for zone in zones
    ]  # fmt: skip
    title = translate(N_("{indicator} across releases"), fmt.language, indicator=indicator["label"])
    rows = [
        (quarter, [shown(ix.get(zone["code"], indicator["code"], code), fmt) for zone in zones])
        for quarter, ix in zip(quarters, indexes, strict=True)
    ]
    description = "; ".join(
        f"{quarter}: " + ", ".join(item.text or item.mark or "" for item in items)
        for quarter, items in rows
    )
    return {
        "chart": line_chart(lines, quarters, title, description, fmt, ident="series-chart"),
        "title": title,
        "columns": [zone.get("name") or zone["code"] for zone in zones],
        "rows": rows,
    }


def geo_vintages(inputs: dict[str, Any]) -> list[tuple[str, str]]:
    """(geography system, vintage) pairs, from ``{"fr-bassin-bmo": "BE25"}`` or
    ``["fr-bassin-bmo:BE25"]``."""
    vintages = inputs.get("geo_vintages") or {}
    if isinstance(vintages, dict):
        return sorted((str(k), str(v)) for k, v in vintages.items())
    return [(system, vintage) for system, _, vintage in (str(v).partition(":") for v in vintages)]
