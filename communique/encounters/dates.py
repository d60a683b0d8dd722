"""Dates in diplomatic prose: explicit ones in every common format, relative ones resolved.

Why not ``dateparser.search_dates``: over free text it reads "we" as Wednesday,
"a 7%" as the 7th and "80th anniversary" as 1980. Here a date must *look* like a
date: a month name (capitalised) next to a day or year, an ISO or numeric date,
a full weekday name, or one of a closed list of relative phrases ("yesterday",
"last week", "two days ago"). Pronouns, percentages and bare ordinals never match.

:func:`find_dates` is pure (no document, no state) so the metadata stage can use it
on datelines as well; the regexes are compiled once at import.

Each hit is ``(start, end, value, kind)``:

* ``value`` is ``"YYYY-MM-DD"`` for a day, ``"YYYY-MM-DD/YYYY-MM-DD"`` for a period
  ("last month", "August 2016", "earlier this week"), or ``None`` when the phrase is
  relative and there is no reference date (unknown stays unknown);
* ``kind`` is one of ``explicit`` (a full date), ``explicit_noyear`` (year taken
  from the reference), ``mismatch`` (an explicit date whose weekday or adjoining
  relative word disagrees with it: the explicit date wins, the flag tells),
  ``relative`` ("yesterday", "two days ago"), ``weekday`` ("on Wednesday"),
  ``period`` (a span of days).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from datetime import date, timedelta
from typing import NamedTuple

from communique.lexicon import MONTH_NUMBERS, WEEKDAY_NUMBERS, month_abbreviations_re, month_names_re, weekday_names_re

MONTHS = MONTH_NUMBERS
WEEKDAYS = WEEKDAY_NUMBERS
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a couple of": 2, "couple of": 2,
    "a few": 3, "few": 3, "several": 3,
}  # fmt: skip


class DateHit(NamedTuple):
    start: int
    end: int
    value: str | None
    kind: str


# Month names must be capitalised ("may" and "march" are verbs too).
_MON = r"(?P<{g}>" + month_names_re() + "|" + month_abbreviations_re(dot=True) + ")"
_WD = r"(?P<wd>" + weekday_names_re() + ")"
_DAY = r"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{g}>(?:1[89]|20)\d\d)"

_EXPLICIT = re.compile(
    r"(?<![\w.-])" + rf"(?:{_WD},?\s+(?:the\s+)?)?(?:"
    # September 14, 2021 / Sept. 14 2021 / March 15th, 2023 / February 23 (no year)
    + _MON.format(g="m1") + r"\s+" + _DAY.format(g="d1") + r"(?:,?\s+" + _YEAR.format(g="y1") + r")?"
    # 14 September 2021 / 15th of March 2023 / 23 February (no year)
    + r"|" + _DAY.format(g="d2") + r"\s+(?:of\s+)?" + _MON.format(g="m2") + r"(?:,?\s+" + _YEAR.format(g="y2") + r")?"
    # 2021-09-14
    + r"|" + _YEAR.format(g="y3") + r"-(?P<m3>[01]\d)-(?P<d3>[0-3]\d)"
    # 14.09.2021 (European numeric)
    + r"|(?P<d4>[0-3]?\d)\.(?P<m4>[01]?\d)\." + _YEAR.format(g="y4")
    # 9/14/2021 (US numeric; day first when the first number cannot be a month)
    + r"|(?P<a5>[01]?\d|[23]\d)/(?P<b5>[0-3]?\d)/" + _YEAR.format(g="y5")
    # August 2016 (a month)
    + r"|" + _MON.format(g="m6") + r",?\s+(?:of\s+)?" + _YEAR.format(g="y6")
    + r")(?![\d%])",
)  # fmt: skip

_REL_SRC = (
    r"\b(?:(?P<dby>the\s+day\s+before\s+yesterday)|(?P<dat>the\s+day\s+after\s+tomorrow)"
    r"|(?P<yest>yesterday|last\s+night)|(?P<tom>tomorrow)"
    r"|(?P<today>today|tonight|this\s+(?:morning|afternoon|evening))"
    r"|(?P<ago>(?:a\s+couple\s+of|couple\s+of|a\s+few|several|a|an|one|two|three|four|five|six|seven|eight|nine|ten"
    r"|eleven|twelve|\d{1,2})\s+(?P<unit>days?|weeks?|months?|years?)\s+ago)"
    r"|(?P<inn>in\s+(?:a\s+couple\s+of|a\s+few|a|an|one|two|three|four|five|six|seven|\d{1,2})\s+(?P<unit2>days?|weeks?)(?!\s+(?:of|to|and)\b))"
    r"|(?P<per>(?:(?P<pq>earlier|later)\s+)?(?P<pw>this|last|next|past)\s+(?P<pu>week|month|year))"
    r"|(?P<mrel>(?P<mq>this|next|last|early|late|mid-?|in)\s*(?P<mon>" + month_names_re() + r")(?!\s*,?\s*\d))"
    r"|(?P<wdrel>(?:(?P<wq>last|this|next|this\s+coming|this\s+past|on|early\s+on|late\s+on)\s+)?"
    r"(?P<wday>" + weekday_names_re() + r")(?:\s+(?P<part>morning|afternoon|evening|night))?)"
    r")\b"
)
_REL_WORD = re.compile(_REL_SRC, re.IGNORECASE)
# The same over lower-cased text, after a look at the first letter: four times faster than IGNORECASE.
_REL_LOWER = re.compile(r"(?=[tylacsofenipmwdj0-9])" + _REL_SRC.lower().replace("(?p<", "(?P<"))


def _month(s: str) -> int:
    return MONTHS[s.rstrip(".").lower()]


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _month_span(y: int, m: int) -> tuple[date, date]:
    first = date(y, m, 1)
    nxt = date(y + (m == 12), m % 12 + 1, 1)
    return first, nxt - timedelta(days=1)


def _iso(d: date) -> str:
    return d.isoformat()


def _period(a: date, b: date) -> str:
    return f"{a.isoformat()}/{b.isoformat()}"


def _nearest_year(m: int, d: int, ref: date) -> date | None:
    """A day given without a year: the year that puts it nearest the reference date."""
    best = None
    for y in (ref.year - 1, ref.year, ref.year + 1):
        cand = _safe_date(y, m, d)
        if cand and (best is None or abs((cand - ref).days) < abs((best - ref).days)):
            best = cand
    return best


def _explicit(m: re.Match[str], ref: date | None) -> tuple[str | None, str] | None:
    g = m.groupdict()
    if g["m1"] or g["m2"]:
        mon = _month(g["m1"] or g["m2"])
        day = int(g["d1"] or g["d2"])
        year = g["y1"] or g["y2"]
        if year:
            d = _safe_date(int(year), mon, day)
            return (_iso(d), "explicit") if d else None
        if not 1 <= day <= 31:
            return None
        d = _nearest_year(mon, day, ref) if ref else None
        return (_iso(d) if d else None), "explicit_noyear"
    if g["y3"]:
        d = _safe_date(int(g["y3"]), int(g["m3"]), int(g["d3"]))
        return (_iso(d), "explicit") if d else None
    if g["y4"]:
        d = _safe_date(int(g["y4"]), int(g["m4"]), int(g["d4"]))
        return (_iso(d), "explicit") if d else None
    if g["y5"]:
        a, b = int(g["a5"]), int(g["b5"])
        mon, day = (a, b) if a <= 12 else (b, a)
        d = _safe_date(int(g["y5"]), mon, day)
        return (_iso(d), "explicit") if d else None
    if g["m6"]:
        a, b = _month_span(int(g["y6"]), _month(g["m6"]))
        return _period(a, b), "period"
    return None


def _count(s: str) -> int:
    s = " ".join(s.lower().split())
    return int(s) if s.isdigit() else NUMBERS.get(s, 1)


def _relative(m: re.Match[str], ref: date | None, prefer_future: bool) -> tuple[str | None, str] | None:
    g = m.groupdict()
    kind = "relative"
    if g["wdrel"]:
        kind = "weekday"
    elif g["per"] or g["mrel"] or (g["ago"] and not g["unit"].lower().startswith("day")):
        kind = "period"
    if ref is None:
        return None, kind
    if g["dby"]:
        return _iso(ref - timedelta(days=2)), kind
    if g["dat"]:
        return _iso(ref + timedelta(days=2)), kind
    if g["yest"]:
        return _iso(ref - timedelta(days=1)), kind
    if g["tom"]:
        return _iso(ref + timedelta(days=1)), kind
    if g["today"]:
        return _iso(ref), kind
    if g["ago"]:
        n = _count(g["ago"][: g["ago"].lower().rfind(g["unit"].lower())].strip())
        unit = g["unit"].lower().rstrip("s")
        if unit == "day":
            return _iso(ref - timedelta(days=n)), kind
        if unit == "week":
            a = ref - timedelta(days=7 * n)
            return _period(a - timedelta(days=3), min(ref, a + timedelta(days=3))), kind
        if unit == "month":
            y, mo = divmod(ref.year * 12 + ref.month - 1 - n, 12)
            a, b = _month_span(y, mo + 1)
            return _period(a, b), kind
        y = ref.year - n
        return _period(date(y, 1, 1), date(y, 12, 31)), kind
    if g["inn"]:
        n = _count(g["inn"].split(None, 1)[1].rsplit(None, 1)[0])
        days = n * (7 if g["unit2"].lower().startswith("week") else 1)
        return _iso(ref + timedelta(days=days)), kind
    if g["per"]:
        return _period_phrase(g["pq"], g["pw"].lower(), g["pu"].lower(), ref), kind
    if g["mrel"]:
        mon, q = MONTHS[g["mon"].lower()], g["mq"].lower()
        y = ref.year
        if q == "next" or (q == "this" and prefer_future and mon < ref.month):
            y += mon <= ref.month
        elif q == "last":
            y -= mon >= ref.month
        elif q == "in":  # "in July": the coming one in a plan, else the last one (this month either way)
            y += prefer_future and mon < ref.month
            y -= not prefer_future and mon > ref.month
        a, b = _month_span(y, mon)
        return _period(a, b), kind
    if g["wdrel"]:
        return _weekday(WEEKDAYS[g["wday"].lower()], (g["wq"] or "").lower(), ref, prefer_future), kind
    return None


def _period_phrase(q: str | None, which: str, unit: str, ref: date) -> str:
    q = (q or "").lower()
    if unit == "week":
        monday = ref - timedelta(days=ref.weekday())
        shift = {"this": 0, "last": -7, "past": -7, "next": 7}[which]
        a, b = monday + timedelta(days=shift), monday + timedelta(days=shift + 6)
        if which == "past":  # "the past week": the seven days before today
            a, b = ref - timedelta(days=7), ref - timedelta(days=1)
    elif unit == "month":
        k = {"this": 0, "last": -1, "past": -1, "next": 1}[which]
        y, mo = divmod(ref.year * 12 + ref.month - 1 + k, 12)
        a, b = _month_span(y, mo + 1)
    else:
        y = ref.year + {"this": 0, "last": -1, "past": -1, "next": 1}[which]
        a, b = date(y, 1, 1), date(y, 12, 31)
    if which == "this" and q == "earlier":
        b = max(a, ref - timedelta(days=1))
    elif which == "this" and q == "later":
        a = min(b, ref + timedelta(days=1))
    return _period(a, b)


def _weekday(wd: int, qual: str, ref: date, prefer_future: bool) -> str:
    back = (ref.weekday() - wd) % 7  # days since the last such weekday (0 = today)
    fwd = (wd - ref.weekday()) % 7
    if qual in ("last", "this past"):
        return _iso(ref - timedelta(days=back or 7))
    if qual == "next":
        return _iso(ref + timedelta(days=fwd or 7))
    if qual == "this coming" or (prefer_future and qual != "this"):
        return _iso(ref + timedelta(days=fwd))
    if qual == "this":
        return _iso(ref + timedelta(days=fwd) if prefer_future else ref - timedelta(days=back))
    return _iso(ref - timedelta(days=back))


def _as_date(s: str | None) -> date | None:
    if not s:
        return None
    try:
        return date.fromisoformat(s[:10])
    except ValueError:
        return None


_GLUE = re.compile(r"\s*,?\s*(?:on\s+)?$")


def _relative_matches(text: str, start: int, end: int) -> Iterator[tuple[int, re.Match[str]]]:
    """``(offset, match)`` of each relative phrase in ``text[start:end]``: the match is over a
    lower-cased copy (positions + offset index ``text``), or over ``text`` itself (offset 0) when
    lower-casing would move offsets."""
    base = max(0, start - 1)  # one character of context, so a word boundary at ``start`` is judged right
    low = text[base:end].lower()
    if len(low) != end - base:
        for m in _REL_WORD.finditer(text, start, end):
            yield 0, m
        return
    for m in _REL_LOWER.finditer(low, start - base):
        yield base, m


def find_dates(
    text: str, start: int = 0, end: int | None = None, ref: date | str | None = None, prefer_future: bool = False
) -> list[tuple[int, int, str | None, str]]:
    """Every date expression in ``text[start:end]``, in order, as ``(start, end, value, kind)``.

    ``ref`` is the date relative phrases count from (the document's publication
    date); without it they are still found but their value is ``None``.
    ``prefer_future`` reads a bare weekday ("on Wednesday") as the coming one, for
    sentences about plans. Offsets index ``text``.
    """
    end = len(text) if end is None else end
    refd = _as_date(ref) if isinstance(ref, str) else ref
    hits: list[DateHit] = []
    taken: list[tuple[int, int]] = []
    for m in _EXPLICIT.finditer(text, start, end):
        res = _explicit(m, refd)
        if res is None:
            continue
        value, kind = res
        if m.group("wd") and value and kind != "period":
            d = _as_date(value)
            if d and d.weekday() != WEEKDAYS[m.group("wd").lower()]:
                kind = "mismatch"
        hits.append(DateHit(m.start(), m.end(), value, kind))
        taken.append((m.start(), m.end()))
    for off, m in _relative_matches(text, start, end):
        ms, me = off + m.start(), off + m.end()
        i = bisect.bisect_left(taken, (me, me))
        if i > 0 and taken[i - 1][1] > ms:
            continue  # inside an explicit date (taken spans are in order and do not overlap)
        if m.group("wday") and not text[off + m.start("wday")].isupper():
            continue  # "wednesday" in lower case is rare enough to be noise
        if m.group("mrel") and not text[off + m.start("mon")].isupper():
            continue  # "may", "march": verbs unless capitalised
        res = _relative(m, refd, prefer_future)
        if res is None:
            continue
        hits.append(DateHit(ms, me, res[0], res[1]))
    hits.sort()
    return [tuple(h) for h in _fuse(text, hits)]  # type: ignore[misc]


def _fuse(text: str, hits: list[DateHit]) -> list[DateHit]:
    """A relative phrase right before an explicit date ("yesterday, Wednesday 15 March 2023")
    is one expression: the explicit date wins, and a disagreement is flagged."""
    out: list[DateHit] = []
    for h in hits:
        if out:
            prev = out[-1]
            gap = text[prev.end : h.start]
            if (
                prev.kind in ("relative", "weekday")
                and h.kind in ("explicit", "explicit_noyear", "mismatch")
                and len(gap) <= 4
                and _GLUE.match(gap)
            ):
                kind = h.kind
                if prev.value and h.value and prev.value != h.value:
                    kind = "mismatch"
                out[-1] = DateHit(prev.start, h.end, h.value, kind)
                continue
        out.append(h)
    return out


def day_of(value: str | None) -> str | None:
    """The day a hit's value names, or ``None`` for a period or an unknown."""
    return value if value and "/" not in value else None


def period_of(value: str | None) -> tuple[str, str] | None:
    """``(first, last)`` day of a value: a day is a period of one day."""
    if not value:
        return None
    a, _, b = value.partition("/")
    return a, (b or a)
