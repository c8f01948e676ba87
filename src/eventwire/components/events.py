"""Events: who did what to whom, coded in CAMEO with Goldstein, quad class and PLOVER."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from ..events.coder import Scene, code_events
from .registry import Context, component


@component("events", requires=("doc", "kb", "metadata", "actors", "places", "quotes"),
           assigns=("events",), refines=("times",))
def find_events(ctx: Context) -> Mapping[str, Any]:
    meta = ctx["metadata"]
    date = meta.dateline_date or ctx.article.date
    scene = Scene(body=ctx.article.body, day=dt.date.fromisoformat(date[:10]) if date else None,
                  actors=ctx["actors"], quotes=ctx["quotes"], times=ctx["times"],
                  places=ctx["places"], excluded=meta.excluded_spans())
    events, dated_times = code_events(ctx.doc, scene, ctx.kb, ctx.kb.event_patterns)
    return {"events": events, "times": dated_times}
