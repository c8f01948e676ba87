"""What the rule builders share: pattern pieces, helpers, and the two rule tables.

``Kit`` is built once per ``Normalizer``. ``days.add_day_rules`` fills ``kit.day_rules`` (a
day: "Thursday", "June 27", "yesterday", "Christmas"), which ``kit.day_of`` tries; ``rules``
fills ``kit.rules`` (whole expressions) and uses ``day_of`` inside composites such as
"4 p.m. Thursday" or "Friday night".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from .lexicon import alternation

if TYPE_CHECKING:
    from .normalize import Handler, Normalizer, _Ctx

DayHandler = Callable[[re.Match[str], "_Ctx"], dt.date | None]

#: which way a bare month goes when the tense is unknown: -1 past, 0 the nearer one
MONTH_DEFAULT = -1
#: how many of the latest references "a year ago" looks through for a quarter
QUARTER_WINDOW = 3
REL = (r"(?P<rel>last|this|next|this coming|this past|coming|past|previous|following|"
       r"current|latest|upcoming|that|same|that same|prior|recent)")
Q_ORD = {"first": 1, "1st": 1, "q1": 1, "second": 2, "2nd": 2, "q2": 2, "third": 3, "3rd": 3,
         "q3": 3, "fourth": 4, "4th": 4, "q4": 4, "last": 4, "final": 4}
DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                "seventies": 7, "eighties": 8, "nineties": 9}
DUR_UNIT = {"Y": ("", "Y"), "M": ("", "M"), "W": ("", "W"), "D": ("", "D"), "Q": ("", "Q"),
             "H": ("T", "H"), "MIN": ("T", "M"), "S": ("T", "S")}
SCALE = {"DE": ("Y", 10), "CE": ("Y", 100), "ML": ("Y", 1000), "FN": ("W", 2)}
HALF = {"Y": ("M", 6), "M": ("W", 2), "W": ("D", 3.5), "D": ("H", 12), "H": ("MIN", 30),
         "MIN": ("S", 30), "Q": ("M", 1.5), "DE": ("Y", 5), "CE": ("Y", 50)}


def _fmt_num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def duration(n: float | None, unit: str, half: bool = False) -> str:
    """P2Y, PT5H, PXM; ``half`` adds half a unit (P1Y6M, PT1H30M)."""
    if unit in SCALE:
        base, factor = SCALE[unit]
        if n is None:
            return "PX" + unit
        return duration(n * factor + (factor / 2 if half else 0), base)
    t, letter = DUR_UNIT[unit]
    if n is None:
        return f"P{t}X{letter}"
    if not half and not float(n).is_integer() and float(n * 2).is_integer() and n > 1:
        return duration(int(n), unit, True)  # 2 1/2 years -> P2Y6M
    if half and unit in HALF:
        sub, k = HALF[unit]
        t2, l2 = DUR_UNIT[sub]
        if n == 0:
            return duration(k, sub)
        if float(k).is_integer():
            tail = f"{'T' if t2 and not t else ''}{_fmt_num(k)}{l2}"
            return f"P{t}{_fmt_num(n)}{letter}{tail}"
        n = n + 0.5
    return f"P{t}{_fmt_num(n)}{letter}"


def date_of(value: str) -> dt.date:
    """The first day of the period a date value names (2025-07 -> 2025-07-01)."""
    m = re.match(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?|-Q(\d)|-W(\d\d)|-H(\d))?", value)
    if not m:
        raise ValueError(value)
    y = int(m.group(1))
    if m.group(3):
        return dt.date(y, int(m.group(2)), int(m.group(3)))
    if m.group(2):
        return dt.date(y, int(m.group(2)), 1)
    if m.group(4):
        return dt.date(y, 3 * int(m.group(4)) - 2, 1)
    if m.group(5):
        return dt.date.fromisocalendar(y, int(m.group(5)), 1)
    if m.group(6):
        return dt.date(y, 1 if m.group(6) == "1" else 7, 1)
    return dt.date(y, 1, 1)


class Kit:
    """Pattern pieces, helpers and rule tables for one normalizer."""

    def __init__(self, nz: Normalizer) -> None:
        self.nz = nz
        self.lx = nz.lex
        self.holidays = {nz.clean(k): v for k, v in self.lx.holidays.items()}  # as cleaned
        # regular-expression alternations of the lexicon's words
        self.MONTH, self.WD, self.UNIT, self.SEASON = nz.MONTH, nz.WD, nz.UNIT, nz.SEASON
        self.PART, self.ORD, self.NUM = nz.PART, nz.ORD, nz.NUM
        self.HOL = alternation(self.holidays)
        self.rules: list[tuple[re.Pattern[str], Handler]] = []
        self.day_rules: list[tuple[re.Pattern[str], DayHandler]] = []

    def rule(self, pattern: str) -> Callable[[Handler], Handler]:
        """Decorator: add a whole-expression rule (tried in the order added)."""
        def register(fn: Handler) -> Handler:
            self.rules.append((re.compile(pattern), fn))
            return fn
        return register

    def day_rule(self, pattern: str) -> Callable[[DayHandler], DayHandler]:
        """Decorator: add a rule that reads one day."""
        def register(fn: DayHandler) -> DayHandler:
            self.day_rules.append((re.compile(pattern), fn))
            return fn
        return register

    def num(self, text: str | None) -> float | None:
        """A count: digits, 'a'/'an' = 1, '5 1/2' = 5.5; None when vague ('several')."""
        if text is None or text in ("a", "an"):
            return 1
        text = text.strip()
        if text in ("couple", "a couple of", "couple of"):
            return 2
        if text.endswith(" 1/2"):
            return float(text[:-4]) + 0.5
        try:
            return float(text)
        except ValueError:
            return None

    def unit_of(self, word: str) -> str:
        return self.lx.units[word]

    def rel_dir(self, rel: str | None, ctx: _Ctx) -> tuple[int, bool]:
        """(direction, strict) for a relative word; no word -> the tense's direction."""
        if rel in ("last", "past", "previous", "this past", "prior"):
            return -1, True
        if rel in ("next", "coming", "this coming", "following", "upcoming"):
            return 1, True
        if rel in ("this", "current"):
            return 0, False
        return ctx.direction, False

    def day_of(self, s: str, ctx: _Ctx) -> dt.date | None:
        """The day a text names ("Thursday", "June 27", "yesterday"), or None."""
        s, _ = self.nz.strip(s)
        for pattern, fn in self.day_rules:
            m = pattern.fullmatch(s)
            if m:
                d = fn(m, ctx)
                if d is not None:
                    return d
        return None

    def ref_day(self, ctx: _Ctx) -> dt.date:
        """The latest day mentioned before, else the anchor ("that day", "at 10 p.m.")."""
        value = ctx.reference("day")
        if value:
            return dt.date.fromisoformat(value[:10])
        return ctx.anchor
