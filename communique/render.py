"""Human-readable renderings of a Document: the ``md`` outline of ``communique analyze --format md``."""

from __future__ import annotations

import re

from communique.model import Document, Encounter

# Records scraped as Markdown keep its syntax in their text and titles: links ``[label](url)`` and
# backslash escapes (``Jen\_Psaki``). The outline shows what a reader of the page saw.
_LINK = re.compile(r"\[([^\[\]\n]+)\]\((?:[^()\s]|\([^()\s]*\))+\)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")


def plain(text: str) -> str:
    """``text`` without Markdown link syntax and backslash escapes, whitespace folded."""
    text = _ESCAPE.sub(r"\1", _LINK.sub(r"\1", text))
    return " ".join(text.rstrip("\\").split())


def _short(text: str, n: int = 160) -> str:
    s = plain(text)
    return s if len(s) <= n else s[: n - 1] + "…"


def figure(value: float) -> str:
    """A claimed number as people write it: ``1,000,000``, ``2.5``, ``0.25`` — never ``1e+06``."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.6f}".rstrip("0").rstrip(".")


def _when(enc: Encounter, published: str | None) -> str:
    """The encounter's date, its window when only that is known, else "undated" (by the record's date when
    it happened before it); planned ones say so, and are never dated by the record."""
    if enc.date:
        when = enc.date
    elif enc.date_window:
        start, end = enc.date_window.get("from"), enc.date_window.get("to")
        when = f"between {start} and {end}" if start and end else f"by {end}" if end else f"from {start}"
    elif published and not enc.planned:
        when = f"undated, by {published}"
    else:
        when = "undated"
    return f"planned, {when}" if enc.planned else when


def to_markdown(doc: Document) -> str:
    """An outline a person reads: title, date, segments, turns with speakers, and the other layers."""
    ents = {e.id: e for e in doc.entities}

    def who(eid: str | None) -> str:
        return ents[eid].name if eid in ents else "—"

    out = [f"# {plain(doc.title) if doc.title else doc.source}", ""]
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
            out.append(f"- {enc.kind} ({_when(enc, doc.published)}) at {enc.place or '—'}: {names}")
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
            what = plain(c.quantity or "")
            out.append(f"- {who(c.speaker)}: {figure(c.value)} {c.unit} — {what} ({c.change}, {c.period or '—'})")
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
