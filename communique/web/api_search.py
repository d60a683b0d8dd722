"""Full-text search for the API: ``Store.search``'s question and answer, asked with RE2 instead of LIKE.

Why not call ``Store.search``: on 10,000 stored documents (135 M characters)
its ``lower(text) LIKE`` filter and ``replace``-based hit count take 0.5–0.7 s
per query on one core, over the 500 ms target. DuckDB's RE2 functions do the
same work without lower-casing a copy of every text: ``regexp_matches`` stops
at the first match and ``regexp_extract_all`` counts hits in one pass, about
five times faster (benchmarks/web.py). The semantics are Store.search's:
every word must occur, case-insensitively, as a substring; most hits first,
then newest, then id; the snippet starts 80 characters before the first
word's first occurrence. (The same change would speed up ``communique
search``; it belongs in ``Store.search``.)
"""

from __future__ import annotations

import re
from typing import Any

from communique.store.db import Store

_WORD = re.compile(r"[\w’'-]+")  # Store.search's words


def words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w]


def _pattern(word: str) -> str:
    """A case-insensitive RE2 pattern matching ``word`` literally."""
    return "(?i)" + re.escape(word)


def search(store: Store, text: str, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
    """Documents containing every word of ``text``, most hits first, each with a snippet (as ``Store.search``)."""
    ws = words(text)
    if not ws:
        return []
    patterns = [_pattern(w) for w in ws]
    conds = " AND ".join("regexp_matches(text, ?)" for _ in ws)
    hits = " + ".join("len(regexp_extract_all(text, ?))" for _ in ws)
    rows = store.query(
        f"SELECT id, source, title, publisher, published, kind, ({hits}) AS hits, text FROM documents "
        f"WHERE {conds} ORDER BY hits DESC, published DESC NULLS LAST, id LIMIT ? OFFSET ?",
        [*patterns, *patterns, limit, offset],
    )
    first = re.compile(re.escape(ws[0]), re.IGNORECASE)
    for row in rows:
        body = row.pop("text")
        m = first.search(body)
        pos = m.start() if m else 0
        row["snippet"] = " ".join(body[max(0, pos - 80) : pos + 160].split())
        row["hits"] = int(row["hits"] or 0)
    return rows
