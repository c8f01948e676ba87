"""Stories: articles about one developing story, grouped as they are ingested.

Every stored article belongs to exactly one story (a story may have one article). An
article joins an existing story when, within ``STORY_WINDOW`` days of the story's latest
article with the same feature, it shares with the story

- a dyad: the source and target of one of its events (countries or actor codes, as for
  event merging), or
- at least two salient actors: its most mentioned people and organizations
  (``MAX_ACTORS`` of them).

Among several stories it joins the one it shares most with (dyads count twice), else it
starts a story of its own, titled with its title (or its top actors).

Candidates are found with one lookup of the batch's keys in ``story_keys`` (feature +
month of the article, ``key IN (FROM unnest(?))``), never by comparing with every story;
like ``merge.py`` this runs inside the batch's transaction. An article that is replaced
leaves its story first (a story left with no article is deleted); the features it brought
stay in ``story_keys``, which may make a later article join that story a little more
easily.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

import duckdb
import pyarrow as pa

from .merge import Row, execute_in, fetch_in, fresh_ids, insert_rows, shifted, side_key

__all__ = ["MAX_ACTORS", "STORY_WINDOW", "ArticleFeatures", "article_features",
           "assign_story", "merge_stories", "remove_articles"]

#: days between an article and the story's latest article sharing a feature with it
STORY_WINDOW = 3
#: salient actors kept per article
MAX_ACTORS = 6
SALIENT_KINDS = frozenset({"person", "organization"})


@dataclasses.dataclass(frozen=True, slots=True)
class ArticleFeatures:
    """What links an article to a story: its dyads and its salient actors."""

    article_id: str
    date: dt.date | None
    title: str
    dyads: frozenset[str]
    actors: frozenset[str]

    @property
    def keys(self) -> list[str]:
        """Feature keys: ``d:A|B`` for a dyad, ``a:ACTOR_ID`` for an actor."""
        return sorted([f"d:{d}" for d in self.dyads] + [f"a:{a}" for a in self.actors])


def article_features(tables: Mapping[str, Sequence[Row]]) -> list[ArticleFeatures]:
    """Features of each article of a batch (rows as made by ``rows.analysis_rows``)."""
    mentions = Counter((m["article_id"], m["actor_id"]) for m in tables.get("mentions", ()))
    actors: dict[str, list[Row]] = {}
    by_id: dict[tuple[Any, Any], Row] = {}
    for actor in tables.get("actors", ()):
        actors.setdefault(actor["article_id"], []).append(actor)
        by_id[(actor["article_id"], actor["actor_id"])] = actor
    dyads: dict[str, set[str]] = {}
    for e in tables.get("events", ()):
        src = by_id.get((e["article_id"], e.get("source_actor")))
        tgt = by_id.get((e["article_id"], e.get("target_actor")))
        if src is None or tgt is None:
            continue
        pair = sorted((side_key(src, None), side_key(tgt, None)))
        if pair[0] != pair[1]:
            dyads.setdefault(e["article_id"], set()).add("|".join(pair))
    out = []
    for art in tables.get("articles", ()):
        aid = art["id"]
        ranked = sorted((a for a in actors.get(aid, ()) if a["kind"] in SALIENT_KINDS),
                        key=lambda a: (-mentions[(aid, a["actor_id"])], a["idx"]))[:MAX_ACTORS]
        title = art.get("title") or ", ".join(a["name"] for a in ranked[:3]) or aid
        out.append(ArticleFeatures(article_id=aid, date=art.get("date"), title=title,
                                   dyads=frozenset(dyads.get(aid, ())),
                                   actors=frozenset(a["actor_id"] for a in ranked)))
    return out


def _months(day: dt.date) -> list[str]:
    lo, hi = shifted(day, -STORY_WINDOW), shifted(day, STORY_WINDOW)
    return sorted({f"{lo:%Y-%m}", f"{day:%Y-%m}", f"{hi:%Y-%m}"})


def assign_story(features: ArticleFeatures,
                 stories: Mapping[str, Mapping[str, dt.date]]) -> tuple[str, list[str]] | None:
    """The story (id, shared feature keys) this article joins, given each candidate story's
    feature keys with the latest date they were seen; None for a story of its own."""
    if features.date is None:
        return None
    ranked = []
    own = features.keys
    for story_id, keys in stories.items():
        shared = [k for k in own if k in keys
                  and abs((features.date - keys[k]).days) <= STORY_WINDOW]
        n_dyads = sum(k.startswith("d:") for k in shared)
        n_actors = len(shared) - n_dyads
        if n_dyads >= 1 or n_actors >= 2:
            ranked.append((-(2 * n_dyads + n_actors), story_id, shared))
    if not ranked:
        return None
    _, story_id, shared = min(ranked)
    return story_id, shared


def merge_stories(con: duckdb.DuckDBPyConnection, tables: Mapping[str, Sequence[Row]],
                  now: dt.datetime, *, check_ids: bool = True) -> None:
    """Put each article of the batch into a story (see the module docstring);
    ``check_ids=False`` when no article of the batch was stored before (the id of a new
    story, from its first article's id, cannot be taken then)."""
    batch = sorted(article_features(tables), key=lambda f: (f.date or dt.date.max, f.article_id))
    lookup = {f"{k}|{m}" for f in batch if f.date is not None
              for k in f.keys for m in _months(f.date)}
    stories: dict[str, dict[str, dt.date]] = {}
    for r in fetch_in(con, "SELECT key, story_id, last_date FROM story_keys "
                            "WHERE key IN (FROM unnest(?))", lookup):
        feature = r["key"].rsplit("|", 1)[0]
        keys = stories.setdefault(r["story_id"], {})
        if r["last_date"] is not None and (feature not in keys or keys[feature] < r["last_date"]):
            keys[feature] = r["last_date"]
    new_stories: dict[str, Row] = {}
    members: list[Row] = []
    key_rows: dict[tuple[str, str], Row] = {}
    by_key: dict[str, set[str]] = {}  # feature key -> the stories that have it
    for story_id, story_keys in stories.items():
        for key in story_keys:
            by_key.setdefault(key, set()).add(story_id)
    for features in batch:
        own = features.keys
        near = {s for k in own for s in by_key.get(k, ())}
        found = assign_story(features, {s: stories[s] for s in sorted(near)})
        if found is None:
            story_id = "s" + hashlib.sha256(features.article_id.encode()).hexdigest()[:16]
            shared: list[str] = []
            new_stories[story_id] = {"id": story_id, "title": features.title,
                                     "first_seen": now}
        else:
            story_id, shared = found
        members.append({"article_id": features.article_id, "story_id": story_id,
                        "date": features.date, "title": features.title, "shared": shared})
        if features.date is None:
            continue
        keys = stories.setdefault(story_id, {})
        for key in own:
            keys[key] = max(keys.get(key, features.date), features.date)
            by_key.setdefault(key, set()).add(story_id)
            row = key_rows.setdefault((f"{key}|{features.date:%Y-%m}", story_id),
                                      {"key": f"{key}|{features.date:%Y-%m}",
                                       "story_id": story_id, "last_date": features.date, "n": 0})
            row["last_date"] = max(row["last_date"], features.date)
            row["n"] += 1
    renamed = fresh_ids(con, "stories", new_stories) if check_ids else {}
    for old_id, new_id in renamed.items():
        new_stories[new_id] = {**new_stories.pop(old_id), "id": new_id}
    for row in (*members, *key_rows.values()):
        row["story_id"] = renamed.get(row["story_id"], row["story_id"])
    insert_rows(con, "story_articles", members)
    if key_rows:
        _upsert_keys(con, list(key_rows.values()))
    _save(con, {m["story_id"] for m in members}, new_stories, now)


def _upsert_keys(con: duckdb.DuckDBPyConnection, rows: list[Row]) -> None:
    batch = pa.Table.from_pylist(rows)  # noqa: F841 - read by DuckDB below by name
    con.execute("INSERT INTO story_keys (key, story_id, last_date, n) "
                "SELECT key, story_id, last_date, n FROM batch "
                "ON CONFLICT (key, story_id) DO UPDATE SET "
                "last_date = greatest(story_keys.last_date, excluded.last_date), "
                "n = story_keys.n + excluded.n")


def _save(con: duckdb.DuckDBPyConnection, touched: set[str], new: Mapping[str, Row],
          now: dt.datetime) -> None:
    """Recount the touched stories from their articles and write them back."""
    if not touched:
        return
    old = {r["id"]: r for r in fetch_in(con, "SELECT * FROM stories WHERE id IN (FROM unnest(?))",
                                         [s for s in touched if s not in new])}
    counts = {r["story_id"]: r for r in fetch_in(
        con, "SELECT story_id, count(*) AS n_articles, min(date) AS first_date, "
             "max(date) AS last_date FROM story_articles WHERE story_id IN (FROM unnest(?)) "
             "GROUP BY story_id", touched)}
    execute_in(con, "DELETE FROM stories WHERE id IN (FROM unnest(?))", list(old))
    rows = []
    for story_id in sorted(touched):
        base = old.get(story_id) or new.get(story_id)
        count = counts.get(story_id)
        if base is None or count is None:
            continue
        rows.append({**base, "n_articles": count["n_articles"],
                     "first_date": count["first_date"], "last_date": count["last_date"],
                     "last_seen": now})
    insert_rows(con, "stories", rows)
    gone = [s for s in touched if s not in counts]
    execute_in(con, "DELETE FROM story_keys WHERE story_id IN (FROM unnest(?))", gone)


def remove_articles(con: duckdb.DuckDBPyConnection, article_ids: Sequence[str],
                    now: dt.datetime) -> None:
    """Take these articles out of their stories (stories left empty are deleted)."""
    if not article_ids:
        return
    touched = {r["story_id"] for r in fetch_in(
        con, "SELECT story_id FROM story_articles WHERE article_id IN (FROM unnest(?))",
        article_ids)}
    execute_in(con, "DELETE FROM story_articles WHERE article_id IN (FROM unnest(?))", article_ids)
    _save(con, touched, {}, now)
