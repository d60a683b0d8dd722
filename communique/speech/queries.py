"""SQL over the store for "everything X said about Y" and "every figure about Z over time".

Functions take a DuckDB connection (``Store.con``) and return plain dicts, so
the CLI, the API and tests share one definition of each question. Each row
carries ``relay``, the chain from the speaker through whoever relayed the
words to the publisher. A speaker
filter matches the stored speaker name or any alias of that entity in its
document, case-insensitively, so "Lavrov" finds "Sergey Lavrov".
"""

from __future__ import annotations

from datetime import date
from typing import Any

Row = dict[str, Any]

_SPEAKER_MATCH = """(
    {t}.speaker_name ILIKE ?
    OR EXISTS (SELECT 1 FROM entities e WHERE e.doc_id = {t}.doc_id AND e.id = {t}.speaker
               AND (e.name ILIKE ? OR array_to_string(e.aliases, '|') ILIKE ?))
)"""


def _rows(con: Any, sql: str, params: list[Any]) -> list[Row]:
    cur = con.execute(sql, params)
    cols = [d[0] for d in cur.description]
    rows = [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
    for r in rows:
        if "speaker_name" in r:
            r["relay"] = relay_chain(r.get("speaker_name"), r.get("via_name"), r.get("publisher"))
    return rows


def relay_chain(*voices: str | None) -> str:
    """Who said it and who passed it on, innermost first: "Donald Trump ← Pete Ricketts ← The White House"."""
    out: list[str] = []
    for v in voices:
        if v and (not out or out[-1] != v):
            out.append(v)
    return " ← ".join(out)


# the relay of a figure: the one who passed on the quote holding it ("… the president said …" inside a
# senator's quoted words), read from the quotes layer so claims need no column of their own
_CLAIM_VIA = """(SELECT q.via_name FROM quotes q
    WHERE q.doc_id = c.doc_id AND q.span_start <= c.span_start AND q.span_end >= c.span_end
      AND q.speaker IS NOT DISTINCT FROM c.speaker
    ORDER BY q.span_end - q.span_start LIMIT 1) AS via_name"""


def _speaker_clause(table: str, name: str) -> tuple[str, list[Any]]:
    like = f"%{name}%"
    return _SPEAKER_MATCH.format(t=table), [like, like, like]


def quotes(
    con: Any,
    speaker: str | None = None,
    about: str | None = None,
    since: str | date | None = None,
    limit: int = 100,
) -> list[Row]:
    """Quotes, newest document first: who said it, through whom, in which document, and the words."""
    where, params = ["1=1"], []
    if speaker:
        clause, p = _speaker_clause("q", speaker)
        where.append(clause)
        params += p
    if about:
        where.append("q.text ILIKE ?")
        params.append(f"%{about}%")
    if since:
        where.append("d.published >= CAST(? AS DATE)")
        params.append(str(since))
    sql = f"""
        SELECT d.published, d.title, d.publisher, q.doc_id, q.span_start, q.span_end, q.speaker_name,
               q.kind, q.via_name, q.cue, q.text
        FROM quotes q JOIN documents d ON d.id = q.doc_id
        WHERE {" AND ".join(where)}
        ORDER BY d.published DESC NULLS LAST, q.doc_id, q.span_start
        LIMIT ?"""
    return _rows(con, sql, [*params, limit])


def claims(con: Any, about: str | None = None, speaker: str | None = None, limit: int = 200) -> list[Row]:
    """Claims, newest document first; ``about`` matches what is measured or the figure's text."""
    where, params = ["1=1"], []
    if speaker:
        clause, p = _speaker_clause("c", speaker)
        where.append(clause)
        params += p
    if about:
        where.append("(c.quantity ILIKE ? OR c.text ILIKE ? OR c.unit ILIKE ?)")
        params += [f"%{about}%"] * 3
    sql = f"""
        SELECT d.published, d.title, d.publisher, c.doc_id, c.span_start, c.span_end, c.speaker_name, c.value,
               c.unit, c.quantity, c.change, c.period, c.text, {_CLAIM_VIA}
        FROM claims c JOIN documents d ON d.id = c.doc_id
        WHERE {" AND ".join(where)}
        ORDER BY d.published DESC NULLS LAST, c.doc_id, c.span_start
        LIMIT ?"""
    return _rows(con, sql, [*params, limit])


def claim_series(con: Any, quantity: str, unit: str | None = None, limit: int = 500) -> list[Row]:
    """Claims about one quantity lined up in time: by the period they cover, else the document's date.

    ``when`` is the sort key shown to the reader: the claim's period when it
    names one (``2016``, ``2021-H1``), else the publication date.
    """
    where, params = ["(c.quantity ILIKE ?)"], [f"%{quantity}%"]
    if unit:
        where.append("c.unit = ?")
        params.append(unit)
    sql = f"""
        SELECT COALESCE(c.period, CAST(d.published AS VARCHAR)) AS "when", d.published, c.period, c.value,
               c.unit, c.change, c.quantity, c.speaker_name, d.title, d.publisher, c.doc_id, c.span_start, c.span_end,
               c.text, {_CLAIM_VIA}
        FROM claims c JOIN documents d ON d.id = c.doc_id
        WHERE {" AND ".join(where)}
        ORDER BY "when" NULLS LAST, d.published NULLS LAST, c.unit, c.span_start
        LIMIT ?"""
    return _rows(con, sql, [*params, limit])
