"""Entity pages: find an entity (``/entities?name=``), a person across the store (``/who/NAME``,
``communique who``), and one document's entity with everything the store knows of it.

An entity page shows the spellings found, the mentions, what the entity is
quoted saying, the encounters it took part in and the figures it cited; the
references it gathers are explained in :mod:`entity_data`.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from communique.web.views import entity_data as data
from communique.web.views.common import not_found, page, reading

router = APIRouter(include_in_schema=False)

TYPES = ("", "PERSON", "COUNTRY", "ORG", "PLACE", "GROUP")


@router.get("/entities", response_class=HTMLResponse)
def entities(request: Request, name: str = "", type: str = "") -> HTMLResponse:
    with reading(request) as st:
        rows = data.search_entities(st, name.strip())
    if type:
        rows = [r for r in rows if r["type"] == type]
    return page(request, "entities.html", title="Entities", rows=rows, name=name, type=type, types=TYPES)


def _sections(st: Any, refs: list[data.Ref], country: str | None = None) -> dict[str, Any]:
    return {
        "spellings": data.spellings(st, refs),
        "mentions": data.mentions(st, refs),
        "mention_count": data.mention_count(st, refs),
        "quotes": data.quotes(st, refs),
        "claims": data.claims(st, refs),
        "encounters": data.encounters(st, refs, country=country),
        "documents": len({d for d, _ in refs}),
    }


@router.get("/who/{name}", response_class=HTMLResponse)
def who(request: Request, name: str) -> HTMLResponse:
    with reading(request) as st:
        refs, canonical = data.person_refs(st, name)
        sections = _sections(st, refs) if refs else {}
    if not refs:
        return not_found(request, f"No person matching “{name}” in this store.")
    canonical = canonical or name
    entity = {"name": canonical, "type": "PERSON", "country": None, "roles": [], "aliases": []}
    return page(request, "entity.html", title=canonical, entity=entity, query=name, doc=None, **sections)


@router.get("/entities/{doc_id:path}/{entity_id}", response_class=HTMLResponse)
def entity(request: Request, doc_id: str, entity_id: str) -> HTMLResponse:
    with reading(request) as st:
        doc = st.get(doc_id)
        ent = doc.entity(entity_id) if doc else None
        if doc is None or ent is None:
            return not_found(request, f"No entity “{entity_id}” in a document “{doc_id}”.")
        if ent.type == "PERSON" and not ent.anonymous:
            refs, _ = data.person_refs(st, ent.name)
        else:
            refs = data.refs_for(st, ent.type, ent.name, ent.country)
        own = (doc.id, ent.id)
        if own not in refs:  # an anonymous speaker, or a name the matcher cannot key: at least this document
            refs.insert(0, own)
        country = ent.country if ent.type == "COUNTRY" else None
        sections = _sections(st, refs, country)
    entity = {"name": ent.name, "type": ent.type, "country": ent.country, "roles": ent.roles, "aliases": ent.aliases}
    return page(request, "entity.html", title=ent.name, entity=entity, query=ent.name, doc=doc, **sections)
