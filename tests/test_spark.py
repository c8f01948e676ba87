"""The Spark engine gives the local engine's records, record for record.

200 AFP articles go through ``eventwire ingest --engine spark`` in ``local[2]`` mode and
through the local engine (``api.ingest`` with two worker processes). The SCHEMA v1 object of
every article in the Parquet records must equal the local store's, and after
``load-parquet`` every table of the two stores must hold the same rows.

Cost: about a minute on two idle cores (the JVM starts, and each of Spark's two Python
workers loads the model, the knowledge base and the gazetteer once), so it runs in
``make test``. Skipped where ``../shared`` is absent or Java is not installed.
"""

from __future__ import annotations

import json
import shutil
from itertools import islice

import pytest

import eventwire as ew
from eventwire.engines.parquet import load_parquet, read_parquet
from eventwire.errors import ConfigError
from eventwire.store import Store

from .conftest import AFP_CORPUS
from .test_parquet_load import TABLES, table_rows

N_ARTICLES = 200

needs_java = pytest.mark.skipif(shutil.which("java") is None,
                                reason="the Spark engine needs Java (17 or newer)")


@pytest.mark.needs_shared
@pytest.mark.slow
@needs_java
def test_spark_engine_equals_local_engine_record_for_record(tmp_path, pipeline):
    pytest.importorskip("pyspark")
    from eventwire.engines.spark import run_spark_ingest

    source = tmp_path / "afp200.jsonl"  # a temporary excerpt, removed with tmp_path
    with AFP_CORPUS.open(encoding="utf-8") as fh:
        source.write_text("".join(islice(fh, N_ARTICLES)), encoding="utf-8")

    out = tmp_path / "parquet"
    summary = run_spark_ingest([source], out, master="local[2]")
    assert (summary.analyses, summary.rejected) == (N_ARTICLES, [])
    assert len([p for p in out.iterdir() if p.name.startswith("date=")]) > 10

    local = ew.ingest([source], tmp_path / "local.duckdb", pipeline=pipeline, workers=2)
    assert local.stored == N_ARTICLES

    records = list(read_parquet(out))
    assert [r["seq"] for r in records] == list(range(N_ARTICLES))
    with Store(tmp_path / "local.duckdb", read_only=True) as store:
        for record in records:
            expected = store.load_analysis(record["article_id"]).to_dict()
            assert json.loads(record["analysis"]) == expected, record["article_id"]

    loaded = load_parquet(out, tmp_path / "spark.duckdb")
    assert (loaded.stored, loaded.rejected) == (N_ARTICLES, [])
    for table in TABLES:
        assert table_rows(tmp_path / "spark.duckdb", table) == \
            table_rows(tmp_path / "local.duckdb", table), table
    assert load_parquet(out, tmp_path / "spark.duckdb").unchanged == N_ARTICLES


def test_a_missing_java_is_a_clear_error(monkeypatch):
    from eventwire.engines import spark

    monkeypatch.setenv("JAVA_HOME", "/nonexistent-jdk")
    with pytest.raises(ConfigError, match="needs Java 17 or newer"):
        spark.spark_session("local[1]")


@pytest.mark.parametrize("args, message", [
    (["--engine", "spark"], "--engine spark needs --output DIR"),
    (["--output", "out"], "--output applies to --engine spark only"),
])
def test_engine_and_output_go_together(tmp_path, capsys, args, message):
    from eventwire.cli import run

    story = tmp_path / "story.txt"
    story.write_text("Kenya and Uganda signed a border deal.", encoding="utf-8")
    assert run(["ingest", str(story), "--db", str(tmp_path / "t.duckdb"), *args]) == 2
    assert message in capsys.readouterr().err
