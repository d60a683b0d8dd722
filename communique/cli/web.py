"""``communique serve``: the web app and REST API over a store, served by uvicorn.

Binds to 127.0.0.1 unless told otherwise: the API can analyse and store
whatever a client sends, so exposing it to a network is a decision the user
makes with ``--host`` (and should pair with ``--read-only``). ``--reload`` is
for working on communique itself; it re-imports the app from the environment
(see :func:`app_from_env`), since uvicorn's reloader needs an import string
rather than an app object.
"""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path
from typing import Annotated

import typer

from communique.cli.app import app
from communique.cli.console import err, error, warning
from communique.cli.core import DbOption

_ENV = "COMMUNIQUE_SERVE"  # how --reload hands the store and settings to uvicorn's worker process


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[
        str, typer.Option("--host", help="Address to bind; 0.0.0.0 exposes the server to your network.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="TCP port.")] = 8000,
    read_only: Annotated[
        bool, typer.Option("--read-only", help="Open the store read-only and disable analyze and ingest.")
    ] = False,
    max_upload: Annotated[
        int, typer.Option("--max-upload", min=1, help="Largest text, file or download to analyse, in bytes.")
    ] = 5_000_000,
    url_timeout: Annotated[
        float, typer.Option("--url-timeout", min=0.1, help="Connect/read timeout for URLs to analyse, in seconds.")
    ] = 10.0,
    analysis_budget: Annotated[
        float,
        typer.Option("--analysis-budget", min=0.1, help="Seconds one analysis may take before it is stopped (503)."),
    ] = 60.0,
    allow_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allow-host",
            help="A host name the server answers to besides localhost and the bound address (repeatable); "
            "requests naming any other Host are refused, which stops DNS rebinding.",
        ),
    ] = None,
    reload: Annotated[
        bool, typer.Option("--reload", help="Restart when communique's code changes (development).")
    ] = False,
) -> None:
    """Serve the web pages and the REST API (/api, schema at /api/openapi.json) over a store."""
    try:
        import uvicorn
    except ImportError as exc:
        error("serving needs the web extra: pip install 'communique[web]'")
        raise typer.Exit(2) from exc
    from communique.errors import CommuniqueError
    from communique.store import default_db_path
    from communique.web.app import Settings, create_app

    path = Path(db) if db else default_db_path()
    settings = Settings(
        read_only=read_only,
        max_upload_bytes=max_upload,
        max_body_bytes=max_upload + 1_000_000,
        url_timeout_s=url_timeout,
        bind_host=host,
        analysis_budget_s=analysis_budget,
        extra_hosts=tuple(allow_host or ()),
    )
    if host not in ("127.0.0.1", "localhost", "::1") and not read_only:
        warning(f"listening on {host} without --read-only: anyone who reaches it can store records")
    banner = (
        f"serving {path}{' (read-only)' if read_only else ''} at http://{_url_host(host)}:{port}/  "
        "(API: /api, schema: /api/openapi.json)"
    )
    if reload:
        err.print(banner)
        os.environ[_ENV] = json.dumps({"db": str(path), "settings": dataclasses.asdict(settings)})
        package = str(Path(__file__).resolve().parent.parent)
        uvicorn.run(
            "communique.cli.web:app_from_env", factory=True, host=host, port=port, reload=True, reload_dirs=[package]
        )
        return
    try:
        web_app = create_app(path, settings)
    except CommuniqueError as exc:
        error(str(exc))
        raise typer.Exit(2) from exc
    err.print(banner)
    uvicorn.run(web_app, host=host, port=port, log_level="info")


def app_from_env():
    """The app for ``--reload``: uvicorn imports this factory in its worker process."""
    from communique.web.app import Settings, create_app

    spec = json.loads(os.environ[_ENV])
    return create_app(spec["db"], Settings(**spec["settings"]))


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host
