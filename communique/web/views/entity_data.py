"""Queries behind an entity page: which stored entities are "the same one", and what they said and did.

Entity ids are per document, so an entity page first gathers *references*,
``(doc_id, entity_id)`` pairs naming the same referent across the store:

* a person — by the CLI's own matching (:func:`communique.cli.entities.who_rows`:
  any spelling of the name, transliteration-tolerant);
* a country — every COUNTRY entity with the same ISO3 code;
* anything else — entities of the same type whose name or an alias equals the name.

Then mentions, quotes, claims and encounters are looked up by those exact
pairs (never by a name substring, so "Assad" never picks up "Hafez al-Assad"
as a speaker of his son's quotes).
"""

from __future__ import annotations

from typing import Any

Ref = str  # "doc_id:entity_id"

MAX_REFS = 2000


def refs_for_person(store: Any, name: str) -> tuple[list[Ref], list[dict[str, Any]]]:
    from communique.cli.entities import who_rows

    rows = who_rows(store, name, limit=MAX_REFS)
    refs = list(dict.fromkeys(f"{r['doc_id']}:{r['entity']}" for r in rows))
    return refs, rows


def refs_for(store: Any, etype: str, name: str, country: str | None) -> list[Ref]:
    """References of a non-person entity (see the module docstring)."""
    if etype == "COUNTRY" and country:
        got = store.query(
            "SELECT doc_id, id FROM entities WHERE type = 'COUNTRY' AND country = ? LIMIT ?", [country, MAX_REFS]
        )
    else:
        got = store.query(
            "SELECT doc_id, id FROM entities WHERE type = ? AND (lower(name) = lower(?) "
            "OR list_contains(list_transform(aliases, lambda a: lower(a)), lower(?))) LIMIT ?",
            [etype, name, name, MAX_REFS],
        )
    return [f"{r['doc_id']}:{r['id']}" for r in got]


def mentions(store: Any, refs: list[Ref], limit: int = 300) -> list[dict[str, Any]]:
    if not refs:
        return []
    return store.query(
        "SELECT m.doc_id, d.title, d.published, m.span_start, m.span_end, m.text, "
        "(SELECT first(t.speaker_name || '' ORDER BY t.span_start) FROM turns t WHERE t.doc_id = m.doc_id "
        " AND t.span_start <= m.span_start AND t.span_end >= m.span_end) AS in_turn_of "
        "FROM mentions m JOIN documents d ON d.id = m.doc_id "
        "WHERE list_contains(?, m.doc_id || ':' || m.entity) ORDER BY d.published NULLS LAST, m.doc_id, m.span_start "
        "LIMIT ?",
        [refs, limit],
    )


def spellings(store: Any, refs: list[Ref]) -> list[dict[str, Any]]:
    """Each way the entity is written, with how often: the transliteration variants a reader searches for."""
    if not refs:
        return []
    got = store.query(
        "SELECT m.text, count(*) AS n FROM mentions m WHERE list_contains(?, m.doc_id || ':' || m.entity) "
        "GROUP BY 1 ORDER BY n DESC, 1",
        [refs],
    )
    merged: dict[str, int] = {}
    for r in got:
        key = " ".join((r["text"] or "").split())
        merged[key] = merged.get(key, 0) + int(r["n"])
    return [{"text": k, "n": v} for k, v in sorted(merged.items(), key=lambda kv: (-kv[1], kv[0]))]


def quotes(store: Any, refs: list[Ref], limit: int = 200) -> list[dict[str, Any]]:
    if not refs:
        return []
    return store.query(
        "SELECT q.doc_id, d.title, d.published, q.span_start, q.span_end, q.kind, q.via_name, q.text "
        "FROM quotes q JOIN documents d ON d.id = q.doc_id WHERE list_contains(?, q.doc_id || ':' || q.speaker) "
        "ORDER BY d.published DESC NULLS LAST, q.doc_id, q.span_start LIMIT ?",
        [refs, limit],
    )


def claims(store: Any, refs: list[Ref], limit: int = 200) -> list[dict[str, Any]]:
    if not refs:
        return []
    return store.query(
        "SELECT c.doc_id, d.title, d.published, c.span_start, c.span_end, c.value, c.unit, c.quantity, c.change, "
        "c.period FROM claims c JOIN documents d ON d.id = c.doc_id "
        "WHERE list_contains(?, c.doc_id || ':' || c.speaker) "
        "ORDER BY d.published DESC NULLS LAST, c.doc_id, c.span_start LIMIT ?",
        [refs, limit],
    )


def encounters(store: Any, refs: list[Ref], country: str | None = None, limit: int = 200) -> list[dict[str, Any]]:
    """Encounters the entity takes part in (a country: any whose participants represent it), with their groups."""
    if not refs and not country:
        return []
    if country:
        cond, params = "list_contains(e.participant_countries, ?)", [country]
    else:
        cond = "len(list_filter(e.participants, lambda p: list_contains(?, e.doc_id || ':' || p))) > 0"
        params = [refs]
    base = (
        "SELECT e.doc_id, e.idx, d.title, e.kind, e.date, e.place, e.participant_names, e.span_start, e.span_end{g} "
        "FROM encounters e JOIN documents d ON d.id = e.doc_id {join} WHERE " + cond + " "
        "ORDER BY e.date NULLS LAST, e.doc_id, e.idx LIMIT ?"
    )
    try:
        return store.query(
            base.format(
                g=", g.group_id",
                join="LEFT JOIN encounter_groups g ON g.doc_id = e.doc_id AND g.idx = e.idx",
            ),
            [*params, limit],
        )
    except Exception:  # no encounter_groups table (nothing joined yet), or an engine without lambdas over columns
        rows = _encounters_by_row(store, cond, params, refs, limit)
        for r in rows:
            r["group_id"] = None
        return rows


def _encounters_by_row(store: Any, cond: str, params: list[Any], refs: list[Ref], limit: int) -> list[dict[str, Any]]:
    sql = (
        "SELECT e.doc_id, e.idx, d.title, e.kind, e.date, e.place, e.participant_names, e.participants, "
        "e.span_start, e.span_end FROM encounters e JOIN documents d ON d.id = e.doc_id {w} "
        "ORDER BY e.date NULLS LAST, e.doc_id, e.idx"
    )
    if "participant_countries" in cond:
        return store.query(sql.format(w="WHERE " + cond) + " LIMIT ?", [*params, limit])
    docs = sorted({r.split(":", 1)[0] for r in refs})
    wanted = set(refs)
    got = store.query(sql.format(w="WHERE list_contains(?, e.doc_id)"), [docs])
    return [r for r in got if any(f"{r['doc_id']}:{p}" in wanted for p in r.pop("participants") or [])][:limit]


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
