"""Flatten one Document into the rows of each store table (see ``schema.py``)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from communique.model import Document

Row = tuple[Any, ...]


def _clip(text: str, s: int, e: int, limit: int = 2000) -> str:
    return text[s:e] if e - s <= limit else text[s : s + limit] + "…"


def document_rows(doc: Document) -> dict[str, list[Row]]:
    """All rows of ``doc``, by table name."""
    text = doc.text
    ents = {e.id: e for e in doc.entities}

    def name(eid: str | None) -> str | None:
        e = ents.get(eid) if eid else None
        return e.name if e else None

    def country(eid: str | None) -> str | None:
        e = ents.get(eid) if eid else None
        return e.country if e else None

    data = doc.to_dict()
    rows: dict[str, list[Row]] = {
        "documents": [
            (
                doc.id,
                doc.source,
                doc.title,
                doc.publisher,
                doc.published,
                doc.kind,
                doc.language,
                text,
                json.dumps(data, ensure_ascii=False),
                datetime.now(UTC).replace(tzinfo=None),
            )
        ],
        "entities": [(doc.id, e.id, e.type, e.name, list(e.aliases), e.country, list(e.roles)) for e in doc.entities],
        "mentions": [(doc.id, m.start, m.end, m.entity, name(m.entity), text[m.start : m.end]) for m in doc.mentions],
        "segments": [(doc.id, s.start, s.end, s.kind, _clip(text, s.start, s.end)) for s in doc.segments],
        "turns": [
            (
                doc.id,
                t.start,
                t.end,
                t.speaker,
                name(t.speaker),
                t.label,
                t.delivery,
                t.language,
                _clip(text, t.start, t.end, 20000),
            )
            for t in doc.turns
        ],
        "quotes": [
            (
                doc.id,
                q.start,
                q.end,
                q.speaker,
                name(q.speaker),
                q.kind,
                q.via,
                name(q.via),
                q.cue,
                _clip(text, q.start, q.end, 20000),
            )
            for q in doc.quotes
        ],
        "claims": [
            (
                doc.id,
                c.start,
                c.end,
                c.speaker,
                name(c.speaker),
                float(c.value),
                c.unit,
                c.quantity,
                c.change,
                c.period,
                c.text or _clip(text, c.start, c.end),
            )
            for c in doc.claims
        ],
        "encounters": [
            (
                doc.id,
                i,
                enc.kind,
                enc.date,
                enc.place,
                enc.country,
                list(enc.participants),
                [name(p) or p for p in enc.participants],
                [country(p) for p in enc.participants],
                [name(p) or p for p in enc.also_present],
                enc.planned,
                enc.side,
                enc.start,
                enc.end,
                _clip(text, enc.start, enc.end),
                (enc.date_window or {}).get("from"),
                (enc.date_window or {}).get("to"),
            )
            for i, enc in enumerate(doc.encounters)
        ],
        "events": [
            (
                doc.id,
                ev.start,
                ev.end,
                ev.type,
                ev.source,
                name(ev.source),
                country(ev.source),
                ev.target,
                name(ev.target),
                country(ev.target),
                ev.speaker,
                name(ev.speaker),
                ev.mode,
                ev.modality,
                _clip(text, ev.start, ev.end),
            )
            for ev in doc.events
        ],
        "framing": [
            (doc.id, f.start, f.end, f.label, f.technique, f.voice, name(f.voice), _clip(text, f.start, f.end))
            for f in doc.framing
        ],
    }
    return rows
