"""Quotation marks found and paired, as (text, expected inner texts) tables."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.quotes.marks import find_quoted


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"We will respond," the minister said.', ["We will respond,"]),
        ("\u201cWe will respond,\u201d the minister said.", ["We will respond,"]),
        ("\u00abNous r\u00e9pondrons\u00bb, a dit le ministre.", ["Nous r\u00e9pondrons"]),
        ("\u201eWir antworten\u201c, sagte er.", ["Wir antworten"]),
        ("\u2018We will respond,\u2019 the minister said.", ["We will respond,"]),
        ("''I have never been edited,'' Mr. King told me.", ["I have never been edited,"]),
        ("He called the plan \"dead on arrival\" and left.", ["dead on arrival"]),
        ("The country's leaders didn't say.", []),
        ('She said the "talks were over. The rest is noise.', []),
        ('"It was a pretty long call. We talked about Iran," Trump said.',
         ["It was a pretty long call. We talked about Iran,"]),
        ('"Putin emphasised that Russia seeks to remove the "root causes" of it, Ushakov said.',
         ['Putin emphasised that Russia seeks to remove the "root causes" of it, Ushakov said.']),
        ('Officials said: "The border stays closed.\n\n"Nobody may cross."', [
            "The border stays closed.", "Nobody may cross."]),
    ],
)
def test_quotes_are_paired(text, expected):
    assert [text[q.inner_start:q.inner_end] for q in find_quoted(text)] == expected


def test_a_quote_open_at_a_paragraph_end_continues_in_the_next():
    text = '"We will not leave.\n\n"We will stay until the end," she said.'
    quotes = find_quoted(text)
    assert [q.closed for q in quotes] == [False, True]
    assert [q.continued for q in quotes] == [False, True]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet='ab .,\n"\u201c\u201d\u2018\u2019\'', max_size=80))
def test_quotes_never_fail_and_stay_inside_the_text(text):
    for q in find_quoted(text):
        assert 0 <= q.start <= q.inner_start <= q.inner_end <= q.end <= len(text)
