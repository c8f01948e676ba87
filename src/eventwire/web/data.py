"""What each web page shows, read from a Store: plain dicts and lists, ready for a template
or for JSON. Every value from a request is bound as a parameter; page sizes are capped.

Each function takes an open (read-only) Store and returns a JSON-able dict; the app opens
the store for one request and closes it again (see docs/web.md on serving during an ingest).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from functools import lru_cache
from typing import Any

from ..errors import NotFoundError
from ..queries import EventFilters, _like
from ..store import Store, terms

#: the most rows any list on a page (or its JSON twin) returns
MAX_LIMIT = 200
#: the deepest page a list can be paged to (offset)
MAX_OFFSET = 10_000
#: a text search looks for events in this many of the latest articles that have the text
EVENT_SEARCH_ARTICLES = 300
QUAD_CLASSES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
                4: "material conflict"}

#: events with their actors and place; the aliases (e, a, sa, ta, p) are those of
#: ``queries.EventFilters.where``
_EVENTS_FROM = (
    "FROM {events} e JOIN articles a ON a.id = e.article_id "
    "LEFT JOIN actors sa ON sa.article_id = e.article_id AND sa.actor_id = e.source_actor "
    "LEFT JOIN actors ta ON ta.article_id = e.article_id AND ta.actor_id = e.target_actor "
    "LEFT JOIN places p ON p.article_id = e.article_id AND p.idx = TRY_CAST(e.place AS INTEGER)")
#: events narrowed before the joins (much faster on large stores than a filter after them)
_BOTH_ACTORS = "(SELECT * FROM events WHERE source_actor IS NOT NULL AND target_actor IS NOT NULL)"
_WITH_PLACE = "(SELECT * FROM events WHERE place IS NOT NULL)"


#: events by id (a list parameter) with their actors and place, every table narrowed to the
#: events' articles (the first list parameter, in a ``WITH``) before the joins
_PAGE_FROM = (
    "FROM (SELECT * FROM events WHERE id IN (SELECT unnest(?))) e "
    "JOIN (SELECT * FROM articles WHERE id IN (SELECT id FROM page)) a ON a.id = e.article_id "
    "LEFT JOIN (SELECT * FROM actors WHERE article_id IN (SELECT id FROM page)) sa "
    "ON sa.article_id = e.article_id AND sa.actor_id = e.source_actor "
    "LEFT JOIN (SELECT * FROM actors WHERE article_id IN (SELECT id FROM page)) ta "
    "ON ta.article_id = e.article_id AND ta.actor_id = e.target_actor "
    "LEFT JOIN (SELECT * FROM places WHERE article_id IN (SELECT id FROM page)) p "
    "ON p.article_id = e.article_id AND p.idx = TRY_CAST(e.place AS INTEGER)")


def _events_from(events: str = "events", uses: str | None = None) -> str:
    """``_EVENTS_FROM`` over ``events``; given ``uses`` (the rest of the query's SQL), only
    with the joins whose alias it refers to (each join finds at most one row per event,
    and every event has its article, so the rows and counts stay the same)."""
    sql = _EVENTS_FROM.format(events=events)
    if uses is None:
        return sql
    head, *joins = re.split(r"(?<!LEFT) (?=(?:LEFT )?JOIN )", sql)
    return " ".join([head, *(j for j in joins
                             if re.search(rf"\b{j.split(' ON ')[0].split()[-1]}\.", uses))])


#: the event's own day when its date names one, else the article's date (as ``day`` in
#: ``queries``; a cast instead of a pattern match, which costs more on large stores)
_EVENT_DAY = "coalesce(TRY_CAST(left(e.date, 10) AS DATE), a.date)"


@dataclasses.dataclass(frozen=True, slots=True)
class SearchQuery:
    """What ``/search`` looks for; every field is optional and they combine with AND.

    ``q`` is text matched (case-insensitive, from the start of a word: see ``search``) in
    article titles and bodies, quote
    contents and speakers, and the sentences that carry events; ``speaker`` in a quote's
    speaker; ``actor`` in an actor's name or CAMEO code; ``outlet`` in the outlet, the wire
    credit or the relaying outlet; ``date_from``/``date_to`` are inclusive YYYY-MM-DD days.
    ``kind`` limits the results to "articles", "quotes" or "events" ("all" for the three).
    """

    q: str = ""
    speaker: str = ""
    actor: str = ""
    outlet: str = ""
    date_from: str | None = None
    date_to: str | None = None
    kind: str = "all"
    limit: int = 20
    offset: int = 0

    def is_empty(self) -> bool:
        return not (self.q or self.speaker or self.actor or self.outlet or self.date_from
                    or self.date_to)


def _pattern(text: str) -> str:
    return f"%{_like(text)}%"


def _dates(column: str, date_from: str | None, date_to: str | None,
           where: list[str], params: list[Any]) -> None:
    if date_from:
        where.append(f"{column} >= CAST(? AS DATE)")
        params.append(date_from)
    if date_to:
        where.append(f"{column} <= CAST(? AS DATE)")
        params.append(date_to)


def _page(sql: str, params: list[Any], limit: int, offset: int) -> str:
    params += [limit + 1, offset]  # one more than asked for tells whether there is more
    return sql + " LIMIT ? OFFSET ?"


def _more(rows: list[dict[str, Any]], limit: int) -> tuple[list[dict[str, Any]], bool]:
    return rows[:limit], len(rows) > limit


def search(store: Store, query: SearchQuery) -> dict[str, Any]:
    """Articles, quotes and events that match ``query``, each list paged.

    A text ``q`` is first looked up in the word index (``store/terms.py``): only the
    articles that have every word of ``q`` (as the start of one of theirs) are candidates,
    and the exact, case-insensitive text test runs on those alone, in the order of the
    list, until the page is full. A ``q`` with no word in it (punctuation only) is
    looked for in every article's text."""
    out: dict[str, Any] = {"query": dataclasses.asdict(query)}
    if query.is_empty():
        return {**out, "articles": [], "quotes": [], "events": [], "more": {}}
    more: dict[str, bool] = {}
    candidates = _candidates(store, query.q) if query.q else None
    quotes_later = None
    if query.kind == "all":  # the quotes meanwhile, on a second connection to the file
        pool = ThreadPoolExecutor(max_workers=1)
        quotes_later = pool.submit(_on_cursor, _Cursor(store), query, candidates)
        pool.shutdown(wait=False)
    try:
        matched: list[str] | None = None  # ids of the articles whose text has q, in order
        if query.q and query.kind in ("all", "articles", "events"):
            matched = _text_matches(store, query, candidates)
        if query.kind in ("all", "articles"):
            out["articles"], more["articles"] = _search_articles(store, query, matched,
                                                                 candidates)
        if query.kind == "quotes":
            out["quotes"], more["quotes"] = _search_quotes(store, query, candidates)
        if query.kind in ("all", "events"):
            out["events"], more["events"] = _search_events(store, query, matched)
    finally:  # never leave the other connection running past this request
        if quotes_later is not None:
            out["quotes"], more["quotes"] = quotes_later.result()
    out["more"] = more
    return out


#: a text match is checked on this many candidates at first, then four times more a round
_CHECK_FIRST = 100
#: the text test of an article (its ids are the first parameter, ``{ids}`` the test)
_ARTICLE_CHECK = ("SELECT id FROM articles WHERE {ids} "
                  "AND (title ILIKE ? ESCAPE '\\' OR body ILIKE ? ESCAPE '\\')")
#: articles in the order the lists show them
_ARTICLE_ORDER = " ORDER BY a.date DESC NULLS LAST, a.id"


#: up to this many ids, a list parameter is tested with ``list_contains``, which DuckDB
#: applies while it reads a table (so that it reads the other columns of those rows only);
#: a longer list is joined (``IN (SELECT unnest(?))``)
SHORT_LIST = 400

#: ids of the articles that have every word of ``q`` (``terms.candidates_sql``), newest
#: first; None when ``q`` has no word to look up
Candidates = list[str] | None


def _candidates(store: Store, q: str) -> Candidates:
    found = terms.candidates_sql(q)
    if found is None:
        return None
    sql, params = found
    return [r["id"] for r in store.query(
        f"SELECT id FROM articles a WHERE id IN ({sql})" + _ARTICLE_ORDER, params)]


def _member(column: str, ids: Sequence[str]) -> str:
    """SQL that tests ``column`` against a list parameter ``ids`` (see ``SHORT_LIST``)."""
    if len(ids) <= SHORT_LIST:
        return f"list_contains(?, {column})"
    return f"{column} IN (SELECT unnest(?))"


def _first_matching(store: Store, ids: list[str], check: str, params: list[Any],
                    need: int) -> list[str]:
    """At least the first ``need`` of ``ids`` (all of them if fewer), in their order, that
    the query ``check`` keeps (``check`` returns ``id``; its ``{ids}`` becomes a test of
    membership in its first parameter, a list). Checked a growing chunk at a time, so
    that a common word stops after the first chunk."""
    found: list[str] = []
    start, size = 0, _CHECK_FIRST
    while start < len(ids) and len(found) < need:
        chunk = ids[start:start + size]
        keep = {r["id"] for r in store.query(check.format(ids=_member("id", chunk)),
                                             [chunk, *params])}
        found += [i for i in chunk if i in keep]
        start += size
        size *= 4
    return found


def _text_matches(store: Store, query: SearchQuery, candidates: Candidates) -> list[str]:
    """Ids of the articles whose title or text has ``query.q``, newest first: all of them
    without candidates, else as many as the pages asked for need."""
    pattern = _pattern(query.q)
    if candidates is None:
        return [r["id"] for r in store.query(
            "SELECT id FROM articles a WHERE title ILIKE ? ESCAPE '\\' "
            "OR body ILIKE ? ESCAPE '\\'" + _ARTICLE_ORDER, [pattern] * 2)]
    need = max(query.offset + query.limit + 1 if query.kind in ("all", "articles") else 0,
               EVENT_SEARCH_ARTICLES if query.kind in ("all", "events") else 0)
    return _first_matching(store, candidates, _ARTICLE_CHECK, [pattern] * 2, need)


def _on_cursor(cursor: _Cursor, query: SearchQuery,
               candidates: Candidates) -> tuple[list[dict[str, Any]], bool]:
    """``_search_quotes`` on a connection of its own (made in the request's thread),
    closed when it is done."""
    try:
        return _search_quotes(cursor, query, candidates)
    finally:
        cursor.close()


class _Cursor:
    """The part of Store that the search functions use, on a cursor of its own (a second
    connection to the same open database, for another thread)."""

    def __init__(self, store: Store) -> None:
        self.path = store.path
        self.con = store.con.cursor()

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cur = self.con.execute(sql, list(params))
        names = [d[0] for d in cur.description or []]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def close(self) -> None:
        self.con.close()


def _article_filters(query: SearchQuery) -> tuple[list[str], list[Any]]:
    """WHERE terms (over ``articles a``) and parameters for the filters other than ``q``."""
    where: list[str] = []
    params: list[Any] = []
    if query.outlet:
        where.append("(a.outlet ILIKE ? ESCAPE '\\' OR a.wire_credit ILIKE ? ESCAPE '\\')")
        params += [_pattern(query.outlet)] * 2
    if query.speaker:
        where.append("a.id IN (SELECT article_id FROM quotes WHERE speaker ILIKE ? ESCAPE '\\')")
        params.append(_pattern(query.speaker))
    if query.actor:
        where.append("a.id IN (SELECT article_id FROM actors WHERE name ILIKE ? ESCAPE '\\' "
                     "OR code ILIKE ? ESCAPE '\\')")
        params += [_pattern(query.actor), f"{_like(query.actor)}%"]
    _dates("a.date", query.date_from, query.date_to, where, params)
    return where, params


def _search_articles(store: Store, query: SearchQuery, matched: list[str] | None,
                     candidates: Candidates) -> tuple[list[dict[str, Any]], bool]:
    where, params = _article_filters(query)
    columns = ("SELECT a.id, a.date, a.title, a.outlet, a.wire_credit, a.dateline, "
               "left(a.body, 4000) AS body FROM articles a")
    page: list[str] | None = None  # the ids of the page (and one more), in order
    if matched is not None and not where:  # only text: the page is a slice of the matches
        page = matched[query.offset:query.offset + query.limit + 1]
    elif matched is not None and candidates is not None:  # the candidates that pass the
        ordered = [r["id"] for r in store.query(  # other filters, checked in order
            f"SELECT a.id FROM articles a WHERE {_member('a.id', candidates)} AND "
            + " AND ".join(where) + _ARTICLE_ORDER, [candidates, *params])]
        page = _first_matching(store, ordered, _ARTICLE_CHECK, [_pattern(query.q)] * 2,
                               query.offset + query.limit + 1)
        page = page[query.offset:query.offset + query.limit + 1]
    if page is not None:
        rows, more = _more(store.query(columns + " WHERE a.id IN (SELECT unnest(?))"
                                       + _ARTICLE_ORDER, [page]), query.limit)
    else:
        if matched is not None:  # no word to look up: all the matches are known
            where.insert(0, "a.id IN (SELECT unnest(?))")
            params.insert(0, matched)
        sql = columns + (" WHERE " + " AND ".join(where) if where else "") + _ARTICLE_ORDER
        rows, more = _more(store.query(_page(sql, params, query.limit, query.offset), params),
                           query.limit)
    for row in rows:
        row["snippet"] = snippet(row.pop("body"), query.q)
    return rows, more


def _search_quotes(store: Store | _Cursor, query: SearchQuery,
                   candidates: Candidates = None) -> tuple[list[dict[str, Any]], bool]:
    where: list[str] = []
    params: list[Any] = []
    quotes = "quotes"
    first: list[Any] = []  # parameters of the narrowed tables (they come first in the SQL)
    if query.q:
        where.append("(q.content ILIKE ? ESCAPE '\\' OR q.speaker ILIKE ? ESCAPE '\\')")
        params += [_pattern(query.q)] * 2
    if candidates is not None and len(candidates) <= SHORT_LIST:  # only then is it faster
        quotes = "(SELECT * FROM quotes WHERE list_contains(?, article_id))"  # to narrow the
        first.append(candidates)  # quotes to the candidates' first
    if query.speaker:
        where.append("q.speaker ILIKE ? ESCAPE '\\'")
        params.append(_pattern(query.speaker))
    if query.actor:
        where.append("(q.speaker ILIKE ? ESCAPE '\\' OR s.code ILIKE ? ESCAPE '\\')")
        params += [_pattern(query.actor), f"{_like(query.actor)}%"]
    if query.outlet:
        where.append("(q.reported_by ILIKE ? ESCAPE '\\' OR a.outlet ILIKE ? ESCAPE '\\' "
                     "OR a.wire_credit ILIKE ? ESCAPE '\\')")
        params += [_pattern(query.outlet)] * 3
    day = "coalesce(TRY_CAST(q.said_on AS DATE), a.date)"
    _dates(day, query.date_from, query.date_to, where, params)
    sql = ("SELECT q.id, q.article_id, a.title, a.date, q.said_on, q.speaker, q.cue, q.kind, "
           f"q.content, q.reported_by, a.outlet, a.wire_credit FROM {quotes} q "
           "JOIN articles a ON a.id = q.article_id "
           + ("LEFT JOIN actors s ON s.article_id = q.article_id "
              "AND s.actor_id = q.speaker_actor" if query.actor else "")
           + (" WHERE " + " AND ".join(where) if where else "")
           + f" ORDER BY {day} DESC NULLS LAST, q.article_id, q.idx")
    params = first + params
    return _more(store.query(_page(sql, params, query.limit, query.offset), params),
                 query.limit)


#: events of some articles (a list parameter, in a ``WITH``, and again as the second
#: parameter: a list test that DuckDB applies while it reads, so that only those articles'
#: texts are read) with their actors and place, every table narrowed to those articles
_ARTICLES_FROM = (
    "FROM (SELECT * FROM events WHERE article_id IN (SELECT id FROM page){narrow}) e "
    "JOIN (SELECT id, date, title, outlet, wire_credit, body FROM articles "
    "WHERE list_contains(?, id)) a ON a.id = e.article_id "
    "LEFT JOIN (SELECT * FROM actors WHERE article_id IN (SELECT id FROM page)) sa "
    "ON sa.article_id = e.article_id AND sa.actor_id = e.source_actor "
    "LEFT JOIN (SELECT * FROM actors WHERE article_id IN (SELECT id FROM page)) ta "
    "ON ta.article_id = e.article_id AND ta.actor_id = e.target_actor "
    "LEFT JOIN (SELECT * FROM places WHERE article_id IN (SELECT id FROM page)) p "
    "ON p.article_id = e.article_id AND p.idx = TRY_CAST(e.place AS INTEGER)")


def _search_events(store: Store, query: SearchQuery,
                   matched: list[str] | None) -> tuple[list[dict[str, Any]], bool]:
    where: list[str] = []
    params: list[Any] = []
    evidence = "substring(a.body, e.evidence_start + 1, e.evidence_end - e.evidence_start)"
    narrow: list[str] = []  # conditions on the events table alone, applied before the joins
    first: list[Any] = []  # their parameters (they come first in the SQL)
    if query.q:  # the evidence is part of the body: look only in the articles that match
        first.append((matched or [])[:EVENT_SEARCH_ARTICLES])
        where.append(f"{evidence} ILIKE ? ESCAPE '\\'")
        params.append(_pattern(query.q))
    if query.actor:
        narrow.append("article_id IN (SELECT article_id FROM actors WHERE name ILIKE ? "
                      "ESCAPE '\\' OR code ILIKE ? ESCAPE '\\')")
        first += [_pattern(query.actor), f"{_like(query.actor)}%"]
        where.append("(sa.name ILIKE ? ESCAPE '\\' OR ta.name ILIKE ? ESCAPE '\\' "
                     "OR sa.code ILIKE ? ESCAPE '\\' OR ta.code ILIKE ? ESCAPE '\\')")
        params += [_pattern(query.actor)] * 2 + [f"{_like(query.actor)}%"] * 2
    if query.speaker:  # events reported in an article where this speaker is quoted
        where.append("e.article_id IN (SELECT article_id FROM quotes "
                     "WHERE speaker ILIKE ? ESCAPE '\\')")
        params.append(_pattern(query.speaker))
    if query.outlet:
        where.append("(e.reported_by ILIKE ? ESCAPE '\\' OR a.outlet ILIKE ? ESCAPE '\\' "
                     "OR a.wire_credit ILIKE ? ESCAPE '\\')")
        params += [_pattern(query.outlet)] * 3
    _dates(_EVENT_DAY, query.date_from, query.date_to, where, params)
    if query.q:  # every table narrowed to the matching articles (the list again, after
        first.append(first[0])  # the conditions on events)
        source = ("WITH page AS (SELECT unnest(?) AS id) ",
                  _ARTICLES_FROM.format(narrow="".join(f" AND {n}" for n in narrow)))
    else:
        source = ("", _events_from(f"(SELECT * FROM events WHERE {' AND '.join(narrow)})"
                                   if narrow else "events", uses=" ".join(where) + _EVENT_DAY))
    # the page's ids from the few columns that order and filter; its details after that
    sql = (f"{source[0]}SELECT e.id, e.article_id, {_EVENT_DAY} AS day " + source[1]
           + (" WHERE " + " AND ".join(where) if where else "")
           + " ORDER BY day DESC NULLS LAST, e.article_id, e.idx")
    params = first + params
    rows, more = _more(store.query(_page(sql, params, query.limit, query.offset), params),
                       query.limit)
    if not rows:
        return [], more
    details = {r["id"]: r for r in store.query(
        f"WITH page AS (SELECT unnest(?) AS id) SELECT e.id, e.article_id, a.title, "
        f"{_EVENT_DAY} AS day, coalesce(e.source, sa.name) AS source, "
        "sa.code AS source_code, coalesce(e.target, ta.name) AS target, "
        "ta.code AS target_code, e.cameo, e.plover, e.goldstein, e.quad_class, e.negated, "
        f"{evidence} AS evidence " + _PAGE_FROM,
        [sorted({r["article_id"] for r in rows}), [r["id"] for r in rows]])}
    return [details[r["id"]] for r in rows], more


def snippet(body: str, q: str, width: int = 220) -> str:
    """About ``width`` characters of ``body`` around the first match of ``q`` (plain text)."""
    text = " ".join(body.split())
    at = text.lower().find(q.lower()) if q else -1
    if at < 0:
        return text[:width] + ("..." if len(text) > width else "")
    start = max(0, at - width // 3)
    end = min(len(text), start + width)
    return ("..." if start else "") + text[start:end] + ("..." if end < len(text) else "")


# -- one article ---------------------------------------------------------------------------
def article(store: Store, article_id: str) -> dict[str, Any]:
    """The article with all its records (spans as character offsets into ``body``)."""
    rows = store.query("SELECT id, date, title, outlet, url, wire_credit, dateline, origin, "
                       "body, extractor_version, ingested_at FROM articles WHERE id = ?",
                       [article_id])
    if not rows:
        raise NotFoundError(f"no article with id {article_id!r}")
    one = [article_id]
    actors = store.query("SELECT actor_id, name, kind, country, sector, code FROM actors "
                         "WHERE article_id = ? ORDER BY idx", one)
    mentions = store.query("SELECT actor_id, start_char, end_char FROM mentions "
                           "WHERE article_id = ? ORDER BY start_char, end_char", one)
    quotes = store.query("SELECT id, speaker, speaker_actor, speaker_start, speaker_end, cue, "
                         "cue_start, cue_end, kind, content, content_start, content_end, "
                         "addressee, said_on, reported_by, confidence FROM quotes "
                         "WHERE article_id = ? ORDER BY idx", one)
    events = store.query(
        "SELECT e.id, coalesce(e.source, sa.name) AS source, sa.code AS source_code, "
        "coalesce(e.target, ta.name) AS target, ta.code AS target_code, e.cameo, e.cameo_root, "
        "e.plover, e.goldstein, e.quad_class, e.date, e.place, e.reported_by, e.negated, "
        "e.evidence_start, e.evidence_end, e.confidence FROM events e "
        "LEFT JOIN actors sa ON sa.article_id = e.article_id AND sa.actor_id = e.source_actor "
        "LEFT JOIN actors ta ON ta.article_id = e.article_id AND ta.actor_id = e.target_actor "
        "WHERE e.article_id = ? ORDER BY e.idx", one)
    times = store.query("SELECT id, text, start_char, end_char, type, value FROM times "
                        "WHERE article_id = ? ORDER BY idx", one)
    places = store.query("SELECT id, idx, text, start_char, end_char, name, country, lat, lon, "
                         "feature FROM places WHERE article_id = ? ORDER BY idx", one)
    by_actor: dict[str, list[list[int]]] = {}
    for m in mentions:
        by_actor.setdefault(m["actor_id"], []).append([m["start_char"], m["end_char"]])
    for actor in actors:
        actor["mentions"] = by_actor.get(actor["actor_id"], [])
    place_names = {str(p["idx"]): p["name"] for p in places}
    for event in events:
        event["place_name"] = place_names.get(str(event["place"])) if event["place"] else None
    return {"article": rows[0], "actors": actors, "quotes": quotes, "events": events,
            "times": times, "places": places}


# -- a speaker -----------------------------------------------------------------------------
def speaker(store: Store, name: str, *, limit: int = 100, offset: int = 0) -> dict[str, Any]:
    """Everything ``name`` said (exact name, case-insensitive), in the order it was said,
    with the outlets that carried it and counts by month and by outlet."""
    day = "coalesce(TRY_CAST(q.said_on AS DATE), a.date)"
    base = ("FROM quotes q JOIN articles a ON a.id = q.article_id "
            "WHERE lower(q.speaker) = lower(?)")
    total = store.query(f"SELECT count(*) AS n, min({day}) AS first, max({day}) AS last "
                        + base, [name])[0]
    if not total["n"]:
        raise NotFoundError(f"no quotes by {name!r}")
    params: list[Any] = [name]
    sql = (f"SELECT q.id, q.article_id, a.title, {day} AS day, q.said_on, q.cue, q.kind, "
           "q.content, q.addressee, q.reported_by, a.outlet, a.wire_credit " + base
           + f" ORDER BY {day} NULLS LAST, q.article_id, q.idx")
    quotes, more = _more(store.query(_page(sql, params, limit, offset), params), limit)
    by_month = store.query(f"SELECT CAST(date_trunc('month', {day}) AS DATE) AS month, "
                           "count(*) AS quotes " + base + " GROUP BY 1 ORDER BY 1", [name])
    outlets = store.query(
        "SELECT coalesce(q.reported_by, a.outlet, a.wire_credit, '(unknown)') AS outlet, "
        "count(*) AS quotes " + base + " GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 20", [name])
    return {"speaker": name, "count": total["n"], "first": total["first"],
            "last": total["last"], "quotes": quotes, "more": more, "by_month": by_month,
            "outlets": outlets, "offset": offset, "limit": limit}


# -- a dyad --------------------------------------------------------------------------------
def dyad(store: Store, a: str, b: str, *, by: str = "month", date_from: str | None = None,
         date_to: str | None = None, limit: int = 100, offset: int = 0) -> dict[str, Any]:
    """Events between actor codes A and B (either direction) and their cooperation/conflict
    curve: per period, counts by quad class and summed Goldstein, as
    ``queries.dyad_series`` computes it (events the text negates are left out of the curve,
    not of the list)."""
    filters = EventFilters(dyad=(a, b), date_from=date_from, date_to=date_to)
    where, params = filters.where()
    source = _events_from(_BOTH_ACTORS, uses=where + _EVENT_DAY)
    # one pass for the light columns of every event of the dyad; details for one page only
    light = store.query(f"SELECT e.id, e.article_id, {_EVENT_DAY} AS day, e.quad_class, "
                        "e.goldstein, "
                        f"e.negated {source}{where} "
                        "ORDER BY day NULLS LAST, e.article_id, e.idx", params)
    page_ids = [r["id"] for r in light[offset:offset + limit]]
    evidence = "substring(a.body, e.evidence_start + 1, e.evidence_end - e.evidence_start)"
    details = {r["event_id"]: r for r in store.query(
        "WITH page AS (SELECT unnest(?) AS id) "
        f"SELECT e.id AS event_id, e.article_id, a.title, {_EVENT_DAY} AS day, e.date, "
        "coalesce(e.source, sa.name) AS source, sa.code AS source_code, "
        "coalesce(e.target, ta.name) AS target, ta.code AS target_code, e.cameo, "
        "e.cameo_root, e.plover, e.goldstein, e.quad_class, e.negated, e.reported_by, "
        f"p.name AS place, {evidence} AS evidence " + _PAGE_FROM,
        [sorted({r["article_id"] for r in light[offset:offset + limit]}), page_ids])
    } if page_ids else {}
    totals = {f"q{q}": sum(1 for r in light if r["quad_class"] == q) for q in QUAD_CLASSES}
    return {"a": a, "b": b, "by": by, "count": len(light), "totals": totals,
            "series": series(light, by), "events": [details[i] for i in page_ids],
            "more": len(light) > offset + limit, "offset": offset, "limit": limit}


def series(events: list[dict[str, Any]], by: str) -> list[dict[str, Any]]:
    """Per period (``by``: day, week (from Monday) or month), counts by quad class, events
    and summed Goldstein of ``events`` (rows with ``day``, ``quad_class``, ``goldstein``,
    ``negated``), leaving out negated events and those without a day; empty periods
    between the first and the last are zeros."""
    rows: dict[dt.date, dict[str, Any]] = {}
    for event in events:
        if event["negated"] or event["day"] is None:
            continue
        period = _period_start(event["day"], by)
        row = rows.setdefault(period, {"period": period, **{f"q{q}": 0 for q in QUAD_CLASSES},
                                       "events": 0, "goldstein": 0.0})
        if event["quad_class"] in QUAD_CLASSES:
            row[f"q{event['quad_class']}"] += 1
        row["events"] += 1
        row["goldstein"] += float(event["goldstein"] or 0.0)
    for row in rows.values():
        row["goldstein"] = round(row["goldstein"], 3)
    return fill_periods(sorted(rows.values(), key=lambda r: r["period"]), by)


def _period_start(day: dt.date, by: str) -> dt.date:
    if by == "week":
        return day - dt.timedelta(days=day.weekday())
    if by == "month":
        return day.replace(day=1)
    return day


def fill_periods(rows: list[dict[str, Any]], by: str) -> list[dict[str, Any]]:
    """``rows`` (one per period that has events, in order) with the periods between them
    added as zeros."""
    if not rows:
        return []
    have = {r["period"]: r for r in rows}
    out = []
    period = rows[0]["period"]
    while period <= rows[-1]["period"]:
        out.append(have.get(period) or {"period": period, **{f"q{q}": 0 for q in QUAD_CLASSES},
                                        "events": 0, "goldstein": 0.0})
        period = _next_period(period, by)
    return out


def _next_period(day: dt.date, by: str) -> dt.date:
    if by == "day":
        return day + dt.timedelta(days=1)
    if by == "week":
        return day + dt.timedelta(days=7)
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


# -- the actor network ---------------------------------------------------------------------
def network(store: Store, *, date_from: str | None = None, date_to: str | None = None,
            code: str | None = None, min_events: int = 1, limit: int = 120) -> dict[str, Any]:
    """Actors (by CAMEO actor code) as nodes and event counts as weighted edges, the
    ``limit`` heaviest edges (source -> target) with at least ``min_events`` events."""
    where, params = EventFilters(code=code, date_from=date_from, date_to=date_to).where()
    cond = " AND ".join(c for c in (where.removeprefix(" WHERE "),
                                    "sa.code IS NOT NULL AND ta.code IS NOT NULL",
                                    "sa.code <> ta.code") if c)
    edges = store.query(
        "SELECT sa.code AS source, ta.code AS target, count(*) AS events, "
        "round(sum(e.goldstein), 2) AS goldstein, "
        + ", ".join(f"count(*) FILTER (WHERE e.quad_class = {q}) AS q{q}" for q in QUAD_CLASSES)
        + f" {_events_from(_BOTH_ACTORS, uses=cond)} WHERE {cond} GROUP BY 1, 2 "
        "HAVING count(*) >= ? "
        "ORDER BY 3 DESC, 1, 2 LIMIT ?", [*params, int(min_events), int(limit)])
    codes = sorted({e["source"] for e in edges} | {e["target"] for e in edges})
    names = {r["code"]: r["name"] for r in store.query(
        # the name most actors with the code carry; ties by name, so every answer is the same
        "SELECT code, name FROM (SELECT code, name, row_number() OVER (PARTITION BY code "
        "ORDER BY count(*) DESC, name) AS r FROM actors WHERE code IN (SELECT unnest(?)) "
        "GROUP BY code, name) WHERE r = 1", [codes])} if codes else {}
    weight: dict[str, int] = {}
    for e in edges:
        for side in ("source", "target"):
            weight[e[side]] = weight.get(e[side], 0) + int(e["events"])
    nodes = [{"id": c, "name": names.get(c) or c, "events": weight[c]} for c in codes]
    return {"nodes": nodes, "edges": edges,
            "filters": {"date_from": date_from, "date_to": date_to, "code": code,
                        "min_events": min_events, "limit": limit}}


# -- the map -------------------------------------------------------------------------------
def event_map(store: Store, *, date_from: str | None = None, date_to: str | None = None,
              code: str | None = None, actor: str | None = None,
              limit: int = 500) -> dict[str, Any]:
    """Event places with coordinates: per place, the number of events, summed Goldstein and
    counts by quad class; plus country points to draw the world outline."""
    filters = EventFilters(code=code, actor=actor, date_from=date_from, date_to=date_to,
                           coordinates=True)
    where, params = filters.where()
    points = store.query(
        "SELECT p.name AS place, p.country, round(p.lat, 3) AS lat, round(p.lon, 3) AS lon, "
        "count(*) AS events, round(sum(e.goldstein), 2) AS goldstein, "
        + ", ".join(f"count(*) FILTER (WHERE e.quad_class = {q}) AS q{q}" for q in QUAD_CLASSES)
        + f" {_events_from(_WITH_PLACE, uses=where + 'p.')}{where} GROUP BY 1, 2, 3, 4 "
        "ORDER BY 5 DESC, 1 LIMIT ?",
        [*params, int(limit)])
    return {"points": points, "countries": country_points(),
            "filters": {"date_from": date_from, "date_to": date_to, "code": code,
                        "actor": actor, "limit": limit}}


@lru_cache(maxsize=1)
def country_points() -> list[dict[str, Any]]:
    """One representative point per country (the knowledge base's centroid table)."""
    from ..geo.tables import read_centroids

    return [{"code": r.code, "name": r.name, "lat": r.lat, "lon": r.lon}
            for r in read_centroids() if r.kind == "country"]


# -- the front page ------------------------------------------------------------------------
def overview(store: Store) -> dict[str, Any]:
    """Counts, the date range, recent articles, the most quoted speakers, the busiest dyads."""
    counts = {t: store.count(t) for t in ("articles", "quotes", "events", "actors", "places")}
    dates = store.query("SELECT min(date) AS first, max(date) AS last FROM articles")[0]
    recent = store.query("SELECT id, date, title, outlet, wire_credit, left(body, 160) AS lead "
                         "FROM articles "
                         "ORDER BY date DESC NULLS LAST, id LIMIT 12")
    speakers = store.query("SELECT speaker, count(*) AS quotes FROM quotes "
                           "WHERE speaker IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 12")
    dyads = store.query(
        "SELECT least(sa.code, ta.code) AS a, greatest(sa.code, ta.code) AS b, "
        f"count(*) AS events FROM {_BOTH_ACTORS} e "
        "JOIN actors sa ON sa.article_id = e.article_id AND sa.actor_id = e.source_actor "
        "JOIN actors ta ON ta.article_id = e.article_id AND ta.actor_id = e.target_actor "
        "WHERE sa.code IS NOT NULL AND ta.code IS NOT NULL AND sa.code <> ta.code "
        "GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT 12")
    return {"counts": counts, "dates": dates, "recent": recent, "speakers": speakers,
            "dyads": dyads}


def jsonable(value: Any) -> Any:
    """``value`` with dates as ISO strings, NaN as None and tuples as lists (for JSON)."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item") and not isinstance(value, str | bytes):  # numpy scalars
        return jsonable(value.item())
    return value


def clamp(value: int, low: int, high: int) -> int:
    return max(low, min(high, value))


__all__: Sequence[str] = ["MAX_LIMIT", "MAX_OFFSET", "QUAD_CLASSES", "SearchQuery", "article",
                          "clamp", "country_points", "dyad", "event_map", "jsonable", "network",
                          "overview", "search", "snippet", "speaker"]
