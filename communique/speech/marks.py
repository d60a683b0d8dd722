"""Pair quotation marks into quoted spans without letting one stray mark derail a document.

Curly marks are directional, so an opening “ pairs with the next ” in its
paragraph; straight " toggle within a paragraph. A quote left open at the end
of a paragraph continues only when the next paragraph opens with a quote mark
(the print convention for multi-paragraph quotes); otherwise the stray mark is
dropped and pairing starts afresh. Single marks (‘garden’) are never pairs:
they double as apostrophes and mostly mark scare quotes.
"""

from __future__ import annotations

import re

Span = tuple[int, int]

OPENERS = "“«„"
CLOSERS = "”»"
STRAIGHT = '"'
_MARK = re.compile('[“«„”»"]')


def quote_spans(text: str, paras: list[Span]) -> list[Span]:
    """``(open, close)`` index pairs of the marks themselves: the quote is ``text[open + 1 : close]``."""
    out: list[Span] = []
    carry: int | None = None  # an opening mark carried over from the previous paragraph
    for k, (ps, pe) in enumerate(paras):
        open_at: int | None = None
        straight_at: int | None = None
        i = ps
        if carry is not None:
            if text[ps] in OPENERS + STRAIGHT:
                open_at = carry
                i = ps + 1  # the continuation mark re-opens the same quote
            carry = None
        for mm in _MARK.finditer(text, i, pe):
            i = mm.start()
            ch = mm.group()
            if ch in OPENERS:
                open_at = i  # a second opener restarts: the first was a stray
            elif ch in CLOSERS:
                if open_at is not None:
                    out.append((open_at, i))
                    open_at = None
            elif ch == STRAIGHT:
                if straight_at is None:
                    straight_at = i
                else:
                    out.append((straight_at, i))
                    straight_at = None
        pending = open_at if open_at is not None else straight_at
        if pending is not None and k + 1 < len(paras) and text[paras[k + 1][0]] in OPENERS + STRAIGHT:
            carry = pending
    out.sort()
    return out
