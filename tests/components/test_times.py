"""The ``times`` component in the pipeline: anchors, metadata spans, spans into the body."""

from __future__ import annotations

import pytest

from eventwire import Article, Pipeline
from eventwire.components import DEFAULT_COMPONENTS
from eventwire.components.times import anchor_date


@pytest.fixture(scope="module")
def times_pipeline(kb, nlp):
    return Pipeline(kb=kb, nlp=nlp, components=("metadata", "actors", "quotes", "times"))


def times_of(pipeline, body, date=None, dateline=None):
    analysis = pipeline.analyze(Article(body=body, date=date, dateline=dateline))
    for t in analysis.times:
        assert body[t.span[0]:t.span[1]] == t.text
    return {t.text: (t.type, t.value) for t in analysis.times}


def test_runs_after_quotes():
    assert DEFAULT_COMPONENTS.index("times") > DEFAULT_COMPONENTS.index("quotes")


@pytest.mark.parametrize(
    ("body", "expression", "value"),
    [
        # "today" in a quote is the day the words were spoken, not the article's day
        ('Speaking to reporters on Thursday, Trump said the call went badly. "I made no '
         'progress with him today," Trump said.', "today", "2025-07-03"),
        ('On Monday, the minister said: "We will sign the deal tomorrow."', "tomorrow",
         "2025-07-01"),
        # outside quotes, or in a quote whose day the text does not give: the article's day
        ('"We will sign the deal tomorrow," the minister said.', "tomorrow", "2025-07-05"),
        ("The talks ended today.", "today", "2025-07-04"),
    ],
)
def test_expressions_in_quotes_count_from_the_day_spoken(times_pipeline, body, expression,
                                                         value):
    assert times_of(times_pipeline, body, date="2025-07-04")[expression][1] == value


def test_article_date_is_the_anchor(times_pipeline):
    body = ("Ministers met in Brussels on Thursday and agreed to meet again next week. "
            "The bloc imposed its first sanctions in 2022.")
    assert times_of(times_pipeline, body, date="2025-07-04") == {
        "Thursday": ("DATE", "2025-07-03"),
        "next week": ("DATE", "2025-W28"),
        "2022": ("DATE", "2022"),
    }


def test_dateline_date_wins_over_the_header(times_pipeline):
    body = "SYDNEY, July 3 (AFP) - Australia's central bank held rates steady today."
    result = times_of(times_pipeline, body, date="2025-07-04")
    assert result == {"today": ("DATE", "2025-07-03")}, "the dateline itself is skipped"


def test_no_date_at_all(times_pipeline):
    body = "Talks resumed on Monday, three years after the accord of March 5, 2019."
    result = times_of(times_pipeline, body)
    assert result["Monday"] == ("DATE", "XXXX-WXX-1")
    assert result["March 5, 2019"] == ("DATE", "2019-03-05")


def test_wire_credit_is_skipped(times_pipeline):
    body = "The minister left for Delhi on Friday. (ANI)"
    assert times_of(times_pipeline, body, date="2025-07-04") == {"Friday": ("DATE", "2025-07-04")}


@pytest.mark.parametrize(("value", "expected"), [
    ("2025-07-04", "2025-07-04"), ("2025-07-04T10:00:00", "2025-07-04"), (None, None),
    ("junk", None)])
def test_anchor_date(value, expected):
    result = anchor_date(value)
    assert (result.isoformat() if result else None) == expected


@pytest.mark.needs_shared
def test_seed_article(pipeline):
    import eventwire as ew

    from ..conftest import SEED

    [analysis] = list(ew.extract_articles([SEED], pipeline=pipeline))
    values = {(t.text, t.value) for t in analysis.times}
    assert ("Thursday", "2025-07-03") in values
    assert ("June 27", "2025-06-27") in values
    assert ("2022", "2022") in values
    # in Trump's quote: the day he spoke ("Speaking to reporters on Thursday")
    assert ("today", "2025-07-03") in values
    # counted from the weapons pause, which the event coder dates (the day before the call)
    assert ("a day after", "2025-07-02") in values
