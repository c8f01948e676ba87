"""Time expressions with TIMEX3 values (``eventwire.temporal``), skipping metadata spans.

The anchor is the dateline's date when the dateline gives one (the local date of the story),
else the article date. Inside a quote the anchor is the day the words were spoken: the
quote's ``said_on``, else the last day the same speaker was reported speaking earlier in
the article ("Speaking to reporters on Thursday, Trump stated ... 'today'" -> Thursday).
An article with no date at all still gets its expressions: absolute ones ("June 27,
2025", "2022", "three days", "every Monday", "recently") keep their values, and relative
ones get a TIMEX3 value of the right precision with the unknown digits as X ("Thursday" ->
XXXX-WXX-4, "last month" -> XXXX-XX), so no date is ever invented.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from ..model import TimeExpr
from ..quotes.spoken import speaking_days
from ..temporal import resolve
from ..temporal.find import find_times
from .registry import Context, component


@component("times", requires=("doc", "article", "metadata", "quotes"), assigns=("times",))
def find_time_expressions(ctx: Context) -> Mapping[str, Any]:
    meta = ctx["metadata"]
    anchor = anchor_date(meta.dateline_date or ctx.article.date)
    found = find_times(ctx.doc, anchor, excluded=meta.excluded_spans())
    spoken = [(q.content_span, d) for q, d in speaking_days(ctx["quotes"]) if d is not None]
    times = []
    for f in found:
        value = f.value
        day = next((d for (s, e), d in spoken if s <= f.start and f.end <= e), None)
        if day is not None and day != anchor:
            value = resolve(f.text, day) or value
        times.append(TimeExpr(text=f.text, span=(f.start, f.end), type=f.type, value=value))
    return {"times": tuple(times)}


def anchor_date(value: str | None) -> dt.date | None:
    """ "2025-07-04" (or a date-time) -> date; None or junk -> None."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
