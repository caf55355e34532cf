"""A schematic map of the Eurométropole's zones on both sides of the border, shaded by a value.

Schematic on purpose: one tile per zone, placed roughly as on the ground (Ypres north-west,
Ath south-east, Lille south-west), with the state border drawn between the tiles. No boundary
geometry is used, so there is no geometry licence to record.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from markupsafe import Markup, escape

from services.api.site.formatting import Formatter


@dataclass(frozen=True)
class Tile:
    code: str  # the zone code of data/reference/zones/zones.csv
    group: str  # its parent zone, whose value shades the tile when the zone has none
    column: float
    row: int
    names: dict[str, str]  # place name per language (a data label, not a UI text)


def _names(fr: str, nl: str, en: str) -> dict[str, str]:
    return {"fr": fr, "nl": nl, "en": en}


TILES: Final = (
    Tile("BE-ARR-33000", "EMLKT-VL", 0, 0, _names("Ypres", "Ieper", "Ypres")),
    Tile("BE-ARR-36000", "EMLKT-VL", 1, 0, _names("Roulers", "Roeselare", "Roeselare")),
    Tile("BE-ARR-37000", "EMLKT-VL", 2, 0, _names("Tielt", "Tielt", "Tielt")),
    Tile("BE-ARR-34000", "EMLKT-VL", 1.5, 1, _names("Courtrai", "Kortrijk", "Kortrijk")),
    Tile("FR-BMO-3216", "EMLKT-FR", 0, 2, _names("Lille", "Rijsel", "Lille")),
    Tile(
        "FR-BMO-3217",
        "EMLKT-FR",
        1,
        2,
        _names("Roubaix-Tourcoing", "Roubaix-Tourcoing", "Roubaix-Tourcoing"),
    ),
    Tile(
        "BE-ARR-57000",
        "EMLKT-WA",
        2,
        2,
        _names("Tournai-Mouscron", "Doornik-Moeskroen", "Tournai-Mouscron"),
    ),
    Tile("BE-ARR-51000", "EMLKT-WA", 3, 2, _names("Ath", "Aat", "Ath")),
)
# Light to dark blue; text turns white on the two darkest shades to keep the contrast.
SHADES: Final = ("#deebf7", "#9ecae1", "#6baed6", "#2171b5", "#08306b")
NO_VALUE: Final = "#f0f0f0"
TILE_W, TILE_H, GAP, MARGIN = 150, 70, 8, 10
# The border runs under the Flemish tiles, then between Roubaix-Tourcoing and Tournai-Mouscron.
BORDER: Final = "M 10 170 L 322 170 L 322 252"


@dataclass(frozen=True)
class Shade:
    """A tile's value as printed (or its mark) and the class of its shade (None: no value)."""

    text: str
    value: float | None


def shade_class(value: float | None, maximum: float) -> int | None:
    if value is None or maximum <= 0:
        return None
    return min(int(value / maximum * len(SHADES)), len(SHADES) - 1)


def tile_shades(shades: dict[str, Shade]) -> dict[str, Shade | None]:
    """Each tile's shade, one level per group: the tiles' own zones when every tile of the group
    has a figure, else the group's (a group total never sits beside a member's own figure)."""
    chosen: dict[str, Shade | None] = {}
    for group in dict.fromkeys(tile.group for tile in TILES):
        members = [tile for tile in TILES if tile.group == group]
        own = all(tile.code in shades for tile in members)
        for tile in members:
            chosen[tile.code] = shades[tile.code] if own else shades.get(group)
    return chosen


def _tile_svg(tile: Tile, shade: Shade | None, maximum: float, language: str) -> str:
    x = MARGIN + tile.column * (TILE_W + GAP)
    y = MARGIN + tile.row * (TILE_H + GAP) + (12 if tile.row == 2 else 0)
    level = shade_class(shade.value if shade else None, maximum)
    fill = NO_VALUE if level is None else SHADES[level]
    ink = "#ffffff" if level is not None and level >= 3 else "#1a1a1a"
    name = escape(tile.names[language])
    text = escape(shade.text if shade else "–")
    return (
        f'<g><rect x="{x:.0f}" y="{y:.0f}" width="{TILE_W}" height="{TILE_H}" rx="6" '
        f'fill="{fill}" stroke="#4d4d4d"/>'
        f'<text x="{x + TILE_W / 2:.0f}" y="{y + 28:.0f}" text-anchor="middle" fill="{ink}">'
        f"{name}</text>"
        f'<text x="{x + TILE_W / 2:.0f}" y="{y + 50:.0f}" text-anchor="middle" fill="{ink}" '
        f'font-weight="bold">{text}</text></g>'
    )


def zone_map(
    shades: dict[str, Shade],
    title: str,
    description: str,
    border_label: str,
    fmt: Formatter,
) -> Markup:
    """The tiles shaded by their zones' values, or by their groups' (``EMLKT-VL``…).

    Shades compare figures of one indicator only; the caller passes one unit's figures."""
    chosen = tile_shades(shades)
    values = [shade.value for shade in chosen.values() if shade and shade.value is not None]
    maximum = max(values, default=0.0)
    width = MARGIN * 2 + 4 * TILE_W + 3 * GAP
    height = MARGIN * 2 + 3 * TILE_H + 2 * GAP + 12 + 40
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="map" role="img" width="100%" '
        f'viewBox="0 0 {width} {height}" aria-labelledby="map-title map-desc" '
        f'font-family="DejaVu Sans, Verdana, sans-serif" font-size="13">'
        f'<title id="map-title">{escape(title)}</title>'
        f'<desc id="map-desc">{escape(description)}</desc>'
    ]
    for tile in TILES:
        parts.append(_tile_svg(tile, chosen[tile.code], maximum, fmt.language))
    parts.append(
        f'<path d="{BORDER}" fill="none" stroke="#b2182b" stroke-width="3" stroke-dasharray="8 4"/>'
    )
    parts.append(_legend(maximum, border_label, fmt, height))
    parts.append("</svg>")
    return Markup("".join(parts))


def _legend(maximum: float, border_label: str, fmt: Formatter, height: int) -> str:
    y = height - 26
    parts = [
        f'<line x1="{MARGIN}" y1="{y - 14}" x2="{MARGIN + 30}" y2="{y - 14}" stroke="#b2182b" '
        f'stroke-width="3" stroke-dasharray="8 4"/>'
        f'<text x="{MARGIN + 36}" y="{y - 10}" fill="#1a1a1a">{escape(border_label)}</text>'
    ]
    for level, colour in enumerate(SHADES):
        x = MARGIN + level * 120
        low = fmt.number(maximum * level / len(SHADES))
        parts.append(
            f'<rect x="{x}" y="{y}" width="20" height="14" fill="{colour}" stroke="#4d4d4d"/>'
            f'<text x="{x + 24}" y="{y + 12}" fill="#1a1a1a">≥ {escape(low)}</text>'
        )
    return "".join(parts)
