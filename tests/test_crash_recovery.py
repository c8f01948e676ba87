"""Crash recovery: an ingest killed with SIGKILL part-way, then rerun, stores each article
exactly once; a third run changes nothing.

Runs the real ``eventwire`` command in a child process over the first 500 articles of the
AFP/Xinhua corpus (about a minute on two cores).
"""

from __future__ import annotations

import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from eventwire import Store

from .conftest import AFP_CORPUS

N_ARTICLES = 500
COMMIT_EVERY = 16
COMMITS_BEFORE_KILL = 2
START_TIMEOUT = 300  # seconds to wait for the first commits (model load included)
RUN_TIMEOUT = 900  # seconds for a full ingest of N_ARTICLES
COUNTED_TABLES = ("articles", "actors", "mentions", "quotes", "events", "times", "places",
                  "rejected")
RECORD_KEYS = {  # what identifies one record of an article (constants, not input)
    "actors": "article_id, actor_id",
    "mentions": "article_id, actor_id, start_char, end_char",
    "quotes": "article_id, idx",
    "events": "article_id, idx",
    "times": "article_id, idx",
    "places": "article_id, idx",
}
SUMMARY = re.compile(r"(\d+) articles stored, (\d+) unchanged, (\d+) rejected")

pytestmark = [pytest.mark.needs_shared, pytest.mark.slow]


def eventwire_command() -> list[str]:
    """The console script installed next to this interpreter (eventwire.cli has no
    ``__main__``); failing that, the same entry point through ``-c``."""
    script = Path(sys.executable).parent / "eventwire"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from eventwire.cli import entry; entry()"]


def ingest_args(corpus: Path, db: Path) -> list[str]:
    return [*eventwire_command(), "-v", "ingest", str(corpus), "--db", str(db),
            "--no-progress", "--commit-every", str(COMMIT_EVERY)]


def run_ingest(corpus: Path, db: Path) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(ingest_args(corpus, db), capture_output=True, text=True,
                          timeout=RUN_TIMEOUT)
    assert done.returncode == 0, f"ingest exited {done.returncode}:\n{done.stderr[-3000:]}"
    return done


def summary_numbers(stdout: str) -> tuple[int, int, int]:
    match = SUMMARY.search(stdout)
    assert match, f"no summary line in the ingest output: {stdout!r}"
    stored, unchanged, rejected = (int(x) for x in match.groups())
    return stored, unchanged, rejected


def kill_after_commits(corpus: Path, db: Path, commits: int) -> list[str]:
    """Start an ingest, SIGKILL it once ``commits`` batches are logged; its stderr lines."""
    proc = subprocess.Popen(ingest_args(corpus, db), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    stderr = proc.stderr
    assert stderr is not None
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:  # readline blocks: read in a thread so the wait can time out
        for line in stderr:
            lines.put(line)
        lines.put(None)

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    seen: list[str] = []
    committed = 0
    deadline = time.monotonic() + START_TIMEOUT
    try:
        while committed < commits:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                pytest.fail(f"no {commits} commits within {START_TIMEOUT} s:\n"
                            + "".join(seen[-40:]))
            try:
                line = lines.get(timeout=remaining)
            except queue.Empty:
                continue
            if line is None:
                pytest.fail(f"ingest exited ({proc.wait()}) before {commits} commits were "
                            "logged, so it could not be killed part-way:\n" + "".join(seen[-40:]))
            seen.append(line)
            committed += "committed a batch" in line
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
        reader.join(timeout=10)
        stderr.close()
    assert proc.returncode == -signal.SIGKILL, (
        f"ingest ended with {proc.returncode} before it could be killed")
    return seen


def snapshot(db: Path) -> dict[str, object]:
    """Counts of every table, and what identifies each stored article version."""
    with Store(db, read_only=True) as store:
        counts = {t: store.count(t) for t in COUNTED_TABLES}
        articles = store.query("SELECT id, content_hash, ingested_at FROM articles ORDER BY id")
    return {"counts": counts, "articles": articles}


def test_ingest_killed_part_way_then_rerun_stores_each_article_once(tmp_path: Path) -> None:
    with AFP_CORPUS.open(encoding="utf-8") as fh:
        head = [next(fh) for _ in range(N_ARTICLES)]
    corpus = tmp_path / "afp_first_500.jsonl"
    corpus.write_text("".join(head), encoding="utf-8")
    expected_ids = {json.loads(line)["id"] for line in head}
    assert len(expected_ids) == N_ARTICLES, "the corpus sample has repeated ids"
    db = tmp_path / "crash.duckdb"

    # 1. kill it with SIGKILL once some batches are committed
    kill_after_commits(corpus, db, COMMITS_BEFORE_KILL)
    with Store(db, read_only=True) as store:
        after_kill = store.count("articles")
    assert after_kill >= COMMITS_BEFORE_KILL * COMMIT_EVERY, (
        f"{after_kill} articles stored after {COMMITS_BEFORE_KILL} logged commits")
    assert 1 <= after_kill < N_ARTICLES, (
        f"the killed ingest had stored {after_kill} of {N_ARTICLES} articles: not part-way")

    # 2. rerun: it finishes the job, skipping what was committed
    stored, unchanged, rejected = summary_numbers(run_ingest(corpus, db).stdout)
    assert (stored, unchanged, rejected) == (N_ARTICLES - after_kill, after_kill, 0)
    with Store(db, read_only=True) as store:
        assert store.count("articles") == N_ARTICLES
        distinct = store.query("SELECT count(DISTINCT id) AS n FROM articles")[0]["n"]
        assert distinct == N_ARTICLES
        assert set(store.article_ids()) == expected_ids
        for table, key in RECORD_KEYS.items():
            repeated = store.query(f"SELECT {key}, count(*) AS n FROM {table} "
                                   f"GROUP BY {key} HAVING count(*) > 1 LIMIT 5")
            assert repeated == [], f"{table}: records stored twice"
            orphans = store.query(f"SELECT count(*) AS n FROM {table} "
                                  "WHERE article_id NOT IN (SELECT id FROM articles)")
            assert orphans[0]["n"] == 0, f"{table}: records of no stored article"
    before = snapshot(db)

    # 3. a third run changes nothing
    done = run_ingest(corpus, db)
    assert f"0 articles stored, {N_ARTICLES} unchanged" in done.stdout
    assert snapshot(db) == before
