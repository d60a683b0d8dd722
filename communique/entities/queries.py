"""Store queries about people: every mention of a person, in any spelling (``communique who``, the API, pages).

Why this shape: comparing the asked name with every PERSON entity of the store
one by one, then running one query per matching entity, took about 9 s on a
10,000-document store. Here the comparison runs once per distinct (name,
aliases) pair — stores repeat the same people over and over — with the same
rule (``name_words``, ``names_compatible``, ``words_match``; see
entities/README.md), and the mentions of every matching entity come back in one
query, sorted and paged in SQL.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from communique.entities.people import name_words
from communique.entities.translit import names_compatible, words_match
from communique.store.db import Store


@lru_cache(maxsize=4096)
def _words(name: str) -> tuple[str, ...]:
    return tuple(name_words(name))


def same_person(asked: tuple[str, ...], names: list[str]) -> bool:
    """``who_rows``'s rule: does any of ``names`` (an entity's name and aliases) spell the asked name?"""
    for n in names:
        w = _words(n)
        if not w or not asked:
            continue
        if names_compatible(list(asked), list(w)) if len(asked) >= 2 and len(w) >= 2 else words_match(asked[-1], w[-1]):
            return True
    return False


def _matching_entities(store: Store, name: str) -> tuple[list[str], list[str]]:
    """(document ids, entity ids) of the PERSON entities that spell ``name``, pairwise."""
    asked = tuple(name_words(name))
    docs: list[str] = []
    ids: list[str] = []
    if not asked:
        return docs, ids
    for row in store.query(
        "SELECT name, aliases, list(doc_id) AS docs, list(id) AS ids FROM entities WHERE type = 'PERSON' "
        "GROUP BY name, aliases"
    ):
        if same_person(asked, [row["name"], *(row["aliases"] or [])]):
            docs += row["docs"]
            ids += row["ids"]
    return docs, ids


def person_mention_totals(store: Store, name: str) -> tuple[int, int]:
    """(mentions, documents) of the people matching ``name`` in the whole store, whatever page is shown."""
    docs, ids = _matching_entities(store, name)
    if not docs:
        return 0, 0
    row = store.query(
        """WITH wanted AS (SELECT unnest(?::VARCHAR[]) AS doc_id, unnest(?::VARCHAR[]) AS id)
           SELECT count(*) AS n, count(DISTINCT m.doc_id) AS d
           FROM mentions m JOIN wanted w ON w.doc_id = m.doc_id AND w.id = m.entity""",
        [docs, ids],
    )[0]
    return int(row["n"]), int(row["d"])


def person_mentions(store: Store, name: str, limit: int = 200, offset: int = 0) -> list[dict[str, Any]]:
    """Mentions of the people matching ``name``, ordered as ``who_rows`` orders them (undated first)."""
    docs, ids = _matching_entities(store, name)
    if not docs:
        return []
    return store.query(
        """WITH wanted AS (SELECT unnest(?::VARCHAR[]) AS doc_id, unnest(?::VARCHAR[]) AS id)
           SELECT m.doc_id, d.published, d.title, m.span_start, m.span_end, m.entity, m.entity_name, m.text,
                  (SELECT first(t.label) FROM turns t WHERE t.doc_id = m.doc_id AND t.span_start <= m.span_start
                   AND t.span_end >= m.span_end) AS turn_label
           FROM mentions m JOIN wanted w ON w.doc_id = m.doc_id AND w.id = m.entity
           JOIN documents d ON d.id = m.doc_id
           ORDER BY coalesce(CAST(d.published AS VARCHAR), ''), m.doc_id, m.span_start
           LIMIT ? OFFSET ?""",
        [docs, ids, limit, offset],
    )
