"""The vocabulary of the language of diplomacy, one data file a list, read by one loader.

Why: the same words (months, PLOVER types, titles…) were spelled in many
stage modules and drifted apart; every stage now reads them from here, so a
word is added in one place. Each list is a tab-separated file in ``data/``
with a version line and a header (``README.md`` gives sources and licences).

>>> MONTH_NUMBERS["sept"], MONTH_NAMES[0], PLOVER_TYPES[-1]
(9, 'January', 'ASSAULT')
"""

from __future__ import annotations

from communique.lexicon.load import table

_months = table("months")
_weekdays = table("weekdays")

MONTH_NAMES: tuple[str, ...] = tuple(r["name"] for r in _months)
"""The twelve English month names, capitalised, January first."""

MONTH_ABBREVIATIONS: tuple[tuple[str, ...], ...] = tuple(
    tuple(a for a in r["abbreviations"].split("|") if a) for r in _months
)
"""Per month (January first), its abbreviations, longer forms first ("Sept" before "Sep")."""

MONTH_NUMBERS: dict[str, int] = {
    form.lower(): int(r["number"]) for r, abbr in zip(_months, MONTH_ABBREVIATIONS, strict=True)
    for form in (r["name"], *abbr)
}  # fmt: skip
"""Lower-cased month names and abbreviations to their number (1–12)."""

WEEKDAY_NAMES: tuple[str, ...] = tuple(r["name"] for r in _weekdays)
WEEKDAY_NUMBERS: dict[str, int] = {r["name"].lower(): int(r["number"]) for r in _weekdays}

PLOVER_TYPES: tuple[str, ...] = tuple(r["type"] for r in table("plover_types"))
"""PLOVER's 16 event types in the codebook's order (the contract's ``events[].type``)."""


def month_names_re() -> str:
    """``January|February|…|December`` for a regular expression."""
    return "|".join(MONTH_NAMES)


def month_abbreviations_re(dot: bool = False) -> str:
    """``Jan|Feb|…|Sept|Sep|…|Dec`` (``May`` has none), each followed by an optional ``.`` when ``dot``."""
    tail = r"\.?" if dot else ""
    return "|".join(a + tail for abbr in MONTH_ABBREVIATIONS for a in abbr)


def month_forms_re() -> str:
    """Every month's full name and abbreviations, longest first within a month: ``January|Jan|…``."""
    return "|".join("|".join((name, *abbr)) for name, abbr in zip(MONTH_NAMES, MONTH_ABBREVIATIONS, strict=True))


def weekday_names_re() -> str:
    return "|".join(WEEKDAY_NAMES)
