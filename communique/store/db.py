"""The Store: a DuckDB file holding analysed documents, safe to re-ingest and to interrupt.

Each document is written in one transaction that first deletes every row of
that document id and then inserts the new ones, so re-ingesting the same
input (same bytes, same id) replaces it and never duplicates it, and a run
killed mid-way leaves either the old or the new version, never half of one.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import duckdb

from communique.errors import CommuniqueError
from communique.model import Document
from communique.store.lock import DEFAULT_WAIT_S, connect
from communique.store.rows import document_rows
from communique.store.schema import LAYER_TABLES, SCHEMA_VERSION, TABLES
from communique.store.search import INDEX_TABLES, index_rows, maybe_compact


def default_db_path() -> Path:
    """``$COMMUNIQUE_DB``, else ``communique.duckdb`` in the user's data directory."""
    env = os.environ.get("COMMUNIQUE_DB")
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("communique")) / "communique.duckdb"


class Store:
    """One DuckDB file. ``Store(None)`` opens the default file; ``":memory:"`` a throwaway one."""

    def __init__(
        self,
        path: str | Path | None = None,
        read_only: bool = False,
        wait: float = DEFAULT_WAIT_S,
        on_wait: Callable[[str], None] | None = None,
    ) -> None:
        self.path = str(path) if path is not None else str(default_db_path())
        self.read_only = read_only
        self.wait = wait
        self.on_wait = on_wait
        if self.path != ":memory:":
            p = Path(self.path)
            if read_only and not p.exists():
                raise CommuniqueError(f"{self.path}: no store here yet (run `communique ingest` first)")
            p.parent.mkdir(parents=True, exist_ok=True)
        self._con: Any = None
        self._con = self._connect()
        if not read_only:
            self._create()

    def _connect(self) -> Any:
        try:
            return connect(self.path, read_only=self.read_only, wait=self.wait, on_wait=self.on_wait)
        except CommuniqueError:
            raise
        except duckdb.Error as exc:
            raise CommuniqueError(f"{self.path}: cannot open the store: {exc}") from exc

    @property
    def con(self) -> Any:
        """The DuckDB connection, opened again (waiting for the file's lock) if ``release`` closed it."""
        if self._con is None:
            self._con = self._connect()
        return self._con

    @con.setter
    def con(self, value: Any) -> None:
        self._con = value

    def release(self) -> None:
        """Close the file until the next use, so other processes may open it meanwhile (a file store only).

        ``communique ingest`` calls this after each batch: the web server and
        other commands reading the same store get in between batches.
        """
        if self.path != ":memory:" and self._con is not None:
            self._con.close()
            self._con = None

    def _create(self) -> None:
        for name, cols in TABLES.items():
            self.con.execute(f"CREATE TABLE IF NOT EXISTS {name} ({cols})")
            self._add_new_columns(name, cols)
        self.con.execute("CREATE TABLE IF NOT EXISTS store_info (key VARCHAR PRIMARY KEY, value VARCHAR)")
        self.con.execute("INSERT OR REPLACE INTO store_info VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
        for t in LAYER_TABLES:
            self.con.execute(f"CREATE INDEX IF NOT EXISTS {t}_doc ON {t}(doc_id)")
        for name, cols in INDEX_TABLES.items():
            self.con.execute(f"CREATE TABLE IF NOT EXISTS {name} ({cols})")
        self._index_unindexed()

    def _index_unindexed(self, batch: int = 500) -> None:
        """Index the documents a store made before the search index holds without postings (once, on open)."""
        while True:
            rows = self.con.execute(
                "SELECT id, text FROM documents d WHERE NOT EXISTS "
                "(SELECT 1 FROM search_lengths l WHERE l.doc_id = d.id) LIMIT ?",
                [batch],
            ).fetchall()
            if not rows:
                maybe_compact(self.con)
                return
            self.con.execute("BEGIN TRANSACTION")
            try:
                for doc_id, text in rows:
                    for table, table_rows in index_rows(doc_id, text or "").items():
                        insert_columns(self.con, table, _index_types(table), table_rows)
                self.con.execute("COMMIT")
            except BaseException:
                self.con.execute("ROLLBACK")
                raise

    def _add_new_columns(self, table: str, cols: str) -> None:
        """Columns a newer schema appends to a table (e.g. ``encounters.date_from``) are added to an older store.

        Rows are inserted by position, so a store made by an earlier version
        must gain the new trailing columns before anything is written to it.
        """
        have = {
            r[0]
            for r in self.con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table]
            ).fetchall()
        }
        for col in cols.split(","):
            name, _, ctype = col.strip().partition(" ")
            if name not in have:
                self.con.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {name} {ctype}")

    def close(self) -> None:
        if self._con is not None:
            self._con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- writing ------------------------------------------------------
    def upsert(self, doc: Document) -> None:
        """Store one analysed document, replacing any earlier version with the same id."""
        self.upsert_many([doc])

    def upsert_many(self, docs: Iterable[Document]) -> int:
        """Store several documents in one transaction; returns how many."""
        batch = list(docs)
        if not batch:
            return 0
        rows_by_doc = [document_rows(d) for d in batch]
        ids = [d.id for d in batch]
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            # only documents stored before have rows to delete (every table is written in this one
            # transaction, so none holds rows of an id the documents table lacks); new ones cost no scan
            placeholders = ",".join("?" * len(ids))
            stored = [
                r[0] for r in con.execute(f"SELECT id FROM documents WHERE id IN ({placeholders})", ids).fetchall()
            ]
            marks = ",".join("?" * len(stored))
            for t in ["documents", *LAYER_TABLES, *INDEX_TABLES] if stored else []:
                key = "id" if t == "documents" else "doc_id"
                con.execute(f"DELETE FROM {t} WHERE {key} IN ({marks})", stored)
            for table in TABLES:
                all_rows = [r for rows in rows_by_doc for r in rows[table]]
                if all_rows:
                    _insert_rows(con, table, all_rows)
            index = [index_rows(d.id, d.text) for d in batch]
            for table in INDEX_TABLES:
                insert_columns(con, table, _index_types(table), [r for rows in index for r in rows[table]])
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        maybe_compact(con)
        return len(batch)

    def delete(self, doc_id: str) -> None:
        self.con.execute("BEGIN TRANSACTION")
        for t in [*LAYER_TABLES, *INDEX_TABLES]:
            self.con.execute(f"DELETE FROM {t} WHERE doc_id = ?", [doc_id])
        self.con.execute("DELETE FROM documents WHERE id = ?", [doc_id])
        self.con.execute("COMMIT")

    # ---- reading ------------------------------------------------------
    def count(self, table: str = "documents") -> int:
        if table not in TABLES:
            raise ValueError(f"unknown table {table!r}")
        return int(self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    def ids(self) -> list[str]:
        return [r[0] for r in self.con.execute("SELECT id FROM documents ORDER BY published NULLS LAST, id").fetchall()]

    def id_candidates(self, prefix: str, limit: int = 10) -> list[str]:
        """The stored ids equal to ``prefix`` or starting with it (the exact one alone if it exists), at most ``limit``.

        ``starts_with`` rather than ``LIKE``: ids hold ``_`` and ``%`` would be wildcards.
        """
        if self.con.execute("SELECT 1 FROM documents WHERE id = ?", [prefix]).fetchone():
            return [prefix]
        rows = self.con.execute(
            "SELECT id FROM documents WHERE starts_with(id, ?) ORDER BY id LIMIT ?", [prefix, limit]
        ).fetchall()
        return [r[0] for r in rows]

    def get(self, doc_id: str) -> Document | None:
        """A stored document by id, or by a unique id prefix (None when the prefix is ambiguous)."""
        row = self.con.execute("SELECT data FROM documents WHERE id = ?", [doc_id]).fetchone()
        if row is None and len(doc_id) >= 4:
            found = self.id_candidates(doc_id, limit=2)
            if len(found) == 1:
                row = self.con.execute("SELECT data FROM documents WHERE id = ?", found).fetchone()
        if row is None:
            return None
        import json

        return Document.from_dict(json.loads(row[0]))

    def iter_documents(self, batch: int = 200) -> Iterator[Document]:
        import json

        offset = 0
        while True:
            rows = self.con.execute(
                "SELECT data FROM documents ORDER BY id LIMIT ? OFFSET ?", [batch, offset]
            ).fetchall()
            if not rows:
                return
            for (data,) in rows:
                yield Document.from_dict(json.loads(data))
            offset += batch

    def query(self, sql: str, params: list[Any] | None = None, as_: str = "dicts") -> Any:
        """Rows of a SQL query: as dicts (for the CLI, the API and users' own questions), or with
        ``as_="pandas"`` a pandas DataFrame (pandas must be installed; it is not a dependency)."""
        if as_ == "pandas":
            return self.df(sql, params)
        if as_ != "dicts":
            raise ValueError(f"as_ must be 'dicts' or 'pandas', not {as_!r}")
        cur = self.con.execute(sql, params or [])
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]

    def df(self, sql: str, params: list[Any] | None = None) -> Any:
        """A SQL query's rows as a pandas DataFrame (DuckDB builds it column by column)."""
        try:
            import pandas  # noqa: F401
        except ImportError as exc:
            raise CommuniqueError("a DataFrame needs pandas: pip install pandas (or use query() for dicts)") from exc
        return self.con.execute(sql, params or []).df()

    def search(self, text: str, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
        """Documents holding every word (and quoted phrase) of ``text``, best BM25 score first, each with a
        snippet and the spans of its hits (see ``store/search.py``, the one search of the CLI, API and pages)."""
        from communique.store.search import search

        return search(self.con, text, limit=limit, offset=offset)


def _column_types(table: str) -> list[str]:
    """The SQL type of each column of ``table`` (constraints such as PRIMARY KEY left out)."""
    return [_bare_type(c.strip().partition(" ")[2]) for c in TABLES[table].split(",")]


def _bare_type(declared: str) -> str:
    """The SQL type of a column declaration, without PRIMARY KEY or a USING COMPRESSION clause."""
    return re.sub(r"\s+USING COMPRESSION \w+|PRIMARY KEY", "", declared).strip()


def _index_types(table: str) -> list[str]:
    return [c.strip().partition(" ")[2] for c in INDEX_TABLES[table].split(",")]


def _insert_rows(con: Any, table: str, rows: list[tuple]) -> None:
    """Insert ``rows`` into one of the store's own tables (see ``insert_columns``)."""
    insert_columns(con, table, _column_types(table), rows)


def insert_columns(con: Any, table: str, types: list[str], rows: list[tuple]) -> None:
    """Insert ``rows`` with one statement: each column goes in as one typed list, unnested by DuckDB.

    Why: ``executemany`` runs one INSERT per row, which cost about as much as
    analysing the document (~28 ms a document, benchmarks/scale.py); handing
    DuckDB whole columns moves the per-row work into its C++ code. ``types``
    are the SQL types of the table's columns, in order.
    """
    if not rows:
        return
    if len(rows[0]) != len(types):  # a row of the wrong shape: let DuckDB say what is wrong
        marks = ",".join("?" * len(rows[0]))
        con.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
        return
    columns = [list(col) for col in zip(*rows, strict=True)]
    select = ", ".join(f"unnest(?::{t}[])" for t in types)
    con.execute(f"INSERT INTO {table} SELECT {select}", columns)
