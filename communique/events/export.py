"""PLOVER/POLECAT-style export of coded events: JSON records and CSV.

Each record names the event, its actors (with their country codes and the
entity ids behind them), the sentence it was coded from and where that
sentence sits in the source document, so every row can be checked against
its evidence.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from communique.model import Document

CSV_FIELDS = [
    "id", "date", "source_document", "event", "mode", "modality", "actor", "actor_code", "recipient",
    "recipient_code", "speaker", "event_text", "trigger", "start", "end",
]  # fmt: skip


def _actors(doc: Document, ids: list[str], first: str | None) -> list[dict[str, Any]]:
    out = []
    for eid in ids or ([first] if first else []):
        ent = doc.entity(eid)
        if ent is None:
            continue
        out.append({"entity": ent.id, "actorText": ent.name, "code": ent.country, "type": ent.type})
    return out


def plover_records(doc: Document) -> list[dict[str, Any]]:
    """One PLOVER-style record per event of ``doc`` (run the pipeline first)."""
    recs = []
    for i, ev in enumerate(doc.events):
        spk = doc.entity(ev.speaker)
        recs.append(
            {
                "id": f"{doc.id}-{i + 1}",
                "date": doc.published,
                "actor": _actors(doc, ev.sources, ev.source),
                "recipient": _actors(doc, ev.targets, ev.target),
                "event": ev.type,
                "mode": ev.mode,
                "modality": ev.modality,
                "context": None,
                "speaker": spk.name if spk else None,
                "event_text": doc.text[ev.start : ev.end],
                "text_info": {"start": ev.start, "end": ev.end, "trigger": ev.trigger},
                "source_document": {"id": doc.id, "source": doc.source, "title": doc.title, "publisher": doc.publisher},
            }
        )
    return recs


def csv_rows(docs: Iterable[Document]) -> Iterable[dict[str, Any]]:
    """Flat rows (first actor and recipient) for spreadsheets."""
    for doc in docs:
        for r in plover_records(doc):
            a = r["actor"][0] if r["actor"] else {}
            t = r["recipient"][0] if r["recipient"] else {}
            yield {
                "id": r["id"],
                "date": r["date"],
                "source_document": doc.source,
                "event": r["event"],
                "mode": r["mode"],
                "modality": r["modality"],
                "actor": a.get("actorText"),
                "actor_code": a.get("code"),
                "recipient": t.get("actorText"),
                "recipient_code": t.get("code"),
                "speaker": r["speaker"],
                "event_text": " ".join(r["event_text"].split()),
                "trigger": r["text_info"]["trigger"],
                "start": r["text_info"]["start"],
                "end": r["text_info"]["end"],
            }


def write_csv(docs: Iterable[Document], out: io.TextIOBase | None = None) -> str:
    """Write the events of ``docs`` as CSV to ``out`` (or return it as a string)."""
    buf = out if out is not None else io.StringIO()
    w = csv.DictWriter(buf, fieldnames=CSV_FIELDS)
    w.writeheader()
    for row in csv_rows(docs):
        w.writerow(row)
    return buf.getvalue() if isinstance(buf, io.StringIO) else ""
