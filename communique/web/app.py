"""Build the FastAPI application over one store.

Why a factory: tests and ``communique serve`` each open their own store (a
file, or ``:memory:``), and ``--read-only`` must be decided once, at start-up.
How the store is reached lives on ``app.state.access`` (see
``communique/web/access.py``: a file is opened per request, read-only to read,
so other processes share it), the settings on ``app.state.settings``; the
routers read them from the request, so no module-level global holds a
connection. The app installs the request-safety middleware of
``communique/web/safety.py``.
"""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from communique.errors import InputError
from communique.store.db import Store


@dataclass(frozen=True)
class Settings:
    """What the server may do: read-only disables analyze and ingest; limits bound request bodies.

    ``allow_private_urls`` lets ``POST /api/analyze {"url": …}`` fetch
    loopback and private-network addresses; off by default so a request cannot
    make the server probe its own network. ``bind_host`` (the address served
    on) and ``extra_hosts`` are the names the server answers to besides the
    loopback ones (see ``communique/web/origin.py``). ``analysis_budget_s``
    bounds one analysis (see ``communique/web/analysis.py``).
    """

    read_only: bool = False
    max_upload_bytes: int = 5_000_000
    max_body_bytes: int = 6_000_000
    url_timeout_s: float = 10.0
    allow_private_urls: bool = False
    bind_host: str | None = None
    analysis_budget_s: float = 60.0
    extra_hosts: tuple[str, ...] = ()


def create_app(store: Store | str | Path | None = None, settings: Settings | None = None) -> FastAPI:
    """An application over ``store`` (a Store, a path, or None for the default store)."""
    from communique.web.access import FileAccess, HeldStore
    from communique.web.analysis import Analyser, AnalysisTimeout
    from communique.web.origin import OriginGuard, allowed_hosts
    from communique.web.safety import ApiHeaders, BodyLimit, RequestTooLarge

    settings = settings or Settings()
    access: HeldStore | FileAccess
    if isinstance(store, Store):
        access = HeldStore(store)
    elif str(store) == ":memory:":
        store = Store(":memory:")
        access = HeldStore(store)
    else:  # a file: opened per request, so other processes share it (see web/access.py)
        from communique.store.db import default_db_path

        access = FileAccess(str(store) if store is not None else str(default_db_path()), settings.read_only)
    analyser = Analyser(settings.analysis_budget_s)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        analyser.close()  # the worker process goes with the server

    app = FastAPI(
        lifespan=lifespan,
        title="communique",
        version=_version(),
        docs_url=None,  # Swagger UI loads its script from a CDN; every page here must work offline
        openapi_url="/api/openapi.json",
        redoc_url=None,
        description="Records of diplomatic encounters as structured, source-attributed data: every field points "
        "back to character offsets of its source. See docs/web-api.md.",
    )
    app.state.access = access
    app.state.store = store if isinstance(access, HeldStore) else access  # has .path and .close()
    app.state.settings = settings
    app.state.analyser = analyser
    app.state.form_token = secrets.token_urlsafe(24)  # the analyse form's anti-forgery token

    @app.exception_handler(InputError)
    async def _input_error(request: Request, exc: InputError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=400)

    @app.exception_handler(AnalysisTimeout)
    async def _timeout(request: Request, exc: AnalysisTimeout) -> JSONResponse:
        return JSONResponse({"detail": exc.detail}, status_code=503)

    @app.exception_handler(RequestTooLarge)
    async def _too_large(request: Request, exc: RequestTooLarge) -> JSONResponse:
        return JSONResponse({"detail": exc.detail}, status_code=413)

    from communique.web import api, pages

    app.include_router(api.router, prefix="/api")
    pages.install(app)
    app.add_middleware(ApiHeaders)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    # outermost: a foreign Host or a cross-origin write is refused before anything reads the body
    app.add_middleware(OriginGuard, hosts=allowed_hosts(settings.bind_host, settings.extra_hosts))
    return app


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("communique")
    except PackageNotFoundError:  # running from a source tree without install
        return "0"
