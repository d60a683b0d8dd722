"""The framing stage: commentary passages and loaded-language phrases, each with its voice.

It adds one layer, ``doc.framing``:

* ``Framing(label="commentary")`` for each run of paragraphs in the writer's own
  evaluative voice (voice ``None`` = the publisher). The segments stage normally
  asks :func:`communique.framing.commentary.commentary_spans` already and labels
  those segments ``commentary``; this stage asks again over the narrative
  segments (or, when no segments stage has run, over the content paragraphs
  outside speaker turns) and reports the union, so the framing layer is complete
  on its own.
* ``Framing(label="loaded_language", technique=…)`` for each loaded phrase in the
  main content. Words inside a speaker turn or a quote are that speaker's framing
  (``voice`` = the turn's or quote's speaker); words of a reproduced official
  statement are its issuer's (voice unknown, so ``None``, but not the
  publisher's own); elsewhere, including the line introducing a statement or a
  list of quotes, they are the publisher's. Strong terms (insults, "so-called", slogans) are always tagged;
  weak ones (hype words such as "landmark", "historic", "victory") only in the
  publisher's own words of a non-official document, or inside commentary —
  positive diplomatic language in a readout is the genre, not propaganda.
"""

from __future__ import annotations

from communique.framing.commentary import OFFICIAL_KINDS, commentary_spans
from communique.framing.loaded import PRAISE_TERM, SCORN_TERM
from communique.framing.models import get_model
from communique.framing.text import quoted_regions
from communique.model import Document, Framing
from communique.textutil import SpanIndex, paragraphs

Span = tuple[int, int]
NARRATIVE_KINDS = ("narrative", "commentary")


def content_spans(doc: Document) -> list[Span]:
    """Main content, or the whole body when the clean stage has not run."""
    return sorted(doc.content) if doc.content else [(doc.body_start, len(doc.text))]


def narrative_candidates(doc: Document) -> list[Span]:
    """Where commentary may be: narrative segments, else content paragraphs outside turns."""
    content = content_spans(doc)
    if doc.segments:
        spans = [(s.start, s.end) for s in doc.segments if s.kind in NARRATIVE_KINDS]
        return [c for s, e in spans for c in _clip(s, e, content)]
    turns = sorted((t.start, t.end) for t in doc.turns)
    out = []
    for cs, ce in content:
        for s, e in paragraphs(doc.flat, cs, ce):
            covered = sum(max(0, min(e, te) - max(s, ts)) for ts, te in turns)
            if covered < 0.5 * (e - s):
                out.append((s, e))
    return out


def run(doc: Document) -> None:
    commentary = _union(
        commentary_spans(doc, narrative_candidates(doc)),
        [(s.start, s.end) for s in doc.segments if s.kind == "commentary"],
    )
    items = [Framing(s, e, "commentary") for s, e in commentary]
    items += loaded_items(doc, commentary)
    doc.framing = sorted(items, key=lambda f: (f.start, f.end))


def loaded_items(doc: Document, commentary: list[Span]) -> list[Framing]:
    """Loaded phrases of the main content, with voice, filtered by strength and voice."""
    text = doc.flat
    official = (doc.kind or "") in OFFICIAL_KINDS
    turns = sorted(((t.start, t.end, t.speaker) for t in doc.turns), key=lambda x: x[0])
    quotes = sorted(((q.start, q.end, q.speaker) for q in doc.quotes), key=lambda x: x[0])
    statements = [(s.start, s.end) for s in doc.segments if s.kind == "statement"]
    out: list[Framing] = []
    model = get_model()
    # indexed: a long record has thousands of turns, quotes and phrases, and a scan per phrase was quadratic
    turn_at, quote_at = SpanIndex(turns), SpanIndex(quotes)
    statement_at, commentary_at = SpanIndex(statements), SpanIndex(commentary)
    for cs, ce in content_spans(doc):
        for ps, pe in paragraphs(text, cs, ce):
            hits = model.loaded_spans(text, ps, pe)
            if not hits:
                continue
            marks = quoted_regions(text, ps, pe)
            intro = _introduces(text[ps:pe])
            issued = statement_at.first(ps) >= 0 and not intro
            for h in hits:
                speaker, attributed = _voice(h.start, turn_at, quote_at)
                in_marks = any(s <= h.start < e for s, e in marks)
                own = not attributed and not in_marks and not issued
                in_commentary = commentary_at.first(h.start) >= 0
                if not h.strong and not (own and (not official or in_commentary)):
                    continue
                if h.term == SCORN_TERM and not (own and in_commentary):
                    continue  # a general lexicon's negative words describe in news; in commentary they judge
                if h.term == PRAISE_TERM and not (own and (in_commentary or intro)):
                    continue  # praise in a fact sheet's narrative is the genre; in commentary or a round-up's intro, promotion
                out.append(Framing(h.start, h.end, "loaded_language", speaker, h.technique))
    return out


def _voice(pos: int, turns: SpanIndex, quotes: SpanIndex):
    """(speaker entity id or None, whether the words are attributed to a speaker at all)."""
    for spans in (quotes, turns):
        i = spans.first(pos)
        if i >= 0:
            return spans.spans[i][2], True
    return None, False


def _in(pos: int, spans: list[Span]) -> bool:
    return any(s <= pos < e for s, e in spans)


def _introduces(paragraph: str) -> bool:
    """A line that introduces a statement or quotes ("… was hailed across industry:") is the publisher's."""
    return paragraph.rstrip(" *_\n").endswith(":")


def _clip(s: int, e: int, content: list[Span]) -> list[Span]:
    return [(max(s, cs), min(e, ce)) for cs, ce in content if min(e, ce) > max(s, cs)]


def _union(a: list[Span], b: list[Span]) -> list[Span]:
    out: list[Span] = []
    for s, e in sorted(a + b):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(e, out[-1][1]))
        else:
            out.append((s, e))
    return out
