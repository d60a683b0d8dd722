"""Documents: the list, one record in the contract, each of its layers, full-text search, store info.

A stored record is answered from ``documents.data`` — the contract JSON as it
was analysed — without parsing it into a Document and back, which keeps a
large record's answer fast and exactly equal to what ``communique show
--format json`` prints. Ids may be given whole or as a unique prefix (at
least 4 characters), as on the command line.
"""

from __future__ import annotations

import json
from datetime import UTC, date
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request, Response

from communique.store.db import Store
from communique.web.api_deps import PagingDep, StoreDep, not_found, page, responses
from communique.web.schemas import (
    ClaimItem,
    DocKind,
    DocumentRecord,
    DocumentSummary,
    EncounterItem,
    EntityItem,
    EventItem,
    FramingItem,
    Layer,
    LayerOut,
    MentionItem,
    Page,
    QuoteItem,
    SearchHit,
    SegmentItem,
    StoreInfo,
    TurnItem,
)

router = APIRouter()


def record_json(store: Store, doc_id: str) -> tuple[str, str] | None:
    """``(full id, contract JSON)`` of a stored document, by id or unique prefix (as ``Store.get``)."""
    row = store.con.execute("SELECT id, data FROM documents WHERE id = ?", [doc_id]).fetchone()
    if row is None and len(doc_id) >= 4:
        like = doc_id.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        rows = store.con.execute(
            "SELECT id, data FROM documents WHERE id LIKE ? ESCAPE '\\' LIMIT 2", [like]
        ).fetchall()
        row = rows[0] if len(rows) == 1 else None
    return (row[0], row[1]) if row else None


def load_record(store: Store, doc_id: str) -> dict[str, Any]:
    """The contract dict of a stored document; 404 when there is none."""
    got = record_json(store, doc_id)
    if got is None:
        raise not_found("document", doc_id)
    return json.loads(got[1])


@router.get(
    "/info",
    response_model=StoreInfo,
    summary="What the store holds",
    description="Counts of documents and of rows per layer table, the publishers, and whether the server is read-only.",
)
def info(store: StoreDep, request: Request) -> dict[str, Any]:
    from communique.framing.profile import publishers
    from communique.store.schema import TABLES
    from communique.web.app import _version

    rows = {t: store.count(t) for t in TABLES}
    return {
        "version": _version(),
        "read_only": request.app.state.settings.read_only,
        "documents": rows["documents"],
        "rows": rows,
        "publishers": publishers(store),
    }


@router.get(
    "/documents",
    response_model=Page[DocumentSummary],
    summary="List stored documents",
    description="Newest first. `publisher` matches part of the publisher's name, case-insensitively; "
    "`since`/`until` bound the publication date (inclusive).",
)
def list_documents(
    store: StoreDep,
    p: PagingDep,
    publisher: Annotated[str | None, Query(max_length=200, description="Part of the publisher's name.")] = None,
    kind: DocKind | None = None,
    since: Annotated[date | None, Query(description="Published on or after (YYYY-MM-DD).")] = None,
    until: Annotated[date | None, Query(description="Published on or before (YYYY-MM-DD).")] = None,
) -> dict[str, Any]:
    where, params = ["TRUE"], []
    if publisher:
        where.append("publisher ILIKE ?")
        params.append(f"%{publisher}%")
    if kind:
        where.append("kind = ?")
        params.append(kind.value)
    if since:
        where.append("published >= ?")
        params.append(since)
    if until:
        where.append("published <= ?")
        params.append(until)
    rows = store.query(
        "SELECT id, source, title, publisher, published, kind, language, length(text) AS chars, ingested_at "
        f"FROM documents WHERE {' AND '.join(where)} ORDER BY published DESC NULLS LAST, id LIMIT ? OFFSET ?",
        [*params, p.limit + 1, p.offset],
    )
    for row in rows:  # stored as naive UTC; say so, as RFC 3339 date-times must
        if row["ingested_at"] is not None:
            row["ingested_at"] = row["ingested_at"].replace(tzinfo=UTC)
    return page(rows, p, skipped=True)


def get_document(doc_id: str, store: StoreDep) -> Response:
    got = record_json(store, doc_id)
    if got is None:
        raise not_found("document", doc_id)
    return Response(content=got[1], media_type="application/json")


@router.get(
    "/documents/{doc_id:path}/entities",
    response_model=LayerOut[EntityItem],
    responses=responses(404),
    summary="Entities of one document",
    description="Each entity with how many mentions point to it and every spelling the text uses (`communique entities`).",
)
def document_entities(doc_id: str, store: StoreDep) -> dict[str, Any]:
    from communique.cli.entities import entity_rows

    record = load_record(store, doc_id)
    counts = {r["id"]: r for r in entity_rows(store, record["id"])}
    items = []
    for ent in record["entities"]:
        row = counts.get(ent["id"], {})
        items.append(
            {**ent, "mentions": int(row.get("mentions") or 0), "spellings": sorted(row.get("spellings") or [])}
        )
    return {"doc_id": record["id"], "layer": Layer.entities, "items": items}


_SPAN_LAYERS: dict[Layer, type] = {
    Layer.segments: SegmentItem,
    Layer.mentions: MentionItem,
    Layer.encounters: EncounterItem,
    Layer.turns: TurnItem,
    Layer.quotes: QuoteItem,
    Layer.claims: ClaimItem,
    Layer.events: EventItem,
    Layer.framing: FramingItem,
}


def _layer_endpoint(layer: Layer):
    def endpoint(doc_id: str, store: StoreDep) -> dict[str, Any]:
        record = load_record(store, doc_id)
        text = record["text"]
        items = [{**item, "span_text": text[item["start"] : item["end"]]} for item in record.get(layer.value, [])]
        return {"doc_id": record["id"], "layer": layer, "items": items}

    endpoint.__name__ = f"document_{layer.value}"
    endpoint.__doc__ = f"The {layer.value} layer of one document, each item with the text it covers (`span_text`)."
    return endpoint


for _layer, _model in _SPAN_LAYERS.items():
    router.add_api_route(
        f"/documents/{{doc_id:path}}/{_layer.value}",
        _layer_endpoint(_layer),
        methods=["GET"],
        response_model=LayerOut[_model],
        responses=responses(404),
        summary=f"{_layer.value.capitalize()} of one document",
    )
# ids may hold "/" (JSONL ids such as "a/b"): ``:path`` takes them whole, and the bare document route comes
# after its sub-routes, which would otherwise be read as ids ending in "/turns"
router.add_api_route(
    "/documents/{doc_id:path}",
    get_document,
    methods=["GET"],
    response_model=DocumentRecord,
    responses=responses(404),
    summary="One document in the output contract",
    description="The record exactly as analysed: text, content spans and every layer, offsets into `text`.",
)


@router.get(
    "/search",
    response_model=Page[SearchHit],
    summary="Full-text search",
    description="Documents holding every word of `q` (whole words, any case; text in double quotes as a phrase), "
    "best BM25 score first, with a snippet and the spans of the hits in it (`communique search`).",
)
def search(
    store: StoreDep,
    p: PagingDep,
    q: Annotated[str, Query(min_length=1, max_length=500, description="Words that must all occur.")],
) -> dict[str, Any]:
    from communique.web.api_search import search as run_search
    from communique.web.api_search import too_many_words

    if problem := too_many_words(q):
        raise HTTPException(status_code=422, detail=problem)
    return page(run_search(store, q, limit=p.limit + 1, offset=p.offset), p, skipped=True)
