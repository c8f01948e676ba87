"""Read-side questions answered from the store (each a function of a Store)."""

from __future__ import annotations

import dataclasses
import string
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd

from .errors import ConfigError
from .store import Store
from .store.schema import RECORD_TABLES

if TYPE_CHECKING:
    from .kb import KnowledgeBase


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
        contains_filter(where, params, speaker, "q.speaker")
    if contains:
        contains_filter(where, params, contains, "q.content")
    if outlet:
        contains_filter(where, params, outlet, "q.reported_by", "a.outlet", "a.wire_credit")
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


def contains_filter(where: list[str], params: list[Any], text: str, *columns: str) -> None:
    """Add "any of ``columns`` holds ``text`` (case-insensitive, wildcards literal)"."""
    where.append("(" + " OR ".join(f"{c} ILIKE ? ESCAPE '\\'" for c in columns) + ")")
    params += [f"%{_like(text)}%"] * len(columns)


# -- events ----------------------------------------------------------------------------------
EVENT_COLUMNS = ("article_id", "date", "day", "source", "source_code", "source_country",
                 "target", "target_code", "target_country", "cameo", "cameo_root", "plover",
                 "goldstein", "quad_class", "negated", "reported_by", "place", "place_country",
                 "lat", "lon", "evidence", "confidence")
#: what the exports need besides EVENT_COLUMNS (in the rows of ``event_rows``)
EVENT_EXTRA_COLUMNS = ("event_id", "idx", "source_actor", "source_name", "source_sector",
                       "target_actor", "target_name", "target_sector", "place_feature",
                       "place_geonameid", "article_date", "url", "ingested_at", "lead")
SERIES_COLUMNS = ("period", "q1", "q2", "q3", "q4", "events", "goldstein")
PERIODS = {"day": "D", "week": "W-MON", "month": "MS"}  # -> pandas frequency of the period start
EARTH_RADIUS_KM = 6371.0088

#: the event's own day when its date gives one ("2025-07-03", "2025-07-03T14:00"), else the
#: article's date
_DAY = ("coalesce(CASE WHEN regexp_matches(e.date, '^[0-9]{4}-[0-9]{2}-[0-9]{2}') "
        "THEN TRY_CAST(left(e.date, 10) AS DATE) END, a.date)")
_DISTANCE = (f"2 * {EARTH_RADIUS_KM} * asin(least(1.0, sqrt("
             "pow(sin(radians(p.lat - ?) / 2), 2) + "
             "cos(radians(?)) * cos(radians(p.lat)) * pow(sin(radians(p.lon - ?) / 2), 2))))")
_EVENT_SQL = (
    "SELECT e.article_id, e.date, " + _DAY + " AS day, "
    "coalesce(e.source, sa.name) AS source, sa.code AS source_code, "
    "sa.country AS source_country, coalesce(e.target, ta.name) AS target, "
    "ta.code AS target_code, ta.country AS target_country, e.cameo, e.cameo_root, e.plover, "
    "e.goldstein, e.quad_class, e.negated, e.reported_by, p.name AS place, "
    "p.country AS place_country, p.lat, p.lon, "
    "substring(a.body, e.evidence_start + 1, e.evidence_end - e.evidence_start) AS evidence, "
    "e.confidence, e.id AS event_id, e.idx, e.source_actor, sa.name AS source_name, "
    "sa.sector AS source_sector, e.target_actor, ta.name AS target_name, "
    "ta.sector AS target_sector, p.feature AS place_feature, p.geonameid AS place_geonameid, "
    "a.date AS article_date, a.url, a.ingested_at, "
    # in the lead: the evidence starts in the first paragraph of the body
    "coalesce(e.evidence_start < nullif(strpos(a.body, chr(10) || chr(10)), 0) - 1, true) "
    "AS lead "
    "FROM events e JOIN articles a ON a.id = e.article_id "
    "LEFT JOIN actors sa ON sa.article_id = e.article_id AND sa.actor_id = e.source_actor "
    "LEFT JOIN actors ta ON ta.article_id = e.article_id AND ta.actor_id = e.target_actor "
    "LEFT JOIN places p ON p.article_id = e.article_id AND p.idx = TRY_CAST(e.place AS INTEGER)")


@dataclasses.dataclass(frozen=True, slots=True)
class EventFilters:
    """Which events to read; every field is optional and they combine with AND.

    - ``actor``: a CAMEO actor code prefix on either side, matched against the actor's code
      and its country ("RUS" matches RUSGOV, RUSMIL and an actor whose country is RUS);
    - ``dyad``: (A, B), two such prefixes: source A and target B, or source B and target A;
    - ``code``: a CAMEO event root or code prefix ("19" matches 190, 193, 1951);
    - ``date_from``/``date_to``: YYYY-MM-DD, inclusive, on the ``day`` column;
    - ``near``: a (lat, lon) point; events whose place lies within ``within_km`` of it;
    - ``country``: ISO3 of the event's place;
    - ``coordinates``: only events whose place has coordinates;
    - ``negated``: False to leave out events that the text says did not happen.
    """

    actor: str | None = None
    dyad: tuple[str, str] | None = None
    code: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    near: tuple[float, float] | None = None
    within_km: float = 100.0
    country: str | None = None
    coordinates: bool = False
    negated: bool = True

    def where(self) -> tuple[str, list[Any]]:
        """The WHERE clause (empty when nothing filters) and its parameters."""
        where: list[str] = []
        params: list[Any] = []
        if self.actor:
            where.append(f"({_side('sa')} OR {_side('ta')})")
            params += [_prefix(self.actor)] * 4
        if self.dyad:
            a, b = (_prefix(x) for x in self.dyad)
            where.append(f"(({_side('sa')} AND {_side('ta')}) OR "
                         f"({_side('sa')} AND {_side('ta')}))")
            params += [a, a, b, b, b, b, a, a]
        if self.code:
            where.append("e.cameo LIKE ? ESCAPE '\\'")
            params.append(_like(self.code.strip()) + "%")
        if self.date_from:
            where.append(f"{_DAY} >= CAST(? AS DATE)")
            params.append(self.date_from)
        if self.date_to:
            where.append(f"{_DAY} <= CAST(? AS DATE)")
            params.append(self.date_to)
        if self.near is not None:
            if self.within_km < 0:
                raise ConfigError(f"within_km must not be negative (got {self.within_km})")
            lat, lon = (float(x) for x in self.near)
            where.append(f"p.lat IS NOT NULL AND p.lon IS NOT NULL AND {_DISTANCE} <= ?")
            params += [lat, lat, lon, float(self.within_km)]
        if self.country:
            where.append("p.country = ?")
            params.append(self.country.strip().upper())
        if self.coordinates:
            where.append("p.lat IS NOT NULL AND p.lon IS NOT NULL")
        if not self.negated:
            where.append("NOT coalesce(e.negated, false)")
        return (" WHERE " + " AND ".join(where) if where else ""), params


def _side(alias: str) -> str:
    return f"({alias}.code ILIKE ? ESCAPE '\\' OR {alias}.country ILIKE ? ESCAPE '\\')"


def _prefix(code: str) -> str:
    return _like(code.strip()) + "%"


def event_rows(store: Store, filters: EventFilters | None = None, *,
               limit: int | None = None) -> list[dict[str, Any]]:
    """Events as dicts with ``EVENT_COLUMNS`` and ``EVENT_EXTRA_COLUMNS``, in day order
    (events without a day last), then by article and position in the article."""
    where, params = (filters or EventFilters()).where()
    sql = f"{_EVENT_SQL}{where} ORDER BY day NULLS LAST, e.article_id, e.idx"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(int(limit))
    return store.query(sql, params)


def events(store: Store, *, actor: str | None = None, dyad: Sequence[str] | None = None,
           code: str | None = None, date_from: str | None = None, date_to: str | None = None,
           near: str | tuple[float, float] | None = None, within_km: float = 100.0,
           country: str | None = None, limit: int | None = None,
           kb: KnowledgeBase | None = None) -> pd.DataFrame:
    """Events as a DataFrame with the columns in ``EVENT_COLUMNS``.

    ``date`` is the event's own date as the text gives it ("2025-07-03", "2025-06", "2022"
    or None); ``day`` is that date when it names a day, else the article's date.
    ``source``/``target`` are the names, ``*_code``/``*_country`` the actors' CAMEO codes
    and countries; ``place``, ``place_country``, ``lat``, ``lon`` describe the event's place;
    ``evidence`` is the sentence of the body that carries the event.

    Filters (combined with AND): ``actor``, a CAMEO actor code prefix on either side ("RUS"
    matches RUSGOV, RUSMIL and an actor whose country is RUS); ``dyad=(A, B)``, source A and
    target B in either direction; ``code``, a CAMEO root or code prefix; ``date_from``/
    ``date_to`` (YYYY-MM-DD, inclusive) on ``day``; ``near``, a place name looked up in the
    gazetteer (or a (lat, lon) point), with events whose place is within ``within_km``;
    ``country``, ISO3 of the event's place. ``kb`` is the knowledge base for ``near``
    (loaded when not given).
    """
    filters = event_filters(actor=actor, dyad=dyad, code=code, date_from=date_from,
                            date_to=date_to, near=near, within_km=within_km, country=country,
                            kb=kb)
    return _event_frame(event_rows(store, filters, limit=limit))


def events_with_coordinates(store: Store, **filters: Any) -> pd.DataFrame:
    """``events(store, **filters)`` restricted to events whose place has coordinates
    (for maps)."""
    limit = filters.pop("limit", None)
    chosen = dataclasses.replace(event_filters(**filters), coordinates=True)
    return _event_frame(event_rows(store, chosen, limit=limit))


def event_filters(*, actor: str | None = None, dyad: Sequence[str] | None = None,
                  code: str | None = None, date_from: str | None = None,
                  date_to: str | None = None, near: str | tuple[float, float] | None = None,
                  within_km: float = 100.0, country: str | None = None,
                  kb: KnowledgeBase | None = None) -> EventFilters:
    """``EventFilters`` from the keyword arguments of ``events``, with ``near`` resolved."""
    if dyad is not None and len(dyad) != 2:
        raise ConfigError(f"dyad takes two actor codes, got {list(dyad)!r}")
    point = place_point(near, kb=kb) if isinstance(near, str) else near
    return EventFilters(actor=actor, dyad=(dyad[0], dyad[1]) if dyad else None, code=code,
                        date_from=date_from, date_to=date_to, near=point,
                        within_km=float(within_km), country=country)


def place_point(name: str, *, kb: KnowledgeBase | None = None) -> tuple[float, float]:
    """(lat, lon) of a place name ("Kyiv", "Paris, Texas") by the gazetteer: the most
    likely place of that name, as for a dateline. Raises ConfigError for an unknown name."""
    from .geo import gazetteer_for, resolve_dateline
    from .kb import KnowledgeBase

    gaz = gazetteer_for(kb if kb is not None else KnowledgeBase.load())
    entry = resolve_dateline(name, gaz) or resolve_dateline(string.capwords(name), gaz)
    if entry is None:
        raise ConfigError(f"unknown place {name!r}: not in the gazetteer")
    return entry.point


def dyad_series(store: Store, a: str, b: str, *, by: str = "month",
                include_negated: bool = False) -> pd.DataFrame:
    """Events between A and B (CAMEO actor code prefixes, both directions) by period.

    Columns ``SERIES_COLUMNS``: ``period`` (the first day of the day, ISO week (Monday) or
    month), ``q1``..``q4`` (counts by quad class), ``events`` (all of them) and
    ``goldstein`` (summed Goldstein scores). Periods come from the ``day`` column of
    ``events``; periods without events between the first and the last are filled with
    zeros. Events the text says did not happen are left out unless ``include_negated``.
    """
    if by not in PERIODS:
        raise ConfigError(f"unknown period {by!r}; use day, week or month")
    filters = EventFilters(dyad=(a, b), negated=include_negated)
    where, params = filters.where()
    sql = ("SELECT CAST(date_trunc(?, day) AS DATE) AS period, "
           + ", ".join(f"count(*) FILTER (WHERE quad_class = {q}) AS q{q}" for q in range(1, 5))
           + ", count(*) AS events, coalesce(sum(goldstein), 0) AS goldstein "
           f"FROM ({_EVENT_SQL}{where}) WHERE day IS NOT NULL GROUP BY 1 ORDER BY 1")
    frame = pd.DataFrame(store.query(sql, [by, *params]), columns=list(SERIES_COLUMNS))
    if frame.empty:
        return frame
    index = pd.date_range(frame["period"].min(), frame["period"].max(), freq=PERIODS[by])
    frame = (frame.set_index(pd.to_datetime(frame["period"])).drop(columns="period")
             .reindex(index, fill_value=0).rename_axis("period").reset_index())
    frame["period"] = frame["period"].dt.date
    for column in ("q1", "q2", "q3", "q4", "events"):
        frame[column] = frame[column].astype(int)
    frame["goldstein"] = frame["goldstein"].astype(float).round(3)
    return frame


def _event_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=[*EVENT_COLUMNS, *EVENT_EXTRA_COLUMNS])[
        list(EVENT_COLUMNS)]


# -- merged events and quotes, stories (store/merge.py, store/stories.py) --------------------
DISTINCT_EVENT_COLUMNS = ("cluster_id", "first_day", "last_day", "date", "source",
                          "source_code", "source_country", "target", "target_code",
                          "target_country", "cameo", "cameo_root", "plover", "goldstein",
                          "quad_class", "negated", "place", "place_country", "n_mentions",
                          "n_articles", "n_outlets", "first_seen", "last_seen")
DISTINCT_QUOTE_COLUMNS = ("cluster_id", "first_day", "last_day", "said_on", "speaker",
                          "speaker_actor", "kind", "content", "n_mentions", "n_articles",
                          "n_outlets", "first_seen", "last_seen")
MENTION_COLUMNS = ("cluster_id", "article_id", "outlet", "article_date", "day", "text",
                   "start", "end", "ingested_at")
STORY_COLUMNS = ("story_id", "title", "first_date", "last_date", "n_articles")
STORY_ARTICLE_COLUMNS = ("story_id", "article_id", "date", "title", "outlet", "shared")


def _cluster_where(*, actor: str | None = None, dyad: Sequence[str] | None = None,
                   code: str | None = None, date_from: str | None = None,
                   date_to: str | None = None, country: str | None = None,
                   include_negated: bool = True) -> tuple[list[str], list[Any]]:
    """WHERE terms over ``event_clusters c`` with the meaning of ``EventFilters``; a cluster
    is in [date_from, date_to] when its reports' days overlap that range."""
    where: list[str] = []
    params: list[Any] = []
    if actor:
        where.append(f"({_cluster_side('source', actor)} OR {_cluster_side('target', actor)})")
        params += [actor.strip().upper()] * 2
    if dyad is not None:
        if len(dyad) != 2:
            raise ConfigError(f"dyad takes two actor codes, got {list(dyad)!r}")
        a, b = (x.strip().upper() for x in dyad)
        where.append(f"(({_cluster_side('source', a)} AND {_cluster_side('target', b)}) OR "
                     f"({_cluster_side('source', b)} AND {_cluster_side('target', a)}))")
        params += [a, b, b, a]
    if code:
        where.append("c.cameo LIKE ? ESCAPE '\\'")
        params.append(_like(code.strip()) + "%")
    if date_from:
        where.append("c.last_day >= CAST(? AS DATE)")
        params.append(date_from)
    if date_to:
        where.append("c.first_day <= CAST(? AS DATE)")
        params.append(date_to)
    if country:
        where.append("c.place_country = ?")
        params.append(country.strip().upper())
    if not include_negated:
        where.append("NOT coalesce(c.negated, false)")
    return where, params


def _cluster_side(side: str, code: str) -> str:
    """A side of a distinct event matching a code prefix: a prefix of up to three letters
    ("RUS", "IGO") is matched against the side's key (its country; the code of an
    organization spanning countries), a longer one ("RUSGOV") against its actor code. Both
    are plain prefix tests on one column, cheap on millions of rows."""
    column = "key" if len(code.strip()) <= 3 else "code"
    return f"starts_with(c.{side}_{column}, ?)"


def _clause(where: list[str]) -> str:
    return " WHERE " + " AND ".join(where) if where else ""


def distinct_events(store: Store, *, actor: str | None = None,
                    dyad: Sequence[str] | None = None, code: str | None = None,
                    date_from: str | None = None, date_to: str | None = None,
                    country: str | None = None, min_articles: int = 1,
                    limit: int | None = None) -> pd.DataFrame:
    """Distinct events: reports of one event in many articles merged into one row
    (``store/merge.py``), with the columns in ``DISTINCT_EVENT_COLUMNS``.

    ``first_day``/``last_day`` are the earliest and latest day its reports give;
    ``n_mentions``, ``n_articles`` and ``n_outlets`` count its reports, the articles and the
    distinct outlets (else wire credits) that carry them; ``first_seen``/``last_seen`` are
    ingest times. The filters mean what they mean for ``events``; ``min_articles`` keeps
    events reported by at least that many articles. Most reported first, then by day.
    """
    where, params = _cluster_where(actor=actor, dyad=dyad, code=code, date_from=date_from,
                                   date_to=date_to, country=country)
    if min_articles > 1:
        where.append("c.n_articles >= ?")
        params.append(int(min_articles))
    sql = ("SELECT c.id AS cluster_id, c.first_day, c.last_day, c.date, c.source_name AS "
           "source, c.source_code, c.source_country, c.target_name AS target, c.target_code, "
           "c.target_country, c.cameo, c.cameo_root, c.plover, c.goldstein, c.quad_class, "
           "c.negated, c.place_name AS place, c.place_country, c.n_mentions, c.n_articles, "
           "c.n_outlets, c.first_seen, c.last_seen FROM event_clusters c" + _clause(where)
           + " ORDER BY c.n_articles DESC, c.first_day NULLS LAST, c.id")
    if limit is not None:
        sql += " LIMIT ?"
        params.append(int(limit))
    return pd.DataFrame(store.query(sql, params), columns=list(DISTINCT_EVENT_COLUMNS))


def distinct_quotes(store: Store, *, speaker: str | None = None, contains: str | None = None,
                    date_from: str | None = None, date_to: str | None = None,
                    min_outlets: int = 1, limit: int | None = None) -> pd.DataFrame:
    """Distinct quotes: one quote repeated by many articles is one row with its counts
    (``DISTINCT_QUOTE_COLUMNS``; ``content`` is the fullest wording seen). ``speaker`` and
    ``contains`` match case-insensitively; dates apply to the days of its reports;
    ``min_outlets`` keeps quotes carried by at least that many outlets."""
    where: list[str] = []
    params: list[Any] = []
    if speaker:
        contains_filter(where, params, speaker, "c.speaker")
    if contains:
        contains_filter(where, params, contains, "c.content")
    if date_from:
        where.append("c.last_day >= CAST(? AS DATE)")
        params.append(date_from)
    if date_to:
        where.append("c.first_day <= CAST(? AS DATE)")
        params.append(date_to)
    if min_outlets > 1:
        where.append("c.n_outlets >= ?")
        params.append(int(min_outlets))
    sql = ("SELECT c.id AS cluster_id, c.first_day, c.last_day, c.said_on, c.speaker, "
           "c.speaker_actor, c.kind, c.content, c.n_mentions, c.n_articles, c.n_outlets, "
           "c.first_seen, c.last_seen FROM quote_clusters c" + _clause(where)
           + " ORDER BY c.n_outlets DESC, c.n_mentions DESC, c.first_day NULLS LAST, c.id")
    if limit is not None:
        sql += " LIMIT ?"
        params.append(int(limit))
    return pd.DataFrame(store.query(sql, params), columns=list(DISTINCT_QUOTE_COLUMNS))


def mentions(store: Store, cluster_id: str) -> pd.DataFrame:
    """The reports of one distinct event or quote (``MENTION_COLUMNS``): article, outlet,
    day and the evidence sentence or quoted words with their span in the article."""
    rows = store.query(
        "SELECT cluster_id, article_id, outlet, article_date, day, evidence AS text, "
        "evidence_start AS start, evidence_end AS \"end\", ingested_at "
        "FROM event_cluster_members WHERE cluster_id = ? UNION ALL "
        "SELECT cluster_id, article_id, outlet, article_date, day, content, content_start, "
        "content_end, ingested_at FROM quote_cluster_members WHERE cluster_id = ? "
        "ORDER BY article_date NULLS LAST, article_id, start", [cluster_id, cluster_id])
    return pd.DataFrame(rows, columns=list(MENTION_COLUMNS))


def search_events(store: Store, text: str, *, limit: int | None = 50) -> pd.DataFrame:
    """Distinct events whose reports hold every content word of ``text`` (words as merging
    compares them: case, small words and endings ignored, so "peace talks" finds "talks on
    peace" and "peace talk"), latest first, with one report's sentence as ``evidence``.

    Each cluster's 256-bit word signature (``store.merge.signature``) is tested first: a few
    integers a cluster, cheap on millions of rows. The latest clusters that pass (a few times
    ``limit``) are read and their words checked; when fewer than ``limit`` of them hold the
    words, one exact pass checks the words of every cluster that passes (inside a CASE, so
    that DuckDB cannot test the words before the signature)."""
    from .store.merge import SIGNATURE_COLUMNS, content_terms, signature

    terms = sorted(content_terms(text))
    if not terms:
        raise ConfigError(f"nothing to search for in {text!r}: no content words")
    bits = [(column, value) for column, value in
            zip(SIGNATURE_COLUMNS, signature(terms), strict=True) if value]
    test = " AND ".join(f"(c.{column} & ?) = ?" for column, _ in bits)
    test_params: list[Any] = [v for _, v in bits for _ in range(2)]
    columns = ("c.id AS cluster_id, c.first_day, c.source_name AS source, "
               "c.target_name AS target, c.cameo, c.n_articles")
    order = " ORDER BY c.first_day DESC NULLS LAST, c.rowid"
    hits: list[dict[str, Any]] | None = None
    if limit is not None:  # 1. the latest candidates: integers only, then those rows' words
        page = max(4 * limit, 200)
        rowids = [r["r"] for r in store.query(
            f"SELECT c.rowid AS r FROM event_clusters c WHERE {test}{order} LIMIT ?",
            [*test_params, page])]
        rank = {r: i for i, r in enumerate(rowids)}
        rows = sorted(store.query(f"SELECT c.rowid AS r, c.terms, {columns} FROM "
                                  "event_clusters c WHERE c.rowid IN (FROM unnest(?))",
                                  [rowids]) if rowids else [], key=lambda r: rank[r["r"]])
        found = [{k: v for k, v in r.items() if k not in ("r", "terms")} for r in rows
                 if set(terms) <= set((r["terms"] or "").split())]
        if len(found) >= limit or len(rowids) < page:  # the first `limit` matches overall
            hits = found[:limit]
    if hits is None:  # 2. one exact pass
        words = " AND ".join("contains(' ' || c.terms || ' ', ?)" for _ in terms)
        sql = (f"SELECT {columns} FROM event_clusters c WHERE {test} AND "
               f"CASE WHEN {test} THEN {words} ELSE false END{order}")
        params = [*test_params, *test_params, *(f" {t} " for t in terms)]
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        hits = store.query(sql, params)
    evidence: dict[str, str] = {}
    if hits:  # a short list of ids bound one by one: DuckDB answers it from the index
        ids = [h["cluster_id"] for h in hits]
        evidence = {r["cluster_id"]: r["evidence"] for r in store.query(
            "SELECT cluster_id, min(evidence) AS evidence FROM event_cluster_members "
            f"WHERE cluster_id IN ({', '.join('?' * len(ids))}) GROUP BY cluster_id", ids)}
    return pd.DataFrame([{**h, "evidence": evidence.get(h["cluster_id"])} for h in hits],
                        columns=["cluster_id", "first_day", "source", "target", "cameo",
                                 "n_articles", "evidence"])


def distinct_dyad_series(store: Store, a: str, b: str, *, by: str = "month",
                         include_negated: bool = False) -> pd.DataFrame:
    """``dyad_series`` over distinct events: each event counted once however many articles
    report it, on its first day. Same columns (``SERIES_COLUMNS``) and zero-filled periods;
    reads ``event_clusters`` alone, so it stays fast on large stores."""
    if by not in PERIODS:
        raise ConfigError(f"unknown period {by!r}; use day, week or month")
    where, params = _cluster_where(dyad=(a, b), include_negated=include_negated)
    where.append("c.first_day IS NOT NULL")
    sql = ("SELECT CAST(date_trunc(?, c.first_day) AS DATE) AS period, "
           + ", ".join(f"count(*) FILTER (WHERE c.quad_class = {q}) AS q{q}"
                       for q in range(1, 5))
           + ", count(*) AS events, coalesce(sum(c.goldstein), 0) AS goldstein "
           "FROM event_clusters c" + _clause(where) + " GROUP BY 1 ORDER BY 1")
    return _fill_periods(pd.DataFrame(store.query(sql, [by, *params]),
                                      columns=list(SERIES_COLUMNS)), by)


def _fill_periods(frame: pd.DataFrame, by: str) -> pd.DataFrame:
    """Zero rows for the periods without events between the first and the last."""
    if frame.empty:
        return frame
    index = pd.date_range(frame["period"].min(), frame["period"].max(), freq=PERIODS[by])
    frame = (frame.set_index(pd.to_datetime(frame["period"])).drop(columns="period")
             .reindex(index, fill_value=0).rename_axis("period").reset_index())
    frame["period"] = frame["period"].dt.date
    for column in ("q1", "q2", "q3", "q4", "events"):
        frame[column] = frame[column].astype(int)
    frame["goldstein"] = frame["goldstein"].astype(float).round(3)
    return frame


def stories(store: Store, *, contains: str | None = None, actor: str | None = None,
            date_from: str | None = None, date_to: str | None = None, min_articles: int = 1,
            limit: int | None = None) -> pd.DataFrame:
    """Stories (``STORY_COLUMNS``): articles about one developing story, grouped by
    ``store/stories.py``. ``contains`` matches the title, ``actor`` a name in one of its
    articles (case-insensitive); a story is in [date_from, date_to] when its articles' dates
    overlap that range. Largest and latest first."""
    where: list[str] = []
    params: list[Any] = []
    if contains:
        contains_filter(where, params, contains, "s.title")
    if actor:
        where.append("s.id IN (SELECT sa.story_id FROM story_articles sa JOIN actors a "
                     "ON a.article_id = sa.article_id WHERE a.name ILIKE ? ESCAPE '\\')")
        params.append(f"%{_like(actor)}%")
    if date_from:
        where.append("s.last_date >= CAST(? AS DATE)")
        params.append(date_from)
    if date_to:
        where.append("s.first_date <= CAST(? AS DATE)")
        params.append(date_to)
    if min_articles > 1:
        where.append("s.n_articles >= ?")
        params.append(int(min_articles))
    sql = ("SELECT s.id AS story_id, s.title, s.first_date, s.last_date, s.n_articles "
           "FROM stories s" + _clause(where)
           + " ORDER BY s.n_articles DESC, s.last_date DESC NULLS LAST, s.id")
    if limit is not None:
        sql += " LIMIT ?"
        params.append(int(limit))
    return pd.DataFrame(store.query(sql, params), columns=list(STORY_COLUMNS))


def story_articles(store: Store, story_id: str) -> pd.DataFrame:
    """The articles of one story in date order (``STORY_ARTICLE_COLUMNS``); ``shared`` lists
    what linked each to the story (``d:A|B`` dyads, ``a:ACTOR`` actors)."""
    rows = store.query(
        "SELECT sa.story_id, sa.article_id, sa.date, coalesce(a.title, sa.title) AS title, "
        "coalesce(a.outlet, a.wire_credit) AS outlet, sa.shared FROM story_articles sa "
        "LEFT JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = ? "
        "ORDER BY sa.date NULLS LAST, sa.article_id", [story_id])
    return pd.DataFrame(rows, columns=list(STORY_ARTICLE_COLUMNS))
