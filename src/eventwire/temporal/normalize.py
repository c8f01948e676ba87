"""One time expression -> its TIMEX3 type and value, against an anchor date.

    >>> import datetime as dt
    >>> normalize("last week", dt.date(2025, 7, 2))
    ('DATE', '2025-W26')
    >>> normalize("for three days", dt.date(2025, 7, 2))
    ('DURATION', 'P3D')

Pure functions of their arguments. The rules run in a fixed order over a cleaned form of the
text (lower case, possessives, dots and hyphens dropped, number words as digits, leading
prepositions and hedges such as "on", "about", "early" stripped):

1. vague references ("recently" -> PAST_REF) and frequency adverbs ("daily" -> SET P1D);
2. sets ("every Monday" -> XXXX-WXX-1);
3. clock times and parts of day, alone or with a day ("4 p.m. Thursday", "Friday night");
4. days (weekdays, "yesterday", "June 27", holidays), then coarser dates (months, seasons,
   quarters, halves, years, decades, centuries) and units relative to the anchor
   ("last week", "this year", "the weekend");
5. offsets ("three days ago", "a year earlier", "a day after");
6. durations ("the past two months" -> P2M).

What the anchor, tense and references do:

- ``anchor``: the date that "today" means (article date, dateline date, date spoken).
  ``None`` when unknown: expressions that need it get an underspecified value of the same
  precision ("Thursday" -> XXXX-WXX-4, "last month" -> XXXX-XX); absolute ones are unaffected.
- ``tense`` ("past", "present", "future" or None): which way a bare weekday, month, season or
  month-day goes. News defaults to the most recent past one.
- ``references``: values of earlier absolute expressions in the discourse, most recent first.
  Anaphoric expressions ("that day", "a year earlier", "the quarter") count from them.

Precision never exceeds what the text gave: "2022" stays "2022", "June" is "2025-06".
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from . import calendar as cal
from .lexicon import TimeLexicon, alternation, default_lexicon

Result = tuple[str, str]
_DIRECTION = {"past": -1, "future": 1, "present": 1}
_VAGUE_N = {"few", "a few", "several", "some", "many", "couple", "a couple of",
            "couple of", "a number of", "dozens of", "hundreds of", "x", "the", "more"}
_PAST_RELS = {"last", "past", "previous", "this past", "the past", "the last", "the previous"}
_NEXT_RELS = {"next", "coming", "this coming", "following", "the next", "the coming",
              "the following", "upcoming"}


@dataclass(slots=True)
class _Ctx:
    """What one normalization may use; records whether a reference was used."""

    anchor: dt.date
    direction: int
    references: Sequence[str]
    tense_given: bool = False
    used_reference: bool = False
    notes: set[str] = field(default_factory=set)

    def reference(self, kind: str = "any", within: int = 6) -> str | None:
        """The most recent reference of a kind (any, day, quarter, dated: has a year) among
        the last ``within`` ones."""
        for value in self.references[:within]:
            p = cal.precision(value)
            if (kind == "quarter" and re.fullmatch(r"\d{4}-Q\d", value)) or \
                    (kind == "day" and p >= 4) or (kind in ("any", "dated") and p >= 1):
                self.used_reference = True
                return value
        return None


Handler = Callable[[re.Match[str], _Ctx], Result | None]


#: stand-in anchors for an article without a date: digits that differ between their
#: results came from the anchor and become X ("last month" -> XXXX-XX, "June" -> XXXX-06)
_PROBE_ANCHORS = (dt.date(2000, 1, 5), dt.date(1987, 10, 22), dt.date(2153, 4, 28))


def _unknown_digits(values: Sequence[str]) -> str:
    first = values[0]
    if any(len(v) != len(first) for v in values):
        return re.sub(r"\d", "X", first)
    return "".join(c if all(v[i] == c for v in values) else "X" for i, c in enumerate(first))


class Normalizer:
    """The rule set built once from a lexicon (patterns compiled here, never per call)."""

    def __init__(self, lexicon: TimeLexicon) -> None:
        self.lex = lexicon
        lx = lexicon
        self.MONTH = lx.alternation("months")
        self.WD = lx.alternation("weekdays")
        self.UNIT = lx.alternation("units")
        self.SEASON = lx.alternation("seasons")
        self.PART = lx.alternation("parts_of_day")
        ordinals = alternation(k for k in lx.ordinals if k != "last")
        self.ORD = rf"(?:{ordinals}|\d{{1,2}}(?:st|nd|rd|th))"
        self.NUM = (r"(?:\d+(?:\.\d+)?(?: 1/2)?|an?|few|a few|several|some|many|couple|"
                    r"a couple of|couple of|a number of|dozens of|hundreds of)")
        self._number_words = re.compile(
            r"\b" + alternation(lx.numbers) + r"(?:(?:\s+|-)(?:and\s+)?"
            + alternation(lx.numbers) + r")*\b")
        self._clean_steps = _clean_steps()
        tens = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|" \
            r"nineteen|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)" \
            r"(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?)"
        self._year_words = re.compile(
            rf"\b(?P<c>seventeen|eighteen|nineteen)[\s-](?:hundred[\s-](?:and[\s-])?)?"
            rf"(?P<rest>{tens}|oh[\s-](?:one|two|three|four|five|six|seven|eight|nine))\b"
            r"|\btwo thousand(?:[\s-](?:and[\s-])?(?P<small>" + tens
            + r"|one|two|three|four|five|six|seven|eight|nine))?\b")
        self._strip = re.compile(_STRIP_PATTERN)
        self._mods = re.compile(_MOD_PATTERN)
        self._tail = re.compile(r"(?: (?:or so|or more|or later|or earlier|and beyond|or two|"
                                r"and counting|to date|running|straight|in a row))+$")
        from .rules import build_rules  # the rule tables live in rules.py

        self.rules: list[tuple[re.Pattern[str], Handler]] = build_rules(self)
        self._weekday = re.compile(self.WD)

    # -- cleaning ----------------------------------------------------------------------
    def clean(self, text: str) -> str:
        s = text.lower()
        for pattern, repl in self._clean_steps:
            s = pattern.sub(repl, s)
        s = self._year_words.sub(self._year_repl, s)
        s = self._number_words.sub(self._number_repl, s)
        return " ".join(s.split())

    def _year_repl(self, m: re.Match[str]) -> str:
        if m.group("c"):
            century = self.lex.number_value(m.group("c")) or 0
            rest = self.lex.number_value(m.group("rest").replace("oh", "").strip()) or 0
            return str(century * 100 + rest)
        small = m.group("small")
        return str(2000 + (self.lex.number_value(small) or 0 if small else 0))

    def _number_repl(self, m: re.Match[str]) -> str:
        value = self.lex.number_value(m.group(0))
        return m.group(0) if value is None else str(value)

    def strip(self, s: str) -> tuple[str, set[str]]:
        """Drop leading prepositions, hedges and modifiers; return what was dropped."""
        dropped: set[str] = set()
        while True:
            m = self._strip.match(s) or self._mods.match(s)
            if not m or m.end() >= len(s):
                break
            dropped.add(m.group(1).strip())
            s = s[m.end():]
        s = self._tail.sub("", s)
        return s, dropped

    # -- entry point -------------------------------------------------------------------
    def __call__(self, text: str, anchor: dt.date | None, *, tense: str | None = None,
                 references: Sequence[str] = ()) -> Result | None:
        return self.explain(text, anchor, tense=tense, references=references)[0]

    def explain(self, text: str, anchor: dt.date | None, *, tense: str | None = None,
                references: Sequence[str] = ()) -> tuple[Result | None, bool]:
        """The result, and whether it was counted from one of the ``references``."""
        if anchor is None:
            return self._unanchored(text, tense, references)
        ctx = _Ctx(anchor, _DIRECTION.get(tense or "", -1), tuple(references),
                   tense_given=tense in _DIRECTION)
        s0 = self.clean(text)
        if not s0:
            return None, False
        ref = self.lex.references.get(s0)
        if ref:
            return ("DATE", ref), False
        s, dropped = self.strip(s0)
        ctx.notes = dropped
        result = self._match(s, ctx)
        if result is None and s != s0:
            result = self._match(s0, ctx)
        if result is None and s.startswith(("a ", "an ")):  # "a fourth-quarter", "an Aug. 10"
            result = self._match(self.strip(s.split(" ", 1)[1])[0], ctx)
        if result is None:
            return None, False
        return result, ctx.used_reference

    def _unanchored(self, text: str, tense: str | None,
                    references: Sequence[str]) -> tuple[Result | None, bool]:
        """No anchor: normalize against stand-ins and keep only what does not depend on them."""
        runs = [self.explain(text, probe, tense=tense, references=references)
                for probe in _PROBE_ANCHORS]
        first, derived = runs[0]
        if first is None or any(r[0] is None or r[0][0] != first[0] for r in runs):
            return first, derived
        value = _unknown_digits([r[0][1] for r in runs if r[0] is not None])
        if value == "XXXX-XX-XX" and self._weekday.fullmatch(self.strip(self.clean(text))[0]):
            weekday = self.lex.weekdays[self.strip(self.clean(text))[0]]
            value = f"XXXX-WXX-{weekday}"  # "Thursday" with no date: some Thursday
        return (first[0], value), derived

    def _match(self, s: str, ctx: _Ctx) -> Result | None:
        ref = self.lex.references.get(s)
        if ref:
            return ("DATE", ref)
        for pattern, handler in self.rules:
            m = pattern.fullmatch(s)
            if m:
                try:
                    result = handler(m, ctx)
                except (ValueError, OverflowError, KeyError):
                    result = None
                if result is not None:
                    return result
        return None


def _clean_steps() -> list[tuple[re.Pattern[str], str]]:
    steps = [
        (r"[\u2018\u2019\u02bc`]", "'"),
        (r"[\u2013\u2014\u2212]", "-"),
        (r"\b([ap])\.? ?m\b\.?", r"\1m"),            # a.m. -> am
        (r"'s\b|(?<=s)'(?=\s|$)", ""),                # possessives
        (r"(?<=[a-z])\.", " "),                       # sept. -> sept
        (r"(?<!\d):|:(?!\d)", " "),
        (r"(?<=\d),(?=\d{3}\b)", ""),
        (r"[,;!?\"()\[\]{}]", " "),
        (r"(?<=[a-z'])-|-(?=[a-z'])", " "),           # third-quarter, mid-1990s, two-year
        (r"\b(\d{4})-(\d\d)-(\d\d)\b", r"\1_\2_\3"),  # ISO dates kept whole
        (r"(?<=\d)-(?=\d{1,2}\b)", " to "),           # 1990-91, 12-18 months
        (r"\.+$|^\.+", ""),
    ]
    return [(re.compile(p), r) for p, r in steps]


_STRIP_WORDS = (
    "the", "on", "in", "at", "by", "during", "for", "from", "since", "until", "till", "til",
    "through", "throughout", "within", "over", "under", "about", "around", "approximately",
    "roughly", "nearly", "almost", "just", "only", "barely", "both", "as of", "as early as",
    "as soon as",
    "as late as", "as recently as", "as long as", "as much as", "more than", "less than",
    "fewer than", "at least", "at most", "up to", "no later than", "no earlier than",
    "no more than", "no less than", "not more than",
    "sometime", "sometime in", "some time in", "fiscal", "its", "their", "his", "her", "our",
    "a good part of", "much of", "most of", "all of", "part of", "each of", "well",
    "an estimated", "a full", "an additional", "another", "the whole", "all", "of",
    "beginning", "starting", "effective", "after", "before", "prior to",
)
_MOD_WORDS = (
    "early", "late", "mid", "middle of", "the middle of", "end of", "the end of", "the close of",
    "beginning of", "the beginning of", "start of", "the start of", "the turn of",
    "the rest of", "the remainder of", "earlier", "later", "very",
)


def _alt_words(words: Sequence[str]) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_STRIP_PATTERN = rf"((?:{_alt_words(_STRIP_WORDS)}))\s+(?=\S)"
_MOD_PATTERN = rf"((?:{_alt_words(_MOD_WORDS)}))\s+(?=\S)"


@functools.cache
def default_normalizer() -> Normalizer:
    return Normalizer(default_lexicon())


def normalize(text: str, anchor: dt.date | None, *, tense: str | None = None,
              references: Sequence[str] = ()) -> Result | None:
    """The TIMEX3 ``(type, value)`` of one expression, or None if it is not one we know.

    ``type`` is DATE, TIME, DURATION or SET. See the module docstring for ``anchor``,
    ``tense`` and ``references``. Never raises on any string.
    """
    return default_normalizer()(text, anchor, tense=tense, references=tuple(references))
