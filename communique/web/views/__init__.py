"""Page handlers, one module per area of the CLI whose queries they show.

``documents`` (home, list, document view), ``corpus`` (search, quotes,
claims, turns, events), ``entities``, ``encounters``, ``network`` (who met
whom), ``framing`` and ``analyze``; ``common`` holds the templates and error pages they share.
"""

from __future__ import annotations

from fastapi import APIRouter

from communique.web.views import analyze, corpus, documents, encounters, entities, framing, network


def router() -> APIRouter:
    """All page routes in one router, hidden from the API schema."""
    out = APIRouter(include_in_schema=False)
    for module in (documents, corpus, entities, encounters, network, framing, analyze):
        out.include_router(module.router)
    return out
