"""A claim series over time: the figures cited about one quantity, placed at the period they cover.

Rows come from :func:`communique.speech.queries.claim_series`. A figure sits
at the middle of its period (:func:`communique.speech.periods.midpoint`),
else at its document's date. Figures in different units cannot share an
axis, so each unit gets its own panel (the four most cited; the picture says
how many figures it left out). Points are coloured by the change the text
states (increase, decrease) and joined in time order by a thin line; a value
label is written above a point only where it does not touch another label.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from typing import Any

from communique.charts.svg import (
    GRID,
    INK,
    MUTED,
    date_ticks,
    link,
    nice_ticks,
    open_svg,
    short_number,
    text,
    text_width,
)
from communique.speech.periods import midpoint

WIDTH = 960
LEFT = 80
RIGHT = 40
PANEL = 190
GAP = 46
TOP = 52
MAX_PANELS = 4
CHANGE_COLOURS = {"increase": "#2ca02c", "decrease": "#d62728"}
LEVEL = "#1f77b4"


def when(row: dict[str, Any]) -> date | None:
    """Where a claim sits on the time axis: the middle of its period, else its document's date."""
    got = midpoint(row.get("period"))
    if got is None:
        pub = row.get("published")
        got = pub.date() if isinstance(pub, datetime) else pub if isinstance(pub, date) else None
    return got


def svg(rows: list[dict[str, Any]], title: str = "", href: Any = None, width: int = WIDTH) -> str:
    """Panels of figures over time, one per unit. ``href(row)`` makes each point a link (to its span)."""
    placed = [(when(r), r) for r in rows if r.get("value") is not None]
    placed = [(d, r) for d, r in placed if d is not None]
    if not placed:
        return ""
    counts = Counter(str(r.get("unit") or "") for _, r in placed)
    units = [u for u, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))][:MAX_PANELS]
    drawn = sum(counts[u] for u in units)
    left_out = len(rows) - drawn  # in another unit, or with no value or date
    first = min(d for d, _ in placed)
    last = max(d for d, _ in placed)
    ticks = [t for t in date_ticks(first, last) if t[0] <= last] or [(first, first.isoformat())]
    lo = min(first, ticks[0][0])
    span = max((last - lo).days, 1)
    plot_w = width - LEFT - RIGHT

    def x(d: date) -> float:
        return LEFT + plot_w * (d - lo).days / span

    height = TOP + len(units) * (PANEL + GAP) + 10
    out = [open_svg(width, height, title or "claims over time", "series")]
    if title:
        out.append(text(16, 22, title, size=14, font_weight="700"))
    note = f"{drawn} figure(s) in {len(units)} unit(s)"
    if left_out:
        note += f"; {left_out} not drawn (another unit, or no date)"
    out.append(text(16, 40, note, size=11, fill=MUTED))
    lx = width - RIGHT - 300
    for label, colour in (
        ("increase", CHANGE_COLOURS["increase"]),
        ("decrease", CHANGE_COLOURS["decrease"]),
        ("level or not said", LEVEL),
    ):
        out.append(f'<circle cx="{lx:.1f}" cy="36" r="4.5" fill="{colour}"/>')
        out.append(text(lx + 8, 40, label, size=11, fill=MUTED))
        lx += text_width(label, 11) + 26
    for i, unit in enumerate(units):
        top = TOP + i * (PANEL + GAP) + 18
        bottom = top + PANEL - 30
        pts = sorted(
            ((d, r) for d, r in placed if str(r.get("unit") or "") == unit), key=lambda p: (p[0], p[1]["value"])
        )
        values = [float(r["value"]) for _, r in pts]
        vt = nice_ticks(min(0.0, min(values)), max(values))
        vlo, vhi = vt[0], vt[-1] if vt[-1] > vt[0] else vt[0] + 1

        def y(v: float, top: float = top, bottom: float = bottom, vlo: float = vlo, vhi: float = vhi) -> float:
            return bottom - (bottom - top) * (v - vlo) / (vhi - vlo)

        out.append(text(LEFT, top - 8, unit or "no unit", size=12, fill=INK, font_weight="600"))
        for v in vt:
            out.append(f'<line x1="{LEFT}" y1="{y(v):.1f}" x2="{width - RIGHT}" y2="{y(v):.1f}" stroke="{GRID}"/>')
            out.append(text(LEFT - 8, y(v) + 4, short_number(v), size=10, anchor="end", fill=MUTED))
        for d, tick in ticks:
            if d >= lo:
                out.append(text(x(d), bottom + 16, tick, size=10, anchor="middle", fill=MUTED))
        if len(pts) > 1:
            path = " ".join(
                f"{'M' if j == 0 else 'L'}{x(d):.1f},{y(float(r['value'])):.1f}" for j, (d, r) in enumerate(pts)
            )
            out.append(f'<path d="{path}" fill="none" stroke="{LEVEL}" stroke-opacity="0.35" stroke-width="1.2"/>')
        xy = [(x(d), y(float(r["value"]))) for d, r in pts]
        boxes = [(px - 5, py - 5, px + 5, py + 5) for px, py in xy]  # the dots; value labels go around them
        boxes.append((0, bottom + 3, width, bottom + 40))  # and stay off the date axis
        for (_, r), (px, py) in zip(pts, xy, strict=True):
            v = float(r["value"])
            colour = CHANGE_COLOURS.get(str(r.get("change") or ""), LEVEL)
            tip = (
                f"{short_number(v)} {r.get('unit') or ''} — {r.get('quantity') or ''}"
                f" ({r.get('period') or 'no period'}; {r.get('change') or 'level'}),"
                f" cited by {r.get('speaker_name') or '?'} in “{r.get('title') or r.get('doc_id')}”"
                f" ({r.get('published') or 'undated'})"
            )
            dot = f'<circle cx="{px:.1f}" cy="{py:.1f}" r="4.5" fill="{colour}" stroke="#ffffff" stroke-width="1"/>'
            label = short_number(v)
            box = _label_box(px, py, text_width(label, 10), boxes) if len(pts) <= 60 else None
            if box is not None:
                boxes.append(box)
                dot += text((box[0] + box[2]) / 2, box[3] - 2, label, size=10, anchor="middle", fill=INK)
            out.append(link(href(r) if href else None, dot, tip))
    out.append("</svg>")
    return "".join(out)


def _label_box(
    px: float, py: float, w: float, taken: list[tuple[float, float, float, float]]
) -> tuple[float, float, float, float] | None:
    """A box for a value label of width ``w`` above, below, right or left of the point at (px, py) that
    touches no box in ``taken`` (dots and labels already drawn), or None: the label is left out."""
    h = 11.0
    for box in (
        (px - w / 2, py - 7 - h, px + w / 2, py - 7),
        (px - w / 2, py + 7, px + w / 2, py + 7 + h),
        (px + 7, py - h / 2, px + 7 + w, py + h / 2),
        (px - 7 - w, py - h / 2, px - 7, py + h / 2),
    ):
        if all(box[2] <= a[0] or a[2] <= box[0] or box[3] <= a[1] or a[3] <= box[1] for a in taken):
            return box
    return None
