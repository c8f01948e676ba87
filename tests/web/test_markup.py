"""Article highlighting: spans nest or split, every text piece is escaped (no model)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from eventwire.web.markup import Highlight, highlight

BODY = 'Putin said "Russia will not back down," Ushakov told reporters in Minsk on Friday.'


def H(text: str, kind: str, ref: str = "r", **kw) -> Highlight:  # noqa: N802 - table helper
    start = BODY.index(text)
    return Highlight(start, start + len(text), kind, ref, **kw)


class _Checker(HTMLParser):
    """Collects the text and fails on badly nested tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []
        self.spans: list[tuple[str, str]] = []  # (class, text inside)
        self._open: list[tuple[str, list[str]]] = []

    def handle_starttag(self, tag, attrs):
        self.stack.append(tag)
        self._open.append((dict(attrs).get("class", ""), []))

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack}"
        self.stack.pop()
        cls, parts = self._open.pop()
        self.spans.append((cls, "".join(parts)))
        if self._open:
            self._open[-1][1].extend(parts)

    def handle_data(self, data):
        self.text.append(data)
        if self._open:
            self._open[-1][1].append(data)


def _parse(html: str) -> _Checker:
    checker = _Checker()
    checker.feed(html)
    checker.close()
    assert not checker.stack
    return checker


def _plain(checker: _Checker) -> str:
    """The text without the marker links."""
    return re.sub(r"(Q|E)\d+", "", "".join(checker.text))


@pytest.mark.parametrize(
    ("highlights", "expected"),
    [
        # (what is highlighted, [(class, text inside the element)])
        ([H("Putin", "speaker")], [("hl hl-speaker", "Putin")]),
        ([H("Russia will not back down,", "content"), H("Russia", "mention")],
         [("hl hl-mention", "Russia"), ("hl hl-content", "Russia will not back down,")]),
        # same span, two kinds: the content is the outer one
        ([H("Minsk", "place"), H("Minsk", "mention")],
         [("hl hl-place", "Minsk"), ("hl hl-mention", "Minsk")]),
        # crossing spans: the inner one is split where the outer one ends
        ([H('said "Russia', "cue"), H("Russia will", "content")],
         [("hl hl-content", "Russia"), ("hl hl-cue", 'said "Russia'),
          ("hl hl-content", " will")]),
        # outside the body or empty: dropped
        ([Highlight(5, 500, "event", "r"), Highlight(3, 3, "time", "r")], []),
    ],
)
def test_spans_nest_or_split(highlights, expected):
    checker = _parse(str(highlight(BODY, highlights)))
    assert _plain(checker) == BODY
    assert [s for s in checker.spans if s[0].startswith("hl")] == expected


def test_marker_follows_the_last_piece_and_links_to_the_record():
    html = str(highlight(BODY, [H("Russia will not back down,", "content", "rec-quote-1",
                                  anchor="quote-1", label="Q1"),
                                H("down,\" Ushakov", "event", "rec-event-1", label="E1")]))
    assert html.count('id="quote-1"') == 1
    assert html.count(">Q1</a>") == 1 and html.count(">E1</a>") == 1
    assert html.index(">Q1</a>") < html.index(">E1</a>")
    assert 'href="#rec-quote-1"' in html


@pytest.mark.parametrize(
    "hostile",
    ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "' OR 1=1 --",
     "</span><b>bold</b>", "&amp; &lt;"],
)
def test_article_text_and_titles_are_escaped(hostile):
    body = f"Before {hostile} after."
    start = body.index(hostile)
    html = str(highlight(body, [Highlight(start, start + len(hostile), "quote", "r",
                                          title=hostile),
                                Highlight(0, 6, "time", 'x" onclick="alert(1)')]))
    checker = _parse(html)
    assert "".join(checker.text) == body
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert 'onclick="alert' not in html
