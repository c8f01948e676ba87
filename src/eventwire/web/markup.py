"""The article text as HTML with its records highlighted. Pure functions.

Each record contributes spans (character offsets into the body). The body is cut at every
span boundary; each piece of text is escaped on its own, and the spans are opened and
closed around the pieces as ``<span>`` elements. Spans that overlap without nesting are
split: the inner one is closed where the outer one ends and opened again after it, so the
HTML is always well formed. Only class names and ids made here (never article text) go
into attributes, and those are escaped as well.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

#: drawing order for spans that start and end at the same offsets (outermost first)
KIND_ORDER = ("event", "quote", "content", "speaker", "cue", "mention", "time", "place")


@dataclass(frozen=True, slots=True)
class Highlight:
    """One highlighted stretch of the body.

    ``kind`` names the CSS class (``hl-<kind>``); ``ref`` is the id of the record's entry on
    the page (the highlight links to ``#<ref>``); ``anchor`` is this highlight's own element
    id (``None`` when it needs none); ``label`` is a short marker shown after the stretch
    ("Q1", "E2"; empty for none); ``title`` is the hover text; ``selected`` marks it.
    """

    start: int
    end: int
    kind: str
    ref: str
    anchor: str | None = None
    label: str = ""
    title: str = ""
    selected: bool = False


def highlight(body: str, highlights: Iterable[Highlight]) -> Markup:
    """``body`` as escaped HTML with every highlight wrapped in a ``<span>``.

    Highlights outside the body or empty are dropped; overlapping ones nest, or are split
    where they cross. Newlines are kept (the page shows them with CSS).
    """
    spans = sorted((h for h in highlights if 0 <= h.start < h.end <= len(body)),
                   key=lambda h: (h.start, -h.end, _rank(h.kind)))
    cuts = sorted({0, len(body), *(h.start for h in spans), *(h.end for h in spans)})
    out: list[str] = []
    stack: list[Highlight] = []
    opened: set[int] = set()  # id() of spans whose first piece has been opened
    pending = list(reversed(spans))  # pop() gives the next span to open
    for here, there in zip(cuts, cuts[1:], strict=False):
        _close_ended(stack, here, out)
        while pending and pending[-1].start == here:
            span = pending.pop()
            out.append(_open(span, first=id(span) not in opened))
            opened.add(id(span))
            stack.append(span)
        out.append(str(escape(body[here:there])))
    _close_ended(stack, len(body), out)
    return Markup("".join(out))


def _close_ended(stack: list[Highlight], here: int, out: list[str]) -> None:
    """Close the spans that end at ``here``; spans above one of them are closed and
    reopened (split) so that elements stay nested."""
    if not any(s.end <= here for s in stack):
        return
    reopen: list[Highlight] = []
    while any(s.end <= here for s in stack):
        span = stack.pop()
        out.append(_close(span, final=span.end <= here))
        if span.end > here:
            reopen.append(span)
    for span in reversed(reopen):
        out.append(_open(span, first=False))
        stack.append(span)


def _open(span: Highlight, *, first: bool) -> str:
    classes = f"hl hl-{span.kind}" + (" selected" if span.selected else "")
    attrs = [f'class="{escape(classes)}"', f'data-ref="{escape(span.ref)}"']
    if first and span.anchor:
        attrs.append(f'id="{escape(span.anchor)}"')
    if span.title:
        attrs.append(f'title="{escape(span.title)}"')
    return "<span " + " ".join(attrs) + ">"


def _close(span: Highlight, *, final: bool) -> str:
    if not (final and span.label):
        return "</span>"
    return (f'</span><a class="marker marker-{escape(span.kind)}" href="#{escape(span.ref)}">'
            f"{escape(span.label)}</a>")


def _rank(kind: str) -> int:
    return KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER)


def article_highlights(record: dict[str, Any], *, quote: str | None = None,
                       event: str | None = None) -> list[Highlight]:
    """Highlights for the records of ``web.data.article`` (one article page); ``quote`` and
    ``event`` are the ids of a record to show selected."""
    out: list[Highlight] = []
    for n, q in enumerate(record["quotes"], 1):
        ref = f"rec-quote-{q['id']}"
        chosen = q["id"] == quote
        who = q["speaker"] or "unknown speaker"
        if q["content_start"] is not None:
            out.append(Highlight(q["content_start"], q["content_end"], "content", ref,
                                 anchor=f"quote-{q['id']}", label=f"Q{n}",
                                 title=f"Q{n}: {q['kind']} quote by {who}", selected=chosen))
        for part in ("speaker", "cue"):
            if q[f"{part}_start"] is not None:
                out.append(Highlight(q[f"{part}_start"], q[f"{part}_end"], part, ref,
                                     title=f"Q{n} {part}: {who}", selected=chosen))
    for n, e in enumerate(record["events"], 1):
        if e["evidence_start"] is None:
            continue
        out.append(Highlight(e["evidence_start"], e["evidence_end"], "event",
                             f"rec-event-{e['id']}", anchor=f"event-{e['id']}", label=f"E{n}",
                             title=f"E{n}: {e['source'] or '?'} {e['cameo']} "
                                   f"{e['target'] or '?'}", selected=e["id"] == event))
    for actor in record["actors"]:
        for start, end in actor["mentions"]:
            out.append(Highlight(start, end, "mention", f"rec-actor-{actor['actor_id']}",
                                 title=f"{actor['name']} ({actor['kind']}"
                                       + (f", {actor['code']})" if actor["code"] else ")")))
    for t in record["times"]:
        if t["start_char"] is not None:
            out.append(Highlight(t["start_char"], t["end_char"], "time", f"rec-time-{t['id']}",
                                 title=f"{t['type']} {t['value']}"))
    for p in record["places"]:
        if p["start_char"] is not None:
            out.append(Highlight(p["start_char"], p["end_char"], "place",
                                 f"rec-place-{p['id']}",
                                 title=p["name"] + (f", {p['country']}" if p["country"] else "")))
    return out


def article_html(record: dict[str, Any], *, quote: str | None = None,
                 event: str | None = None) -> Markup:
    """The body of ``web.data.article``'s article as highlighted HTML."""
    return highlight(record["article"]["body"],
                     article_highlights(record, quote=quote, event=event))


__all__: Sequence[str] = ["Highlight", "article_highlights", "article_html", "highlight"]
