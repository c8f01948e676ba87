"""``is_location_use``: a place name used as a location, or for its government or people."""

from __future__ import annotations

import pytest

from eventwire.geo import is_location_span, is_location_use


def name_span(nlp, text, name):
    doc = nlp(text)
    start = text.index(name)
    span = doc.char_span(start, start + len(name))
    assert span is not None
    return span, doc


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("Putin addressed a press conference in Minsk on Friday.", "Minsk", True),
        ("Fighting raged near Bakhmut for a third day.", "Bakhmut", True),
        ("The ministers met at Geneva to resume the talks.", "Geneva", True),
        ("Protests spread across Europe over the weekend.", "Europe", True),
        ("Thousands fled from Aleppo as the shelling intensified.", "Aleppo", True),
        ("The president flew to Kyiv on an unannounced trip.", "Kyiv", True),
        ("Artillery shelled Kharkiv overnight, officials said.", "Kharkiv", True),
        ("Biden visited Beijing last year.", "Beijing", True),
        ("Leaders gathered for the Minsk summit on Tuesday.", "Minsk", True),
        ("Rescuers searched the outskirts of Kabul for survivors.", "Kabul", True),
        ("Kyiv said the strikes had hit power plants.", "Kyiv", False),
        ("Russia launched a full-scale invasion in 2022.", "Russia", False),
        ("Washington imposed new sanctions on Tuesday.", "Washington", False),
        ("Ukraine's push to join NATO angered the Kremlin.", "Ukraine", False),
        ("US officials declined to comment on the report.", "US", False),
        ("The US paused weapon deliveries to Kyiv.", "Kyiv", False),
        ("Talks with Moscow broke down in March.", "Moscow", False),
        ("The EU agreed new sanctions against Iran.", "Iran", False),
        ("Western nations have repeatedly betrayed Russia, he said.", "Russia", False),
    ],
)
def test_location_use(nlp, text, name, expected):
    span, doc = name_span(nlp, text, name)
    assert is_location_use(span, doc) is expected


def test_location_span_by_offsets(nlp):
    text = "Putin spoke in Minsk, and Kyiv said it would respond."
    doc = nlp(text)
    minsk = text.index("Minsk")
    kyiv = text.index("Kyiv")
    assert is_location_span(doc, (minsk, minsk + 5)) is True
    assert is_location_span(doc, (kyiv, kyiv + 4)) is False
