"""The Store: a DuckDB file holding analysed documents, safe to re-ingest and to interrupt.

Each document is written in one transaction that first deletes every row of
that document id and then inserts the new ones, so re-ingesting the same
input (same bytes, same id) replaces it and never duplicates it, and a run
killed mid-way leaves either the old or the new version, never half of one.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import duckdb

from communique.errors import CommuniqueError
from communique.model import Document
from communique.store.rows import document_rows
from communique.store.schema import LAYER_TABLES, SCHEMA_VERSION, TABLES


def default_db_path() -> Path:
    """``$COMMUNIQUE_DB``, else ``communique.duckdb`` in the user's data directory."""
    env = os.environ.get("COMMUNIQUE_DB")
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("communique")) / "communique.duckdb"


class Store:
    """One DuckDB file. ``Store(None)`` opens the default file; ``":memory:"`` a throwaway one."""

    def __init__(self, path: str | Path | None = None, read_only: bool = False) -> None:
        self.path = str(path) if path is not None else str(default_db_path())
        if self.path != ":memory:":
            p = Path(self.path)
            if read_only and not p.exists():
                raise CommuniqueError(f"{self.path}: no store here yet (run `communique ingest` first)")
            p.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise CommuniqueError(f"{self.path}: cannot open the store: {exc}") from exc
        if not read_only:
            self._create()

    def _create(self) -> None:
        for name, cols in TABLES.items():
            self.con.execute(f"CREATE TABLE IF NOT EXISTS {name} ({cols})")
            self._add_new_columns(name, cols)
        self.con.execute("CREATE TABLE IF NOT EXISTS store_info (key VARCHAR PRIMARY KEY, value VARCHAR)")
        self.con.execute("INSERT OR REPLACE INTO store_info VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
        for t in LAYER_TABLES:
            self.con.execute(f"CREATE INDEX IF NOT EXISTS {t}_doc ON {t}(doc_id)")

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
        self.con.close()

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
            placeholders = ",".join("?" * len(ids))
            for t in ["documents", *LAYER_TABLES]:
                key = "id" if t == "documents" else "doc_id"
                con.execute(f"DELETE FROM {t} WHERE {key} IN ({placeholders})", ids)
            for table in TABLES:
                all_rows = [r for rows in rows_by_doc for r in rows[table]]
                if all_rows:
                    _insert_rows(con, table, all_rows)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return len(batch)

    def delete(self, doc_id: str) -> None:
        self.con.execute("BEGIN TRANSACTION")
        for t in LAYER_TABLES:
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

    def get(self, doc_id: str) -> Document | None:
        """A stored document by id, or by a unique id prefix."""
        row = self.con.execute("SELECT data FROM documents WHERE id = ?", [doc_id]).fetchone()
        if row is None and len(doc_id) >= 4:
            like = doc_id.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"  # a prefix, literally
            rows = self.con.execute("SELECT data FROM documents WHERE id LIKE ? ESCAPE '\\' LIMIT 2", [like]).fetchall()
            row = rows[0] if len(rows) == 1 else None
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

    def query(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        """Rows of a SQL query as dicts (for the CLI, the API and users' own questions)."""
        cur = self.con.execute(sql, params or [])
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]

    def search(self, text: str, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
        """Documents containing every word of ``text`` (case-insensitive), most hits first, with a snippet.

        A scan rather than DuckDB's fts extension: that extension is fetched
        from the internet on first use, which this tool must never need. The
        scan uses DuckDB's RE2 functions, not ``lower(text) LIKE``: they do not
        lower-case a copy of every text, ``regexp_matches`` stops at the first
        hit and ``regexp_extract_all`` counts hits in one pass — about five
        times faster on 10,000 documents (benchmarks/web.py).
        """
        words = [w for w in re.findall(r"[\w’'-]+", text.lower()) if w]
        if not words:
            return []
        patterns = ["(?i)" + re.escape(w) for w in words]
        conds = " AND ".join("regexp_matches(text, ?)" for _ in words)
        hits = " + ".join("len(regexp_extract_all(text, ?))" for _ in words)
        rows = self.query(
            f"SELECT id, source, title, publisher, published, kind, ({hits}) AS hits, text FROM documents "
            f"WHERE {conds} ORDER BY hits DESC, published DESC NULLS LAST, id LIMIT ? OFFSET ?",
            [*patterns, *patterns, limit, offset],
        )
        first = re.compile(re.escape(words[0]), re.IGNORECASE)
        for row in rows:
            body = row.pop("text")
            m = first.search(body)
            pos = m.start() if m else 0
            row["snippet"] = " ".join(body[max(0, pos - 80) : pos + 160].split())
            row["hits"] = int(row["hits"] or 0)
        return rows


def _column_types(table: str) -> list[str]:
    """The SQL type of each column of ``table`` (constraints such as PRIMARY KEY left out)."""
    return [c.strip().partition(" ")[2].replace("PRIMARY KEY", "").strip() for c in TABLES[table].split(",")]


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
