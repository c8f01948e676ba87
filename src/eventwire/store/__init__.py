"""The DuckDB store: one file, no server.

- ``Store.write_batch`` writes a batch of Analyses and Rejections in ONE transaction: a run
  killed at any moment loses no committed batch, and leaves no half-written one.
- Articles are keyed by id and carry a content hash: writing an article whose id and hash
  are already stored changes nothing (``write_batch`` skips it); a changed article replaces
  its old records.
- Rejected inputs are stored once per (origin, reason).
- Every value is bound as a parameter or passed as an Arrow table, never formatted into SQL.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import logging
import os
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from ..errors import NotFoundError, StoreError
from ..model import Analysis, Rejection
from . import merge, stories, terms
from .rows import Row, analysis_rows, rows_to_analysis
from .schema import MIGRATIONS, RECORD_TABLES

log = logging.getLogger(__name__)

__all__ = ["BatchResult", "IngestSummary", "Store"]

TABLES = ("articles", *RECORD_TABLES)

#: seconds a writer / a reader waits for another process to let go of the database file
WRITE_LOCK_TIMEOUT = 60.0
READ_LOCK_TIMEOUT = 10.0


@dataclass
class BatchResult:
    stored: int = 0
    replaced: int = 0
    records: dict[str, int] = field(default_factory=dict)
    rejected_new: int = 0


@dataclass
class IngestSummary:
    """What one ingest run did."""

    read: int = 0
    stored: int = 0
    unchanged: int = 0
    replaced: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    records: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def articles_per_second(self) -> float:
        done = self.stored + self.unchanged
        return done / self.seconds if self.seconds > 0 else 0.0

    def add(self, batch: BatchResult) -> None:
        self.stored += batch.stored
        self.replaced += batch.replaced
        for table, n in batch.records.items():
            self.records[table] = self.records.get(table, 0) + n

    def line(self) -> str:
        recs = ", ".join(f"{self.records.get(t, 0)} {t}"
                         for t in ("actors", "quotes", "events", "times", "places"))
        return (f"{self.stored} articles stored, {self.unchanged} unchanged, "
                f"{len(self.rejected)} rejected; records: {recs}; "
                f"{self.articles_per_second:.1f} articles/s over {self.seconds:.1f} s")


class Store:
    """A DuckDB database of analyses. Use as a context manager or call ``close()``."""

    def __init__(self, path: str | os.PathLike[str], *, read_only: bool = False,
                 lock_timeout: float | None = None) -> None:
        """Open ``path`` (``":memory:"`` for a throwaway database).

        DuckDB lets one process write a file or several processes read it, never both at
        once. When another process holds the file, opening is retried with a growing pause
        for up to ``lock_timeout`` seconds (default ``WRITE_LOCK_TIMEOUT`` for a writer,
        ``READ_LOCK_TIMEOUT`` for a reader) before a StoreError that names the file.
        """
        self.path = str(path)
        if read_only and self.path != ":memory:" and not Path(self.path).exists():
            raise NotFoundError(f"{self.path}: no such database (run 'eventwire ingest' first)")
        if lock_timeout is None:
            lock_timeout = READ_LOCK_TIMEOUT if read_only else WRITE_LOCK_TIMEOUT
        self.con = _connect(self.path, read_only, lock_timeout)
        self.read_only = read_only
        if not read_only:
            self.migrate()
        elif self.schema_version() < len(MIGRATIONS):
            raise StoreError(f"{self.path}: database is at schema version "
                             f"{self.schema_version()}; open it writable once to migrate")

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    # -- schema ---------------------------------------------------------------------------
    def schema_version(self) -> int:
        try:
            row = self.con.execute("SELECT max(version) FROM schema_migrations").fetchone()
        except duckdb.CatalogException:
            return 0
        return int(row[0]) if row and row[0] is not None else 0

    def migrate(self) -> None:
        self.con.execute("CREATE TABLE IF NOT EXISTS schema_migrations ("
                         "version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)")
        current = self.schema_version()
        for version, name, sql in MIGRATIONS:
            if version <= current:
                continue
            self.con.execute("BEGIN TRANSACTION")
            try:
                self.con.execute(sql)
                if version == terms.MIGRATION:  # index the articles stored before it
                    terms.backfill(self.con)
                self.con.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)",
                                 [version, name, _now()])
                self.con.execute("COMMIT")
            except duckdb.Error as exc:
                self.con.execute("ROLLBACK")
                raise StoreError(f"{self.path}: migration {version} failed ({exc})") from None
            log.info("applied migration %d (%s)", version, name)

    # -- writing --------------------------------------------------------------------------
    def stored_hashes(self, ids: Iterable[str]) -> dict[str, str]:
        """id -> content hash for those of ``ids`` that are stored."""
        return {k: h for k, (h, _) in self.stored_versions(ids).items()}

    def stored_versions(self, ids: Iterable[str]) -> dict[str, tuple[str, str]]:
        """id -> (content hash, extractor version) for those of ``ids`` that are stored."""
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return {}
        rows = self.con.execute("SELECT id, content_hash, coalesce(extractor_version, '') "
                                "FROM articles WHERE id IN (SELECT unnest(?))",
                                [wanted]).fetchall()
        return {i: (h, v) for i, h, v in rows}

    def write_batch(self, analyses: Sequence[Analysis], rejections: Sequence[Rejection] = (),
                    *, version: str = "", force: bool = False) -> BatchResult:
        """Write analyses and rejections in one transaction. An article stored already with
        the same content by the same extractor version is left as it is, unless ``force``."""
        try:
            return self._write_batch(analyses, rejections, version, force)
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: writing a batch failed, nothing of it was "
                             f"stored ({exc})") from None

    def _write_batch(self, analyses: Sequence[Analysis], rejections: Sequence[Rejection],
                     version: str, force: bool) -> BatchResult:
        now = _now()
        latest: dict[str, Analysis] = {}
        for analysis in analyses:  # the same id twice in a batch: the later one wins
            latest[analysis.article.article_id] = analysis
        stored = {} if force else self.stored_versions(latest)
        for aid, analysis in list(latest.items()):  # same content, same extractor: nothing to do
            if stored.get(aid) == (analysis.article.content_hash, version):
                del latest[aid]
        result = BatchResult()
        tables: dict[str, list[Row]] = {t: [] for t in TABLES}
        for analysis in latest.values():
            for table, rows in analysis_rows(analysis, version=version, now=now).items():
                tables[table].extend(rows)
        ids = list(latest)
        self.con.execute("BEGIN TRANSACTION")
        try:
            existing = set(self.stored_hashes(ids))
            if existing:
                for table in ("articles", *RECORD_TABLES):
                    key = "id" if table == "articles" else "article_id"
                    self.con.execute(f"DELETE FROM {table} WHERE {key} IN (SELECT unnest(?))",
                                     [sorted(existing)])
            for table in TABLES:
                self._insert(table, tables[table])
            self._merge(tables, sorted(existing), now)
            terms.write(self.con, tables, sorted(existing))  # the search's word index
            result.rejected_new = self._insert_rejections(rejections, now)
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        result.stored = len(ids)
        result.replaced = len(existing)
        result.records = {t: len(tables[t]) for t in RECORD_TABLES}
        return result

    def _merge(self, tables: dict[str, list[Row]], replaced: list[str],
               now: dt.datetime) -> None:
        """Cross-article clusters and stories for the batch, in its transaction: the
        replaced articles leave theirs first (``merge.py``, ``stories.py``)."""
        merge.merge_batch(self.con, tables, replaced, now)
        stories.remove_articles(self.con, replaced, now)
        stories.merge_stories(self.con, tables, now, check_ids=bool(replaced))

    def remerge(self, *, batch_articles: int = 256) -> int:
        """Rebuild the distinct events and quotes and the stories from the stored records:
        empty their tables, then merge every article again in date order, one transaction
        per ``batch_articles`` (for a store written before they existed, or after a change
        of the merging rules). Returns the number of articles merged."""
        try:
            return self._remerge(batch_articles)
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: merging again failed; what the batch in flight "
                             f"did was not stored ({exc})") from None

    def _remerge(self, batch_articles: int) -> int:
        ids = [r[0] for r in self.con.execute(
            "SELECT id FROM articles ORDER BY date NULLS LAST, ingested_at, id").fetchall()]
        self.con.execute("BEGIN TRANSACTION")
        try:
            for table in merge.MERGED_TABLES:
                self.con.execute(f"DELETE FROM {table}")
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        for i in range(0, len(ids), max(1, batch_articles)):
            chunk = ids[i:i + batch_articles]
            self.con.execute("BEGIN TRANSACTION")
            try:
                tables = {t: merge.fetch_in(self.con, f"SELECT * FROM {t} WHERE "
                                            f"{'id' if t == 'articles' else 'article_id'} "
                                            "IN (FROM unnest(?))", chunk) for t in TABLES}
                self._merge(tables, [], _now())
                self.con.execute("COMMIT")
            except BaseException:
                self.con.execute("ROLLBACK")
                raise
        return len(ids)

    def _insert(self, table: str, rows: list[Row]) -> None:
        if not rows:
            return
        batch = pa.Table.from_pylist(rows)  # noqa: F841 - read by DuckDB below by name
        self.con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM batch")

    def _insert_rejections(self, rejections: Sequence[Rejection], now: dt.datetime) -> int:
        before = self.count("rejected")
        for rej in rejections:
            rid = hashlib.sha256(f"{rej.origin}\x1f{rej.reason}".encode()).hexdigest()[:20]
            self.con.execute("INSERT OR IGNORE INTO rejected VALUES (?, ?, ?, ?)",
                             [rid, rej.origin, rej.reason, now])
        return self.count("rejected") - before

    # -- reading --------------------------------------------------------------------------
    def count(self, table: str) -> int:
        if table not in (*TABLES, "rejected"):
            raise StoreError(f"unknown table {table!r}")
        row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
        return int(row[0]) if row else 0

    def article_ids(self) -> list[str]:
        return [r[0] for r in self.con.execute(
            "SELECT id FROM articles ORDER BY date NULLS LAST, id").fetchall()]

    def load_analysis(self, article_id: str) -> Analysis:
        article = self._dicts("SELECT * FROM articles WHERE id = ?", [article_id])
        if not article:
            raise NotFoundError(f"no article with id {article_id!r}")
        parts = {t: self._dicts(f"SELECT * FROM {t} WHERE article_id = ? ORDER BY "
                                + ("start_char, end_char" if t == "mentions" else "idx"),
                                [article_id])
                 for t in RECORD_TABLES}
        return rows_to_analysis(article[0], **parts)

    def iter_analyses(self) -> Iterator[Analysis]:
        for article_id in self.article_ids():
            yield self.load_analysis(article_id)

    def rejections(self) -> list[Rejection]:
        return [Rejection(o, r) for o, r in self.con.execute(
            "SELECT origin, reason FROM rejected ORDER BY first_seen, origin").fetchall()]

    def _dicts(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        cur = self.con.execute(sql, list(params))
        names = [d[0] for d in cur.description or []]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        """Run a read query with bound parameters; rows as dicts."""
        try:
            return self._dicts(sql, params)
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: query failed ({exc})") from None


def _connect(path: str, read_only: bool, lock_timeout: float) -> duckdb.DuckDBPyConnection:
    """A connection to ``path``, retried while another process holds the file's lock.

    Writers go first: a writer kept out by readers leaves a marker file beside the database
    (``<path>.write-wanted``, refreshed while it waits), and readers that see a fresh marker
    hold back until the writer is in, then wait on its lock as usual."""
    deadline = time.monotonic() + max(0.0, lock_timeout)
    marker = Path(path + WRITE_WANTED_SUFFIX) if path != ":memory:" else None
    pause = 0.01
    try:
        while True:
            if read_only and marker is not None:
                _let_writer_in(marker, deadline)
            try:
                return duckdb.connect(path, read_only=read_only)
            except duckdb.IOException as exc:
                locked = "lock" in str(exc).lower()
                if not locked or time.monotonic() >= deadline:
                    why = (f"another process holds it (gave up after {lock_timeout:g} s)"
                           if locked else str(exc))
                    raise StoreError(f"{path}: cannot open database: {why}") from None
                if not read_only and marker is not None:
                    _touch(marker)
                time.sleep(min(pause, max(0.0, deadline - time.monotonic())))
                pause = min(pause * 1.5, 0.1)
            except duckdb.Error as exc:
                raise StoreError(f"{path}: cannot open database ({exc})") from None
    finally:
        if not read_only and marker is not None:
            marker.unlink(missing_ok=True)


#: a writer waiting for readers to let go leaves this file beside the database
WRITE_WANTED_SUFFIX = ".write-wanted"
#: a marker not refreshed for this many seconds is left over from a writer that died
_MARKER_FRESH = 1.0


def _touch(marker: Path) -> None:
    with contextlib.suppress(OSError):  # a read-only folder: readers then race the writer
        marker.touch()


def _let_writer_in(marker: Path, deadline: float) -> None:
    """Wait (until ``deadline`` at most) while a writer's fresh marker says it is waiting."""
    while time.monotonic() < deadline:
        try:
            age = time.time() - marker.stat().st_mtime
        except OSError:
            return
        if age > _MARKER_FRESH:
            return
        time.sleep(0.02)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
