"""Analysis <-> table rows. Pure functions; the Store does the I/O.

Record ids are hashes of the article id, the table and the record's content (with a counter
for exact repeats), so writing the same Analysis twice gives the same rows.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from ..model import Actor, Analysis, Article, Event, Metadata, Place, Quote, TimeExpr

Row = dict[str, Any]


def record_id(article_id: str, table: str, record: dict[str, Any], seen: Counter[str]) -> str:
    key = json.dumps([article_id, table, record], sort_keys=True, ensure_ascii=False)
    seen[key] += 1
    if seen[key] > 1:
        key += f"#{seen[key]}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def analysis_rows(analysis: Analysis, *, version: str, now: dt.datetime) -> dict[str, list[Row]]:
    """All rows for one Analysis, by table."""
    art = analysis.article
    aid = art.article_id
    meta = analysis.metadata
    rows: dict[str, list[Row]] = {t: [] for t in
                                  ("articles", "actors", "mentions", "quotes", "events",
                                   "times", "places")}
    rows["articles"].append({
        "id": aid, "content_hash": art.content_hash,
        "date": dt.date.fromisoformat(art.date) if art.date else None,
        "outlet": art.outlet, "title": art.title, "url": art.url,
        "wire_credit": meta.wire_credit, "dateline": meta.dateline or art.dateline,
        "origin": art.origin, "body": art.body, "extractor_version": version,
        "ingested_at": now,
    })
    seen: Counter[str] = Counter()
    for idx, actor in enumerate(analysis.actors):
        rows["actors"].append({"article_id": aid, "actor_id": actor.id, "idx": idx,
                               "name": actor.name, "kind": actor.kind, "country": actor.country,
                               "sector": actor.sector, "code": actor.code})
        for start, end in actor.mentions:
            rows["mentions"].append({"article_id": aid, "actor_id": actor.id,
                                     "start_char": start, "end_char": end,
                                     "text": art.body[start:end]})
    for idx, quote in enumerate(analysis.quotes):
        d = quote.to_dict()
        rows["quotes"].append({
            "id": record_id(aid, "quotes", d, seen), "article_id": aid, "idx": idx,
            **_flat(d, ("speaker_span", "speaker"), ("cue_span", "cue"),
                    ("content_span", "content")),
        })
    for idx, event in enumerate(analysis.events):
        d = event.to_dict()
        rows["events"].append({"id": record_id(aid, "events", d, seen), "article_id": aid,
                               "idx": idx, **_flat(d, ("evidence_span", "evidence"))})
    spanned: list[tuple[str, dict[str, Any]]] = [("times", t.to_dict()) for t in analysis.times]
    spanned += [("places", p.to_dict()) for p in analysis.places]
    counters: Counter[str] = Counter()
    for table, d in spanned:
        rows[table].append({"id": record_id(aid, table, d, seen), "article_id": aid,
                            "idx": counters[table], **_flat(d, ("span", ""))})
        counters[table] += 1
    return rows


def _flat(d: dict[str, Any], *spans: tuple[str, str]) -> dict[str, Any]:
    """Replace each span field by ``<prefix>_start``/``<prefix>_end`` (or start_char/end_char)."""
    out = dict(d)
    for field, prefix in spans:
        span = out.pop(field)
        start, end = (f"{prefix}_start", f"{prefix}_end") if prefix else ("start_char", "end_char")
        out[start], out[end] = (span[0], span[1]) if span else (None, None)
    return out


def _span(row: Row, start: str, end: str) -> tuple[int, int] | None:
    if row.get(start) is None or row.get(end) is None:
        return None
    return (int(row[start]), int(row[end]))


def rows_to_analysis(article: Row, actors: Sequence[Row], mentions: Iterable[Row],
                     quotes: Sequence[Row], events: Sequence[Row], times: Sequence[Row],
                     places: Sequence[Row]) -> Analysis:
    """Rebuild an Analysis from its rows (each sequence sorted by idx)."""
    by_actor: dict[str, list[tuple[int, int]]] = {}
    for m in mentions:
        by_actor.setdefault(m["actor_id"], []).append((int(m["start_char"]), int(m["end_char"])))
    date = article["date"]
    art = Article(body=article["body"], id=article["id"],
                  date=date.isoformat() if isinstance(date, dt.date) else date,
                  outlet=article["outlet"], title=article["title"], url=article["url"],
                  origin=article.get("origin") or "<store>")
    return Analysis(
        article=art,
        metadata=Metadata(wire_credit=article["wire_credit"], dateline=article["dateline"]),
        actors=tuple(Actor(id=r["actor_id"], name=r["name"], kind=r["kind"],
                           country=r["country"], sector=r["sector"], code=r["code"],
                           mentions=tuple(sorted(by_actor.get(r["actor_id"], []))))
                     for r in actors),
        quotes=tuple(Quote(
            cue=r["cue"], cue_span=_span(r, "cue_start", "cue_end") or (0, 0), kind=r["kind"],
            content=r["content"], content_span=_span(r, "content_start", "content_end") or (0, 0),
            speaker=r["speaker"], speaker_actor=r["speaker_actor"],
            speaker_span=_span(r, "speaker_start", "speaker_end"), addressee=r["addressee"],
            said_on=r["said_on"], reported_by=r["reported_by"],
            confidence=float(r["confidence"] or 0.0)) for r in quotes),
        events=tuple(Event(
            cameo=r["cameo"], cameo_root=r["cameo_root"], plover=r["plover"],
            goldstein=float(r["goldstein"]), quad_class=int(r["quad_class"]),
            evidence_span=_span(r, "evidence_start", "evidence_end") or (0, 0),
            source=r["source"], source_actor=r["source_actor"], target=r["target"],
            target_actor=r["target_actor"], date=r["date"], place=r["place"],
            reported_by=r["reported_by"], negated=bool(r["negated"]),
            confidence=float(r["confidence"] or 0.0)) for r in events),
        times=tuple(TimeExpr(text=r["text"], span=_span(r, "start_char", "end_char") or (0, 0),
                             type=r["type"], value=r["value"]) for r in times),
        places=tuple(Place(text=r["text"], span=_span(r, "start_char", "end_char") or (0, 0),
                           name=r["name"], feature=r["feature"], country=r["country"],
                           lat=r["lat"], lon=r["lon"], geonameid=r["geonameid"])
                     for r in places),
    )
