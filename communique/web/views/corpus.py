"""Corpus-wide listings: search, quotes, claims (and claim series), turns, events.

Each handler is the CLI command of the same name as a page: it calls the
same query function (``Store.search``, :mod:`communique.speech.queries`,
``turn_rows``) and lays the rows out with :mod:`listing`. Every row links to
its document view with the span highlighted.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from communique.lexicon import PLOVER_TYPES
from communique.web import series_chart
from communique.web.api_search import too_many_words
from communique.web.views.common import bad_request, day, doc_href, figure, is_date, page, reading, short, who_href
from communique.web.views.listing import Filter, Listing, cell

router = APIRouter(include_in_schema=False)

LIMITS = ("100", "20", "50", "200", "500")
PLOVER = ("", *PLOVER_TYPES)


def _limit(value: int, top: int = 500) -> int:
    return max(1, min(int(value), top))


def _doc_cell(title: str | None, doc_id: str, start: int | None = None, end: int | None = None):
    return cell(short(title or doc_id, 60), doc_href(doc_id, start, end))


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: str = "", limit: int = 20, offset: int = 0) -> HTMLResponse:
    rows = []
    if problem := too_many_words(q) or (
        f"q is {len(q)} characters long; a search takes at most 500" if len(q) > 500 else None
    ):
        return bad_request(request, problem)
    if q.strip():
        with reading(request) as st:
            rows = st.search(q, limit=_limit(limit, 200), offset=max(0, offset))
    listing = Listing(
        "Search",
        'Documents holding every word (whole words, any case; "quoted words" as a phrase), best match (BM25) first.',
        "/search",
        [Filter("q", "words", q, "humanitarian aid")],
        ["document", "published", "publisher", "hits", "snippet"],
        [
            [
                _doc_cell(r["title"] or r["source"], r["id"]),
                cell(day(r["published"])),
                cell(r["publisher"]),
                cell(r["hits"]),
                cell(r["snippet"], cls="snip", marks=r["marks"]),
            ]
            for r in rows
        ],
        empty="No document contains all these words." if q.strip() else "Type some words to search for.",
        cli=f'communique search "{q}"' if q else "communique search WORDS",
    )
    return page(request, "listing.html", title=f"Search: {q}" if q else "Search", listing=listing)


@router.get("/quotes", response_class=HTMLResponse)
def quotes(request: Request, speaker: str = "", about: str = "", since: str = "", limit: int = 100) -> HTMLResponse:
    from communique.speech import queries

    if since and not is_date(since):
        return bad_request(request, f"since must be a date (YYYY-MM-DD), not '{since[:40]}'")
    with reading(request) as st:
        rows = queries.quotes(
            st.con, speaker=speaker or None, about=about or None, since=since or None, limit=_limit(limit)
        )
    listing = Listing(
        "Quotes",
        "Everything X said (about Y): direct and indirect quotes, with who relayed them.",
        "/quotes",
        [
            Filter("speaker", "speaker", speaker, "Lavrov"),
            Filter("about", "about", about, "sanctions"),
            Filter("since", "since", since, "YYYY-MM-DD"),
            Filter("limit", "limit", str(limit), options=LIMITS),
        ],
        ["date", "speaker", "relay chain", "kind", "words", "document"],
        [
            [
                cell(day(r["published"])),
                cell(r["speaker_name"] or "?", who_href(r["speaker_name"]) if r["speaker_name"] else None),
                cell(r["relay"]),
                cell(r["kind"]),
                cell(short(r["text"], 240), doc_href(r["doc_id"], r["span_start"], r["span_end"]), "words"),
                _doc_cell(r["title"], r["doc_id"]),
            ]
            for r in rows
        ],
        empty="No quotes match.",
        cli="communique quotes"
        + (f' --speaker "{speaker}"' if speaker else "")
        + (f' --about "{about}"' if about else ""),
    )
    return page(request, "listing.html", title="Quotes", listing=listing)


@router.get("/claims", response_class=HTMLResponse)
def claims(
    request: Request, about: str = "", speaker: str = "", series: str = "", unit: str = "", limit: int = 200
) -> HTMLResponse:
    from communique.speech import queries

    filters = [
        Filter("about", "about", about, "trade"),
        Filter("speaker", "cited by", speaker, "Putin"),
        Filter("series", "series of", series, "trade"),
        Filter("unit", "unit (series)", unit, "percent"),
        Filter("limit", "limit", str(limit), options=LIMITS),
    ]
    if series:
        with reading(request) as st:
            rows = queries.claim_series(st.con, series, unit=unit or None, limit=_limit(limit))
        columns = ["when", "figure", "change", "quantity", "cited by (relay chain)", "document"]
        body = [
            [
                cell(day(r["when"])),
                cell(
                    figure(r["value"], r["unit"]),
                    doc_href(r["doc_id"], r["span_start"], r["span_end"]),
                ),
                cell(r["change"]),
                cell(short(r["quantity"], 60)),
                cell(r["relay"] or "?"),
                _doc_cell(r["title"], r["doc_id"]),
            ]
            for r in rows
        ]
        title = f"Claims about “{series}” over time"
        chart = series_chart.render(rows, title)
    else:
        with reading(request) as st:
            rows = queries.claims(st.con, about=about or None, speaker=speaker or None, limit=_limit(limit))
        columns = ["date", "figure", "change", "period", "quantity", "cited by (relay chain)", "text"]
        body = [
            [
                cell(day(r["published"])),
                cell(figure(r["value"], r["unit"])),
                cell(r["change"]),
                cell(r["period"]),
                cell(short(r["quantity"], 60)),
                cell(r["relay"] or "?"),
                cell(short(r["text"], 80), doc_href(r["doc_id"], r["span_start"], r["span_end"]), "words"),
            ]
            for r in rows
        ]
        title = "Claims"
    listing = Listing(
        title,
        "Every figure cited, who cited it and for what period; “series of” lines one quantity up over time.",
        "/claims",
        filters,
        columns,
        body,
        empty="No claims match.",
        cli="communique claims"
        + (f' --series "{series}"' if series else "")
        + (f' --about "{about}"' if about else ""),
    )
    return page(request, "listing.html", title=title, listing=listing, chart=chart if series else None)


@router.get("/turns", response_class=HTMLResponse)
def turns(request: Request, speaker: str = "", doc: str = "", limit: int = 50, offset: int = 0) -> HTMLResponse:
    from communique.cli.core import turn_rows

    with reading(request) as st:
        rows = turn_rows(st, speaker=speaker or None, doc_id=doc or None, limit=_limit(limit), offset=max(0, offset))
    listing = Listing(
        "Turns",
        "Speaker turns across the store: who spoke, how it was delivered, and the words.",
        "/turns",
        [
            Filter("speaker", "speaker", speaker, "Putin"),
            Filter("doc", "document id", doc, "id or prefix"),
            Filter("limit", "limit", str(limit), options=("50", "20", "100", "200", "500")),
        ],
        ["document", "published", "speaker", "delivery", "words"],
        [
            [
                _doc_cell(r["title"], r["doc_id"]),
                cell(day(r["published"])),
                cell(r["speaker_name"] or r["label"]),
                cell(r["delivery"]),
                cell(short(r["text"], 240), doc_href(r["doc_id"], r["span_start"], r["span_end"]), "words"),
            ]
            for r in rows
        ],
        empty="No turns match.",
        cli="communique turns" + (f' --speaker "{speaker}"' if speaker else ""),
    )
    return page(request, "listing.html", title="Turns", listing=listing)


@router.get("/events", response_class=HTMLResponse)
def events(request: Request, type: str = "", actor: str = "", country: str = "", limit: int = 100) -> HTMLResponse:
    """PLOVER events: who did what to whom, by type, actor name or country (ISO3)."""
    where, params = ["TRUE"], []
    if type:
        where.append("v.type = ?")
        params.append(type.upper())
    if actor:
        where.append("(v.source_name ILIKE ? OR v.target_name ILIKE ?)")
        params += [f"%{actor}%"] * 2
    if country:
        where.append("(v.source_country = ? OR v.target_country = ?)")
        params += [country.upper()] * 2
    cond = " AND ".join(where)
    with reading(request) as st:
        rows = st.query(
            "SELECT d.published, d.title, v.doc_id, v.span_start, v.span_end, v.type, v.source_name, "
            "v.source_country, v.target_name, v.target_country, v.modality, v.text "
            f"FROM events v JOIN documents d ON d.id = v.doc_id WHERE {cond} "
            "ORDER BY d.published DESC NULLS LAST, v.doc_id, v.span_start LIMIT ?",
            [*params, _limit(limit)],
        )
        counts = st.query(f"SELECT v.type, count(*) AS n FROM events v WHERE {cond} GROUP BY 1 ORDER BY n DESC", params)

    def actor_cell(name: str | None, iso3: str | None):
        return cell(f"{name or '?'}" + (f" ({iso3})" if iso3 else ""))

    listing = Listing(
        "Events",
        "Who did what to whom, coded with PLOVER's 16 types.",
        "/events",
        [
            Filter("type", "type", type, options=PLOVER),
            Filter("actor", "actor", actor, "Assad"),
            Filter("country", "country (ISO3)", country, "SYR"),
            Filter("limit", "limit", str(limit), options=LIMITS),
        ],
        ["date", "type", "source", "target", "mode", "text", "document"],
        [
            [
                cell(day(r["published"])),
                cell(r["type"]),
                actor_cell(r["source_name"], r["source_country"]),
                actor_cell(r["target_name"], r["target_country"]),
                cell(r["modality"]),
                cell(short(r["text"], 200), doc_href(r["doc_id"], r["span_start"], r["span_end"]), "words"),
                _doc_cell(r["title"], r["doc_id"]),
            ]
            for r in rows
        ],
        empty="No events match.",
        summary=[(c["type"], c["n"], f"/events?type={c['type']}") for c in counts],
        cli="communique export --format plover",
    )
    return page(request, "listing.html", title="Events", listing=listing)
