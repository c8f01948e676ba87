"""A large store from real extracted records, and the time of two queries on it.

    .venv/bin/python bench/big_store.py                      # ingest 300 AFP articles first
    .venv/bin/python bench/big_store.py --from-db afp.duckdb  # or take the records of a store

1. Source: the distinct events (``event_clusters``) and their reports
   (``event_cluster_members``) of a store that eventwire wrote, either ``--from-db`` or a
   fresh ingest of the first ``--n`` articles of ``--corpus`` into a temporary store.
2. Build: ``--events`` distinct events (default 10 million) in ``--out`` (under /tmp by
   default), by copying the source rows with DuckDB SQL (``INSERT ... SELECT ... FROM
   source, range(copies)``): copy k gets new ids and its days shifted by k * ``--shift-days``
   days; every copy of a report's sentence gets " [k]" appended and every copy of an event's
   words " kK", so that no two such strings in the store are the same (as in real data;
   repeated strings would let DuckDB's dictionary compression make a text search look
   cheaper than it is).
3. Time, ``--repeat`` times each (the first run after opening is reported apart, as "cold"):
   (a) ``queries.distinct_dyad_series`` for the source's most frequent dyad, by month;
   (b) ``queries.search_events`` for each ``--text`` (distinct events whose reports hold
       all its content words), the latest 50 with a sentence each.

Prints the numbers, and ``--json`` a JSON line. See bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import duckdb

from eventwire import Store, api, queries

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("EVENTWIRE_SHARED", ROOT.parent / "shared"))
DEFAULT_CORPUS = SHARED / "corpus" / "afp_xinhua_1997_2006.jsonl"

#: event_clusters columns copied unchanged (the others are rewritten per copy)
SAME_CLUSTER = ("source_key", "target_key", "source_name", "source_code", "source_country",
                "target_name", "target_code", "target_country", "cameo", "cameo_root",
                "plover", "goldstein", "quad_class", "negated", "precision", "place_name",
                "place_country", "place_geonameid", "place_feature", "sig_a", "sig_b", "sig_c",
                "sig_d", "n_mentions", "n_articles", "n_outlets", "first_seen", "last_seen")
SAME_MEMBER = ("outlet", "cameo", "evidence_start", "evidence_end", "ingested_at")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Build a store of N distinct events from real records; time a dyad "
                    "series and a text search on it.")
    parser.add_argument("--from-db", type=Path, default=None,
                        help="take the records of this eventwire store (else ingest --n "
                             "articles of --corpus first)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help="articles to ingest when no --from-db (default: %(default)s)")
    parser.add_argument("--n", type=int, default=300,
                        help="articles of --corpus to ingest (default: 300)")
    parser.add_argument("--events", type=int, default=10_000_000,
                        help="distinct events to build, at least (default: 10,000,000)")
    parser.add_argument("--out", type=Path,
                        default=Path(tempfile.gettempdir()) / "eventwire-big.duckdb",
                        help="the big store to write, replaced if present (default: "
                             "%(default)s)")
    parser.add_argument("--shift-days", type=int, default=1,
                        help="days between one copy of the records and the next (default: 1)")
    parser.add_argument("--text", action="append", default=None,
                        help="text to search for; repeat for several (default: 'peace talks', "
                             "a common phrase, and 'xylophone', in no report: the worst case)")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of each query")
    parser.add_argument("--reuse", action="store_true",
                        help="time the queries on --out as it is (built by an earlier run)")
    parser.add_argument("--json", action="store_true", help="also print one JSON line")
    args = parser.parse_args(argv)
    args.text = args.text or ["peace talks", "xylophone"]
    if args.n < 1 or args.events < 1 or args.repeat < 1:
        parser.error("--n, --events and --repeat must be at least 1")
    return args


def source_store(args: argparse.Namespace, workdir: Path) -> Path:
    """The store whose records are copied: --from-db, or a fresh ingest of --n articles."""
    if args.from_db is not None:
        if not args.from_db.exists():
            sys.exit(f"big_store: {args.from_db}: no such database")
        return Path(args.from_db)
    if not args.corpus.exists():
        sys.exit(f"big_store: {args.corpus}: no such corpus (use --from-db or --corpus)")
    from eventwire import Article, read_articles

    first = []
    for item in read_articles([args.corpus]):
        if isinstance(item, Article):
            first.append(item)
            if len(first) >= args.n:
                break
    subset = workdir / "source.jsonl"
    with subset.open("w", encoding="utf-8") as fh:
        for a in first:
            fh.write(json.dumps({"id": a.id, "date": a.date, "title": a.title,
                                 "source": a.outlet, "text": a.body}) + "\n")
    path = workdir / "source.duckdb"
    started = time.perf_counter()
    summary = api.ingest([subset], path)
    print(f"source     ingested {summary.stored} articles of {args.corpus.name} in "
          f"{time.perf_counter() - started:.1f} s")
    return path


def build(source: Path, out: Path, target: int, shift_days: int) -> dict[str, Any]:
    """Copy the source's clusters and members into ``out`` until it has ``target`` distinct
    events. Returns the counts."""
    for path in (out, Path(f"{out}.wal")):
        path.unlink(missing_ok=True)
    with Store(out):  # the eventwire schema, migrations applied
        pass
    con = duckdb.connect(str(out))
    con.execute("ATTACH ? AS src (READ_ONLY)", [str(source)])
    n_src = con.execute("SELECT count(*) FROM src.event_clusters").fetchone()[0]
    if not n_src:
        sys.exit(f"big_store: {source} has no distinct events (ingest articles into it)")
    copies = math.ceil(target / n_src)
    shift = f"(k * {int(shift_days)})::INTEGER"
    started = time.perf_counter()
    # the bulk load goes faster without the secondary indexes; they are made again below
    indexes = con.execute("SELECT index_name, sql FROM duckdb_indexes() WHERE database_name = "
                          "current_database() AND table_name IN ('event_clusters', "
                          "'event_cluster_members')").fetchall()
    for name, _ in indexes:
        con.execute(f'DROP INDEX "{name}"')
    con.execute(
        "INSERT INTO event_clusters BY NAME SELECT c.id || '-' || k AS id, "
        "c.source_key || '|' || c.target_key || '|' || c.cameo_root || '|' || CASE "
        f"WHEN c.day IS NULL THEN '-' WHEN c.precision = 'year' THEN strftime(c.day + {shift}, "
        f"'%Y') ELSE strftime(c.day + {shift}, '%Y-%m') END AS block, "
        f"CASE WHEN c.precision = 'day' THEN strftime(c.day + {shift}, '%Y-%m-%d') "
        "ELSE c.date END AS date, "
        f"c.day + {shift} AS day, c.first_day + {shift} AS first_day, "
        f"c.last_day + {shift} AS last_day, c.terms || ' k' || k AS terms, "
        + ", ".join(f"c.{x}" for x in SAME_CLUSTER)
        + " FROM src.event_clusters c, range(?) r(k)", [copies])
    con.execute(
        "INSERT INTO event_cluster_members BY NAME SELECT m.event_id || '-' || k AS event_id, "
        "m.cluster_id || '-' || k AS cluster_id, m.article_id || '-' || k AS article_id, "
        f"m.article_date + {shift} AS article_date, m.day + {shift} AS day, "
        "m.evidence || ' [' || k || ']' AS evidence, " + ", ".join(f"m.{x}" for x in SAME_MEMBER)
        + " FROM src.event_cluster_members m, range(?) r(k)", [copies])
    loaded = time.perf_counter() - started
    started = time.perf_counter()
    for _, sql in indexes:
        con.execute(sql)
    con.execute("CHECKPOINT")
    indexed = time.perf_counter() - started
    counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("event_clusters", "event_cluster_members")}
    con.close()
    size = out.stat().st_size / 2**30
    print(f"build      {counts['event_clusters']:,} distinct events, "
          f"{counts['event_cluster_members']:,} reports ({copies:,} copies of {n_src:,} "
          f"source events); load {loaded:.1f} s, indexes {indexed:.1f} s; {size:.2f} GiB")
    return {"copies": copies, "source_events": n_src, "load_s": round(loaded, 2),
            "index_s": round(indexed, 2), "gib": round(size, 3), **counts}


def top_dyad(store: Store) -> tuple[str, str]:
    """The most frequent (source country, target country) pair of two different countries."""
    rows = store.query(
        "SELECT source_country AS a, target_country AS b, count(*) AS n FROM event_clusters "
        "WHERE source_country IS NOT NULL AND target_country IS NOT NULL "
        "AND source_country <> target_country AND source_country <> 'IGO' "
        "AND target_country <> 'IGO' GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT 1")
    if not rows:
        sys.exit("big_store: no dyad between two countries in the store")
    return rows[0]["a"], rows[0]["b"]


def timings(func: Callable[[], Any], repeat: int) -> tuple[float, list[float], Any]:
    """(cold time, warm times, last result)."""
    started = time.perf_counter()
    result = func()
    cold = time.perf_counter() - started
    warm = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = func()
        warm.append(time.perf_counter() - started)
    return cold, warm, result


def line(name: str, cold: float, warm: list[float], what: str) -> str:
    return (f"{name:<28} cold {cold * 1000:7.0f} ms   warm median "
            f"{statistics.median(warm) * 1000:6.0f} ms  (min {min(warm) * 1000:.0f}, max "
            f"{max(warm) * 1000:.0f}, {len(warm)} runs)  {what}")


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    result: dict[str, Any] = {"threads": os.cpu_count()}
    if not args.reuse:
        with tempfile.TemporaryDirectory(prefix="eventwire-big-") as workdir:
            source = source_store(args, Path(workdir))
            result["build"] = build(source, args.out, args.events, args.shift_days)
    with Store(args.out, read_only=True) as store:
        a, b = top_dyad(store)
        cold, warm, frame = timings(lambda: queries.distinct_dyad_series(store, a, b),
                                    args.repeat)
        print(line(f"(a) dyad series {a}-{b}", cold, warm,
                   f"{len(frame)} months, {int(frame['events'].sum()):,} events"))
        result["dyad"] = {"a": a, "b": b, "cold_ms": round(cold * 1000, 1),
                          "median_ms": round(statistics.median(warm) * 1000, 1),
                          "events": int(frame["events"].sum())}
        result["search"] = []
        for text in args.text:
            cold, warm, frame = timings(lambda t=text: queries.search_events(store, t),
                                        args.repeat)
            print(line(f"(b) text search {text!r}", cold, warm,
                       f"{len(frame)} distinct events found (at most 50)"))
            result["search"].append({"text": text, "cold_ms": round(cold * 1000, 1),
                                     "median_ms": round(statistics.median(warm) * 1000, 1),
                                     "rows": len(frame)})
    if args.json:
        print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
