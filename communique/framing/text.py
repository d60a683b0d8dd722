"""Whose words are these? Masks that keep only the writer's own words of a passage.

Commentary is the writer's voice, so quoted speech must not count towards it,
and link targets (``[deal](https://…historic-trade-deal/)``) are not words at
all. The mask blanks them one for one, so offsets into the mask are offsets
into the document.
"""

from __future__ import annotations

import re

Span = tuple[int, int]

_OPEN = {"“": "”", "«": "»", "„": "“"}
_CLOSE = {"”", "»"}
_MARK = re.compile(r'["“”«»„]')
_URL = re.compile(r"\]\([^)\s]*\)|<?https?://\S+|\bwww\.\S+")


def quoted_regions(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Spans of ``text[start:end]`` inside double quotation marks (curly, straight, guillemets).

    A closing mark with no opening before it means the passage continues a quote
    begun earlier (multi-paragraph quotes repeat only the opening mark), and an
    opening mark never closed runs to the end of the passage. Single quotes are
    left alone: in this genre they are apostrophes or scare quotes (‘garden’),
    and scare quotes are the writer's own framing.
    """
    end = len(text) if end is None else end
    out: list[Span] = []
    open_at: int | None = None
    closer = ""
    for m in _MARK.finditer(text, start, end):
        i, c = m.start(), m.group()
        if open_at is None:
            if c == '"' or c in _OPEN:
                open_at, closer = i, ('"' if c == '"' else _OPEN[c])
            elif c in _CLOSE and not out:
                out.append((start, i + 1))  # continuation of a quote begun earlier
        elif c == closer or (closer != '"' and c in _CLOSE):
            out.append((open_at, i + 1))
            open_at = None
    if open_at is not None:
        out.append((open_at, end))
    return sorted(out)


def writer_mask(text: str, start: int, end: int) -> str:
    """``text[start:end]`` with quoted speech and URLs replaced by spaces (same length)."""
    chars = list(text[start:end])
    for s, e in quoted_regions(text, start, end):
        chars[s - start : e - start] = " " * (e - s)
    for m in _URL.finditer(text, start, end):
        chars[m.start() - start : m.end() - start] = " " * (m.end() - m.start())
    return "".join(chars)


def quoted_share(text: str, start: int, end: int) -> float:
    """Share of the passage's non-space characters that sit inside quotation marks."""
    total = _solid(text[start:end])
    if not total:
        return 0.0
    return sum(_solid(text[s:e]) for s, e in quoted_regions(text, start, end)) / total


def _solid(s: str) -> int:
    return len(s) - s.count(" ") - s.count("\n")
