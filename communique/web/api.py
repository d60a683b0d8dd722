"""The REST API under ``/api``: JSON views of the store matching the CLI's queries.

One router per area, each in its own module (``api_documents``, ``api_speech``,
``api_encounters``, ``api_analyze``); this module only gathers them, so the
app factory includes one router. Every endpoint declares a pydantic response
model (``schemas.py``), which is what makes ``/api/openapi.json`` accurate.
How requests share the DuckDB store safely is explained in ``api_deps.py``.
"""

from __future__ import annotations

from fastapi import APIRouter

from communique.web import api_analyze, api_documents, api_encounters, api_speech

router = APIRouter()
router.include_router(api_documents.router, tags=["documents"])
router.include_router(api_speech.router, tags=["speech"])
router.include_router(api_encounters.router, tags=["encounters and framing"])
router.include_router(api_analyze.router, tags=["analysis"])
