"""Time expressions: found in a parsed article and normalized to TIMEX3 values.

    find_times(doc, anchor)      -> [Found]     spaCy DATE/TIME entities + our patterns,
                                                trimmed to TempEval extents, with values
    normalize(text, anchor)      -> (type, value) | None    one expression
    resolve(text, anchor)        -> value | None            the value alone, for re-anchoring

Modules: ``lexicon`` (time words from ``kb/data/time_words.yaml``), ``calendar`` (date
arithmetic, TIMEX3 formats), ``rules`` + ``normalize`` (the normalizer), ``find`` (the
finder), ``fallback`` (optional dateparser pass, off by default: it added nothing on
TempEval-3 training data).

Re-anchoring, for the quotes and events components::

    resolve("today", said_on)                  # "today" inside a quote -> the day it was said
    resolve("a day after", pause_date)         # counted from the event's date
    resolve("Thursday", said_on, tense="past") # a weekday seen from the speaker's day

The article-level ``times`` give an expression counted from an event ("a day after the US
paused deliveries") the value ``XXXX-XX-XX`` (precision kept, digits unknown) unless a full
date stands in the same sentence after it; pass the event's date to ``resolve`` to fill it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from .find import Found, find_times
from .normalize import normalize

__all__ = ["Found", "find_times", "normalize", "resolve"]


def resolve(text: str, anchor: dt.date, *, tense: str | None = None,
            references: Sequence[str] = ()) -> str | None:
    """The TIMEX3 value of one expression counted from ``anchor``, or None.

    ``anchor`` is whatever "now" is for the words: the article date, the day a quote was
    spoken, or the date of the event a relative expression hangs on ("a day after X" ->
    X + 1 day; "two weeks before X" -> the ISO week two weeks before X's). ``tense``
    ("past", "present", "future") decides which way a bare weekday or month goes (default:
    the most recent past one). ``references``: earlier values in the discourse, most recent
    first, for "that day" or "a year earlier". Never raises.
    """
    result = normalize(text, anchor, tense=tense, references=references)
    return None if result is None else result[1]
