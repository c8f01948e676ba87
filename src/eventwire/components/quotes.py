"""Quotes: who said what, to whom, when, and according to whom."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from ..model import Quote
from ..quotes.attribute import Attribution, find_attributions
from ..quotes.marks import find_quoted
from ..quotes.speakers import MentionIndex, Speaker, resolve_speaker
from ..temporal import resolve
from .registry import Context, component

_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


@component("quotes", requires=("doc", "kb", "metadata", "actors"), assigns=("quotes",))
def find_quotes(ctx: Context) -> Mapping[str, Any]:
    doc, kb, text = ctx.doc, ctx.kb, ctx.article.body
    excluded = ctx["metadata"].excluded_spans()
    quoted = [q for q in find_quoted(text)
              if not any(s < q.end and q.start < e for s, e in excluded)]
    attributions = find_attributions(doc, kb, quoted, excluded, text=text)
    index = MentionIndex(ctx["actors"])
    anchor = _anchor(ctx.article.date, ctx["metadata"].dateline_date)
    own = {n.lower() for n in (ctx["metadata"].wire_credit, ctx.article.outlet) if n}
    quotes = []
    previous: Speaker | None = None
    for att in sorted(attributions, key=lambda a: (a.cue[0].idx if a.cue else a.content[0])):
        if any(s < att.content[1] and att.content[0] < e for s, e in excluded):
            continue
        if att.continuation and previous is not None:
            speaker = previous
        else:
            speaker = resolve_speaker(att.speaker, att.speaker_span, index, previous, kb, text,
                                      anchor)
        if speaker.name:
            previous = speaker
        quotes.append(_quote(text, att, speaker, index, anchor, own))
    quotes.sort(key=lambda q: q.content_span)
    return {"quotes": tuple(quotes)}


def _quote(body: str, att: Attribution, speaker: Speaker, index: MentionIndex,
           anchor: dt.date | None, own: set[str]) -> Quote:
    if att.cue:
        cue_span = (att.cue[0].idx, att.cue[-1].idx + len(att.cue[-1].text))
    else:
        cue_span = (att.content[0], att.content[0])
    reported_by = None
    if att.reported_by is not None:
        tok = att.reported_by
        actors = index.at(tok.idx, tok.idx + len(tok.text))
        reported_by = actors[0].name if actors else tok.text
    if reported_by is None and att.addressee is not None:
        # "Ushakov told the TASS news agency": TASS carries the words, unless it is the
        # outlet whose story this is ("told AFP" in AFP's own story: only the addressee)
        media = [a for a in index.at(att.addressee.start_char, att.addressee.end_char)
                 if a.sector == "MED"]
        if media and media[0].name.lower() not in own:
            reported_by = media[0].name
    said_on = None
    if att.date is not None and anchor is not None:
        said_on = _resolve_day(att.date.text, anchor)
    return Quote(
        cue=body[cue_span[0]:cue_span[1]],
        cue_span=cue_span,
        kind=att.kind,
        content=body[att.content[0]:att.content[1]],
        content_span=att.content,
        speaker=speaker.name,
        speaker_actor=speaker.actor,
        speaker_span=speaker.span,
        addressee=att.addressee.text if att.addressee is not None else None,
        said_on=said_on,
        reported_by=reported_by,
        confidence=att.confidence,
    )


def _anchor(article_date: str | None, dateline_date: str | None) -> dt.date | None:
    value = dateline_date or article_date
    return dt.date.fromisoformat(value) if value else None


def _resolve_day(text: str, anchor: dt.date) -> str | None:
    """The day a date expression names, when it names one ("Thursday", "June 27")."""
    value = resolve(text, anchor)
    if value and _FULL_DATE.match(value):
        return value[:10]
    return None
