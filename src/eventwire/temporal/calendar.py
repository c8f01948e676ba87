"""Calendar arithmetic and TIMEX3 value formatting (no parsing here).

TIMEX3 values at each precision: ``1998`` (year), ``199`` (decade), ``19`` (century),
``1998-Q3``, ``1998-H1``, ``1998-SU`` (season), ``1998-07`` (month), ``1998-W08`` (ISO week),
``1998-W08-WE`` (weekend), ``1998-07-04`` (day), ``1998-07-04TNI`` (part of day),
``1998-07-04T14:30`` (clock time).
"""

from __future__ import annotations

import datetime as dt
import re

SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}
_SEASON_ORDER = ("SP", "SU", "FA", "WI")  # winter last: it belongs to the year it starts


def day(d: dt.date) -> str:
    return d.isoformat()


def month(year: int, mon: int) -> str:
    return f"{year:04d}-{mon:02d}"


def year(y: int) -> str:
    return f"{y:04d}"


def week(d: dt.date) -> str:
    iso = d.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}"


def quarter_of(d: dt.date) -> int:
    return (d.month - 1) // 3 + 1


def add_months(d: dt.date, n: int) -> dt.date:
    total = d.year * 12 + d.month - 1 + n
    y, m = divmod(total, 12)
    last = _days_in_month(y, m + 1)
    return dt.date(max(1, min(9999, y)), m + 1, min(d.day, last))


def _days_in_month(y: int, m: int) -> int:
    if m == 12:
        return 31
    return (dt.date(max(1, min(9999, y)), m + 1, 1) - dt.timedelta(days=1)).day


def shift(d: dt.date, unit: str, n: int) -> dt.date:
    """``d`` moved by ``n`` units (Y, Q, M, W, D; DE = 10 years, CE = 100 years)."""
    if unit == "D":
        return d + dt.timedelta(days=n)
    if unit == "W":
        return d + dt.timedelta(weeks=n)
    if unit == "FN":
        return d + dt.timedelta(weeks=2 * n)
    months = {"M": 1, "Q": 3, "Y": 12, "DE": 120, "CE": 1200, "ML": 12000}.get(unit)
    if months is None:
        raise ValueError(f"cannot shift a date by unit {unit!r}")
    return add_months(d, n * months)


def at_precision(d: dt.date, unit: str) -> str:
    """The value of the ``unit``-sized period that contains ``d``."""
    if unit in ("D", "H", "MIN", "S"):
        return day(d)
    if unit in ("W", "FN"):
        return week(d)
    if unit == "M":
        return month(d.year, d.month)
    if unit == "Q":
        return f"{d.year:04d}-Q{quarter_of(d)}"
    if unit == "DE":
        return f"{d.year // 10:03d}"
    if unit == "CE":
        return f"{d.year // 100:02d}"
    if unit == "ML":
        return f"{d.year // 1000:01d}"
    return year(d.year)


def weekday_near(anchor: dt.date, weekday: int, direction: int) -> dt.date:
    """The ``weekday`` (ISO, Monday = 1) on or before (direction < 0) / after the anchor."""
    delta = weekday - anchor.isoweekday()
    if direction < 0:
        return anchor + dt.timedelta(days=delta if delta <= 0 else delta - 7)
    return anchor + dt.timedelta(days=delta if delta >= 0 else delta + 7)


def month_near(anchor: dt.date, mon: int, direction: int, *, strict: bool = False) -> int:
    """The year of the month ``mon`` nearest the anchor in the given direction.

    ``direction`` < 0: on or before the anchor's month; > 0: on or after; 0: the nearer one.
    ``strict`` excludes the anchor's own month (``last April`` said in April).
    """
    y = anchor.year
    if direction < 0:
        if mon > anchor.month or (strict and mon == anchor.month):
            y -= 1
    elif direction > 0:
        if mon < anchor.month or (strict and mon == anchor.month):
            y += 1
    else:
        if mon - anchor.month > 6:
            y -= 1
        elif anchor.month - mon > 6:
            y += 1
    return y


def date_near(anchor: dt.date, mon: int, dom: int, direction: int) -> dt.date | None:
    """Month ``mon``, day ``dom`` in the year that puts it on the right side of the anchor."""
    years = [anchor.year - 1, anchor.year, anchor.year + 1]
    cands = []
    for y in years:
        try:
            cands.append(dt.date(y, mon, dom))
        except ValueError:
            continue
    if not cands:
        return None
    if direction < 0:
        past = [c for c in cands if c <= anchor]
        return past[-1] if past else cands[0]
    if direction > 0:
        future = [c for c in cands if c >= anchor]
        return future[0] if future else cands[-1]
    return min(cands, key=lambda c: abs((c - anchor).days))


def season_of(d: dt.date) -> tuple[int, str]:
    """(year, code) of the season containing ``d``; winter belongs to the year it starts."""
    m = d.month
    if m in (12, 1, 2):
        return (d.year if m == 12 else d.year - 1, "WI")
    if m <= 5:
        return d.year, "SP"
    if m <= 8:
        return d.year, "SU"
    return d.year, "FA"


def season_near(anchor: dt.date, code: str, direction: int, *, strict: bool = False) -> int:
    """Year of the ``code`` season nearest the anchor: this one, the last or the next."""
    cur_year, cur = season_of(anchor)
    cur_i = _SEASON_ORDER.index(cur)
    want = _SEASON_ORDER.index(code)
    if (want == cur_i and not strict) or direction == 0:
        return cur_year
    if direction > 0:
        return cur_year if want > cur_i else cur_year + 1
    return cur_year if want < cur_i else cur_year - 1


def easter(y: int) -> dt.date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ll = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ll) // 451
    mon, dom = divmod(h + ll - 7 * m + 114, 31)
    return dt.date(y, mon, dom + 1)


def nth_weekday(y: int, mon: int, weekday: int, n: int) -> dt.date:
    """The n-th ``weekday`` (ISO) of a month; n = -1 is the last one."""
    if n > 0:
        first = dt.date(y, mon, 1)
        offset = (weekday - first.isoweekday()) % 7
        return first + dt.timedelta(days=offset + 7 * (n - 1))
    last = dt.date(y, mon, _days_in_month(y, mon))
    return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)


def holiday(rule: str, y: int) -> dt.date | None:
    """The date of a holiday rule from the lexicon in year ``y``."""
    if re.fullmatch(r"\d\d-\d\d", rule):
        return dt.date(y, int(rule[:2]), int(rule[3:]))
    if rule.startswith("easter"):
        offset = int(rule[6:] or 0)
        return easter(y) + dt.timedelta(days=offset)
    if rule.startswith("nth:"):
        _, mon, wd, n = rule.split(":")
        return nth_weekday(y, int(mon), int(wd), int(n))
    if rule == "election":  # US: the Tuesday after the first Monday of November
        return nth_weekday(y, 11, 1, 1) + dt.timedelta(days=1)
    return None


_PRECISION = [
    (re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d"), 6), (re.compile(r"\d{4}-\d\d-\d\dT\d\d"), 5),
    (re.compile(r"\d{4}-\d\d-\d\d"), 4), (re.compile(r"\d{4}-W\d\d"), 3),
    (re.compile(r"\d{4}-\d\d"), 2), (re.compile(r"\d{4}-(?:Q\d|H\d|SP|SU|FA|WI)"), 1),
    (re.compile(r"\d{4}"), 1), (re.compile(r"\d{1,3}"), 0),
]


def precision(value: str) -> int:
    """How fine a date value is: 0 decade/century, 1 year (or quarter, half, season),
    2 month, 3 week, 4 day, 5 hour, 6 minute; -1 for anything else (durations, refs)."""
    for pattern, rank in _PRECISION:
        if pattern.match(value):
            return rank
    return -1
