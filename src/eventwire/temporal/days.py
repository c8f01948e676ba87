"""Rules that read one day: weekdays, "yesterday", calendar dates, holidays, "that day".

Each returns a ``datetime.date`` (or None); ``Kit.day_of`` tries them in order. They serve
the "days" step of the rule table and the composites ("4 p.m. Thursday", "Friday night").
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from . import calendar as cal
from .kit import REL, Kit

if TYPE_CHECKING:
    from .normalize import _Ctx


def add_day_rules(kit: Kit) -> None:
    lx, rel_dir, ref_day = (kit.lx, kit.rel_dir, kit.ref_day)
    MONTH, WD, HOL = (kit.MONTH, kit.WD, kit.HOL)

    @kit.day_rule(r"today|this day|tonight|this (?:morning|afternoon|evening)")
    def _today(m: re.Match[str], ctx: _Ctx) -> dt.date:
        return ctx.anchor

    @kit.day_rule(r"yesterday|last night")
    def _yesterday(m: re.Match[str], ctx: _Ctx) -> dt.date:
        return ctx.anchor - dt.timedelta(days=1)

    @kit.day_rule(r"tomorrow")
    def _tomorrow(m: re.Match[str], ctx: _Ctx) -> dt.date:
        return ctx.anchor + dt.timedelta(days=1)

    @kit.day_rule(r"(?:the )?day before yesterday")
    def _before_yesterday(m: re.Match[str], ctx: _Ctx) -> dt.date:
        return ctx.anchor - dt.timedelta(days=2)

    @kit.day_rule(r"(?:the )?day after tomorrow")
    def _after_tomorrow(m: re.Match[str], ctx: _Ctx) -> dt.date:
        return ctx.anchor + dt.timedelta(days=2)

    @kit.day_rule(rf"(?:{REL} )?(?P<wd>{WD})(?: (?P<mon>{MONTH}) (?P<d>\d{{1,2}})(?:st|nd|rd|th)?"
              rf"(?: (?P<y>\d{{4}}))?)?")
    def _weekday(m: re.Match[str], ctx: _Ctx) -> dt.date | None:
        wd = lx.weekdays[m.group("wd")]
        if m.group("mon"):
            return _month_day(lx.months[m.group("mon")], int(m.group("d")), m.group("y"), ctx,
                              weekday=wd)
        rel = m.group("rel")
        if rel in ("following", "previous", "prior", "that", "same", "that same"):
            base = ref_day(ctx)
            step = -1 if rel in ("previous", "prior") else 1
            if rel in ("that", "same", "that same"):
                return cal.weekday_near(base, wd, -1)
            return cal.weekday_near(base + dt.timedelta(days=step), wd, step)
        direction, strict = rel_dir(rel, ctx)
        anchor = ctx.anchor
        if direction == 0:
            return anchor + dt.timedelta(days=wd - anchor.isoweekday())
        if strict:
            anchor = anchor + dt.timedelta(days=direction)
        return cal.weekday_near(anchor, wd, direction)

    def _month_day(mon: int, dom: int, year: str | None, ctx: _Ctx,
                   weekday: int | None = None) -> dt.date | None:
        if year:
            return dt.date(int(year), mon, dom)
        anchor = ctx.anchor
        if weekday is not None:  # "Thursday, April 6": the year where the weekday fits
            for y in sorted((anchor.year, anchor.year - 1, anchor.year + 1),
                            key=lambda y: abs(y - anchor.year)):
                try:
                    if dt.date(y, mon, dom).isoweekday() == weekday:
                        return dt.date(y, mon, dom)
                except ValueError:
                    continue
        direction = ctx.direction if ctx.tense_given else 0
        return cal.date_near(anchor, mon, dom, direction)

    @kit.day_rule(rf"(?:(?P<rel>last|next|this|this past|this coming|coming|past) )?"
              rf"(?:(?P<wd>{WD}) )?(?P<mon>{MONTH}) (?:the )?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?"
              rf"(?: (?P<y>\d{{4}}))?")
    def _mdy(m: re.Match[str], ctx: _Ctx) -> dt.date | None:
        wd = lx.weekdays[m.group("wd")] if m.group("wd") else None
        mon, dom = lx.months[m.group("mon")], int(m.group("d"))
        rel = m.group("rel")
        if rel and not m.group("y") and not wd:
            direction, _ = rel_dir(rel, ctx)
            return cal.date_near(ctx.anchor, mon, dom, direction or 1)
        return _month_day(mon, dom, m.group("y"), ctx, wd)

    @kit.day_rule(rf"(?:(?P<wd>{WD}) )?(?:the )?(?P<d>\d{{1,2}})(?:st|nd|rd|th)? (?:of )?"
              rf"(?P<mon>{MONTH})(?: (?P<y>\d{{4}}))?")
    def _dmy(m: re.Match[str], ctx: _Ctx) -> dt.date | None:
        wd = lx.weekdays[m.group("wd")] if m.group("wd") else None
        return _month_day(lx.months[m.group("mon")], int(m.group("d")), m.group("y"), ctx, wd)

    ordinal_day = "|".join(sorted((re.escape(k) for k, v in lx.ordinals.items() if v > 0),
                                  key=len, reverse=True))

    @kit.day_rule(rf"(?P<mon>{MONTH}) (?:the )?(?P<o>{ordinal_day})(?: (?P<y>\d{{4}}))?")
    def _month_ordinal(m: re.Match[str], ctx: _Ctx) -> dt.date | None:
        return _month_day(lx.months[m.group("mon")], lx.ordinals[m.group("o")], m.group("y"), ctx)

    @kit.day_rule(r"(?P<y>\d{4})_(?P<m>\d\d)_(?P<d>\d\d)")  # ISO, as ``clean`` leaves it
    def _iso(m: re.Match[str], ctx: _Ctx) -> dt.date:
        return dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))

    @kit.day_rule(r"(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4}|\d\d)")
    def _us_numeric(m: re.Match[str], ctx: _Ctx) -> dt.date:
        y = int(m.group("y"))
        if y < 100:
            y += 1900 if y > 40 else 2000
        return dt.date(y, int(m.group("m")), int(m.group("d")))

    @kit.day_rule(rf"(?:(?P<rel>last|this|next|this past|this coming|coming|past) )?(?P<h>{HOL})"
              rf"(?: (?P<y>\d{{4}}))?")
    def _holiday(m: re.Match[str], ctx: _Ctx) -> dt.date | None:
        rule_text = kit.holidays[" ".join(m.group("h").split())]
        if m.group("y"):
            return cal.holiday(rule_text, int(m.group("y")))
        direction, strict = rel_dir(m.group("rel"), ctx)
        anchor = ctx.anchor
        cands = [d for y in (anchor.year - 1, anchor.year, anchor.year + 1)
                 if (d := cal.holiday(rule_text, y)) is not None]
        if direction == 0:
            return min(cands, key=lambda d: abs((d - anchor).days))
        if direction < 0:
            past = [d for d in cands if d < anchor or (d == anchor and not strict)]
            return past[-1] if past else None
        future = [d for d in cands if d > anchor or (d == anchor and not strict)]
        return future[0] if future else None

    @kit.day_rule(r"(?:that|the same|that same|the|this) day")
    def _that_day(m: re.Match[str], ctx: _Ctx) -> dt.date:
        return ref_day(ctx)

    @kit.day_rule(r"(?:the )?(?:next|following) day|(?:the )?day after|(?:a|1) day later")
    def _next_day(m: re.Match[str], ctx: _Ctx) -> dt.date:
        return ref_day(ctx) + dt.timedelta(days=1)

    @kit.day_rule(r"(?:the )?(?:previous|prior) day|(?:the )?day before|(?:a|1) day earlier")
    def _prev_day(m: re.Match[str], ctx: _Ctx) -> dt.date:
        return ref_day(ctx) - dt.timedelta(days=1)

