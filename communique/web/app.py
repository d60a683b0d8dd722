"""Build the FastAPI application over one store.

Why a factory: tests and ``communique serve`` each open their own store (a
file, or ``:memory:``), and ``--read-only`` must be decided once, at start-up.
The store and the settings live on ``app.state``; the routers read them from
the request, so no module-level global holds a connection.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fastapi import FastAPI

from communique.store.db import Store


@dataclass(frozen=True)
class Settings:
    """What the server may do: read-only disables analyze and ingest; limits bound request bodies."""

    read_only: bool = False
    max_upload_bytes: int = 5_000_000
    max_body_bytes: int = 6_000_000
    url_timeout_s: float = 10.0


def create_app(store: Store | str | Path | None = None, settings: Settings | None = None) -> FastAPI:
    """An application over ``store`` (a Store, a path, or None for the default store)."""
    settings = settings or Settings()
    if not isinstance(store, Store):
        store = Store(store, read_only=settings.read_only)
    app = FastAPI(title="communique", version=_version(), docs_url="/api/docs", openapi_url="/api/openapi.json")
    app.state.store = store
    app.state.settings = settings

    from communique.web import api, pages

    app.include_router(api.router, prefix="/api")
    pages.install(app)
    return app


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("communique")
    except PackageNotFoundError:  # running from a source tree without install
        return "0"
