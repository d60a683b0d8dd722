"""Offset-preserving text helpers shared by the stages: lines, paragraphs, sentences.

Every helper returns ``(start, end)`` spans into the string it was given, so a
stage can match on a normalised copy (see :func:`flatten`) and report offsets
into the original. Sentence splitting is a small regex splitter rather than
spaCy's sentencizer because the whole pipeline must run at ≥ 50 documents/s on
one core and this genre's sentences end cleanly; its abbreviation list covers
the titles and country short forms of diplomatic prose ("Mr.", "U.S.", "Dr.").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from communique.lexicon import MONTH_ABBREVIATIONS

Span = tuple[int, int]

_SPACES = {"\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u202f": " ", "\u2002": " ", "\u2003": " ", "\t": " "}
_SPACE_TABLE = str.maketrans(_SPACES)


_EXOTIC = re.compile("[" + "".join(_SPACES) + "]")


def flatten(text: str) -> str:
    """Replace non-breaking and other exotic spaces by plain spaces, one for one."""
    return text.translate(_SPACE_TABLE) if _EXOTIC.search(text) else text


def lines(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Spans of the lines in ``text[start:end]``, without their newline."""
    end = len(text) if end is None else end
    out: list[Span] = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        if nl < 0:
            out.append((pos, end))
            break
        out.append((pos, nl))
        pos = nl + 1
    return out


def strip_span(text: str, s: int, e: int) -> Span:
    """Shrink a span so it neither starts nor ends with white space."""
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def paragraphs(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Blocks separated by blank lines (lines holding only white space), stripped."""
    out: list[Span] = []
    block_start: int | None = None
    block_end = start
    for s, e in lines(text, start, end):
        if text[s:e].strip():
            if block_start is None:
                block_start = s
            block_end = e
        elif block_start is not None:
            out.append(strip_span(text, block_start, block_end))
            block_start = None
    if block_start is not None:
        out.append(strip_span(text, block_start, block_end))
    return out


ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "st",
    "jr",
    "sr",
    "gen",
    "lt",
    "col",
    "sgt",
    "capt",
    "maj",
    "adm",
    "prof",
    "rev",
    "hon",
    "amb",
    "sen",
    "rep",
    "gov",
    "pres",
    "no",
    "nos",
    "vs",
    "etc",
    "e.g",
    "i.e",
    "u.s",
    "u.k",
    "u.n",
    "e.u",
    "u.s.a",
    "d.c",
    "a.m",
    "p.m",
    "inc",
    "ltd",
    "co",
    "corp",
    *(form.lower() for forms in MONTH_ABBREVIATIONS for form in forms),
    "approx",
}
# capitalised words that follow "U.S."/"U.K."/"U.N."/"E.U." as an adjective ("U.S. President",
# "U.N. Security Council"): after them the abbreviation does not end a sentence
_AFTER_COUNTRY_ABBR = set(
    "president vice secretary ambassador embassy envoy army navy air marine marines senate senator congress "
    "congressman congresswoman house department treasury government officials official forces troops military "
    "special national trade state attorney supreme federal intelligence administration delegation representative "
    "deputy chief commander general central consulate mission permanent security council agency aid citizens "
    "sanctions dollar economy".split()
)
_NEXT_WORD = re.compile(r"\s+([A-Z][A-Za-z-]*)")
_SENT_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)|\n\s*\n")


def sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentence spans within ``text[start:end]``; blank lines always end a sentence."""
    end = len(text) if end is None else end
    out: list[Span] = []
    sent_start = start
    for m in _SENT_END.finditer(text, start, end):
        if m.group().startswith("."):
            # an abbreviation or an initial ("J. Biden") does not end a sentence
            w = re.search(r"([A-Za-z][A-Za-z.]*)$", text[max(sent_start, m.start() - 12) : m.start()])
            word = w.group(1).lower() if w else ""
            if word in ABBREVIATIONS or (len(word) == 1 and text[m.start() - 1].isupper()):
                nxt = text[m.end() : m.end() + 3].lstrip()
                if not nxt or not nxt[0].isupper() or word not in {"u.s", "u.k", "u.n", "e.u", "etc", "d.c"}:
                    continue
                follows = _NEXT_WORD.match(text, m.end(), end)
                if word != "etc" and follows and follows.group(1).lower() in _AFTER_COUNTRY_ABBR:
                    continue  # "U.S. President Joe Biden": the abbreviation is an adjective here
        s, e = strip_span(text, sent_start, m.end() if not m.group().startswith("\n") else m.start())
        if e > s:
            out.append((s, e))
        sent_start = m.end()
    s, e = strip_span(text, sent_start, end)
    if e > s:
        out.append((s, e))
    return out


def iter_spans_in(spans: list[Span], start: int, end: int) -> Iterator[Span]:
    """The spans of a sorted list that overlap ``[start, end)``."""
    for s, e in spans:
        if e <= start:
            continue
        if s >= end:
            break
        yield s, e


def inside(spans: list[Span], pos: int) -> bool:
    return any(s <= pos < e for s, e in spans)


def trie_pattern(words: Iterable[str]) -> str:
    """A regex source matching any of ``words``, factored as a trie: ``(?:ab(?:c|d)|x)``.

    Why: Python's regex engine tries the branches of a flat alternation one by one at
    every position, so a list of a few hundred words costs hundreds of probes per
    character; factored by shared prefixes it costs about one probe per character.
    Longer words are tried before their prefixes, so the longest word wins.
    """
    trie: dict = {}
    for w in set(words):
        if not w:
            continue
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and not ends else "(?:" + "|".join(branches) + ")"
        return body + "?" if ends else body

    return emit(trie)


def anchored_windows(anchor: re.Pattern[str], text: str, start: int, end: int, before: int, after: int) -> list[Span]:
    """Merged windows ``[a - before, b + after]`` around every ``anchor`` match in ``text[start:end]``.

    Why: a pattern that can only match around some anchor word (an organisation's head
    noun "Council", the ", minister" of an apposition) need not be tried at every word of
    the text. Scanning for the anchor is cheap; the costly pattern then runs only inside
    these windows (see :func:`finditer_in`). ``before``/``after`` must bound how far a
    match can reach from its anchor.
    """
    out: list[Span] = []
    for m in anchor.finditer(text, start, end):
        ws, we = max(start, m.start() - before), min(end, m.end() + after)
        if out and ws <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], we))
        else:
            out.append((ws, we))
    return out


def finditer_in(pattern: re.Pattern[str], text: str, windows: list[Span]) -> Iterator[re.Match[str]]:
    """Non-overlapping matches of ``pattern`` inside ``windows``, left to right."""
    last = -1
    for ws, we in windows:
        for m in pattern.finditer(text, max(ws, last), we):
            if m.start() >= last:
                last = m.end()
                yield m


class SpanIndex:
    """Spans sorted by start, asked which hold a position or meet a range, by bisection.

    Why: a long record has thousands of sentences, turns, quotes, labels and
    mentions; asking "is this inside one of those?" with a scan of them all
    per question made stages grow with the square of the text. Kept here
    with the running maximum of the ends (which never falls), the first span
    reaching past a position is found in O(log n). Items may carry more than
    ``(start, end)``; they are kept in start order (stable), so "the first
    holding a position" is the one a scan of the sorted list would find.
    """

    def __init__(self, spans: Iterable[Sequence[Any]]) -> None:
        self.spans = sorted(spans, key=lambda sp: sp[0])
        self.starts = [sp[0] for sp in self.spans]
        self.reach: list[int] = []
        top = -(1 << 62)
        for sp in self.spans:
            top = max(top, sp[1])
            self.reach.append(top)

    def first(self, pos: int) -> int:
        """Index (in start order) of the first span with ``start <= pos < end``, or -1."""
        i = bisect.bisect_right(self.reach, pos)
        return i if i < len(self.spans) and self.starts[i] <= pos else -1

    def holds(self, pos: int) -> bool:
        return self.first(pos) >= 0

    def meets(self, start: int, end: int) -> bool:
        """Whether some span overlaps ``[start, end)`` (``a < end and start < b``)."""
        k = bisect.bisect_left(self.starts, end)  # the spans starting before ``end``
        return k > 0 and self.reach[k - 1] > start

    def contains(self, start: int, end: int) -> bool:
        """Whether some span holds all of ``[start, end)`` (``a <= start and end <= b``)."""
        k = bisect.bisect_right(self.starts, start)  # the spans starting at or before ``start``
        return k > 0 and self.reach[k - 1] >= end

    def crosses(self, start: int, end: int) -> bool:
        """Whether some span crosses an edge of ``[start, end)`` (``a < start < b`` or ``a < end < b``)."""
        return any(
            (k := bisect.bisect_right(self.starts, pos - 1)) > 0 and self.reach[k - 1] > pos for pos in (start, end)
        )
