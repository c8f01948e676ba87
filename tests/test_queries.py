"""Read-side queries over a store built from hand-made analyses (no model needed)."""

from __future__ import annotations

import pytest

from eventwire import Store
from eventwire.model import Analysis, Article, Metadata, Quote
from eventwire.queries import QUOTE_COLUMNS, quotes


def _quote(speaker, content, *, said_on=None, reported_by=None, cue="said"):
    return Quote(cue=cue, cue_span=(0, 4), kind="indirect", content=content,
                 content_span=(5, 5 + len(content)), speaker=speaker, said_on=said_on,
                 reported_by=reported_by, confidence=0.8)


@pytest.fixture
def store():
    first = Analysis(
        article=Article(body="x" * 400, id="a1", date="2025-07-04", outlet="Example Wire"),
        metadata=Metadata(wire_credit="ANI"),
        quotes=(_quote("Vladimir Putin", "Russia will not back down", said_on="2025-06-27",
                       reported_by="RT"),
                _quote("Donald Trump", "no progress at all, 50%_ of the time")))
    second = Analysis(
        article=Article(body="y" * 400, id="a2", date="2024-01-10", outlet="Daily Planet"),
        quotes=(_quote("Kremlin spokesman Dmitry Peskov", "the talks were useful"),))
    with Store(":memory:") as s:
        s.write_batch([first, second])
        yield s


@pytest.mark.parametrize(
    ("filters", "speakers"),
    [
        ({}, ["Kremlin spokesman Dmitry Peskov", "Vladimir Putin", "Donald Trump"]),
        ({"speaker": "putin"}, ["Vladimir Putin"]),
        ({"outlet": "rt"}, ["Vladimir Putin"]),
        ({"outlet": "ANI"}, ["Vladimir Putin", "Donald Trump"]),
        ({"outlet": "planet"}, ["Kremlin spokesman Dmitry Peskov"]),
        ({"date_from": "2025-06-01", "date_to": "2025-06-30"}, ["Vladimir Putin"]),
        ({"date_from": "2025-07-01"}, ["Donald Trump"]),
        ({"contains": "50%_"}, ["Donald Trump"]),
        ({"contains": "5_%"}, []),
        ({"speaker": "' OR 1=1 --"}, []),
    ],
)
def test_quote_filters(store, filters, speakers):
    frame = quotes(store, **filters)
    assert list(frame.columns) == list(QUOTE_COLUMNS)
    assert list(frame["speaker"]) == speakers
