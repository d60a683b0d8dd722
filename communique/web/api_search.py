"""Full-text search for the API: the store's own search (``Store.search``), also used by ``communique search``."""

from __future__ import annotations

import re
from typing import Any

from communique.store.db import Store

_WORD = re.compile(r"[\w’'-]+")  # Store.search's words


def words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w]


def search(store: Store, text: str, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
    """Documents containing every word of ``text``, most hits first, each with a snippet."""
    return store.search(text, limit=limit, offset=offset)
