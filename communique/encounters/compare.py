"""Accounts of one encounter side by side: who each lets speak, what each reports, what each lacks.

Each account is one stored record in a joined group (:mod:`communique.encounters.join`).
For each we gather from the store its source, the date and place it gives, who
speaks in it (turn speakers) and who is quoted, the claims and the events it
reports; then :func:`differences` lists what one account has that none of the
others has, compared by name key (people), by value and unit (claims) and by
type and parties (events), so differently-worded accounts still line up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from communique.encounters import join


@dataclass
class Account:
    doc_id: str
    idx: int
    source: str | None
    title: str | None
    publisher: str | None
    published: Any
    kind: str
    date: Any
    place: str | None
    participants: list[str]
    evidence: str
    speakers: list[str] = field(default_factory=list)
    quoted: list[str] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)


def resolve_group(store: Any, group_id: str) -> str | None:
    """A group id from a full id or a unique prefix (``docid:idx`` or just ``docid``)."""
    join.ensure_current(store)
    got = [
        r[0]
        for r in store.con.execute(
            "SELECT DISTINCT group_id FROM encounter_groups WHERE group_id = ? OR group_id LIKE ? LIMIT 3",
            [group_id, group_id + "%"],
        ).fetchall()
    ]
    if group_id in got:
        return group_id
    if len(got) == 1:
        return got[0]
    # a member's own id ("docid:idx", or a document id with one encounter) names its group too
    doc, _, idx = group_id.partition(":")
    members = store.con.execute(
        "SELECT DISTINCT group_id FROM encounter_groups WHERE (doc_id = ? OR doc_id LIKE ?) AND (? = '' OR idx = TRY_CAST(? AS INTEGER))",
        [doc, doc + "%", idx, idx],
    ).fetchall()
    return members[0][0] if len(members) == 1 else None


def accounts(store: Any, group_id: str) -> list[Account]:
    con = store.con
    members = con.execute(
        """SELECT e.doc_id, e.idx, d.source, d.title, d.publisher, d.published, e.kind, e.date, e.place,
                  e.participant_names, e.text
           FROM encounter_groups g JOIN encounters e ON e.doc_id = g.doc_id AND e.idx = g.idx
           JOIN documents d ON d.id = e.doc_id WHERE g.group_id = ? ORDER BY d.published, e.doc_id""",
        [group_id],
    ).fetchall()
    out = []
    for doc_id, idx, source, title, publisher, published, kind, d, place, names, text in members:
        acc = Account(doc_id, idx, source, title, publisher, published, kind, d, place, list(names or []), text or "")
        acc.speakers = _distinct(con, "SELECT speaker_name FROM turns WHERE doc_id = ? ORDER BY span_start", doc_id)
        acc.quoted = _distinct(con, "SELECT speaker_name FROM quotes WHERE doc_id = ? ORDER BY span_start", doc_id)
        acc.claims = _dicts(
            con,
            "SELECT speaker_name, value, unit, quantity, change, period, text FROM claims WHERE doc_id = ? ORDER BY span_start",
            doc_id,
        )
        acc.events = _dicts(
            con,
            """SELECT type, source_name, source_country, target_name, target_country, modality, text
               FROM events WHERE doc_id = ? ORDER BY span_start""",
            doc_id,
        )
        out.append(acc)
    return out


def _distinct(con: Any, sql: str, doc_id: str) -> list[str]:
    seen: list[str] = []
    for (name,) in con.execute(sql, [doc_id]).fetchall():
        if name and not any(join.person_keys(name) & join.person_keys(s) for s in seen):
            seen.append(name)
    return seen


def _dicts(con: Any, sql: str, doc_id: str) -> list[dict[str, Any]]:
    cur = con.execute(sql, [doc_id])
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]


def _claim_key(c: dict[str, Any]) -> tuple:
    return (round(float(c["value"]), 3), c["unit"])


def _event_key(e: dict[str, Any]) -> tuple:
    return (e["type"], e.get("source_country"), e.get("target_country"))


def differences(accs: list[Account]) -> dict[str, dict[str, list[str]]]:
    """For each account (by doc id): the speakers, quoted people, claims and events no other account has,
    and the date or place where it disagrees with the others."""
    out: dict[str, dict[str, list[str]]] = {}
    for a in accs:
        others = [b for b in accs if b.doc_id != a.doc_id]
        if not others:
            continue
        mine: dict[str, list[str]] = {}
        voices = [n for b in others for n in b.speakers + b.quoted]
        only_voices = [
            n for n in a.speakers + a.quoted if not any(join.person_keys(n) & join.person_keys(v) for v in voices)
        ]
        if only_voices:
            mine["voices"] = list(dict.fromkeys(only_voices))
        ck = {_claim_key(c) for b in others for c in b.claims}
        claims = [
            f"{c['value']:g} {c['unit']} ({c['quantity'] or 'claim'})" for c in a.claims if _claim_key(c) not in ck
        ]
        if claims:
            mine["claims"] = claims
        ek = {_event_key(e) for b in others for e in b.events}
        events = [
            f"{e['type']} {e['source_country'] or e['source_name'] or '?'}→{e['target_country'] or e['target_name'] or '?'}"
            for e in a.events
            if _event_key(e) not in ek
        ]
        if events:
            mine["events"] = list(dict.fromkeys(events))
        if a.date and any(b.date and b.date != a.date for b in others):
            mine["date"] = [str(a.date)]
        if a.place and any(b.place and b.place != a.place for b in others):
            mine["place"] = [a.place]
        out[a.doc_id] = mine
    return out
