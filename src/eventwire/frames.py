"""The pandas-style Python API: ``ew.open(path)`` and DataFrames of quotes, events, actors,
articles and dyad series (docs/python-api.md lists every column).

    >>> import eventwire as ew
    >>> db = ew.open("demo.duckdb")                      # doctest: +SKIP
    >>> db.quotes(speaker="Putin").head()                # doctest: +SKIP

A ``Database`` holds no open connection: each call opens the file read-only, reads and
closes it, so it can be used while ``eventwire ingest`` writes the same file (the two wait
for each other's lock instead of failing).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import pandas as pd

from . import queries
from .errors import ConfigError
from .model import Analysis
from .queries import _like, contains_filter
from .store import READ_LOCK_TIMEOUT, Store

__all__ = ["ACTOR_COLUMNS", "ARTICLE_COLUMNS", "Database", "open"]

#: columns of ``Database.actors()``: one row per actor (CAMEO code, or name when it has none)
ACTOR_COLUMNS = ("actor", "name", "kind", "code", "country", "sector", "articles", "mentions",
                 "quotes", "events_as_source", "events_as_target", "first", "last")
#: columns of ``Database.articles()``
ARTICLE_COLUMNS = ("article_id", "date", "title", "outlet", "wire_credit", "dateline", "url",
                   "chars", "actors", "quotes", "events", "ingested_at")


class Database:
    """A read-only view of an eventwire DuckDB file with DataFrame-returning queries."""

    def __init__(self, path: str | os.PathLike[str], *,
                 lock_timeout: float = READ_LOCK_TIMEOUT) -> None:
        self.path = os.fspath(path)
        self.lock_timeout = lock_timeout
        with self._store():  # fail now, with a clear message, for a missing file
            pass

    def __repr__(self) -> str:
        return f"Database({self.path!r})"

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Nothing to release (no connection is kept); here for ``with`` blocks."""

    @contextmanager
    def _store(self) -> Iterator[Store]:
        with Store(self.path, read_only=True, lock_timeout=self.lock_timeout) as store:
            yield store

    # -- records -------------------------------------------------------------------------
    def quotes(self, *, speaker: str | None = None, outlet: str | None = None,
               date_from: str | None = None, date_to: str | None = None,
               contains: str | None = None, limit: int | None = None) -> pd.DataFrame:
        """Quotes, columns ``queries.QUOTE_COLUMNS``; the filters of ``eventwire quotes``."""
        with self._store() as store:
            return queries.quotes(store, speaker=speaker, outlet=outlet, date_from=date_from,
                                  date_to=date_to, contains=contains, limit=limit)

    def events(self, *, actor: str | None = None, dyad: Sequence[str] | None = None,
               code: str | None = None, date_from: str | None = None,
               date_to: str | None = None, near: str | tuple[float, float] | None = None,
               within_km: float = 100.0, country: str | None = None,
               limit: int | None = None) -> pd.DataFrame:
        """Events, columns ``queries.EVENT_COLUMNS``; the filters of ``eventwire events``."""
        with self._store() as store:
            return queries.events(store, actor=actor, dyad=dyad, code=code,
                                  date_from=date_from, date_to=date_to, near=near,
                                  within_km=within_km, country=country, limit=limit)

    def dyad(self, a: str, b: str, *, by: str = "month",
             include_negated: bool = False) -> pd.DataFrame:
        """Events between actor codes A and B per period, columns
        ``queries.SERIES_COLUMNS`` (``period``, ``q1``..``q4``, ``events``, ``goldstein``)."""
        with self._store() as store:
            return queries.dyad_series(store, a, b, by=by, include_negated=include_negated)

    def actors(self, *, name: str | None = None, kind: str | None = None,
               code: str | None = None, country: str | None = None,
               limit: int | None = None) -> pd.DataFrame:
        """Actors across articles, columns ``ACTOR_COLUMNS``, most frequent first.

        Actors with a CAMEO code are grouped by it (``actor`` is the code), others by name.
        ``name`` matches part of a name, ``code`` a code prefix, ``kind`` and ``country``
        exactly (case-insensitive)."""
        where: list[str] = []
        params: list[Any] = []
        if name:
            contains_filter(where, params, name, "x.name")
        if code:
            where.append("x.code ILIKE ? ESCAPE '\\'")
            params.append(_like(code.strip()) + "%")
        if kind:
            where.append("lower(x.kind) = lower(?)")
            params.append(kind.strip())
        if country:
            where.append("upper(x.country) = upper(?)")
            params.append(country.strip())
        key = "coalesce(x.code, x.name)"
        sql = (
            f"WITH x AS (SELECT x.*, {key} AS actor FROM actors x"
            + (" WHERE " + " AND ".join(where) if where else "") + "), "
            "m AS (SELECT article_id, actor_id, count(*) AS n FROM mentions "
            "GROUP BY 1, 2), "
            "q AS (SELECT article_id, speaker_actor AS actor_id, count(*) AS n FROM quotes "
            "WHERE speaker_actor IS NOT NULL GROUP BY 1, 2), "
            "s AS (SELECT article_id, source_actor AS actor_id, count(*) AS n FROM events "
            "WHERE source_actor IS NOT NULL GROUP BY 1, 2), "
            "t AS (SELECT article_id, target_actor AS actor_id, count(*) AS n FROM events "
            "WHERE target_actor IS NOT NULL GROUP BY 1, 2) "
            "SELECT x.actor, mode(x.name) AS name, mode(x.kind) AS kind, any_value(x.code) "
            "AS code, mode(x.country) AS country, mode(x.sector) AS sector, "
            "count(DISTINCT x.article_id) AS articles, coalesce(sum(m.n), 0) AS mentions, "
            "coalesce(sum(q.n), 0) AS quotes, coalesce(sum(s.n), 0) AS events_as_source, "
            "coalesce(sum(t.n), 0) AS events_as_target, min(ar.date) AS first, "
            "max(ar.date) AS last FROM x JOIN articles ar ON ar.id = x.article_id "
            "LEFT JOIN m USING (article_id, actor_id) LEFT JOIN q USING (article_id, actor_id) "
            "LEFT JOIN s USING (article_id, actor_id) LEFT JOIN t USING (article_id, actor_id) "
            "GROUP BY x.actor ORDER BY articles DESC, mentions DESC, x.actor")
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        with self._store() as store:
            frame = pd.DataFrame(store.query(sql, params), columns=list(ACTOR_COLUMNS))
        for column in ("articles", "mentions", "quotes", "events_as_source", "events_as_target"):
            frame[column] = frame[column].astype(int)
        return frame

    def articles(self, *, outlet: str | None = None, date_from: str | None = None,
                 date_to: str | None = None, contains: str | None = None,
                 limit: int | None = None) -> pd.DataFrame:
        """Articles without their text, columns ``ARTICLE_COLUMNS``, in date order.

        ``outlet`` matches part of the outlet or wire credit, ``contains`` part of the title
        or text (case-insensitive); ``date_from``/``date_to`` are inclusive days."""
        where: list[str] = []
        params: list[Any] = []
        if outlet:
            contains_filter(where, params, outlet, "a.outlet", "a.wire_credit")
        if contains:
            contains_filter(where, params, contains, "a.title", "a.body")
        if date_from:
            where.append("a.date >= CAST(? AS DATE)")
            params.append(date_from)
        if date_to:
            where.append("a.date <= CAST(? AS DATE)")
            params.append(date_to)
        counts = ", ".join(f"(SELECT count(*) FROM {t} r WHERE r.article_id = a.id) AS {t}"
                           for t in ("actors", "quotes", "events"))
        sql = ("SELECT a.id AS article_id, a.date, a.title, a.outlet, a.wire_credit, "
               f"a.dateline, a.url, length(a.body) AS chars, {counts}, a.ingested_at "
               "FROM articles a" + (" WHERE " + " AND ".join(where) if where else "")
               + " ORDER BY a.date NULLS LAST, a.id")
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        with self._store() as store:
            return pd.DataFrame(store.query(sql, params), columns=list(ARTICLE_COLUMNS))

    def article(self, article_id: str) -> Analysis:
        """One stored article as its Analysis (raises NotFoundError for an unknown id)."""
        with self._store() as store:
            return store.load_analysis(article_id)

    def stats(self, *, top: int = 10) -> dict[str, Any]:
        """Counts by table, date range, top actors, credits and outlets (``eventwire stats``)."""
        with self._store() as store:
            return queries.stats(store, top=top)


def open(path: str | os.PathLike[str], *,  # noqa: A001 - ew.open reads like the builtin
         lock_timeout: float = READ_LOCK_TIMEOUT) -> Database:
    """Open an eventwire database read-only for DataFrame queries (see ``Database``)."""
    if not os.fspath(path) or os.fspath(path) == ":memory:":
        raise ConfigError("ew.open needs a database file (an empty in-memory one has nothing)")
    return Database(path, lock_timeout=lock_timeout)
