"""Who met whom: people (or countries) as nodes, encounters as edges, drawn on a circle.

Why a circle, hand-written: it is deterministic (no random start, no
iterations to converge), needs no graph library, and keeps every label
readable — each label is written outward along its node's radius, and the
circle is made large enough that neighbouring labels cannot touch (one
label height of arc per node). A force layout clusters more tellingly but
puts labels on top of each other at a few dozen nodes, which is exactly the
smear the timeline had. Crossings are kept down by the order around the
circle: a walk from the node with the most encounters that always goes on to
the node most strongly tied to those already placed, so partners sit side by
side. Only the ``limit`` nodes with most encounters are drawn; the picture
says how many were left out.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations
from typing import Any

from anyascii import anyascii

from communique.charts.svg import MUTED, PALETTE, Href, link, open_svg, text, text_width

LABEL_SIZE = 11
LABEL_MAX = 26  # characters; longer names are cut with an ellipsis (the tooltip has the full one)
MIN_RADIUS = 150.0


@dataclass
class Edge:
    a: str
    b: str
    weight: int = 0
    first: date | None = None
    last: date | None = None
    kinds: Counter = field(default_factory=Counter)


@dataclass
class Graph:
    by: str  # "person" or "country"
    nodes: dict[str, str]  # key -> label, in drawing order
    weight: dict[str, int]  # key -> number of encounters
    edges: list[Edge]
    total: int  # nodes before the limit
    encounters: int  # encounters the graph was built from


def _words(name: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"[a-z0-9]+", anyascii(name).lower()) if len(w) > 1)


def people_merger(names: list[str]) -> dict[str, str]:
    """Map each spelling to one label: a name whose words are all in a longer name becomes that name
    ("Putin" → "Vladimir Putin", "Kishida Fumio" → "Fumio Kishida") when one name alone holds them. Spelling variants
    stay apart on purpose: merging by sound would join Bashar and Hafez al-Assad."""
    out: dict[str, str] = {}
    full = sorted(set(names), key=lambda n: (-len(_words(n)), -len(n), n))
    for n in full:
        w = _words(n)
        hosts = [c for c in dict.fromkeys(out.values()) if w and w <= _words(c)]
        out[n] = hosts[0] if len(hosts) == 1 else n
    return out


def country_label(iso3: str) -> str:
    try:
        import pycountry

        c = pycountry.countries.get(alpha_3=iso3)
    except (ImportError, LookupError, KeyError):
        c = None
    if c is None:
        return iso3
    return str(getattr(c, "common_name", None) or getattr(c, "name", iso3))


def build(items: list[dict[str, Any]], by: str = "person", limit: int = 40) -> Graph:
    """The graph of timeline rows (:func:`communique.encounters.timeline.rows`): one edge per pair of
    participants, weighted by the encounters they share (planned ones included: the tooltip says so)."""
    if by not in ("person", "country"):
        raise ValueError(f"by must be 'person' or 'country', not {by!r}")
    if by == "person":
        merge = people_merger([n for r in items for n in r.get("participants") or [] if n])
        members = [sorted({merge[n] for n in r.get("participants") or [] if n}) for r in items]
        labels = {m: m for ms in members for m in ms}
    else:
        members = [sorted({c for c in r.get("countries") or [] if c}) for r in items]
        labels = {m: country_label(m) for ms in members for m in ms}
    weight: Counter = Counter()
    edges: dict[tuple[str, str], Edge] = {}
    for r, ms in zip(items, members, strict=True):
        if len(ms) < 2:
            continue
        weight.update(ms)
        for a, b in combinations(ms, 2):
            e = edges.setdefault((a, b), Edge(a, b))
            e.weight += 1
            e.kinds[str(r.get("kind") or "")] += 1
            d = r.get("date")
            if d:
                e.first = d if e.first is None else min(e.first, d)
                e.last = d if e.last is None else max(e.last, d)
    ranked = sorted(weight, key=lambda k: (-weight[k], labels[k]))
    keep = set(ranked[:limit])
    kept = [e for e in sorted(edges.values(), key=lambda e: (-e.weight, e.a, e.b)) if e.a in keep and e.b in keep]
    order = _order([k for k in ranked if k in keep], kept, weight)
    return Graph(by, {k: labels[k] for k in order}, dict(weight), kept, len(weight), len(items))


def _order(nodes: list[str], edges: list[Edge], weight: Counter) -> list[str]:
    """Around the circle: start at the node with most encounters, then always the node most strongly
    tied to the last few placed (ties: more encounters, then name), so partners sit together."""
    tie: dict[str, Counter] = {n: Counter() for n in nodes}
    for e in edges:
        tie[e.a][e.b] += e.weight
        tie[e.b][e.a] += e.weight
    left = list(nodes)  # already ranked by weight, then label
    out: list[str] = []
    while left:
        recent = out[-3:]
        best = max(left, key=lambda n: (sum(tie[p][n] * (1 + i) for i, p in enumerate(recent)), -left.index(n)))
        out.append(best)
        left.remove(best)
    return out


def _short(label: str) -> str:
    return label if len(label) <= LABEL_MAX else label[: LABEL_MAX - 1] + "…"


def svg(
    graph: Graph,
    title: str = "",
    node_href: Href | None = None,
    edge_href: Any = None,
) -> str:
    """The graph on a circle. ``node_href(key)`` and ``edge_href(a, b)`` make nodes and edges links."""
    keys = list(graph.nodes)
    n = len(keys)
    if n == 0:
        return ""
    line = LABEL_SIZE + 5
    radius = max(MIN_RADIUS, n * line / (2 * math.pi))
    label_w = max(text_width(_short(graph.nodes[k]), LABEL_SIZE) for k in keys)
    margin = label_w + 30
    top = 56
    size = 2 * (radius + margin)
    width, height = size, size + top - 10
    cx, cy = size / 2, top + radius + margin - 10
    angle = {k: -math.pi / 2 + 2 * math.pi * i / n for i, k in enumerate(keys)}
    pos = {k: (cx + radius * math.cos(a), cy + radius * math.sin(a)) for k, a in angle.items()}
    top_w = max((e.weight for e in graph.edges), default=1)
    top_n = max(graph.weight.get(k, 1) for k in keys)
    what = "people" if graph.by == "person" else "countries"
    out = [open_svg(width, height, title or f"who met whom: {n} {what}", "network")]
    if title:
        out.append(text(16, 22, title, size=14, font_weight="700"))
    shown = f"{n} {what}, {len(graph.edges)} pair(s), from {graph.encounters} encounter(s)"
    if graph.total > n:
        shown += f"; the {n} of {graph.total} {what} with most encounters"
    out.append(text(16, 40, shown, size=11, fill=MUTED))
    for e in sorted(graph.edges, key=lambda e: (e.weight, e.a, e.b)):  # strongest drawn last, on top
        (x1, y1), (x2, y2) = pos[e.a], pos[e.b]
        mx, my = (x1 + x2) / 2, (y1 + y2) / 2
        qx, qy = cx + (mx - cx) * 0.45, cy + (my - cy) * 0.45  # bend toward the centre
        w = 1.0 + 5.0 * math.sqrt(e.weight / top_w)
        when = f"{e.first} – {e.last}" if e.first and e.last and e.first != e.last else str(e.first or "undated")
        kinds = ", ".join(f"{k.replace('_', ' ')} ×{c}" for k, c in e.kinds.most_common())
        tip = f"{graph.nodes[e.a]} — {graph.nodes[e.b]}: {e.weight} encounter(s), {when} ({kinds})"
        path = (
            f'<path d="M{x1:.1f},{y1:.1f} Q{qx:.1f},{qy:.1f} {x2:.1f},{y2:.1f}" fill="none" '
            f'stroke="#4a6fa5" stroke-opacity="{0.25 + 0.5 * e.weight / top_w:.2f}" stroke-width="{w:.1f}" '
            f'stroke-linecap="round"/>'
        )
        out.append(link(edge_href(e.a, e.b) if edge_href else None, path, tip, "edge"))
    for k in keys:
        x, y = pos[k]
        a = angle[k]
        nw = graph.weight.get(k, 0)
        r = 4.0 + 8.0 * math.sqrt(nw / top_n)
        deg = math.degrees(a)
        left = math.cos(a) < -1e-9
        lx, ly = cx + (radius + r + 6) * math.cos(a), cy + (radius + r + 6) * math.sin(a)
        rot = deg + 180 if left else deg
        label = text(
            lx,
            ly + LABEL_SIZE * 0.35,
            _short(graph.nodes[k]),
            size=LABEL_SIZE,
            anchor="end" if left else "start",
            transform=f"rotate({rot:.1f} {lx:.1f} {ly:.1f})",
        )
        dot = (
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{PALETTE[0]}" fill-opacity="0.85" '
            f'stroke="#ffffff" stroke-width="1.5"/>'
        )
        out.append(
            link(node_href(k) if node_href else None, dot + label, f"{graph.nodes[k]}: {nw} encounter(s)", "node")
        )
    out.append("</svg>")
    return "".join(out)


__all__ = ["Edge", "Graph", "build", "svg", "people_merger"]
