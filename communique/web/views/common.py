"""What every page handler shares: the templates, the store and settings of the app, error pages.

Why one place: each page module stays a thin "query, then render" function,
and escaping, the security headers and the 404 page are decided once.
Templates autoescape (Jinja2 does for ``.html`` through Starlette), so a
document containing ``<script>`` shows it as text; only :mod:`markup` output,
built from escaped pieces, is passed on as ``Markup``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

WEB = Path(__file__).resolve().parent.parent
templates = Jinja2Templates(directory=str(WEB / "templates"))

# pages load only their own script and style; inline SVG is markup, not a resource, so it needs no exception
CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'"


def day(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def figure(value: float | None, unit: str | None = None) -> str:
    if value is None:
        return "—"
    if abs(value) >= 1e9:
        num = f"{value / 1e9:g} bn"
    elif abs(value) >= 1e6:
        num = f"{value / 1e6:g} mn"
    else:
        num = f"{value:,g}"
    return f"{num} {unit or ''}".strip()


def short(text: Any, n: int = 160) -> str:
    s = " ".join(str(text or "").split())
    return s if len(s) <= n else s[: n - 1] + "…"


templates.env.filters["day"] = day
templates.env.filters["figure"] = figure
templates.env.filters["short"] = short
templates.env.filters["q"] = lambda s: quote(str(s), safe="")
templates.env.globals["urlencode"] = lambda **kw: urlencode({k: v for k, v in kw.items() if v not in (None, "")})


@contextmanager
def reading(request: Request) -> Iterator[Any]:
    """A Store for this request alone, closed afterwards (see ``web/access.py``).

    Page handlers are plain ``def`` functions that FastAPI runs in its thread
    pool (so a slow scan never freezes the server), and DuckDB connections are
    not thread-safe: each request gets its own, as the API's requests do.
    """
    with request.app.state.access.read() as view:
        yield view


def settings(request: Request) -> Any:
    return request.app.state.settings


def page(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """Render ``template`` with the context every page needs (read-only flag for the navigation)."""
    context.setdefault("read_only", bool(getattr(settings(request), "read_only", False)))
    resp = templates.TemplateResponse(request, template, context, status_code=status_code)
    resp.headers.setdefault("Content-Security-Policy", CSP)
    resp.headers.setdefault("X-Content-Type-Options", "nosniff")
    return resp


def not_found(request: Request, what: str) -> HTMLResponse:
    """The 404 page: says what was looked for, links back home."""
    return page(request, "error.html", status_code=404, title="Not found", message=what)


def bad_request(request: Request, message: str) -> HTMLResponse:
    """The 422 page: a parameter the page cannot use, named with what it should be."""
    return page(request, "error.html", status_code=422, title="Bad request", message=message)


def is_date(value: str) -> bool:
    try:
        date.fromisoformat(value.strip())
    except ValueError:
        return False
    return True


def doc_href(doc_id: str, start: int | None = None, end: int | None = None) -> str:
    """A link to a document view, optionally highlighting ``[start, end)`` on arrival."""
    base = f"/documents/{quote(doc_id, safe='')}"
    return f"{base}#span={start}-{end}" if start is not None and end is not None else base


def who_href(name: str) -> str:
    """The page of a person across the store (``communique who NAME``)."""
    return "/who/" + quote(name, safe="")


templates.env.globals["doc_href"] = doc_href
templates.env.globals["who_href"] = who_href
