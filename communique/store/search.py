"""Full-text search by an inverted index the store keeps itself: words (not substrings), BM25-ranked, phrases.

Why an index table in the store rather than a search engine beside it: DuckDB's
``fts`` extension is not in the wheel (``LOAD fts`` wants a download, which
this tool never does), and a second index (tantivy, bm25s) would be a second
thing to keep in step with the store — a ``kill -9`` between the two writes
leaves them disagreeing. Here a document's postings are rows of
``search_terms`` and ``search_lengths``, written and deleted in the very
transaction that writes the document, so the index can never disagree with
the documents. The postings are kept sorted by term (rewritten in term order
when enough unsorted ones have been appended, ``maybe_compact``), so a query
reads only the row groups holding its words, and the texts of one page of
results; ``benchmarks/search.py`` measures the latency as the store grows.

Words are runs of letters and digits, case-folded, so "aid" does not match
"said" and "Russia's" holds the words "russia" and "s". A query's words must
all occur; text in double quotes must occur as a phrase (its words at
consecutive positions, from the postings).  Ranking is Okapi BM25 (k1 = 1.2, b = 0.75).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import duckdb

from communique.errors import CommuniqueError

_WORD = re.compile(r"[^\W_]+")
_QUOTED = re.compile(r"\"([^\"]*)\"|“([^”]*)”")
K1 = 1.2
B = 0.75
SNIPPET_BEFORE = 80
SNIPPET_LENGTH = 240

# the index tables (created with the store's own tables; see store/schema.py)
INDEX_TABLES: dict[str, str] = {
    "search_terms": "doc_id VARCHAR, term VARCHAR, tf INTEGER, positions INTEGER[]",
    "search_lengths": "doc_id VARCHAR, length INTEGER",
}


def words(text: str) -> list[str]:
    """The indexed words of ``text``, in order: letters and digits, case-folded."""
    return _WORD.findall(text.casefold())


def index_rows(doc_id: str, text: str) -> dict[str, list[tuple[Any, ...]]]:
    """The rows of ``INDEX_TABLES`` for one document."""
    found = words(text)
    at: dict[str, list[int]] = {}
    for i, term in enumerate(found):
        at.setdefault(term, []).append(i)
    return {
        "search_terms": [(doc_id, term, len(pos), pos) for term, pos in at.items()],
        "search_lengths": [(doc_id, len(found))],
    }


@dataclass
class Query:
    """A parsed query: every word that must occur, and the phrases (two words or more) that must occur in order."""

    terms: list[str] = field(default_factory=list)
    phrases: list[list[str]] = field(default_factory=list)


def parse(text: str) -> Query:
    q = Query()
    for m in _QUOTED.finditer(text):
        phrase = words(m.group(1) if m.group(1) is not None else m.group(2))
        if len(phrase) > 1:
            q.phrases.append(phrase)
        q.terms += phrase
    q.terms += words(_QUOTED.sub(" ", text))
    q.terms = list(dict.fromkeys(q.terms))
    return q


def _phrase_sql(n: int) -> str:
    """Documents where the n words of a phrase stand at consecutive positions (``?`` for words 2…n, then word 1).

    From the postings' positions alone: word i's positions shifted back by i
    must meet the first word's. No text is read, so a phrase costs what its
    words' postings cost."""
    joins = " ".join(f"JOIN p AS w{i} ON w{i}.doc_id = w0.doc_id AND w{i}.term = ?" for i in range(1, n))
    common = "w0.positions"
    for i in range(1, n):
        common = f"list_intersect({common}, list_transform(w{i}.positions, lambda x: x - {i}))"
    return f"SELECT w0.doc_id FROM p AS w0 {joins} WHERE w0.term = ? AND len({common}) > 0"


def search(con: Any, text: str, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
    """Documents holding every word (and phrase) of ``text``, best BM25 score first.

    Each row has the document's columns, ``score``, ``hits`` (occurrences of
    the words), ``total`` (documents matching, whatever the page), a
    ``snippet`` around the first hit and ``marks``: the ``[start, end)``
    spans of the query's words within the snippet, for highlighting.
    """
    q = parse(text)
    if not q.terms:
        return []
    marks = ", ".join("?" for _ in q.terms)
    phrased = "".join(f" AND s.doc_id IN ({_phrase_sql(len(p))})" for p in q.phrases).replace(" AND", "WHERE", 1)
    # the words are literal IN-list values, so DuckDB skips every row group of the term-sorted postings whose
    # [min, max] term range holds none of them (see ``compact``); only the page's texts are read
    sql = f"""
        WITH p AS (SELECT doc_id, term, tf, positions FROM search_terms WHERE term IN ({marks})),
        df AS (SELECT term, count(*) AS df FROM p GROUP BY term),
        stats AS (SELECT count(*) AS n, coalesce(avg(length), 1) AS avgdl FROM search_lengths),
        scored AS (
            SELECT p.doc_id,
                   sum(ln(1 + (stats.n - df.df + 0.5) / (df.df + 0.5))
                       * p.tf * ({K1} + 1) / (p.tf + {K1} * (1 - {B} + {B} * l.length / stats.avgdl))) AS score,
                   sum(p.tf) AS hits
            FROM p JOIN df USING (term) JOIN search_lengths l USING (doc_id), stats
            GROUP BY p.doc_id HAVING count(*) = ?
        ),
        page AS (
            SELECT s.doc_id, s.score, s.hits, count(*) OVER () AS total FROM scored s {phrased}
            ORDER BY s.score DESC, s.doc_id LIMIT ? OFFSET ?
        )
        SELECT d.id, d.source, d.title, d.publisher, d.published, d.kind, page.score, page.hits, page.total, d.text
        FROM page JOIN documents d ON d.id = page.doc_id
        ORDER BY page.score DESC, d.id"""
    params = [*q.terms, len(q.terms), *(w for p in q.phrases for w in [*p[1:], p[0]]), limit, offset]
    try:
        cur = con.execute(sql, params)
    except duckdb.CatalogException as exc:
        raise CommuniqueError(
            "this store has no search index yet (made by an older communique): "
            "open it once for writing, e.g. `communique ingest` of any file, and it is built"
        ) from exc
    cols = [c[0] for c in cur.description]
    rows = [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
    for row in rows:
        row["snippet"], row["marks"] = snippet(row.pop("text"), q)
        row["hits"] = int(row["hits"] or 0)
        row["total"] = int(row["total"])
        row["score"] = round(float(row["score"]), 4)
    return rows


def _hit_pattern(q: Query) -> re.Pattern[str]:
    alternatives = [r"[^\w]+".join(re.escape(w) for w in p) for p in q.phrases]
    alternatives += sorted((re.escape(t) for t in q.terms), key=len, reverse=True)
    return re.compile(r"(?<![^\W_])(?:" + "|".join(alternatives) + r")(?![^\W_])", re.IGNORECASE)


def snippet(body: str, q: Query) -> tuple[str, list[list[int]]]:
    """About ``SNIPPET_LENGTH`` characters of ``body`` around the first hit (a phrase first), whitespace folded,
    and the spans of the hits within it."""
    pattern = _hit_pattern(q)
    first = pattern.search(body)
    pos = first.start() if first else 0
    start = max(0, pos - SNIPPET_BEFORE)
    window = body[start : pos + SNIPPET_LENGTH - SNIPPET_BEFORE]
    if start:  # begin at a word
        cut = re.search(r"\s", window)
        window = window[cut.end() :] if cut and cut.end() < SNIPPET_BEFORE else window
    text = " ".join(window.split())
    return text, [[m.start(), m.end()] for m in pattern.finditer(text)]


# Postings appended since the last compaction are scanned whole by every query (their row groups hold every
# term); once they pass this share of the sorted ones (or the floor), the table is rewritten in term order.
# Growing by a fixed share makes the rewrites' total cost linear in what is ingested.
COMPACT_SHARE = 0.25
COMPACT_FLOOR = 200_000


def maybe_compact(con: Any) -> bool:
    """Rewrite ``search_terms`` sorted by term when enough unsorted postings piled up; True when it did.

    Runs in a transaction of its own: a kill leaves the table as it was.
    """
    total = con.execute("SELECT count(*) FROM search_terms").fetchone()[0]
    row = con.execute("SELECT value FROM store_info WHERE key = 'search_sorted_rows'").fetchone()
    done = int(row[0]) if row else 0
    if total - done <= max(COMPACT_FLOOR, done * COMPACT_SHARE):
        return False
    compact(con)
    return True


def compact(con: Any) -> None:
    """Rewrite the postings in term order, so a query reads only the row groups holding its words."""
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("CREATE OR REPLACE TABLE search_terms AS SELECT * FROM search_terms ORDER BY term, doc_id")
        total = con.execute("SELECT count(*) FROM search_terms").fetchone()[0]
        con.execute("INSERT OR REPLACE INTO store_info VALUES ('search_sorted_rows', ?)", [str(total)])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
