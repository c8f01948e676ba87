"""The normalizer as (expression, anchor, tense, expected) rows, plus properties. No model."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.temporal import normalize, resolve
from eventwire.temporal.calendar import precision

FRI = dt.date(2025, 7, 4)  # a Friday
WED = dt.date(2024, 1, 10)  # a Wednesday, early in the year
MON = dt.date(1998, 3, 2)  # a Monday
OCT = dt.date(1989, 10, 26)  # a Thursday, in earnings season

ROWS = [
    # weekdays: the most recent past one unless the tense says otherwise
    ("Thursday", FRI, None, ("DATE", "2025-07-03")),
    ("on Thursday", FRI, "past", ("DATE", "2025-07-03")),
    ("Friday", FRI, None, ("DATE", "2025-07-04")),
    ("Monday", FRI, "future", ("DATE", "2025-07-07")),
    ("Tuesday", MON, "future", ("DATE", "1998-03-03")),
    ("Sunday", MON, None, ("DATE", "1998-03-01")),
    ("last Friday", FRI, None, ("DATE", "2025-06-27")),
    ("next Wednesday", FRI, None, ("DATE", "2025-07-09")),
    ("this Monday", WED, None, ("DATE", "2024-01-08")),
    ("Thursday, April 6", dt.date(2000, 4, 7), None, ("DATE", "2000-04-06")),
    # deictic days
    ("today", FRI, None, ("DATE", "2025-07-04")),
    ("yesterday", WED, None, ("DATE", "2024-01-09")),
    ("tomorrow", dt.date(2024, 12, 31), None, ("DATE", "2025-01-01")),
    ("the day before yesterday", FRI, None, ("DATE", "2025-07-02")),
    ("Yesterday's", FRI, None, ("DATE", "2025-07-03")),
    # calendar dates
    ("June 27", FRI, None, ("DATE", "2025-06-27")),
    ("on June 27,", FRI, "past", ("DATE", "2025-06-27")),
    ("Aug. 7, 1998", FRI, None, ("DATE", "1998-08-07")),
    ("Sept. 30", OCT, None, ("DATE", "1989-09-30")),
    ("Jan. 14", dt.date(2000, 1, 5), None, ("DATE", "2000-01-14")),
    ("Nov. 25", dt.date(2000, 2, 16), "past", ("DATE", "1999-11-25")),
    ("Feb. 1", OCT, "future", ("DATE", "1990-02-01")),
    ("12 March 2019", FRI, None, ("DATE", "2019-03-12")),
    ("the 4th of July", FRI, "past", ("DATE", "2025-07-04")),
    ("2025-07-04", WED, None, ("DATE", "2025-07-04")),
    ("March eighth", MON, "future", ("DATE", "1998-03-08")),
    # months, seasons, years, decades, centuries
    ("June", FRI, None, ("DATE", "2025-06")),
    ("in September", FRI, None, ("DATE", "2024-09")),
    ("in September", FRI, "future", ("DATE", "2025-09")),
    ("last April", OCT, None, ("DATE", "1989-04")),
    ("this September", MON, None, ("DATE", "1998-09")),
    ("July 1997", FRI, None, ("DATE", "1997-07")),
    ("January this year", dt.date(1998, 5, 1), None, ("DATE", "1998-01")),
    ("late November", dt.date(2000, 1, 6), None, ("DATE", "1999-11")),
    ("this summer", MON, None, ("DATE", "1998-SU")),
    ("last fall", dt.date(1998, 1, 20), None, ("DATE", "1997-FA")),
    ("the winter of 1994", FRI, None, ("DATE", "1994-WI")),
    ("2022", FRI, None, ("DATE", "2022")),
    ("in 2022", FRI, None, ("DATE", "2022")),
    ("fiscal 1989", OCT, None, ("DATE", "1989")),
    ("nineteen ninety-six", FRI, None, ("DATE", "1996")),
    ("the year two thousand", FRI, None, ("DATE", "2000")),
    ("the 1990s", FRI, None, ("DATE", "199")),
    ("the mid-1980s", FRI, None, ("DATE", "198")),
    ("the '60s", FRI, None, ("DATE", "196")),
    ("the 20th century", FRI, None, ("DATE", "19")),
    # relative units
    ("last week", dt.date(2025, 7, 2), None, ("DATE", "2025-W26")),
    ("this week", dt.date(2000, 2, 16), None, ("DATE", "2000-W07")),
    ("next week", FRI, None, ("DATE", "2025-W28")),
    ("earlier this week", FRI, None, ("DATE", "2025-W27")),
    ("last month", WED, None, ("DATE", "2023-12")),
    ("later this month", FRI, None, ("DATE", "2025-07")),
    ("last year", FRI, None, ("DATE", "2024")),
    ("early next year", OCT, None, ("DATE", "1990")),
    ("the past year", OCT, None, ("DATE", "1988")),
    ("the weekend", dt.date(1990, 8, 13), None, ("DATE", "1990-W32-WE")),
    ("this weekend", FRI, "future", ("DATE", "2025-W27-WE")),
    ("the last decade", dt.date(1999, 3, 12), None, ("DATE", "198")),
    ("the week of March 6", dt.date(2000, 2, 24), None, ("DATE", "2000-W10")),
    # quarters and halves
    ("the third quarter", OCT, None, ("DATE", "1989-Q3")),
    ("third-quarter", OCT, "future", ("DATE", "1989-Q3")),
    ("the fourth quarter", OCT, None, ("DATE", "1989-Q4")),
    ("the first quarter of 1990", OCT, None, ("DATE", "1990-Q1")),
    ("next year's first quarter", OCT, None, ("DATE", "1990-Q1")),
    ("the current quarter", OCT, None, ("DATE", "1989-Q4")),
    ("the first half of 2024", FRI, None, ("DATE", "2024-H1")),
    # offsets
    ("three days ago", FRI, None, ("DATE", "2025-07-01")),
    ("a year ago", FRI, None, ("DATE", "2024")),
    ("six weeks ago", dt.date(2000, 1, 6), None, ("DATE", "1999-W47")),
    ("two months ago", dt.date(2000, 1, 28), None, ("DATE", "1999-11")),
    ("42 years ago", dt.date(2000, 2, 16), None, ("DATE", "1958")),
    ("several years ago", FRI, None, ("DATE", "PAST_REF")),
    ("decades ago", FRI, None, ("DATE", "PAST_REF")),
    ("a day after", dt.date(2025, 7, 1), None, ("DATE", "2025-07-02")),
    ("two weeks before", FRI, None, ("DATE", "2025-W25")),
    # clock times and parts of day
    ("4 p.m. Thursday", FRI, None, ("TIME", "2025-07-03T16:00")),
    ("10:35 a.m.", FRI, None, ("TIME", "2025-07-04T10:35")),
    ("noon Saturday", dt.date(1991, 2, 18), None, ("TIME", "1991-02-16T12:00")),
    ("midnight", FRI, None, ("TIME", "2025-07-04T24:00")),
    ("Wednesday night", FRI, None, ("TIME", "2025-07-02TNI")),
    ("this morning", FRI, None, ("TIME", "2025-07-04TMO")),
    ("last night", FRI, None, ("TIME", "2025-07-03TNI")),
    ("tonight", FRI, None, ("TIME", "2025-07-04TNI")),
    ("yesterday afternoon", FRI, None, ("TIME", "2025-07-03TAF")),
    # holidays
    ("Christmas Day", FRI, "future", ("DATE", "2025-12-25")),
    ("Thanksgiving Day", dt.date(2000, 1, 7), None, ("DATE", "1999-11-25")),
    ("Easter Sunday", dt.date(2024, 4, 2), None, ("DATE", "2024-03-31")),
    ("New Year's Day 2020", FRI, None, ("DATE", "2020-01-01")),
    # durations
    ("for three days", FRI, None, ("DURATION", "P3D")),
    ("the past three months", FRI, None, ("DURATION", "P3M")),
    ("the first nine months", OCT, None, ("DURATION", "P9M")),
    ("two-year", FRI, None, ("DURATION", "P2Y")),
    ("a 10-year", FRI, None, ("DURATION", "P10Y")),
    ("24 hours", FRI, None, ("DURATION", "PT24H")),
    ("twenty-four hours", FRI, None, ("DURATION", "PT24H")),
    ("one minute", FRI, None, ("DURATION", "PT1M")),
    ("a year and a half", FRI, None, ("DURATION", "P1Y6M")),
    ("2 1/2 years", FRI, None, ("DURATION", "P2Y6M")),
    ("half an hour", FRI, None, ("DURATION", "PT30M")),
    ("two decades", FRI, None, ("DURATION", "P20Y")),
    ("the next few days", FRI, None, ("DURATION", "PXD")),
    ("weeks", FRI, None, ("DURATION", "PXW")),
    ("at least 72 hours", FRI, None, ("DURATION", "PT72H")),
    ("eight trading days", FRI, None, ("DURATION", "P8D")),
    ("three days later", FRI, None, ("DURATION", "P3D")),
    # sets
    ("every Monday", FRI, None, ("SET", "XXXX-WXX-1")),
    ("each Thursday", FRI, None, ("SET", "XXXX-WXX-4")),
    ("every day", FRI, None, ("SET", "P1D")),
    ("daily", FRI, None, ("SET", "P1D")),
    ("weekly", FRI, None, ("SET", "P1W")),
    ("annually", FRI, None, ("SET", "P1Y")),
    ("each July", FRI, None, ("SET", "XXXX-07")),
    ("twice a year", FRI, None, ("SET", "P1Y")),
    ("Tuesday nights", FRI, None, ("SET", "XXXX-WXX-2TNI")),
    # vague references
    ("recently", FRI, None, ("DATE", "PAST_REF")),
    ("now", FRI, None, ("DATE", "PRESENT_REF")),
    ("currently", FRI, None, ("DATE", "PRESENT_REF")),
    ("the past", FRI, None, ("DATE", "PAST_REF")),
    ("the future", FRI, None, ("DATE", "FUTURE_REF")),
    ("the near future", FRI, None, ("DATE", "FUTURE_REF")),
    ("recent years", FRI, None, ("DATE", "PAST_REF")),
    # not time expressions
    ("52 years old", FRI, None, None),
    ("a six-year-old", FRI, None, None),
    ("the Kremlin", FRI, None, None),
    ("", FRI, None, None),
]


@pytest.mark.parametrize(("text", "anchor", "tense", "expected"), ROWS,
                         ids=[f"{r[0]}@{r[1]}" for r in ROWS])
def test_normalize(text, anchor, tense, expected):
    assert normalize(text, anchor, tense=tense) == expected


def test_table_is_large_enough():
    assert len(ROWS) >= 80


@pytest.mark.parametrize(
    ("text", "references", "expected"),
    [
        ("a year earlier", ["1989-Q3"], "1988-Q3"),
        ("a year ago", ["1989-Q3", "1989-10-01"], "1988-Q3"),
        ("the year-ago period", ["1989-Q3"], "1988-Q3"),
        ("the latest quarter", ["1989-Q3"], "1989-Q3"),
        ("that day", ["1989-10-12"], "1989-10-12"),
        ("the next day", ["1989-10-12"], "1989-10-13"),
        ("three years later", ["1986"], "P3Y"),
        ("a month earlier", ["1989-06-15"], "1989-05"),
    ],
)
def test_references(text, references, expected):
    assert resolve(text, OCT, references=references) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thursday", "XXXX-WXX-4"),
        ("June", "XXXX-06"),
        ("June 27", "XXXX-06-27"),
        ("last month", "XXXX-XX"),
        ("the third quarter", "XXXX-Q3"),
        ("yesterday", "XXXX-XX-XX"),
        ("a day after", "XXXX-XX-XX"),
        ("June 27, 2025", "2025-06-27"),
        ("2022", "2022"),
        ("three days", "P3D"),
        ("recently", "PAST_REF"),
    ],
)
def test_no_anchor_invents_no_digits(text, expected):
    result = normalize(text, None)
    assert result is not None and result[1] == expected


def test_resolve_reanchors():
    spoken = dt.date(2025, 7, 3)
    assert resolve("today", spoken) == "2025-07-03"
    assert resolve("a day after", dt.date(2025, 7, 1)) == "2025-07-02"
    assert resolve("Thursday", spoken, tense="past") == "2025-07-03"
    assert resolve("the Kremlin", spoken) is None


# ---- properties -----------------------------------------------------------------------

dates = st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2200, 12, 31))
tenses = st.sampled_from([None, "past", "present", "future"])


@given(st.text(max_size=60), st.one_of(st.none(), dates), tenses)
@settings(max_examples=400, deadline=None)
def test_never_raises(text, anchor, tense):
    result = normalize(text, anchor, tense=tense)
    assert result is None or (result[0] in ("DATE", "TIME", "DURATION", "SET") and result[1])


# words and the finest precision each can give (calendar.precision ranks); a number or an
# ordinal can name a day of the month ("June two", "June third")
_VOCAB = {
    "last": -1, "next": -1, "this": -1, "the": -1, "early": -1, "late": -1, "ago": -1,
    "earlier": -1, "later": -1, "of": -1, "in": -1, "a": -1, "two": 4, "3": 4,
    "several": -1, "past": -1, "fiscal": -1, "mid": -1, "first": 4, "third": 4,
    "year": 1, "years": 1, "quarter": 1, "summer": 1, "fall": 1, "winter": 1, "1998": 1,
    "2022": 1, "1990s": 0, "decade": 0, "century": 0, "half": 1,
    "month": 2, "months": 2, "June": 2, "September": 2, "Oct.": 2,
    "week": 3, "weeks": 3, "weekend": 3,
}


@given(st.lists(st.sampled_from(sorted(_VOCAB)), min_size=1, max_size=4), dates, tenses)
@settings(max_examples=500, deadline=None)
def test_precision_never_exceeds_the_text(words, anchor, tense):
    result = normalize(" ".join(words), anchor, tense=tense)
    if result is None or result[0] != "DATE":
        return
    finest = max(_VOCAB[w] for w in words)
    assert precision(result[1]) <= max(finest, 0) or precision(result[1]) == -1, (words, result)


@given(dates, st.integers(min_value=1, max_value=40))
@settings(max_examples=200, deadline=None)
def test_days_ago_counts_back(anchor, n):
    value = resolve(f"{n} days ago", anchor)
    assert value == (anchor - dt.timedelta(days=n)).isoformat()


@given(dates, st.sampled_from(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                               "Saturday", "Sunday"]), tenses)
@settings(max_examples=200, deadline=None)
def test_weekday_lands_within_a_week(anchor, weekday, tense):
    value = resolve(weekday, anchor, tense=tense)
    assert value is not None
    day = dt.date.fromisoformat(value)
    assert day.strftime("%A") == weekday
    assert abs((day - anchor).days) <= 6
    if tense in (None, "past"):
        assert day <= anchor
