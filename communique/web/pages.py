"""Server-rendered HTML pages (Jinja2) and the static files they need."""

from __future__ import annotations

from fastapi import FastAPI


def install(app: FastAPI) -> None:
    """Add the page routes and the static mount to ``app``."""
