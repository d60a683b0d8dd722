"""The embedded store: DuckDB in one file, one row per layer item, upsert by document id."""

from communique.store.db import Store, default_db_path, insert_columns

__all__ = ["Store", "default_db_path", "insert_columns"]
