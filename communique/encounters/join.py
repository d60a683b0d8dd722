"""Across documents: accounts of the same encounter joined into one corpus-level encounter.

Two encounters from different records are the same event when their principals
are the same people (at least two shared participant keys), their dates are
within one day (time zones and "yesterday" in a transcript published the day
after), and their places and kinds are compatible (a call is never a visit; two
named cities must agree). Undated encounters are not joined: without a date
there is no telling two Putin–Erdogan calls apart.

Why keys and blocking: entity ids are per document, so people are matched by a
*participant key*, a consonant skeleton of the surname ("al-Miqdad", "Mekdad" and
"Mikdad" all give ``mkd``). ``update`` looks up candidates in SQL by key and date
± 1 day, so its cost per document depends on how many encounters share a
principal that week, not on the size of the store.

Tables (created here, owned by this module):

* ``encounter_keys(doc_id, idx, date, key)``: one row per participant key;
* ``encounter_groups(group_id, doc_id, idx)``: every stored encounter's group.
  A group id is the smallest member's ``"<doc_id>:<idx>"``, so it does not
  depend on the order documents arrive in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from anyascii import anyascii

_TITLES = re.compile(
    r"\b(?:president|prime|minister|mr|mrs|ms|dr|general|his|her|excellency|foreign|defen[cs]e|secretary|state"
    r"|chancellor|king|emir|sheikh|crown|prince|jr|sr|national|security|advisor|adviser|vice|of|the)\b\.?"
)
_KINDS_OK = {
    "phone_call": {"phone_call"},
    "press_conference": {"press_conference"},
    "meeting": {"meeting", "talks", "visit", "summit"},
    "talks": {"meeting", "talks", "visit", "summit"},
    "visit": {"meeting", "talks", "visit", "summit"},
    "summit": {"meeting", "talks", "visit", "summit"},
}

SCHEMA = {
    "encounter_keys": "doc_id VARCHAR, idx INTEGER, date DATE, key VARCHAR",
    "encounter_groups": "group_id VARCHAR, doc_id VARCHAR, idx INTEGER",
}


def person_keys(name: str | None) -> frozenset[str]:
    """Every key a person may be matched by: the surname skeleton, plus short family names written
    first ("Xi Jinping" is also ``xi``, so "President Xi" matches)."""
    out = set()
    k = person_key(name)
    if k:
        out.add(k)
    if name:
        words = re.findall(r"[a-z]+", _TITLES.sub(" ", anyascii(name).lower()))
        for w in (words[:1] + words[-1:]) if words else []:
            if 2 <= len(w) <= 3:
                out.add(w)
    return frozenset(out)


def person_key(name: str | None) -> str | None:
    """A spelling-tolerant key for a person: the consonant skeleton of the surname.

    "Bashar al-Assad" → ``ss``; "Faisal Al-Miqdad", "Faisal Mekdad" → ``mkd``;
    "Volodymyr Zelenskyy", "Zelensky" → ``zlnsk``.
    """
    if not name:
        return None
    n = anyascii(name).lower()
    n = re.sub(r"\(.*?\)|,\s*jr\.?", " ", n)
    n = _TITLES.sub(" ", n)
    words = re.findall(r"[a-z][a-z'-]*", n)
    if not words:
        return None
    last = re.sub(r"^(?:al|el|ad|ash|as)-", "", words[-1])
    last = re.sub(r"[^a-z]", "", last)
    if not last:
        return None
    s = last.replace("q", "k").replace("ck", "k").replace("ph", "f").replace("kh", "h").replace("w", "v")
    s = s.replace("j", "i").replace("y", "i")
    head, rest = s[0], re.sub(r"[aeiou]", "", s[1:])
    skel = re.sub(r"(.)\1+", r"\1", head + rest)
    if head in "aeiou" and len(skel) > 1:
        skel = skel[1:]  # "Erdogan"/"Erdoğan" and "Assad"/"Asad" both lose the opening vowel
    return skel or None


@dataclass(frozen=True, slots=True)
class Row:
    doc_id: str
    idx: int
    kind: str
    date: date | None
    place: str | None
    planned: bool
    people: tuple[frozenset[str], ...]

    @property
    def keys(self) -> frozenset[str]:
        return frozenset().union(*self.people) if self.people else frozenset()

    @property
    def ref(self) -> str:
        return f"{self.doc_id}:{self.idx}"


def ensure_schema(store: Any) -> None:
    for name, cols in SCHEMA.items():
        store.con.execute(f"CREATE TABLE IF NOT EXISTS {name} ({cols})")
    store.con.execute("CREATE INDEX IF NOT EXISTS encounter_keys_key ON encounter_keys(key)")
    store.con.execute("CREATE INDEX IF NOT EXISTS encounter_groups_doc ON encounter_groups(doc_id)")
    store.con.execute("CREATE INDEX IF NOT EXISTS encounter_groups_gid ON encounter_groups(group_id)")


def same_encounter(a: Row, b: Row) -> bool:
    """The pairwise rule (see the module docstring)."""
    if a.doc_id == b.doc_id or a.date is None or b.date is None:
        return False
    if abs((a.date - b.date).days) > 1 or (a.date != b.date and a.kind != b.kind):
        return False  # a day apart only for the same kind: a call reported on both sides of midnight
    if b.kind not in _KINDS_OK.get(a.kind, {a.kind}):
        return False
    if a.place and b.place and _place_key(a.place) != _place_key(b.place):
        return False
    if a.planned != b.planned and a.date != b.date:
        return False
    return shared(a, b) >= 2


def shared(a: Row, b: Row) -> int:
    """How many participants of ``a`` are also participants of ``b`` (by any key)."""
    return sum(1 for p in a.people if any(p & q for q in b.people))


def _score(a: Row, b: Row) -> tuple[int, int, int, int]:
    """Which of several candidates in one document is the best match."""
    return (
        shared(a, b),
        int(a.date == b.date),
        int(a.kind == b.kind),
        int(bool(a.place and b.place and _place_key(a.place) == _place_key(b.place))),
    )


def _place_key(p: str) -> str:
    return re.sub(r"[^a-z]", "", anyascii(p).lower().replace("saint", "st"))


# ---- reading rows -------------------------------------------------------------
def _rows(store: Any, where: str, params: list[Any]) -> list[Row]:
    got = store.con.execute(
        f"SELECT doc_id, idx, kind, date, place, planned, participant_names FROM encounters WHERE {where}", params
    ).fetchall()
    out = []
    for doc_id, idx, kind, d, place, planned, names in got:
        people = tuple(p for p in (person_keys(n) for n in (names or [])) if p)
        out.append(Row(doc_id, int(idx), kind, d, place, bool(planned), people))
    return out


def _marks(n: int) -> str:
    return ",".join("?" * n)


# ---- the incremental join ---------------------------------------------------------
def update(store: Any, doc_ids: Iterable[str]) -> dict[str, int]:
    """Join the encounters of ``doc_ids`` (just upserted, or removed) into the corpus groups.

    Safe to call again for the same documents (re-ingest). Returns counts of what changed.
    """
    ensure_schema(store)
    ids = sorted(set(doc_ids))
    if not ids:
        return {"encounters": 0, "links": 0, "groups": 0}
    con = store.con
    m = _marks(len(ids))
    # groups these documents were in: their other members must be regrouped too
    old_groups = [
        r[0]
        for r in con.execute(f"SELECT DISTINCT group_id FROM encounter_groups WHERE doc_id IN ({m})", ids).fetchall()
    ]
    affected: set[tuple[str, int]] = set()
    if old_groups:
        gm = _marks(len(old_groups))
        affected = {
            (d, int(i))
            for d, i in con.execute(
                f"SELECT doc_id, idx FROM encounter_groups WHERE group_id IN ({gm}) AND doc_id NOT IN ({m})",
                old_groups + ids,
            ).fetchall()
        }
    con.execute(f"DELETE FROM encounter_keys WHERE doc_id IN ({m})", ids)
    con.execute(f"DELETE FROM encounter_groups WHERE doc_id IN ({m})", ids)
    if old_groups:
        con.execute(f"DELETE FROM encounter_groups WHERE group_id IN ({_marks(len(old_groups))})", old_groups)
    new = _rows(store, f"doc_id IN ({m})", ids)
    keyrows = [(r.doc_id, r.idx, r.date, k) for r in new for k in r.keys]
    if keyrows:
        con.executemany("INSERT INTO encounter_keys VALUES (?, ?, ?, ?)", keyrows)

    # members to (re)group: the new encounters, the orphans of the old groups, and every member
    # of a group a new encounter links to
    rows: dict[tuple[str, int], Row] = {(r.doc_id, r.idx): r for r in new}
    if affected:
        for r in _fetch(store, affected):
            rows[(r.doc_id, r.idx)] = r
    links: list[tuple[tuple[str, int], tuple[str, int]]] = []
    scored = []
    for r in list(rows.values()):
        for c in _candidates(store, r):
            rows.setdefault((c.doc_id, c.idx), c)
            scored.append((_score(r, c), (r.doc_id, r.idx), (c.doc_id, c.idx)))
    scored.sort(key=lambda t: t[0], reverse=True)
    links += [(a, b) for _, a, b in scored]
    # pull in the existing groups of linked encounters, so groups grow rather than split
    outside = [k for k in rows if k[0] not in ids and k not in affected]
    existing = _groups_of(store, outside)
    for gid in set(existing.values()):
        members = [
            (d, int(i))
            for d, i in con.execute("SELECT doc_id, idx FROM encounter_groups WHERE group_id = ?", [gid]).fetchall()
        ]
        for r in _fetch(store, [k for k in members if k not in rows]):
            rows[(r.doc_id, r.idx)] = r
        links += [(members[0], k) for k in members[1:]]
    if existing:
        con.execute(
            f"DELETE FROM encounter_groups WHERE group_id IN ({_marks(len(set(existing.values())))})",
            list(set(existing.values())),
        )
    # orphans of old groups: relink them among themselves by the rule
    orphan_rows = [rows[k] for k in affected if k in rows]
    for i, a in enumerate(orphan_rows):
        for b in orphan_rows[i + 1 :]:
            if same_encounter(a, b):
                links.append(((a.doc_id, a.idx), (b.doc_id, b.idx)))

    groups = _union(list(rows), links)
    out_rows = []
    for members in groups:
        gid = min(rows[k].ref for k in members)
        out_rows += [(gid, d, i) for d, i in sorted(members)]
    if out_rows:
        con.executemany("INSERT INTO encounter_groups VALUES (?, ?, ?)", out_rows)
    return {"encounters": len(new), "links": len(links), "groups": len(groups)}


def _fetch(store: Any, keys: Iterable[tuple[str, int]]) -> list[Row]:
    keys = list(keys)
    if not keys:
        return []
    cond = " OR ".join("(doc_id = ? AND idx = ?)" for _ in keys)
    return _rows(store, cond, [x for k in keys for x in k])


def _groups_of(store: Any, keys: list[tuple[str, int]]) -> dict[tuple[str, int], str]:
    if not keys:
        return {}
    cond = " OR ".join("(doc_id = ? AND idx = ?)" for _ in keys)
    got = store.con.execute(
        f"SELECT doc_id, idx, group_id FROM encounter_groups WHERE {cond}", [x for k in keys for x in k]
    ).fetchall()
    return {(d, int(i)): g for d, i, g in got}


def _candidates(store: Any, r: Row) -> list[Row]:
    """Encounters of other documents sharing a participant key within a day: the best per document."""
    if r.date is None or len(r.people) < 2:
        return []
    keys = sorted(r.keys)
    got = store.con.execute(
        f"""SELECT DISTINCT doc_id, idx FROM encounter_keys
            WHERE key IN ({_marks(len(keys))}) AND date BETWEEN ? AND ? AND doc_id <> ?""",
        [*keys, r.date - timedelta(days=1), r.date + timedelta(days=1), r.doc_id],
    ).fetchall()
    best: dict[str, Row] = {}
    for c in _fetch(store, [(d, int(i)) for d, i in got]):
        if same_encounter(r, c) and (c.doc_id not in best or _score(r, c) > _score(r, best[c.doc_id])):
            best[c.doc_id] = c
    return list(best.values())


def _union(nodes: list[tuple[str, int]], links: list[tuple[tuple[str, int], tuple[str, int]]]) -> list[set]:
    """Connected components, never putting two encounters of one document in a group
    (a record that reports a meeting on Monday and talks on Tuesday tells us they differ)."""
    parent = {n: n for n in nodes}
    docs = {n: {n[0]} for n in nodes}

    def find(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in links:
        ra, rb = find(a), find(b)
        if ra == rb:
            continue
        da, db = docs.setdefault(ra, {ra[0]}), docs.setdefault(rb, {rb[0]})
        if da & db:
            continue
        keep, gone = min(ra, rb), max(ra, rb)
        parent[gone] = keep
        docs[keep] = da | db
    out: dict[tuple[str, int], set] = {}
    for n in list(parent):
        out.setdefault(find(n), set()).add(n)
    return list(out.values())


def rebuild(store: Any, batch: int = 500) -> dict[str, int]:
    """Recompute every group from scratch (after a change of the rule), batch by batch."""
    ensure_schema(store)
    store.con.execute("DELETE FROM encounter_keys")
    store.con.execute("DELETE FROM encounter_groups")
    ids = [r[0] for r in store.con.execute("SELECT DISTINCT doc_id FROM encounters ORDER BY doc_id").fetchall()]
    total = {"encounters": 0, "links": 0, "groups": 0}
    for i in range(0, len(ids), batch):
        got = update(store, ids[i : i + batch])
        for k in total:
            total[k] += got[k]
    total["groups"] = int(store.con.execute("SELECT count(DISTINCT group_id) FROM encounter_groups").fetchone()[0])
    return total


def groups(store: Any) -> dict[str, list[tuple[str, int]]]:
    """Every group id and its members ``(doc_id, idx)``."""
    ensure_schema(store)
    out: dict[str, list[tuple[str, int]]] = {}
    for gid, d, i in store.con.execute(
        "SELECT group_id, doc_id, idx FROM encounter_groups ORDER BY group_id, doc_id, idx"
    ).fetchall():
        out.setdefault(gid, []).append((d, int(i)))
    return out


def ensure_current(store: Any) -> int:
    """Join any stored encounters that have no group yet (a store filled without ``update``).

    Returns how many documents it joined. One anti-join query when nothing is missing."""
    ensure_schema(store)
    missing = [
        r[0]
        for r in store.con.execute(
            """SELECT DISTINCT e.doc_id FROM encounters e
               LEFT JOIN encounter_groups g ON g.doc_id = e.doc_id AND g.idx = e.idx
               WHERE g.group_id IS NULL"""
        ).fetchall()
    ]
    stale = [
        r[0]
        for r in store.con.execute(
            """SELECT DISTINCT g.doc_id FROM encounter_groups g
               LEFT JOIN encounters e ON g.doc_id = e.doc_id AND g.idx = e.idx WHERE e.doc_id IS NULL"""
        ).fetchall()
    ]
    ids = sorted(set(missing) | set(stale))
    for i in range(0, len(ids), 500):
        update(store, ids[i : i + 500])
    return len(ids)
