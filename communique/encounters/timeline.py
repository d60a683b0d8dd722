"""Corpus-level encounters over time: the rows of the timeline, and its picture.

One row per joined encounter (see :mod:`communique.encounters.join`): its date
(the date most accounts give), kind, place, the participants' names, the
countries they represent and how many accounts report it. The picture is the
hand-written SVG of :mod:`communique.charts.timeline`, the same one the web
page shows, so a base install draws it (PNG needs only the ``plot`` extra).
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from communique.encounters import join

KIND_COLOURS = {
    "meeting": "#1f77b4",
    "talks": "#2ca02c",
    "phone_call": "#ff7f0e",
    "visit": "#9467bd",
    "summit": "#d62728",
    "press_conference": "#8c564b",
}


def rows(
    store: Any,
    between: tuple[str, ...] | None = None,
    person: str | None = None,
    since: str | None = None,
    until: str | None = None,
    include_undated: bool = True,
) -> list[dict[str, Any]]:
    """Joined encounters, oldest first, filtered by countries (all must take part), a person's name, dates.

    An encounter no account dates ("talks were held", no day given) is kept, as
    ``undated`` with a ``window``: the span its accounts allow, which ends at
    the latest reporting document's date (it happened by then). Date filters
    use that end for such rows; they sort by it, after dated ones of that day.
    """
    join.ensure_current(store)
    where, params = ["TRUE"], []
    for iso3 in between or ():
        where.append("list_contains(e.participant_countries, ?)")
        params.append(iso3.upper())
    if person:
        where.append("len(list_filter(e.participant_names, lambda x: lower(x) LIKE ?)) > 0")
        params.append(f"%{person.lower()}%")
    if since:
        where.append("coalesce(e.date, e.date_to, d.published) >= ?")
        params.append(since)
    if until:
        where.append("coalesce(e.date, e.date_from, e.date_to, d.published) <= ?")
        params.append(until)
    if not include_undated:
        where.append("e.date IS NOT NULL")
    got = store.con.execute(
        f"""SELECT g.group_id, e.doc_id, e.idx, e.kind, e.date, e.place, e.country, e.participant_names,
                   e.participant_countries, e.planned, e.date_from, e.date_to, d.published
            FROM encounters e JOIN encounter_groups g ON g.doc_id = e.doc_id AND g.idx = e.idx
            JOIN documents d ON d.id = e.doc_id
            WHERE g.group_id IN (SELECT g2.group_id FROM encounters e JOIN encounter_groups g2
                                 ON g2.doc_id = e.doc_id AND g2.idx = e.idx JOIN documents d ON d.id = e.doc_id
                                 WHERE {" AND ".join(where)})
            ORDER BY g.group_id""",
        params,
    ).fetchall()
    groups: dict[str, list[tuple]] = {}
    for r in got:
        groups.setdefault(r[0], []).append(r)
    out = []
    for gid, members in groups.items():
        out.append(_summary(gid, members))
    out.sort(
        key=lambda r: (r["date"] or (r["window"] or [None, None])[1] or date.max, r["date"] is None, r["group_id"])
    )
    return out


def _common(values: list[Any]) -> Any:
    vals = [v for v in values if v is not None]
    return Counter(vals).most_common(1)[0][0] if vals else None


def _summary(gid: str, members: list[tuple]) -> dict[str, Any]:
    names: list[str] = []
    countries: list[str] = []
    for m in members:
        for n, c in zip(m[7] or [], m[8] or [], strict=False):
            if n and not any(join.person_keys(n) & join.person_keys(x) for x in names):
                names.append(n)
            if c and c not in countries:
                countries.append(c)
    when = _common([m[4] for m in members])
    window = None
    if when is None:  # undated: between the accounts' earliest bound and the latest report
        starts = [m[10] for m in members if m[10] is not None]
        ends = [m[11] or m[12] for m in members if (m[11] or m[12]) is not None]
        window = [min(starts) if starts else None, max(ends) if ends else None]
    return {
        "group_id": gid,
        "date": when,
        "undated": when is None,
        "window": window,
        "kind": _common([m[3] for m in members]),
        "place": _common([m[5] for m in members]),
        "country": _common([m[6] for m in members]),
        "participants": names,
        "countries": countries,
        "planned": all(m[9] for m in members),
        "accounts": len({m[1] for m in members}),
    }


def plot(items: list[dict[str, Any]], out: str | Path, title: str | None = None) -> Path:
    """Draw encounters over time, coloured by kind and labelled with places; the format follows the
    file name (.svg, or .png with the ``plot`` extra). Raises InputError for a format it cannot write."""
    from communique.charts import files
    from communique.charts import timeline as chart

    dated = sum(1 for r in items if r.get("date"))
    undated = sum(1 for r in items if not r.get("date") and chart.when(r))
    default = f"{dated} encounter(s)" + (f", {undated} undated (hollow, at their latest report)" if undated else "")
    return files.write(chart.svg(items, title or default) or _empty_svg(), out)


def _empty_svg() -> str:
    from communique.charts.svg import open_svg, text

    return open_svg(480, 60, "no dated encounters", "timeline") + text(16, 34, "No dated encounters match.") + "</svg>"
