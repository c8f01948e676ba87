"""Parquet records (what the Spark engine writes) round-trip into the same store as ingest,
without Spark: written with the same functions the Spark job uses, then load-parquet."""

from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest

import eventwire as ew
from eventwire import read_articles
from eventwire.cli import run
from eventwire.engines.parquet import (
    COLUMNS,
    from_record,
    load_parquet,
    read_parquet,
    to_record,
    write_parquet,
)
from eventwire.errors import InputError
from eventwire.model import Analysis, Rejection
from eventwire.store import Store

from .conftest import SAMPLES

TABLES = ("articles", "actors", "mentions", "quotes", "events", "times", "places", "rejected")
VOLATILE = {"ingested_at", "first_seen"}


def table_rows(db, table):
    """Every row of a table as sorted JSON strings, without the time it was written."""
    with Store(db, read_only=True) as store:
        rows = store.query(f"SELECT * FROM {table}")  # table names from the fixed list above
    return sorted(json.dumps({k: v for k, v in row.items() if k not in VOLATILE},
                             sort_keys=True, default=str) for row in rows)


@pytest.fixture(scope="module")
def sample_results(pipeline):
    items = [*read_articles([SAMPLES]), Rejection("feed.jsonl:7", "date '2025-13-45' is not a "
                                                                  "valid date")]
    return list(pipeline.pipe(items))


@pytest.fixture(scope="module")
def written(tmp_path_factory, sample_results):
    out = tmp_path_factory.mktemp("parquet") / "records"
    records = [to_record(i, r, ew.api.EXTRACTOR_VERSION) for i, r in enumerate(sample_results)]
    assert write_parquet(records, out) == 15
    return out


def test_a_record_gives_back_the_same_analysis_or_rejection(sample_results):
    for i, result in enumerate(sample_results):
        record = to_record(i, result, "v")
        assert set(record) == set(COLUMNS)
        assert from_record(record) == result


def test_records_are_partitioned_by_article_date(written, sample_results):
    dates = {r.article.date for r in sample_results if isinstance(r, Analysis)}
    partitions = {p.name for p in written.iterdir() if p.is_dir()}
    assert {f"date={d}" for d in dates} <= partitions
    one = next(written.glob("date=*/*.parquet"))
    assert "date" not in pq.read_schema(one).names  # the partition key is the folder
    assert [r["seq"] for r in read_parquet(written)] == list(range(15))


def test_load_parquet_stores_what_ingest_stores(tmp_path, written, pipeline):
    items = [*read_articles([SAMPLES])]
    ew.ingest([SAMPLES], tmp_path / "ingest.duckdb", pipeline=pipeline)
    summary = load_parquet(written, tmp_path / "parquet.duckdb")
    assert (summary.read, summary.stored, len(summary.rejected)) == (15, 14, 1)
    assert summary.rejected[0].origin == "feed.jsonl:7"
    for table in TABLES[:-1]:
        assert table_rows(tmp_path / "parquet.duckdb", table) == \
            table_rows(tmp_path / "ingest.duckdb", table), table
    assert len(items) == 14


def test_loading_the_same_records_twice_changes_nothing(tmp_path, written):
    db = tmp_path / "t.duckdb"
    load_parquet(written, db)
    before = {t: table_rows(db, t) for t in TABLES}
    again = load_parquet(written, db)
    assert (again.stored, again.unchanged) == (0, 14)
    assert {t: table_rows(db, t) for t in TABLES} == before


def test_cli_load_parquet(tmp_path, written, capsys):
    db = tmp_path / "cli.duckdb"
    assert run(["load-parquet", str(written), "--db", str(db)]) == 1  # one rejected input
    captured = capsys.readouterr()
    assert "14 articles stored" in captured.out
    assert "rejected: feed.jsonl:7: date '2025-13-45'" in captured.err
    assert run(["load-parquet", str(tmp_path / "nowhere"), "--db", str(db)]) == 1
    assert "no such file or directory" in capsys.readouterr().err


@pytest.mark.parametrize("record, message", [
    ({"seq": 3, "origin": "x.jsonl:4", "kind": "table"}, "not an eventwire Parquet record"),
    ({"seq": 3, "origin": "x.jsonl:4", "kind": "analysis", "analysis": "{not json",
      "article": "{}"}, "unreadable Parquet record"),
    ({"seq": 3, "origin": "x.jsonl:4", "kind": "analysis", "analysis": '{"schema": "v0"}',
      "article": '{"body": "Text."}'}, "unreadable Parquet record"),
])
def test_a_broken_record_is_refused_with_the_reason(record, message):
    with pytest.raises(InputError, match=message):
        from_record(record)
