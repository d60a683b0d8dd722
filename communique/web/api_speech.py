"""Who said what, across the store: people (the ``who`` query), turns, quotes, claims and events.

Each endpoint wraps the function its CLI command uses (``cli/core.py``
``turn_rows``, ``speech/queries.py``), so the API and the command line give
the same answers; ``who`` uses ``entities/queries.py`` as ``communique who``
does. Those functions take a
``limit`` but mostly no ``offset``; a page is cut from the first
``offset + limit + 1`` rows, which :data:`~communique.web.schemas.MAX_OFFSET`
keeps bounded. Events had no query function yet; theirs is here.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query

from communique.web.api_deps import PagingDep, StoreDep, page
from communique.web.schemas import (
    ISO3,
    ClaimRow,
    ClaimSeriesRow,
    EventRow,
    Page,
    PersonMention,
    Plover,
    QuoteRow,
    TurnRow,
)

router = APIRouter()

Speaker = Annotated[str | None, Query(max_length=200, description="Part of the speaker's name or an alias.")]


@router.get(
    "/entities",
    response_model=Page[PersonMention],
    summary="Every mention of a person",
    description="Mentions of people whose name or an alias matches `name` in any spelling "
    "('Mikdad', 'al-Miqdad'), with their documents and the turn they sit in (`communique who`).",
)
def who(
    store: StoreDep,
    p: PagingDep,
    name: Annotated[str, Query(min_length=1, max_length=200, description="A person's name in any spelling.")],
) -> dict[str, Any]:
    from communique.web.api_people import person_mentions

    return page(person_mentions(store, name, limit=p.limit + 1, offset=p.offset), p, skipped=True)


@router.get(
    "/turns",
    response_model=Page[TurnRow],
    summary="Speaker turns",
    description="Turns whose speaker name or label contains `speaker`, in one document (`doc`, an id or prefix) "
    "or all (`communique turns`).",
)
def turns(
    store: StoreDep,
    p: PagingDep,
    speaker: Speaker = None,
    doc: Annotated[str | None, Query(max_length=200, description="A document id or its prefix.")] = None,
) -> dict[str, Any]:
    from communique.cli.core import turn_rows

    return page(turn_rows(store, speaker=speaker, doc_id=doc, limit=p.limit + 1, offset=p.offset), p, skipped=True)


@router.get(
    "/quotes",
    response_model=Page[QuoteRow],
    summary="Quotes",
    description="Direct and indirect quotes, newest document first, with who relayed them (`communique quotes`).",
)
def quotes(
    store: StoreDep,
    p: PagingDep,
    speaker: Speaker = None,
    about: Annotated[str | None, Query(max_length=200, description="Words the quote contains.")] = None,
    since: Annotated[date | None, Query(description="Documents published on or after (YYYY-MM-DD).")] = None,
) -> dict[str, Any]:
    from communique.speech import queries

    return page(queries.quotes(store.con, speaker=speaker, about=about, since=since, limit=p.upto), p)


@router.get(
    "/claims",
    response_model=Page[ClaimRow],
    summary="Numeric claims",
    description="Every figure cited, who cited it and for what period, newest first (`communique claims`).",
)
def claims(
    store: StoreDep,
    p: PagingDep,
    about: Annotated[str | None, Query(max_length=200, description="What is measured, or words of the figure.")] = None,
    speaker: Speaker = None,
) -> dict[str, Any]:
    from communique.speech import queries

    return page(queries.claims(store.con, about=about, speaker=speaker, limit=p.upto), p)


@router.get(
    "/claims/series",
    response_model=Page[ClaimSeriesRow],
    summary="Claims about one quantity over time",
    description="Claims whose quantity matches, ordered by the period they cover, else the publication date "
    "(`communique claims --series`).",
)
def claim_series(
    store: StoreDep,
    p: PagingDep,
    quantity: Annotated[str, Query(min_length=1, max_length=200, description="What is measured, e.g. 'trade'.")],
    unit: Annotated[str | None, Query(max_length=40, description="Only this unit (percent, USD…).")] = None,
) -> dict[str, Any]:
    from communique.speech import queries

    return page(queries.claim_series(store.con, quantity, unit=unit, limit=p.upto), p)


@router.get(
    "/events",
    response_model=Page[EventRow],
    summary="PLOVER events",
    description="Who did what to whom: filter by type, by the country of the source or target actor (ISO3), "
    "by modality, document and publication dates; newest document first.",
)
def events(
    store: StoreDep,
    p: PagingDep,
    type: Annotated[Plover | None, Query(description="A PLOVER event type.")] = None,
    source: Annotated[str | None, Query(pattern=ISO3, description="Country (ISO3) of the acting side.")] = None,
    target: Annotated[str | None, Query(pattern=ISO3, description="Country (ISO3) of the side acted upon.")] = None,
    modality: Annotated[
        str | None, Query(max_length=40, description="asserted | intended | hypothetical | negated | reported")
    ] = None,
    speaker: Speaker = None,
    doc: Annotated[str | None, Query(max_length=200, description="A document id or its prefix.")] = None,
    since: Annotated[date | None, Query(description="Published on or after (YYYY-MM-DD).")] = None,
    until: Annotated[date | None, Query(description="Published on or before (YYYY-MM-DD).")] = None,
) -> dict[str, Any]:
    where, params = ["TRUE"], []
    for column, value in (
        ("ev.type", type.value if type else None),
        ("ev.source_country", source),
        ("ev.target_country", target),
        ("ev.modality", modality),
    ):
        if value:
            where.append(f"{column} = ?")
            params.append(value.upper() if column.endswith("country") else value)
    if speaker:
        where.append("ev.speaker_name ILIKE ?")
        params.append(f"%{speaker}%")
    if doc:
        where.append("starts_with(ev.doc_id, ?)")
        params.append(doc)
    if since:
        where.append("d.published >= ?")
        params.append(since)
    if until:
        where.append("d.published <= ?")
        params.append(until)
    rows = store.query(
        "SELECT ev.doc_id, d.published, d.title, ev.span_start, ev.span_end, ev.type, ev.source, ev.source_name, "
        "ev.source_country, ev.target, ev.target_name, ev.target_country, ev.speaker, ev.speaker_name, ev.mode, "
        "ev.modality, ev.text FROM events ev JOIN documents d ON d.id = ev.doc_id "
        f"WHERE {' AND '.join(where)} ORDER BY d.published DESC NULLS LAST, ev.doc_id, ev.span_start "
        "LIMIT ? OFFSET ?",
        [*params, p.limit + 1, p.offset],
    )
    return page(rows, p, skipped=True)
