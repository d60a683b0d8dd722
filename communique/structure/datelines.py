"""Explicit calendar dates at the start of a line: the datelines of records.

Only the written-out forms that datelines use ("September 14, 2021",
"14 September 2021", "Wednesday 15 March 2023", "2016-04-21") are read here;
they are unambiguous, so no guessing is involved. Relative dates inside the
prose ("yesterday") are the encounters stage's business.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from communique.lexicon import MONTH_NUMBERS, WEEKDAY_NAMES, weekday_names_re

MONTHS = MONTH_NUMBERS
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?P<weekday>" + weekday_names_re().lower() + r"),?\s+)?"
DATE_RE = re.compile(
    rf"{_WEEKDAY}(?:{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)"
    rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month2>"
    + "|".join(sorted(MONTHS, key=len, reverse=True))
    + r")\.?,?\s+(?P<year2>(?:19|20)\d\d)"
    r"|(?P<iy>(?:19|20)\d\d)-(?P<im>\d\d)-(?P<id>\d\d))\b",
    re.IGNORECASE,
)
WEEKDAYS = [name.lower() for name in WEEKDAY_NAMES]


def match_to_date(m: re.Match[str]) -> date | None:
    """The calendar date of a DATE_RE match, or None if it is not a real date."""
    try:
        if m.group("iy"):
            return date(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
        if m.group("month"):
            return date(int(m.group("year")), MONTHS[m.group("month").lower()], int(m.group("day")))
        return date(int(m.group("year2")), MONTHS[m.group("month2").lower()], int(m.group("day2")))
    except ValueError:
        return None


def date_at_start(line: str) -> date | None:
    """The date a dateline starts with ("September 14, 2021, The Kremlin, Moscow")."""
    m = DATE_RE.match(line.strip())
    return match_to_date(m) if m else None


def parse_meta_date(value: object) -> str | None:
    """A date from metadata (front matter, HTML meta, a corpus column) as YYYY-MM-DD."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str) or not value.strip():
        return None
    s = value.strip()
    m = re.match(r"((?:19|20)\d\d)-(\d\d)-(\d\d)", s)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
        except ValueError:
            return None
    d = date_at_start(s)
    return d.isoformat() if d else None
