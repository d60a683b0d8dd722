"""Human-readable renderings of a Document: the ``md`` outline of ``communique analyze --format md``."""

from __future__ import annotations

from communique.model import Document


def _short(text: str, n: int = 160) -> str:
    s = " ".join(text.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def to_markdown(doc: Document) -> str:
    """An outline a person reads: title, date, segments, turns with speakers, and the other layers."""
    ents = {e.id: e for e in doc.entities}

    def who(eid: str | None) -> str:
        return ents[eid].name if eid in ents else "—"

    out = [f"# {doc.title or doc.source}", ""]
    out.append(f"- source: {doc.source}")
    out.append(f"- id: {doc.id}")
    out.append(f"- publisher: {doc.publisher or '—'}")
    out.append(f"- published: {doc.published or '—'}")
    out.append(f"- kind: {doc.kind}")
    out.append("")
    if doc.segments:
        out.append("## Segments")
        for s in doc.segments:
            out.append(f"- **{s.kind}** [{s.start}:{s.end}] {_short(doc.text[s.start : s.end], 100)}")
        out.append("")
    if doc.turns:
        out.append("## Turns")
        for t in doc.turns:
            words = doc.text[t.body_start : t.end]
            note = f" ({t.delivery})" if t.delivery != "original" else ""
            out.append(f"- **{who(t.speaker) if t.speaker else 'Question'}**{note}: {_short(words) or '(no words)'}")
        out.append("")
    if doc.encounters:
        out.append("## Encounters")
        for enc in doc.encounters:
            names = ", ".join(who(p) for p in enc.participants)
            out.append(f"- {enc.kind} {enc.date or 'date unknown'} at {enc.place or '—'}: {names}")
        out.append("")
    if doc.quotes:
        out.append("## Quotes")
        for q in doc.quotes:
            via = f" (via {who(q.via)})" if q.via else ""
            out.append(f"- {who(q.speaker)}{via}: “{_short(doc.text[q.start : q.end])}”")
        out.append("")
    if doc.claims:
        out.append("## Claims")
        for c in doc.claims:
            out.append(f"- {who(c.speaker)}: {c.value:g} {c.unit} — {c.quantity} ({c.change}, {c.period or '—'})")
        out.append("")
    if doc.events:
        out.append("## Events")
        for ev in doc.events:
            out.append(
                f"- {ev.type} {who(ev.source)} → {who(ev.target)} [{ev.modality}]: {_short(doc.text[ev.start : ev.end], 100)}"
            )
        out.append("")
    if doc.entities:
        out.append("## Entities")
        for e in doc.entities:
            out.append(f"- {e.name} ({e.type}{', ' + e.country if e.country else ''})")
        out.append("")
    return "\n".join(out)
