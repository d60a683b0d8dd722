"""The encounter timeline: one lane per kind of encounter, a dot per encounter, places as labels.

Readable at hundreds of encounters: dots that would overlap are stacked
beside each other inside their lane (a "beeswarm", so none hides another),
and a label is drawn only where it fits without touching another — in a few
rows above the lane, first row that is free — and not again when the same
place is already labelled close by. A dot without a label keeps its place in
its tooltip. The placement is greedy, left to right, so the same rows always
give the same picture. Colours follow
:data:`communique.encounters.timeline.KIND_COLOURS`; dot area grows with the
number of accounts; planned encounters have a dashed ring.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any

from communique.charts.svg import GRID, LANE, MUTED, Href, date_ticks, link, open_svg, text, text_width
from communique.encounters.timeline import KIND_COLOURS

WIDTH = 960
LEFT = 150
RIGHT = 60
TOP = 36
LABEL_SIZE = 10
LABEL_ROW = 12
LABEL_ROWS = 3
SAME_LABEL_GAP = 120  # px: the same place is not labelled twice this close in one lane


def radius(accounts: int, crowded: bool) -> float:
    base, step = (3.0, 1.0) if crowded else (5.0, 2.5)
    return base + step * min(max(int(accounts or 1), 1), 6)


def swarm(xs: list[float], radii: list[float], gap: float = 1.0) -> list[float]:
    """Vertical offsets that keep circles at ``xs`` (sorted) from overlapping: each dot takes the free
    offset nearest the lane's line (below first on a tie), given the dots placed before it.

    Each earlier dot close enough in x blocks an interval of offsets; the answer is 0 when free, else
    the nearest end of the merged blocked intervals — so a column of n equal dots costs n log n, not
    a search step by step. Greedy in the given order, so deterministic.
    """
    placed: list[tuple[float, float, float]] = []
    widest = max(radii, default=0.0)
    out = []
    for x, r in zip(xs, radii, strict=True):
        blocked = []
        for px, py, pr in reversed(placed):
            if x - px >= widest + r + gap:
                break
            d = pr + r + gap
            dx = abs(x - px)
            if dx < d:
                h = math.sqrt(d * d - dx * dx)
                blocked.append((py - h, py + h))
        dy = _nearest_free(blocked)
        placed.append((x, dy, r))
        out.append(dy)
    return out


def _nearest_free(blocked: list[tuple[float, float]]) -> float:
    """The point nearest 0 outside every open interval of ``blocked`` (ties: the positive one)."""
    merged: list[list[float]] = []
    for a, b in sorted(blocked):
        if merged and a < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    if not any(a < 0 < b for a, b in merged):
        return 0.0
    return min((v for ab in merged for v in ab), key=lambda v: (abs(v), v < 0))


def place_labels(cands: list[tuple[float, str]], rows: int = LABEL_ROWS) -> list[int | None]:
    """For labels centred at x (sorted by x), the row each goes in, or None when it would touch another."""
    ends = [-1e9] * rows
    last_at: dict[str, float] = {}
    out: list[int | None] = []
    for x, label in cands:
        w = text_width(label, LABEL_SIZE)
        if not label or x - last_at.get(label, -1e9) < SAME_LABEL_GAP:
            out.append(None)
            continue
        row = next((i for i in range(rows) if ends[i] + 4 <= x - w / 2), None)
        out.append(row)
        if row is not None:
            ends[row] = x + w / 2
            last_at[label] = x
    return out


def when(r: dict[str, Any]) -> date | None:
    """Where a row sits in time: its date, else the end of its window (undated: it happened by then)."""
    window = r.get("window") or (None, None)
    return r.get("date") or window[1]


def _label(r: dict[str, Any]) -> str:
    return str(r.get("place") or "")


def svg(items: list[dict[str, Any]], title: str = "", href: Href | None = None, width: int = WIDTH) -> str:
    """The timeline of rows from :func:`communique.encounters.timeline.rows`.

    An undated encounter is drawn as a hollow dot at the end of its window (the
    latest report's date: it happened by then), so it is seen, and not taken
    for a dated one. ``href(group_id)`` makes each dot a link (the pages link to
    the compare view).
    """
    dated = sorted(
        ({**r, "date": when(r), "undated": not r.get("date")} for r in items if when(r)),
        key=lambda r: (r["date"], str(r.get("group_id"))),
    )
    if not dated:
        return ""
    crowded = len(dated) > 60
    kinds = [k for k in KIND_COLOURS if any(r["kind"] == k for r in dated)]
    kinds += sorted({str(r["kind"]) for r in dated} - set(kinds))
    first, last = dated[0]["date"], dated[-1]["date"]
    ticks = [t for t in date_ticks(first, last) if t[0] <= last] or [(first, first.isoformat())]
    lo = min(first, ticks[0][0])
    span = max((last - lo).days, 1)
    plot_w = width - LEFT - RIGHT

    def x(d: date) -> float:
        return LEFT + plot_w * (d - lo).days / span

    lanes = []  # per kind: (rows, xs, radii, offsets, label rows, lane height)
    for k in kinds:
        rows = [r for r in dated if r["kind"] == k]
        xs = [x(r["date"]) for r in rows]
        radii = [radius(r.get("accounts") or 1, crowded) for r in rows]
        offsets = swarm(xs, radii)
        rows_of_label = place_labels([(px, _label(r)) for px, r in zip(xs, rows, strict=True)])
        up = max((-dy + rr for dy, rr in zip(offsets, radii, strict=True)), default=0)
        down = max((dy + rr for dy, rr in zip(offsets, radii, strict=True)), default=0)
        label_h = LABEL_ROW * (1 + max((row for row in rows_of_label if row is not None), default=-1))
        lanes.append((rows, xs, radii, offsets, rows_of_label, up, down, label_h))

    heights = [label_h + up + down + 16 for *_, up, down, label_h in lanes]
    heights = [max(46.0, h) for h in heights]
    base = TOP + sum(heights)
    height = base + 40
    label = title or "encounters over time"
    out = [open_svg(width, height, label, "timeline")]
    if title:
        out.append(text(LEFT, 20, title, size=14, font_weight="700"))
    for d, tick in ticks:
        if d < lo:
            continue
        px = x(d)
        out.append(f'<line x1="{px:.1f}" y1="{TOP - 6}" x2="{px:.1f}" y2="{base:.1f}" stroke="{GRID}"/>')
        out.append(text(px, base + 18, tick, anchor="middle", fill=MUTED))
    top = TOP
    for k, lane, h in zip(kinds, lanes, heights, strict=True):
        rows, xs, radii, offsets, rows_of_label, up, down, label_h = lane
        y = top + label_h + up + 8 + (h - (label_h + up + down + 16)) / 2
        colour = KIND_COLOURS.get(k, "#777777")
        out.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{width - RIGHT}" y2="{y:.1f}" stroke="{LANE}" stroke-dasharray="2 3"/>'
        )
        out.append(text(LEFT - 12, y + 4, k.replace("_", " "), size=12, anchor="end", fill=colour, font_weight="600"))
        for r, px, rr, dy, row in zip(rows, xs, radii, offsets, rows_of_label, strict=True):
            tip = (
                f"{'undated, by ' if r['undated'] else ''}{r['date']} {str(r['kind']).replace('_', ' ')}"
                f"{' (planned)' if r.get('planned') else ''}"
                f" — {r.get('place') or 'no place'}: {', '.join(r.get('participants') or [])}"
                f" ({r.get('accounts', 1)} account(s))"
            )
            dash = ' stroke-dasharray="3 2"' if r.get("planned") else ""
            fill = "#ffffff" if r["undated"] else colour
            dot = (
                f'<circle cx="{px:.1f}" cy="{y + dy:.1f}" r="{rr:.1f}" fill="{fill}" fill-opacity="0.7" '
                f'stroke="{colour}" stroke-width="1.2"{dash}/>'
            )
            if row is not None:
                ly = y - up - 6 - LABEL_ROW * row
                dot += text(px, ly, _label(r), size=LABEL_SIZE, anchor="middle", fill="#39404d")
            out.append(link(href(str(r["group_id"])) if href else None, dot, tip))
        top += h
    out.append("</svg>")
    return "".join(out)


__all__ = ["svg", "swarm", "place_labels", "when"]
