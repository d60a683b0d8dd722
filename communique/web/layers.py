"""A Document's layers as the document view shows them: marks for the text, items for the side panel.

One function, :func:`document_layers`, walks every layer once and gives both
views of it, so the text and the panel always agree on ids and offsets: a
panel item ``q3`` lists the spans whose pieces carry ``q3`` in ``data-i``.
CSS classes name the layer (``t`` turn, ``tl`` turn label, ``q`` quote, ``m``
mention, ``cl`` claim, ``ev`` event, ``en`` encounter, ``ld`` loaded language,
``cm`` commentary, ``bp`` boilerplate, ``sg-<kind>`` segment kind), and
``spk<N>`` gives each speaker of the record a colour of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from communique.model import Document
from communique.web.markup import Mark

SPEAKER_COLOURS = 8
EntityHref = Callable[[str], str | None]


@dataclass
class Item:
    """One entry of the side panel; ``spans`` are what clicking it highlights."""

    id: str
    title: str
    text: str = ""
    note: str = ""
    spans: list[tuple[int, int]] = field(default_factory=list)
    href: str | None = None
    cls: str = ""

    @property
    def start(self) -> int:
        return self.spans[0][0] if self.spans else 0

    @property
    def end(self) -> int:
        return self.spans[0][1] if self.spans else 0

    @property
    def spans_attr(self) -> str:
        return " ".join(f"{s}-{e}" for s, e in self.spans)


@dataclass
class Section:
    key: str
    title: str
    items: list[Item]


@dataclass
class Layers:
    marks: list[Mark]
    sections: list[Section]

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)


def short(text: str, n: int = 140) -> str:
    """One line of at most ``n`` characters: panel entries stay readable whatever the span's length."""
    s = " ".join(text.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def boilerplate_spans(doc: Document) -> list[tuple[int, int]]:
    """Everything outside ``content``; none when the record has no content spans (not cleaned)."""
    if not doc.content:
        return []
    out, pos = [], 0
    for s, e in sorted(doc.content):
        if s > pos:
            out.append((pos, s))
        pos = max(pos, e)
    if pos < len(doc.text):
        out.append((pos, len(doc.text)))
    return [(s, e) for s, e in out if doc.text[s:e].strip()]


def document_layers(doc: Document, entity_href: EntityHref | None = None) -> Layers:
    """Marks and panel sections for every layer of ``doc``; ``entity_href(entity_id)`` links mentions."""
    names = {e.id: e.name for e in doc.entities}
    text = doc.text

    def who(eid: str | None, default: str = "—") -> str:
        return names.get(eid or "", default)

    marks: list[Mark] = []
    sections: list[Section] = []

    bp = []
    for i, (s, e) in enumerate(boilerplate_spans(doc)):
        marks.append(Mark(f"b{i}", s, e, "bp"))
        bp.append(Item(f"b{i}", "boilerplate", short(text[s:e], 90), f"{e - s} characters", [(s, e)]))

    segs = []
    for i, sg in enumerate(doc.segments):
        cls = f"sg sg-{sg.kind}" + (" cm" if sg.kind == "commentary" else "")
        marks.append(Mark(f"s{i}", sg.start, sg.end, cls))
        segs.append(Item(f"s{i}", sg.kind, short(text[sg.start : sg.end], 90), "", [(sg.start, sg.end)], cls=sg.kind))

    colours: dict[str | None, int] = {}
    turns = []
    for i, t in enumerate(doc.turns):
        n = colours.setdefault(t.speaker or f"label:{t.label}", len(colours) % SPEAKER_COLOURS)
        marks.append(Mark(f"t{i}", t.start, t.end, f"t spk{n}"))
        if t.body_start > t.start:
            marks.append(Mark(f"t{i}", t.start, min(t.body_start, t.end), "tl"))
        note = "" if t.delivery == "original" else t.delivery
        if t.language:
            note = f"{note} ({t.language})".strip()
        words = text[t.body_start : t.end] if t.body_start >= t.start else text[t.start : t.end]
        title = who(t.speaker, t.label or "Question") if t.speaker else (t.label or "Question")
        turns.append(Item(f"t{i}", title, short(words) or "(no words)", note, [(t.start, t.end)], cls=f"spk{n}"))

    quotes = []
    for i, q in enumerate(doc.quotes):
        speaker = who(q.speaker, "?")
        label = speaker + (f" via {who(q.via, '?')}" if q.via else "")
        marks.append(Mark(f"q{i}", q.start, q.end, f"q q-{q.kind}", label=label, label_cls="lab-q"))
        note = q.kind + (f", cue “{q.cue}”" if q.cue else "")
        quotes.append(Item(f"q{i}", label, short(text[q.start : q.end]), note, [(q.start, q.end)]))

    by_entity: dict[str, list[tuple[int, int]]] = {}
    for i, m in enumerate(doc.mentions):
        if m.entity:
            by_entity.setdefault(m.entity, []).append((m.start, m.end))
            href = entity_href(m.entity) if entity_href else None
            marks.append(Mark(f"ent-{m.entity}", m.start, m.end, "m", href=href))
        else:
            marks.append(Mark(f"m{i}", m.start, m.end, "m m-unresolved"))
    ents = []
    for e in sorted(doc.entities, key=lambda e: (-len(by_entity.get(e.id, [])), e.name)):
        spans = sorted(by_entity.get(e.id, []))
        spellings = sorted({" ".join(text[s:x].split()) for s, x in spans}, key=len)
        note = f"{e.type}{', ' + e.country if e.country else ''}; {len(spans)} mention(s)"
        ents.append(
            Item(
                f"ent-{e.id}",
                e.name,
                " | ".join(spellings) or "(no mentions)",
                note,
                spans,
                href=entity_href(e.id) if entity_href else None,
                cls=e.type.lower(),
            )
        )

    claims = []
    for i, c in enumerate(doc.claims):
        marks.append(Mark(f"c{i}", c.start, c.end, "cl"))
        title = f"{c.value:g} {c.unit}"
        note = f"{c.change}; {c.quantity or '—'}; period {c.period or '—'}; cited by {who(c.speaker, '?')}"
        claims.append(Item(f"c{i}", title, short(text[c.start : c.end]), note, [(c.start, c.end)]))

    events = []
    for i, ev in enumerate(doc.events):
        marks.append(Mark(f"v{i}", ev.start, ev.end, "ev", label=ev.type, label_cls="lab-ev"))
        title = f"{ev.type} {who(ev.source, '?')} → {who(ev.target, '?')}"
        note = ev.modality + (f"; said by {who(ev.speaker)}" if ev.speaker else "")
        events.append(Item(f"v{i}", title, short(text[ev.start : ev.end]), note, [(ev.start, ev.end)]))

    encs = []
    for i, en in enumerate(doc.encounters):
        marks.append(Mark(f"n{i}", en.start, en.end, "en"))
        parts = ", ".join(who(p, "?") for p in en.participants)
        flags = " ".join(f for f, on in (("planned", en.planned), ("side", en.side)) if on)
        title = f"{en.kind.replace('_', ' ')} {en.date or 'undated'}"
        note = f"{en.place or 'no place'}; {parts}" + (f"; {flags}" if flags else "")
        encs.append(Item(f"n{i}", title, short(text[en.start : en.end]), note, [(en.start, en.end)]))

    framing = []
    for i, f in enumerate(doc.framing):
        cls = "cm" if f.label == "commentary" else "ld"
        marks.append(Mark(f"f{i}", f.start, f.end, cls))
        title = f.label.replace("_", " ") + (f" ({f.technique.replace('_', ' ')})" if f.technique else "")
        note = f"voice: {who(f.voice)}" if f.voice else "voice: the publisher"
        framing.append(Item(f"f{i}", title, short(text[f.start : f.end]), note, [(f.start, f.end)], cls=cls))

    for key, title, items in (
        ("turns", "Turns", turns),
        ("quotes", "Quotes", quotes),
        ("entities", "Entities", ents),
        ("claims", "Claims", claims),
        ("events", "Events", events),
        ("encounters", "Encounters", encs),
        ("framing", "Framing", framing),
        ("segments", "Passages", segs),
        ("boilerplate", "Boilerplate", bp),
    ):
        sections.append(Section(key, title, items))
    return Layers(marks, sections)
