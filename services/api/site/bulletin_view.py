"""A bulletin release document shaped for reading: figures as locale text, secrets as marks."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Final

from schemas.canonical import TOTAL
from services.api.site.formatting import Formatter
from services.i18n import N_

Key = tuple[str, str, str, str]  # zone, occupation code, NACE section, indicator
COUNT_UNITS: Final = frozenset({"projects", "vacancies", "offers", "persons", "aspirations"})
# A value that is not published gets a mark, explained in the legend under each table.
MARKS: Final = {
    "c": N_("confidential: under the statistical-secret threshold"),
    "d": N_("suppressed so that a confidential value cannot be worked out"),
    "–": N_("not available"),
    "b": N_("lower bound: some of its parts are confidential"),
    "s": N_("small base: read this share with care"),
}


@dataclass(frozen=True)
class Shown:
    """A figure as printed: its text, an optional mark, and the raw value (None if unpublished)."""

    text: str
    mark: str | None = None
    value: float | None = None


def _unpublished_mark(cell: dict[str, Any]) -> str:
    if cell.get("conf_status") == "C":
        return "c"
    if cell.get("conf_status") == "D":
        return "d"
    return "–"


def format_value(value: float, unit: str, fmt: Formatter) -> str:
    """A value in its unit: counts as whole numbers, shares as percentages."""
    if unit == "percent":
        return fmt.percent(value / 100)
    if unit == "share":
        return fmt.percent(value)
    if unit in COUNT_UNITS:
        return fmt.number(round(value))
    return fmt.number(value, digits=2)


def shown(cell: dict[str, Any] | None, fmt: Formatter) -> Shown:
    """Never 0 for a secret: an unpublished value becomes its mark."""
    if cell is None:
        return Shown("", "–")
    value = cell.get("value")
    if value is None:
        return Shown("", _unpublished_mark(cell))
    mark = "b" if cell.get("obs_status") == "D" else None
    if "small_base" in cell.get("flags", []):
        mark = "s"
    return Shown(format_value(float(value), cell.get("unit", ""), fmt), mark, float(value))


def change(cell: dict[str, Any] | None, reference: str, fmt: Formatter) -> str:
    """The change on ``previous_quarter`` or ``previous_year``, as a signed percentage."""
    if not cell or cell.get("value") is None or not cell.get(reference):
        return ""
    return fmt.signed_percent(float(cell["value"]) / float(cell[reference]) - 1)


@dataclass
class CellIndex:
    """The cells of a document by (zone, occupation, NACE section, indicator)."""

    cells: dict[Key, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def of(cls, document: dict[str, Any]) -> CellIndex:
        index = cls()
        for cell in document.get("cells", []):
            key = (cell["zone"], cell["occupation_code"], cell.get("nace_section", TOTAL),
                   cell["indicator"])  # fmt: skip
            index.cells.setdefault(key, cell)
        return index

    def get(
        self, zone: str, indicator: str, occupation: str = TOTAL, nace: str = TOTAL
    ) -> dict[str, Any] | None:
        return self.cells.get((zone, occupation, nace, indicator))


def used_marks(rows: Iterable[Iterable[Shown]]) -> list[tuple[str, str]]:
    """The (mark, explanation msgid) pairs that appear in the given rows, in legend order."""
    seen = {item.mark for row in rows for item in row if item.mark}
    return [(mark, text) for mark, text in MARKS.items() if mark in seen]


def occupations(document: dict[str, Any], level: int) -> list[tuple[str, str]]:
    """(code, label) of the occupations of one ISCO level in the document, by code."""
    found = {
        cell["occupation_code"]: cell.get("occupation_label") or cell["occupation_code"]
        for cell in document.get("cells", [])
        if cell.get("occupation_level") == level
    }
    return sorted(found.items())


def zone_names(document: dict[str, Any]) -> dict[str, str]:
    return {zone["code"]: zone.get("name") or zone["code"] for zone in document.get("zones", [])}


def top_zone(document: dict[str, Any]) -> str | None:
    """The first zone without a parent (the whole Eurométropole)."""
    tops = [zone["code"] for zone in document.get("zones", []) if not zone.get("parent")]
    return tops[0] if tops else None


def child_zones(document: dict[str, Any], parent: str) -> list[dict[str, Any]]:
    return [zone for zone in document.get("zones", []) if zone.get("parent") == parent]


def indicators_in(document: dict[str, Any], index: CellIndex) -> list[dict[str, Any]]:
    """The declared indicators that have at least one cell."""
    present = {key[3] for key in index.cells}
    return [item for item in document.get("indicators", []) if item["code"] in present]


@dataclass(frozen=True)
class Row:
    header: str
    cells: list[Shown]
    link: str | None = None


@dataclass(frozen=True)
class Table:
    """A table with a caption, column headers (``<th scope="col">``) and row headers."""

    caption: str
    corner: str
    columns: list[str]
    rows: list[Row]

    @property
    def legend(self) -> list[tuple[str, str]]:
        return used_marks(row.cells for row in self.rows)


def headline(
    index: CellIndex, zone: str, indicators: list[dict[str, Any]], fmt: Formatter
) -> list[dict[str, Any]]:
    """Each indicator of a zone, all occupations and sectors, with its changes."""
    figures = []
    for indicator in indicators:
        cell = index.get(zone, indicator["code"])
        if cell is None:
            continue
        figures.append(
            {
                "indicator": indicator,
                "shown": shown(cell, fmt),
                "previous_year": change(cell, "previous_year", fmt),
                "previous_quarter": change(cell, "previous_quarter", fmt),
                "reference_period": cell.get("reference_period", ""),
                "source_id": cell.get("source_id", ""),
            }
        )
    return figures


def zone_table(
    index: CellIndex,
    zones: list[dict[str, Any]],
    indicators: list[dict[str, Any]],
    fmt: Formatter,
    caption: str,
    corner: str,
) -> Table:
    """One row per zone, one column per indicator (all occupations, all sectors)."""
    rows = [
        Row(zone.get("name") or zone["code"],
            [shown(index.get(zone["code"], item["code"]), fmt) for item in indicators])
        for zone in zones
    ]  # fmt: skip
    return Table(caption, corner, [item["label"] for item in indicators], rows)


def sector_table(
    document: dict[str, Any], index: CellIndex, zone: str, fmt: Formatter, caption: str,
    corner: str,
) -> Table | None:  # fmt: skip
    """One row per NACE section of the zone (all occupations), one column per indicator broken
    down by section; None when no figure of the zone is."""
    labels = {
        cell["nace_section"]: cell.get("nace_label") or cell["nace_section"]
        for cell in document.get("cells", [])
        if cell["zone"] == zone and cell["occupation_code"] == TOTAL
        and cell.get("nace_section", TOTAL) != TOTAL
    }  # fmt: skip
    if not labels:
        return None
    codes = {key[3] for key in index.cells if key[0] == zone and key[2] in labels}
    indicators = [item for item in document.get("indicators", []) if item["code"] in codes]
    rows = [
        Row(f"{code} {labels[code]}" if len(code) == 1 else labels[code],
            [shown(index.get(zone, item["code"], nace=code), fmt) for item in indicators])
        for code in sorted(labels, key=lambda code: (len(code) > 1, code))
    ]  # fmt: skip
    return Table(caption, corner, [item["label"] for item in indicators], rows)


def occupation_table(
    document: dict[str, Any],
    index: CellIndex,
    zone: str,
    indicators: list[dict[str, Any]],
    fmt: Formatter,
    caption: str,
    corner: str,
    link: str,
) -> Table:
    """One row per ISCO major group (level 1) of a zone, one column per indicator."""
    rows = [
        Row(label, [shown(index.get(zone, item["code"], code), fmt) for item in indicators],
            link.format(code=code))
        for code, label in occupations(document, 1)
    ]  # fmt: skip
    return Table(caption, corner, [item["label"] for item in indicators], rows)


def sides_table(
    index: CellIndex,
    zones: list[dict[str, Any]],
    indicators: list[dict[str, Any]],
    occupation: str,
    fmt: Formatter,
    caption: str,
    corner: str,
) -> Table:
    """One occupation on both sides of the border: one row per indicator, a column per zone."""
    rows = [
        Row(item["label"], [shown(index.get(zone["code"], item["code"], occupation), fmt)
                            for zone in zones])
        for item in indicators
    ]  # fmt: skip
    return Table(caption, corner, [zone.get("name") or zone["code"] for zone in zones], rows)


@dataclass(frozen=True)
class Change:
    """A figure that a revision changed: where, and its text before and after."""

    zone: str
    occupation: str
    indicator: str
    before: Shown
    after: Shown


def _comparable(cell: dict[str, Any] | None) -> tuple[Any, ...] | None:
    if cell is None:
        return None
    return (cell.get("value"), cell.get("obs_status"), cell.get("conf_status"))


def revision_changes(before: dict[str, Any], after: dict[str, Any], fmt: Formatter) -> list[Change]:
    """Every figure that differs between two revisions (added and removed ones included)."""
    old, new = CellIndex.of(before), CellIndex.of(after)
    names = zone_names(after)
    changes = []
    for key in sorted(old.cells.keys() | new.cells.keys()):
        first, second = old.cells.get(key), new.cells.get(key)
        if _comparable(first) == _comparable(second):
            continue
        label = (second or first or {}).get("occupation_label") or key[1]
        changes.append(
            Change(names.get(key[0], key[0]), label, key[3], shown(first, fmt), shown(second, fmt))
        )
    return changes
