"""The encounter timeline as inline SVG, drawn on the server.

Why server-side SVG: the page then needs no chart library (nothing may come
from the internet) and no script, prints well, and each dot is a plain link
to the encounter's compare view. One lane per kind of encounter, colours as
in ``communique timeline`` (:data:`communique.encounters.timeline.KIND_COLOURS`),
dot area growing with the number of accounts. Every text is escaped.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape

from communique.encounters.timeline import KIND_COLOURS

WIDTH = 960
LEFT = 130
RIGHT = 60
TOP = 36
LANE = 46


def _ticks(first: date, last: date) -> list[tuple[date, str]]:
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


def render(items: list[dict[str, Any]], title: str = "") -> Markup:
    """SVG for timeline rows (``communique.encounters.timeline.rows``); undated rows are left out."""
    dated = [r for r in items if r.get("date")]
    if not dated:
        return Markup("")
    kinds = [k for k in KIND_COLOURS if any(r["kind"] == k for r in dated)]
    kinds += sorted({r["kind"] for r in dated} - set(kinds))
    first, last = min(r["date"] for r in dated), max(r["date"] for r in dated)
    ticks = [t for t in _ticks(first, last) if t[0] <= last] or [(first, first.isoformat())]
    lo = min(first, ticks[0][0])
    span = max((last - lo).days, 1)
    plot_w = WIDTH - LEFT - RIGHT
    height = TOP + LANE * len(kinds) + 40

    def x(d: date) -> float:
        return LEFT + plot_w * (d - lo).days / span

    out = [
        f'<svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" role="img" aria-label="{escape(title or "encounters over time")}">'
    ]
    if title:
        out.append(f'<text x="{LEFT}" y="20" class="tl-title">{escape(title)}</text>')
    base = TOP + LANE * len(kinds)
    for d, label in ticks:
        if d < lo:
            continue
        px = x(d)
        out.append(f'<line x1="{px:.1f}" y1="{TOP - 6}" x2="{px:.1f}" y2="{base}" class="tl-grid"/>')
        out.append(f'<text x="{px:.1f}" y="{base + 18}" text-anchor="middle" class="tl-tick">{escape(label)}</text>')
    for i, k in enumerate(kinds):
        y = TOP + LANE * i + LANE / 2
        colour = KIND_COLOURS.get(k, "#777777")
        out.append(f'<line x1="{LEFT}" y1="{y}" x2="{WIDTH - RIGHT}" y2="{y}" class="tl-lane"/>')
        out.append(
            f'<text x="{LEFT - 12}" y="{y + 4}" text-anchor="end" class="tl-kind" fill="{colour}">'
            f"{escape(k.replace('_', ' '))}</text>"
        )
    for n, r in enumerate(dated):
        lane = kinds.index(r["kind"])
        y = TOP + LANE * lane + LANE / 2
        px = x(r["date"])
        radius = 5 + 2.5 * min(int(r.get("accounts") or 1), 6)
        colour = KIND_COLOURS.get(r["kind"], "#777777")
        tip = (
            f"{r['date']} {r['kind'].replace('_', ' ')}{' (planned)' if r.get('planned') else ''}"
            f" — {r.get('place') or 'no place'}: {', '.join(r.get('participants') or [])}"
            f" ({r.get('accounts', 1)} account(s))"
        )
        href = "/encounters/" + quote(str(r["group_id"]), safe="")
        dash = ' stroke-dasharray="3 2"' if r.get("planned") else ""
        out.append(
            f'<a href="{escape(href)}" class="tl-dot"><title>{escape(tip)}</title>'
            f'<circle cx="{px:.1f}" cy="{y:.1f}" r="{radius:.1f}" fill="{colour}" fill-opacity="0.75" '
            f'stroke="{colour}" stroke-width="1.5"{dash}/>'
        )
        label = r.get("place") or ""
        if label:
            dy = -radius - 4 - 9 * (n % 2)
            out.append(
                f'<text x="{px:.1f}" y="{y + dy:.1f}" text-anchor="middle" class="tl-place">{escape(label)}</text>'
            )
        out.append("</a>")
    out.append("</svg>")
    return Markup("".join(out))
