"""Read-side questions answered from the store (each a function of a Store)."""

from __future__ import annotations

from typing import Any

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
