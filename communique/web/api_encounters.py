"""Encounters joined across records, accounts compared side by side, and framing.

Wraps ``encounters/timeline.py`` (``communique encounters``),
``encounters/compare.py`` (``communique compare``) and ``framing/profile.py``
(``communique framing`` and ``communique profile``).

The encounter functions first bring the join's group tables up to date
(``join.ensure_current``), which may write. A writable server does that on a
short write connection, only when needed (``web/access.py``). A read-only one
cannot write at all: the connection is wrapped in
:class:`~communique.web.readonly.ReadOnlyGuard`, which lets the ``CREATE … IF
NOT EXISTS`` of tables that already exist pass as no-ops and turns any real
write into :class:`IndexOutOfDate` (answered 503 with what to run). A store filled by ``communique ingest`` is always current, so this only
bites a store filled some other way.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query, Request
from pydantic import StringConstraints

from communique.store.db import Store
from communique.web.api_deps import PagingDep, StoreDep, not_found, page, responses
from communique.web.readonly import IndexOutOfDate
from communique.web.schemas import ISO3, Comparison, DocumentFramingOut, EncounterRow, Page, PublisherProfileOut

router = APIRouter()


@contextmanager
def encounter_store(request: Request) -> Iterator[Store]:
    """A store safe for the encounter functions (see the module docstring and ``web/access.py``)."""
    from communique.web.access import encounter_store as current_store

    try:
        with current_store(request.app.state.access, request.app.state.settings.read_only) as st:
            yield st
    except IndexOutOfDate as exc:
        raise HTTPException(status_code=503, detail=str(exc)) from exc


@router.get(
    "/encounters",
    response_model=Page[EncounterRow],
    responses=responses(503),
    summary="Encounters joined across records",
    description="Who met whom, when and where, oldest first; each row is one encounter joined from every record "
    "that reports it (`communique encounters`). `between` is repeatable: every country given must take part.",
)
def encounters(
    request: Request,
    p: PagingDep,
    between: Annotated[
        list[Annotated[str, StringConstraints(pattern=ISO3)]] | None,
        Query(description="Countries (ISO3) that all take part; repeat it: between=RUS&between=SYR."),
    ] = None,
    person: Annotated[str | None, Query(max_length=200, description="Part of a participant's name.")] = None,
    since: Annotated[date | None, Query(description="On or after (YYYY-MM-DD).")] = None,
    until: Annotated[date | None, Query(description="On or before (YYYY-MM-DD).")] = None,
) -> dict[str, Any]:
    from communique.encounters import timeline

    countries = tuple(c.upper() for c in between or ())
    with encounter_store(request) as st:
        rows = timeline.rows(
            st,
            between=countries or None,
            person=person,
            since=since.isoformat() if since else None,
            until=until.isoformat() if until else None,
        )
    return page(rows, p)


@router.get(
    "/encounters/{group_id}",
    response_model=Comparison,
    responses=responses(404, 503),
    summary="Accounts of one encounter side by side",
    description="Each record's account of a joined encounter — source, voices, claims, events — and what only "
    "it reports (`communique compare`). `group_id` may be a unique prefix, or a member's `doc_id:idx`.",
)
def compare(request: Request, group_id: Annotated[str, Path(min_length=1, max_length=300)]) -> dict[str, Any]:
    from communique.encounters import compare as cmp

    with encounter_store(request) as st:
        gid = cmp.resolve_group(st, group_id)
        if gid is None:
            raise not_found("encounter", group_id, " (see GET /api/encounters for group ids)")
        accs = cmp.accounts(st, gid)
    diffs = cmp.differences(accs)
    return {
        "group_id": gid,
        "accounts": [{**dataclasses.asdict(a), "only_here": diffs.get(a.doc_id, {})} for a in accs],
    }


@router.get(
    "/framing/{doc_id:path}",
    response_model=DocumentFramingOut,
    responses=responses(404),
    summary="Passages and loaded language of one document",
    description="Its segments (narrative, commentary…), framing tags with who voices them, and the share of "
    "commentary in its main content (`communique framing`).",
)
def framing(doc_id: str, store: StoreDep) -> dict[str, Any]:
    from communique.framing.profile import document_framing

    view = document_framing(store, doc_id)
    if view is None:
        raise not_found("document", doc_id)
    d = view.doc
    return {
        "doc_id": d.id,
        "title": d.title,
        "publisher": d.publisher,
        "published": d.published,
        "kind": d.kind,
        "commentary_share": view.commentary_share,
        "passages": view.passages,
        "items": view.items,
    }


@router.get(
    "/profile/{publisher}",
    response_model=PublisherProfileOut,
    responses=responses(404),
    summary="A publisher's framing profile",
    description="Share of commentary, top loaded terms, techniques, whom they target and who voices them "
    "(`communique profile`). `publisher` is matched exactly (case-insensitive), else as a substring.",
)
def profile(
    store: StoreDep,
    publisher: Annotated[str, Path(min_length=1, max_length=200)],
    top: Annotated[int, Query(ge=1, le=100, description="How many terms, targets and voices to list.")] = 15,
    own: Annotated[bool, Query(description="Only the publisher's own voice, not the people it quotes.")] = False,
) -> dict[str, Any]:
    from communique.framing.profile import publisher_profile, publishers

    prof = publisher_profile(store, publisher, top=top, own_voice=own)
    if prof is None:
        known = publishers(store)
        hint = f"; publishers in the store: {', '.join(known)}" if known else ""
        raise not_found("publisher", publisher, hint)
    return {**dataclasses.asdict(prof), "commentary_share": prof.commentary_share}
