"""The period a figure covers, resolved against the document's date.

Forms: a year ("in 2015" → ``2015``), a relative year ("last year" → the
year before publication), a half or quarter ("the first six months of this
year" → ``2021-H1``, ``2021-Q3``), a month range ("January-February",
"the first four months of this year" → ``2017-01/2017-04``), a span of
years ("the past 12 years" → ``2009/2021``), "since 2023", and rates
("annually" → ``annual``). The period nearest before the figure in its
sentence wins, else the nearest after; a figure with no period says none.
"""

from __future__ import annotations

import re
from datetime import date

from communique.lexicon import MONTH_NAMES, month_names_re

MONTHS = {name.lower(): n for n, name in enumerate(MONTH_NAMES, 1)}
_MONTH = r"(?:" + month_names_re() + ")"
_NUMW = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_NUMS = {
    w: i
    for i, w in enumerate(
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
    )
}
_REL = r"(?:this|last|the\s+past|the\s+previous|next|the\s+current|the\s+last)"

PERIOD = re.compile(
    rf"""
    (?P<firstn>\b(?:the\s+)?(?:first|past|last)\s+(?P<n>{_NUMW})\s+months\s+of\s+(?P<nyear>{_REL}\s+year|\d{{4}})\b)
  | (?P<half>\b(?:the\s+)?(?P<which>first|second)\s+half\s+of\s+(?P<hyear>{_REL}\s+year|\d{{4}})\b)
  | (?P<quarter>\b(?:the\s+)?(?P<q>first|second|third|fourth)\s+quarter\s+of\s+(?P<qyear>{_REL}\s+year|\d{{4}})\b)
  | (?P<nmonths>\b(?:the\s+|in\s+the\s+)(?P<n2>{_NUMW})\s+months\s+of\s+(?P<n2year>{_REL}\s+year|\d{{4}})\b)
  | (?P<mrange>\b(?P<m1>{_MONTH})\s*[-–—]\s*(?P<m2>{_MONTH})(?:\s+(?P<myear>\d{{4}}))?\b)
  | (?P<since>\bsince\s+(?P<syear>\d{{4}})\b)
  | (?P<span>\b(?:the\s+|over\s+the\s+|in\s+the\s+)(?:past|last)\s+(?P<ny>{_NUMW})\s+years\b)
  | (?P<relyear>\b(?P<rel>{_REL})\s+year\b)
  | (?P<fy>\b(?P<fy1>\d{{4}})[-–/](?P<fy2>\d{{2,4}})\b)
  | (?P<year>\b(?:in|for|during|by|of|as\s+of|throughout|at\s+the\s+end\s+of)\s+(?:the\s+year\s+)?(?P<y>(?:19|20)\d{{2}})\b)
  | (?P<rate>\b(?:annually|per\s+year|a\s+year|per\s+annum|each\s+year|every\s+year)\b)
    """,
    re.X | re.I,
)


def _num(s: str) -> int:
    return int(s) if s.isdigit() else _NUMS.get(s.lower(), 0)


def _year_of(expr: str, pub_year: int | None) -> int | None:
    expr = " ".join(expr.lower().split())
    if expr.isdigit():
        return int(expr)
    if pub_year is None:
        return None
    if expr.startswith(("last", "the past", "the previous", "the last")):
        return pub_year - 1
    if expr.startswith("next"):
        return pub_year + 1
    return pub_year


def resolve(m: re.Match[str], published: str | None) -> str | None:
    """The period named by a :data:`PERIOD` match, as text (``2021-H1``, ``2015``, ``2016-01/2016-02``…)."""
    pub_year = int(published[:4]) if published and published[:4].isdigit() else None
    g = m.groupdict()
    if g["firstn"]:
        y = _year_of(g["nyear"], pub_year)
        n = _num(g["n"])
        if y is None or not 1 <= n <= 12:
            return None
        if n == 6:
            return f"{y}-H1"
        if n == 3:
            return f"{y}-Q1"
        return f"{y}-01/{y}-{n:02d}"
    if g["half"]:
        y = _year_of(g["hyear"], pub_year)
        return f"{y}-H{1 if g['which'].lower() == 'first' else 2}" if y else None
    if g["quarter"]:
        y = _year_of(g["qyear"], pub_year)
        q = ["first", "second", "third", "fourth"].index(g["q"].lower()) + 1
        return f"{y}-Q{q}" if y else None
    if g["nmonths"]:
        y = _year_of(g["n2year"], pub_year)
        n = _num(g["n2"])
        return f"{y}-01/{y}-{n:02d}" if y and 1 <= n <= 12 else None
    if g["mrange"]:
        y = int(g["myear"]) if g["myear"] else pub_year
        if y is None:
            return None
        return f"{y}-{MONTHS[g['m1'].lower()]:02d}/{y}-{MONTHS[g['m2'].lower()]:02d}"
    if g["since"]:
        return f"since {g['syear']}"
    if g["span"]:
        n = _num(g["ny"])
        return f"{pub_year - n}/{pub_year}" if pub_year and n else None
    if g["relyear"]:
        y = _year_of(g["rel"], pub_year)
        return str(y) if y else None
    if g["fy"]:
        return f"{g['fy1']}-{g['fy2']}"
    if g["year"]:
        return g["y"]
    if g["rate"]:
        return "annual"
    return None


def period_for(text: str, sent_start: int, sent_end: int, pos: int, published: str | None) -> str | None:
    """The period of a figure at ``pos``: the nearest period expression before it in its sentence, else after."""
    before: str | None = None
    after: str | None = None
    for m in PERIOD.finditer(text, sent_start, sent_end):
        if m.start() <= pos:
            before = resolve(m, published) or before
        elif after is None:
            after = resolve(m, published)
    return before or after


_YEAR = re.compile(r"(\d{4})")
_HALF = re.compile(r"(\d{4})-H([12])")
_QUARTER = re.compile(r"(\d{4})-Q([1-4])")
_MONTHS = re.compile(r"(\d{4})-(\d{2})/(\d{4})-(\d{2})")
_YEARS = re.compile(r"(\d{4})/(\d{4})")
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def midpoint(period: str | None) -> date | None:
    """Where a period written by :func:`resolve` sits on a time axis: its middle day.

    ``2015`` → 2015-07-02, ``2021-H1`` → 2021-04-01, ``2016-01/2016-04`` → the middle of those four
    months; an ISO date is itself. Open or rate periods (``since 2023``, ``annual``) and fiscal years
    have no single place: None, and a chart falls back to the document's date.
    """
    p = (period or "").strip()

    def mid(a: date, b: date) -> date:
        return a + (b - a) / 2

    try:
        if m := _DAY.fullmatch(p):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := _YEAR.fullmatch(p):
            return mid(date(int(m[1]), 1, 1), date(int(m[1]), 12, 31))
        if m := _HALF.fullmatch(p):
            y, h = int(m[1]), int(m[2])
            return mid(date(y, 1 + 6 * (h - 1), 1), date(y, 6 + 6 * (h - 1), 30))
        if m := _QUARTER.fullmatch(p):
            y, q = int(m[1]), int(m[2])
            return mid(date(y, 3 * q - 2, 1), date(y, 3 * q, 28))
        if m := _MONTHS.fullmatch(p):
            end = date(int(m[3]), int(m[4]), 28)
            return mid(date(int(m[1]), int(m[2]), 1), end)
        if m := _YEARS.fullmatch(p):
            return mid(date(int(m[1]), 1, 1), date(int(m[2]), 12, 31))
    except ValueError:  # month 13, day 32…
        return None
    return None
