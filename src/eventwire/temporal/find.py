"""Time expressions in a parsed ``Doc``: candidates, TIMEX3 extents, values.

1. Candidates: spaCy's DATE and TIME entities, plus what the small model misses
   ("now", "recently", "the future", "daily", weekday names), from one regular expression
   compiled once and run once over the text.
2. Extents as in TempEval-3: leading prepositions and a trailing possessive dropped
   ("on Thursday" -> "Thursday", "last year's" -> "last year"); "the quarter ended Sept. 30"
   and "Aug. 26 to Oct. 20" split in two; adjacent pieces joined ("Wednesday" + "night");
   ages ("52 years old") and bare numbers dropped.
3. Values, in text order: each expression is normalized against the anchor with the tense
   of the verb that governs it and the values already found (for "that day",
   "a year earlier", "the quarter"). "<N units> after/before <clause>" counts from a date
   in that clause when one is found there; otherwise its value keeps the precision with the
   digits unknown ("a day after" -> XXXX-XX-XX), for the events component to re-anchor with
   ``temporal.resolve``.

Work per article is one pass over the entities and one regex scan; tense is read from the
expression's own head chain (a few tokens), never by re-walking the document.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from . import calendar as cal
from . import fallback
from .lexicon import TimeLexicon, alternation, default_lexicon
from .normalize import Normalizer, default_normalizer

_FUTURE_AUX = {"will", "shall", "'ll", "wo", "going", "would", "might", "could", "may", "can",
               "should", "must", "'d"}
_FUTURE_LEMMAS = {"schedule", "expect", "plan", "due", "set", "slate", "hope", "intend",
                  "aim", "propose", "prepare", "vow", "promise", "threaten", "seek", "want"}
_LEAD = re.compile(
    r"^(?:(?:on|in|at(?! least| most)|by|for|from|since|until|till|to|during|through|"
    r"throughout|of|after|before|between|as of|as early as|as soon as|as late as|"
    r"as recently as|just|only|barely|both|even|still|and|or|but|with|into|than|per|like|"
    r"over|while|including|sometime in)\s+)+",
    re.IGNORECASE)
_TRAIL = re.compile(r"(?:'s|\u2019s|'|\u2019|[\s,.;:!?\"\u201d)(-]|\s(?:and|or|to|but))+$")
_SPLIT_END = re.compile(r"\s+(?:that |which )?(?:ended|ending|ends|end)\s+", re.IGNORECASE)
_SPLIT = re.compile(r"\s+(?:to|through|thru|until|till|and|or|-|\u2013)\s+|,\s+(?=\d{4}\b)",
                    re.IGNORECASE)
_AGE = re.compile(r"\bold\b|^\d{1,3}$|^\d{5,}$|^\d{3}$", re.IGNORECASE)
_RELATIVE_TO_EVENT = re.compile(r"\b(?:after|before)$", re.IGNORECASE)
#: any date: extents are decided by whether a piece normalizes at all, not by its value
_PROBE = dt.date(2000, 6, 15)
_BAD_SOLO = {"may", "march", "sun", "sat", "wed", "mar", "jan", "dec", "fall", "spring",
             "second", "present", "past", "future", "current", "day", "night", "time",
             "the time", "later", "earlier", "once", "then", "annual", "quarterly"}


@dataclass(frozen=True, slots=True)
class Found:
    """One time expression: ``text == body[start:end]``."""

    start: int
    end: int
    text: str
    type: str
    value: str


class TimeFinder:
    """Finds and normalizes the time expressions of a ``Doc`` (build once, reuse)."""

    def __init__(self, lexicon: TimeLexicon, normalizer: Normalizer, *,
                 use_fallback: bool = False) -> None:
        self.normalizer = normalizer
        self.use_fallback = use_fallback  # dateparser for spaCy dates our rules cannot read
        weekdays = alternation(k for k in lexicon.weekdays if len(k) > 3)
        sets = alternation(lexicon.adverbs_set)
        months = alternation(k for k in lexicon.months if len(k) > 3 or k == "may")
        self._extra = re.compile(
            r"\b(?:(?:right |just |until |up to |by )?now|currently|current|recently|recent|"
            r"(?:the (?:near |distant |foreseeable )?)?future|the past|these days|nowadays|"
            r"lately|presently|at present|(?:more |most )?recently|"
            rf"{sets}|(?:every|each) (?:day|week|month|year|morning|night|evening|{weekdays})|"
            rf"(?:(?:last|next|this|early|late) )?{weekdays}(?: (?:morning|afternoon|evening|"
            rf"night))?|(?:early |late |mid-?)?{months}(?: \d{{1,2}}(?:, \d{{4}})?)?)\b",
            re.IGNORECASE)

    # -- candidates ------------------------------------------------------------------------
    def candidates(self, doc: Doc, excluded: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
        spans = [(_extend_left(e), _extend_right(e)) for e in doc.ents
                 if e.label_ in ("DATE", "TIME")]
        text = doc.text  # built anew on every access: read it once
        for m in self._extra.finditer(text):
            s, e = m.span()
            inside = [(a, b) for a, b in spans if a < e and s < b]
            if all(s <= a and b <= e for a, b in inside):  # new, or wider ("every Monday")
                spans = [x for x in spans if x not in inside] + [(s, e)]
        out = []
        for s, e in sorted(spans):
            if any(a < e and s < b for a, b in excluded):
                continue
            out.extend(self._pieces(text, s, e))
        return _join_adjacent(text, out, self.normalizer)

    def _pieces(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """Trim one candidate to TIMEX3 extents, splitting "X ended Y" / "X to Y"."""
        s, e = _trim(text, start, end)
        if s >= e:
            return []
        chunk = text[s:e]
        anchor = _PROBE
        for pattern, durations_ok in ((_SPLIT_END, True), (_SPLIT, False)):
            m = pattern.search(chunk)
            if not m:
                continue
            pieces = [p for p in (_trim(text, s, s + m.start()), _trim(text, s + m.end(), e))
                      if p[0] < p[1]]
            results = [self.normalizer(text[a:b], anchor) for a, b in pieces]
            if len(pieces) == 2 and all(r is not None and (durations_ok or r[0] != "DURATION")
                                        for r in results):
                return pieces
        return [(s, e)]

    # -- the whole pass ---------------------------------------------------------------------
    def find(self, doc: Doc, anchor: dt.date | None, *,
             excluded: Sequence[tuple[int, int]] = ()) -> list[Found]:
        text = doc.text
        found: list[Found] = []
        references: list[str] = []
        pending: list[int] = []  # indexes of "... after/before" expressions
        for s, e in self.candidates(doc, excluded):
            chunk = text[s:e]
            low = chunk.lower()
            if low in _BAD_SOLO and not self._solo_ok(doc, s, e, low):
                continue
            if _AGE.search(low) and not re.fullmatch(r"[12]\d{3}", low):
                continue
            span = doc.char_span(s, e, alignment_mode="expand")
            tense = tense_of(span) if span is not None else None
            relative_to_event = bool(_RELATIVE_TO_EVENT.search(low))
            result, derived = self.normalizer.explain(
                chunk, None if relative_to_event else anchor, tense=tense,
                references=tuple(reversed(references[-6:])))
            if result is None and self.use_fallback and _from_spacy(doc, s, e):
                result, derived = fallback.parse(chunk, anchor), False
            if result is None:
                continue
            kind, value = result
            if kind == "DURATION" and span is not None and _is_per(span):
                kind = "SET"
            if kind == "DURATION" and span is not None and span.start > 0 and \
                    doc[span.start - 1].lower_ == "back":  # "date back decades": = "decades ago"
                back = self.normalizer(chunk + " ago", anchor)
                kind, value = back if back is not None else (kind, value)
            if relative_to_event:
                pending.append(len(found))
            elif kind in ("DATE", "TIME") and cal.precision(value) >= 1 and "X" not in value \
                    and not derived:
                references.append(value)
            found.append(Found(s, e, chunk, kind, value))
        for i in pending:
            found[i] = self._anchor_to_clause(doc, found, i)
        return found

    def _solo_ok(self, doc: Doc, start: int, end: int, low: str) -> bool:
        """Ambiguous one-word candidates ("May", "March", "current") need support."""
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return False
        tok = span[0]
        if low in ("may", "march", "mar", "jan", "dec", "sun", "sat", "wed"):
            return tok.ent_type_ == "DATE" or (tok.pos_ == "PROPN" and tok.tag_ == "NNP"
                                               and tok.i > 0 and
                                               doc[tok.i - 1].lower_ in ("in", "since", "until",
                                                                         "by", "last", "next"))
        if low in ("current", "future"):
            return tok.pos_ in ("ADJ", "NOUN") and tok.ent_type_ != "ORG"
        return tok.ent_type_ in ("DATE", "TIME")

    def _anchor_to_clause(self, doc: Doc, found: list[Found], i: int) -> Found:
        """ "two days after the vote on Nov. 3": count from a date in the same sentence."""
        item = found[i]
        span = doc.char_span(item.start, item.end, alignment_mode="expand")
        if span is None or not doc.has_annotation("SENT_START"):
            return item
        sent_end = span.sent.end_char
        for other in found[i + 1:]:
            if other.start >= sent_end:
                break
            if other.type in ("DATE", "TIME") and cal.precision(other.value) >= 4 \
                    and "X" not in other.value:
                event_day = dt.date.fromisoformat(other.value[:10])
                result = self.normalizer(item.text, event_day)
                if result is not None:
                    return Found(item.start, item.end, item.text, result[0], result[1])
                break
        return item


_LEFT_WORDS = {"this", "last", "next", "that", "the", "each", "every", "per", "earlier", "later",
               "early", "late", "past", "coming", "previous", "same"}
_UNIT_WORDS = {"year", "years", "month", "months", "week", "weeks", "quarter", "quarters",
               "day", "days", "weekend", "decade", "decades", "century", "morning", "afternoon",
               "evening", "night", "summer", "winter", "spring", "fall", "autumn", "period"}


def _extend_left(ent: Span) -> int:
    """ "this" + "year" when spaCy's entity starts at the unit word."""
    first = ent[0]
    if first.lower_ in _UNIT_WORDS and first.i > 0:
        prev = ent.doc[first.i - 1]
        if prev.lower_ in _LEFT_WORDS:
            return prev.idx
    return ent.start_char


def _extend_right(ent: Span) -> int:
    """ "a day" + "after" when a clause follows: counted from that event (see ``find``)."""
    doc = ent.doc
    if ent.end < len(doc) - 1 and doc[ent.end].lower_ in ("after", "before") and \
            ent[-1].lower_ in _UNIT_WORDS and not doc[ent.end + 1].is_punct and \
            doc[ent.end + 1].ent_type_ not in ("DATE", "TIME"):
        return doc[ent.end].idx + len(doc[ent.end])
    return ent.end_char


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    chunk = text[start:end]
    m = _LEAD.match(chunk)
    if m:
        start += m.end()
    chunk = text[start:end]
    t = _TRAIL.search(chunk)
    if t:
        keep = chunk[:t.start()]
        # keep a final dot of an abbreviation ("Sept.") or of "a.m."
        if chunk[t.start():].startswith(".") and re.search(r"(?:\b[A-Za-z]{1,4}|\.[a-z])$",
                                                          keep):
            keep += "."
        end = start + len(keep)
    while start < end and text[start] in " \t\n\"'(\u201c":
        start += 1
    return start, end


def _join_adjacent(text: str, spans: list[tuple[int, int]],
                   normalizer: Normalizer) -> list[tuple[int, int]]:
    """ "Wednesday" + "night", "noon" + "Thursday", "Thursday" + ", April 6": one expression."""
    out: list[tuple[int, int]] = []
    anchor = _PROBE
    for s, e in spans:
        if out and out[-1][1] <= s:
            ps, pe = out[-1]
            gap = text[pe:s]
            if re.fullmatch(r" ?|, ", gap) and "\n" not in gap:
                joined = normalizer(text[ps:e], anchor)
                if joined is not None and joined[0] != "DURATION":
                    out[-1] = (ps, e)
                    continue
        if out and s < out[-1][1]:  # overlap: keep the longer
            if e - s > out[-1][1] - out[-1][0]:
                out[-1] = (s, e)
            continue
        out.append((s, e))
    return out


def _from_spacy(doc: Doc, start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and all(t.ent_type_ in ("DATE", "TIME") for t in span)


def _is_per(span: Span) -> bool:
    """ "$5 a year", "twice a week", "per day": a frequency, not a length."""
    first = span[0]
    if first.lower_ == "per":
        return True
    if first.lower_ in ("a", "an") and len(span) == 2 and first.i > 0:
        prev = span.doc[first.i - 1]
        return prev.like_num or prev.ent_type_ in ("MONEY", "QUANTITY", "PERCENT", "CARDINAL") \
            or prev.lower_ in ("times", "twice", "once", "thrice")
    return False


def tense_of(span: Span) -> str | None:
    """past / present / future of the verb that governs ``span``, or None.

    Only a verb reached directly or through a preposition counts ("met Monday", "on Friday
    he said"); an expression that modifies a noun ("the Jan. 14 deadline", "payable Dec. 7")
    has no tense of its own.
    """
    tok: Token = span.root
    for _ in range(3):
        if tok.head is tok:
            return None
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            break
        if tok.pos_ != "ADP":
            return None
    else:
        return None
    if span.doc[max(span.start - 3, 0):span.start].text.lower() in ("as soon as", "as early as"):
        return "future"  # "as soon as Tuesday"
    if tok.lemma_ in _FUTURE_LEMMAS:
        return "future"  # "is scheduled", "planned a rally Saturday"
    aux = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    if any(c.lower_ == "to" for c in aux):
        return "future"  # "asked it to respond by Oct. 31"
    return tense_of_token(tok)


def tense_of_token(tok: Token) -> str | None:
    aux = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    if any(c.lower_ in _FUTURE_AUX for c in aux):
        return "future"
    if tok.tag_ == "VBD" or any(c.tag_ == "VBD" for c in aux):
        return "past"
    if tok.tag_ == "VBN" and (not aux or any(c.lemma_ == "have" for c in aux)):
        return "past"  # "has said", "the quarter ended Sept. 30", "announced Wednesday"
    if tok.tag_ == "VBG" and any(c.lower_ in ("is", "are", "'s", "'re", "am") for c in aux):
        return "future"
    if tok.tag_ in ("VBZ", "VBP"):
        return "present"
    return None


@functools.cache
def default_finder() -> TimeFinder:
    return TimeFinder(default_lexicon(), default_normalizer())


def find_times(doc: Doc, anchor: dt.date | None, *,
               excluded: Sequence[tuple[int, int]] = ()) -> list[Found]:
    """The time expressions of ``doc`` with TIMEX3 types and values (see module docstring)."""
    return default_finder().find(doc, anchor, excluded=excluded)
