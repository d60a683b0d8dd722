"""Server-rendered HTML pages (Jinja2) and the static files they need.

Why server-rendered pages with a little script: every page works with
JavaScript off (only highlighting a span needs it), nothing is fetched from
the internet (the CSS and JS are in ``static/``), and each page is one query
plus one template, so it is as fast as the store. The handlers live in
:mod:`communique.web.views`; docs/web-pages.md describes each page.
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from communique.web import api_docs, views
from communique.web.views.common import WEB


def install(app: FastAPI) -> None:
    """Add the page routes, the API's interactive docs page and the static mounts to ``app``."""
    app.include_router(views.router())
    api_docs.install(app)
    app.mount("/static", StaticFiles(directory=str(WEB / "static")), name="static")
