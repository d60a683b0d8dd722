"""The Document and its span layers: the one typed place every stage writes to.

A Document holds the text exactly as read plus layers of spans over it. Each
stage of :mod:`communique.pipeline` adds one layer and never edits another's,
so every field of the output points back to characters of the source.
All offsets are Python ``str`` indexes into ``Document.text``, half-open.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields
from functools import cache
from typing import Any

Span = tuple[int, int]


@dataclass(slots=True)
class Segment:
    start: int
    end: int
    kind: str  # transcript | statement | narrative | commentary


@dataclass(slots=True)
class Entity:
    id: str
    type: str  # PERSON | COUNTRY | ORG | PLACE | GROUP
    name: str
    aliases: list[str] = field(default_factory=list)
    country: str | None = None
    roles: list[str] = field(default_factory=list)
    anonymous: bool = False
    members: list[str] = field(default_factory=list)  # a GROUP's member entity ids
    kb_id: str | None = None  # key of the reference-data record it was resolved to

    def add_alias(self, alias: str) -> None:
        alias = " ".join(alias.split()) if "\n" not in alias else alias
        if alias and alias not in self.aliases:
            self.aliases.append(alias)

    def add_role(self, role: str) -> None:
        if role and role not in self.roles:
            self.roles.append(role)


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    entity: str | None  # entity id, or None when it could not be resolved with confidence


@dataclass(slots=True)
class Turn:
    start: int  # start of the label
    end: int  # end of the turn's last words
    speaker: str | None
    label: str
    delivery: str = "original"  # original | interpreted | retranslated
    language: str | None = None
    body_start: int = 0  # where the words (after the label and notes) begin
    empty: bool = False


@dataclass(slots=True)
class Quote:
    start: int
    end: int
    speaker: str | None
    kind: str  # direct | indirect
    via: str | None = None
    cue: str | None = None  # the reporting verb or phrase that licensed it
    collective: bool = False  # the speaker is a group speaking as one (a joint statement's authors)
    joint: bool = False  # one of several quotes giving one position to each leader who took it


@dataclass(slots=True)
class Claim:
    start: int
    end: int
    speaker: str | None
    value: float
    unit: str
    quantity: str = ""
    change: str = "level"  # increase | decrease | level
    period: str | None = None
    text: str = ""


@dataclass(slots=True)
class Encounter:
    kind: str  # meeting | talks | phone_call | visit | summit | press_conference
    date: str | None
    place: str | None
    participants: list[str]
    start: int
    end: int
    country: str | None = None
    also_present: list[str] = field(default_factory=list)
    planned: bool = False
    side: bool = False
    # the span of days it fell in when the day is unknown ("last week"): {"from": ISO, "to": ISO}, else None
    date_window: dict[str, str] | None = None


@dataclass(slots=True)
class Event:
    start: int
    end: int
    type: str  # one of PLOVER's 16
    source: str | None
    target: str | None
    speaker: str | None = None
    mode: str | None = None
    modality: str = "asserted"  # asserted | intended | hypothetical | negated | reported
    sources: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    trigger: str | None = None


@dataclass(slots=True)
class Framing:
    start: int
    end: int
    label: str  # commentary | loaded_language | name_calling | ...
    voice: str | None = None  # entity id of who voices it; None = the publisher
    technique: str | None = None


LAYERS: dict[str, type] = {
    "segments": Segment,
    "entities": Entity,
    "mentions": Mention,
    "encounters": Encounter,
    "turns": Turn,
    "quotes": Quote,
    "claims": Claim,
    "events": Event,
    "framing": Framing,
}


def doc_id_for(data: bytes | str) -> str:
    """Stable id: a hash of the input bytes, so re-reading the same input gives the same id."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:16]


@dataclass
class Document:
    text: str
    source: str = "<text>"
    id: str = ""
    title: str | None = None
    publisher: str | None = None
    published: str | None = None
    language: str = "en"
    kind: str = "news"
    content: list[Span] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    encounters: list[Encounter] = field(default_factory=list)
    turns: list[Turn] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    framing: list[Framing] = field(default_factory=list)
    # what the reader knew before analysis: front matter, HTML meta, corpus columns
    meta: dict[str, Any] = field(default_factory=dict)
    # offset where the body begins (after front matter); stages ignore text before it
    body_start: int = 0
    # the text with exotic spaces (NBSP, thin spaces) made plain: same length, same offsets
    flat: str = field(default="", repr=False, compare=False)
    # per-document memo for derived values that several stages read (e.g. speaker labels)
    cache: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.id:
            self.id = doc_id_for(self.text)
        if not self.flat:
            from communique.textutil import flatten

            self.flat = flatten(self.text)

    def __repr__(self) -> str:
        """Short: id, title, size and layer counts — never the whole text (a record may be megabytes)."""
        counts = ", ".join(f"{name}={len(getattr(self, name))}" for name in LAYERS if getattr(self, name))
        title = self.title if self.title is None or len(self.title) <= 60 else self.title[:59] + "…"
        return (
            f"<Document {self.id} {title!r} {self.kind}, {self.published or 'undated'}, "
            f"{len(self.text):,} chars{'; ' + counts if counts else ''}>"
        )

    # ---- entity table -------------------------------------------------
    def entity(self, eid: str | None) -> Entity | None:
        if eid is None:
            return None
        for e in self.entities:
            if e.id == eid:
                return e
        return None

    def new_entity(self, type: str, name: str, **kw: Any) -> Entity:
        # max + 1, not len + 1: ids stay unique after an identity merge removed an entity
        taken = [int(e.id[1:]) for e in self.entities if e.id[:1] == "e" and e.id[1:].isdigit()]
        ent = Entity(id=f"e{max(taken, default=0) + 1}", type=type, name=name, **kw)
        ent.add_alias(name)
        self.entities.append(ent)
        return ent

    # ---- serialisation ------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """The output contract (shared CONTRACT.md), plus a few extra fields."""
        out: dict[str, Any] = {
            "id": self.id,
            "source": self.source,
            "title": self.title,
            "publisher": self.publisher,
            "published": self.published,
            "language": self.language,
            "kind": self.kind,
            "text": self.text,
            "content": [[s, e] for s, e in self.content],
        }
        for name, typ in LAYERS.items():
            out[name] = _records(getattr(self, name), _field_names(typ))
        out["meta"] = {k: v for k, v in self.meta.items() if _jsonable(v)}
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Document:
        doc = cls(
            text=d["text"],
            source=d.get("source", "<text>"),
            id=d.get("id", ""),
            title=d.get("title"),
            publisher=d.get("publisher"),
            published=d.get("published"),
            language=d.get("language", "en"),
            kind=d.get("kind", "news"),
            content=[(int(s), int(e)) for s, e in d.get("content", [])],
            meta=dict(d.get("meta") or {}),
        )
        for name, typ in LAYERS.items():
            names = {f.name for f in fields(typ)}
            setattr(doc, name, [typ(**{k: v for k, v in x.items() if k in names}) for x in d.get(name, [])])
        return doc


@cache
def _field_names(typ: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(typ))


def _records(items: list[Any], names: tuple[str, ...]) -> list[dict[str, Any]]:
    """``dataclasses.asdict`` for the flat layer records, at a fraction of its cost.

    Why: ``asdict`` recurses into and deep-copies every value; layer fields are
    scalars, lists of strings or a dict of strings, so one shallow copy of each
    list or dict gives the same result. It was 7 % of a batch run's time.
    """
    out = []
    for x in items:
        d = {}
        for n in names:
            v = getattr(x, n)
            d[n] = v.copy() if v.__class__ is list or v.__class__ is dict else v
        out.append(d)
    return out


def _jsonable(v: Any) -> bool:
    return isinstance(v, (str, int, float, bool, type(None), list, dict))
