"""Date expressions: explicit formats, relative ones against the publication date, weekday checks, non-dates."""

from __future__ import annotations

import pytest

from communique.encounters.dates import find_dates


def values(text: str, ref: str | None = "2021-09-14") -> list[tuple[str | None, str]]:
    return [(v, k) for _, _, v, k in find_dates(text, 0, len(text), ref)]


@pytest.mark.parametrize(
    "text, value",
    [
        ("September 14, 2021, The Kremlin, Moscow", "2021-09-14"),
        ("on Sept. 14 2021 the", "2021-09-14"),
        ("held on 14 September 2021.", "2021-09-14"),
        ("the 15th of March, 2023", "2023-03-15"),
        ("2016-04-21, The Kremlin, Moscow", "2016-04-21"),
        ("dated 14.09.2021 in", "2021-09-14"),
        ("on 9/14/2021", "2021-09-14"),
        ("Wednesday, September 15, 2021", "2021-09-15"),
    ],
)
def test_explicit_formats(text: str, value: str) -> None:
    assert values(text)[0] == (value, "explicit")


def test_day_without_year_takes_the_nearest_year() -> None:
    assert values("On February 23, President Biden will", ref="2021-02-20") == [("2021-02-23", "explicit_noyear")]
    assert values("since December 30 the", ref="2021-01-05") == [("2020-12-30", "explicit_noyear")]


@pytest.mark.parametrize(
    "text, value, kind",
    [
        ("Yesterday Vladimir Putin had a meeting", "2021-09-13", "relative"),
        ("last night the two leaders", "2021-09-13", "relative"),
        ("They spoke today.", "2021-09-14", "relative"),
        ("they meet tomorrow", "2021-09-15", "relative"),
        ("a couple of days ago", "2021-09-12", "relative"),
        ("two days ago", "2021-09-12", "relative"),
        ("In two days, together", "2021-09-16", "relative"),
        ("on Wednesday the ministers", "2021-09-08", "weekday"),
        ("last Monday", "2021-09-13", "weekday"),
        ("next Friday", "2021-09-17", "weekday"),
        ("Earlier this week, Mr Putin met", "2021-09-13/2021-09-13", "period"),
        ("earlier this month", "2021-09-01/2021-09-13", "period"),
        ("Last month, we had", "2021-08-01/2021-08-31", "period"),
        ("last week", "2021-09-06/2021-09-12", "period"),
        ("In August 2016, Prime Minister", "2016-08-01/2016-08-31", "period"),
        ("this September", "2021-09-01/2021-09-30", "period"),
        ("10 years ago", "2011-01-01/2011-12-31", "period"),
    ],
)
def test_relative_dates(text: str, value: str, kind: str) -> None:
    assert values(text) == [(value, kind)]


def test_weekday_prefers_the_future_in_plans() -> None:
    text = "will meet on Friday"
    assert find_dates(text, 0, len(text), "2021-09-14", prefer_future=True)[0][2] == "2021-09-17"


def test_explicit_date_wins_over_relative_and_mismatch_is_flagged() -> None:
    # "yesterday, Wednesday 15 March 2023" in a report published on the 16th: consistent
    assert values("in Moscow yesterday, Wednesday 15 March 2023 during", ref="2023-03-16") == [
        ("2023-03-15", "explicit")
    ]
    # published on the 18th: "yesterday" disagrees; the explicit date is kept and flagged
    assert values("in Moscow yesterday, Wednesday 15 March 2023 during", ref="2023-03-18") == [
        ("2023-03-15", "mismatch")
    ]
    # a wrong weekday is flagged too
    assert values("on Thursday 15 March 2023", ref=None) == [("2023-03-15", "mismatch")]


def test_unknown_stays_unknown_without_reference() -> None:
    assert values("Yesterday they met", ref=None) == [(None, "relative")]


@pytest.mark.parametrize(
    "text",
    [
        "we recorded a 7% increase in the volume of trade",
        "we will celebrate the 80th anniversary of diplomatic relations",
        "We may meet again; the march of events",
        "In 2014, it fell by 15%, and 40 percent in 2015",
        "Article 5 of the treaty, 1,700 individuals",
        "we wed on wednesday",
    ],
)
def test_non_dates(text: str) -> None:
    assert values(text) == []


def test_offsets_point_at_the_expression() -> None:
    text = "Vladimir Putin met him on 14 September 2021 in Moscow."
    ((s, e, v, _),) = find_dates(text, 0, len(text), None)
    assert text[s:e] == "14 September 2021"


@pytest.mark.parametrize(
    "text, ref, value",
    [
        # publication dates at the turn of a month or a year
        ("Yesterday the two ministers met", "2021-03-01", "2021-02-28"),
        ("Yesterday the two ministers met", "2024-03-01", "2024-02-29"),
        ("Yesterday the two ministers met", "2023-01-01", "2022-12-31"),
        ("They spoke on Tuesday", "2023-01-01", "2022-12-27"),
        ("They meet tomorrow", "2022-12-31", "2023-01-01"),
        ("last month, the leaders", "2021-01-05", "2020-12-01/2020-12-31"),
        ("last month, the leaders", "2024-03-10", "2024-02-01/2024-02-29"),
        ("next month", "2021-12-15", "2022-01-01/2022-01-31"),
        ("last week", "2021-01-01", "2020-12-21/2020-12-27"),
        ("earlier this month", "2021-01-05", "2021-01-01/2021-01-04"),
        ("last December", "2021-01-10", "2020-12-01/2020-12-31"),
        ("two weeks ago", "2021-01-06", "2020-12-20/2020-12-26"),
        ("three months ago", "2021-02-10", "2020-11-01/2020-11-30"),
    ],
)
def test_relative_dates_across_month_and_year_boundaries(text: str, ref: str, value: str) -> None:
    assert [v for v, _ in values(text, ref=ref)] == [value]


@pytest.mark.parametrize(
    "text, ref, expected",
    [
        # the weekday, the relative word and the date agree: one expression, the explicit date
        ("yesterday, Wednesday 15 March 2023, in Moscow", "2023-03-16", ("2023-03-15", "explicit")),
        ("on Wednesday, March 15, the two", "2023-03-16", ("2023-03-15", "explicit_noyear")),
        # published after New Year: a day without a year is last December's
        ("on Thursday, December 29, they met", "2023-01-02", ("2022-12-29", "explicit_noyear")),
        # they disagree: the explicit date is kept, the disagreement flagged
        ("yesterday, Wednesday 15 March 2023, in Moscow", "2023-03-20", ("2023-03-15", "mismatch")),
        ("on Tuesday, March 15, 2023, the two", None, ("2023-03-15", "mismatch")),
    ],
)
def test_weekday_consistency(text: str, ref: str | None, expected: tuple[str, str]) -> None:
    assert values(text, ref=ref) == [expected]


def test_same_result_on_any_span_of_a_long_text() -> None:
    """Long texts are scanned lower-cased; offsets and values must be those of the text itself."""
    text = "Ahead of talks in Moscow LAST WEEK, ÉTATS-UNIS officials met; on Monday, 3 May 2021 and last Friday. " * 40
    whole = find_dates(text, 0, len(text), "2021-05-05")
    assert len(whole) == 40 * 3
    assert all(text[s:e] in ("LAST WEEK", "Monday, 3 May 2021", "last Friday") for s, e, _, _ in whole)
    part = find_dates(text, 101, 202, "2021-05-05")
    assert part == [h for h in whole if 101 <= h[0] and h[1] <= 202]
