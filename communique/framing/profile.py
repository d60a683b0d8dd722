"""Framing profiles over the store: one document's passages and tags, one publisher's habits.

Plain queries returning plain dataclasses, so the CLI, the web API and a
notebook can share them. A publisher profile answers three questions:

* how much of what it publishes is commentary — commentary characters over
  main-content characters (``documents.data → content``; the whole text when a
  document has no content spans);
* which loaded terms it uses most, and with which technique;
* whom they target — entities mentioned inside a loaded span or within
  ``TARGET_WINDOW`` characters of it (excluding the one voicing it).

By default it counts every loaded span in the publisher's documents; with
``own_voice=True`` only those in the publisher's own voice (``voice IS NULL``),
leaving out what the people it quotes say.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from communique.model import Document

TARGET_WINDOW = 40
Span = tuple[int, int]


@dataclass
class DocumentFraming:
    doc: Document
    passages: list[dict[str, Any]]  # segments: kind, start, end, text
    items: list[dict[str, Any]]  # framing: label, technique, voice, voice_name, start, end, text

    @property
    def commentary_share(self) -> float:
        content = _total(self.doc.content) or len(self.doc.text)
        return _total(_union([(i["start"], i["end"]) for i in self.items if i["label"] == "commentary"])) / max(
            content, 1
        )


@dataclass
class PublisherProfile:
    publisher: str
    documents: int
    content_chars: int
    commentary_chars: int
    terms: list[dict[str, Any]] = field(default_factory=list)  # term, technique, count, documents
    techniques: list[dict[str, Any]] = field(default_factory=list)  # technique, count
    targets: list[dict[str, Any]] = field(default_factory=list)  # entity, count
    voices: list[dict[str, Any]] = field(default_factory=list)  # voice (None = publisher), count

    @property
    def commentary_share(self) -> float:
        return self.commentary_chars / self.content_chars if self.content_chars else 0.0


def document_framing(store: Any, doc_id: str) -> DocumentFraming | None:
    """A stored document's segments and framing items (``doc_id`` may be a unique prefix)."""
    doc = store.get(doc_id)
    if doc is None:
        return None
    names = {e.id: e.name for e in doc.entities}
    passages = [
        {"kind": s.kind, "start": s.start, "end": s.end, "text": doc.text[s.start : s.end]} for s in doc.segments
    ]
    items = [
        {
            "label": f.label,
            "technique": f.technique,
            "voice": f.voice,
            "voice_name": names.get(f.voice or "", None),
            "start": f.start,
            "end": f.end,
            "text": doc.text[f.start : f.end],
        }
        for f in doc.framing
    ]
    return DocumentFraming(doc, passages, items)


def publishers(store: Any) -> list[str]:
    rows = store.con.execute("SELECT DISTINCT publisher FROM documents WHERE publisher IS NOT NULL ORDER BY 1")
    return [r[0] for r in rows.fetchall()]


def publisher_profile(store: Any, publisher: str, top: int = 15, own_voice: bool = False) -> PublisherProfile | None:
    """Aggregate framing over the documents of ``publisher`` (exact name, case-insensitive; else a substring)."""
    con = store.con
    ids = _publisher_docs(con, publisher)
    if not ids:
        return None
    name = con.execute("SELECT publisher FROM documents WHERE id = ?", [ids[0]]).fetchone()[0]
    con.execute("CREATE OR REPLACE TEMP TABLE _profile_docs (id VARCHAR)")
    con.executemany("INSERT INTO _profile_docs VALUES (?)", [[i] for i in ids])

    content = commentary = 0
    spans: dict[str, list[Span]] = {}
    for doc_id, start, end in con.execute(
        "SELECT doc_id, span_start, span_end FROM framing WHERE label = 'commentary' AND doc_id IN (SELECT id FROM _profile_docs) "
        "UNION ALL SELECT doc_id, span_start, span_end FROM segments WHERE kind = 'commentary' "
        "AND doc_id IN (SELECT id FROM _profile_docs)"
    ).fetchall():
        spans.setdefault(doc_id, []).append((start, end))
    for doc_id, data_content, length in con.execute(
        "SELECT id, CAST(data->'content' AS VARCHAR), length(text) FROM documents WHERE id IN (SELECT id FROM _profile_docs)"
    ).fetchall():
        parsed = [tuple(x) for x in json.loads(data_content or "[]")]
        content += _total(parsed) or int(length or 0)
        commentary += _total(_union(spans.get(doc_id, [])))

    voice = "AND f.voice IS NULL" if own_voice else ""
    loaded = f"f.label <> 'commentary' AND f.doc_id IN (SELECT id FROM _profile_docs) {voice}"
    terms = store.query(
        f"SELECT lower(f.text) AS term, f.technique, count(*) AS count, count(DISTINCT f.doc_id) AS documents "
        f"FROM framing f WHERE {loaded} GROUP BY 1, 2 ORDER BY count DESC, term LIMIT ?",
        [top],
    )
    techniques = store.query(
        f"SELECT coalesce(f.technique, f.label) AS technique, count(*) AS count FROM framing f WHERE {loaded} "
        "GROUP BY 1 ORDER BY count DESC, technique"
    )
    targets = store.query(
        "SELECT m.entity_name AS entity, count(DISTINCT (f.doc_id, f.span_start)) AS count "
        "FROM framing f JOIN mentions m ON m.doc_id = f.doc_id "
        f"AND m.span_end > f.span_start - {TARGET_WINDOW} AND m.span_start < f.span_end + {TARGET_WINDOW} "
        f"WHERE {loaded} AND m.entity_name IS NOT NULL AND (f.voice IS NULL OR m.entity <> f.voice) "
        "GROUP BY 1 ORDER BY count DESC, entity LIMIT ?",
        [top],
    )
    voices = store.query(
        f"SELECT f.voice_name AS voice, count(*) AS count FROM framing f WHERE {loaded} "
        "GROUP BY 1 ORDER BY count DESC LIMIT ?",
        [top],
    )
    con.execute("DROP TABLE IF EXISTS _profile_docs")
    return PublisherProfile(name, len(ids), content, commentary, terms, techniques, targets, voices)


def _publisher_docs(con: Any, publisher: str) -> list[str]:
    rows = con.execute("SELECT id FROM documents WHERE lower(publisher) = lower(?) ORDER BY id", [publisher]).fetchall()
    if not rows:
        rows = con.execute(
            "SELECT id FROM documents WHERE publisher ILIKE ? ORDER BY id", [f"%{publisher}%"]
        ).fetchall()
    return [r[0] for r in rows]


def _union(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(e, out[-1][1]))
        else:
            out.append((s, e))
    return out


def _total(spans: list[Span]) -> int:
    return sum(e - s for s, e in _union(list(spans)))
