"""Server-side SVG charts and the schematic zone map: locale numbers, text alternatives."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from services.api.site.charts import Bar, Series, bar_chart, line_chart, nice_ticks
from services.api.site.formatting import Formatter
from services.api.site.maps import TILES, Shade, tile_shades, zone_map

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = '"Quoted" <script>alert(1)</script> שלום 👷'


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # well-formed XML, or this raises


def test_nice_ticks() -> None:
    assert nice_ticks(2710) == [0, 1000, 2000, 3000]
    assert nice_ticks(74.5) == [0, 20, 40, 60, 80]
    assert nice_ticks(0) == [0.0, 1.0]


@pytest.mark.parametrize(("language", "tick"), [("fr", "1\u202f000"), ("nl", "1.000"),
                                                 ("en", "1,000")])  # fmt: skip
def test_bar_chart_axis_uses_the_locale(language: str, tick: str) -> None:
    fmt = Formatter(language)
    bars = [Bar("Lille", 2710, fmt.number(2710)), Bar("Kortrijk", None, "c")]
    root = _parse(bar_chart(bars, "Title", "Lille: 2710; Kortrijk: c", fmt))
    texts = [element.text for element in root.iter(f"{SVG}text")]
    assert tick in texts and fmt.number(2710) in texts


def test_bar_chart_has_text_alternatives_and_no_bar_for_a_secret() -> None:
    fmt = Formatter("en")
    bars = [Bar("Lille", 2710, "2,710"), Bar("Kortrijk", None, "c")]
    root = _parse(bar_chart(bars, "Hiring projects", "Lille: 2,710; Kortrijk: c", fmt, "x"))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "x-title x-desc"
    assert root.find(f"{SVG}title").text == "Hiring projects"  # type: ignore[union-attr]
    assert root.find(f"{SVG}desc").text == "Lille: 2,710; Kortrijk: c"  # type: ignore[union-attr]
    assert len(list(root.iter(f"{SVG}rect"))) == 1  # the secret value draws no bar, not a 0 bar
    assert "c" in [element.text for element in root.iter(f"{SVG}text")]


def test_labels_are_escaped_in_svg() -> None:
    svg = str(bar_chart([Bar(HOSTILE, 5, "5")], HOSTILE, HOSTILE, Formatter("fr")))
    assert "<script>" not in svg
    root = _parse(svg)
    assert root.find(f"{SVG}title").text == HOSTILE  # type: ignore[union-attr]


def test_line_chart_breaks_at_missing_values() -> None:
    fmt = Formatter("nl")
    series = [Series("FR", [100, 200, None, 400]), Series("BE-VL", [None, None, 50, None])]
    root = _parse(line_chart(series, ["K1 2025", "K2 2025", "K3 2025", "K4 2025"], "T", "D", fmt))
    lines = list(root.iter(f"{SVG}polyline"))
    assert len(lines) == 1  # FR's first two points; 400 alone and 50 alone are dots only
    assert len(list(root.iter(f"{SVG}circle"))) == 4
    assert "K3 2025" in [element.text for element in root.iter(f"{SVG}text")]


def test_map_uses_one_level_per_group() -> None:
    shades = {"EMLKT-FR": Shade("12", 12.0), "EMLKT-VL": Shade("c", None),
              "FR-BMO-3216": Shade("5", 5.0), "BE-ARR-34000": Shade("3", 3.0)}  # fmt: skip
    chosen = tile_shades(shades)
    # Kortrijk alone of the four Flemish zones is not enough: they all show their group
    assert chosen["BE-ARR-34000"] == Shade("c", None)
    assert chosen["FR-BMO-3216"] == chosen["FR-BMO-3217"] == Shade("12", 12.0)
    assert chosen["BE-ARR-51000"] is None
    shades["FR-BMO-3217"] = Shade("7", 7.0)  # both French bassins: their own figures
    assert tile_shades(shades)["FR-BMO-3216"] == Shade("5", 5.0)
    every = {tile.code: Shade(str(i), float(i)) for i, tile in enumerate(TILES)}
    assert tile_shades(every) == every


def test_map_names_places_in_the_language_and_marks_secrets() -> None:
    shades = {"EMLKT-FR": Shade("2.710", 2710.0), "EMLKT-VL": Shade("c", None),
              "EMLKT-WA": Shade("40", 40.0)}  # fmt: skip
    svg = str(zone_map(shades, "Kaart", "Beschrijving", "Grens", Formatter("nl")))
    root = _parse(svg)
    texts = [element.text for element in root.iter(f"{SVG}text")]
    assert {"Rijsel", "Kortrijk", "Doornik-Moeskroen", "Aat", "Grens"} <= set(texts)
    assert texts.count("c") == 4  # the four Flemish arrondissements, never 0
    fills = re.findall(r'fill="(#[0-9a-f]{6})" stroke="#4d4d4d"/><text[^>]*>Kortrijk', svg)
    assert fills == ["#f0f0f0"]  # no shade for a value that is not published
