"""Mention spans hold a name, never a trailing space (issue 15, item 9)."""

from __future__ import annotations

from communique import analyze


def test_a_repeated_first_name_gives_no_span_ending_in_a_space() -> None:
    doc = analyze("Vladimir Vladimir VÆladimir Putin: Thank you.")
    for m in doc.mentions:
        span = doc.text[m.start : m.end]
        assert span == span.strip() and span, (m.start, m.end, span)
