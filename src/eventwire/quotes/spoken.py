"""The day each quote's words were spoken, for the components that anchor to it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ..model import Quote


def speaking_days(quotes: Sequence[Quote]) -> list[tuple[Quote, dt.date | None]]:
    """Each quote (in text order) with the day it was spoken: its ``said_on``, else the last
    day the same speaker was reported speaking earlier in the article, else None."""
    last: dict[str, dt.date] = {}
    days = []
    for q in sorted(quotes, key=lambda q: q.content_span):
        who = q.speaker_actor or q.speaker or ""
        day = _day(q.said_on) or last.get(who)
        if day is not None:
            last[who] = day
        days.append((q, day))
    return days


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
