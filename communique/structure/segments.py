"""The segments stage: which passages are transcript, official statement, narrative or commentary.

- transcript: from the first speaker label of a run to its end marker ("End
  of the transcript.") or the end of the content (see ``turns.transcript_regions``);
- statement: opened by an explicit marker ("The Syrian Presidency offered the
  following official statement:", "… said in a statement:" on its own
  paragraph) and closed by "End of the statement …" or the next transcript;
  a record whose kind is ``statement`` (a joint statement) is one statement;
- commentary: narrative paragraphs that the framing model finds written in
  the writer's own evaluative voice (``communique.framing.commentary``);
- narrative: every other paragraph of the main content.

The title and the dateline are metadata, not passages, so they get no segment.
Adjacent paragraphs of one kind are merged into one segment.
"""

from __future__ import annotations

import bisect
import itertools
import re

from communique.model import Document, Segment
from communique.structure.datelines import date_at_start
from communique.structure.labels import find_labels
from communique.structure.turns import transcript_regions
from communique.textutil import paragraphs

STATEMENT_START = re.compile(
    r"(?:(?:offered|issued|released|published|made|gave|read out|circulated|adopted)\s+the\s+following\s+"
    r"(?:official\s+|joint\s+)?(?:statement|communiqu[eé]|declaration|text)"
    r"|the\s+following\s+(?:official\s+|joint\s+)?(?:statement|communiqu[eé]|declaration)"
    r"|(?:text|full text)\s+of\s+the\s+(?:joint\s+)?(?:statement|communiqu[eé]|declaration)"
    # the text of remarks or a statement reproduced whole
    r"|\b(?:below|following|here)\s+(?:are|is)\s+the\s+(?:full\s+)?(?:text|remarks|statement|address|speech)\b"
    r"|\bas\s+prepared\s+for\s+delivery"
    # a round-up of reactions: "The deal was immediately hailed across industry:" then statements
    r"|\b(?:hailed|praised|welcomed|applauded|lauded|reactions?\s+(?:from|to)|statements?\s+(?:from|by)"
    r"|what\s+(?:they|leaders|people|others)\s+(?:are|were)\s+saying))"
    r"[^\n]{0,80}:\W*$",
    re.IGNORECASE,
)
# A round-up of reactions: a line ending in a colon followed by a quote credited to a name or body,
# "[**Speaker Mike Johnson**](https://…): “…" or "Sen. Ted Cruz: “…": whatever the line's words
# ("Praise immediately poured in:", "Leaders react:"), what follows is others' statements.
_INTRO_LINE = re.compile(r"[^\n]{3,160}:[\s*_]*$")
_CREDITED_QUOTE = re.compile(
    r"[\s*_]*\[?[\s*_]*[A-Z][^:\[\]\n]{1,90}(?:\n[^:\[\]\n]{1,90})?[\s*_]*\]?(?:\([^)\s]+\))?[\s*_]*:[\s*_]*[“\"]",
)
STATEMENT_END = re.compile(r"^\W*end\s+of\s+(?:the\s+)?(?:joint\s+)?(?:statement|communiqu[eé]|declaration)\b", re.I)


def _opens_roundup(text: str, paras: list[tuple[int, int]], p: tuple[int, int]) -> bool:
    """A short line ending in a colon whose next paragraph is a quote credited to someone."""
    s, e = p
    if not _INTRO_LINE.fullmatch(text[s:e].strip()) or len(text[s:e].split()) > 25:
        return False
    i = paras.index(p)
    return i + 1 < len(paras) and bool(_CREDITED_QUOTE.match(text, paras[i + 1][0], paras[i + 1][1]))


def _commentary(doc: Document, candidates: list[tuple[int, int]]) -> list[tuple[int, int]]:
    # official records carry no writer's opinion: transcripts, readouts and statements are not scored
    if doc.kind in ("transcript", "readout", "statement") or not candidates:
        return []
    try:
        from communique.framing.commentary import commentary_spans
    except ImportError:
        return []
    return commentary_spans(doc, candidates)


def run(doc: Document) -> None:
    text = doc.flat
    spans = doc.content or [(doc.body_start, len(text))]
    paras = [p for lo, hi in spans for p in paragraphs(text, lo, hi)]
    if not paras:
        return
    # metadata lines at the head: the title and a dateline
    skip = set()
    for p in paras[:3]:
        line = text[p[0] : p[1]].strip()
        if (doc.title and " ".join(line.split()) == doc.title) or (len(line.split()) <= 14 and date_at_start(line)):
            skip.add(p)
    regions = transcript_regions(doc, find_labels(doc))
    # regions by start with the running maximum of their ends: "is s inside one?" by bisection, not a scan
    by_start = sorted(regions)
    region_starts = [rs for rs, _ in by_start]
    reach = list(itertools.accumulate((re_ for _, re_ in by_start), max))
    kinds: dict[tuple[int, int], str] = {}
    in_statement = doc.kind == "statement"
    for p in paras:
        if p in skip:
            continue
        s, e = p
        i = bisect.bisect_right(reach, s)  # the first region (by start) that ends after s
        region = i < len(by_start) and region_starts[i] <= s
        if region and not (in_statement and doc.kind != "statement"):
            kinds[p] = "transcript"
            in_statement = False
            continue
        line = text[s:e]
        if STATEMENT_START.search(line) or _opens_roundup(text, paras, p):
            in_statement = True
            kinds[p] = "statement"
            continue
        if in_statement:
            kinds[p] = "statement"
            if STATEMENT_END.match(line):
                in_statement = doc.kind == "statement"
            continue
        kinds[p] = "narrative"
    narrative = [p for p, k in kinds.items() if k == "narrative"]
    by_para = sorted(narrative)
    narrative_starts = [p[0] for p in by_para]
    for cs, ce in _commentary(doc, narrative):
        for k in range(bisect.bisect_left(narrative_starts, cs), len(by_para)):
            p = by_para[k]
            if p[0] > ce:
                break
            if p[1] <= ce:
                kinds[p] = "commentary"
    # transcript regions are segments as a whole (labels, turns, end marker), unless a statement holds them
    transcript_starts = sorted(p[0] for p, k in kinds.items() if k == "transcript")
    out: list[Segment] = [
        Segment(rs, re_, "transcript")
        for rs, re_ in regions
        if bisect.bisect_left(transcript_starts, rs) < bisect.bisect_left(transcript_starts, re_)
    ]
    cur: Segment | None = None
    for p in sorted(kinds):
        kind = kinds[p]
        if kind == "transcript":
            if cur:
                out.append(cur)
                cur = None
            continue
        if cur and cur.kind == kind:
            cur.end = p[1]
        else:
            if cur:
                out.append(cur)
            cur = Segment(p[0], p[1], kind)
    if cur:
        out.append(cur)
    doc.segments = sorted(out, key=lambda seg: seg.start)
