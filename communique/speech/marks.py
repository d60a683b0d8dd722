"""Pair quotation marks into quoted spans without letting one stray mark derail a document.

Curly marks are directional and nest: a closing ” ends the innermost open
quote, and a paragraph whose last mark closes an inner quote while an outer
one is still open closes both there (“… “The Golden Age has begun.”); straight " toggle within a paragraph. A quote left open at the end
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
        stack: list[int] = []  # open curly quotes, innermost last
        straight_at: int | None = None
        last_close: int | None = None
        i = ps
        if carry is not None:
            if text[ps] in OPENERS + STRAIGHT:
                stack.append(carry)
                i = ps + 1  # the continuation mark re-opens the same quote
            carry = None
        for mm in _MARK.finditer(text, i, pe):
            i = mm.start()
            ch = mm.group()
            if ch in OPENERS:
                stack.append(i)  # nested, or a stray opener that the paragraph's end will judge
            elif ch in CLOSERS:
                if stack:
                    out.append((stack.pop(), i))
                    last_close = i
            elif ch == STRAIGHT:
                if straight_at is None:
                    straight_at = i
                else:
                    out.append((straight_at, i))
                    straight_at = None
        if stack and last_close is not None and not text[last_close + 1 : pe].strip(" .,;!?)*_"):
            # “… “The Golden Age has only just begun.” : one closing mark ends the inner and outer quote
            outer = stack.pop(0)
            if outer < last_close:
                out.append((outer, last_close))
        pending = stack[-1] if stack else straight_at
        if pending is not None and k + 1 < len(paras) and text[paras[k + 1][0]] in OPENERS + STRAIGHT:
            carry = pending
    out.sort()
    return out
