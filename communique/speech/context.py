"""What the speech stages need to know about a document before they look at its sentences.

Which characters are worth reading (main content, outside turn labels), which
turn covers a position, who published the record. Kept apart from the pattern
code so quotes and claims agree on these answers.
"""

from __future__ import annotations

import bisect
import itertools
import re
import weakref
from dataclasses import dataclass, field

from communique.model import Document, Entity, Turn
from communique.textutil import paragraphs, sentences

Span = tuple[int, int]

# Turn labels that stand for an unnamed voice from the floor.
_ANON_LABEL = re.compile(
    r"^\s*(?:Q|Q\.|Question|QUESTION|Questions?|Journalist|Reporter|Audience|Participant|Interpreter|INTERPRETER)\b",
    re.I,
)


# the context of the last document seen: quotes builds it, claims reuses it
_LAST: dict[str, tuple] = {}


def reading_spans(doc: Document) -> list[Span]:
    """Main-content spans, or the whole body when the clean stage has not marked any."""
    if doc.content:
        return sorted(doc.content)
    return [(doc.body_start, len(doc.text))]


@dataclass
class DocContext:
    """Per-document lookups shared by the quotes and claims stages (built once per run)."""

    doc: Document
    spans: list[Span] = field(default_factory=list)
    paras: list[Span] = field(default_factory=list)
    sents: list[Span] = field(default_factory=list)
    turns: list[Turn] = field(default_factory=list)
    _turn_starts: list[int] = field(default_factory=list)
    _sent_starts: list[int] = field(default_factory=list)
    _para_order: list[Span] = field(default_factory=list)
    _para_reach: list[int] | None = None
    _turn_index: dict[int, int] | None = None

    @classmethod
    def build(cls, doc: Document) -> DocContext:
        """Build, or reuse the one the previous speech stage built for this very document state."""
        sig = (len(doc.text), tuple(doc.content), doc.body_start, len(doc.turns))
        cached = _LAST.get("ctx")
        if cached is not None and cached[0]() is doc and cached[1] == sig:
            return cached[2]
        ctx = cls._build(doc)
        _LAST["ctx"] = (weakref.ref(doc), sig, ctx)
        return ctx

    @classmethod
    def _build(cls, doc: Document) -> DocContext:
        ctx = cls(doc=doc, spans=reading_spans(doc))
        flat = doc.flat
        for s, e in ctx.spans:
            ctx.paras.extend(paragraphs(flat, s, e))
        for s, e in ctx.paras:
            ctx.sents.extend(sentences(flat, s, e))
        ctx.turns = sorted((t for t in doc.turns if not t.empty), key=lambda t: t.start)
        ctx._turn_starts = [t.start for t in ctx.turns]
        ctx._sent_starts = [s for s, _ in ctx.sents]
        return ctx

    # ---- turns --------------------------------------------------------
    def turn_at(self, pos: int) -> Turn | None:
        i = bisect.bisect_right(self._turn_starts, pos) - 1
        if i >= 0 and self.turns[i].start <= pos < self.turns[i].end:
            return self.turns[i]
        return None

    def in_label(self, pos: int) -> bool:
        """True inside a turn's label ("President of Russia Vladimir Putin:") rather than its words."""
        t = self.turn_at(pos)
        return t is not None and t.body_start > t.start and pos < t.body_start

    def turn_index(self, turn: Turn) -> int:
        if self._turn_index is None:
            self._turn_index = {}
            for i, t in enumerate(self.turns):
                self._turn_index.setdefault(id(t), i)
        i = self._turn_index.get(id(turn))
        return self.turns.index(turn) if i is None else i  # a turn equal to one of ours, not one of them

    def is_anonymous_turn(self, turn: Turn) -> bool:
        """A question from the floor or an interpreter: nobody whose figures we attribute."""
        ent = self.doc.entity(turn.speaker)
        if ent is not None and ent.anonymous:
            return True
        return bool(_ANON_LABEL.match(turn.label or ""))

    def addressee(self, turn: Turn) -> str | None:
        """Who 'you' is in a turn: the answerer for a question, else the other named speaker before."""
        i = self.turn_index(turn)
        if self.is_anonymous_turn(turn):
            for t in self.turns[i + 1 :]:
                if t.speaker and not self.is_anonymous_turn(t):
                    return t.speaker
            return None
        for t in [*reversed(self.turns[:i]), *self.turns[i + 1 :]]:
            if t.speaker and t.speaker != turn.speaker and not self.is_anonymous_turn(t):
                return t.speaker
        return None

    # ---- sentences ----------------------------------------------------
    def sentence_at(self, pos: int) -> Span | None:
        i = bisect.bisect_right(self._sent_starts, pos) - 1
        if i >= 0 and self.sents[i][0] <= pos < self.sents[i][1]:
            return self.sents[i]
        return None

    def paragraph_at(self, pos: int) -> Span | None:
        if self._para_reach is None or len(self._para_reach) != len(self.paras):
            # by start, with the running maximum of the ends: found by bisection, not a scan per figure
            self._para_order = sorted(self.paras)
            self._para_reach = list(itertools.accumulate((e for _, e in self._para_order), max))
        i = bisect.bisect_right(self._para_reach, pos)
        if i < len(self._para_order) and self._para_order[i][0] <= pos:
            return self._para_order[i]
        return None


def publisher_entity(doc: Document) -> str | None:
    """The ORG entity for the document's publisher (reused when the entities stage made one)."""
    name = (doc.publisher or "").strip()
    if not name:
        return None
    short = re.sub(r"\s*\((?:official )?(?:web)?site\)|\s*\(official website\)", "", name, flags=re.I).strip()
    for cand in (name, short):
        ent = find_entity_by_name(doc, cand)
        if ent is not None:
            return ent.id
    return doc.new_entity("ORG", short or name).id


def find_entity_by_name(doc: Document, name: str) -> Entity | None:
    """An entity whose name or an alias equals ``name`` (case- and space-insensitive)."""
    try:  # the entities stage's resolver knows spellings we do not
        from communique.entities.lookup import resolve_name  # type: ignore[import-not-found]
    except ImportError:
        resolve_name = None
    if resolve_name is not None:
        try:
            eid = resolve_name(doc, name)
        except Exception:  # a resolver bug must not cost us the stage
            eid = None
        if eid:
            ent = doc.entity(eid if isinstance(eid, str) else getattr(eid, "id", None))
            if ent is not None:
                return ent
    key = _key(name)
    for ent in doc.entities:
        if _key(ent.name) == key or any(_key(a) == key for a in ent.aliases):
            return ent
    return None


def _key(s: str) -> str:
    s = re.sub(r"^(?:the)\s+", "", " ".join(s.split()), flags=re.I)
    return s.lower()
