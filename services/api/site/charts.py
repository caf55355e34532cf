"""Bar and line charts as SVG drawn on the server: locale numbers, <title>/<desc>, no script.

A small renderer rather than Altair + vl-convert: it needs no JavaScript engine, its output is
deterministic (tests compare strings), and the same SVG goes into the page and the PDF.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from markupsafe import Markup, escape

from services.api.site.formatting import Formatter

# Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
PALETTE: Final = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
TEXT: Final = "#1a1a1a"
GRID: Final = "#c8c8c8"
FONT: Final = 'font-family="DejaVu Sans, Verdana, sans-serif" font-size="12"'


@dataclass(frozen=True)
class Bar:
    """One bar: its label, its value (None when not published) and the text printed beside it."""

    label: str
    value: float | None
    text: str


@dataclass(frozen=True)
class Series:
    """One line: its name and one value (or None) per x label."""

    name: str
    values: list[float | None]


def nice_ticks(maximum: float, count: int = 4) -> list[float]:
    """0 and round steps (1, 2 or 5 × 10ⁿ) up to at least ``maximum``."""
    if maximum <= 0:
        return [0.0, 1.0]
    raw = maximum / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(power * m for m in (1, 2, 5, 10) if power * m >= raw)
    top = math.ceil(maximum / step) * step
    return [step * i for i in range(round(top / step) + 1)]


def _open(ident: str, width: int, height: int, title: str, description: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" '
        f'aria-labelledby="{ident}-title {ident}-desc" {FONT}>'
        f'<title id="{ident}-title">{escape(title)}</title>'
        f'<desc id="{ident}-desc">{escape(description)}</desc>'
    )


def _text(x: float, y: float, content: str, anchor: str = "start", extra: str = "") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="{TEXT}"{extra}>'
        f"{escape(content)}</text>"
    )


def bar_chart(
    bars: list[Bar], title: str, description: str, fmt: Formatter, ident: str = "bars"
) -> Markup:
    """Horizontal bars (long occupation labels stay readable on a phone), value at each end."""
    label_width, plot_width, row, top = 230, 330, 26, 34
    height = top + row * len(bars) + 10
    ticks = nice_ticks(max((bar.value or 0.0 for bar in bars), default=0.0))
    scale = plot_width / ticks[-1]
    parts = [_open(ident, label_width + plot_width + 80, height, title, description)]
    for tick in ticks:
        x = label_width + tick * scale
        parts.append(f'<line x1="{x:.1f}" y1="{top - 6}" x2="{x:.1f}" y2="{height - 10}" '
                     f'stroke="{GRID}"/>')  # fmt: skip
        parts.append(_text(x, top - 12, fmt.number(tick), "middle"))
    for position, bar in enumerate(bars):
        y = top + position * row
        parts.append(_text(label_width - 8, y + 17, _shorten(bar.label), "end"))
        length = (bar.value or 0.0) * scale
        if bar.value is not None:
            parts.append(f'<rect x="{label_width}" y="{y + 4}" width="{length:.1f}" '
                         f'height="{row - 8}" fill="{PALETTE[0]}"/>')  # fmt: skip
        parts.append(_text(label_width + length + 6, y + 17, bar.text))
    parts.append("</svg>")
    return Markup("".join(parts))


def _shorten(label: str, limit: int = 34) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def line_chart(
    series: list[Series],
    x_labels: list[str],
    title: str,
    description: str,
    fmt: Formatter,
    ident: str = "lines",
) -> Markup:
    """One line per series across the x labels (releases); a missing value breaks the line."""
    left, width, top, plot_height = 70, 560, 20, 180
    height = top + plot_height + 34 + 20 * len(series)
    values = [v for item in series for v in item.values if v is not None]
    ticks = nice_ticks(max(values, default=0.0))
    span = width - left - 20
    step = span / (len(x_labels) - 1) if len(x_labels) > 1 else 0.0
    start = left if len(x_labels) > 1 else left + span / 2  # one release: in the middle

    def point(i: int, v: float) -> tuple[float, float]:
        return start + i * step, top + plot_height * (1 - v / ticks[-1])

    parts = [_open(ident, width, height, title, description)]
    for tick in ticks:
        y = point(0, tick)[1]
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - 10}" y2="{y:.1f}" '
                     f'stroke="{GRID}"/>')  # fmt: skip
        parts.append(_text(left - 6, y + 4, fmt.number(tick), "end"))
    for i, label in enumerate(x_labels):
        parts.append(_text(point(i, 0)[0], top + plot_height + 18, label, "middle"))
    for number, item in enumerate(series):
        colour = PALETTE[number % len(PALETTE)]
        parts.extend(_line(item, point, colour))
        y = top + plot_height + 42 + 20 * number  # one legend line per series
        parts.append(f'<rect x="{left}" y="{y - 10}" width="12" height="12" fill="{colour}"/>')
        parts.append(_text(left + 16, y, _shorten(item.name, 70)))
    parts.append("</svg>")
    return Markup("".join(parts))


def _line(
    item: Series, point: Callable[[int, float], tuple[float, float]], colour: str
) -> list[str]:
    parts: list[str] = []
    run: list[str] = []
    for i, value in enumerate([*item.values, None]):
        if value is None:
            if len(run) > 1:
                parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2.5" '
                             f'points="{" ".join(run)}"/>')  # fmt: skip
            run = []
            continue
        x, y = point(i, value)
        run.append(f"{x:.1f},{y:.1f}")
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}"/>')
    return parts
