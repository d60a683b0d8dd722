"""The embedded store: DuckDB in one file, one row per layer item, upsert by document id."""

from communique.store.db import Store, default_db_path

__all__ = ["Store", "default_db_path"]
