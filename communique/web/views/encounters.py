"""Encounter pages: the timeline between countries or of a person (``communique encounters`` and
``communique timeline``), and one encounter's accounts side by side (``communique compare``).

Both read the corpus-level groups of :mod:`communique.encounters.join`,
which first brings its group tables up to date and so may write: on a
writable store that runs under the app's writer lock; on a read-only one the
connection goes through ``web/readonly.py``'s ``ReadOnlyGuard`` (``CREATE … IF NOT
EXISTS`` of existing tables pass, real writes are refused), and a store whose
groups are out of date gets a notice saying what to run instead of an error.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import duckdb
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from communique.web import timeline_svg
from communique.web.readonly import IndexOutOfDate
from communique.web.views.common import not_found, page, settings

router = APIRouter(include_in_schema=False)

UNAVAILABLE = (
    "Encounters cannot be shown: the encounter index of this store is not up to date and the server is "
    "read-only. Run `communique encounters --db PATH` once (or serve without --read-only). Detail: {}"
)


class Unavailable(Exception):
    """The encounter tables cannot be read or brought up to date by this server."""


@contextmanager
def encounter_store(request: Request) -> Iterator[Any]:
    """A store the encounter functions may use (see the module docstring)."""
    from communique.web.access import encounter_store as current_store

    try:
        with current_store(request.app.state.access, settings(request).read_only) as st:
            yield st
    except (IndexOutOfDate, duckdb.Error) as exc:
        raise Unavailable(UNAVAILABLE.format(exc)) from exc


@router.get("/encounters", response_class=HTMLResponse)
def timeline(
    request: Request,
    between: list[str] = Query(default=[]),
    person: str = "",
    since: str = "",
    until: str = "",
) -> HTMLResponse:
    from communique.encounters import timeline as tl

    countries = tuple(c.strip().upper() for c in between if c.strip())[:4]
    error = None
    try:
        with encounter_store(request) as st:
            items = tl.rows(
                st, between=countries or None, person=person or None, since=since or None, until=until or None
            )
    except Unavailable as exc:
        items, error = [], str(exc)
    title = " – ".join(countries) if countries else (person or "all encounters")
    return page(
        request,
        "encounters.html",
        title=f"Encounters: {title}",
        heading=title,
        items=items,
        svg=timeline_svg.render(items, f"{len(items)} encounter(s): {title}"),
        between=list(countries) + [""] * (2 - len(countries)),
        person=person,
        since=since,
        until=until,
        error=error,
    )


def _spans(st: Any, accs: list[Any]) -> dict[tuple[str, int], tuple[int, int]]:
    """Where each account's encounter is reported in its document (to link to the highlighted span)."""
    if not accs:
        return {}
    got = st.con.execute(
        "SELECT doc_id, idx, span_start, span_end FROM encounters WHERE list_contains(?, doc_id)",
        [[a.doc_id for a in accs]],
    ).fetchall()
    return {(d, int(i)): (int(s), int(e)) for d, i, s, e in got}


@router.get("/encounters/{group_id}", response_class=HTMLResponse)
def compare(request: Request, group_id: str) -> HTMLResponse:
    from communique.encounters import compare as cmp

    try:
        with encounter_store(request) as st:
            gid = cmp.resolve_group(st, group_id)
            accs = cmp.accounts(st, gid) if gid else []
            spans = _spans(st, accs)
    except Unavailable as exc:
        return page(request, "error.html", status_code=503, title="Encounters unavailable", message=str(exc))
    if not gid or not accs:
        return not_found(request, f"No encounter “{group_id}” (see the encounters timeline).")
    diffs = cmp.differences(accs)
    columns = []
    for a in accs:
        columns.append(
            {
                "acc": a,
                "span": spans.get((a.doc_id, a.idx)),
                "only": diffs.get(a.doc_id, {}),
            }
        )
    return page(request, "compare.html", title=f"Encounter {gid}", gid=gid, columns=columns)
