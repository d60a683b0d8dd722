"""Read-only stores: a DuckDB connection wrapper that lets a server opened with ``--read-only`` run
the encounter functions, which may want to write their group tables.

``CREATE … IF NOT EXISTS`` of tables that already exist passes as a no-op, and
any real write becomes :class:`IndexOutOfDate`, which the API answers with 503
and the pages with a notice saying what to run. Used by ``api_encounters`` and
``views/encounters``.
"""

from __future__ import annotations

import re
from typing import Any

import duckdb

_WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|DROP|ALTER|CREATE|COPY|ATTACH|DETACH)\b", re.IGNORECASE)
_ENSURE = re.compile(r"^\s*CREATE\s+(TABLE|INDEX)\s+IF\s+NOT\s+EXISTS\b", re.IGNORECASE)
STALE = (
    "the encounter index of this store is not up to date and the server is read-only: run "
    "`communique encounters --db PATH` once (or serve without --read-only), then retry"
)


class IndexOutOfDate(Exception):
    """A read-only server was asked for encounters whose group tables need writing first."""


class ReadOnlyGuard:
    """A DuckDB connection that refuses writes: ``CREATE … IF NOT EXISTS`` becomes a no-op, anything else
    that writes raises IndexOutOfDate. Everything else is passed through."""

    def __init__(self, con: Any) -> None:
        self._con = con

    def execute(self, sql: str, params: Any = None) -> Any:
        if _WRITE.match(sql):
            if _ENSURE.match(sql):
                return self._con
            raise IndexOutOfDate(STALE)
        try:
            return self._con.execute(sql, params) if params is not None else self._con.execute(sql)
        except duckdb.CatalogException as exc:  # no group tables at all
            raise IndexOutOfDate(STALE) from exc

    def executemany(self, sql: str, params: Any = None) -> Any:
        raise IndexOutOfDate(STALE)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._con, name)
