"""How long each web page takes on a database of 20,000 articles.

    python bench/web_latency.py                       # build /tmp/eventwire-web-20k.duckdb once
    python bench/web_latency.py --db big.duckdb       # reuse (or build) that file

Building: the AFP/Xinhua corpus (2,452 articles, ../shared/corpus) is ingested once with
the real pipeline (a few minutes); then its rows are copied in SQL under new ids
(``<id>#<n>``, every record table and the search's word index too) until the database
holds ``--articles`` articles (a database made before the word index existed gets it
when it is opened writable here).
The copies repeat the same texts, so the text search and the aggregations scan 20,000
articles' worth of rows as they would on real data of that size.

Timing: the ASGI app runs in this process (Starlette's test client, no network); each
request opens the database read-only, queries, renders and closes it, as the server does.
Every page and its JSON twin is requested once (the "first" column) and then ``--repeat``
times; the median and the slowest of those are printed per page, and the slowest overall
against the 300 ms goal. Nothing is cached between requests.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import warnings
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "afp_xinhua_1997_2006.jsonl"
GOAL_MS = 300.0
RECORD_TABLES = ("actors", "mentions", "quotes", "events", "times", "places")
WITH_ID = ("quotes", "events", "times", "places")  # tables whose rows have their own id


def build(db: Path, corpus: Path, articles: int) -> None:
    """Ingest ``corpus`` into ``db`` if it is empty, then copy rows up to ``articles``."""
    import eventwire as ew
    from eventwire import Store

    with Store(db) as store:
        have = store.count("articles")
    if have == 0:
        print(f"ingesting {corpus} (once) ...", flush=True)
        print(ew.ingest([corpus], db).line(), flush=True)
    with Store(db) as store:
        con = store.con
        con.execute("CREATE TEMP TABLE originals AS SELECT id FROM articles "
                    "WHERE NOT contains(id, '#') ORDER BY id")
        base = con.execute("SELECT count(*) FROM originals").fetchone()[0]  # type: ignore[index]
        copy = 1
        while (total := store.count("articles")) < articles:
            suffix = f"#{copy}"
            if con.execute("SELECT count(*) FROM articles WHERE id = ?",
                           [f"{_first(con)}{suffix}"]).fetchone()[0]:  # type: ignore[index]
                copy += 1
                continue
            take = min(base, articles - total)
            con.execute("CREATE OR REPLACE TEMP TABLE chosen AS SELECT id FROM originals "
                        "ORDER BY id LIMIT ?", [take])
            con.execute("BEGIN TRANSACTION")
            con.execute("INSERT INTO articles SELECT * REPLACE (id || ? AS id) FROM articles "
                        "WHERE id IN (SELECT id FROM chosen)", [suffix])
            for table in RECORD_TABLES:
                replace = "article_id || ? AS article_id" + (", id || ? AS id"
                                                              if table in WITH_ID else "")
                params = [suffix, suffix] if table in WITH_ID else [suffix]
                con.execute(f"INSERT INTO {table} SELECT * REPLACE ({replace}) FROM {table} "
                            "WHERE article_id IN (SELECT id FROM chosen)", params)
            con.execute("INSERT INTO article_words SELECT word, article_id || ? "  # the search's
                        "FROM article_words WHERE article_id IN (SELECT id FROM chosen)",  # index
                        [suffix])
            con.execute("COMMIT")
            print(f"copy {copy}: {store.count('articles')} articles", flush=True)
            copy += 1


def _first(con) -> str:  # type: ignore[no-untyped-def]
    return str(con.execute("SELECT id FROM originals ORDER BY id LIMIT 1").fetchone()[0])


def pages(db: Path) -> list[tuple[str, str]]:
    """(name, url) of every page, with arguments taken from the data."""
    from eventwire import Store

    with Store(db, read_only=True) as store:
        article = store.query("SELECT article_id FROM quotes GROUP BY 1 ORDER BY count(*) DESC, "
                              "1 LIMIT 1")[0]["article_id"]
        speaker = store.query("SELECT speaker FROM quotes WHERE speaker IS NOT NULL "
                              "GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1")[0]["speaker"]
        total = store.count("articles")
    print(f"{total} articles; article {article}; speaker {speaker!r}")
    html = [("index", "/"), ("search text", "/search?q=minister"),
            ("search Putin", "/search?q=Putin"),
            ("search filters", "/search?q=said&outlet=AFP&from=2000-01-01&to=2003-12-31"),
            ("search speaker", "/search?speaker=president&kind=quotes"),
            ("search actor", "/search?actor=CHN&kind=events"),
            ("article", f"/article/{quote(article, safe='')}"),
            ("speaker", f"/speaker/{quote(speaker, safe='')}"),
            ("dyad month", "/dyad/CHN/USA"), ("dyad week", "/dyad/USA/CHN?by=week"),
            ("network", "/network"), ("network 19", "/network?code=19"),
            ("map", "/map"), ("map actor", "/map?actor=CHN")]
    out = []
    for name, url in html:
        path, _, query = url.partition("?")
        twin = ("/index" if path == "/" else path) + ".json" + (f"?{query}" if query else "")
        out += [(name, url), (name + " .json", twin)]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/eventwire-web-20k.duckdb"))
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    build(args.db, args.corpus, args.articles)

    from starlette.testclient import TestClient

    from eventwire.web import create_app

    worst = 0.0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        client = TestClient(create_app(args.db))
    print(f"{'page':<22} {'first ms':>9} {'median ms':>10} {'max ms':>8}  status")
    for name, url in pages(args.db):
        started = time.perf_counter()
        client.get(url)  # the first request: templates compiled, file pages cold
        first = (time.perf_counter() - started) * 1000
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        worst = max(worst, max(times))
        print(f"{name:<22} {first:>9.1f} {statistics.median(times):>10.1f} {max(times):>8.1f}  "
              f"{response.status_code}", flush=True)
    print(f"slowest request {worst:.1f} ms (goal: under {GOAL_MS:.0f} ms): "
          + ("met" if worst < GOAL_MS else "NOT met"))
    return 0 if worst < GOAL_MS else 1


if __name__ == "__main__":
    sys.exit(main())
