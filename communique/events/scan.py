"""Where the coder looks: scan windows, paragraphs and sentences, and the word before a position.

Why a module of its own: the stage's budget (about 1.5 ms per 1,000 words)
is spent mostly on finding text worth reading, so the helpers that decide
how much text is scanned, split and looked back at live together and are
kept cheap — regions are merged into few scan windows, only paragraphs that
hold a trigger are split into sentences (once per document, in
``doc.cache``), and the word-before look-up is memoised per document.
"""

from __future__ import annotations

import re
from functools import lru_cache

from communique.events.lexicon import Trigger
from communique.model import Document
from communique.textutil import sentences

Span = tuple[int, int]

_LAST_WORD = re.compile(r"([A-Za-z’'-]+)\W*$")
_PARA_BREAK = re.compile(r"\n[ \t]*\n\s*")


@lru_cache(maxsize=8192)
def prev_word(text: str, pos: int, lo: int) -> str:
    """The word before ``pos`` (not before ``lo``); memoised (cleared per document by the coder):
    a clause asks about the same actors for each of its triggers."""
    m = _LAST_WORD.search(text, max(lo, pos - 30), pos)
    return m.group(1) if m else ""


def windows(regions: list[Span], gap: int = 300) -> list[Span]:
    """Regions merged across short gaps (turn labels): few scan calls, little text scanned twice."""
    out: list[Span] = []
    for s, e in regions:
        if out and s - out[-1][1] < gap:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def inside(trigs: list[Trigger], regions: list[Span]) -> list[Trigger]:
    """The triggers wholly inside one of the (sorted, disjoint) regions."""
    out: list[Trigger] = []
    k = 0
    for t in trigs:
        while k < len(regions) and regions[k][1] <= t.start:
            k += 1
        if k == len(regions):
            break
        if regions[k][0] <= t.start and t.end <= regions[k][1]:
            out.append(t)
    return out


def paragraphs(text: str, regions: list[Span]) -> list[Span]:
    """The blank-line-separated paragraphs of the regions (a sentence never crosses a blank line)."""
    out: list[Span] = []
    for rs, re_ in regions:
        pos = rs
        for m in _PARA_BREAK.finditer(text, rs, re_):
            if m.start() > pos:
                out.append((pos, m.start()))
            pos = m.end()
        if re_ > pos:
            out.append((pos, re_))
    return out


def split_sentences(doc: Document, text: str, s: int, e: int) -> list[Span]:
    """The sentences of ``text[s:e]``, split once per document (kept in ``doc.cache``)."""
    key = ("sentences", s, e)
    got = doc.cache.get(key)
    if got is None:
        got = doc.cache[key] = sentences(text, s, e)
    return got
