"""Quotation marks: find the quoted stretches of a body, paragraph by paragraph.

Handles straight, curly and low-high double quotes, guillemets, and typographic single
quotes (the straight apostrophe is never a quote mark). Marks are paired within a
paragraph. A mark left open at the end of a paragraph closes there when it opened the
paragraph or a sentence; an open mark elsewhere is ignored, so one stray mark never
swallows the rest of the article. A paragraph that ends inside a quote and is followed by
one that opens with a mark continues the quote (``Quoted.continued`` on the second part).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = {"\u201c": "\u201d", "\u201e": "\u201c", "\u00ab": "\u00bb", "\u2018": "\u2019",
           "\u201f": "\u201d"}
CLOSERS = {"\u201d", "\u00bb", "\u2019"}
STRAIGHT = '"'
_PARAGRAPH = re.compile(r"\n\s*\n")


@dataclass(frozen=True, slots=True)
class Quoted:
    """A quoted stretch: ``start``/``end`` include the marks, ``inner_*`` exclude them."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    closed: bool = True
    continued: bool = False  # continues an open quote of the previous paragraph

    def contains(self, start: int, end: int) -> bool:
        return self.inner_start <= start and end <= self.inner_end


def paragraphs(body: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for m in _PARAGRAPH.finditer(body):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(body)))
    return [(s, e) for s, e in spans if body[s:e].strip()]


def find_quoted(body: str) -> list[Quoted]:
    """Every quoted stretch, in order of appearance (nested quotes are not listed)."""
    found: list[Quoted] = []
    open_at_end = False
    for p_start, p_end in paragraphs(body):
        quotes, still_open = _paragraph_quotes(body, p_start, p_end)
        if quotes and open_at_end and quotes[0].start == _first_char(body, p_start):
            q = quotes[0]
            quotes[0] = Quoted(q.start, q.end, q.inner_start, q.inner_end, q.closed, True)
        found.extend(quotes)
        open_at_end = still_open
    return found


def _first_char(body: str, start: int) -> int:
    while start < len(body) and body[start].isspace():
        start += 1
    return start


def _is_opener(body: str, i: int) -> bool:
    """A straight quote that opens: after a space, bracket, dash or start; before a non-space."""
    before = body[i - 1] if i > 0 else " "
    after = body[i + 1] if i + 1 < len(body) else " "
    return (before.isspace() or before in "([{\u2014\u2013-:/") and not after.isspace()


def _is_closer(body: str, i: int) -> bool:
    before = body[i - 1] if i > 0 else " "
    after = body[i + 1] if i + 1 < len(body) else " "
    return not before.isspace() and (after.isspace() or after in ".,;:!?)]}\u2014\u2013-'")


def _single_closes(body: str, i: int) -> bool:
    """A right single quote closes only when no letter follows (else it is an apostrophe)."""
    after = body[i + 1] if i + 1 < len(body) else " "
    return not after.isalpha()


def _paragraph_quotes(body: str, start: int, end: int) -> tuple[list[Quoted], bool]:
    """Pair the marks of one paragraph with a stack; returns top-level quotes and whether
    the paragraph ends inside a quote."""
    stack: list[tuple[int, str]] = []
    pairs: list[tuple[int, int, int]] = []  # (open, close, depth): close is the mark's start
    widths: dict[int, int] = {}  # position -> width of a two-character mark
    skip = -1
    for i in range(start, end):
        if i <= skip:
            continue
        ch = body[i]
        if ch in "'`" and body[i + 1:i + 2] == ch:  # ''typewriter quotes'' and ``TeX'' style
            skip = i + 1
            if ch == "'" and stack and stack[-1][1] in ("''", "``"):
                open_pos, _ = stack.pop()
                pairs.append((open_pos, i, len(stack)))
                widths[i] = 2
            elif _is_opener(body, i) or (ch == "`"):
                stack.append((i, ch * 2))
                widths[i] = 2
            continue
        if stack and stack[-1][1] in ("''", "``"):
            continue  # inside a two-character quote only its own mark closes it
        if stack:
            open_char = stack[-1][1]
            if open_char == STRAIGHT:
                closes = ch == STRAIGHT and (_is_closer(body, i) or not _is_opener(body, i))
            elif open_char == "\u2018":
                closes = ch == "\u2019" and _single_closes(body, i)
            else:
                closes = ch == OPENERS[open_char] or (ch in CLOSERS and ch != "\u2019")
            if closes:
                open_pos, _ = stack.pop()
                pairs.append((open_pos, i, len(stack)))
                continue
        if ch in OPENERS or (ch == STRAIGHT and _is_opener(body, i)):
            if ch == "\u2018" and i > 0 and body[i - 1].isalnum():
                continue
            stack.append((i, ch))
    def quote(o: int, c: int) -> Quoted:
        return Quoted(o, c + widths.get(c, 1), o + widths.get(o, 1), c)

    quotes = [quote(o, c) for o, c, depth in pairs if depth == 0]
    if not stack:
        return sorted(quotes, key=lambda q: q.start), False
    open_pos = stack[0][0]
    before = body[start:open_pos].rstrip()
    if not before or before[-1] in ".!?:":
        inner_end = end
        while inner_end > open_pos + 1 and body[inner_end - 1].isspace():
            inner_end -= 1
        quotes = [q for q in quotes if q.end <= open_pos]
        quotes.append(Quoted(open_pos, inner_end, open_pos + widths.get(open_pos, 1), inner_end,
                             closed=False))
        return sorted(quotes, key=lambda q: q.start), True
    # A stray mark: what it seemed to enclose is read as if it were not there.
    quotes += [quote(o, c) for o, c, depth in pairs if depth == 1 and o > open_pos]
    return sorted(quotes, key=lambda q: q.start), False
