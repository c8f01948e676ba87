"""Read-side questions answered from the store (each a function of a Store)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from .store import Store
from .store.schema import RECORD_TABLES


def stats(store: Store, *, top: int = 10) -> dict[str, Any]:
    """Counts by table, date range, top actors, credits and outlets, rejections."""
    counts = {t: store.count(t) for t in ("articles", *RECORD_TABLES, "rejected")}
    first, last = store.con.execute("SELECT min(date), max(date) FROM articles").fetchone() \
        or (None, None)
    top_actors = store.query(
        "SELECT mode(a.name) AS name, any_value(a.kind) AS kind, "
        "any_value(a.country) AS country, "
        "count(DISTINCT a.article_id) AS articles, count(m.start_char) AS mentions "
        "FROM actors a LEFT JOIN mentions m "
        "ON m.article_id = a.article_id AND m.actor_id = a.actor_id "
        "GROUP BY a.actor_id ORDER BY articles DESC, mentions DESC, name "
        "LIMIT ?", [top])
    credits = store.query(
        "SELECT coalesce(wire_credit, '(none)') AS wire_credit, count(*) AS articles "
        "FROM articles GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?", [top])
    outlets = store.query(
        "SELECT coalesce(outlet, '(none)') AS outlet, count(*) AS articles "
        "FROM articles GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?", [top])
    return {
        "counts": counts,
        "dates": {"first": first.isoformat() if first else None,
                  "last": last.isoformat() if last else None},
        "top_actors": top_actors,
        "wire_credits": credits,
        "outlets": outlets,
        "schema_version": store.schema_version(),
    }


QUOTE_COLUMNS = ("article_id", "date", "said_on", "speaker", "speaker_actor", "cue", "kind",
                 "content", "addressee", "reported_by", "outlet", "wire_credit",
                 "content_start", "content_end", "confidence")


def quotes(store: Store, *, speaker: str | None = None, outlet: str | None = None,
           date_from: str | None = None, date_to: str | None = None,
           contains: str | None = None, limit: int | None = None) -> pd.DataFrame:
    """Quotes as a DataFrame with the columns in ``QUOTE_COLUMNS``.

    ``speaker`` and ``contains`` match case-insensitively anywhere in the speaker and the
    content; ``outlet`` matches the outlet that relayed the quote, the article's outlet or
    its wire credit; ``date_from``/``date_to`` (YYYY-MM-DD, inclusive) apply to the day the
    words were spoken when the text gives it, else to the article's date.
    """
    where: list[str] = []
    params: list[Any] = []
    if speaker:
        where.append("q.speaker ILIKE ? ESCAPE '\\'")
        params.append(f"%{_like(speaker)}%")
    if contains:
        where.append("q.content ILIKE ? ESCAPE '\\'")
        params.append(f"%{_like(contains)}%")
    if outlet:
        where.append("(q.reported_by ILIKE ? ESCAPE '\\' OR a.outlet ILIKE ? ESCAPE '\\' "
                     "OR a.wire_credit ILIKE ? ESCAPE '\\')")
        params += [f"%{_like(outlet)}%"] * 3
    day = "coalesce(TRY_CAST(q.said_on AS DATE), a.date)"
    if date_from:
        where.append(f"{day} >= CAST(? AS DATE)")
        params.append(date_from)
    if date_to:
        where.append(f"{day} <= CAST(? AS DATE)")
        params.append(date_to)
    sql = ("SELECT q.article_id, a.date, q.said_on, q.speaker, q.speaker_actor, q.cue, q.kind, "
           "q.content, q.addressee, q.reported_by, a.outlet, a.wire_credit, q.content_start, "
           "q.content_end, q.confidence FROM quotes q JOIN articles a ON a.id = q.article_id"
           + (" WHERE " + " AND ".join(where) if where else "")
           + f" ORDER BY {day} NULLS LAST, q.article_id, q.idx")
    if limit is not None:
        sql += " LIMIT ?"
        params.append(int(limit))
    frame = pd.DataFrame(store.query(sql, params), columns=list(QUOTE_COLUMNS))
    return frame


def _like(text: str) -> str:
    """Escape LIKE wildcards so that user text matches literally."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
