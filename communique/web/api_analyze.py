"""``POST /api/analyze`` and ``POST /api/ingest``: a record sent by the client, analysed (and stored).

A record comes in one of three bodies, told apart by ``Content-Type``:

* ``application/json``: ``{"text": "…"}`` or ``{"url": "https://…"}``;
* ``multipart/form-data``: a file in the field ``file`` (``.txt``, ``.md``,
  ``.html``; HTML is recognised by its name or its first bytes);
* ``text/plain``: the body is the record's text.

Nothing from a request is ever used as a file-system path: text and uploads
are read from memory with the reader's own pieces (decoding, front matter,
HTML extraction) — never through ``pipeline.analyze`` or ``read_one`` with a
string, which would open a path that happens to exist — and a URL goes to the
reader only after :func:`communique.web.safety.check_url` accepted it.
Analysis is CPU work, so it runs in the app's worker process, one document at
a time and within a time budget (``communique/web/analysis.py``): reads never
wait behind it.
"""

from __future__ import annotations

import json
import os
import re
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import TypeAdapter, ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from communique.errors import InputError
from communique.model import Document, doc_id_for
from communique.web.api_deps import ensure_writable, responses
from communique.web.safety import RequestTooLarge, check_size, check_url, url_guards
from communique.web.schemas import AnalyzeText, AnalyzeUrl, DocumentRecord, IngestResult

router = APIRouter()

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")  # JSON may escape them; no text can be encoded with one
_BODY = TypeAdapter(AnalyzeText | AnalyzeUrl)
UPLOAD_FIELD = "file"

REQUEST_BODY: dict[str, Any] = {
    "required": True,
    "content": {
        "application/json": {"schema": {"anyOf": [AnalyzeText.model_json_schema(), AnalyzeUrl.model_json_schema()]}},
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "properties": {UPLOAD_FIELD: {"type": "string", "format": "binary"}},
                "required": [UPLOAD_FIELD],
            }
        },
        "text/plain": {"schema": {"type": "string", "minLength": 1}},
    },
}


async def read_request_document(request: Request) -> Document:
    """The Document a request sends (read, not yet analysed); InputError, RequestTooLarge or 415/422 otherwise."""
    settings = request.app.state.settings
    limit = settings.max_upload_bytes
    ctype = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if ctype == "application/json":
        try:
            payload = json.loads(await request.body())
        except (ValueError, UnicodeDecodeError):
            raise InputError("<request>", "the body is not valid JSON") from None
        except RecursionError:
            raise InputError("<request>", "the body is JSON nested too deeply to read") from None
        if isinstance(payload, dict) and any(
            isinstance(v, str) and _LONE_SURROGATE.search(v) for v in payload.values()
        ):
            # checked before validation, whose error would echo the string back and fail to encode it
            raise InputError(
                "<request>", "the body holds a lone surrogate (a \\ud800–\\udfff escape): not Unicode text"
            )
        try:
            body = _BODY.validate_python(payload)
        except ValidationError as exc:
            raise RequestValidationError(exc.errors(include_url=False, include_context=False)) from None
        if isinstance(body, AnalyzeUrl):
            url = check_url(body.url, allow_private=settings.allow_private_urls)
            return await run_in_threadpool(_fetch, url, limit, settings.url_timeout_s, settings.allow_private_urls)
        check_size(body.text, limit, "text")
        return text_document(body.text, _label(body.source))
    if ctype == "multipart/form-data":
        async with request.form(max_files=1, max_fields=4) as form:
            upload = form.get(UPLOAD_FIELD)
            if not isinstance(upload, UploadFile):
                raise InputError("<request>", f"send the record as a file in the form field '{UPLOAD_FIELD}'")
            data = await upload.read(limit + 1)
            if len(data) > limit:
                raise RequestTooLarge(limit, "upload")
            return file_document(data, upload.filename or "upload")
    if ctype == "text/plain":
        data = await request.body()
        check_size(data, limit, "text")
        return file_document(data, "text.txt")
    raise HTTPException(
        status_code=415,
        detail=f"unsupported content type {ctype or 'none'!r}: send application/json, multipart/form-data or text/plain",
    )


def _label(source: str | None) -> str:
    return " ".join(source.split())[:500] if source and source.strip() else "<request>"


def text_document(text: str, source: str) -> Document:
    """A Document over text sent in a request: the same reading as a ``.txt`` file with that content."""
    from communique.read.encoding import normalize_newlines
    from communique.read.plain import text_document as plain

    return plain(normalize_newlines(text), source, doc_id_for(text))


def file_document(data: bytes, filename: str) -> Document:
    """A Document from uploaded bytes. The file name only labels the source and hints at HTML."""
    from communique.read.encoding import decode, normalize_newlines
    from communique.read.files import CORPUS_EXTENSIONS, HTML_EXTENSIONS
    from communique.read.html import html_document, looks_like_html
    from communique.read.plain import text_document as plain

    name = os.path.basename(filename.replace("\\", "/")) or "upload"
    source = f"upload:{name}"
    ext = os.path.splitext(name)[1].lower()
    if ext in CORPUS_EXTENSIONS:
        raise InputError(source, f"a {ext[1:].upper()} corpus holds many documents: ingest it with `communique ingest`")
    if not data:
        raise InputError(source, "empty: the file has no bytes")
    if ext in HTML_EXTENSIONS or looks_like_html(data):
        return html_document(data, source, doc_id_for(data))
    return plain(normalize_newlines(decode(data, source)), source, doc_id_for(data))


def _fetch(url: str, limit: int, timeout: float, allow_private: bool = False) -> Document:
    from communique.read import read_one

    # every request of the download, redirects included, passes the same check as the URL given
    return read_one(url, max_bytes=limit, timeout=timeout, **url_guards(allow_private))


async def analyse(request: Request, doc: Document) -> Document:
    """``doc`` analysed in the app's worker process, off the server's threads (see ``web/analysis.py``)."""
    return await request.app.state.analyser.analyse(doc)


@router.post(
    "/analyze",
    response_model=DocumentRecord,
    responses=responses(400, 403, 413, 415, 422, 503),
    openapi_extra={"requestBody": REQUEST_BODY},
    summary="Analyse a record (not stored)",
    description='Send text (`{"text": …}` or a text/plain body), a file upload (field `file`) or an http(s) URL '
    '(`{"url": …}`); get the record back in the output contract. Disabled on a read-only server.',
)
async def analyze(request: Request) -> JSONResponse:
    ensure_writable(request)
    doc = await read_request_document(request)
    doc = await analyse(request, doc)
    return JSONResponse(doc.to_dict())


@router.post(
    "/ingest",
    response_model=IngestResult,
    status_code=201,
    responses=responses(400, 403, 413, 415, 422, 503),
    openapi_extra={"requestBody": REQUEST_BODY},
    summary="Analyse a record and store it",
    description="The same bodies as `/analyze`; the record is stored (the same input again replaces it, never "
    "duplicates it). Answers where to read it. Disabled on a read-only server.",
)
async def ingest(request: Request) -> JSONResponse:
    ensure_writable(request)
    doc = await read_request_document(request)
    doc = await analyse(request, doc)
    replaced = await run_in_threadpool(_store, request, doc)
    href = f"/api/documents/{doc.id}"
    body = IngestResult(
        id=doc.id,
        title=doc.title,
        publisher=doc.publisher,
        published=doc.published,
        kind=doc.kind,
        replaced=replaced,
        href=href,
    )
    return JSONResponse(body.model_dump(), status_code=201, headers={"Location": href})


def _store(request: Request, doc: Document) -> bool:
    """Upsert ``doc`` and join its encounters, under the write lock; True when it replaced a stored one."""
    from communique.encounters import join

    with request.app.state.access.write() as st:
        replaced = st.con.execute("SELECT count(*) FROM documents WHERE id = ?", [doc.id]).fetchone()[0] > 0
        st.upsert(doc)
        join.update(st, [doc.id])
    return bool(replaced)
