"""The who-met-whom page (``communique network``): people or countries as nodes, shared encounters as
edges, filtered by date, countries and person like the timeline.

The picture is :mod:`communique.charts.network`, the same SVG the CLI writes;
here each node links to that person's or country's timeline, and (for
countries) each edge to the two countries' timeline. The table under it
lists the strongest pairs, so the figures can be read as well as seen.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup

from communique.web.views.common import page
from communique.web.views.encounters import Unavailable, encounter_store

router = APIRouter(include_in_schema=False)

LIMITS = ("40", "20", "60", "100")


def _timeline_href(by: str, *keys: str) -> str:
    if by == "country":
        return "/encounters?" + urlencode([("between", k) for k in keys])
    return "/encounters?" + urlencode({"person": keys[0]})


def _bad_dates(**dates: str) -> str | None:
    """What is wrong with a since/until filter, or None (checked here so the notice names the field)."""
    for name, value in dates.items():
        if value:
            try:
                date.fromisoformat(value)
            except ValueError:
                return f"“{value}” is not a date for “{name}”: use YYYY-MM-DD."
    return None


@router.get("/network", response_class=HTMLResponse)
def network(
    request: Request,
    by: str = "person",
    between: list[str] = Query(default=[]),
    person: str = "",
    since: str = "",
    until: str = "",
    limit: int = 40,
) -> HTMLResponse:
    from communique.charts import network as chart
    from communique.encounters import timeline as tl

    by = by if by in ("person", "country") else "person"
    limit = min(max(limit, 2), 150)
    countries = tuple(c.strip().upper() for c in between if c.strip())[:4]
    bad = _bad_dates(since=since, until=until)
    error, items = bad, []
    if bad is None:
        try:
            with encounter_store(request) as st:
                items = tl.rows(
                    st, between=countries or None, person=person or None, since=since or None, until=until or None
                )
        except Unavailable as exc:
            error = str(exc)
    graph = chart.build(items, by=by, limit=limit)
    span = f"{since or '…'} – {until or '…'}" if since or until else "all dates"
    svg = chart.svg(
        graph,
        f"Who met whom: {span}",
        node_href=lambda k: _timeline_href(by, k),
        edge_href=(lambda a, b: _timeline_href(by, a, b)) if by == "country" else None,
    )
    pairs = [
        {
            "a": graph.nodes[e.a],
            "b": graph.nodes[e.b],
            "a_href": _timeline_href(by, e.a),
            "b_href": _timeline_href(by, e.b),
            "href": _timeline_href(by, e.a, e.b) if by == "country" else None,
            "weight": e.weight,
            "first": e.first,
            "last": e.last,
            "kinds": ", ".join(f"{k.replace('_', ' ')} ×{c}" for k, c in e.kinds.most_common()),
        }
        for e in graph.edges[:50]
    ]
    cli = "communique network" + (" --by country" if by == "country" else "")
    cli += "".join(f" {o} {v}" for o, v in (("--since", since), ("--until", until)) if v)
    return page(
        request,
        "network.html",
        status_code=400 if bad else 200,
        title="Who met whom",
        svg=Markup(svg),
        graph=graph,
        pairs=pairs,
        by=by,
        between=list(countries) + [""] * (2 - len(countries)),
        person=person,
        since=since,
        until=until,
        limit=str(limit),
        limits=LIMITS,
        cli=cli,
        error=error,
    )
