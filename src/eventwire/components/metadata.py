"""Article furniture: the dateline ("KUALA LUMPUR, April 1, 1997 (AFP) -") and the wire
credit (a closing "(ANI)", or the agency in the dateline). Both are metadata: later
components skip their spans, so they never leak into names or quotes."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from ..kb import KnowledgeBase
from ..model import Metadata
from .registry import Context, component

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|"
          r"Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DATE = rf"(?P<date>{_MONTH}\s+\d{{1,2}}(?:\s*,\s*\d{{4}})?)"
_PLACE = (r"(?P<place>[A-Z][A-Z'\u2019.\-]+(?:[ \-][A-Z][A-Z'\u2019.\-]+)*"
          r"(?:,\s*[A-Z][A-Za-z.\-]+(?: [A-Z][A-Za-z.\-]+)*)?)")
_CREDIT = r"\((?P<credit>[A-Z][A-Za-z&\-]*(?:[ /][A-Z][A-Za-z\-]+){0,3})\)"
_DASH = r"(?:-{1,2}|\u2014|\u2013)"

DATELINE_IN_BODY = re.compile(
    rf"\A\s*{_PLACE}(?:\s*,\s*{_DATE})?\s*(?:{_CREDIT})?\s*(?:{_DASH}|:(?=\s))\s*")
DATELINE_FIELD = re.compile(rf"\A\s*{_PLACE}(?:\s*,\s*{_DATE})?\s*(?:{_CREDIT})?\s*\Z")
CLOSING_CREDIT = re.compile(
    rf"(?:(?<=[.!?\"\u201d'\u2019)\]])|(?<=\n)|\A)\s*{_CREDIT}\s*\Z")

#: capitals that open a story without being a place: "UPDATE: ...", "BREAKING -- ..."
LABELS = frozenset({"UPDATE", "UPDATED", "BREAKING", "NEW", "EXCLUSIVE", "ANALYSIS", "WATCH",
                    "CORRECTION", "EDITORIAL", "OPINION", "COMMENT", "FACTBOX", "TIMELINE",
                    "PROFILE", "INTERVIEW", "REVIEW", "LIVE", "VIDEO", "PHOTOS", "NOTE",
                    "URGENT", "FLASH", "ALERT", "REPEAT", "WRAPUP", "FEATURE", "BULLETIN"})

_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}


@component("metadata", requires=("article", "kb"), assigns=("metadata",))
def find_metadata(ctx: Context) -> Mapping[str, Any]:
    return {"metadata": parse_metadata(ctx.article.body, ctx.article.date,
                                       ctx.article.dateline, ctx.kb)}


def parse_metadata(body: str, article_date: str | None, dateline_field: str | None,
                   kb: KnowledgeBase) -> Metadata:
    fields: dict[str, Any] = {}
    credit = None
    match = DATELINE_IN_BODY.match(body)
    if match and not _is_dateline(match, kb):
        match = None
    if match:
        fields["dateline"] = body[match.start("place"):match.end()].rstrip(" -\u2014\u2013")
        fields["dateline_span"] = (match.start("place"), match.end())
    elif dateline_field:
        match = DATELINE_FIELD.match(dateline_field)
        fields["dateline"] = dateline_field.strip()
    if match:
        fields["dateline_place"] = _title_case(match.group("place"))
        fields["dateline_date"] = parse_month_day(match.group("date"), article_date)
        credit = match.group("credit")
    closing = CLOSING_CREDIT.search(body[-80:])
    if closing and _is_credit(closing.group("credit"), kb):
        offset = len(body) - len(body[-80:])
        fields["wire_credit_span"] = (offset + closing.start("credit") - 1,
                                      offset + closing.end("credit") + 1)
        credit = closing.group("credit")
    if credit and _is_credit(credit, kb):
        agency = kb.wire_agency(credit)
        fields["wire_credit"] = agency.name if agency else credit
    return Metadata(**fields)


def _is_dateline(match: re.Match[str], kb: KnowledgeBase) -> bool:
    """An all-capitals place followed by a date or a credit ("KABUL, May 2 (AFP) -"), or a
    longer one alone before a dash or colon ("GUATEMALA CITY --", "PESHAWAR:")."""
    place = match.group("place").split(",")[0]
    letters = [c for c in place if c.isalpha()]
    if len(letters) < 3 or not all(c.isupper() for c in letters) or place.strip() in LABELS:
        return False
    return bool(match.group("date") or match.group("credit")) or len(letters) >= 5


def _is_credit(text: str, kb: KnowledgeBase) -> bool:
    if kb.wire_agency(text) is not None:
        return True
    compact = text.replace(" ", "")
    return compact.isupper() and 2 <= len(compact) <= 6


def _title_case(place: str) -> str:
    return ", ".join(part.strip().title() if part.strip().isupper() else part.strip()
                     for part in place.split(","))


def parse_month_day(text: str | None, article_date: str | None) -> str | None:
    """ "April 1 , 1997" -> 1997-04-01; "Oct. 12" takes the year of the article date."""
    if not text:
        return None
    m = re.match(r"([A-Za-z]+)\.?\s+(\d{1,2})(?:\s*,\s*(\d{4}))?", text)
    if not m:
        return None
    month = _MONTHS.get(m.group(1)[:3].lower())
    if month is None:
        return None
    day = int(m.group(2))
    if m.group(3):
        year = int(m.group(3))
    elif article_date:
        anchor = dt.date.fromisoformat(article_date)
        year = anchor.year - 1 if month - anchor.month > 6 else anchor.year
        year = anchor.year + 1 if anchor.month - month > 6 else year
    else:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None
