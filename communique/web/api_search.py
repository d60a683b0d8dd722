"""Full-text search for the API: the store's own search (``Store.search``), also used by ``communique search``."""

from __future__ import annotations

from typing import Any

from communique.store.db import Store
from communique.store.search import words

__all__ = ["MAX_WORDS", "search", "too_many_words", "words"]

# a search is a conjunction of words: past a few dozen nobody is searching, and each word is a term of the
# query (1,000 words overflowed the database's expression depth, 500 took seconds)
MAX_WORDS = 50


def too_many_words(text: str) -> str | None:
    """A message when ``text`` holds more words than a search takes, else None."""
    n = len(words(text))
    return f"q holds {n} words; a search takes at most {MAX_WORDS}" if n > MAX_WORDS else None


def search(store: Store, text: str, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
    """Documents holding every word (and quoted phrase) of ``text``, best BM25 score first, with snippet and marks."""
    return store.search(text, limit=limit, offset=offset)
