"""Across documents: accounts of the same encounter joined into one corpus-level encounter.

Two encounters from different records are the same event when their principals
are the same people (at least two shared participant keys), their dates are
within one day (time zones and "yesterday" in a transcript published the day
after), and their places and kinds are compatible (a call is never a visit; two
named cities must agree).

An encounter known only to a period ("earlier this week", "last month": its
``date_window``) joins by overlap of that window with the other's day or window,
when the window is at most a month long, and only where that is unambiguous: it
never bridges two dated events (two Putin–Erdogan calls in one month), and one
with neither day nor window is never joined.

Why keys and blocking: entity ids are per document, so people are matched by a
*participant key*, a consonant skeleton of the surname ("al-Miqdad", "Mekdad" and
"Mikdad" all give ``mkd``). ``update`` looks up candidates in SQL by key and by
the span of days, so its cost per document depends on how many encounters share
a principal that week, not on the size of the store.

Tables (created here, owned by this module):

* ``encounter_keys(doc_id, idx, date, key, lo, hi)``: one row per participant key;
  ``lo``/``hi`` are the first and last day the encounter may be on;
* ``encounter_groups(group_id, doc_id, idx)``: every stored encounter's group.
  A group id is the smallest member's ``"<doc_id>:<idx>"``, so it does not
  depend on the order documents arrive in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from anyascii import anyascii

from communique.store.db import insert_columns

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
    "encounter_keys": "doc_id VARCHAR, idx INTEGER, date DATE, key VARCHAR, lo DATE, hi DATE",
    "encounter_groups": "group_id VARCHAR, doc_id VARCHAR, idx INTEGER",
}
_TYPES = {name: [c.split()[1] for c in cols.split(", ")] for name, cols in SCHEMA.items()}
MAX_WINDOW_DAYS = 31  # a longer period ("this year", "10 years ago") tells two encounters of a pair apart too poorly


@lru_cache(maxsize=65536)
def person_keys(name: str | None) -> frozenset[str]:
    """Every key a person may be matched by: the surname skeleton, plus short family names written
    first ("Xi Jinping" is also ``xi``, so "President Xi" matches). Cached: a join reads the same
    names again for every batch whose neighbourhood they are in."""
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
    window: tuple[date, date] | None = None  # when the day is unknown: the period it fell in

    @property
    def keys(self) -> frozenset[str]:
        return frozenset().union(*self.people) if self.people else frozenset()

    @property
    def ref(self) -> str:
        return f"{self.doc_id}:{self.idx}"

    @property
    def span(self) -> tuple[date, date] | None:
        """The first and last day it may be on: its day, else a window short enough to join by."""
        if self.date is not None:
            return self.date, self.date
        if self.window and (self.window[1] - self.window[0]).days < MAX_WINDOW_DAYS:
            return self.window
        return None


def ensure_schema(store: Any) -> None:
    have = {
        r[0]
        for r in store.con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'encounter_keys'"
        ).fetchall()
    }
    if (
        "hi" in have
        and store.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'encounter_groups'"
        ).fetchone()[0]
    ):
        return  # all there: nothing is written, so a read-only store works too
    if have and "hi" not in have:  # a store joined by an older rule: the next ensure_current joins it again
        store.con.execute("DROP TABLE encounter_keys")
        store.con.execute("DROP TABLE IF EXISTS encounter_groups")
    for name, cols in SCHEMA.items():
        store.con.execute(f"CREATE TABLE IF NOT EXISTS {name} ({cols})")
    store.con.execute("CREATE INDEX IF NOT EXISTS encounter_keys_key ON encounter_keys(key)")
    store.con.execute("CREATE INDEX IF NOT EXISTS encounter_groups_doc ON encounter_groups(doc_id)")
    store.con.execute("CREATE INDEX IF NOT EXISTS encounter_groups_gid ON encounter_groups(group_id)")


def same_encounter(a: Row, b: Row) -> bool:
    """The pairwise rule (see the module docstring)."""
    if a.doc_id == b.doc_id:
        return False
    if a.date is not None and b.date is not None:
        if abs((a.date - b.date).days) > 1 or (a.date != b.date and a.kind != b.kind):
            return False  # a day apart only for the same kind: a call reported on both sides of midnight
    else:
        sa, sb = a.span, b.span
        if sa is None or sb is None or sa[0] > sb[1] + timedelta(days=1) or sb[0] > sa[1] + timedelta(days=1):
            return False
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
        int(a.date is not None and a.date == b.date),
        int(a.kind == b.kind),
        int(bool(a.place and b.place and _place_key(a.place) == _place_key(b.place))),
    )


def _place_key(p: str) -> str:
    return re.sub(r"[^a-z]", "", anyascii(p).lower().replace("saint", "st"))


# ---- reading rows -------------------------------------------------------------
def _rows(store: Any, where: str, params: list[Any]) -> list[Row]:
    got = store.con.execute(
        "SELECT doc_id, idx, kind, date, place, planned, participant_names, date_from, date_to "
        f"FROM encounters WHERE {where}",
        params,
    ).fetchall()
    out = []
    for doc_id, idx, kind, d, place, planned, names, lo, hi in got:
        people = tuple(p for p in (person_keys(n) for n in (names or [])) if p)
        window = (lo, hi) if d is None and lo is not None and hi is not None and lo <= hi else None
        out.append(Row(doc_id, int(idx), kind, d, place, bool(planned), people, window))
    return out


def _marks(n: int) -> str:
    return ",".join("?" * n)


Key = tuple[str, int]


# ---- the incremental join ---------------------------------------------------------
def update(store: Any, doc_ids: Iterable[str]) -> dict[str, int]:
    """Join the encounters of ``doc_ids`` (just upserted, or removed) into the corpus groups.

    The encounters of these documents, the other members of the groups they were in,
    their candidates in the store (and the candidates of undated ones among those) and
    the groups those belong to are regrouped together by the rule, so the result does
    not depend on the order documents arrive in. Safe to call again for the same
    documents (re-ingest). Returns counts of what changed.
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
    affected: set[Key] = set()
    if old_groups:
        gm = _marks(len(old_groups))
        affected = {
            (d, int(i))
            for d, i in con.execute(
                f"SELECT doc_id, idx FROM encounter_groups WHERE group_id IN ({gm}) AND doc_id NOT IN ({m})",
                old_groups + ids,
            ).fetchall()
        }
        con.execute(f"DELETE FROM encounter_groups WHERE group_id IN ({gm})", old_groups)
    con.execute(f"DELETE FROM encounter_keys WHERE doc_id IN ({m})", ids)
    con.execute(f"DELETE FROM encounter_groups WHERE doc_id IN ({m})", ids)
    new = _rows(store, f"doc_id IN ({m})", ids)
    keyrows = [(r.doc_id, r.idx, r.date, k, *r.span) for r in new if r.span for k in r.keys]
    insert_columns(con, "encounter_keys", _TYPES["encounter_keys"], keyrows)

    # the neighbourhood to regroup
    rows: dict[Key, Row] = {(r.doc_id, r.idx): r for r in new}
    for r in _fetch(store, affected):
        rows[(r.doc_id, r.idx)] = r
    frontier = list(rows.values())
    for depth in range(2):  # undated candidates bring their own candidates: they may now be ambiguous
        found = [c for c in _candidates(store, frontier) if (c.doc_id, c.idx) not in rows]
        rows.update({(c.doc_id, c.idx): c for c in found})
        frontier = [c for c in found if c.date is None] if depth == 0 else []
    outside = [k for k in rows if k[0] not in ids and k not in affected]
    existing = sorted(set(_groups_of(store, outside).values()))
    if existing:
        gm = _marks(len(existing))
        members = con.execute(f"SELECT doc_id, idx FROM encounter_groups WHERE group_id IN ({gm})", existing)
        for r in _fetch(store, [(d, int(i)) for d, i in members.fetchall() if (d, int(i)) not in rows]):
            rows[(r.doc_id, r.idx)] = r
        con.execute(f"DELETE FROM encounter_groups WHERE group_id IN ({gm})", existing)

    links = _links(list(rows.values()))
    groups = _union(rows, links)
    out_rows = []
    for members in groups:
        gid = min(rows[k].ref for k in members)
        out_rows += [(gid, d, i) for d, i in sorted(members)]
    insert_columns(con, "encounter_groups", _TYPES["encounter_groups"], out_rows)
    return {"encounters": len(new), "links": len(links), "groups": len(groups)}


def _fetch(store: Any, keys: Iterable[Key]) -> list[Row]:
    """The stored encounters ``keys``, looked up by document (``doc_id IN``: one indexed
    lookup per batch, where ``(doc_id = ? AND idx = ?) OR …`` made DuckDB scan the table)."""
    wanted = set(keys)
    docs = sorted({d for d, _ in wanted})
    out: list[Row] = []
    for i in range(0, len(docs), 500):
        part = docs[i : i + 500]
        out += [r for r in _rows(store, f"doc_id IN ({_marks(len(part))})", part) if (r.doc_id, r.idx) in wanted]
    return sorted(out, key=lambda r: (r.doc_id, r.idx))


def _groups_of(store: Any, keys: list[Key]) -> dict[Key, str]:
    wanted = set(keys)
    docs = sorted({d for d, _ in wanted})
    out: dict[Key, str] = {}
    for i in range(0, len(docs), 500):
        part = docs[i : i + 500]
        got = store.con.execute(
            f"SELECT doc_id, idx, group_id FROM encounter_groups WHERE doc_id IN ({_marks(len(part))})", part
        ).fetchall()
        out.update({(d, int(n)): g for d, n, g in got if (d, int(n)) in wanted})
    return out


def _candidates(store: Any, rows: list[Row]) -> list[Row]:
    """Encounters of other documents that ``same_encounter`` matches with one of ``rows``: sharing a
    participant key, with days that meet (± 1). One query for all of ``rows`` (a join of their keys
    with ``encounter_keys``), then one ``_fetch``."""
    probes = [
        (n, k, r.span[0] - timedelta(days=1), r.span[1] + timedelta(days=1), r.doc_id)
        for n, r in enumerate(rows)
        if r.span is not None and len(r.people) >= 2
        for k in sorted(r.keys)
    ]
    if not probes:
        return []
    got = store.con.execute(
        """WITH q AS (SELECT unnest(?::INTEGER[]) AS n, unnest(?::VARCHAR[]) AS key, unnest(?::DATE[]) AS lo,
                             unnest(?::DATE[]) AS hi, unnest(?::VARCHAR[]) AS doc)
           SELECT DISTINCT q.n, k.doc_id, k.idx FROM q JOIN encounter_keys k ON k.key = q.key
           WHERE k.lo <= q.hi AND k.hi >= q.lo AND k.doc_id <> q.doc""",
        [list(col) for col in zip(*probes, strict=True)],
    ).fetchall()
    found = {(c.doc_id, c.idx): c for c in _fetch(store, {(d, int(i)) for _, d, i in got})}
    out: dict[Key, Row] = {}
    for n, d, i in sorted(got):
        c = found.get((d, int(i)))
        if c is not None and (d, int(i)) not in out and same_encounter(rows[n], c):
            out[(d, int(i))] = c
    return list(out.values())


def _links(rows: list[Row]) -> list[tuple[Key, Key]]:
    """For each encounter, its best match in every other document (blocked by participant key),
    strongest first; ties broken by id so the order of arrival never matters."""
    by_key: dict[str, list[Row]] = {}
    for r in rows:
        if r.span is not None:
            for k in r.keys:
                by_key.setdefault(k, []).append(r)
    scored: dict[tuple[Key, Key], tuple[int, int, int, int]] = {}
    for r in rows:
        if r.span is None or len(r.people) < 2:
            continue
        best: dict[str, Row] = {}
        seen: set[Key] = set()
        for k in sorted(r.keys):
            for c in by_key.get(k, ()):
                ck = (c.doc_id, c.idx)
                if ck in seen:
                    continue
                seen.add(ck)
                if same_encounter(r, c) and (c.doc_id not in best or _rank(r, c) > _rank(r, best[c.doc_id])):
                    best[c.doc_id] = c
        for c in best.values():
            a, b = sorted([(r.doc_id, r.idx), (c.doc_id, c.idx)])
            scored[(a, b)] = max(scored.get((a, b), (0, 0, 0, 0)), _score(r, c))
    return [ab for ab, _ in sorted(scored.items(), key=lambda t: (tuple(-x for x in t[1]), t[0]))]


def _rank(r: Row, c: Row) -> tuple[tuple[int, int, int, int], int]:
    """Best match first; between equals, the one a record reports first."""
    return _score(r, c), -c.idx


def _common(a: tuple[frozenset[str], ...], b: tuple[frozenset[str], ...]) -> tuple[frozenset[str], ...]:
    """The people of ``a`` who are also in ``b`` (by any key)."""
    return tuple(p for p in a if any(p & q for q in b))


def _union(rows: dict[Key, Row], links: list[tuple[Key, Key]]) -> list[set[Key]]:
    """Connected components, never putting two encounters of one document in a group (a record
    that reports a meeting on Monday and talks on Tuesday tells us they differ), nor two named places,
    nor groups that do not share two principals (an account naming three people, "met Xi hours after
    talks with Wang", joins one of the two meetings, never makes them one).

    Links between dated encounters are made first. An undated encounter then joins only if all it
    links to lies in at most one group that holds a dated encounter and whose place fits: "last
    month" matching two calls made that month says nothing about which, and must not make them one."""
    parent: dict[Key, Key] = {n: n for n in rows}
    docs = {n: {n[0]} for n in rows}
    dated = {n: rows[n].date is not None for n in rows}
    where = {n: {_place_key(rows[n].place)} if rows[n].place else set() for n in rows}
    core = {n: rows[n].people for n in rows}  # the people every member of the group names

    def find(x: Key) -> Key:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def fits(ra: Key, rb: Key) -> bool:
        return (
            not (docs[ra] & docs[rb])
            and (not where[ra] or not where[rb] or where[ra] == where[rb])
            and len(_common(core[ra], core[rb])) >= 2
        )

    def join(a: Key, b: Key) -> None:
        ra, rb = find(a), find(b)
        if ra == rb or not fits(ra, rb):
            return
        keep, gone = min(ra, rb), max(ra, rb)
        parent[gone] = keep
        docs[keep] = docs[ra] | docs[rb]
        dated[keep] = dated[ra] or dated[rb]
        where[keep] = where[ra] | where[rb]
        core[keep] = _common(core[ra], core[rb])

    for a, b in links:
        if dated[a] and dated[b]:
            join(a, b)
    soft = [(a, b) for a, b in links if not (dated[a] and dated[b])]
    partners: dict[Key, set[Key]] = {}
    for a, b in soft:
        for x, y in ((a, b), (b, a)):
            if not dated[x]:
                partners.setdefault(x, set()).add(y)
    ambiguous = set()
    for x, ps in partners.items():
        groups = {find(p) for p in ps}
        if len({g for g in groups if dated[g] and fits(find(x), g)}) > 1:
            ambiguous.add(x)
    for a, b in soft:
        if a in ambiguous or b in ambiguous:
            continue
        ra, rb = find(a), find(b)
        if not (dated[ra] and dated[rb]):  # a window never bridges two dated groups
            join(a, b)
    out: dict[Key, set[Key]] = {}
    for n in parent:
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
