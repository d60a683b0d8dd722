"""Framing pages: one document's passages and loaded-language tags (``communique framing ID``),
a publisher's profile (``communique profile PUBLISHER``) and the list of publishers.

The data come from :mod:`communique.framing.profile`; these handlers only lay them out.
"""

from __future__ import annotations

import duckdb
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from communique.web.views.common import not_found, page, reading

router = APIRouter(include_in_schema=False)


@router.get("/framing/{doc_id:path}", response_class=HTMLResponse)
def framing(request: Request, doc_id: str) -> HTMLResponse:
    from communique.framing.profile import document_framing

    with reading(request) as st:
        view = document_framing(st, doc_id)
    if view is None:
        return not_found(request, f"No document with id “{doc_id}” in this store.")
    return page(request, "framing.html", title=f"Framing of {view.doc.title or view.doc.id}", view=view)


@router.get("/profile", response_class=HTMLResponse)
def publishers(request: Request) -> HTMLResponse:
    with reading(request) as st:
        rows = st.query(
            "SELECT publisher, count(*) AS documents, min(published) AS first, max(published) AS last "
            "FROM documents WHERE publisher IS NOT NULL GROUP BY 1 ORDER BY documents DESC, publisher"
        )
    return page(request, "publishers.html", title="Publishers", rows=rows)


@router.get("/profile/{publisher}", response_class=HTMLResponse)
def profile(request: Request, publisher: str, own: bool = False, top: int = 15) -> HTMLResponse:
    from communique.framing.profile import publisher_profile

    try:
        with reading(request) as st:
            prof = publisher_profile(st, publisher, top=max(1, min(top, 100)), own_voice=own)
    except duckdb.Error as exc:  # a read-only store refuses the profile's scratch table
        return page(request, "error.html", status_code=503, title="Profile unavailable", message=str(exc))
    if prof is None:
        return not_found(request, f"No documents from a publisher matching “{publisher}”.")
    return page(request, "profile.html", title=f"Profile of {prof.publisher}", prof=prof, own=own, query=publisher)
