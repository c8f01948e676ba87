"""The rule table of the normalizer: (pattern, handler) pairs, tried in order.

Each pattern is matched in full against the cleaned, stripped expression (see
``normalize.Normalizer``); the first handler that returns a value wins. Handlers read the
anchor through ``ctx.anchor``, the tense through ``ctx.direction`` and earlier values through
``ctx.reference``. The groups, in order: sets, clock times and parts of day, days
(``days.py``), months/seasons/quarters/years, offsets, durations.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from . import calendar as cal
from .days import add_day_rules
from .kit import DECADE_WORDS, MONTH_DEFAULT, Q_ORD, QUARTER_WINDOW, REL, Kit, date_of, duration
from .lexicon import alternation

if TYPE_CHECKING:
    from .normalize import Handler, Normalizer, Result, _Ctx


def build_rules(nz: Normalizer) -> list[tuple[re.Pattern[str], Handler]]:
    kit = Kit(nz)
    add_day_rules(kit)
    for add in (_sets, _clock_and_parts, _days, _months_and_seasons, _quarters_and_years,
                _relative_units, _offsets, _durations):
        add(kit)
    return kit.rules


def _sets(kit: Kit) -> None:
    """"every Monday", "daily", "twice a year"."""
    lx, rule, num, unit_of = (kit.lx, kit.rule, kit.num, kit.unit_of)
    MONTH, WD, UNIT, SEASON, PART = (
        kit.MONTH, kit.WD, kit.UNIT, kit.SEASON, kit.PART)

    @rule(rf"(?P<adv>{lx.alternation('adverbs_set')})")
    def _set_adverb(m: re.Match[str], ctx: _Ctx) -> Result:
        return ("SET", lx.adverbs_set[m.group("adv")])

    @rule(rf"(?:every|each|per|a|an) (?:(?P<other>other) )?(?:(?P<n>\d+) )?(?P<unit>{UNIT})"
          rf"|(?:once|twice|thrice|\d+ times) (?:a|an|per|every|each) (?P<unit2>{UNIT})")
    def _set_every(m: re.Match[str], ctx: _Ctx) -> Result | None:
        if m.group("unit2"):
            return ("SET", duration(1, unit_of(m.group("unit2"))))
        word = m.group(0).split()[0]
        if word in ("a", "an"):
            return None  # "a year" is a duration unless the finder says "per"
        n = 2 if m.group("other") else num(m.group("n"))
        return ("SET", duration(n, unit_of(m.group("unit"))))

    @rule(rf"(?:(?:every|each|on) )?(?P<wd>{WD})s(?: (?P<part>{PART}))?"
          rf"|(?:every|each) (?P<wd2>{WD})(?: (?P<part2>{PART}))?"
          rf"|(?P<wd3>{WD}) (?P<part3>mornings|afternoons|evenings|nights)")
    def _set_weekday(m: re.Match[str], ctx: _Ctx) -> Result:
        wd = lx.weekdays[m.group("wd") or m.group("wd2") or m.group("wd3")]
        part = m.group("part") or m.group("part2") or m.group("part3")
        tail = f"T{lx.parts_of_day[part]}" if part else ""
        return ("SET", f"XXXX-WXX-{wd}{tail}")

    @rule(rf"(?:every|each) (?:(?P<mon>{MONTH})|(?P<season>{SEASON})|(?P<part>{PART})"
          rf"|(?P<q>first|second|third|fourth) quarter)")
    def _set_named(m: re.Match[str], ctx: _Ctx) -> Result:
        if m.group("mon"):
            return ("SET", f"XXXX-{lx.months[m.group('mon')]:02d}")
        if m.group("season"):
            return ("SET", f"XXXX-{lx.seasons[m.group('season')]}")
        if m.group("q"):
            return ("SET", f"XXXX-Q{Q_ORD[m.group('q')]}")
        return ("SET", f"XXXX-XX-XXT{lx.parts_of_day[m.group('part')]}")


def _clock_and_parts(kit: Kit) -> None:
    """"4 p.m. Thursday", "noon", "Friday night", "this morning"."""
    lx, rule, day_of, ref_day = (kit.lx, kit.rule, kit.day_of, kit.ref_day)
    PART = kit.PART

    clock = (r"(?P<h>\d{1,2})(?:[:.](?P<mi>\d\d))? ?(?P<ap>am|pm)?(?P<oc> o'?clock)?"
             r"(?: (?:in the )?(?P<pp>morning|afternoon|evening|night))?"
             r"(?: (?:[a-z]{2,3}t|gmt|utc|local time|local))?")
    clock_word = alternation(lx.clock_words)

    @rule(rf"(?:(?P<pre>.+?) (?:at )?)?(?:{clock}|(?P<cw>{clock_word}))(?: (?:on )?(?P<post>.+))?")
    def _clock(m: re.Match[str], ctx: _Ctx) -> Result | None:
        if m.group("cw"):
            hh, mm = (int(x) for x in lx.clock_words[m.group("cw")].split(":"))
        else:
            if not (m.group("ap") or m.group("mi") or m.group("oc") or m.group("pp")):
                return None
            hh, mm = int(m.group("h")), int(m.group("mi") or 0)
            ap, pp = m.group("ap"), m.group("pp")
            if (ap == "pm" or pp in ("afternoon", "evening") or (pp == "night" and hh > 5)) \
                    and hh < 12:
                hh += 12
            elif (ap == "am" or pp == "morning") and hh == 12:
                hh = 0
            if hh > 24 or mm > 59:
                return None
        day_text = m.group("pre") or m.group("post")
        if m.group("pre") and m.group("post"):
            return None
        d = day_of(day_text, ctx) if day_text else ref_day(ctx)
        if d is None:
            return None
        return ("TIME", f"{d.isoformat()}T{hh:02d}:{mm:02d}")

    @rule(rf"(?:(?P<pre>.+?) )?(?P<part>{PART})(?: (?:of |on )?(?P<post>.+?))?")
    def _part_of_day(m: re.Match[str], ctx: _Ctx) -> Result | None:
        part = m.group("part")
        pre, post = m.group("pre"), m.group("post")
        if pre and post:
            return None
        if part in ("tonight", "overnight") and not (pre or post):
            d = ctx.anchor
        elif pre in ("last",) and not post:
            d = ctx.anchor - dt.timedelta(days=1)
        elif pre in ("this", "that", "the", "this same", "that same") and not post:
            d = ref_day(ctx) if pre.startswith("that") else ctx.anchor
        elif pre in ("the next", "next", "the following", "following") and not post:
            d = ref_day(ctx) + dt.timedelta(days=1)
        elif pre or post:
            found = day_of(pre or post or "", ctx)
            if found is None:
                return None
            d = found
        elif "the" in ctx.notes or part not in ("night", "nights"):
            d = ref_day(ctx)
        else:
            return None
        return ("TIME", f"{d.isoformat()}T{lx.parts_of_day[part]}")


def _days(kit: Kit) -> None:
    """Anything ``day_of`` reads, as a DATE."""
    rule, day_of = (kit.rule, kit.day_of)

    @rule(r".+")
    def _day(m: re.Match[str], ctx: _Ctx) -> Result | None:
        d = day_of(m.group(0), ctx)
        return None if d is None else ("DATE", d.isoformat())


def _months_and_seasons(kit: Kit) -> None:
    """"June", "July 1997", "last fall", "Easter week"."""
    lx, rule, rel_dir, day_of = (kit.lx, kit.rule, kit.rel_dir, kit.day_of)
    MONTH, SEASON, HOL = (kit.MONTH, kit.SEASON, kit.HOL)

    @rule(rf"(?P<mon>{MONTH}) (?:of )?(?P<y>\d{{4}}|this year|last year|next year)")
    def _month_year(m: re.Match[str], ctx: _Ctx) -> Result:
        y = m.group("y")
        year = int(y) if y.isdigit() else ctx.anchor.year + {"last year": -1, "next year": 1}.get(
            y, 0)
        return ("DATE", cal.month(year, lx.months[m.group("mon")]))

    @rule(rf"(?:{REL} )?(?P<mon>{MONTH})")
    def _month(m: re.Match[str], ctx: _Ctx) -> Result | None:
        rel = m.group("rel")
        if rel in ("that", "same", "that same", "latest", "recent"):
            return None
        direction, strict = rel_dir(rel, ctx)
        mon = lx.months[m.group("mon")]
        if rel in ("this", "current"):
            return ("DATE", cal.month(ctx.anchor.year, mon))
        if rel is None and not ctx.tense_given:
            direction = MONTH_DEFAULT
        y = cal.month_near(ctx.anchor, mon, direction, strict=strict)
        return ("DATE", cal.month(y, mon))

    @rule(rf"(?:{REL} )?(?P<s>{SEASON})(?: (?:of )?(?P<y>\d{{4}}))?")
    def _season(m: re.Match[str], ctx: _Ctx) -> Result | None:
        code = lx.seasons[m.group("s")]
        if m.group("y"):
            return ("DATE", f"{m.group('y')}-{code}")
        direction, strict = rel_dir(m.group("rel"), ctx)
        y = cal.season_near(ctx.anchor, code, direction, strict=strict)
        return ("DATE", f"{y:04d}-{code}")

    @rule(rf"(?:(?P<rel>last|this|next|this past|coming|past|previous) )?(?P<h>{HOL}) week")
    def _holiday_week(m: re.Match[str], ctx: _Ctx) -> Result | None:
        d = day_of(m.group(0)[:-5], ctx)
        return None if d is None else ("DATE", cal.week(d))


def _quarters_and_years(kit: Kit) -> None:
    """"the third quarter", "the first half", "1998", "the 1990s"."""
    lx, rule = (kit.lx, kit.rule)
    ORD = kit.ORD

    qy = r"\d{4}|this year|last year|next year|that year|the year|year ago|year earlier"
    q_ord = r"first|second|third|fourth|1st|2nd|3rd|4th|final|q1|q2|q3|q4"

    @rule(rf"(?:(?P<rel>this|last|next|current|latest|that|same|previous|prior|recent|"
          rf"comparable|corresponding|year ago|year earlier|comparable year ago|"
          rf"comparable year earlier)(?: (?P<yr1>year ago|year earlier))? )?"
          rf"(?:(?P<y1>{qy}) )?(?:(?P<q>{q_ord}) )?(?P<what>quarter|period|q[1-4])"
          rf"(?: (?:of |in )?(?P<y2>{qy}|a year ago|a year earlier))?")
    def _quarter(m: re.Match[str], ctx: _Ctx) -> Result | None:
        what = m.group("what")
        qtext = m.group("q") or (what if what.startswith("q") and what != "quarter" else None)
        q = Q_ORD.get(qtext or "")
        rel = m.group("rel") or ""
        yspec = m.group("y1") or m.group("y2") or m.group("yr1") or ""
        if rel.startswith(("year", "comparable year")):
            yspec, rel = "year ago", ""
        if what == "period" and q is None and not rel and not yspec and "the" not in ctx.notes:
            return None
        anchor = ctx.anchor
        cur_q = cal.quarter_of(anchor)
        ref = ctx.reference("quarter")
        if q is None:
            if rel in ("this", "current"):
                y, q = anchor.year, cur_q
            elif rel in ("last", "previous", "prior"):
                d = cal.shift(anchor, "Q", -1)
                y, q = d.year, cal.quarter_of(d)
            elif rel == "next":
                d = cal.shift(anchor, "Q", 1)
                y, q = d.year, cal.quarter_of(d)
            elif ref:
                y, q = int(ref[:4]), int(ref[-1])
            else:
                d = cal.shift(anchor, "Q", -1)
                y, q = d.year, cal.quarter_of(d)
            if yspec.isdigit():
                y = int(yspec)
            elif yspec in ("year ago", "year earlier", "a year ago", "a year earlier",
                           "last year"):
                y -= 1
        else:
            y = anchor.year
            if yspec.isdigit():
                y = int(yspec)
            elif yspec == "last year":
                y -= 1
            elif yspec == "next year":
                y += 1
            elif yspec in ("year ago", "year earlier", "a year ago", "a year earlier"):
                y = (int(ref[:4]) if ref else anchor.year) - 1
            elif yspec in ("that year", "the year") and ref:
                y = int(ref[:4])
            elif not yspec and dt.date(anchor.year, 3 * q - 2, 1) > anchor:
                y -= 1  # the latest quarter q that has begun, whatever the tense
        return ("DATE", f"{y:04d}-Q{q}")

    @rule(r"(?:(?P<y0>\d{4}|this year|last year|next year) )?"
          r"(?:(?P<h>first|second|last|1st|2nd|latter|back) half|(?P<two>first|last) 2 quarters)"
          r"(?: (?:of )?(?P<y>\d{4}|this year|last year|next year|the year|year|decade))?")
    def _half(m: re.Match[str], ctx: _Ctx) -> Result | None:
        word = m.group("h") or m.group("two")
        h = 1 if word in ("first", "1st") else 2
        yspec = m.group("y0") or m.group("y") or ""
        if yspec == "decade":
            return None
        if yspec.isdigit():
            y = int(yspec)
        else:
            y = ctx.anchor.year + {"last year": -1, "next year": 1}.get(yspec, 0)
        return ("DATE", f"{y:04d}-H{h}")

    @rule(r"(?:year )?(?P<y>1[0-9]\d\d|20\d\d)(?: to (?P<y2>\d{2,4}))?(?: period| year)?")
    def _year(m: re.Match[str], ctx: _Ctx) -> Result:
        return ("DATE", m.group("y"))

    @rule(r"'(?P<yy>\d\d)")
    def _short_year(m: re.Match[str], ctx: _Ctx) -> Result:
        yy = int(m.group("yy"))
        return ("DATE", f"{1900 + yy if yy > 30 else 2000 + yy}")

    @rule(r"(?P<c>1\d|20)(?P<d>\d)0s|'?(?P<d2>\d)0s|(?P<w>twenties|thirties|forties|fifties|"
          r"sixties|seventies|eighties|nineties)")
    def _decade(m: re.Match[str], ctx: _Ctx) -> Result:
        if m.group("c"):
            return ("DATE", f"{m.group('c')}{m.group('d')}")
        d = int(m.group("d2")) if m.group("d2") else DECADE_WORDS[m.group("w")]
        return ("DATE", f"19{d}" if d != 0 else "200")

    @rule(rf"(?P<o>{ORD}) century|(?P<c>1\d|20)00s")
    def _century(m: re.Match[str], ctx: _Ctx) -> Result | None:
        if m.group("c"):
            return ("DATE", m.group("c"))
        o = m.group("o")
        n = lx.ordinals.get(o) or int(re.sub(r"\D", "", o) or 0)
        return ("DATE", f"{n - 1:02d}") if n > 0 else None


def _relative_units(kit: Kit) -> None:
    """"last week", "this year", "the weekend", "the week of March 6"."""
    rule, day_of = (kit.rule, kit.day_of)

    @rule(r"week of (?P<d>.+)")
    def _week_of(m: re.Match[str], ctx: _Ctx) -> Result | None:
        d = day_of(m.group("d"), ctx)
        return None if d is None else ("DATE", cal.week(d))

    @rule(rf"(?:{REL} )?(?P<unit>week|weekend|month|year|decade|century|fiscal year|"
          r"calendar year|full year|year end)")
    def _relative_unit(m: re.Match[str], ctx: _Ctx) -> Result | None:
        rel, word = m.group("rel"), m.group("unit")
        if rel is None and "the" not in ctx.notes and word != "year end":
            return None
        unit = {"weekend": "W", "decade": "DE", "century": "CE"}.get(word, word[0].upper())
        if word.endswith("year"):
            unit = "Y"
        if rel == "past" and unit in ("DE", "CE"):
            return ("DURATION", duration(1, unit))  # "the past decade": ten years up to now
        if rel in ("that", "same", "that same"):
            ref = ctx.reference("dated")
            if ref is None:
                return None
            base = date_of(ref)
        else:
            base = ctx.anchor
            step = {"last": -1, "past": -1, "previous": -1, "prior": -1, "this past": -1,
                    "next": 1, "coming": 1, "this coming": 1, "following": 1,
                    "upcoming": 1}.get(rel or "", 0)
            if rel == "following" and ctx.reference("dated"):
                base = date_of(ctx.reference("dated") or "")
            base = cal.shift(base, "W" if unit == "W" else unit, step)
        if word == "weekend":
            if rel is None and base.isoweekday() < 5 and ctx.direction <= 0:
                base = base - dt.timedelta(weeks=1)
            return ("DATE", cal.week(base) + "-WE")
        return ("DATE", cal.at_precision(base, unit))


def _offsets(kit: Kit) -> None:
    """"three days ago", "a year earlier", "a day after"."""
    rule, num, unit_of, ref_day = (kit.rule, kit.num, kit.unit_of, kit.ref_day)
    UNIT, NUM = (kit.UNIT, kit.NUM)

    @rule(rf"(?P<n>{NUM}) (?P<unit>{UNIT})(?: (?P<half>and a half))? (?P<dir>ago|earlier|"
          r"later|before|after|from now|hence|back|previously|on|afterwards?|prior|since|"
          r"before that|after that|ago today)")
    def _offset(m: re.Match[str], ctx: _Ctx) -> Result | None:
        n = num(m.group("n"))
        direction = m.group("dir")
        sign = -1 if direction in ("ago", "earlier", "before", "back", "previously", "prior",
                                   "before that", "ago today") else 1
        unit = unit_of(m.group("unit"))
        if direction in ("later", "afterwards", "afterward", "after that") or (
                direction in ("earlier", "before that") and unit in ("D", "H", "MIN", "S", "W")):
            return ("DURATION", duration(n, unit, bool(m.group("half"))))  # as TimeML does
        if n is None:
            return ("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")
        k = int(n) if float(n).is_integer() else None
        if k is None or unit in ("H", "MIN", "S"):
            base = ctx.anchor if direction in ("ago", "from now", "hence") else ref_day(ctx)
            return ("DATE", base.isoformat()) if unit in ("H", "MIN", "S") else None
        if direction in ("ago", "back", "from now", "hence", "ago today"):
            quarter = ctx.reference("quarter", within=QUARTER_WINDOW) \
                if unit == "Y" and k == 1 else None
            if quarter:  # earnings: "from $1.2 million a year ago" = that quarter last year
                return ("DATE", f"{int(quarter[:4]) - 1:04d}-{quarter[5:]}")
            base = ctx.anchor
        elif direction in ("before", "after", "since", "on"):
            base = ctx.anchor  # the anchor is the event's date (see temporal.resolve)
        else:
            ref = ctx.reference("quarter", within=QUARTER_WINDOW) if unit in ("Y", "Q") \
                else None
            ref = ref or ctx.reference("dated")
            if ref and re.fullmatch(r"\d{4}-Q\d", ref) and unit in ("Y", "Q"):
                months = sign * k * (12 if unit == "Y" else 3)
                d = cal.add_months(date_of(ref), months)
                return ("DATE", f"{d.year:04d}-Q{cal.quarter_of(d)}")
            base = date_of(ref) if ref else ctx.anchor
        return ("DATE", cal.at_precision(cal.shift(base, unit, sign * k), unit))

    @rule(r"(?P<rel>year ago|year earlier|prior year|previous year)(?: (?:results|level|levels|"
          r"figure|figures|quarter|period|month|week))?")
    def _year_ago_adj(m: re.Match[str], ctx: _Ctx) -> Result:
        quarter = ctx.reference("quarter")
        if quarter:
            return ("DATE", f"{int(quarter[:4]) - 1:04d}-{quarter[5:]}")
        return ("DATE", cal.year(ctx.anchor.year - 1))


def _durations(kit: Kit) -> None:
    """"the past two months", "half an hour", "years"."""
    lx, rule, num, unit_of, ref_day = (kit.lx, kit.rule, kit.num, kit.unit_of, kit.ref_day)
    UNIT, NUM = (kit.UNIT, kit.NUM)

    dur_rel = (r"past|last|next|first|coming|previous|following|latest|final|remaining|"
               r"initial|recent|other|additional|further|full|entire|whole|same|prior|"
               r"ensuing|succeeding|preceding|subsequent")

    @rule(rf"(?:(?P<rel>{dur_rel}) )?(?P<n>{NUM})(?: (?:to|or) (?P<n2>{NUM}))?"
          r"(?: (?:more|additional|full|straight|consecutive|long|extra|further))?"
          r"(?: (?:trading|business|working|calendar|school|session))?"
          rf" (?P<unit>{UNIT})(?: (?P<half>and a half))?"
          r"(?: (?P<tail>long|old|running|straight|in a row|period|term|stretch|span|"
          r"of \d{4}|of the year|of this year|of last year|of next year))?")
    def _duration(m: re.Match[str], ctx: _Ctx) -> Result | None:
        if m.group("tail") == "old":
            return None
        unit = unit_of(m.group("unit"))
        n = num(m.group("n"))
        if m.group("unit") in ("night",) and n == 1:
            return None
        if n is None and not m.group("unit").endswith("s"):
            return None  # "some day", "several week": not a duration
        return ("DURATION", duration(n, unit, bool(m.group("half"))))

    @rule(rf"half (?:an? )?(?P<unit>{UNIT})")
    def _half_unit(m: re.Match[str], ctx: _Ctx) -> Result:
        return ("DURATION", duration(0, unit_of(m.group("unit")), True))

    plural_units = "|".join(sorted((re.escape(k) for k in lx.units if k.endswith(("s", "ies"))
                                    and k not in ("secs", "mins", "hrs")), key=len,
                                   reverse=True))

    @rule(rf"(?:(?P<rel>{dur_rel}|many|several|few|a few|some) )?(?P<unit>{plural_units})"
          r"(?: (?:long|old))?")
    def _vague_duration(m: re.Match[str], ctx: _Ctx) -> Result | None:
        if m.group(0).endswith(" old"):
            return None
        return ("DURATION", duration(None, unit_of(m.group("unit"))))

    @rule(rf"(?P<unit>{UNIT})(?: (?:long))?")
    def _bare_unit(m: re.Match[str], ctx: _Ctx) -> Result | None:
        unit = unit_of(m.group("unit"))
        if unit in ("D",) and "the" in ctx.notes:
            return ("DATE", ref_day(ctx).isoformat())
        if m.group(0).endswith("long") or "the" not in ctx.notes:
            return ("DURATION", duration(1, unit))
        return None
