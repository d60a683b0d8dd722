"""The shape of a "filter form + table" page, shared by search, quotes, claims, turns and events.

Why a data shape rather than one template per page: those pages differ only
in their filters and columns, so each view builds :class:`Listing` from its
query's rows and ``listing.html`` draws them all the same way (escaped).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    href: str | None = None
    cls: str = ""
    marks: tuple[tuple[int, int], ...] = ()  # spans of ``text`` drawn highlighted (search hits)

    @property
    def parts(self) -> list[tuple[str, bool]]:
        """``text`` cut at the marks: (piece, highlighted) in order, for the template to escape piece by piece."""
        pieces: list[tuple[str, bool]] = []
        at = 0
        for start, end in self.marks:
            if start < at:
                continue
            pieces += [(self.text[at:start], False), (self.text[start:end], True)]
            at = end
        pieces.append((self.text[at:], False))
        return [p for p in pieces if p[0]]


@dataclass(frozen=True, slots=True)
class Filter:
    name: str
    label: str
    value: str = ""
    placeholder: str = ""
    options: tuple[str, ...] = ()  # a <select> when given ("" first means "any")


@dataclass
class Listing:
    title: str
    intro: str
    action: str
    filters: list[Filter]
    columns: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    empty: str = "Nothing matches."
    summary: list[tuple[str, Any, str | None]] = field(default_factory=list)  # (label, count, href)
    cli: str = ""  # the equivalent command line, shown as a hint


def cell(value: Any, href: str | None = None, cls: str = "", marks: Any = ()) -> Cell:
    text = "—" if value is None or value == "" else str(value)
    return Cell(text, href, cls, tuple((int(s), int(e)) for s, e in marks))
