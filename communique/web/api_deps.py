"""What every endpoint of the REST API shares: its own store handle, paging, and the error answers.

Concurrency, decided here once. DuckDB connections are not thread-safe, and
FastAPI runs plain ``def`` endpoints in a thread pool. Rather than making the
endpoints ``async`` (which would run every query on the event loop, one at a
time, freezing the server during a long scan), each request gets a
connection of its **own** from ``app.state.access`` (``web/access.py``): over a
store file, a read-only connection opened for the request and closed after
it, so the file is free between requests and ``communique ingest`` can write
meanwhile; writes (``POST /api/ingest``) and the encounter join's
bookkeeping open a short read-write connection, one writer at a time.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Query, Request

from communique.store.db import Store
from communique.web.schemas import MAX_LIMIT, MAX_OFFSET


def get_store(request: Request) -> Iterator[Store]:
    """FastAPI dependency: a Store for this request alone, closed after it (see ``web/access.py``)."""
    with request.app.state.access.read() as view:
        yield view


StoreDep = Annotated[Store, Depends(get_store)]


@dataclass(frozen=True)
class Paging:
    limit: int
    offset: int

    @property
    def upto(self) -> int:
        """How many rows to ask a limit-only query for: this page, the ones before it, and one to tell if more follow."""
        return self.offset + self.limit + 1


def paging(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")] = 0,
) -> Paging:
    return Paging(limit, offset)


PagingDep = Annotated[Paging, Depends(paging)]


def page(rows: Sequence[Any], p: Paging, skipped: bool = False) -> dict[str, Any]:
    """A page envelope from ``rows``: all rows up to ``p.upto`` (``skipped=False``), or rows fetched
    with ``LIMIT p.limit + 1 OFFSET p.offset`` (``skipped=True``)."""
    window = list(rows if skipped else rows[p.offset :])
    more = len(window) > p.limit
    return {
        "items": window[: p.limit],
        "limit": p.limit,
        "offset": p.offset,
        "next_offset": p.offset + p.limit if more else None,
    }


def not_found(what: str, key: str, hint: str = "") -> HTTPException:
    return HTTPException(status_code=404, detail=f"no {what} {key!r} in the store{hint}")


def ensure_writable(request: Request) -> None:
    if request.app.state.settings.read_only:
        raise HTTPException(
            status_code=403,
            detail="this server is read-only (started with --read-only): analyze and ingest are disabled",
        )


def responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for the error answers an endpoint can give (each a ``{"detail": …}`` body)."""
    from communique.web.schemas import Problem, ValidationProblem

    text = {
        400: "The input cannot be read (bad URL, not text, empty…).",
        403: "The server is read-only, or the write came from another site.",
        404: "No such item in the store.",
        413: "The request body or upload is over the server's limit.",
        415: "The body is neither JSON, multipart form data nor plain text.",
        422: "The request does not fit the schema.",
        503: "The store cannot answer this while opened read-only (an index is out of date), or an analysis "
        "went past the server's time budget.",
    }
    return {code: {"model": ValidationProblem if code == 422 else Problem, "description": text[code]} for code in codes}
