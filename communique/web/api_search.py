"""Full-text search for the API: the store's own search (``Store.search``), also used by ``communique search``."""

from __future__ import annotations

from typing import Any

from communique.store.db import Store
from communique.store.search import words

__all__ = ["search", "words"]


def search(store: Store, text: str, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
    """Documents holding every word (and quoted phrase) of ``text``, best BM25 score first, with snippet and marks."""
    return store.search(text, limit=limit, offset=offset)
