"""Datelines and wire credits, as (body, expected) tables. No model needed."""

from __future__ import annotations

import pytest

from eventwire.components.metadata import parse_metadata, parse_month_day


@pytest.mark.parametrize(
    ("body", "article_date", "credit", "place", "dateline_date"),
    [
        ("KUALA LUMPUR, April 1, 1997 (AFP) - Malaysian shares fell on Tuesday.",
         "1997-04-01", "AFP", "Kuala Lumpur", "1997-04-01"),
        ("GENEVA, March 3 (Reuters) - Talks resumed on Monday between the envoys.",
         "2024-03-03", "Reuters", "Geneva", "2024-03-03"),
        ("BEIJING, June 5 (Xinhua) -- China's foreign ministry said on Wednesday ...",
         "2019-06-05", "Xinhua", "Beijing", "2019-06-05"),
        ("NAIROBI, Kenya, Oct. 12, 2023 (AFP) - Kenyan police fired tear gas.",
         "2023-10-12", "AFP", "Nairobi, Kenya", "2023-10-12"),
        ("UNITED NATIONS, Dec. 31 (AP) - The council met late on New Year's Eve.",
         "2025-01-01", "AP", "United Nations", "2024-12-31"),
        ("MOSCOW (Interfax) - The Kremlin declined to comment on the report.",
         None, "Interfax", "Moscow", None),
        ("MANAGUA -- Two aid workers seized on the coast road were freed on Sunday.",
         None, None, "Managua", None),
        ("QUETTA: Traders shut their shops on Monday to protest against the new tax.",
         None, None, "Quetta", None),
    ],
)
def test_dateline_in_body(kb, body, article_date, credit, place, dateline_date):
    meta = parse_metadata(body, article_date, None, kb)
    assert meta.wire_credit == credit
    assert meta.dateline_place == place
    assert meta.dateline_date == dateline_date
    start, end = meta.dateline_span
    assert start == 0
    assert not body[end:].startswith(("-", " ")), "the span covers the dash and white space"


@pytest.mark.parametrize(
    ("body", "credit", "credit_text"),
    [
        ("The minister left for Delhi on Friday. (ANI)", "ANI", "(ANI)"),
        ("He said the talks would go on.\n\n(IANS)\n", "IANS", "(IANS)"),
        ('"We will not back down," she said. (Agence France-Presse)', "AFP",
         "(Agence France-Presse)"),
        ("Officials said the border stayed closed.", None, None),
        ("The alliance was founded in 1949 by twelve states (NATO).", None, None),
        ("Ministers met in Brussels (Belgium)", None, None),
    ],
)
def test_closing_credit(kb, body, credit, credit_text):
    meta = parse_metadata(body, None, None, kb)
    assert meta.wire_credit == credit
    if credit_text:
        s, e = meta.wire_credit_span
        assert body[s:e] == credit_text
    else:
        assert meta.wire_credit_span is None


@pytest.mark.parametrize(
    ("body", "dateline"),
    [
        ("WASHINGTON is bracing for a long budget fight, analysts said.", None),
        ("NATO allies met on Tuesday - and agreed on nothing.", None),
        ("US President Donald Trump said on Thursday that the call went well.", None),
    ],
)
def test_no_false_dateline(kb, body, dateline):
    assert parse_metadata(body, "2025-07-04", None, kb).dateline_span == dateline


def test_dateline_field_gives_credit_and_date(kb):
    meta = parse_metadata("Russian prosecutors opened a probe.", "1997-04-01",
                          "MOSCOW, April 1 , 1997 (AFP)", kb)
    assert (meta.wire_credit, meta.dateline_place, meta.dateline_date) == (
        "AFP", "Moscow", "1997-04-01")
    assert meta.dateline_span is None  # not in the body: nothing to exclude


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("April 1 , 1997", None, "1997-04-01"),
        ("Sept. 12", "2017-09-12", "2017-09-12"),
        ("Dec. 31", "2025-01-01", "2024-12-31"),
        ("Jan. 2", "2024-12-30", "2025-01-02"),
        ("Feb. 30", "2024-02-01", None),
        ("June 5", None, None),
    ],
)
def test_parse_month_day(text, anchor, expected):
    assert parse_month_day(text, anchor) == expected


@pytest.mark.parametrize("body", ["US (AP) - The president spoke.", "NATO - Allies met.",
                                  "UPDATE: The minister spoke.", "NEW: Talks resumed."])
def test_a_rejected_dateline_gives_no_credit_or_place(kb, body):
    meta = parse_metadata(body, None, None, kb)
    assert (meta.wire_credit, meta.dateline_place, meta.dateline_span) == (None, None, None)
