"""Finding time expressions in parsed text: extents, splits, joins, tense, anchors."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.temporal import find_times
from eventwire.temporal.find import tense_of

ANCHOR = dt.date(2025, 7, 4)  # a Friday


def found(nlp, text, anchor=ANCHOR, excluded=()):
    doc = nlp(text)
    out = find_times(doc, anchor, excluded=excluded)
    for f in out:
        assert text[f.start:f.end] == f.text
    return [(f.text, f.type, f.value) for f in out]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The minister arrived in Minsk on Thursday for two days of talks.",
         [("Thursday", "DATE", "2025-07-03"), ("two days", "DURATION", "P2D")]),
        ("Exports fell sharply in last year's second half, officials said on Monday.",
         [("last year's second half", "DATE", "2024-H2"), ("Monday", "DATE", "2025-06-30")]),
        ("Net income for the quarter ended Sept. 30 rose 12%.",
         [("the quarter", "DATE", "2025-Q2"), ("Sept. 30", "DATE", "2024-09-30")]),
        ("The talks ran from Aug. 26 to Oct. 20 without a breakthrough.",
         [("Aug. 26", "DATE", "2024-08-26"), ("Oct. 20", "DATE", "2024-10-20")]),
        ("Protesters gathered again Wednesday night outside the parliament.",
         [("Wednesday night", "TIME", "2025-07-02TNI")]),
        ("The 52-year-old governor, who is 52 years old, resigned.", []),
        ("Prices have risen recently, and analysts expect more increases in the future.",
         [("recently", "DATE", "PAST_REF"), ("the future", "DATE", "FUTURE_REF")]),
        ("Rebels have attacked the town every Monday since the ceasefire collapsed.",
         [("every Monday", "SET", "XXXX-WXX-1")]),
        ("The dispute dates back decades, diplomats say.",
         [("decades", "DATE", "PAST_REF")]),
        ("The strike ended a day after the government raised wages.",
         [("a day after", "DATE", "XXXX-XX-XX")]),
    ],
)
def test_find(nlp, text, expected):
    assert found(nlp, text) == expected


def test_future_tense_moves_a_weekday_forward(nlp):
    assert found(nlp, "The envoys will meet again on Tuesday in Geneva.") == [
        ("Tuesday", "DATE", "2025-07-08")]
    assert found(nlp, "The envoys met again on Tuesday in Geneva.") == [
        ("Tuesday", "DATE", "2025-07-01")]


def test_tense_of(nlp):
    doc = nlp("The council will vote on Monday. It voted on Friday.")
    monday, friday = (e for e in doc.ents if e.label_ == "DATE")
    assert tense_of(monday) == "future"
    assert tense_of(friday) == "past"


def test_event_relative_expression_counts_from_a_date_in_its_clause(nlp):
    text = "Fighting resumed two days after the ceasefire of June 20, 2025 collapsed."
    values = dict((t, v) for t, _, v in found(nlp, text))
    assert values.get("two days after") == "2025-06-22"


def test_that_day_follows_the_latest_date(nlp):
    text = ("The explosion happened on June 3, 2025. Rescuers arrived later that day, "
            "officials said.")
    assert ("that day", "DATE", "2025-06-03") in [
        (t.replace("later ", ""), k, v) for t, k, v in found(nlp, text)]


def test_excluded_spans_are_skipped(nlp):
    text = "MOSCOW, July 3 (AFP) - The Kremlin rejected the offer on Thursday."
    result = found(nlp, text, excluded=[(0, 23)])
    assert result == [("Thursday", "DATE", "2025-07-03")]


def test_without_an_anchor_no_date_is_invented(nlp):
    text = "The vote took place on Thursday, after the June 27, 2025 summit, in 2022 terms."
    values = {t: v for t, _, v in found(nlp, text, anchor=None)}
    assert values["Thursday"] == "XXXX-WXX-4"
    assert values["June 27, 2025"] == "2025-06-27"


def test_dateparser_fallback_keeps_precision():
    pytest.importorskip("dateparser")
    from eventwire.temporal import fallback

    anchor = dt.date(2025, 7, 4)
    assert fallback.parse("2022", anchor) == ("DATE", "2022")
    assert fallback.parse("12.10.2024", anchor) == ("DATE", "2024-12-10")
    assert fallback.parse("June 27", None) is None
    assert fallback.parse("the Kremlin", anchor) is None
