"""The API's interactive docs page (``/api/docs``): Swagger UI served from the files the
``fastapi-offline`` package on PyPI ships, never from a CDN.

Why not FastAPI's own ``docs_url``: its page loads Swagger UI's script and
style from a CDN, and every page of this server must work offline and
under a Content Security Policy that allows only its own scripts. Why
fastapi-offline's files: it ships a current Swagger UI (5.x, which reads the
OpenAPI 3.1 that FastAPI writes; ``swagger-ui-bundle`` is stuck at 4.15,
which cannot) and needs nothing but FastAPI. Only its ``static`` folder is
used, mounted at ``/api/docs/assets``; its own page has an inline script,
so this page is ours: no inline script, it loads ``/static/api-docs.js``,
which points Swagger UI at ``/api/openapi.json``. Without the package (a
``web`` install predating it) the page says what to install instead of failing.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

HINT = "The interactive API docs need the fastapi-offline package: pip install 'communique[web]'."
CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'"
)  # Swagger UI sets inline style attributes on its widgets; scripts stay its own files only

PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>communique API · interactive docs</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
</head>
<body>
<div id="swagger-ui" data-openapi="/api/openapi.json"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/static/api-docs.js"></script>
</body>
</html>
"""


def assets() -> Path | None:
    """The folder of Swagger UI's files in the installed fastapi-offline, or None without it."""
    try:
        spec = importlib.util.find_spec("fastapi_offline")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "static"
    return folder if (folder / "swagger-ui-bundle.js").is_file() and (folder / "swagger-ui.css").is_file() else None


def install(app: FastAPI) -> None:
    """Add ``/api/docs`` and its assets to ``app`` (a hint page when swagger-ui-bundle is missing)."""
    swagger_ui_path = assets()
    if swagger_ui_path is not None:
        app.mount("/api/docs/assets", StaticFiles(directory=str(swagger_ui_path)), name="swagger-ui")

    @app.get("/api/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        headers = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff"}
        if swagger_ui_path is None:
            return HTMLResponse(f"<!doctype html><title>API docs</title><p>{HINT}</p>", 503, headers)
        return HTMLResponse(PAGE, headers=headers)
