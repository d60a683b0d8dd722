"""Small pieces every chart shares: escaping, text widths, number and date ticks, the colours.

Charts are styled with SVG presentation attributes only (``fill=``,
``font-size=``), never ``<style>`` or ``style=``: the pages' Content Security
Policy refuses inline styles, and a standalone file must look the same
without the site's stylesheet.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date
from xml.sax.saxutils import escape as _escape

FONT = "DejaVu Sans, Verdana, Arial, sans-serif"
INK = "#1f2430"
MUTED = "#5b6372"
GRID = "#e3e6ec"
LANE = "#c9ced8"
PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf")

Href = Callable[[str], str | None]


def esc(text: object) -> str:
    """Text or an attribute value, escaped for XML (quotes too)."""
    return _escape(str(text), {'"': "&quot;", "'": "&#39;"})


def text_width(text: str, size: float) -> float:
    """An estimate of the drawn width of ``text`` (DejaVu Sans averages ~0.6 em per character).

    Generous on purpose: label placement uses it to keep labels apart, and an
    over-estimate only leaves more room.
    """
    return 0.62 * size * len(text) + 2


def open_svg(width: float, height: float, label: str, cls: str) -> str:
    return (
        f'<svg class="{esc(cls)}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}" role="img" aria-label="{esc(label)}" '
        f'font-family="{FONT}">'
        f'<rect x="0" y="0" width="{width:.0f}" height="{height:.0f}" fill="#ffffff"/>'
    )


def text(x: float, y: float, body: str, size: float = 11, anchor: str = "start", fill: str = INK, **attrs: str) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{esc(v)}"' for k, v in attrs.items())
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size:g}" text-anchor="{anchor}" fill="{fill}"{extra}>'
        f"{esc(body)}</text>"
    )


def link(href: str | None, inner: str, tip: str = "", cls: str = "") -> str:
    """``inner`` with a tooltip, inside a link when there is somewhere to go."""
    title = f"<title>{esc(tip)}</title>" if tip else ""
    c = f' class="{esc(cls)}"' if cls else ""
    if not href:
        return f"<g{c}>{title}{inner}</g>"
    return f'<a href="{esc(href)}"{c}>{title}{inner}</a>'


def date_ticks(first: date, last: date) -> list[tuple[date, str]]:
    """Year ticks over long ranges, month ticks over short ones (at most ~12 labels)."""
    days = (last - first).days
    if days > 3 * 365:
        step = max(1, (last.year - first.year) // 10 + 1)
        return [(date(y, 1, 1), str(y)) for y in range(first.year, last.year + 2, step)]
    out = []
    y, m = first.year, first.month
    months = max(1, days // 30 // 12 + 1)
    while date(y, m, 1) <= last:
        out.append((date(y, m, 1), date(y, m, 1).strftime("%b %Y")))
        m += months
        while m > 12:
            y, m = y + 1, m - 12
    return out or [(first, first.isoformat())]


def nice_ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    """Round tick values covering ``[lo, hi]`` (1, 2 or 5 times a power of ten apart)."""
    if hi <= lo:
        hi = lo + (abs(lo) or 1.0)
    raw = (hi - lo) / max(count, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    start = math.floor(lo / step) * step
    out, v = [], start
    while v < hi + step * 0.999:
        out.append(round(v, 10))
        v += step
    return out


def short_number(value: float) -> str:
    """1 500 000 → ``1.5 mn``, 2e9 → ``2 bn``: axis labels stay short."""
    a = abs(value)
    if a >= 1e12:
        return f"{value / 1e12:g} tn"
    if a >= 1e9:
        return f"{value / 1e9:g} bn"
    if a >= 1e6:
        return f"{value / 1e6:g} mn"
    if a >= 1e4:
        return f"{value / 1e3:g} k"
    return f"{value:g}"
