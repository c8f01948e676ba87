"""dateparser as a last resort, for candidates none of our rules normalizes.

spaCy marks a span as a DATE and the rules in ``rules.py`` know no reading of it
("the 25th", "12.10.2024", "in a fortnight"): dateparser (a maintained library with wide
coverage of absolute formats) gets one try. Its answer keeps the precision dateparser
reports (``period``: day, week, month, year; a time of day becomes a day), so a year stays a
year. dateparser is imported on first use; without it installed the fallback is skipped.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
from typing import Any

from . import calendar as cal

log = logging.getLogger(__name__)

Result = tuple[str, str]


@functools.lru_cache(maxsize=64)
def _parser(anchor: dt.date) -> Any | None:
    try:
        from dateparser.date import DateDataParser
    except ImportError:  # optional dependency
        log.info("dateparser is not installed; the time fallback is off")
        return None
    base = dt.datetime(anchor.year, anchor.month, anchor.day, 12)
    return DateDataParser(languages=["en"], settings={
        "RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "RETURN_TIME_AS_PERIOD": True,
        "STRICT_PARSING": False})


def parse(text: str, anchor: dt.date | None) -> Result | None:
    """TIMEX3 (type, value) from dateparser, or None (no anchor, no parse, no dateparser)."""
    if anchor is None or len(text) > 60 or not any(c.isalnum() for c in text):
        return None
    parser = _parser(anchor)
    if parser is None:
        return None
    try:
        data = parser.get_date_data(text)
    except Exception:  # dateparser raises assorted errors on odd strings
        log.debug("dateparser failed on %r", text, exc_info=True)
        return None
    when = data.date_obj
    if when is None:
        return None
    day = when.date()
    period = data.period or "day"
    if period == "year":
        return ("DATE", cal.year(day.year))
    if period == "month":
        return ("DATE", cal.month(day.year, day.month))
    if period == "week":
        return ("DATE", cal.week(day))
    return ("DATE", day.isoformat())
