"""Queries behind an entity page: which stored entities are "the same one", and what they said and did.

Entity ids are per document, so an entity page first gathers *references*,
``(doc_id, entity_id)`` pairs naming the same referent across the store:

* a person — by the rule of ``communique who`` (:func:`communique.cli.entities.who_rows`):
  an entity is the person when its name or any alias matches the asked name
  in some spelling (same words, transliteration-tolerant);
* a country — every COUNTRY entity with the same ISO3 code;
* anything else — entities of the same type whose name or an alias equals the name.

Then mentions, quotes, claims and encounters are looked up by those exact
pairs (never by a name substring, so "Assad" never picks up Hafez al-Assad as
the speaker of his son's quotes).

Why not call ``who_rows`` itself: it matches every PERSON row in Python and
then runs one query per matching entity, which takes minutes once a store
holds thousands of documents mentioning the same leader. Here the name test
runs once per *distinct spelling* in the store, and the references are
joined to the layer tables as a two-column relation (a hash join), so an
entity page stays well under a second at 10,000 documents.
"""

from __future__ import annotations

from typing import Any

Ref = tuple[str, str]  # (doc_id, entity_id)

# the references as a relation the layer tables join to: two parallel lists unnested side by side
_REFS = "refs AS (SELECT unnest(?::VARCHAR[]) AS doc_id, unnest(?::VARCHAR[]) AS entity)"


def _ref_params(refs: list[Ref]) -> list[list[str]]:
    return [[d for d, _ in refs], [e for _, e in refs]]


def person_refs(store: Any, name: str) -> tuple[list[Ref], str | None]:
    """References of the person ``name`` (any spelling) and the name most of them go by."""
    from communique.entities.people import name_words
    from communique.entities.translit import names_compatible, words_match

    words = name_words(name)
    if not words:
        return [], None
    spellings = store.con.execute(
        "SELECT DISTINCT unnest(list_prepend(name, coalesce(aliases, []))) FROM entities WHERE type = 'PERSON'"
    ).fetchall()
    hits = []
    for (spelling,) in spellings:
        w = name_words(spelling or "")
        if not w:
            continue
        ok = names_compatible(words, w) if len(words) >= 2 and len(w) >= 2 else words_match(words[-1], w[-1])
        if ok:
            hits.append(spelling)
    if not hits:
        return [], None
    got = store.con.execute(
        "SELECT doc_id, id, name FROM entities WHERE type = 'PERSON' "
        "AND list_has_any(list_prepend(name, coalesce(aliases, [])), ?::VARCHAR[]) ORDER BY doc_id, id",
        [hits],
    ).fetchall()
    names: dict[str, int] = {}
    for _, _, n in got:
        names[n] = names.get(n, 0) + 1
    canonical = max(names, key=lambda n: (names[n], len(n))) if names else None
    return [(d, e) for d, e, _ in got], canonical


def refs_for(store: Any, etype: str, name: str, country: str | None) -> list[Ref]:
    """References of a non-person entity (see the module docstring)."""
    if etype == "COUNTRY" and country:
        got = store.con.execute(
            "SELECT doc_id, id FROM entities WHERE type = 'COUNTRY' AND country = ?", [country]
        ).fetchall()
    else:
        got = store.con.execute(
            "SELECT doc_id, id FROM entities WHERE type = ? AND (lower(name) = lower(?) "
            "OR list_contains(list_transform(aliases, lambda a: lower(a)), lower(?)))",
            [etype, name, name],
        ).fetchall()
    return [(d, e) for d, e in got]


def mentions(store: Any, refs: list[Ref], limit: int = 300) -> list[dict[str, Any]]:
    """The first ``limit`` mentions in publication order, each with the speaker whose turn it falls in."""
    if not refs:
        return []
    return store.query(
        f"WITH {_REFS}, hit AS ("
        " SELECT m.doc_id, d.title, d.published, m.span_start, m.span_end, m.text FROM mentions m"
        " JOIN refs r ON r.doc_id = m.doc_id AND r.entity = m.entity JOIN documents d ON d.id = m.doc_id"
        " ORDER BY d.published NULLS LAST, m.doc_id, m.span_start LIMIT ?) "
        "SELECT h.*, (SELECT first(t.speaker_name ORDER BY t.span_start) FROM turns t WHERE t.doc_id = h.doc_id "
        " AND t.span_start <= h.span_start AND t.span_end >= h.span_end) AS in_turn_of "
        "FROM hit h ORDER BY h.published NULLS LAST, h.doc_id, h.span_start",
        [*_ref_params(refs), limit],
    )


def mention_count(store: Any, refs: list[Ref]) -> int:
    if not refs:
        return 0
    sql = f"WITH {_REFS} SELECT count(*) FROM mentions m JOIN refs r ON r.doc_id = m.doc_id AND r.entity = m.entity"
    return int(store.con.execute(sql, _ref_params(refs)).fetchone()[0])


def spellings(store: Any, refs: list[Ref], limit: int = 60) -> list[dict[str, Any]]:
    """Each way the entity is written, with how often: the transliteration variants a reader searches for."""
    if not refs:
        return []
    got = store.query(
        f"WITH {_REFS} SELECT m.text, count(*) AS n FROM mentions m "
        "JOIN refs r ON r.doc_id = m.doc_id AND r.entity = m.entity GROUP BY 1",
        _ref_params(refs),
    )
    merged: dict[str, int] = {}
    for r in got:
        key = " ".join((r["text"] or "").split())
        merged[key] = merged.get(key, 0) + int(r["n"])
    ranked = sorted(merged.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    return [{"text": k, "n": v} for k, v in ranked]


def quotes(store: Any, refs: list[Ref], limit: int = 200) -> list[dict[str, Any]]:
    if not refs:
        return []
    return store.query(
        f"WITH {_REFS} SELECT q.doc_id, d.title, d.published, q.span_start, q.span_end, q.kind, q.via_name, q.text "
        "FROM quotes q JOIN refs r ON r.doc_id = q.doc_id AND r.entity = q.speaker JOIN documents d ON d.id = q.doc_id "
        "ORDER BY d.published DESC NULLS LAST, q.doc_id, q.span_start LIMIT ?",
        [*_ref_params(refs), limit],
    )


def claims(store: Any, refs: list[Ref], limit: int = 200) -> list[dict[str, Any]]:
    if not refs:
        return []
    return store.query(
        f"WITH {_REFS} SELECT c.doc_id, d.title, d.published, c.span_start, c.span_end, c.value, c.unit, "
        "c.quantity, c.change, c.period FROM claims c JOIN refs r ON r.doc_id = c.doc_id AND r.entity = c.speaker "
        "JOIN documents d ON d.id = c.doc_id ORDER BY d.published DESC NULLS LAST, c.doc_id, c.span_start LIMIT ?",
        [*_ref_params(refs), limit],
    )


def encounters(store: Any, refs: list[Ref], country: str | None = None, limit: int = 200) -> list[dict[str, Any]]:
    """Encounters the entity takes part in (a country: any whose participants represent it), with their groups."""
    if not refs and not country:
        return []
    if country:
        pick = "SELECT doc_id, idx FROM encounters WHERE list_contains(participant_countries, ?)"
        params: list[Any] = [country]
    else:
        pick = (
            f"WITH {_REFS} SELECT DISTINCT p.doc_id, p.idx FROM "
            "(SELECT doc_id, idx, unnest(participants) AS entity FROM encounters) p "
            "JOIN refs r ON r.doc_id = p.doc_id AND r.entity = p.entity"
        )
        params = _ref_params(refs)
    cols = "e.doc_id, e.idx, d.title, e.kind, e.date, e.place, e.participant_names, e.span_start, e.span_end"
    tail = "ORDER BY e.date NULLS LAST, e.doc_id, e.idx LIMIT ?"
    body = f"FROM ({pick}) k JOIN encounters e ON e.doc_id = k.doc_id AND e.idx = k.idx JOIN documents d ON d.id = e.doc_id"
    try:
        return store.query(
            f"SELECT {cols}, g.group_id {body} "
            f"LEFT JOIN encounter_groups g ON g.doc_id = e.doc_id AND g.idx = e.idx {tail}",
            [*params, limit],
        )
    except Exception:  # no encounter_groups table yet (nothing joined): no compare links
        rows = store.query(f"SELECT {cols} {body} {tail}", [*params, limit])
        for r in rows:
            r["group_id"] = None
        return rows


def search_entities(store: Any, name: str, limit: int = 200) -> list[dict[str, Any]]:
    """Entities whose name or an alias contains ``name``, one row per (name, type, country), most documents first."""
    where, params = "TRUE", []
    if name:
        where = "(e.name ILIKE ? OR array_to_string(e.aliases, '|') ILIKE ?)"
        params = [f"%{name}%", f"%{name}%"]
    return store.query(
        "SELECT e.name, e.type, e.country, count(DISTINCT e.doc_id) AS documents, min(e.doc_id) AS doc_id, "
        "arg_min(e.id, e.doc_id) AS entity_id "
        f"FROM entities e WHERE {where} GROUP BY 1, 2, 3 ORDER BY documents DESC, e.name LIMIT ?",
        [*params, limit],
    )
