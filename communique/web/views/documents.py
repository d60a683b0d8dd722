"""Home, the document list, and the document view (``communique show``) with its layers.

The document view is the heart of the web pages: the text cut into pieces
that carry their layers (see :mod:`communique.web.markup`) and a side panel
listing every item. It does two indexed look-ups (the document by id, its
encounter groups) and one pass over the layers, so it stays fast however
many documents the store holds.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from communique.model import Document
from communique.store.schema import TABLES
from communique.web.layers import document_layers
from communique.web.markup import render
from communique.web.views.common import not_found, page, reading

router = APIRouter(include_in_schema=False)

PAGE_SIZE = 50


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    with reading(request) as st:
        counts = {t: st.count(t) for t in TABLES}
        recent = st.query(
            "SELECT id, title, source, publisher, published, kind FROM documents "
            "ORDER BY ingested_at DESC NULLS LAST, id LIMIT 10"
        )
    return page(request, "home.html", title="communique", counts=counts, recent=recent)


@router.get("/documents", response_class=HTMLResponse)
def documents(request: Request, publisher: str | None = None, kind: str | None = None, offset: int = 0) -> HTMLResponse:
    offset = max(0, offset)
    where, params = ["TRUE"], []
    if publisher:
        where.append("publisher ILIKE ?")
        params.append(f"%{publisher}%")
    if kind:
        where.append("kind = ?")
        params.append(kind)
    cond = " AND ".join(where)
    with reading(request) as st:
        total = int(st.con.execute(f"SELECT count(*) FROM documents WHERE {cond}", params).fetchone()[0])
        rows = st.query(
            f"SELECT id, title, source, publisher, published, kind, length(text) AS chars FROM documents "
            f"WHERE {cond} ORDER BY published DESC NULLS LAST, id LIMIT ? OFFSET ?",
            [*params, PAGE_SIZE, offset],
        )
    return page(
        request,
        "documents.html",
        title="Documents",
        rows=rows,
        total=total,
        offset=offset,
        size=PAGE_SIZE,
        publisher=publisher or "",
        kind=kind or "",
    )


def encounter_groups(st: Any, doc_id: str) -> dict[int, str]:
    """The corpus-level group of each of the document's encounters; empty before any join ran."""
    try:
        got = st.con.execute("SELECT idx, group_id FROM encounter_groups WHERE doc_id = ?", [doc_id]).fetchall()
    except Exception:  # no encounter_groups table yet (nothing joined): the panel just has no compare links
        return {}
    return {int(i): g for i, g in got}


def document_context(doc: Document, stored: bool, groups: dict[int, str] | None = None) -> dict[str, Any]:
    """What document.html needs for one Document (stored, or just analysed and not stored)."""
    prefix = f"/entities/{quote(doc.id, safe='')}/"
    href = (lambda eid: prefix + quote(eid, safe="")) if stored else None
    layers = document_layers(doc, href)
    enc = layers.section("encounters")
    for i, item in enumerate(enc.items if enc else []):
        if groups and i in groups:
            item.href = f"/encounters/{quote(groups[i], safe='')}"
    source = doc.source or ""
    return {
        "doc": doc,
        "stored": stored,
        "text_html": render(doc.text, layers.marks),
        "sections": layers.sections,
        "source_href": source if source.lower().startswith(("http://", "https://")) else None,
        "title": doc.title or doc.source or doc.id,
    }


def document(request: Request, doc_id: str) -> HTMLResponse:
    with reading(request) as st:
        doc = st.get(doc_id)
        groups = encounter_groups(st, doc.id) if doc else {}
    if doc is None:
        return not_found(request, f"No document with id “{doc_id}” in this store.")
    return page(request, "document.html", **document_context(doc, True, groups))


@router.get("/documents/{doc_id:path}/entities", response_class=HTMLResponse)
def document_entities(request: Request, doc_id: str) -> HTMLResponse:
    """``communique entities ID``: the document's entities, mention counts and spellings."""
    from communique.cli.entities import entity_rows

    with reading(request) as st:
        doc = st.get(doc_id)
        rows = [r for r in entity_rows(st, doc.id) if r["doc_id"] == doc.id] if doc else []
    if doc is None:
        return not_found(request, f"No document with id “{doc_id}” in this store.")
    for r in rows:
        r["spellings"] = sorted({" ".join(s.split()) for s in r["spellings"] or []}, key=len)
    return page(request, "doc_entities.html", title=f"Entities of {doc.title or doc.id}", doc=doc, rows=rows)


# ids may hold "/" (JSONL ids such as "a/b"): registered after the sub-route above, which ":path" would swallow
router.get("/documents/{doc_id:path}", response_class=HTMLResponse)(document)
