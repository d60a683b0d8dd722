"""The analyze page: paste text, upload a file or give a URL, and see the document view without storing it.

Why nothing is stored: the page is for trying a record out; ``communique
ingest`` (or the API) is how records enter the store. A read-only server
refuses the page outright (403), since analysing fetches URLs and spends CPU
on a stranger's input. Uploads and pasted text are capped at
``settings.max_upload_bytes``; URLs must pass :func:`communique.web.safety.check_url`
(http/https, public hosts) and are read with the reader's timeouts and caps.
Reading (a download too) runs in a worker thread so a slow download does not
stall the pages; analysis runs in the app's worker process, one at a time and
within a time budget (``communique/web/analysis.py``).
"""

from __future__ import annotations

import secrets
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from communique.errors import InputError
from communique.model import Document, doc_id_for
from communique.read.options import human_size
from communique.web.analysis import AnalysisTimeout
from communique.web.origin import FORM_TOKEN_FIELD
from communique.web.views.common import page, settings
from communique.web.views.documents import document_context

router = APIRouter(include_in_schema=False)


def _refuse(request: Request) -> HTMLResponse:
    return page(
        request,
        "analyze.html",
        status_code=403,
        title="Analyze",
        refused="This server is read-only: analysing new records is switched off.",
    )


@router.get("/analyze", response_class=HTMLResponse)
async def analyze_form(request: Request) -> HTMLResponse:
    if settings(request).read_only:
        return _refuse(request)
    lim = human_size(settings(request).max_upload_bytes)
    return page(request, "analyze.html", title="Analyze", limit=lim, token=_token(request))


def _token(request: Request) -> str:
    return str(getattr(request.app.state, "form_token", ""))


@router.post("/analyze", response_class=HTMLResponse)
async def analyze_submit(request: Request) -> HTMLResponse:
    cfg = settings(request)
    if cfg.read_only:
        return _refuse(request)
    limit = int(cfg.max_upload_bytes)
    form = await request.form(max_files=1, max_fields=10, max_part_size=limit + 1024)
    if not secrets.compare_digest(str(form.get(FORM_TOKEN_FIELD) or ""), _token(request)):
        # a form posted from another site (cross-site request forgery) cannot know the token
        return _error(
            request, "This form has expired or came from another site: reload the page and send it again.", 403
        )
    text = str(form.get("text") or "")
    url = str(form.get("url") or "").strip()
    upload = form.get("file")
    try:
        if isinstance(upload, UploadFile) and upload.filename:
            data = await upload.read(limit + 1)
            if len(data) > limit:
                return _error(request, f"{upload.filename}: file too large: the limit is {human_size(limit)}", 413)
            doc = await run_in_threadpool(_analyse_bytes, data, upload.filename)
        elif url:
            doc = await run_in_threadpool(_analyse_url, url, cfg)
        elif text.strip():
            if len(text.encode("utf-8")) > limit:
                return _error(request, f"text too large: the limit is {human_size(limit)}", 413)
            doc = await run_in_threadpool(_analyse_text, text)
        else:
            return _error(request, "Give some text, a file or a URL to analyse.", 400)
    except InputError as exc:
        return _error(request, str(exc), 400)
    try:
        doc = await request.app.state.analyser.analyse(doc)
    except AnalysisTimeout as exc:
        return _error(request, exc.detail, 503)
    return page(request, "document.html", **document_context(doc, stored=False))


def _error(request: Request, message: str, status: int) -> HTMLResponse:
    lim = human_size(settings(request).max_upload_bytes)
    return page(
        request, "analyze.html", status_code=status, title="Analyze", error=message, limit=lim, token=_token(request)
    )


def _run(doc: Document) -> Document:
    """The document as read; the handler analyses it in the app's worker process (``web/analysis.py``)."""
    return doc


def _analyse_text(text: str) -> Document:
    from communique.read.encoding import normalize_newlines
    from communique.read.plain import text_document

    text = normalize_newlines(text)
    return _run(text_document(text, "<pasted text>", doc_id_for(text)))


def _analyse_bytes(data: bytes, filename: str) -> Document:
    """An uploaded file, read as the CLI reads a file: HTML by name or look, else text of any encoding."""
    from communique.read.encoding import decode, normalize_newlines
    from communique.read.html import html_document, looks_like_html
    from communique.read.plain import text_document

    source = f"<upload: {filename}>"
    if not data:
        raise InputError(source, "empty: no text")
    if filename.lower().endswith((".html", ".htm")) or looks_like_html(data):
        return _run(html_document(data, source, doc_id_for(data)))
    text = normalize_newlines(decode(data, source))
    return _run(text_document(text, source, doc_id_for(data)))


def _analyse_url(url: str, cfg: Any) -> Document:
    from communique.read import read_one
    from communique.web.safety import check_url, url_guards

    allow_private = bool(getattr(cfg, "allow_private_urls", False))
    url = check_url(url, allow_private=allow_private)
    doc = read_one(  # redirects and the address reached pass the same checks as the URL given
        url,
        max_bytes=int(cfg.max_upload_bytes),
        timeout=float(cfg.url_timeout_s),
        **url_guards(allow_private),
    )
    return _run(doc)
